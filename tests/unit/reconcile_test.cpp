// The daily reconciliation's rules: reading a bank statement line by line, and every kind of difference from the
// payments the callbacks recorded.
#include <gtest/gtest.h>

#include "payments/model.hpp"
#include "payments/reconcile.hpp"

namespace spbe::payments {
namespace {

TEST(Reconcile, ReadsAStatementAndNamesTheLinesItCannotRead) {
  std::string a = MakeBillingCode(2026, 11, 1), b = MakeBillingCode(2026, 11, 2);
  auto ok = ParseStatement("waktu,kode_bayar,jumlah,referensi\r\n2026-11-23T03:00:00Z," + a +
                               ",450000,R1\r\n\r\n2026-11-23T04:00:00Z; " + b + " ;100000;R2\n",
                           "en");
  ASSERT_TRUE(ok.ok()) << ok.error().detail;
  ASSERT_EQ(ok->size(), 2u);
  EXPECT_EQ((*ok)[1].billing_code, b) << "semicolons and spaces are tolerated";
  EXPECT_EQ((*ok)[1].line, 4);
  auto bad = ParseStatement("2026-11-23,x,1,R\n2026-11-23T03:00:00Z," + a + ",-5,R\n2026-11-23T03:00:00Z," + a +
                                ",5\n2026-11-23T03:00:00Z,1234567890123456,5,R\n",
                            "en");
  ASSERT_FALSE(bad.ok());
  ASSERT_EQ(bad.error().fields.size(), 4u);
  EXPECT_EQ(bad.error().fields[0].field, "line 1");
  EXPECT_NE(bad.error().fields[0].message.find("UTC"), std::string::npos);
  EXPECT_NE(bad.error().fields[1].message.find("whole rupiah"), std::string::npos);
  EXPECT_NE(bad.error().fields[2].message.find("four columns"), std::string::npos);
  EXPECT_NE(bad.error().fields[3].message.find("billing code"), std::string::npos) << "a wrong check digit";
}

TEST(Reconcile, ListsEveryKindOfDifference) {
  std::vector<StatementLine> statement = {{2, "t", "A", 100, "R1"}, {3, "t", "B", 200, "R2"}, {4, "t", "C", 300, "R3"},
                                          {5, "t", "X", 400, "R4"}, {6, "t", "D", 500, "R5"}, {7, "t", "D", 500, "R5"}};
  std::vector<RecordedPayment> recorded = {{"R1", "A", "t", 100},
                                           {"R2", "B", "t", 250},
                                           {"R3", "Z", "t", 300},
                                           {"R5", "D", "t", 500},
                                           {"R9", "E", "t", 900}};
  auto r = Reconcile(statement, recorded);
  EXPECT_EQ(r.matched, 2);  // R1, R5
  std::vector<std::string> kinds;
  for (const auto& m : r.mismatches) kinds.push_back(m.kind + ":" + m.reference);
  EXPECT_EQ(kinds, (std::vector<std::string>{"amount_differs:R2", "code_differs:R3", "only_in_statement:R4",
                                             "duplicate_in_statement:R5", "only_recorded:R9"}));
  EXPECT_EQ(r.mismatches[0].statement_amount, 200);
  EXPECT_EQ(r.mismatches[0].recorded_amount, 250);
}

}  // namespace
}  // namespace spbe::payments
