// A service's fee: reading it from the definition (checked against the form), what an application pays under it,
// and its formula in words.
#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <charconv>
#include <map>

#include "catalog/model.hpp"
#include "catalog/model_detail.hpp"
#include "platform/i18n.hpp"

namespace spbe::catalog {
namespace {

namespace json = boost::json;

}  // namespace

namespace detail {

// The fee: its kind and, for a formula, the tables and the rounding rule; every name the formula reads must be a
// required number field or a table over a required choice field that has a rate for each option.
void ReadFee(Reader& r, const json::object& fee, Definition& d) {
  const std::string_view lang = r.lang();
  std::string kind = r.String(fee, "kind", "fee.kind", true, 20);
  d.fee.basis = r.Text(fee, "basis", "fee.basis", false, 500);
  if (kind == "free") {
    d.fee.kind = FeeKind::kFree;
    return;
  }
  if (kind == "fixed") {
    d.fee.kind = FeeKind::kFixed;
    if (auto amount = r.Int(fee, "amount", "fee.amount", 1, 1'000'000'000'000)) {
      d.fee.amount = *amount;
    } else if (!fee.if_contains("amount")) {
      r.Fail("fee.amount", i18n::Tr(lang, "catalog_fee_amount_required"));
    }
    return;
  }
  if (kind != "formula") {
    if (!kind.empty()) r.Fail("fee.kind", i18n::Tr(lang, "catalog_fee_kind_invalid"));
    return;
  }
  d.fee.kind = FeeKind::kFormula;
  std::string text = r.String(fee, "formula", "fee.formula", true, 500);
  if (!text.empty()) {
    auto parsed = FeeFormula::Parse(text, lang);
    if (!parsed.ok()) {
      for (auto& e : parsed.error().fields) r.errors().push_back(std::move(e));
    } else {
      d.fee.formula = std::move(*parsed);
    }
  }
  if (const auto* tables = fee.if_contains("tables")) {
    if (!tables->is_object()) {
      r.Fail("fee.tables", i18n::Tr(lang, "catalog_must_be_object"));
    } else {
      for (const auto& [name, tv] : tables->as_object()) {
        std::string path = fmt::format("fee.tables.{}", std::string(name));
        const auto* to = r.Object(&tv, path);
        if (!to) continue;
        FeeTable t{std::string(name), r.String(*to, "by", path + ".by", true, 64), {}};
        if (const auto* values = r.Object(to->if_contains("values"), path + ".values")) {
          for (const auto& [k, v] : *values) {
            if (!v.is_int64() || v.as_int64() < 0) {
              r.Fail(path + ".values." + std::string(k), i18n::Tr(lang, "catalog_fee_whole_rupiah"));
              continue;
            }
            t.values[std::string(k)] = v.as_int64();
          }
        }
        const FormField* by = d.form.Find(t.by);
        if (!by || by->type != FieldType::kChoice) {
          r.Fail(path + ".by", i18n::Tr(lang, "catalog_fee_table_by_invalid"));
        } else {
          if (!by->required) r.Fail(path + ".by", i18n::Tr(lang, "catalog_fee_table_by_optional"));
          for (const auto& opt : by->options) {
            if (!t.values.count(opt.value)) {
              r.Fail(path + ".values", i18n::Tr(lang, "catalog_fee_table_rate_missing", {{"option", opt.value}}));
            }
          }
        }
        d.fee.tables.push_back(std::move(t));
      }
    }
  }
  if (const auto* rounding = r.Object(fee.if_contains("rounding"), "fee.rounding", false)) {
    std::string mode = r.String(*rounding, "mode", "fee.rounding.mode", false, 10);
    if (mode == "up") {
      d.fee.rounding = Rounding::kUp;
    } else if (mode == "down") {
      d.fee.rounding = Rounding::kDown;
    } else if (!mode.empty() && mode != "nearest") {
      r.Fail("fee.rounding.mode", i18n::Tr(lang, "catalog_fee_rounding_invalid"));
    }
    if (auto to = r.Int(*rounding, "to", "fee.rounding.to", 1, 1'000'000)) d.fee.round_to = *to;
  }
  if (auto minimum = r.Int(fee, "minimum", "fee.minimum", 0, 1'000'000'000'000)) d.fee.minimum = *minimum;
  if (d.fee.formula) {
    for (const auto& name : d.fee.formula->Names()) {
      bool table =
          std::any_of(d.fee.tables.begin(), d.fee.tables.end(), [&](const FeeTable& t) { return t.name == name; });
      const FormField* f = d.form.Find(name);
      if (table) continue;
      if (!f || f->type != FieldType::kNumber) {
        r.Fail("fee.formula", i18n::Tr(lang, "catalog_fee_formula_name_unknown", {{"name", name}}));
      } else if (!f->required) {
        r.Fail("fee.formula", i18n::Tr(lang, "catalog_fee_formula_field_optional", {{"name", name}}));
      }
    }
  }
}

}  // namespace detail

std::string_view FeeKindName(FeeKind k) {
  switch (k) {
    case FeeKind::kFixed:
      return "fixed";
    case FeeKind::kFormula:
      return "formula";
    case FeeKind::kFree:
      break;
  }
  return "free";
}

Result<std::int64_t> FeeFor(const Definition& d, const json::object& data, std::string_view lang) {
  switch (d.fee.kind) {
    case FeeKind::kFree:
      return std::int64_t{0};
    case FeeKind::kFixed:
      return d.fee.amount;
    case FeeKind::kFormula:
      break;
  }
  if (!d.fee.formula) return Error::Of(ErrorCode::kInternal, "a formula fee without a formula");
  std::map<std::string, FeeFormula::Fraction> values;
  for (const auto& name : d.fee.formula->Names()) {
    auto table =
        std::find_if(d.fee.tables.begin(), d.fee.tables.end(), [&](const FeeTable& t) { return t.name == name; });
    if (table != d.fee.tables.end()) {
      const auto* v = data.if_contains(table->by);
      auto rate = v && v->is_string() ? table->values.find(std::string(v->as_string())) : table->values.end();
      if (rate == table->values.end()) {
        return Error::Validation({{table->by, i18n::Tr(lang, "catalog_fee_choose_option")}});
      }
      values[name] = {rate->second, 1};
      continue;
    }
    const auto* v = data.if_contains(name);
    std::int64_t n = 0;
    bool ok = false;
    if (v && v->is_int64()) {
      n = v->as_int64();
      ok = true;
    } else if (v && v->is_string()) {
      std::string_view t = v->as_string();
      auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), n);
      ok = ec == std::errc() && end == t.data() + t.size();
    }
    if (!ok) return Error::Validation({{name, i18n::Tr(lang, "catalog_fee_whole_number")}});
    values[name] = {n, 1};
  }
  auto exact = d.fee.formula->Evaluate(values, lang);
  if (!exact.ok()) return exact.error();
  return std::max(d.fee.minimum, RoundRupiah(*exact, d.fee.rounding, d.fee.round_to));
}

std::string DescribeFormula(const Definition& d, std::string_view lang) {
  if (!d.fee.formula) return {};
  const std::string& text = d.fee.formula->text();
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    char c = text[i];
    if (std::islower(static_cast<unsigned char>(c))) {
      std::size_t start = i;
      while (i < text.size() && (std::islower(static_cast<unsigned char>(text[i])) ||
                                 std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '_')) {
        ++i;
      }
      std::string name = text.substr(start, i - start);
      auto table =
          std::find_if(d.fee.tables.begin(), d.fee.tables.end(), [&](const FeeTable& t) { return t.name == name; });
      if (table != d.fee.tables.end()) {
        const FormField* by = d.form.Find(table->by);
        out += i18n::Tr(lang, "catalog_fee_rate_by", {{"field", by ? by->label.In(lang) : table->by}});
      } else if (const FormField* f = d.form.Find(name)) {
        out += f->label.In(lang);
      } else {
        out += name;
      }
      continue;
    }
    if (c == '*') {
      out += "\u00d7";
    } else if (c == '/') {
      out += "\u00f7";
    } else {
      out += c;
    }
    ++i;
  }
  return out;
}

}  // namespace spbe::catalog
