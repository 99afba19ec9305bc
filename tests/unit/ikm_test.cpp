// The satisfaction index against hand-worked examples (PermenPANRB 14/2017, ../shared/reference/ikm.md): the
// reference's own check, the grade boundaries on both sides, the exact weight 1/9, and the recommended sample.
#include <gtest/gtest.h>

#include "surveys/model.hpp"

namespace spbe::surveys {
namespace {

// Totals whose nine elements add up to `total` over `respondents` (only the overall total matters to the index).
Totals WithTotal(std::int64_t respondents, std::int64_t total) {
  Totals t;
  t.respondents = respondents;
  for (int i = 0; i < kElements; ++i) t.sums[static_cast<std::size_t>(i)] = total / kElements;
  t.sums[0] += total % kElements;
  return t;
}

TEST(Ikm, TheReferencesWorkedCheck) {
  // Nine elements whose NRRs average 3.6592: 625 respondents, 20,583 points in all (3.6592 x 9 x 625).
  auto ikm = Compute(WithTotal(625, 20583));
  ASSERT_TRUE(ikm);
  EXPECT_EQ(ikm->Converted(), "91.48");
  EXPECT_EQ(ikm->grade, 'A');
  EXPECT_EQ(ikm->performance, "Sangat Baik");
  // With the weight rounded to 0.111 it would be 91.39: the exact 1/9 matters.
  EXPECT_NE(ikm->converted_hundredths, 9139);
}

TEST(Ikm, GradeBoundariesFallWhereTheRegulationPutsThem) {
  // 250 respondents: IKM x 100 = 2500 x total / 2250, so each total below lands exactly on the boundary.
  auto at = [](std::int64_t total) { return *Compute(WithTotal(250, total)); };
  EXPECT_EQ(at(7947).Converted(), "88.30");
  EXPECT_EQ(at(7947).grade, 'B');
  EXPECT_EQ(at(7948).Converted(), "88.31");
  EXPECT_EQ(at(7948).grade, 'A');
  EXPECT_EQ(at(6894).Converted(), "76.60");
  EXPECT_EQ(at(6894).grade, 'C');
  EXPECT_EQ(at(6895).Converted(), "76.61");
  EXPECT_EQ(at(6895).grade, 'B');
  EXPECT_EQ(at(5849).Converted(), "64.99");
  EXPECT_EQ(at(5849).grade, 'D');
  EXPECT_EQ(at(5850).Converted(), "65.00");
  EXPECT_EQ(at(5850).grade, 'C');
  EXPECT_EQ(GradeOf(8831), 'A');
  EXPECT_EQ(GradeOf(8830), 'B');
}

TEST(Ikm, OneRespondentByHandAndTheExtremes) {
  Totals t;
  t.Add({4, 3, 3, 4, 3, 3, 4, 2, 3});  // 29 points: NRR sum 29, /9 x 25 = 80.5555... -> 80.56
  auto one = Compute(t);
  EXPECT_EQ(one->Converted(), "80.56");
  EXPECT_EQ(one->grade, 'B');
  EXPECT_DOUBLE_EQ(one->nrr[7], 2.0) << "element 8 (complaint handling) is what to fix";
  Totals all_four, all_one;
  all_four.Add({4, 4, 4, 4, 4, 4, 4, 4, 4});
  all_one.Add({1, 1, 1, 1, 1, 1, 1, 1, 1});
  EXPECT_EQ(Compute(all_four)->Converted(), "100.00");
  EXPECT_EQ(Compute(all_one)->Converted(), "25.00");
  EXPECT_EQ(Compute(all_one)->grade, 'D');
  EXPECT_FALSE(Compute(Totals{})) << "no answers, no index";
  // Rounding happens once, at the end: two respondents at 80.555... and 80.555... stay 80.56, not 80.56 + drift.
  t.Add({4, 3, 3, 4, 3, 3, 4, 2, 3});
  EXPECT_EQ(Compute(t)->Converted(), "80.56");
}

TEST(Ikm, AnswersAreNineIntegersFromOneToFour) {
  EXPECT_TRUE(ParseAnswers({1, 2, 3, 4, 4, 3, 2, 1, 4}, "en").ok());
  auto short_list = ParseAnswers({4, 4, 4}, "en");
  ASSERT_FALSE(short_list.ok());
  EXPECT_EQ(short_list.error().fields.at(0).field, "answers");
  auto out_of_range = ParseAnswers({4, 4, 0, 4, 5, 4, 4, 4, 4}, "id");
  ASSERT_FALSE(out_of_range.ok());
  ASSERT_EQ(out_of_range.error().fields.size(), 2u);
  EXPECT_EQ(out_of_range.error().fields[0].field, "answers[2]");
  EXPECT_EQ(out_of_range.error().fields[1].field, "answers[4]");
}

TEST(Ikm, RecommendedSampleFollowsKrejcieMorgan) {
  EXPECT_EQ(RecommendedSample(50), 44);
  EXPECT_EQ(RecommendedSample(100), 80);
  EXPECT_EQ(RecommendedSample(1000), 278);
  EXPECT_EQ(RecommendedSample(0), 0);
}

}  // namespace
}  // namespace spbe::surveys
