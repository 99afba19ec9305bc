#include "platform/identifiers.hpp"

#include <gtest/gtest.h>

namespace spbe::identity {
namespace {

using namespace std::chrono;

constexpr year_month_day kToday{year{2026}, month{11}, day{22}};

bool Regions(std::string_view code) { return code == "12" || code == "12.10" || code == "31" || code == "31.71"; }

TEST(Nik, ReadsMaleAndFemaleBirthDates) {
  auto man = ParseNik("1210011505900003", Regions, kToday);
  ASSERT_TRUE(man);
  EXPECT_EQ(man->regency, "12.10");
  EXPECT_EQ(man->district, "12.10.01");
  EXPECT_EQ(man->birth_date, (year_month_day{year{1990}, month{5}, day{15}}));
  EXPECT_EQ(man->sex, Sex::kMale);

  auto woman = ParseNik("1210015505900003", Regions, kToday);  // day 55 = 15 + 40
  ASSERT_TRUE(woman);
  EXPECT_EQ(woman->birth_date, (year_month_day{year{1990}, month{5}, day{15}}));
  EXPECT_EQ(woman->sex, Sex::kFemale);
}

TEST(Nik, CenturyIsTheLatestThatKeepsTheBirthInThePast) {
  EXPECT_EQ(ParseNik("1210010101100001", Regions, kToday)->birth_date.year(), year{2010});
  EXPECT_EQ(ParseNik("1210010101300001", Regions, kToday)->birth_date.year(), year{1930});
  EXPECT_EQ(ParseNik("1210012211260001", Regions, kToday)->birth_date.year(), year{2026});  // born today
  EXPECT_EQ(ParseNik("1210012311260001", Regions, kToday)->birth_date.year(), year{1926});  // tomorrow, so 1926
}

TEST(Nik, RefusesWithTheReason) {
  NikError why{};
  EXPECT_FALSE(ParseNik("121001150590000", Regions, kToday, &why));
  EXPECT_EQ(why, NikError::kFormat);
  EXPECT_FALSE(ParseNik("12100115059000a3", Regions, kToday, &why));
  EXPECT_EQ(why, NikError::kFormat);
  EXPECT_FALSE(ParseNik("9910011505900003", Regions, kToday, &why));
  EXPECT_EQ(why, NikError::kProvince);
  EXPECT_FALSE(ParseNik("1299011505900003", Regions, kToday, &why));
  EXPECT_EQ(why, NikError::kRegency);
  EXPECT_FALSE(ParseNik("1210013202900003", Regions, kToday, &why));  // 32 is neither a day nor 40+day
  EXPECT_EQ(why, NikError::kBirthDate);
  EXPECT_FALSE(ParseNik("1210017202900003", Regions, kToday, &why));  // 72 - 40 = 32
  EXPECT_EQ(why, NikError::kBirthDate);
  EXPECT_FALSE(ParseNik("1210013002900003", Regions, kToday, &why));  // 30 February
  EXPECT_EQ(why, NikError::kBirthDate);
  EXPECT_FALSE(ParseNik("1210010013900003", Regions, kToday, &why));  // day 00
  EXPECT_EQ(why, NikError::kBirthDate);
  EXPECT_FALSE(ParseNik("1210011505900000", Regions, kToday, &why));
  EXPECT_EQ(why, NikError::kSerial);
  EXPECT_TRUE(ParseNik("1210012902000003", Regions, kToday));   // 29 Feb 2000, a leap year
  EXPECT_FALSE(ParseNik("1210012902010003", Regions, kToday));  // 2001 is not
  EXPECT_STRNE(NikErrorText(NikError::kRegency, "id"), NikErrorText(NikError::kRegency, "en"));
}

TEST(Nip, ReadsBirthAppointmentAndSex) {
  auto nip = ParseNip("198503122010011002", kToday);
  ASSERT_TRUE(nip);
  EXPECT_EQ(nip->birth_date, (year_month_day{year{1985}, month{3}, day{12}}));
  EXPECT_EQ(nip->appointed, (year_month{year{2010}, month{1}}));
  EXPECT_EQ(nip->sex, Sex::kMale);
  EXPECT_EQ(ParseNip("198503122010012002", kToday)->sex, Sex::kFemale);
}

TEST(Nip, RefusesImpossibleNumbers) {
  EXPECT_FALSE(ParseNip("19850312201001100", kToday));   // 17 digits
  EXPECT_FALSE(ParseNip("198513122010011002", kToday));  // month 13
  EXPECT_FALSE(ParseNip("198503122010131002", kToday));  // appointment month 13
  EXPECT_FALSE(ParseNip("198503122010013002", kToday));  // sex digit 3
  EXPECT_FALSE(ParseNip("198503122010011000", kToday));  // serial 000
  EXPECT_FALSE(ParseNip("198503122000011002", kToday));  // appointed at 14
  EXPECT_FALSE(ParseNip("198503122027011002", kToday));  // appointed in the future
}

TEST(Npwp, SixteenDigitsOrTheOldFormatWithItsCheckDigit) {
  EXPECT_TRUE(ValidNpwp("1210011505900003"));
  EXPECT_TRUE(ValidNpwp("01.234.567.4-123.000"));  // Luhn check digit of 01234567 is 4
  EXPECT_FALSE(ValidNpwp("01.234.567.1-123.000"));
  EXPECT_FALSE(ValidNpwp("12345"));
  EXPECT_TRUE(ValidNib("1234567890123"));
  EXPECT_FALSE(ValidNib("123456789012"));
}

TEST(Nik, MaskShowsFirstAndLastFour) { EXPECT_EQ(MaskNik("1210011505900003"), "1210********0003"); }

}  // namespace
}  // namespace spbe::identity
