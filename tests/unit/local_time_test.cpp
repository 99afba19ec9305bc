// Times as people read them: the office's zone, the Indonesian way, across midnight and the three zones.
#include "platform/local_time.hpp"

#include <gtest/gtest.h>

namespace spbe {
namespace {

TimePoint At(const char* utc) { return *ParseUtc(utc); }

TEST(LocalTime, WrittenTheIndonesianWayInTheOfficesZone) {
  TimePoint t = At("2026-12-02T00:55:00Z");
  EXPECT_EQ(LocalDateTimeText(t, TimeZone::kWib, "id"), "2 Desember 2026 07.55 WIB");
  EXPECT_EQ(LocalDateTimeText(t, TimeZone::kWib, "en"), "2 December 2026, 07:55 WIB");
  EXPECT_EQ(LocalDateTimeText(t, TimeZone::kWita, "id"), "2 Desember 2026 08.55 WITA");
  EXPECT_EQ(LocalDateTimeText(t, TimeZone::kWit, "id"), "2 Desember 2026 09.55 WIT");
  EXPECT_EQ(IsoLocal(t, TimeZone::kWit), "2026-12-02T09:55:00+09:00");
}

TEST(LocalTime, ADocumentApprovedBeforeSevenInTheMorningCarriesTodaysDate) {
  // 00:30 WIB on 2 December is still 1 December in UTC.
  TimePoint early = At("2026-12-01T17:30:00Z");
  EXPECT_EQ(LocalDateText(early, TimeZone::kWib, "id"), "2 Desember 2026");
  EXPECT_EQ(LocalDateText(early, TimeZone::kWib, "en"), "2 December 2026");
  // The last minutes of a year in WIB are already the next year in WIT.
  TimePoint eve = At("2026-12-31T16:50:00Z");
  EXPECT_EQ(LocalDateTimeText(eve, TimeZone::kWib, "id"), "31 Desember 2026 23.50 WIB");
  EXPECT_EQ(LocalDateTimeText(eve, TimeZone::kWit, "id"), "1 Januari 2027 01.50 WIT");
  // A deadline stored as the end of a local day reads as that day.
  EXPECT_EQ(LocalDateText("2026-11-16T16:59:59Z", TimeZone::kWib, "id"), "16 November 2026");
  EXPECT_EQ(LocalDateText("2028-02-29T14:59:59Z", TimeZone::kWit, "en"), "29 February 2028");
}

TEST(LocalTime, NothingForWhatIsNotATime) {
  EXPECT_EQ(LocalDateTimeText("", TimeZone::kWib, "id"), "");
  EXPECT_EQ(LocalDateText("kemarin", TimeZone::kWib, "id"), "");
  EXPECT_EQ(IsoLocal("2026-13-01T00:00:00Z", TimeZone::kWib), "");
  EXPECT_EQ(MonthName(0, "id"), "");
  EXPECT_EQ(MonthName(8, "id"), "Agustus");
  EXPECT_EQ(DateText(Date{std::chrono::year{2027}, std::chrono::month{8}, std::chrono::day{17}}, "en"),
            "17 August 2027");
}

}  // namespace
}  // namespace spbe
