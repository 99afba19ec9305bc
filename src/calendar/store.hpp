#pragma once
/// What the calendar capability needs from storage. Every call runs on the caller's session (inside its unit of work
/// for writes).

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "platform/working_days.hpp"

namespace soci {
class session;
}

namespace spbe::calendar {

class CalendarStore {
 public:
  virtual ~CalendarStore() = default;
  /// The checksum of the reference data set `name` as last loaded; nullopt when never loaded.
  virtual std::optional<std::string> Checksum(soci::session& s, const std::string& name) const = 0;
  virtual void SetChecksum(soci::session& s, const std::string& name, const std::string& checksum,
                           const std::string& now) const = 0;
  virtual long long CountHolidays(soci::session& s) const = 0;
  /// Adds a day unless the table has it already (an admin may have moved it).
  virtual void InsertHoliday(soci::session& s, const Holiday& h, const std::string& now) const = 0;
  /// Adds a day or replaces the one on its date.
  virtual void UpsertHoliday(soci::session& s, const Holiday& h, const std::string& now) const = 0;
  virtual bool HolidayExists(soci::session& s, const std::string& date) const = 0;
  virtual void DeleteHoliday(soci::session& s, const std::string& date) const = 0;
  /// Every day by date (rows that do not parse are left out).
  virtual std::vector<Holiday> Holidays(soci::session& s) const = 0;
  /// Each node's choice to serve on cuti bersama days, by node id.
  virtual std::map<std::int64_t, bool> CutiBersamaSettings(soci::session& s) const = 0;
  virtual void SetCutiBersamaWorking(soci::session& s, std::int64_t node_id, bool working) const = 0;
  /// The ids of the roots of the organisation tree.
  virtual std::vector<std::int64_t> RootNodeIds(soci::session& s) const = 0;
};

std::unique_ptr<CalendarStore> MakeSqlCalendarStore();

}  // namespace spbe::calendar
