#pragma once
/// Keeps the dashboard's read model (V014, stats_*) current. Every few seconds a pass finds the source rows changed
/// since the last one (applications and reports by updated_at, IKM answers by id), marks their days dirty and
/// recomputes those whole days from the sources: each day is replaced (delete + insert) in one unit of work, so a
/// day recomputed twice, or by two processes, comes out the same. On a read model never built (first start, after
/// seed-demo, after the holiday calendar changed) a pass builds every day.
///
/// Late commits: a unit of work stamps updated_at when it starts and may commit seconds later, behind a mark already
/// taken. Each pass therefore looks again at the last `overlap` before its mark and skips only the rows it has
/// already rolled up in the same state (every column the figures depend on). IKM answers are never changed and carry
/// the UTC date they were given, so a day whose count differs from the read model's is dirty too (an answer committed
/// late behind the id mark).
///
/// Several processes (PostgreSQL): a recompute locks the progress row (FOR UPDATE) before reading the sources, so
/// recomputes are serialised and each sees what the one before it wrote; a full build is claimed with a lease.

#include <chrono>
#include <map>
#include <mutex>
#include <set>
#include <string>

#include "calendar/service.hpp"
#include "org/service.hpp"
#include "platform/clock.hpp"
#include "storage/database.hpp"
#include "transparency/store.hpp"

namespace spbe::transparency {

struct RollupOptions {
  std::chrono::seconds overlap{300};      // longer than any unit of work that writes applications or reports
  int chunk_days = 31;                    // days recomputed per unit of work, within one month
  std::chrono::seconds build_lease{900};  // a full build claimed by a process that died is taken over after this
};

struct RollupReport {
  bool built = false;    // every day was rebuilt
  bool skipped = false;  // another process holds the full build
  int days = 0;          // days recomputed
  std::int64_t changes = 0;
  double seconds = 0;
};

class Rollup {
 public:
  Rollup(storage::Database& db, const TransparencyStore& store, calendar::CalendarService& calendar,
         org::OrgService& org, Clock clock, RollupOptions options = {})
      : db_(db), store_(store), calendar_(calendar), org_(org), clock_(std::move(clock)), options_(options) {}

  /// One pass: everything when the read model was never built, else the days changed since the last pass.
  Result<RollupReport> Run();
  /// Builds every day again from the sources (`spbe stats rebuild`).
  Result<RollupReport> Rebuild();
  /// The next pass (in any process) builds everything: after bulk loads and changes to the holiday calendar.
  Status Invalidate();

 private:
  struct Place {
    TimeZone zone = TimeZone::kWib;
    WorkCalendar calendar;
  };
  const Place& PlaceOf(const std::string& node_path);
  Result<RollupReport> BuildLocked();
  /// Recomputes the local days given, a run of at most chunk_days consecutive days per unit of work.
  Status Recompute(const std::set<Date>& days);

  storage::Database& db_;
  const TransparencyStore& store_;
  calendar::CalendarService& calendar_;
  org::OrgService& org_;
  Clock clock_;
  RollupOptions options_;

  std::mutex mu_;                        // one pass at a time in this process; guards what follows
  std::map<std::string, Place> places_;  // by node path, for one pass (the calendar may change between passes)
  // Rows rolled up while the look-back can still see them: id -> (updated_at, fingerprint).
  std::map<std::int64_t, std::pair<std::string, std::string>> seen_applications_, seen_reports_;
};

}  // namespace spbe::transparency
