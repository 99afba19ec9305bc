// The gateway: a client system's call forwarded to the provider. The bus checks the caller's key, the service, the
// grant, the size and the rate; strips what the client may not say about itself; signs the request (RFC 9421,
// Ed25519, with Content-Digest); forwards it without following redirects; writes the exchange to the message log
// (durably, before answering); and answers with the provider's reply, the request id and a signed receipt.
#include <soci/soci.h>

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <iterator>

#include "interop/service.hpp"
#include "interop/signature.hpp"
#include "platform/crypto.hpp"
#include "platform/i18n.hpp"

namespace spbe::interop {
namespace {

namespace json = boost::json;

// Whether a header is one the bus says for itself (X-SPL-*) or one of `dropped`.
template <std::size_t N>
bool DroppedBy(const char* const (&dropped)[N], std::string_view name) {
  if (name.rfind("x-spl-", 0) == 0) return true;
  return std::any_of(std::begin(dropped), std::end(dropped), [name](const char* d) { return name == d; });
}

// Headers a client's request does not carry on to the provider: its credential, hop-by-hop fields, what the bus
// sets itself, and anything claiming to come from the bus.
bool Stripped(std::string_view name) {
  static const char* const kDropped[] = {"authorization",
                                         "cookie",
                                         "host",
                                         "connection",
                                         "keep-alive",
                                         "te",
                                         "trailer",
                                         "transfer-encoding",
                                         "upgrade",
                                         "proxy-authorization",
                                         "content-length",
                                         "content-digest",
                                         "signature",
                                         "signature-input",
                                         "expect",
                                         "x-forwarded-for",
                                         "x-forwarded-host",
                                         "x-forwarded-proto",
                                         "x-real-ip",
                                         "forwarded",
                                         "accept-encoding",
                                         "x-request-id",
                                         "x-http-method-override",
                                         "x-http-method",
                                         "x-method-override",
                                         "x-original-url",
                                         "x-rewrite-url"};
  return DroppedBy(kDropped, name);
}

// Headers of the provider's answer not passed back: hop-by-hop fields and what the server sets itself.
bool StrippedAnswer(std::string_view name) {
  // Ours, not the provider's: the security and caching policy of what this server answers.
  static const char* const kDropped[] = {"connection",
                                         "keep-alive",
                                         "transfer-encoding",
                                         "content-length",
                                         "set-cookie",
                                         "upgrade",
                                         "trailer",
                                         "date",
                                         "server",
                                         "strict-transport-security",
                                         "content-security-policy",
                                         "cache-control",
                                         "proxy-authenticate",
                                         "www-authenticate",
                                         "x-frame-options",
                                         "access-control-allow-origin",
                                         "access-control-allow-credentials"};
  return DroppedBy(kDropped, name);
}

std::string UrlJoin(std::string base, const std::string& path, const std::string& query) {
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + path + query;
}

// scheme, authority and the base path of a provider URL (already checked when it was set).
struct Target {
  std::string scheme, authority, base_path;
};
Target SplitUrl(const std::string& url) {
  Target t;
  auto scheme_end = url.find("://");
  t.scheme = url.substr(0, scheme_end);
  auto rest = url.substr(scheme_end + 3);
  auto slash = rest.find('/');
  t.authority = rest.substr(0, slash);
  t.base_path = slash == std::string::npos ? "" : rest.substr(slash);
  while (!t.base_path.empty() && t.base_path.back() == '/') t.base_path.pop_back();
  for (auto& c : t.authority) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return t;
}

}  // namespace

InteropService::InFlight::InFlight(InteropService& b, std::int64_t s) : bus(b), service(s) {
  std::lock_guard lock(bus.inflight_mu_);
  int& n = bus.inflight_[service];
  if (n < bus.options_.max_in_flight_per_service) {
    ++n;
    admitted = true;
  }
}

InteropService::InFlight::~InFlight() {
  if (!admitted) return;
  std::lock_guard lock(bus.inflight_mu_);
  if (--bus.inflight_[service] == 0) bus.inflight_.erase(service);
}

CallAnswer InteropService::Call(const access::Actor& caller, const CallRequest& req, std::string_view lang) {
  auto client = SystemOfKey(caller);
  if (!client) {
    CallAnswer out;
    out.problem = Error::Of(ErrorCode::kUnauthorized, i18n::Tr(lang, "interop_key_required"));
    return out;
  }
  return Exchange(*client, req, lang);
}

Result<InteropService::FormAnswer> InteropService::FetchForForm(const std::string& service_address,
                                                                const std::string& path, const std::string& end_user,
                                                                std::string_view lang) {
  auto home = org_.Home();
  if (!home.ok()) return Error::Of(ErrorCode::kUnavailable, i18n::Tr(lang, "interop_unavailable"));
  auto portal = db_.Read([&](soci::session& s) -> std::optional<SystemRow> {
    auto member = store_.MemberOfNode(s, home->id);
    if (!member) return std::nullopt;
    return store_.SystemByCodes(s, member->code, "portal");
  });
  if (!portal.ok() || !*portal) return Error::Of(ErrorCode::kUnavailable, i18n::Tr(lang, "interop_not_connected"));
  std::vector<std::string> parts;
  for (std::size_t at = 0, next; at <= service_address.size(); at = next + 1) {
    next = service_address.find('/', at);
    if (next == std::string::npos) next = service_address.size();
    parts.push_back(service_address.substr(at, next - at));
  }
  if (parts.size() != 3) return Error::Of(ErrorCode::kNotFound, i18n::Tr(lang, "interop_service_not_found"));
  CallRequest req{
      parts[0], parts[1], parts[2], "GET", path, "", {{"accept", "application/json"}}, "", crypto::RandomHex(16)};
  if (!end_user.empty()) req.headers.emplace_back("x-spl-user", end_user);
  CallAnswer answer = Exchange(**portal, req, lang);
  if (answer.problem) return *answer.problem;
  if (answer.status != 200) return Error::Of(ErrorCode::kNotFound, i18n::Tr(lang, "interop_prefill_not_found"));
  boost::system::error_code ec;
  auto doc = json::parse(answer.body, ec);
  if (ec || !doc.is_object()) return Error::Of(ErrorCode::kUnavailable, i18n::Tr(lang, "interop_provider_unreachable"));
  return FormAnswer{std::move(doc.as_object()), std::move(answer.provider_agency)};
}

CallAnswer InteropService::Exchange(const SystemRow& caller_system, const CallRequest& req, std::string_view lang) {
  auto started = std::chrono::steady_clock::now();
  CallAnswer out;
  auto refuse = [&](ErrorCode code, const std::string& key, int retry_after = 0) {
    Error e = Error::Of(code, i18n::Tr(lang, key));
    e.retry_after_s = retry_after;
    out.problem = std::move(e);
    return out;
  };
  const SystemRow* client = &caller_system;
  out.client = client->Address();
  auto path = CleanCallPath(req.path);
  if (!path) return refuse(ErrorCode::kBadRequest, "interop_path_invalid");
  auto found = db_.Read([&](soci::session& s) -> std::pair<std::optional<ServiceRow>, std::optional<GrantRow>> {
    auto directory = directory_.Begin(s);
    auto service = directory.Service(req.member, req.system, req.service);
    if (!service || service->open_to_all) return {service, std::nullopt};
    return {service, directory.OpenGrant(service->id, client->id)};
  });
  if (!found.ok()) return refuse(ErrorCode::kUnavailable, "interop_unavailable");
  auto& [service, grant] = *found;
  if (!service || service->status != "active") return refuse(ErrorCode::kNotFound, "interop_service_not_found");
  out.service_address = service->Address();
  out.provider_agency = service->node_name;
  // The rate and the provider's share of the workers first: a client over its limit is refused before the database
  // is written, so it cannot flood the log.
  LimitRule rule{"interop_call", service->rate_per_minute, std::chrono::seconds(60)};
  auto verdict = limiter_.Hit(rule, std::to_string(service->id) + ":" + std::to_string(client->id));
  if (!verdict.allowed) {
    return refuse(ErrorCode::kRateLimited, "interop_rate_limited",
                  static_cast<int>(std::max<std::int64_t>(1, verdict.retry_after.count())));
  }
  InFlight slot(*this, service->id);
  if (!slot.admitted) return refuse(ErrorCode::kUnavailable, "interop_provider_busy", 1);

  // From here on every outcome is an exchange between two known parties, and is logged.
  LogRow entry;
  entry.request_id = req.request_id;
  entry.at = Now();
  entry.client_system_id = client->id;
  entry.service_id = service->id;
  entry.method = req.method;
  entry.path = *path + req.query;
  entry.request_bytes = static_cast<std::int64_t>(req.body.size());
  entry.request_digest = crypto::Sha256Hex(req.body);
  entry.response_digest = crypto::Sha256Hex("");
  std::string end_user;
  for (const auto& [k, v] : req.headers) {
    if (k == "x-spl-user") end_user = CleanEndUser(v).value_or("");
  }
  entry.end_user = end_user;

  std::optional<Error> refusal;
  std::string outcome = "refused";
  if (!service->open_to_all && !(grant && grant->status == GrantStatusName(GrantStatus::kActive))) {
    refusal = Error::Of(ErrorCode::kForbidden, i18n::Tr(lang, "interop_no_grant"));
  } else if (req.body.size() > static_cast<std::size_t>(service->max_body_bytes)) {
    refusal = Error::Of(ErrorCode::kPayloadTooLarge, i18n::Tr(lang, "interop_body_too_large"));
    outcome = "too_large";
  } else if (service->provider_url.empty()) {
    refusal = Error::Of(ErrorCode::kUnavailable, i18n::Tr(lang, "interop_not_connected"));
    outcome = "unreachable";
  }

  Forwarded reply;
  if (!refusal) {
    ForwardResult sent = SendSigned(*service, *client, req, *path, end_user);
    if (sent.reply) {
      reply = std::move(*sent.reply);
      outcome = "answered";
    } else if (sent.failure == ForwardFailure::kTimeout) {
      refusal = Error::Of(ErrorCode::kUnavailable, i18n::Tr(lang, "interop_provider_slow"));
      outcome = "timeout";
    } else if (sent.failure == ForwardFailure::kTooLarge) {
      refusal = Error::Of(ErrorCode::kUnavailable, i18n::Tr(lang, "interop_answer_too_large"));
      outcome = "too_large";
    } else {
      refusal = Error::Of(ErrorCode::kUnavailable, i18n::Tr(lang, "interop_provider_unreachable"));
      outcome = sent.failure == ForwardFailure::kRefusedAddress ? "refused_address" : "unreachable";
    }
  }

  out.duration_us =
      std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started).count();
  entry.outcome = outcome;
  entry.status = refusal ? 0 : reply.status;
  entry.duration_us = out.duration_us;
  entry.response_bytes = static_cast<std::int64_t>(reply.body.size());
  entry.response_digest = crypto::Sha256Hex(reply.body);
  if (service->keep_bodies_days > 0 && !refusal) {
    json::object bodies{{"request", crypto::Base64Encode(req.body)}, {"response", crypto::Base64Encode(reply.body)}};
    entry.bodies_sealed = vault_.Seal(json::serialize(bodies));
    entry.keep_until = FormatUtc(clock_() + std::chrono::hours(24) * service->keep_bodies_days);
  }
  // Acknowledged means durable: no answer leaves before its entry is on disk.
  auto logged = db_.Write([&](soci::session& s) -> Status {
    store_.AppendLog(s, entry);
    return Ok{};
  });
  if (!logged.ok()) return refuse(ErrorCode::kUnavailable, "interop_unavailable");
  out.receipt = Receipt(entry, client->Address(), service->Address());
  if (refusal) {
    out.problem = std::move(refusal);
    // What the client sees of a provider's failure: 504 for a slow one, 502 for one that cannot be reached or whose
    // answer is over the limit; the bus's own refusals keep their problem's status (0 here).
    if (outcome == "timeout") {
      out.status = 504;
    } else if (outcome == "unreachable" || outcome == "refused_address" ||
               (outcome == "too_large" && out.problem->code != ErrorCode::kPayloadTooLarge)) {
      out.status = 502;
    }
    return out;
  }
  out.status = reply.status;
  out.body = std::move(reply.body);
  for (auto& [k, v] : reply.headers) {
    if (!StrippedAnswer(k)) out.headers.emplace_back(k, std::move(v));
  }
  return out;
}

ForwardResult InteropService::SendSigned(const ServiceRow& svc, const SystemRow& client, const CallRequest& req,
                                         const std::string& path, const std::string& end_user) {
  const ServiceRow* service = &svc;
  const SystemRow* sender = &client;
  Target target = SplitUrl(service->provider_url);
  Message signed_message;
  signed_message.method = req.method;
  signed_message.scheme = target.scheme;
  signed_message.authority = target.authority;
  signed_message.path = target.base_path + path;
  signed_message.query = req.query;
  std::string digest = ContentDigest(req.body);
  signed_message.fields = {
      {"content-digest", digest}, {"x-spl-client", sender->Address()}, {"x-spl-request-id", req.request_id}};
  SignatureParams params;
  params.components = {"@method", "@target-uri", "content-digest", "x-spl-client", "x-spl-request-id"};
  if (!end_user.empty()) {
    signed_message.fields.emplace_back("x-spl-user", end_user);
    params.components.emplace_back("x-spl-user");
  }
  const BusKey& key = CurrentKey();
  params.created = std::chrono::duration_cast<std::chrono::seconds>(clock_().time_since_epoch()).count();
  params.keyid = key.key_id;
  params.alg = "ed25519";
  params.tag = "spbe-spl";
  auto fields = Sign(signed_message, params, *key.secret, "spl");
  // Nothing leaves unsigned: a request the bus cannot sign is not forwarded.
  if (!fields.ok()) return ForwardResult{std::nullopt, ForwardFailure::kUnreachable, fields.error().detail};
  Forward forward;
  forward.method = req.method;
  forward.url = UrlJoin(service->provider_url, path, req.query);
  for (const auto& [k, v] : req.headers) {
    if (!Stripped(k)) forward.headers.emplace_back(k, v);
  }
  for (const auto& [k, v] : signed_message.fields) forward.headers.emplace_back(k, v);
  forward.headers.emplace_back("signature-input", fields->input);
  forward.headers.emplace_back("signature", fields->signature);
  forward.body = req.body;
  forward.timeout_ms = service->timeout_ms;
  forward.max_response_bytes = static_cast<std::size_t>(service->max_body_bytes);
  return forwarder_.Send(forward);
}

std::string InteropService::Receipt(const LogRow& entry, const std::string& client, const std::string& service) {
  const BusKey& key = CurrentKey();
  json::object header{{"alg", "EdDSA"}, {"kid", key.key_id}, {"typ", "spl-receipt"}};
  json::object payload{{"iss", options_.public_url},
                       {"request_id", entry.request_id},
                       {"client", client},
                       {"service", service},
                       {"method", entry.method},
                       {"path", entry.path},
                       {"status", entry.status},
                       {"outcome", entry.outcome},
                       {"at", entry.at},
                       {"request_sha256", entry.request_digest},
                       {"response_sha256", entry.response_digest},
                       {"entry", entry.id},
                       {"entry_hash", entry.hash}};
  std::string signing_input = Base64Url(json::serialize(header)) + "." + Base64Url(json::serialize(payload));
  return signing_input + "." + Base64Url(key.secret->Sign(signing_input));
}

}  // namespace spbe::interop
