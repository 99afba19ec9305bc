// Inputs the fuzzers (fuzz/) found to break a parser, kept as tests once mended; the same inputs are in the seed
// corpora (fuzz/corpus/<target>/regression-*).
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "catalog/model.hpp"
#include "payments/model.hpp"
#include "payments/reconcile.hpp"
#include "platform/clock.hpp"

namespace spbe {
namespace {

// fuzz_bank_callback and fuzz_statement_csv: a year past 2262 overflowed the clock's nanoseconds (undefined
// behaviour, caught by UBSan) when a bank's "paid_at" or a statement's time was read.
TEST(FuzzRegressions, TimesBeyondTheClocksRangeAreRefusedNotOverflowed) {
  EXPECT_FALSE(ParseUtc("2826-11-23T04:00:00Z"));
  EXPECT_FALSE(ParseUtc("9999-12-31T23:59:59Z"));
  EXPECT_FALSE(ParseUtc("0000-01-01T00:00:00Z"));
  EXPECT_FALSE(ParseUtc("2026-11-23T99:00:00Z"));
  EXPECT_FALSE(ParseUtc("2026-11-23T03:60:00Z"));
  EXPECT_FALSE(ParseUtc("+026-11-23T03:00:00Z"));
  EXPECT_FALSE(ParseUtc("2026-11-23 03:00:00Z"));
  EXPECT_FALSE(ParseUtc("2026- 1-23T03:00:00Z"));
  EXPECT_TRUE(ParseUtc("2026-11-23T03:00:00Z"));
  EXPECT_EQ(FormatUtc(*ParseUtc("2028-02-29T23:59:59Z")), "2028-02-29T23:59:59Z");
  auto callback = payments::ParseCallback(
      R"({"billing_code": "2611123456789012", "amount": 450000, "bank_reference": "REF-1",
          "paid_at": "2826-11-23T03:00:00Z", "channel": "teller"})",
      "en");
  EXPECT_FALSE(callback.ok());
  auto statement = payments::ParseStatement(
      "waktu,kode_bayar,jumlah,referensi\n2826-11-23T04:00:00Z,2611123456789013,1000,REF-1\n", "en");
  EXPECT_FALSE(statement.ok());
}

}  // namespace
}  // namespace spbe

namespace spbe {
namespace {

// fuzz_form_data: a field pattern with a repeat count of 10^110 overflowed inside std::regex's compiler (undefined
// behaviour); std::regex also backtracks exponentially. Patterns are RE2 now: refused when too big, linear to match.
TEST(FuzzRegressions, FieldPatternsAreBoundedAndLinear) {
  auto def = [](const std::string& pattern) {
    return boost::json::parse(R"({"name": "Izin", "time_limit_days": 5, "form": {"fields": [
      {"name": "nomor", "type": "text", "label": "Nomor", "pattern": ")" +
                              pattern + R"("}]},
      "workflow": {"steps": [{"key": "a", "name": "A", "node_id": 1, "role": "kepala", "actions": ["approve"],
      "time_limit_days": 5}]}, "fee": {"kind": "free"}})");
  };
  // RE2 reads a repeat count it cannot hold as plain text: no overflow (UBSan caught std::regex's), and a form that
  // still answers.
  auto huge = catalog::ParseDefinition(def("[0-9]{6,11111111111111111111111111111111111111111}"), "en");
  ASSERT_TRUE(huge.ok());
  catalog::FormContext today{[](std::string_view) { return true; }, std::chrono::year{2026} / 12 / 2};
  EXPECT_EQ(catalog::ValidateData(huge->form, boost::json::object{{"nomor", "123456"}}, today, "en").size(), 1u);
  EXPECT_FALSE(catalog::ParseDefinition(def("a{1000}{1000}"), "en").ok()) << "too big a program";
  EXPECT_FALSE(catalog::ParseDefinition(def("(a"), "en").ok());
  // A pattern that makes backtracking engines take forever is matched at once, and judged right.
  auto evil = catalog::ParseDefinition(def("(a+)+$"), "en");
  ASSERT_TRUE(evil.ok());
  catalog::FormContext ctx{[](std::string_view) { return true; }, std::chrono::year{2026} / 12 / 2};
  boost::json::object data{{"nomor", std::string(150, 'a') + "!"}};
  auto errors = catalog::ValidateData(evil->form, data, ctx, "en");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "nomor");
  data["nomor"] = std::string(150, 'a');
  EXPECT_TRUE(catalog::ValidateData(evil->form, data, ctx, "en").empty());
}

}  // namespace
}  // namespace spbe
