#pragma once
/// What the reports capability needs from storage. Every call runs on the caller's session (inside its unit of work
/// for writes).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "reports/model.hpp"

namespace soci {
class session;
}

namespace spbe::reports {

struct ReportRow {
  std::int64_t id = 0;
  std::string tracking_number;  // 12 digits
  std::string access_code_hash;
  std::string kind, identity, category, status;
  std::string title, body;
  std::string region_code;
  std::optional<double> latitude, longitude;
  std::string happened_on;
  std::int64_t about_node_id = 0;
  std::int64_t service_id = 0;
  std::int64_t application_id = 0;
  std::int64_t reporter_account_id = 0;
  std::string reporter_sealed;  // {"name", "contact", "lang"} sealed; "" when anonymous
  std::int64_t node_id = 0;     // who holds it now
  std::string node_path;
  std::string track;
  bool is_public = false;
  std::int64_t merged_into = 0;
  bool objected = false;
  std::int64_t supports = 0;
  int rating = 0;  // 0: not rated
  std::string rating_note;
  std::string created_at, updated_at, verify_due_at, verified_at, response_due_at, first_response_at, due_at,
      answered_at, closed_at, paused_at;
  int overdue_level = 0;
};

struct EventRow {
  std::int64_t id = 0;
  std::int64_t report_id = 0;
  std::string at;
  std::int64_t actor_id = 0;
  std::string role;  // desk, office, reporter, system
  std::int64_t office_node_id = 0;
  std::string action;
  std::string note;
  std::int64_t to_node_id = 0;
  bool internal = false;
};

struct FileRow {
  std::int64_t id = 0;
  std::int64_t report_id = 0;
  std::string file_name;
  std::string kind;
  std::int64_t size = 0;
  std::string sha256;
  bool location_kept = false;
  std::string created_at;
};

struct Category {
  std::string slug, name_id, name_en;
};

/// The public feed's filters; empty or 0 means any.
struct FeedQuery {
  std::string node_path;  // the office holding it (its subtree)
  std::string region_prefix;
  std::string kind;
  std::string status;
  int limit = 20;
  int offset = 0;
};

/// A queue of reports held under the paths, in deadline order.
struct QueueQuery {
  std::vector<std::string> node_paths;  // subtrees the actor reaches
  std::vector<std::string> statuses;
  int limit = 50;
  int offset = 0;
};

class ReportStore {
 public:
  virtual ~ReportStore() = default;
  virtual std::int64_t Insert(soci::session& s, const ReportRow& r) const = 0;
  /// Writes every mutable column (status, holder, track, times, rating ...).
  virtual void Update(soci::session& s, const ReportRow& r) const = 0;
  virtual std::optional<ReportRow> ByTrackingNumber(soci::session& s, const std::string& tn) const = 0;
  /// Locked for the update on PostgreSQL (FOR UPDATE): two officers acting at once are serialised.
  virtual std::optional<ReportRow> LockByTrackingNumber(soci::session& s, const std::string& tn) const = 0;
  virtual bool TrackingNumberTaken(soci::session& s, const std::string& tn) const = 0;

  virtual void AddEvent(soci::session& s, const EventRow& e) const = 0;
  virtual std::vector<EventRow> Events(soci::session& s, std::int64_t report_id) const = 0;
  virtual void AddFile(soci::session& s, const FileRow& f) const = 0;
  virtual std::vector<FileRow> Files(soci::session& s, std::int64_t report_id) const = 0;

  /// Public reports, newest first, and how many match.
  virtual std::vector<ReportRow> Feed(soci::session& s, const FeedQuery& q) const = 0;
  virtual std::int64_t FeedCount(soci::session& s, const FeedQuery& q) const = 0;
  virtual std::vector<ReportRow> Queue(soci::session& s, const QueueQuery& q) const = 0;
  virtual std::vector<ReportRow> OfAccount(soci::session& s, std::int64_t account_id, int limit) const = 0;

  /// Adds a supporter's +1 once; false when this supporter already gave one.
  virtual bool AddSupport(soci::session& s, std::int64_t report_id, const std::string& supporter,
                          const std::string& now) const = 0;
  virtual bool Supported(soci::session& s, std::int64_t report_id, const std::string& supporter) const = 0;

  virtual std::vector<Category> Categories(soci::session& s) const = 0;
  virtual std::vector<Route> Routes(soci::session& s) const = 0;
  /// Adds or replaces the rule for (category, region prefix).
  virtual std::int64_t PutRoute(soci::session& s, const Route& r, const std::string& now) const = 0;
  virtual bool DeleteRoute(soci::session& s, std::int64_t id) const = 0;

  /// Reports at the desk past their verification limit, or at an office past its deadline, not yet escalated
  /// twice.
  virtual std::vector<ReportRow> Overdue(soci::session& s, const std::string& now, int limit) const = 0;
  /// Raises the overdue level from `from` to `to`; false when another process did it first.
  virtual bool RaiseOverdue(soci::session& s, std::int64_t id, int from, int to) const = 0;
};

std::unique_ptr<ReportStore> MakeSqlReportStore();

}  // namespace spbe::reports
