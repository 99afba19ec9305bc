#pragma once
/// What the dashboard needs from storage: range scans of the source tables for the rollup, the read model's days
/// (replaced whole), the rollup's progress, and the period sums the figures come from. Every call runs on the
/// caller's session.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "transparency/model.hpp"

namespace soci {
class session;
}

namespace spbe::transparency {

/// A source row changed since some time: its id, when, the times that say which days it counts on, and every
/// column the figures depend on (updated_at has whole seconds: a row may change twice within one).
struct Change {
  std::int64_t id = 0;
  std::string updated_at;
  std::string node_path;
  std::string first, second;  // applications: submitted_at, closed_at; reports: created_at, ""
  std::string fingerprint;
};

/// How far the rollup has come. Marks are the newest updated_at (or id) already rolled up.
struct RollupState {
  std::string applications_mark, reports_mark;
  std::int64_t surveys_mark = 0;
  std::string built_at;  // empty: the read model was never built
};

/// The earliest and latest source times (UTC text; empty when there are no rows).
struct SourceSpan {
  std::string earliest, latest;
};

class TransparencyStore {
 public:
  virtual ~TransparencyStore() = default;

  // ---- Source scans (the rollup), by indexed ranges of UTC text [from, to). ----
  virtual void ScanSubmitted(soci::session& s, const std::string& from, const std::string& to,
                             const std::function<void(const ApplicationFact&)>& each) const = 0;
  virtual void ScanClosed(soci::session& s, const std::string& from, const std::string& to,
                          const std::function<void(const ApplicationFact&)>& each) const = 0;
  virtual void ScanReports(soci::session& s, const std::string& from, const std::string& to,
                           const std::function<void(const ReportFact&)>& each) const = 0;
  /// IKM answers summed per (day, service, agency) for days in [from_day, to_day].
  virtual std::map<DayKey, surveys::Totals> IkmOfDays(soci::session& s, const std::string& from_day,
                                                      const std::string& to_day) const = 0;

  /// Rows whose updated_at is at or after `since`.
  virtual std::vector<Change> ApplicationsChangedSince(soci::session& s, const std::string& since) const = 0;
  virtual std::vector<Change> ReportsChangedSince(soci::session& s, const std::string& since) const = 0;
  /// Survey answers with an id above `after`: (id, day).
  virtual std::vector<std::pair<std::int64_t, std::string>> SurveysAfter(soci::session& s,
                                                                         std::int64_t after) const = 0;
  /// Answers per day from `day` on, in the source and in the read model (answers are never changed or deleted, so
  /// a day whose counts differ has answers the read model lacks, such as one committed late).
  virtual std::map<std::string, std::int64_t> SurveyCountsFrom(soci::session& s, const std::string& day) const = 0;
  virtual std::map<std::string, std::int64_t> IkmRespondentsFrom(soci::session& s, const std::string& day) const = 0;
  virtual SourceSpan Span(soci::session& s) const = 0;
  /// The newest updated_at of applications and of reports, and the highest survey id: where a full build starts.
  virtual RollupState Newest(soci::session& s) const = 0;

  // ---- The read model and the rollup's progress. ----
  /// The progress row, locked until the end of the unit of work on PostgreSQL (FOR UPDATE), which serialises the
  /// rollups of several processes.
  virtual RollupState LockState(soci::session& s) const = 0;
  virtual RollupState State(soci::session& s) const = 0;
  /// Advances the marks (never backwards) and, when given, sets built_at.
  virtual void SaveMarks(soci::session& s, const RollupState& marks) const = 0;
  /// Claims the full build for `until` unless another process holds an unexpired claim. False when it does.
  virtual bool ClaimBuild(soci::session& s, const std::string& now, const std::string& until) const = 0;
  /// Forgets the build, so that the next rollup builds everything (after seeding, or from `spbe stats rebuild`).
  virtual void ForgetBuild(soci::session& s) const = 0;
  /// Replaces days [from_day, to_day] of the read model with `rows` (keyed by day).
  virtual void ReplaceDays(soci::session& s, const std::string& from_day, const std::string& to_day,
                           const DayTotals& rows) const = 0;
  /// The read model's days [from_day, to_day], keyed by day.
  virtual DayTotals Days(soci::session& s, const std::string& from_day, const std::string& to_day) const = 0;
  /// Replaces a month's rows ("2026-03") with `rows` (keyed by month).
  virtual void ReplaceMonth(soci::session& s, const std::string& month, const DayTotals& rows) const = 0;
  /// Removes the read model's days and months outside [from_day, to_day] (sources emptied or rewritten).
  virtual void DeleteOutside(soci::session& s, const std::string& from_day, const std::string& to_day) const = 0;

  // ---- Figures of a period, from the read model only. ----
  /// The period's rows keyed by month: the monthly rows of its whole months, and the daily rows of its partial
  /// months summed into their month.
  virtual DayTotals PeriodRows(soci::session& s, const PeriodParts& parts) const = 0;
};

std::unique_ptr<TransparencyStore> MakeSqlTransparencyStore();

}  // namespace spbe::transparency
