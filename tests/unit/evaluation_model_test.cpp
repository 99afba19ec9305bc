// The SPBE index against hand-worked examples, on the shipped PermenPANRB 59/2020 model: all levels 1 and all 5, a
// mixed case worked by hand (rounded once, at the end), and the predikat at its boundaries exactly.
#include <gtest/gtest.h>

#include <string>

#include "evaluation/model.hpp"
#include "platform/resources.hpp"

namespace spbe::evaluation {
namespace {

const Model& Shipped() {
  static const Model model = [] {
    auto text = resources::Find("data/spbe/permenpanrb-59-2020.json");
    EXPECT_TRUE(text);
    auto m = ParseModel(text ? *text : "");
    EXPECT_TRUE(m.ok()) << (m.ok() ? "" : m.error().fields.at(0).message);
    return m.ok() ? *m : Model{};
  }();
  return model;
}

Levels Uniform(int level) {
  Levels l;
  for (int n = 1; n <= 47; ++n) l[n] = level;
  return l;
}

// Levels by indicator range: {first, last, level}.
Levels Ranges(std::initializer_list<std::tuple<int, int, int>> ranges, int otherwise) {
  Levels l = Uniform(otherwise);
  for (auto [first, last, level] : ranges) {
    for (int n = first; n <= last; ++n) l[n] = level;
  }
  return l;
}

std::string IndexText(const Levels& levels) {
  auto s = IndexOf(Shipped(), levels);
  return s.hundredths ? FormatHundredths(*s.hundredths) : "incomplete";
}

std::string PredikatText(int hundredths) { return Shipped().PredikatOf(hundredths).name.id; }

TEST(EvaluationModel, TheShippedModelHasFourDomainsEightAspectsAnd47IndicatorsWeighing100) {
  const Model& m = Shipped();
  EXPECT_EQ(m.code, "permenpanrb-59-2020");
  EXPECT_EQ(m.domains.size(), 4u);
  EXPECT_EQ(m.aspects.size(), 8u);
  ASSERT_EQ(m.indicators.size(), 47u);
  int total = 0;
  for (const auto& i : m.indicators) {
    total += i.weight;
    EXPECT_EQ(i.criteria.size(), 5u) << i.number;
  }
  EXPECT_EQ(total, 10000);
  EXPECT_EQ(m.FindIndicator(1)->weight, 130);
  EXPECT_EQ(m.FindIndicator(42)->weight, 300);
  EXPECT_EQ(m.FindIndicator(42)->live, LiveSource::kComplaints);
  EXPECT_EQ(m.LevelOf(*m.FindIndicator(1), 3)->name.id, "Terdefinisi");
  EXPECT_EQ(m.LevelOf(*m.FindIndicator(45), 1)->name.id, "Informasi");
}

TEST(EvaluationModel, AllLevelsOneIsOneAndAllLevelsFiveIsFive) {
  EXPECT_EQ(IndexText(Uniform(1)), "1.00");
  EXPECT_EQ(IndexText(Uniform(5)), "5.00");
  EXPECT_EQ(PredikatText(100), "Kurang");
  EXPECT_EQ(PredikatText(500), "Memuaskan");
}

TEST(EvaluationModel, AMixedCaseWorkedByHandIsRoundedOnceAtTheEnd) {
  // 1-10 at 3: 10 x 1.30 x 3 = 39.00; 11-20 at 2: 10 x 2.50 x 2 = 50.00; 21-31 at 4: 11 x 1.50 x 4 = 66.00;
  // 32-41 at 1: 10 x 2.75 x 1 = 27.50; 42-47 at 5: 6 x 3.00 x 5 = 90.00. Sum 272.50 / 100 = 2.725 -> 2.73 (Baik).
  Levels mixed = Ranges({{1, 10, 3}, {11, 20, 2}, {21, 31, 4}, {32, 41, 1}, {42, 47, 5}}, 1);
  EXPECT_EQ(IndexText(mixed), "2.73");
  EXPECT_EQ(PredikatText(*IndexOf(Shipped(), mixed).hundredths), "Baik");
  // Per aspect and domain: Audit TIK (aspect 6, 29-31 at 4) is 4.00; domain 4 (32-47): (27.50 + 90.00) / 45.5
  // = 2.5824... -> 2.58; domain 2 (11-20 at 2): 2.00.
  EXPECT_EQ(FormatHundredths(*AspectIndex(Shipped(), *Shipped().FindAspect(6), mixed).hundredths), "4.00");
  EXPECT_EQ(FormatHundredths(*DomainIndex(Shipped(), *Shipped().FindDomain(4), mixed).hundredths), "2.58");
  EXPECT_EQ(FormatHundredths(*DomainIndex(Shipped(), *Shipped().FindDomain(2), mixed).hundredths), "2.00");
}

TEST(EvaluationModel, ThePredikatChangesExactlyAtItsBoundaries) {
  for (auto [hundredths, expected] : {std::pair{179, "Kurang"},
                                      {180, "Cukup"},
                                      {259, "Cukup"},
                                      {260, "Baik"},
                                      {349, "Baik"},
                                      {350, "Sangat Baik"},
                                      {419, "Sangat Baik"},
                                      {420, "Memuaskan"}}) {
    EXPECT_EQ(PredikatText(hundredths), expected) << hundredths;
  }
  // The same boundaries reached by real levels. 1.80: 11-20, 32-47, 1-5 and 21-22 at 2 weigh 80.00.
  Levels cukup = Ranges({{11, 20, 2}, {32, 47, 2}, {1, 5, 2}, {21, 22, 2}}, 1);
  EXPECT_EQ(IndexText(cukup), "1.80");
  EXPECT_EQ(PredikatText(*IndexOf(Shipped(), cukup).hundredths), "Cukup");
  // One policy indicator (1.30) less: 1.787 -> 1.79, Kurang.
  cukup[1] = 1;
  EXPECT_EQ(IndexText(cukup), "1.79");
  EXPECT_EQ(PredikatText(179), "Kurang");
  // 2.60: all at 2, and 32-47, 1-10 and 21 (60.00) at 3.
  EXPECT_EQ(IndexText(Ranges({{32, 47, 3}, {1, 10, 3}, {21, 21, 3}}, 2)), "2.60");
  // 3.50: all at 3, and 32-47 (45.50) and 21-23 (4.50) at 4.
  EXPECT_EQ(IndexText(Ranges({{32, 47, 4}, {21, 23, 4}}, 3)), "3.50");
  // 4.20: all at 4, and 11-18 (20.00) at 5.
  EXPECT_EQ(IndexText(Ranges({{11, 18, 5}}, 4)), "4.20");
}

TEST(EvaluationModel, AnIndexWaitsForEveryIndicatorItCovers) {
  Levels partial = Uniform(3);
  partial.erase(47);
  auto s = IndexOf(Shipped(), partial);
  EXPECT_FALSE(s.hundredths);
  EXPECT_EQ(s.answered, 46);
  EXPECT_EQ(s.total, 47);
  EXPECT_TRUE(AspectIndex(Shipped(), *Shipped().FindAspect(1), partial).hundredths) << "aspect 1 is complete";
  partial[47] = 6;  // not a level
  EXPECT_FALSE(IndexOf(Shipped(), partial).hundredths);
}

TEST(EvaluationModel, AModelFileThatDoesNotAddUpIsRefusedNamingWhere) {
  std::string text(*resources::Find("data/spbe/permenpanrb-59-2020.json"));
  auto at = text.find("\"weight\": \"1.30\"");
  ASSERT_NE(at, std::string::npos);
  std::string broken = text;
  broken.replace(at, 16, "\"weight\": \"1.31\"");
  auto m = ParseModel(broken);
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.error().fields.at(0).message.find("aspect 1"), std::string::npos) << m.error().fields.at(0).message;
  // A zero weight would make a part's mean divide by zero: refused.
  std::string zero = text;
  zero.replace(at, 16, "\"weight\": \"0.00\"");
  EXPECT_FALSE(ParseModel(zero).ok());
  EXPECT_FALSE(ParseModel("{").ok());
  EXPECT_FALSE(ParseModel("[]").ok());
  EXPECT_FALSE(ParseModel(R"({"id": "x"})").ok());
  for (const char* bad : {"", "1.301", "-1.00", "abc", "1.", ".5", "100.01", "1e2"}) {
    EXPECT_FALSE(ParseHundredths(bad)) << bad;
  }
  EXPECT_EQ(ParseHundredths("13"), 1300);
  EXPECT_EQ(ParseHundredths("2.5"), 250);
  EXPECT_EQ(FormatHundredths(5), "0.05");
}

}  // namespace
}  // namespace spbe::evaluation
