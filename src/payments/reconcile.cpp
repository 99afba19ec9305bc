#include "payments/reconcile.hpp"

#include <fmt/format.h>

#include <cctype>
#include <charconv>
#include <map>
#include <set>

#include "payments/model.hpp"
#include "platform/clock.hpp"
#include "platform/i18n.hpp"

namespace spbe::payments {
namespace {

std::vector<std::string> Split(std::string_view line) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : line) {
    if (c == ',' || c == ';') {
      out.push_back(cur);
      cur.clear();
    } else if (c != '"' && c != '\r') {
      cur += c;
    }
  }
  out.push_back(cur);
  for (auto& f : out) {
    while (!f.empty() && f.front() == ' ') f.erase(f.begin());
    while (!f.empty() && f.back() == ' ') f.pop_back();
  }
  return out;
}

}  // namespace

Result<std::vector<StatementLine>> ParseStatement(std::string_view csv, std::string_view lang) {
  std::vector<StatementLine> out;
  std::vector<FieldError> errors;
  int number = 0;
  std::size_t at = 0;
  while (at <= csv.size()) {
    std::size_t end = csv.find('\n', at);
    std::string_view line = csv.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at);
    at = end == std::string_view::npos ? csv.size() + 1 : end + 1;
    ++number;
    if (line.empty() || line == "\r") continue;
    auto f = Split(line);
    if (number == 1 && !f.empty() && !f[0].empty() && !std::isdigit(static_cast<unsigned char>(f[0][0]))) continue;
    std::string where = i18n::Tr(lang, "payments_statement_line", {{"number", fmt::format("{}", number)}});
    if (f.size() < 4) {
      errors.push_back({where, i18n::Tr(lang, "payments_statement_four_columns")});
      continue;
    }
    StatementLine l{number, f[0], "", 0, f[3]};
    auto code = NormalizeBillingCode(f[1]);
    std::int64_t amount = 0;
    auto [ptr, ec] = std::from_chars(f[2].data(), f[2].data() + f[2].size(), amount);
    if (!ParseUtc(l.paid_at)) {
      errors.push_back({where, i18n::Tr(lang, "payments_statement_time_not_utc")});
    } else if (!code) {
      errors.push_back({where, i18n::Tr(lang, "payments_statement_not_billing_code")});
    } else if (ec != std::errc() || ptr != f[2].data() + f[2].size() || amount <= 0) {
      errors.push_back({where, i18n::Tr(lang, "payments_statement_amount_invalid")});
    } else if (l.reference.empty()) {
      errors.push_back({where, i18n::Tr(lang, "payments_statement_reference_missing")});
    } else {
      l.billing_code = *code;
      l.amount = amount;
      out.push_back(std::move(l));
    }
  }
  if (!errors.empty()) return Error::Validation(std::move(errors));
  return out;
}

Reconciliation Reconcile(const std::vector<StatementLine>& statement, const std::vector<RecordedPayment>& recorded) {
  Reconciliation r;
  r.statement_lines = static_cast<int>(statement.size());
  r.recorded = static_cast<int>(recorded.size());
  std::map<std::string, const RecordedPayment*> by_reference;
  for (const auto& p : recorded) by_reference[p.reference] = &p;
  std::set<std::string> seen;
  for (const auto& l : statement) {
    if (!seen.insert(l.reference).second) {
      r.mismatches.push_back({"duplicate_in_statement", l.reference, l.billing_code, l.amount, 0, l.line});
      continue;
    }
    auto it = by_reference.find(l.reference);
    if (it == by_reference.end()) {
      r.mismatches.push_back({"only_in_statement", l.reference, l.billing_code, l.amount, 0, l.line});
    } else if (it->second->billing_code != l.billing_code) {
      r.mismatches.push_back({"code_differs", l.reference, l.billing_code, l.amount, it->second->amount, l.line});
    } else if (it->second->amount != l.amount) {
      r.mismatches.push_back({"amount_differs", l.reference, l.billing_code, l.amount, it->second->amount, l.line});
    } else {
      ++r.matched;
    }
  }
  for (const auto& p : recorded) {
    if (!seen.count(p.reference)) {
      r.mismatches.push_back({"only_recorded", p.reference, p.billing_code, 0, p.amount, 0});
    }
  }
  return r;
}

}  // namespace spbe::payments
