#pragma once
/// Working days ("hari kerja") in an agency's own time zone: deadlines skip weekends, national holidays and, unless
/// the agency serves on them, cuti bersama (../shared/reference/holidays.md). Indonesia has no daylight saving, so a
/// zone is a fixed offset. Pure: the holidays come in from the caller.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/clock.hpp"
#include "platform/result.hpp"

namespace spbe {

using Date = std::chrono::year_month_day;

std::optional<Date> ParseDate(std::string_view text);  // "2026-11-22"
std::string FormatDate(Date d);

enum class HolidayKind { kLiburNasional, kCutiBersama };
std::string_view HolidayKindName(HolidayKind k);  // "libur_nasional", "cuti_bersama"
std::optional<HolidayKind> ParseHolidayKind(std::string_view name);

struct Holiday {
  Date date;
  HolidayKind kind = HolidayKind::kLiburNasional;
  std::string name_id;
  std::string name_en;
  std::string source;
};

/// Reads the holidays.csv format (`date,kind,name_id,name_en,source`, header first, quoted fields allowed). Errors
/// name the line: a bad date, an unknown kind, a missing name, a date twice.
Result<std::vector<Holiday>> ParseHolidayCsv(std::string_view csv, std::string_view lang = "id");

enum class TimeZone { kWib, kWita, kWit };  // UTC+7, +8, +9
/// From "Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura" or "WIB", "WITA", "WIT"; WIB for anything else.
TimeZone ParseTimeZone(std::string_view name);
std::string_view TimeZoneName(TimeZone z);  // "WIB", "WITA", "WIT"
std::chrono::hours UtcOffset(TimeZone z);

/// The civil date of an instant in the zone.
Date LocalDate(TimePoint t, TimeZone z);
/// The last second of a local day (23:59:59 there): a deadline is "by the end of that day".
TimePoint EndOfLocalDay(Date d, TimeZone z);

class WorkCalendar {
 public:
  WorkCalendar() = default;
  WorkCalendar(const std::vector<Holiday>& days, bool cuti_bersama_is_working);

  bool IsWorkingDay(Date d) const;
  /// The n-th working day after d; d itself never counts (a file in on Monday with one day is due Tuesday; in on
  /// Saturday, due Monday). n == 0: d when it is a working day, else the next one.
  Date AddWorkingDays(Date d, int n) const;
  /// Working days in (from, to]; 0 when to <= from.
  int WorkingDaysBetween(Date from, Date to) const;

 private:
  std::vector<int> off_;  // sorted days since the epoch that are not working days (weekends aside)
};

/// A stretch while the clock stood still (the file was with the applicant). `to` empty: still stopped.
struct Pause {
  TimePoint from;
  std::optional<TimePoint> to;
};

/// When a limit of `working_days` that started at `started` is due: counting starts with the working day after the
/// start date; a pause uses up the day it starts (when a working day) and counting resumes with the working day
/// after it ends; the deadline is the end of the last working day, local time. nullopt while a pause is open.
std::optional<TimePoint> DueAt(const WorkCalendar& cal, TimeZone z, TimePoint started, int working_days,
                               std::vector<Pause> pauses);

/// Working days from `now` to `due` (local dates): 0 on the due day, 2 when two working days remain, negative when
/// overdue (-1: one working day late).
int WorkingDaysLeft(const WorkCalendar& cal, TimeZone z, TimePoint now, TimePoint due);

}  // namespace spbe
