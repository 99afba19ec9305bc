// The provider's signing keys and its published metadata: an RS256 key (OpenID Connect's required algorithm) and an
// Ed25519 key, made on first use, sealed in the database, published as a JWKS; rotated keys stay published until
// the ID tokens they signed have expired.
#include <soci/soci.h>

#include <algorithm>
#include <boost/json.hpp>

#include "audit/audit.hpp"
#include "platform/pki.hpp"
#include "sso/service.hpp"

namespace spbe::sso {
namespace {

namespace json = boost::json;

// Other processes sharing the database see a rotation within this time.
constexpr std::chrono::seconds kKeysKept{60};

// A new RS256 and a new EdDSA key, sealed, inside the caller's unit of work.
Status MakeKeyPair(soci::session& s, const SsoStore& store, const PiiVault& vault, const std::string& now) {
  auto rsa = pki::NewRsaKey(2048);
  if (!rsa.ok()) return rsa.error();
  auto pub = pki::RsaPublicOf(*rsa);
  if (!pub.ok()) return pub.error();
  std::string rs_kid = "rs-" + crypto::Sha256Hex(pub->n).substr(0, 16);
  json::object rs_jwk{{"kty", "RSA"},
                      {"kid", rs_kid},
                      {"use", "sig"},
                      {"alg", "RS256"},
                      {"n", crypto::Base64Url(pub->n)},
                      {"e", crypto::Base64Url(pub->e)}};
  store.InsertKey(s, {rs_kid, "RS256", json::serialize(rs_jwk), vault.Seal(*rsa), now, "", ""});
  auto ed = crypto::SigningKey::Generate();
  std::string ed_kid = "ed-" + crypto::Sha256Hex(ed.PublicKey()).substr(0, 16);
  json::object ed_jwk{{"kty", "OKP"}, {"crv", "Ed25519"}, {"kid", ed_kid},
                      {"use", "sig"}, {"alg", "EdDSA"},   {"x", crypto::Base64Url(ed.PublicKey())}};
  store.InsertKey(s, {ed_kid, "EdDSA", json::serialize(ed_jwk), vault.Seal(ed.Secret()), now, "", ""});
  return Ok{};
}

}  // namespace

SsoService::SsoService(storage::Database& db, const SsoStore& store, org::OrgService& org,
                       identity::IdentityService& identity, const PiiVault& vault, Limiter& limiter,
                       const Limits& limits, Clock clock, Options options)
    : db_(db),
      store_(store),
      org_(org),
      identity_(identity),
      vault_(vault),
      limiter_(limiter),
      limits_(limits),
      clock_(std::move(clock)),
      options_(std::move(options)) {}

json::object SsoService::Discovery() const {
  const std::string& i = options_.issuer;
  json::array scopes;
  for (const auto& s : KnownScopes()) scopes.emplace_back(s);
  return {
      {"issuer", i},
      {"authorization_endpoint", i + "/oauth2/authorize"},
      {"token_endpoint", i + "/oauth2/token"},
      {"userinfo_endpoint", i + "/oauth2/userinfo"},
      {"jwks_uri", i + "/oauth2/jwks"},
      {"revocation_endpoint", i + "/oauth2/revoke"},
      {"end_session_endpoint", i + "/oauth2/logout"},
      {"scopes_supported", scopes},
      {"response_types_supported", json::array{"code"}},
      {"response_modes_supported", json::array{"query"}},
      {"grant_types_supported", json::array{"authorization_code", "refresh_token"}},
      {"subject_types_supported", json::array{"public"}},
      {"id_token_signing_alg_values_supported", json::array{"RS256", "EdDSA"}},
      {"token_endpoint_auth_methods_supported", json::array{"client_secret_basic", "client_secret_post", "none"}},
      {"revocation_endpoint_auth_methods_supported", json::array{"client_secret_basic", "client_secret_post", "none"}},
      {"code_challenge_methods_supported", json::array{"S256"}},
      // Not phone_number: the platform does not verify phone numbers yet, and releases only what it can vouch for.
      {"claims_supported", json::array{"sub", "iss", "aud", "exp", "iat", "auth_time", "nonce", "at_hash", "name",
                                       "email", "email_verified", "nik", "nip", "position", "roles"}},
      {"claims_parameter_supported", false},
      {"request_parameter_supported", false},
      {"request_uri_parameter_supported", false},
      {"authorization_response_iss_parameter_supported", true},
      {"ui_locales_supported", json::array{"id", "en"}},
      {"service_documentation", i + "/api/docs"}};
}

Status SsoService::MakeKeys(soci::session& s, const std::string& now) { return MakeKeyPair(s, store_, vault_, now); }

std::optional<SsoService::Signer> SsoService::CurrentSigner(const std::string& alg) {
  std::lock_guard lock(keys_mu_);
  auto now = clock_();
  auto pick = [&]() -> std::optional<Signer> {
    for (const auto& k : keys_) {
      if (k.alg != alg || !k.retired_at.empty()) continue;
      auto secret = vault_.Open(k.private_sealed);
      if (!secret.ok()) continue;
      return Signer{k.kid, k.alg, *secret};
    }
    return std::nullopt;
  };
  if (now - keys_read_ < kKeysKept) {
    if (auto s = pick()) return s;
  }
  // Read afresh; the first use makes the keys (inside one unit: two processes racing make two sets, both published).
  auto keys = db_.WriteReturning<std::vector<KeyRow>>([&](soci::session& s) -> Result<std::vector<KeyRow>> {
    auto rows = store_.Keys(s);
    bool live = std::any_of(rows.begin(), rows.end(), [](const KeyRow& k) { return k.retired_at.empty(); });
    if (!live) {
      Status made = MakeKeys(s, FormatUtc(now));
      if (!made.ok()) return made.error();
      rows = store_.Keys(s);
    }
    return rows;
  });
  if (!keys.ok()) return std::nullopt;
  keys_ = std::move(*keys);
  keys_read_ = now;
  return pick();
}

Result<json::object> SsoService::Jwks() {
  CurrentSigner("RS256");  // makes the keys on first use
  auto keys = db_.Read([&](soci::session& s) { return store_.Keys(s); });
  if (!keys.ok()) return keys.error();
  std::string now = Now();
  json::array list;
  for (const auto& k : *keys) {
    if (!k.retired_at.empty() && k.publish_until <= now) continue;
    boost::system::error_code ec;
    auto jwk = json::parse(k.public_jwk, ec);
    if (!ec && jwk.is_object()) list.push_back(jwk);
  }
  return json::object{{"keys", list}};
}

Status RotateKeys(storage::Database& db, const SsoStore& store, const PiiVault& vault, TimePoint now,
                  std::chrono::seconds id_token_lifetime) {
  std::string at = FormatUtc(now);
  // Published for as long as an ID token it signed may still be checked, and a margin for clocks and caches.
  std::string until = FormatUtc(now + id_token_lifetime + std::chrono::hours(1));
  return db.Write([&](soci::session& s) -> Status {
    store.RetireKeys(s, at, until);
    Status made = MakeKeyPair(s, store, vault, at);
    if (!made.ok()) return made;
    audit::Entry e;
    e.action = "sso.rotate_keys";
    e.object_type = "sso_keys";
    audit::RecordSystem(s, e, at);
    return Ok{};
  });
}

Status SsoService::RotateKeys() {
  Status st = sso::RotateKeys(db_, store_, vault_, clock_(), options_.id_token_lifetime);
  std::lock_guard lock(keys_mu_);
  keys_read_ = TimePoint{};
  return st;
}

Result<std::string> SsoService::SignIdToken(const Signer& signer, const json::object& claims) {
  json::object header{{"alg", signer.alg}, {"kid", signer.kid}, {"typ", "JWT"}};
  return CompactJws(json::serialize(header), json::serialize(claims),
                    [&](std::string_view input) -> Result<std::string> {
                      if (signer.alg == "RS256") return pki::SignRs256(signer.private_key, input);
                      auto key = crypto::SigningKey::FromBytes(signer.private_key);
                      if (!key) return Error::Of(ErrorCode::kInternal, "the EdDSA key cannot be read");
                      return key->Sign(input);
                    });
}

std::optional<json::object> SsoService::ReadOwnIdToken(std::string_view jwt) {
  auto jws = ParseCompactJws(jwt);
  if (!jws) return std::nullopt;
  auto keys = db_.Read([&](soci::session& s) { return store_.Keys(s); });
  if (!keys.ok()) return std::nullopt;
  for (const auto& k : *keys) {
    if (k.kid != jws->kid) continue;
    boost::system::error_code ec;
    auto jwk = json::parse(k.public_jwk, ec);
    if (ec || !jwk.is_object()) return std::nullopt;
    const auto& o = jwk.as_object();
    auto member = [&o](const char* name) -> std::optional<std::string> {
      const auto* v = o.if_contains(name);
      return v && v->is_string() ? crypto::FromBase64Url(v->as_string()) : std::nullopt;
    };
    bool good = false;
    if (k.alg == "RS256") {
      auto n = member("n"), e = member("e");
      good = n && e && pki::VerifyRs256({*n, *e}, jws->signing_input, jws->signature);
    } else {
      auto x = member("x");
      good = x && crypto::VerifySignature(*x, jws->signing_input, jws->signature);
    }
    if (!good) return std::nullopt;
    const auto* iss = jws->payload.if_contains("iss");
    if (!iss || !iss->is_string() || iss->as_string() != options_.issuer) return std::nullopt;
    return std::move(jws->payload);
  }
  return std::nullopt;
}

}  // namespace spbe::sso
