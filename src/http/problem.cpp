#include "http/problem.hpp"

#include <boost/json.hpp>

#include "platform/i18n.hpp"

namespace spbe::http {
namespace {

struct Kind {
  int status;
  const char* slug;
  const char* title_key;  // in locales/
};

constexpr Kind kKinds[] = {
    {400, "bad-request", "http_problem_bad_request"},
    {401, "unauthorized", "http_problem_unauthorized"},
    {403, "forbidden", "http_problem_forbidden"},
    {404, "not-found", "http_problem_not_found"},
    {405, "method-not-allowed", "http_problem_method_not_allowed"},
    {409, "conflict", "http_problem_conflict"},
    {413, "payload-too-large", "http_problem_payload_too_large"},
    {422, "validation", "http_problem_validation"},
    {429, "rate-limited", "http_problem_rate_limited"},
    {431, "headers-too-large", "http_problem_headers_too_large"},
    {500, "internal", "http_problem_internal"},
    {503, "unavailable", "http_problem_unavailable"},
};

const Kind& KindFor(int status) {
  for (const auto& k : kKinds) {
    if (k.status == status) return k;
  }
  return status >= 500 ? kKinds[10] : kKinds[0];
}

}  // namespace

int StatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kValidation:
      return 422;
    case ErrorCode::kBadRequest:
      return 400;
    case ErrorCode::kUnauthorized:
      return 401;
    case ErrorCode::kForbidden:
      return 403;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kConflict:
      return 409;
    case ErrorCode::kPayloadTooLarge:
      return 413;
    case ErrorCode::kRateLimited:
      return 429;
    case ErrorCode::kUnavailable:
      return 503;
    case ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

namespace {

Response Build(const Request& req, int status, const std::string& detail, const std::vector<FieldError>& fields) {
  const Kind& k = KindFor(status);
  boost::json::object o;
  o["type"] = std::string("/problems/") + k.slug;
  o["title"] = i18n::Tr(req.lang, k.title_key);
  o["status"] = status;
  // Internal details are logged under the request id, never shown.
  if (!detail.empty() && status != 500) o["detail"] = detail;
  o["instance"] = req.path;
  o["request_id"] = req.request_id;
  if (!fields.empty()) {
    boost::json::array errors;
    for (const auto& f : fields) errors.push_back({{"field", f.field}, {"message", f.message}});
    o["errors"] = std::move(errors);
  }
  Response r = Response::Text(status, boost::json::serialize(o), "application/problem+json");
  r.Set("Content-Language", req.lang);
  return r;
}

}  // namespace

Response Problem(const Request& req, const Error& error) {
  Response r = Build(req, StatusFor(error.code), error.detail, error.fields);
  if (error.retry_after_s > 0) r.Set("Retry-After", std::to_string(error.retry_after_s));
  return r;
}

Response ProblemForStatus(const Request& req, int status, std::string detail) { return Build(req, status, detail, {}); }

Response Unauthorized(const Request& req) {
  Response r = Problem(req, Error::Of(ErrorCode::kUnauthorized, i18n::Tr(req.lang, "http_sign_in_first")));
  r.Set("WWW-Authenticate", "Bearer");
  return r;
}

}  // namespace spbe::http
