#include "platform/local_time.hpp"

#include <fmt/format.h>

#include "platform/i18n.hpp"

namespace spbe {
namespace {

constexpr std::string_view kMonthKeys[] = {
    "platform_month_january",   "platform_month_february", "platform_month_march",    "platform_month_april",
    "platform_month_may",       "platform_month_june",     "platform_month_july",     "platform_month_august",
    "platform_month_september", "platform_month_october",  "platform_month_november", "platform_month_december"};

struct Civil {
  Date date;
  long long hours, minutes, seconds;
};

Civil ToCivil(TimePoint t, TimeZone z) {
  auto local = std::chrono::time_point_cast<std::chrono::seconds>(t) + UtcOffset(z);
  auto day = std::chrono::floor<std::chrono::days>(local);
  auto rest = local - day;
  long long s = rest.count();
  return {Date(day), s / 3600, (s / 60) % 60, s % 60};
}

}  // namespace

std::string_view MonthName(unsigned month, std::string_view lang) {
  if (month < 1 || month > 12) return "";
  return i18n::Tr(lang, kMonthKeys[month - 1]);
}

std::string DateText(Date d, std::string_view lang) {
  return fmt::format("{} {} {}", static_cast<unsigned>(d.day()), MonthName(static_cast<unsigned>(d.month()), lang),
                     static_cast<int>(d.year()));
}

std::string LocalDateText(TimePoint t, TimeZone z, std::string_view lang) { return DateText(ToCivil(t, z).date, lang); }

std::string LocalDateTimeText(TimePoint t, TimeZone z, std::string_view lang) {
  Civil c = ToCivil(t, z);
  if (lang == "en") {
    return fmt::format("{}, {:02}:{:02} {}", DateText(c.date, lang), c.hours, c.minutes, TimeZoneName(z));
  }
  return fmt::format("{} {:02}.{:02} {}", DateText(c.date, lang), c.hours, c.minutes, TimeZoneName(z));
}

std::string IsoLocal(TimePoint t, TimeZone z) {
  Civil c = ToCivil(t, z);
  return fmt::format("{}T{:02}:{:02}:{:02}+{:02}:00", FormatDate(c.date), c.hours, c.minutes, c.seconds,
                     UtcOffset(z).count());
}

std::string LocalDateTimeText(std::string_view utc, TimeZone z, std::string_view lang) {
  auto t = ParseUtc(utc);
  return t ? LocalDateTimeText(*t, z, lang) : std::string();
}

std::string LocalDateText(std::string_view utc, TimeZone z, std::string_view lang) {
  auto t = ParseUtc(utc);
  return t ? LocalDateText(*t, z, lang) : std::string();
}

std::string IsoLocal(std::string_view utc, TimeZone z) {
  auto t = ParseUtc(utc);
  return t ? IsoLocal(*t, z) : std::string();
}

}  // namespace spbe
