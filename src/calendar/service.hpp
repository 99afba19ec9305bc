#pragma once
/// The working-day calendar kept in the database: national holidays and cuti bersama (seeded from
/// data/holidays.csv, the reference list for 2025-2027) and each agency's choice to serve on cuti bersama days.
/// Deadlines read it often, so it is cached and re-read at most once a minute (or at once after a change here).

#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "access/access.hpp"
#include "calendar/store.hpp"
#include "platform/clock.hpp"
#include "platform/working_days.hpp"
#include "storage/database.hpp"

namespace spbe::calendar {

/// Loads data/holidays.csv when it differs from what was loaded before. Days already in the table are left as they
/// are: an admin may have moved them. Returns how many days were added.
Result<int> SeedHolidays(storage::Database& db, const CalendarStore& store, const std::string& now);

class CalendarService {
 public:
  CalendarService(storage::Database& db, const CalendarStore& store, Clock clock)
      : db_(db), store_(store), clock_(std::move(clock)) {}

  /// The calendar for a node: the holidays, with cuti bersama as working days when the nearest node on its path
  /// that has a setting says so.
  WorkCalendar For(const std::string& node_path);
  /// Whether an agency serves on cuti bersama days (its subtree follows it). Agency or platform admins of the node.
  Status SetCutiBersamaWorking(const access::Actor& admin, std::int64_t node_id, const std::string& node_path,
                               bool working, std::string_view lang);
  std::vector<Holiday> Holidays();

  /// Platform admins keep the national calendar: a day added or changed (an Idulfitri moved by the minister),
  /// a day removed, a new year imported from CSV (the holidays.csv format; errors name the line, nothing is written
  /// then). Audited; deadlines of running files are recounted afterwards (see OnChange).
  Status PutHoliday(const access::Actor& admin, const Holiday& day, std::string_view lang);
  Status DeleteHoliday(const access::Actor& admin, Date date, std::string_view lang);
  Result<int> ImportCsv(const access::Actor& admin, std::string_view csv, std::string_view lang);
  /// Called after every change, outside any unit of work (the applications capability recounts deadlines).
  void OnChange(std::function<void()> listener) { listeners_.push_back(std::move(listener)); }

 private:
  void Refresh();
  Status MayEdit(const access::Actor& admin, std::string_view lang) const;
  void Changed();

  storage::Database& db_;
  const CalendarStore& store_;
  Clock clock_;
  std::mutex mu_;
  TimePoint loaded_at_{};
  std::vector<Holiday> holidays_;
  std::map<std::int64_t, bool> cuti_working_;  // by node id
  WorkCalendar closed_, open_;                 // cuti bersama off / on
  std::vector<std::function<void()>> listeners_;
};

}  // namespace spbe::calendar
