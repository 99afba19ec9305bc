// Fees by the published formula: exact arithmetic, the published rounding, tables by a choice field, and the checks
// that stop a formula from being published when some application could not be priced.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "catalog/fee.hpp"
#include "catalog/model.hpp"

namespace spbe::catalog {
namespace {

namespace json = boost::json;

std::int64_t Compute(const std::string& formula, const std::map<std::string, std::int64_t>& values,
                     Rounding rule = Rounding::kNearest, std::int64_t to = 1) {
  auto f = FeeFormula::Parse(formula, "en");
  EXPECT_TRUE(f.ok()) << (f.ok() ? "" : f.error().fields.at(0).message);
  std::map<std::string, FeeFormula::Fraction> v;
  for (const auto& [k, n] : values) v[k] = {n, 1};
  auto exact = f->Evaluate(v, "en");
  EXPECT_TRUE(exact.ok());
  return RoundRupiah(*exact, rule, to);
}

TEST(FeeFormula, ComputesExactlyWithPrecedenceAndParentheses) {
  EXPECT_EQ(Compute("luas * tarif * bulan", {{"luas", 3}, {"tarif", 25000}, {"bulan", 6}}), 450000);
  EXPECT_EQ(Compute("1000 + 2 * 500", {}), 2000);
  EXPECT_EQ(Compute("(1000 + 2) * 500", {}), 501000);
  EXPECT_EQ(Compute("100000 - 20000 - 30000", {}), 50000) << "left to right";
  EXPECT_EQ(Compute("60000 / 4 / 3", {}), 5000) << "left to right";
  // 1.5 is exactly 3/2: no binary floating point anywhere.
  EXPECT_EQ(Compute("tarif * 1.5", {{"tarif", 33333}}), 50000) << "49999.5 rounds half up";
  EXPECT_EQ(Compute("0.1 + 0.2", {}, Rounding::kNearest, 1), 0);
  EXPECT_EQ(Compute("(0.1 + 0.2) * 10", {}), 3) << "exactly 3, where doubles give 3.0000000000000004";
}

TEST(FeeFormula, RoundsAsThePublishedRuleSays) {
  // 10000 / 3 = 3333.33...
  EXPECT_EQ(Compute("10000 / 3", {}, Rounding::kNearest, 1), 3333);
  EXPECT_EQ(Compute("10000 / 3", {}, Rounding::kUp, 1), 3334);
  EXPECT_EQ(Compute("10000 / 3", {}, Rounding::kDown, 1), 3333);
  EXPECT_EQ(Compute("10000 / 3", {}, Rounding::kUp, 1000), 4000);
  EXPECT_EQ(Compute("10000 / 3", {}, Rounding::kDown, 1000), 3000);
  EXPECT_EQ(Compute("10000 / 3", {}, Rounding::kNearest, 1000), 3000);
  EXPECT_EQ(Compute("3500", {}, Rounding::kNearest, 1000), 4000) << "half up";
  EXPECT_EQ(Compute("3499", {}, Rounding::kNearest, 1000), 3000);
  EXPECT_EQ(Compute("4000", {}, Rounding::kUp, 1000), 4000) << "an exact multiple stays";
  EXPECT_EQ(Compute("1000 - 5000", {}), 0) << "a fee is never negative";
}

TEST(FeeFormula, RefusesWhatIsNotAFormulaAndSaysWhere) {
  for (const char* bad : {"", "luas *", "(luas", "luas ** 2", "Luas", "luas; drop", "1234567890123456789012"}) {
    auto f = FeeFormula::Parse(bad, "en");
    ASSERT_FALSE(f.ok()) << bad;
    EXPECT_EQ(f.error().fields.at(0).field, "fee.formula");
  }
  auto f = FeeFormula::Parse("luas * ", "id");
  EXPECT_NE(f.error().fields.at(0).message.find("posisi"), std::string::npos) << f.error().fields.at(0).message;
  auto zero = FeeFormula::Parse("1000 / (luas - luas)", "en");
  ASSERT_TRUE(zero.ok());
  EXPECT_FALSE(zero->Evaluate({{"luas", {5, 1}}}, "en").ok()) << "division by zero is an error, not infinity";
  auto huge = FeeFormula::Parse("a * a * a * a * a * a * a * a", "en");
  ASSERT_TRUE(huge.ok());
  EXPECT_FALSE(huge->Evaluate({{"a", {1'000'000'000'000LL, 1}}}, "en").ok()) << "overflow is refused";
}

json::value Reklame(const std::string& fee) {
  return json::parse(R"J({"name": "Izin Reklame", "time_limit_days": 5,
    "form": {"fields": [
      {"name": "jenis", "type": "choice", "label": {"id": "Jenis reklame", "en": "Kind"}, "required": true,
       "options": [{"value": "papan", "label": "Papan"}, {"value": "baliho", "label": "Baliho"}]},
      {"name": "luas_m2", "type": "number", "label": {"id": "Luas (m²)", "en": "Area (m²)"}, "required": true},
      {"name": "lama_bulan", "type": "number", "label": {"id": "Lama (bulan)", "en": "Months"}, "required": true},
      {"name": "catatan", "type": "number", "label": "Catatan", "required": false}]},
    "fee": )J" + fee +
                     "}");
}

constexpr const char* kReklameFee =
    R"({"kind": "formula", "formula": "luas_m2 * tarif * lama_bulan", "basis": "Perda Pajak Reklame",
        "tables": {"tarif": {"by": "jenis", "values": {"papan": 25000, "baliho": 15000}}},
        "rounding": {"mode": "up", "to": 1000}, "minimum": 100000})";

TEST(FeeDefinition, AReklameFeeFollowsItsPublishedRule) {
  auto d = ParseDefinition(Reklame(kReklameFee), "en");
  ASSERT_TRUE(d.ok()) << d.error().detail;
  auto fee = [&](const char* data) { return *FeeFor(*d, json::parse(data).as_object(), "en"); };
  EXPECT_EQ(fee(R"({"jenis": "papan", "luas_m2": 3, "lama_bulan": 6})"), 450000);
  EXPECT_EQ(fee(R"({"jenis": "baliho", "luas_m2": "2", "lama_bulan": "3"})"), 100000) << "90000, raised to the minimum";
  EXPECT_EQ(fee(R"({"jenis": "baliho", "luas_m2": 7, "lama_bulan": 1})"), 105000);
  EXPECT_FALSE(FeeFor(*d, json::parse(R"({"jenis": "neon", "luas_m2": 1, "lama_bulan": 1})").as_object(), "en").ok());
  EXPECT_EQ(DescribeFormula(*d, "id"), "Luas (m²) × tarif menurut Jenis reklame × Lama (bulan)");
  // And it survives its own JSON: what is published is what is computed.
  auto again = ParseDefinition(ToJson(*d), "en");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*FeeFor(*again, json::parse(R"({"jenis": "papan", "luas_m2": 3, "lama_bulan": 6})").as_object(), "en"),
            450000);
}

TEST(FeeDefinition, AFormulaThatCouldNotPriceEveryApplicationIsRefused) {
  auto errors_of = [](const std::string& fee) {
    auto d = ParseDefinition(Reklame(fee), "en");
    std::vector<std::string> out;
    if (!d.ok()) {
      for (const auto& f : d.error().fields) out.push_back(f.field + ": " + f.message);
    }
    return out;
  };
  auto has = [](const std::vector<std::string>& v, const std::string& what) {
    return std::any_of(v.begin(), v.end(), [&](const std::string& e) { return e.find(what) != std::string::npos; });
  };
  auto missing_rate = errors_of(
      R"({"kind": "formula", "formula": "luas_m2 * tarif", "tables": {"tarif": {"by": "jenis", "values": {"papan": 1}}}})");
  EXPECT_TRUE(has(missing_rate, "no rate for the option \"baliho\"")) << ::testing::PrintToString(missing_rate);
  auto unknown = errors_of(R"({"kind": "formula", "formula": "luas_m2 * harga"})");
  EXPECT_TRUE(has(unknown, "\"harga\" is neither a number field nor a table")) << ::testing::PrintToString(unknown);
  auto optional = errors_of(R"({"kind": "formula", "formula": "catatan * 1000"})");
  EXPECT_TRUE(has(optional, "must be required")) << ::testing::PrintToString(optional);
  auto by_text =
      errors_of(R"({"kind": "formula", "formula": "tarif", "tables": {"tarif": {"by": "luas_m2", "values": {}}}})");
  EXPECT_TRUE(has(by_text, "fee.tables.tarif.by")) << ::testing::PrintToString(by_text);
  auto fraction = errors_of(
      R"({"kind": "formula", "formula": "tarif", "tables": {"tarif": {"by": "jenis", "values": {"papan": 1.5, "baliho": 1}}}})");
  EXPECT_TRUE(has(fraction, "whole rupiah")) << ::testing::PrintToString(fraction);
}

}  // namespace
}  // namespace spbe::catalog
