#include "platform/working_days.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <set>

#include "platform/i18n.hpp"

namespace spbe {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

int DayNumber(Date d) { return static_cast<int>(sys_days(d).time_since_epoch().count()); }
Date FromDayNumber(int n) { return Date(sys_days(days(n))); }

bool Weekend(int n) {
  std::chrono::weekday w{sys_days(days(n))};
  return w == std::chrono::Saturday || w == std::chrono::Sunday;
}

// Splits one CSV line into fields ("" quotes, commas inside quotes).
std::vector<std::string> CsvFields(std::string_view line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        out.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        out.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  return out;
}

}  // namespace

std::optional<Date> ParseDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  int y = 0;
  unsigned m = 0, d = 0;
  auto num = [&](std::size_t at, std::size_t len, auto& out) {
    auto [p, ec] = std::from_chars(s.data() + at, s.data() + at + len, out);
    return ec == std::errc() && p == s.data() + at + len;
  };
  if (!num(0, 4, y) || !num(5, 2, m) || !num(8, 2, d)) return std::nullopt;
  Date date{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)};
  if (!date.ok()) return std::nullopt;
  return date;
}

std::string FormatDate(Date d) {
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                     static_cast<unsigned>(d.day()));
}

std::string_view HolidayKindName(HolidayKind k) {
  return k == HolidayKind::kLiburNasional ? "libur_nasional" : "cuti_bersama";
}

std::optional<HolidayKind> ParseHolidayKind(std::string_view name) {
  if (name == "libur_nasional") return HolidayKind::kLiburNasional;
  if (name == "cuti_bersama") return HolidayKind::kCutiBersama;
  return std::nullopt;
}

Result<std::vector<Holiday>> ParseHolidayCsv(std::string_view csv, std::string_view lang) {
  std::vector<Holiday> out;
  std::vector<FieldError> errors;
  std::set<int> seen;
  int line_no = 0;
  bool header = true;
  std::size_t pos = 0;
  while (pos < csv.size()) {
    std::size_t eol = csv.find('\n', pos);
    std::string_view line = csv.substr(pos, eol == std::string_view::npos ? std::string_view::npos : eol - pos);
    pos = eol == std::string_view::npos ? csv.size() : eol + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    auto fields = CsvFields(line);
    if (header) {
      header = false;
      if (fields.size() < 4 || fields[0] != "date" || fields[1] != "kind") {
        errors.push_back({"line 1", i18n::Tr(lang, "platform_holidays_header")});
        break;
      }
      continue;
    }
    std::string where = i18n::Tr(lang, "platform_csv_line", {{"line", std::to_string(line_no)}});
    if (fields.size() < 4) {
      errors.push_back({where, i18n::Tr(lang, "platform_holidays_columns")});
      continue;
    }
    auto date = ParseDate(fields[0]);
    auto kind = ParseHolidayKind(fields[1]);
    if (!date) {
      errors.push_back({where, i18n::Tr(lang, "platform_holidays_date", {{"value", fields[0]}})});
    } else if (!kind) {
      errors.push_back({where, i18n::Tr(lang, "platform_holidays_kind", {{"kind", fields[1]}})});
    } else if (fields[2].empty()) {
      errors.push_back({where, i18n::Tr(lang, "platform_holidays_name_id")});
    } else if (!seen.insert(DayNumber(*date)).second) {
      errors.push_back({where, i18n::Tr(lang, "platform_holidays_twice", {{"date", fields[0]}})});
    } else {
      out.push_back(
          {*date, *kind, fields[2], fields[3].empty() ? fields[2] : fields[3], fields.size() > 4 ? fields[4] : ""});
    }
  }
  if (header && errors.empty()) errors.push_back({"line 1", i18n::Tr(lang, "platform_file_empty")});
  if (!errors.empty()) return Error::Validation(std::move(errors));
  return out;
}

TimeZone ParseTimeZone(std::string_view name) {
  if (name == "Asia/Makassar" || name == "WITA") return TimeZone::kWita;
  if (name == "Asia/Jayapura" || name == "WIT") return TimeZone::kWit;
  return TimeZone::kWib;
}

std::string_view TimeZoneName(TimeZone z) {
  switch (z) {
    case TimeZone::kWib:
      return "WIB";
    case TimeZone::kWita:
      return "WITA";
    case TimeZone::kWit:
      return "WIT";
  }
  return "WIB";
}

std::chrono::hours UtcOffset(TimeZone z) { return std::chrono::hours(7 + static_cast<int>(z)); }

Date LocalDate(TimePoint t, TimeZone z) { return Date(std::chrono::floor<days>(t + UtcOffset(z))); }

TimePoint EndOfLocalDay(Date d, TimeZone z) {
  return TimePoint(sys_days(d) + days(1) - std::chrono::seconds(1) - UtcOffset(z));
}

WorkCalendar::WorkCalendar(const std::vector<Holiday>& days_off, bool cuti_bersama_is_working) {
  for (const auto& h : days_off) {
    if (h.kind == HolidayKind::kCutiBersama && cuti_bersama_is_working) continue;
    off_.push_back(DayNumber(h.date));
  }
  std::sort(off_.begin(), off_.end());
  off_.erase(std::unique(off_.begin(), off_.end()), off_.end());
}

bool WorkCalendar::IsWorkingDay(Date d) const {
  int n = DayNumber(d);
  return !Weekend(n) && !std::binary_search(off_.begin(), off_.end(), n);
}

Date WorkCalendar::AddWorkingDays(Date d, int count) const {
  int n = DayNumber(d);
  if (count <= 0) {
    while (!IsWorkingDay(FromDayNumber(n))) ++n;
    return FromDayNumber(n);
  }
  while (count > 0) {
    ++n;
    if (IsWorkingDay(FromDayNumber(n))) --count;
  }
  return FromDayNumber(n);
}

int WorkCalendar::WorkingDaysBetween(Date from, Date to) const {
  int a = DayNumber(from), b = DayNumber(to), count = 0;
  for (int n = a + 1; n <= b; ++n) {
    if (IsWorkingDay(FromDayNumber(n))) ++count;
  }
  return count;
}

std::optional<TimePoint> DueAt(const WorkCalendar& cal, TimeZone z, TimePoint started, int working_days,
                               std::vector<Pause> pauses) {
  std::sort(pauses.begin(), pauses.end(), [](const Pause& a, const Pause& b) { return a.from < b.from; });
  Date cursor = LocalDate(started, z);
  int remaining = std::max(0, working_days);
  for (const auto& p : pauses) {
    if (p.to && *p.to <= started) continue;  // before the count began
    TimePoint from = std::max(p.from, started);
    Date paused_on = LocalDate(from, z);
    if (paused_on > cursor) {
      int used = cal.WorkingDaysBetween(cursor, paused_on);
      // The deadline fell before the pause: it stays where it was, whatever happened after.
      if (used > remaining) return EndOfLocalDay(cal.AddWorkingDays(cursor, remaining), z);
      remaining -= used;
      cursor = paused_on;
    }
    if (!p.to) return std::nullopt;
    Date resumed_on = LocalDate(*p.to, z);
    if (resumed_on > cursor) cursor = resumed_on;
  }
  return EndOfLocalDay(cal.AddWorkingDays(cursor, remaining), z);
}

int WorkingDaysLeft(const WorkCalendar& cal, TimeZone z, TimePoint now, TimePoint due) {
  Date today = LocalDate(now, z), due_day = LocalDate(due, z);
  if (now <= due) return cal.WorkingDaysBetween(today, due_day);
  // Past the deadline it never reads "due today", not even on the weekend after a Friday deadline.
  return std::min(-1, -cal.WorkingDaysBetween(due_day, today));
}

}  // namespace spbe
