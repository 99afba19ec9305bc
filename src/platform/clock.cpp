#include "platform/clock.hpp"

#include <fmt/chrono.h>

namespace spbe {

std::string FormatUtc(TimePoint t) {
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}Z", std::chrono::time_point_cast<std::chrono::seconds>(t));
}

std::optional<TimePoint> ParseUtc(std::string_view text) {
  // Exactly "YYYY-MM-DDTHH:MM:SSZ", digits where digits belong: this reads what banks and clients send, so nothing
  // else (signs, spaces, "T99:99") gets through. Years stay where the clock's nanoseconds can count them
  // (system_clock spans about 1678-2262), a margin either side.
  if (text.size() != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':' ||
      text[19] != 'Z') {
    return std::nullopt;
  }
  auto number = [&](std::size_t at, std::size_t len, int* out) {
    int v = 0;
    for (std::size_t i = at; i < at + len; ++i) {
      if (text[i] < '0' || text[i] > '9') return false;
      v = v * 10 + (text[i] - '0');
    }
    *out = v;
    return true;
  };
  int y, mo, d, h, mi, s;
  if (!number(0, 4, &y) || !number(5, 2, &mo) || !number(8, 2, &d) || !number(11, 2, &h) || !number(14, 2, &mi) ||
      !number(17, 2, &s)) {
    return std::nullopt;
  }
  if (y < 1900 || y > 2200 || h > 23 || mi > 59 || s > 59) return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(mo)},
                                  std::chrono::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  return std::chrono::sys_days(ymd) + std::chrono::hours(h) + std::chrono::minutes(mi) + std::chrono::seconds(s);
}

}  // namespace spbe
