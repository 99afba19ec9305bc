// How a report moves (SP4N-LAPOR!): the desk verifies once; the office answers, asks for more, forwards (never
// closes as "not ours"); the reporter replies or objects once, which reopens it. And what a new report must say.
#include <gtest/gtest.h>

#include "reports/model.hpp"

namespace spbe::reports {
namespace {

State After(State s, Role role, Action a, const char* note = "catatan") {
  auto next = Decide(s, role, a, note, "en");
  EXPECT_TRUE(next.ok()) << ActionName(a) << ": " << (next.ok() ? "" : next.error().detail);
  return next.ok() ? *next : s;
}

TEST(ReportFlow, DeskOfficeReporterAndOneObjection) {
  State s;
  s = After(s, Role::kDesk, Action::kAccept);
  EXPECT_EQ(s.status, Status::kDisposed);
  EXPECT_FALSE(Decide(s, Role::kDesk, Action::kDecline, "x", "en").ok()) << "the desk verifies once";
  s = After(s, Role::kOffice, Action::kForward);
  EXPECT_EQ(s.status, Status::kDisposed) << "forwarded: still waiting for an answer";
  s = After(s, Role::kOffice, Action::kAskMore);
  EXPECT_EQ(s.status, Status::kWaitingReporter);
  EXPECT_FALSE(Decide(s, Role::kOffice, Action::kAnswer, "x", "en").ok()) << "waiting for the reporter";
  s = After(s, Role::kReporter, Action::kReply);
  s = After(s, Role::kOffice, Action::kAnswer);
  EXPECT_EQ(s.status, Status::kAnswered);
  s = After(s, Role::kReporter, Action::kObject);
  EXPECT_EQ(s.status, Status::kReopened);
  s = After(s, Role::kOffice, Action::kAnswer);
  auto again = Decide(s, Role::kReporter, Action::kObject, "tetap tidak puas", "en");
  ASSERT_FALSE(again.ok());
  EXPECT_NE(again.error().detail.find("only one objection"), std::string::npos);
}

TEST(ReportFlow, WhatMustBeSaidAndWhoMayDoWhat) {
  State s;
  auto decline = Decide(s, Role::kDesk, Action::kDecline, "  ", "en");
  ASSERT_FALSE(decline.ok());
  EXPECT_EQ(decline.error().fields.at(0).field, "note") << "a decline gives its reason";
  EXPECT_EQ(After(s, Role::kDesk, Action::kMerge).status, Status::kClosed);
  EXPECT_EQ(After(s, Role::kDesk, Action::kDecline, "Bukan kewenangan pemerintah daerah").status, Status::kDeclined);
  EXPECT_FALSE(Decide(s, Role::kOffice, Action::kAnswer, "x", "en").ok()) << "not before the desk";
  EXPECT_FALSE(Decide(s, Role::kDesk, Action::kAnswer, "x", "en").ok()) << "the desk does not answer";
  State disposed{Status::kDisposed, false};
  EXPECT_FALSE(Decide(disposed, Role::kReporter, Action::kObject, "x", "en").ok()) << "an objection is to an answer";
  EXPECT_EQ(After(disposed, Role::kOffice, Action::kClose, "Jalan sudah diperbaiki").status, Status::kClosed);
}

TEST(NewReportCheck, NamesEachProblem) {
  NewReport ok{"pengaduan",
               "anonymous",
               "Jalan berlubang",
               "Jalan di depan pasar berlubang besar sejak dua bulan.",
               "12.10.01.1001",
               "2026-11-20",
               "",
               "",
               -2.1,
               99.8};
  auto parsed = Validate(ok, "2026-11-23", "en");
  ASSERT_TRUE(parsed.ok()) << parsed.error().detail;
  EXPECT_EQ(parsed->identity, Identity::kAnonymous);

  NewReport bad{"keluhan", "public", "Hi", "pendek", "", "2026-12-01", "", "", 40.0, 99.8};
  auto errors = Validate(bad, "2026-11-23", "en");
  ASSERT_FALSE(errors.ok());
  std::vector<std::string> fields;
  for (const auto& f : errors.error().fields) fields.push_back(f.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"kind", "identity", "title", "body", "happened_on", "location"}));

  NewReport named = ok;
  named.identity = "confidential";
  auto needs = Validate(named, "2026-11-23", "id");
  ASSERT_FALSE(needs.ok());
  EXPECT_EQ(needs.error().fields.at(0).field, "name") << "a confidential reporter is known to the office";
}

}  // namespace
}  // namespace spbe::reports

namespace spbe::reports {
namespace {

TEST(ReportRouting, TheCategoryRuleThenTheNamedOfficeThenAnyCategoryEachByTheLongestRegion) {
  std::vector<Route> routes = {{1, "", "", 100},
                               {2, "", "12.10.01", 200},
                               {3, "infrastruktur", "", 300},
                               {4, "infrastruktur", "12.10", 400},
                               {5, "kesehatan", "12.10.01.1001", 500}};
  EXPECT_EQ(ProposeOffice(routes, "infrastruktur", "12.10.01.1001"), 400);
  EXPECT_EQ(ProposeOffice(routes, "infrastruktur", "13.01"), 300) << "the category rule for any region";
  EXPECT_EQ(ProposeOffice(routes, "sosial", "12.10.01.1002"), 200) << "the region rule for any category";
  EXPECT_EQ(ProposeOffice(routes, "sosial", "12.101"), 100) << "a prefix matches whole parts only";
  EXPECT_EQ(ProposeOffice(routes, "kesehatan", "12.10.01.1001"), 500);
  EXPECT_EQ(ProposeOffice({}, "kesehatan", "12.10"), std::nullopt);
  // The office the reporter named comes after a rule for the category, before the rules for any category.
  EXPECT_EQ(ProposeOffice(routes, "infrastruktur", "12.10.01", 900), 400);
  EXPECT_EQ(ProposeOffice(routes, "sosial", "12.10.01.1002", 900), 900);
  EXPECT_EQ(ProposeOffice({}, "sosial", "", 900), 900);
}

TEST(ReportRedaction, NumbersAddressesAndNamesLeaveThePublicText) {
  EXPECT_EQ(RedactPersonalData("NIK saya 1210015203880002, hubungi 0812-6000-0001 atau siti.r@mail.id."),
            "NIK saya [nomor disamarkan], hubungi [nomor disamarkan] atau [surel].");
  EXPECT_EQ(RedactPersonalData("Telepon +62 812 6000 0001 sore hari"), "Telepon [nomor disamarkan] sore hari");
  EXPECT_EQ(RedactPersonalData("Pada 12.11.2026 jam 10.30, 3 lubang di Jl. Sudirman 45"),
            "Pada 12.11.2026 jam 10.30, 3 lubang di Jl. Sudirman 45")
      << "dates, times and house numbers stay";
  EXPECT_EQ(RedactPersonalData("Saya Siti Rahmawati melapor", {"Siti Rahmawati"}), "Saya [nama] melapor");
}

TEST(ReportLimits, EachTrackHasItsSetting) {
  Limits l;
  EXPECT_EQ(l.DaysFor(Track::kSimple), 5);
  EXPECT_EQ(l.DaysFor(Track::kDispute), 14);
  EXPECT_EQ(l.DaysFor(Track::kInspection), 60);
  l.dispute_days = 10;
  EXPECT_EQ(l.DaysFor(Track::kDispute), 10);
  EXPECT_EQ(ParseTrack("inspection"), Track::kInspection);
  EXPECT_EQ(ParseTrack("urgent"), std::nullopt);
}

}  // namespace
}  // namespace spbe::reports
