#include "http/middleware.hpp"

#include <array>
#include <chrono>
#include <random>

#include "platform/cidr.hpp"
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
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id(24, '0');
  std::uint64_t hi = gen(), lo = gen();
  for (int i = 15; i >= 0; --i, hi >>= 4) id[static_cast<std::size_t>(i)] = kHex[hi & 0xf];
  for (int i = 23; i >= 16; --i, lo >>= 4) id[static_cast<std::size_t>(i)] = kHex[lo & 0xf];
  return id;
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
  // Made once: with and without a policy or a cache rule of the handler's own. A handler's own, stricter policy
  // stands (an attachment is served sandboxed).
  static const std::array<HeaderBlock, 4> kBlocks = [] {
    auto block = [](bool own_policy, bool own_cache) {
      std::vector<std::pair<std::string, std::string>> f;
      if (!own_policy) {
        f.emplace_back("Content-Security-Policy",
                       "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                       "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'");
      }
      f.emplace_back("X-Content-Type-Options", "nosniff");
      f.emplace_back("Referrer-Policy", "strict-origin-when-cross-origin");
      f.emplace_back("X-Frame-Options", "DENY");
      f.emplace_back("Permissions-Policy", "camera=(), microphone=(), geolocation=(self)");
      f.emplace_back("Cross-Origin-Opener-Policy", "same-origin");
      if (!own_cache) f.emplace_back("Cache-Control", "no-store");
      return HeaderBlock(std::move(f));
    };
    return std::array<HeaderBlock, 4>{block(false, false), block(false, true), block(true, false), block(true, true)};
  }();
  return [](Request& req, const Next& next) {
    Response res = next(req);
    bool own_policy = false, own_cache = false;
    for (const auto& [k, v] : res.headers) {
      own_policy = own_policy || IEquals(k, "Content-Security-Policy");
      own_cache = own_cache || IEquals(k, "Cache-Control");
    }
    // Ours replace a handler's own copies of the others, as Set did: drop those first.
    std::erase_if(res.headers, [](const auto& h) {
      return IEquals(h.first, "X-Content-Type-Options") || IEquals(h.first, "Referrer-Policy") ||
             IEquals(h.first, "X-Frame-Options") || IEquals(h.first, "Permissions-Policy") ||
             IEquals(h.first, "Cross-Origin-Opener-Policy");
    });
    res.preset = &kBlocks[(own_policy ? 2 : 0) + (own_cache ? 1 : 0)];
    return res;
  };
}

std::string ClientAddressOf(std::string_view peer, std::optional<std::string_view> forwarded_for,
                            const std::vector<Cidr>& trusted) {
  if (!forwarded_for || !InAnyNetwork(trusted, peer)) return std::string(peer);
  // X-Forwarded-For: client, proxy1, proxy2; each proxy appends the address it received from. Read from the right:
  // the first address that is not one of our proxies is the client as far as anything we trust can tell; what lies
  // left of it was written by the client and proves nothing.
  std::string_view list = *forwarded_for;
  std::string candidate(peer);
  while (!list.empty()) {
    auto comma = list.rfind(',');
    std::string_view item = comma == std::string_view::npos ? list : list.substr(comma + 1);
    list = comma == std::string_view::npos ? std::string_view() : list.substr(0, comma);
    while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
    while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
    // Proxies write "1.2.3.4:5678", "[2001:db8::1]:443" or "[2001:db8::1]": the address without its port.
    if (!item.empty() && item.front() == '[') {
      auto close = item.find(']');
      if (close != std::string_view::npos) item = item.substr(1, close - 1);
    } else if (item.find(':') == item.rfind(':') && item.find(':') != std::string_view::npos) {
      item = item.substr(0, item.find(':'));
    }
    if (!ValidIpAddress(item)) {
      // What our own proxy wrote and we cannot read ("unknown", an obfuscated name): that token stands for the
      // client, so clients never all share the proxy's address. Further left is the client's own writing.
      if (!item.empty()) candidate = "?" + std::string(item.substr(0, 64));
      break;
    }
    candidate = std::string(item);
    if (!InAnyNetwork(trusted, item)) break;
  }
  return candidate;
}

Middleware ClientAddress(std::vector<Cidr> trusted_proxies) {
  return [trusted = std::move(trusted_proxies)](Request& req, const Next& next) {
    req.peer_address = req.remote_address;
    if (!trusted.empty()) {
      auto forwarded = req.HeaderJoined("x-forwarded-for");
      req.remote_address = ClientAddressOf(
          req.peer_address, forwarded ? std::optional<std::string_view>(*forwarded) : std::nullopt, trusted);
    }
    return next(req);
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
