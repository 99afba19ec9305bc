#include "http/middleware.hpp"

#include <chrono>
#include <cstdio>
#include <random>

#include "platform/compress.hpp"
#include "platform/crypto.hpp"
#include "platform/i18n.hpp"
#include "platform/log.hpp"

namespace spbe::http {
namespace {

constexpr std::size_t kMinCompress = 860;  // below about one packet gzip saves nothing worth the CPU

bool AcceptsGzip(const Request& req) {
  auto ae = req.Header("accept-encoding");
  if (!ae) return false;
  // Refused explicitly with q=0 is rare enough to treat "gzip;q=0" as no.
  auto pos = ae->find("gzip");
  if (pos == std::string_view::npos) return false;
  auto rest = ae->substr(pos + 4);
  auto comma = rest.find(',');
  auto params = rest.substr(0, comma);
  return params.find("q=0") == std::string_view::npos || params.find("q=0.") != std::string_view::npos;
}

bool IsText(std::string_view content_type) {
  return content_type.rfind("text/", 0) == 0 || content_type.find("json") != std::string_view::npos ||
         content_type.find("javascript") != std::string_view::npos ||
         content_type.find("svg") != std::string_view::npos;
}

// 96 random bits per id from a per-thread generator seeded once from the system CSPRNG: ids must be unique and
// unguessable enough for log correlation, not secret, and a getrandom(2) per request showed in profiles.
std::string NewRequestId() {
  thread_local std::mt19937_64 gen = [] {
    std::seed_seq seq{std::stoull(crypto::RandomHex(8), nullptr, 16), std::stoull(crypto::RandomHex(8), nullptr, 16)};
    return std::mt19937_64(seq);
  }();
  char buf[25];
  std::snprintf(buf, sizeof buf, "%016llx%08llx", static_cast<unsigned long long>(gen()),
                static_cast<unsigned long long>(gen() & 0xffffffffu));
  return buf;
}

}  // namespace

bool ValidRequestId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') return false;
  }
  return true;
}

Middleware AccessLog(Metrics& metrics) {
  return [&metrics](Request& req, const Next& next) {
    auto start = std::chrono::steady_clock::now();
    Response res = next(req);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    metrics.ObserveRequest(req.route, res.status, seconds);
    log::Info("request", {{"id", req.request_id},
                          {"method", req.method},
                          {"route", req.route},
                          {"status", res.status},
                          {"bytes", static_cast<std::int64_t>(res.body.size())},
                          {"duration_us", static_cast<std::int64_t>(seconds * 1e6)}});
    return res;
  };
}

Middleware RequestId() {
  return [](Request& req, const Next& next) {
    auto incoming = req.Header("x-request-id");
    req.request_id = incoming && ValidRequestId(*incoming) ? std::string(*incoming) : NewRequestId();
    Response res = next(req);
    res.Set("X-Request-Id", req.request_id);
    return res;
  };
}

Middleware SecurityHeaders() {
  return [](Request& req, const Next& next) {
    Response res = next(req);
    res.Set("Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; "
            "base-uri 'self'; form-action 'self'; frame-ancestors 'none'");
    res.Set("X-Content-Type-Options", "nosniff");
    res.Set("Referrer-Policy", "strict-origin-when-cross-origin");
    res.Set("X-Frame-Options", "DENY");
    res.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(self)");
    res.Set("Cross-Origin-Opener-Policy", "same-origin");
    if (!res.Header("Cache-Control")) res.Set("Cache-Control", "no-store");
    return res;
  };
}

Middleware Language() {
  return [](Request& req, const Next& next) {
    auto explicit_choice = req.Query("lang");
    auto cookie = req.Cookie("lang");
    req.lang = i18n::Negotiate(explicit_choice ? std::optional<std::string_view>(*explicit_choice) : std::nullopt,
                               cookie ? std::optional<std::string_view>(*cookie) : std::nullopt,
                               req.Header("accept-language"));
    Response res = next(req);
    if (explicit_choice && i18n::Supported(*explicit_choice) && cookie != req.lang) {
      res.headers.emplace_back("Set-Cookie", "lang=" + req.lang + "; Path=/; Max-Age=31536000; SameSite=Lax");
    }
    if (!res.Header("Content-Language")) res.Set("Content-Language", req.lang);
    // Pages depend on these request headers; caches must key on them.
    if (!res.Header("Vary")) res.Set("Vary", "Accept-Encoding, Accept-Language, Cookie");
    return res;
  };
}

Middleware Compression() {
  return [](Request& req, const Next& next) {
    Response res = next(req);
    if (res.body.size() < kMinCompress || res.Header("Content-Encoding") || !AcceptsGzip(req)) return res;
    auto ct = res.Header("Content-Type");
    if (!ct || !IsText(*ct)) return res;
    res.body = Gzip(res.body);
    res.Set("Content-Encoding", "gzip");
    return res;
  };
}

}  // namespace spbe::http
