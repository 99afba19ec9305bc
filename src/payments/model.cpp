#include "payments/model.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <cctype>

#include "platform/clock.hpp"
#include "platform/identifiers.hpp"

namespace spbe::payments {

namespace json = boost::json;

namespace {

Result<json::object> Object(std::string_view body, bool en) {
  boost::system::error_code ec;
  json::value v = json::parse(body, ec);
  if (ec || !v.is_object()) {
    return Error::Of(ErrorCode::kBadRequest, en ? "the body is not a JSON object" : "isi permintaan bukan objek JSON");
  }
  return v.as_object();
}

std::string Text(const json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

}  // namespace

Result<CallbackBody> ParseCallback(std::string_view body, std::string_view lang) {
  bool en = lang == "en";
  auto o = Object(body, en);
  if (!o.ok()) return o.error();
  CallbackBody c;
  std::vector<FieldError> errors;
  auto code = NormalizeBillingCode(Text(*o, "billing_code"));
  if (!code) {
    errors.push_back(
        {"billing_code", en ? "16 digits with a valid check digit" : "16 digit dengan digit kontrol yang benar"});
  } else {
    c.billing_code = *code;
  }
  const auto* amount = o->if_contains("amount");
  if (!amount || !amount->is_int64() || amount->as_int64() <= 0) {
    errors.push_back({"amount", en ? "a whole number of rupiah above zero" : "bilangan bulat rupiah lebih dari nol"});
  } else {
    c.amount = amount->as_int64();
  }
  c.bank_reference = Text(*o, "bank_reference");
  if (c.bank_reference.empty() || c.bank_reference.size() > 64) {
    errors.push_back(
        {"bank_reference", en ? "the bank's reference, 1 to 64 characters" : "referensi bank, 1-64 karakter"});
  }
  c.paid_at = Text(*o, "paid_at");
  if (!ParseUtc(c.paid_at)) {
    errors.push_back(
        {"paid_at", en ? "a UTC time such as 2026-11-23T03:00:00Z" : "waktu UTC, misalnya 2026-11-23T03:00:00Z"});
  }
  c.channel = Text(*o, "channel").substr(0, 32);
  if (!errors.empty()) return Error::Validation(std::move(errors));
  return c;
}

Result<std::string> ParseInquiry(std::string_view body, std::string_view lang) {
  bool en = lang == "en";
  auto o = Object(body, en);
  if (!o.ok()) return o.error();
  auto code = NormalizeBillingCode(Text(*o, "billing_code"));
  if (!code) {
    return Error::Validation(
        {{"billing_code", en ? "16 digits with a valid check digit" : "16 digit dengan digit kontrol yang benar"}});
  }
  return *code;
}

}  // namespace spbe::payments
