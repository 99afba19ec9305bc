#pragma once
/// The working-day calendar kept in the database: national holidays and cuti bersama (seeded from
/// data/holidays.csv, the reference list for 2025-2027) and each agency's choice to serve on cuti bersama days.
/// Deadlines read it often, so it is cached and re-read at most once a minute (or at once after a change here).

#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "platform/clock.hpp"
#include "platform/working_days.hpp"
#include "storage/database.hpp"

namespace spbe::calendar {

/// Loads data/holidays.csv when it differs from what was loaded before. Days already in the table are left as they
/// are: an admin may have moved them. Returns how many days were added.
Result<int> SeedHolidays(storage::Database& db, const std::string& now);

class CalendarService {
 public:
  CalendarService(storage::Database& db, Clock clock) : db_(db), clock_(std::move(clock)) {}

  /// The calendar for a node: the holidays, with cuti bersama as working days when the nearest node on its path
  /// that has a setting says so.
  WorkCalendar For(const std::string& node_path);
  /// Whether the node itself serves on cuti bersama days (nullopt: it follows its parent).
  Status SetCutiBersamaWorking(std::int64_t node_id, bool working);
  std::vector<Holiday> Holidays();

 private:
  void Refresh();

  storage::Database& db_;
  Clock clock_;
  std::mutex mu_;
  TimePoint loaded_at_{};
  std::vector<Holiday> holidays_;
  std::map<std::int64_t, bool> cuti_working_;  // by node id
  WorkCalendar closed_, open_;                 // cuti bersama off / on
};

}  // namespace spbe::calendar
