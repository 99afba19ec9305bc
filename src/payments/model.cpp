#include "payments/model.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <cctype>

#include "platform/clock.hpp"
#include "platform/i18n.hpp"
#include "platform/identifiers.hpp"

namespace spbe::payments {

namespace json = boost::json;

namespace {

Result<json::object> Object(std::string_view body, std::string_view lang) {
  boost::system::error_code ec;
  json::value v = json::parse(body, ec);
  if (ec || !v.is_object()) {
    return Error::Of(ErrorCode::kBadRequest, i18n::Tr(lang, "payments_body_not_json_object"));
  }
  return v.as_object();
}

std::string Text(const json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

}  // namespace

Result<CallbackBody> ParseCallback(std::string_view body, std::string_view lang) {
  auto o = Object(body, lang);
  if (!o.ok()) return o.error();
  CallbackBody c;
  std::vector<FieldError> errors;
  auto code = NormalizeBillingCode(Text(*o, "billing_code"));
  if (!code) {
    errors.push_back({"billing_code", i18n::Tr(lang, "payments_billing_code_invalid")});
  } else {
    c.billing_code = *code;
  }
  const auto* amount = o->if_contains("amount");
  if (!amount || !amount->is_int64() || amount->as_int64() <= 0) {
    errors.push_back({"amount", i18n::Tr(lang, "payments_amount_invalid")});
  } else {
    c.amount = amount->as_int64();
  }
  c.bank_reference = Text(*o, "bank_reference");
  if (c.bank_reference.empty() || c.bank_reference.size() > 64) {
    errors.push_back({"bank_reference", i18n::Tr(lang, "payments_bank_reference_invalid")});
  }
  c.paid_at = Text(*o, "paid_at");
  if (!ParseUtc(c.paid_at)) {
    errors.push_back({"paid_at", i18n::Tr(lang, "payments_paid_at_invalid")});
  }
  c.channel = Text(*o, "channel").substr(0, 32);
  if (!errors.empty()) return Error::Validation(std::move(errors));
  return c;
}

Result<std::string> ParseInquiry(std::string_view body, std::string_view lang) {
  auto o = Object(body, lang);
  if (!o.ok()) return o.error();
  auto code = NormalizeBillingCode(Text(*o, "billing_code"));
  if (!code) {
    return Error::Validation({{"billing_code", i18n::Tr(lang, "payments_billing_code_invalid")}});
  }
  return *code;
}

}  // namespace spbe::payments
