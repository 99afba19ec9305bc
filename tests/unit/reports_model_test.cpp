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
