// The checks: an application's data against the service's form, and a definition against what publishing it needs
// (a workflow that starts, finishes and moves the file on; the standard's required parts).
#include <re2/re2.h>

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <charconv>
#include <map>
#include <memory>
#include <set>

#include "catalog/model.hpp"
#include "catalog/model_detail.hpp"
#include "platform/i18n.hpp"
#include "platform/identifiers.hpp"

namespace spbe::catalog {
namespace {

// Patterns an agency admin writes for a form field, matched against what citizens type: RE2 (Debian's libre2), which
// runs in time linear in the input and never recurses, so no pattern and no input can hang or crash the server
// (std::regex backtracks exponentially on "(a+)+$" and overflows its stack on long input). A program size bound
// keeps "a{1000}{1000}" out.
std::unique_ptr<re2::RE2> CompilePattern(const std::string& pattern) {
  re2::RE2::Options options;
  options.set_log_errors(false);
  options.set_max_mem(1 << 20);
  auto re = std::make_unique<re2::RE2>(pattern, options);
  if (!re->ok() || re->ProgramSize() > 5000) return nullptr;
  return re;
}

bool MatchesPattern(const std::string& text, const std::string& pattern) {
  auto re = CompilePattern(pattern);
  return re && re2::RE2::FullMatch(text, *re);
}

namespace json = boost::json;

std::string FormatIsoDate(std::chrono::year_month_day d) {
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                     static_cast<unsigned>(d.day()));
}

}  // namespace

namespace detail {

bool ValidPattern(const std::string& pattern) { return CompilePattern(pattern) != nullptr; }

std::optional<std::chrono::year_month_day> ParseIsoDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  int y = 0;
  unsigned m = 0, d = 0;
  if (std::from_chars(s.data(), s.data() + 4, y).ec != std::errc() ||
      std::from_chars(s.data() + 5, s.data() + 7, m).ec != std::errc() ||
      std::from_chars(s.data() + 8, s.data() + 10, d).ec != std::errc())
    return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)};
  if (!ymd.ok()) return std::nullopt;
  return ymd;
}

}  // namespace detail

using detail::ParseIsoDate;

std::vector<FieldError> ValidateData(const Form& form, const boost::json::object& data, const FormContext& ctx,
                                     std::string_view lang, bool complete) {
  std::vector<FieldError> errors;
  auto fail = [&](const FormField& f, std::string message) { errors.push_back({f.name, std::move(message)}); };
  for (const auto& [key, value] : data) {
    if (!form.Find(key)) errors.push_back({std::string(key), i18n::Tr(lang, "catalog_field_unknown")});
  }
  for (const auto& f : form.fields) {
    const json::value* v = data.if_contains(f.name);
    std::string text;
    if (v && v->is_string()) {
      text = v->as_string();
      while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
      std::size_t start = 0;
      while (start < text.size() && std::isspace(static_cast<unsigned char>(text[start]))) ++start;
      text.erase(0, start);
    } else if (v && f.type == FieldType::kNumber && (v->is_int64() || v->is_uint64())) {
      text = json::serialize(*v);
    } else if (v && f.type == FieldType::kFile && (v->is_int64() || v->is_uint64())) {
      text = json::serialize(*v);
    } else if (v && !v->is_null()) {
      fail(f, i18n::Tr(lang, "catalog_field_wrong_kind"));
      continue;
    }
    if (text.empty()) {
      if (f.required && complete) fail(f, i18n::Tr(lang, "catalog_field_required"));
      continue;
    }
    switch (f.type) {
      case FieldType::kText:
      case FieldType::kLongText: {
        // Characters, not bytes: names and addresses are UTF-8.
        std::int64_t chars = std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; });
        std::int64_t max = f.max.value_or(f.type == FieldType::kText ? 200 : 4000);
        if (f.min && chars < *f.min)
          fail(f, i18n::Tr(lang, "catalog_at_least_characters", {{"min", std::to_string(*f.min)}}));
        else if (chars > max)
          fail(f, i18n::Tr(lang, "catalog_at_most_characters", {{"max", std::to_string(max)}}));
        else if (!f.pattern.empty() && !MatchesPattern(text, f.pattern))
          fail(f, f.pattern_message.empty() ? i18n::Tr(lang, "catalog_field_pattern_mismatch")
                                            : f.pattern_message.In(lang));
        break;
      }
      case FieldType::kNumber: {
        std::int64_t n = 0;
        auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
        if (ec != std::errc() || p != text.data() + text.size())
          fail(f, i18n::Tr(lang, "catalog_field_whole_number"));
        else if (f.min && n < *f.min)
          fail(f, i18n::Tr(lang, "catalog_field_at_least", {{"min", std::to_string(*f.min)}}));
        else if (f.max && n > *f.max)
          fail(f, i18n::Tr(lang, "catalog_field_at_most", {{"max", std::to_string(*f.max)}}));
        break;
      }
      case FieldType::kDate: {
        auto d = ParseIsoDate(text);
        auto bound = [&](const std::string& b) { return b == "today" ? ctx.today : *ParseIsoDate(b); };
        if (!d)
          fail(f, i18n::Tr(lang, "catalog_field_date_invalid"));
        else if (!f.min_date.empty() && *d < bound(f.min_date))
          fail(f, i18n::Tr(lang, "catalog_field_date_before", {{"date", FormatIsoDate(bound(f.min_date))}}));
        else if (!f.max_date.empty() && *d > bound(f.max_date))
          fail(f, i18n::Tr(lang, "catalog_field_date_after", {{"date", FormatIsoDate(bound(f.max_date))}}));
        break;
      }
      case FieldType::kChoice:
        if (std::none_of(f.options.begin(), f.options.end(), [&](const ChoiceOption& o) { return o.value == text; }))
          fail(f, i18n::Tr(lang, "catalog_field_choose_option"));
        break;
      case FieldType::kNik: {
        NikError why{};
        if (!ParseNik(text, ctx.region_exists, ctx.today, &why)) errors.push_back({f.name, NikErrorText(why, lang)});
        break;
      }
      case FieldType::kRegion: {
        int level = 1 + static_cast<int>(std::count(text.begin(), text.end(), '.'));
        if (level != static_cast<int>(f.region_level) ||
            !(ctx.region_offered ? ctx.region_offered(text) : ctx.region_exists(text)))
          fail(f, i18n::Tr(lang, "catalog_field_region_choose"));
        break;
      }
      case FieldType::kEmail:
        if (!NormalizeEmail(text)) fail(f, i18n::Tr(lang, "catalog_field_email_invalid"));
        break;
      case FieldType::kPhone:
        if (!NormalizePhone(text)) fail(f, i18n::Tr(lang, "catalog_field_phone_invalid"));
        break;
      case FieldType::kFile:
        break;  // an attachment id: the applications capability checks it belongs to the draft
    }
  }
  return errors;
}

std::vector<FieldError> ValidateForPublish(const Definition& d, std::string_view lang) {
  std::vector<FieldError> errors;
  auto fail = [&](std::string path, const std::string& message) { errors.push_back({std::move(path), message}); };
  if (d.standard.legal_basis.empty())
    fail("standard.legal_basis", i18n::Tr(lang, "catalog_publish_legal_basis_missing"));
  if (d.standard.output.empty()) fail("standard.output", i18n::Tr(lang, "catalog_publish_output_missing"));
  if (d.standard.complaints.empty()) fail("standard.complaints", i18n::Tr(lang, "catalog_publish_complaints_missing"));
  if (d.fee.kind != FeeKind::kFree && d.fee.basis.empty())
    fail("fee.basis", i18n::Tr(lang, "catalog_publish_fee_basis_missing"));
  const auto& steps = d.workflow.steps;
  if (steps.empty()) {
    fail("workflow.steps", i18n::Tr(lang, "catalog_publish_no_steps"));
    return errors;
  }
  // Follow "next" from the first step: every step once, no loop, ending at a step without "next".
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < steps.size(); ++i) index[steps[i].key] = i;
  std::set<std::size_t> visited;
  std::size_t at = 0;
  int total_days = 0;
  for (;;) {
    if (!visited.insert(at).second) {
      fail(fmt::format("workflow.steps[{}].next", at), i18n::Tr(lang, "catalog_publish_workflow_loops"));
      break;
    }
    if (!steps[at].payment) total_days += steps[at].time_limit_days;  // the clock stands still while paying
    const std::string& next = steps[at].next;
    if (next.empty()) {
      if (steps[at].payment) {
        fail(fmt::format("workflow.steps[{}].next", at), i18n::Tr(lang, "catalog_publish_payment_last"));
      } else if (!steps[at].Allows(StepAction::kApprove))
        fail(fmt::format("workflow.steps[{}].actions", at), i18n::Tr(lang, "catalog_publish_last_step_approves"));
      break;
    }
    auto it = index.find(next);
    if (it == index.end()) {
      fail(fmt::format("workflow.steps[{}].next", at), i18n::Tr(lang, "catalog_publish_next_step_missing"));
      break;
    }
    at = it->second;
  }
  for (std::size_t i = 0; i < steps.size(); ++i) {
    std::string path = fmt::format("workflow.steps[{}]", i);
    if (!visited.count(i) && errors.empty()) fail(path, i18n::Tr(lang, "catalog_publish_step_unreached"));
    if (steps[i].payment) {
      if (d.fee.kind == FeeKind::kFree) fail(path + ".payment", i18n::Tr(lang, "catalog_publish_free_payment"));
      if (i == 0) fail(path + ".payment", i18n::Tr(lang, "catalog_publish_payment_first"));
      continue;
    }
    if (std::none_of(steps[i].actions.begin(), steps[i].actions.end(), Advances))
      fail(path + ".actions", i18n::Tr(lang, "catalog_publish_step_cannot_advance"));
  }
  if (errors.empty() && total_days > d.time_limit_days)
    fail("time_limit_days", i18n::Tr(lang, "catalog_publish_time_limits_exceeded"));
  return errors;
}

}  // namespace spbe::catalog
