#include <gtest/gtest.h>

#include "platform/resources.hpp"
#include "platform/working_days.hpp"

namespace spbe {
namespace {

Date D(const char* text) { return *ParseDate(text); }
TimePoint At(const char* utc) { return *ParseUtc(utc); }

class WorkingDays : public ::testing::Test {
 protected:
  std::vector<Holiday> days_ = *ParseHolidayCsv(*resources::Find("data/holidays.csv"));
  WorkCalendar cal_{days_, false};
  WorkCalendar open_on_cuti_{days_, true};
};

TEST_F(WorkingDays, TheReferenceCalendarLoads) {
  EXPECT_EQ(days_.size(), 79u);
  EXPECT_FALSE(cal_.IsWorkingDay(D("2026-08-17"))) << "Independence Day";
  EXPECT_FALSE(cal_.IsWorkingDay(D("2026-11-21"))) << "Saturday";
  EXPECT_TRUE(cal_.IsWorkingDay(D("2026-11-20")));
}

TEST_F(WorkingDays, WeekendsAreSkipped) {
  EXPECT_EQ(cal_.AddWorkingDays(D("2026-11-20"), 1), D("2026-11-23")) << "Friday + 1 = Monday";
  EXPECT_EQ(cal_.AddWorkingDays(D("2026-11-21"), 1), D("2026-11-23")) << "Saturday + 1 = Monday";
  EXPECT_EQ(cal_.AddWorkingDays(D("2026-11-22"), 0), D("2026-11-23")) << "a Sunday start waits for Monday";
  EXPECT_EQ(cal_.AddWorkingDays(D("2026-11-23"), 0), D("2026-11-23"));
  EXPECT_EQ(cal_.AddWorkingDays(D("2026-11-23"), 5), D("2026-11-30"));
}

TEST_F(WorkingDays, HolidaysAndCutiBersamaAreSkippedUnlessTheAgencyServes) {
  EXPECT_EQ(cal_.AddWorkingDays(D("2026-08-14"), 1), D("2026-08-18")) << "Friday, then Monday 17 August";
  // Idulfitri 1447: cuti bersama 18, 20, 23, 24 March, Nyepi on the 19th, the weekend between.
  EXPECT_EQ(cal_.AddWorkingDays(D("2026-03-17"), 1), D("2026-03-25"));
  EXPECT_EQ(open_on_cuti_.AddWorkingDays(D("2026-03-17"), 1), D("2026-03-18"));
  EXPECT_EQ(open_on_cuti_.AddWorkingDays(D("2026-03-18"), 1), D("2026-03-20")) << "Nyepi stays a holiday";
  EXPECT_EQ(cal_.WorkingDaysBetween(D("2026-03-16"), D("2026-03-27")), 4) << "17, 25, 26, 27 March";
  EXPECT_EQ(cal_.WorkingDaysBetween(D("2026-03-27"), D("2026-03-16")), 0);
}

TEST_F(WorkingDays, LocalDatesFollowTheAgencysTimeZone) {
  TimePoint late = At("2026-11-20T16:30:00Z");  // Friday 23:30 WIB, Saturday 00:30 WITA, 01:30 WIT
  EXPECT_EQ(LocalDate(late, TimeZone::kWib), D("2026-11-20"));
  EXPECT_EQ(LocalDate(late, TimeZone::kWita), D("2026-11-21"));
  EXPECT_EQ(LocalDate(late, TimeZone::kWit), D("2026-11-21"));
  EXPECT_EQ(FormatUtc(EndOfLocalDay(D("2026-11-23"), TimeZone::kWib)), "2026-11-23T16:59:59Z");
  EXPECT_EQ(FormatUtc(EndOfLocalDay(D("2026-11-23"), TimeZone::kWita)), "2026-11-23T15:59:59Z");
  EXPECT_EQ(FormatUtc(EndOfLocalDay(D("2026-11-23"), TimeZone::kWit)), "2026-11-23T14:59:59Z");
  // Filed at the same instant, Thursday night in Medan but already Friday in Makassar and Jayapura.
  TimePoint thursday_night = At("2026-11-19T16:30:00Z");
  EXPECT_EQ(FormatUtc(*DueAt(cal_, TimeZone::kWib, thursday_night, 1, {})), "2026-11-20T16:59:59Z");
  EXPECT_EQ(FormatUtc(*DueAt(cal_, TimeZone::kWita, thursday_night, 1, {})), "2026-11-23T15:59:59Z");
  EXPECT_EQ(FormatUtc(*DueAt(cal_, TimeZone::kWit, thursday_night, 1, {})), "2026-11-23T14:59:59Z");
  EXPECT_EQ(ParseTimeZone("Asia/Makassar"), TimeZone::kWita);
  EXPECT_EQ(ParseTimeZone("Asia/Jayapura"), TimeZone::kWit);
  EXPECT_EQ(ParseTimeZone("Asia/Jakarta"), TimeZone::kWib);
}

TEST_F(WorkingDays, TheClockStopsWhileTheFileIsWithTheApplicant) {
  TimePoint monday = At("2026-11-02T02:00:00Z");  // Monday 2 November, 09:00 WIB
  EXPECT_EQ(LocalDate(*DueAt(cal_, TimeZone::kWib, monday, 5, {}), TimeZone::kWib), D("2026-11-09"));
  // Returned Wednesday (Tuesday and Wednesday used), back the next Monday: three days left from then.
  Pause returned{At("2026-11-04T03:00:00Z"), At("2026-11-09T01:00:00Z")};
  EXPECT_EQ(LocalDate(*DueAt(cal_, TimeZone::kWib, monday, 5, {returned}), TimeZone::kWib), D("2026-11-12"));
  EXPECT_EQ(DueAt(cal_, TimeZone::kWib, monday, 5, {{At("2026-11-04T03:00:00Z"), std::nullopt}}), std::nullopt)
      << "no deadline while the applicant has the file";
  // A second return, Tuesday to Wednesday: one more day used, counting resumes Thursday.
  Pause again{At("2026-11-10T06:00:00Z"), At("2026-11-11T02:00:00Z")};
  EXPECT_EQ(LocalDate(*DueAt(cal_, TimeZone::kWib, monday, 5, {returned, again}), TimeZone::kWib), D("2026-11-13"));
  EXPECT_EQ(LocalDate(*DueAt(cal_, TimeZone::kWib, monday, 5, {again, returned}), TimeZone::kWib), D("2026-11-13"))
      << "order does not matter";
  Pause inside{At("2026-11-05T03:00:00Z"), At("2026-11-06T03:00:00Z")};
  EXPECT_EQ(LocalDate(*DueAt(cal_, TimeZone::kWib, monday, 5, {returned, inside}), TimeZone::kWib), D("2026-11-12"))
      << "overlapping pauses count once";
  // Over the Idulfitri holidays: returned Monday 16 March, back Thursday 26 March.
  TimePoint march = At("2026-03-12T02:00:00Z");  // Thursday
  Pause lebaran{At("2026-03-16T03:00:00Z"), At("2026-03-26T02:00:00Z")};
  // Used: Friday 13, Monday 16 (2 of 3); the last day is Friday 27.
  EXPECT_EQ(LocalDate(*DueAt(cal_, TimeZone::kWib, march, 3, {lebaran}), TimeZone::kWib), D("2026-03-27"));
}

TEST_F(WorkingDays, ADeadlineThatPassedBeforeTheReturnStaysPassed) {
  TimePoint monday = At("2026-11-02T02:00:00Z");
  Pause late{At("2026-11-05T03:00:00Z"), std::nullopt};  // due Tuesday 3, returned Thursday 5
  EXPECT_EQ(LocalDate(*DueAt(cal_, TimeZone::kWib, monday, 1, {late}), TimeZone::kWib), D("2026-11-03"));
}

TEST_F(WorkingDays, DaysLeftSayOnTimeDueSoonOrOverdue) {
  TimePoint due = EndOfLocalDay(D("2026-11-23"), TimeZone::kWib);                        // Monday
  EXPECT_EQ(WorkingDaysLeft(cal_, TimeZone::kWib, At("2026-11-19T03:00:00Z"), due), 2);  // Thursday
  EXPECT_EQ(WorkingDaysLeft(cal_, TimeZone::kWib, At("2026-11-21T03:00:00Z"), due), 1);  // Saturday
  EXPECT_EQ(WorkingDaysLeft(cal_, TimeZone::kWib, At("2026-11-23T09:00:00Z"), due), 0);  // Monday afternoon
  EXPECT_EQ(WorkingDaysLeft(cal_, TimeZone::kWib, At("2026-11-24T01:00:00Z"), due), -1);
  TimePoint friday = EndOfLocalDay(D("2026-11-20"), TimeZone::kWib);
  EXPECT_EQ(WorkingDaysLeft(cal_, TimeZone::kWib, At("2026-11-21T03:00:00Z"), friday), -1)
      << "the Saturday after a Friday deadline is overdue, not due today";
  EXPECT_EQ(WorkingDaysLeft(cal_, TimeZone::kWib, At("2026-11-30T01:00:00Z"), due), -5);
}

TEST(HolidayCsv, ProblemsNameTheLineInTheUsersLanguage) {
  const char* header = "date,kind,name_id,name_en,source\n";
  auto bad = ParseHolidayCsv(std::string(header) +
                                 "2028-01-01,libur_nasional,Tahun Baru,New Year,x\n"
                                 "2028-02-30,libur_nasional,Salah,Wrong,x\n"
                                 "2028-03-01,libur,Salah,Wrong,x\n"
                                 "2028-01-01,cuti_bersama,\"Ganda, lagi\",Twice,x\n"
                                 "2028-04-01,cuti_bersama\n",
                             "en");
  ASSERT_FALSE(bad.ok());
  const auto& f = bad.error().fields;
  ASSERT_EQ(f.size(), 4u);
  EXPECT_EQ(f[0].field, "line 3");
  EXPECT_NE(f[0].message.find("not a date"), std::string::npos);
  EXPECT_EQ(f[1].field, "line 4");
  EXPECT_NE(f[1].message.find("unknown kind 'libur'"), std::string::npos);
  EXPECT_EQ(f[2].field, "line 5");
  EXPECT_NE(f[2].message.find("appears twice"), std::string::npos);
  EXPECT_EQ(f[3].field, "line 6");
  auto id = ParseHolidayCsv(std::string(header) + "2028-02-30,libur_nasional,Salah,Wrong,x\r\n", "id");
  ASSERT_FALSE(id.ok());
  EXPECT_EQ(id.error().fields[0].field, "baris 2");
  EXPECT_NE(id.error().fields[0].message.find("bukan tanggal"), std::string::npos);
  auto quoted =
      ParseHolidayCsv(std::string(header) + "2028-05-01,libur_nasional,\"Hari Buruh, Internasional\",May Day,\n");
  ASSERT_TRUE(quoted.ok());
  EXPECT_EQ((*quoted)[0].name_id, "Hari Buruh, Internasional");
  EXPECT_FALSE(ParseHolidayCsv("tanggal,jenis\n").ok()) << "a file without the header is refused";
}

}  // namespace
}  // namespace spbe
