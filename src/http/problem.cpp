#include "http/problem.hpp"

#include <boost/json.hpp>

namespace spbe::http {
namespace {

struct Kind {
  int status;
  const char* slug;
  const char* title_id;
  const char* title_en;
};

constexpr Kind kKinds[] = {
    {400, "bad-request", "Permintaan tidak dapat dibaca", "The request could not be read"},
    {401, "unauthorized", "Perlu masuk terlebih dahulu", "Sign-in required"},
    {403, "forbidden", "Anda tidak berwenang", "You are not allowed to do this"},
    {404, "not-found", "Tidak ditemukan", "Not found"},
    {405, "method-not-allowed", "Metode tidak diizinkan", "Method not allowed"},
    {409, "conflict", "Bertentangan dengan keadaan data", "Conflicts with the current state"},
    {413, "payload-too-large", "Data yang dikirim terlalu besar", "The request body is too large"},
    {422, "validation", "Data tidak valid", "The data is not valid"},
    {429, "rate-limited", "Terlalu banyak percobaan", "Too many attempts"},
    {431, "headers-too-large", "Header permintaan terlalu besar", "Request headers too large"},
    {500, "internal", "Terjadi kesalahan pada sistem", "Internal error"},
    {503, "unavailable", "Layanan sedang tidak tersedia", "Service unavailable"},
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
  o["title"] = req.lang == "en" ? k.title_en : k.title_id;
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
  Response r = Problem(
      req, Error::Of(ErrorCode::kUnauthorized, req.lang == "en" ? "sign in first" : "silakan masuk terlebih dahulu"));
  r.Set("WWW-Authenticate", "Bearer");
  return r;
}

}  // namespace spbe::http
