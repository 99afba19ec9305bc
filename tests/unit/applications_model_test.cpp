#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "applications/model.hpp"
#include "platform/identifiers.hpp"

namespace spbe::applications {
namespace {

using catalog::StepAction;

TEST(TrackingNumber, CarriesAYearMonthAndACheckDigitThatCatchesTypos) {
  std::string tn = MakeTrackingNumber(2026, 11, 4821730);
  ASSERT_EQ(tn.size(), 12u);
  EXPECT_EQ(tn.substr(0, 4), "2611");
  EXPECT_EQ(FormatTrackingNumber(tn), tn.substr(0, 4) + "-" + tn.substr(4, 4) + "-" + tn.substr(8, 4));
  EXPECT_EQ(NormalizeTrackingNumber(FormatTrackingNumber(tn)), tn);
  EXPECT_EQ(NormalizeTrackingNumber(tn.substr(0, 6) + " " + tn.substr(6)), tn);
  // Every single wrong digit and every swap of neighbours is caught.
  for (std::size_t i = 0; i < tn.size(); ++i) {
    for (char d = '0'; d <= '9'; ++d) {
      if (d == tn[i]) continue;
      std::string typo = tn;
      typo[i] = d;
      EXPECT_EQ(NormalizeTrackingNumber(typo), std::nullopt) << typo;
    }
    if (i + 1 < tn.size() && tn[i] != tn[i + 1]) {
      std::string swapped = tn;
      std::swap(swapped[i], swapped[i + 1]);
      EXPECT_EQ(NormalizeTrackingNumber(swapped), std::nullopt) << swapped;
    }
  }
  EXPECT_EQ(NormalizeTrackingNumber("2611-4821"), std::nullopt);
  EXPECT_EQ(NormalizeTrackingNumber("2611-4821-730x"), std::nullopt);
  EXPECT_EQ(DammCheckDigit("572"), '4') << "the published Damm example";
}

TEST(AccessCode, SixCharactersWithoutLookAlikes) {
  for (std::uint32_t r : {0u, 1u, 123456789u, 0xFFFFFFFFu}) {
    std::string code = MakeAccessCode(r);
    ASSERT_EQ(code.size(), 6u);
    EXPECT_EQ(code.find_first_of("01ILO"), std::string::npos) << code;
  }
  EXPECT_NE(MakeAccessCode(1), MakeAccessCode(2));
  EXPECT_EQ(NormalizeAccessCode(" ab3-x9k "), "AB3X9K");
}

catalog::Workflow TwoSteps() {
  catalog::Workflow w;
  w.steps.push_back({"periksa",
                     {"Periksa", ""},
                     7,
                     access::Role::kVerifikator,
                     {StepAction::kVerify, StepAction::kReturn, StepAction::kReject, StepAction::kNote},
                     2,
                     "putus"});
  w.steps.push_back(
      {"putus", {"Putus", ""}, 7, access::Role::kKepala, {StepAction::kApprove, StepAction::kReject}, 3, ""});
  return w;
}

TEST(Workflow, ActionsMoveTheFileAsTheStepSays) {
  auto w = TwoSteps();
  Position at{FileStatus::kInProgress, "periksa"};
  auto verified = Decide(w, at, StepAction::kVerify, "", "en");
  ASSERT_TRUE(verified.ok());
  EXPECT_EQ(verified->next.step, "putus");
  EXPECT_TRUE(verified->step_changed);
  auto approved = Decide(w, verified->next, StepAction::kApprove, "", "en");
  ASSERT_TRUE(approved.ok());
  EXPECT_EQ(approved->next.status, FileStatus::kCompleted);
  EXPECT_TRUE(approved->finished);

  auto returned = Decide(w, at, StepAction::kReturn, "Unggah KTP yang terbaca", "en");
  ASSERT_TRUE(returned.ok());
  EXPECT_EQ(returned->next.status, FileStatus::kReturned);
  EXPECT_EQ(returned->next.step, "periksa");
  EXPECT_TRUE(returned->clock_stops);
  auto back = Resubmit(returned->next, "en");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->next.status, FileStatus::kInProgress);
  EXPECT_EQ(back->next.step, "periksa") << "back to the step that returned it";

  auto noted = Decide(w, at, StepAction::kNote, "Cek lapangan", "en");
  ASSERT_TRUE(noted.ok());
  EXPECT_EQ(noted->next.step, "periksa");
  EXPECT_FALSE(noted->step_changed);
}

TEST(Workflow, RefusalsSayWhy) {
  auto w = TwoSteps();
  Position at{FileStatus::kInProgress, "periksa"};
  auto no_reason = Decide(w, at, StepAction::kReject, "  ", "en");
  ASSERT_FALSE(no_reason.ok());
  EXPECT_EQ(no_reason.error().fields[0].field, "note");
  EXPECT_EQ(Decide(w, at, StepAction::kReturn, "", "id").error().fields[0].message,
            "tuliskan apa yang harus diperbaiki");
  auto not_offered = Decide(w, at, StepAction::kApprove, "", "en");
  ASSERT_FALSE(not_offered.ok());
  EXPECT_EQ(not_offered.error().fields[0].field, "action");
  auto returned = Decide(w, {FileStatus::kReturned, "periksa"}, StepAction::kVerify, "", "en");
  ASSERT_FALSE(returned.ok());
  EXPECT_EQ(returned.error().code, ErrorCode::kConflict);
  EXPECT_FALSE(Decide(w, {FileStatus::kCompleted, ""}, StepAction::kNote, "x", "en").ok());
  EXPECT_FALSE(Resubmit(at, "en").ok());
}

TEST(FileStatus, NamesRoundTrip) {
  for (auto s : {FileStatus::kDraft, FileStatus::kInProgress, FileStatus::kReturned, FileStatus::kCompleted,
                 FileStatus::kRejected}) {
    EXPECT_EQ(ParseStatus(StatusName(s)), s);
  }
  EXPECT_TRUE(Closed(FileStatus::kRejected));
  EXPECT_FALSE(Closed(FileStatus::kReturned));
}

}  // namespace
}  // namespace spbe::applications
