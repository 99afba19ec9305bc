#pragma once
/// What the applications capability needs from storage. Every call runs on the caller's session (inside its unit
/// of work for writes).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "storage/idempotency.hpp"

namespace soci {
class session;
}

namespace spbe::applications {

struct ApplicationRow {
  std::int64_t id = 0;
  std::string tracking_number;
  std::string access_code_hash;
  std::int64_t service_id = 0;
  std::int64_t version_id = 0;
  std::string node_path;  // the service's agency
  std::int64_t applicant_id = 0;
  std::string status;
  std::string step;
  std::string step_node_path;
  std::string step_role;
  std::string step_started_at;
  std::string step_due_at;
  std::int64_t claimed_by = 0;
  std::string data_sealed;
  std::string created_at, updated_at, submitted_at, due_at, paused_at, closed_at;
  bool deemed_granted = false;  // written at filing, from the version (fiktif positif)
  std::int64_t fee_amount = 0;  // whole rupiah, computed from the version and the data at (re)submission
};

struct EventRow {
  std::int64_t id = 0;
  std::int64_t application_id = 0;
  std::string at;
  std::int64_t actor_id = 0;
  std::int64_t office_node_id = 0;
  std::string step;
  std::string action;
  std::string note;
  bool internal = false;
  std::string due_at;
};

struct FileRow {
  std::int64_t id = 0;
  std::int64_t application_id = 0;
  std::string field;
  std::string file_name;
  std::string kind;
  std::int64_t size = 0;
  std::string sha256;
  std::string created_at;
};

/// One of the officer's ways into the worklist: files at a step for `role` on the node at `node_path` exactly
/// (a grant on a parent node is expanded into its subtree's nodes by the service).
struct WorkGrant {
  std::string role;
  std::string node_path;
};

struct WorklistQuery {
  std::vector<WorkGrant> grants;
  std::int64_t service_id = 0;  // 0: any
  std::string step;             // "": any
  std::string status;           // "in_progress" (default) or "returned"
  int limit = 50;
  int offset = 0;
};

using IdempotentAnswer = storage::IdempotentAnswer;

class ApplicationStore {
 public:
  virtual ~ApplicationStore() = default;
  virtual std::int64_t Insert(soci::session& s, const ApplicationRow& a) const = 0;
  /// Writes every mutable column of the row (status, step, claim, data, times).
  virtual void Update(soci::session& s, const ApplicationRow& a) const = 0;
  virtual std::optional<ApplicationRow> ByTrackingNumber(soci::session& s, const std::string& tn) const = 0;
  virtual std::optional<ApplicationRow> ById(soci::session& s, std::int64_t id) const = 0;
  /// The row locked for an update on PostgreSQL (FOR UPDATE), so two officers acting at once are serialised.
  virtual std::optional<ApplicationRow> LockByTrackingNumber(soci::session& s, const std::string& tn) const = 0;
  virtual bool TrackingNumberTaken(soci::session& s, const std::string& tn) const = 0;
  /// Files that are running (in progress or with the applicant), by id after `after_id`.
  virtual std::vector<ApplicationRow> Running(soci::session& s, std::int64_t after_id, int limit) const = 0;
  /// Files in progress past their step's deadline and not yet escalated twice: tracking number and level.
  virtual std::vector<std::pair<std::string, int>> Overdue(soci::session& s, const std::string& now,
                                                           int limit) const = 0;
  /// Files in progress past the service's time limit whose version grants them when undecided.
  virtual std::vector<std::string> UndecidedPastLimit(soci::session& s, const std::string& now, int limit) const = 0;
  /// Raises the overdue level from `from` to `to`; false when another process did it first.
  virtual bool RaiseOverdue(soci::session& s, std::int64_t id, int from, int to) const = 0;
  virtual bool HasApplications(soci::session& s, std::int64_t applicant_id) const = 0;
  /// Files completed in [from, to] (UTC times) of a service (0: any) under a node path: the population a survey
  /// samples.
  virtual std::int64_t CompletedCount(soci::session& s, std::int64_t service_id, const std::string& node_path,
                                      const std::string& from, const std::string& to) const = 0;
  virtual std::vector<ApplicationRow> OfApplicant(soci::session& s, std::int64_t applicant_id, int limit) const = 0;
  /// An applicant's files, newest first: all (`closed` empty), only those still going, or only those decided.
  virtual std::vector<ApplicationRow> OfApplicant(soci::session& s, std::int64_t applicant_id,
                                                  std::optional<bool> closed, int limit, int offset) const = 0;

  /// Files at a step the grants reach, oldest deadline first.
  virtual std::vector<ApplicationRow> Worklist(soci::session& s, const WorklistQuery& q) const = 0;

  virtual void AddEvent(soci::session& s, const EventRow& e) const = 0;
  virtual std::vector<EventRow> Events(soci::session& s, std::int64_t application_id) const = 0;

  virtual std::int64_t AddFile(soci::session& s, const FileRow& f) const = 0;
  virtual std::vector<FileRow> Files(soci::session& s, std::int64_t application_id) const = 0;
  virtual std::optional<FileRow> File(soci::session& s, std::int64_t file_id) const = 0;

  virtual std::optional<IdempotentAnswer> Idempotent(soci::session& s, const std::string& scope,
                                                     const std::string& key) const = 0;
  virtual void RememberIdempotent(soci::session& s, const std::string& scope, const std::string& key,
                                  const IdempotentAnswer& a, const std::string& now) const = 0;
};

std::unique_ptr<ApplicationStore> MakeSqlApplicationStore();

}  // namespace spbe::applications
