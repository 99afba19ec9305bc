// The token endpoint: the client authenticates (secret by Basic or in the body, or none for a public client, never
// two ways at once); a code is exchanged once, with its PKCE verifier and redirect address; a refresh token is
// exchanged once for the next one, and a second use revokes the whole family. Failures are braked per client and
// address.
#include <soci/soci.h>
#include <sodium.h>

#include <boost/json.hpp>

#include "audit/audit.hpp"
#include "sso/service.hpp"

namespace spbe::sso {
namespace {

namespace json = boost::json;

OAuthError Fail(int status, const char* error, std::string description) {
  OAuthError e;
  e.status = status;
  e.error = error;
  e.description = std::move(description);
  return e;
}

bool SameHash(const std::string& a, const std::string& b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

// A unit of work that may end in an OAuth error it still commits (a reused code's family revoked).
using Outcome = std::variant<json::object, OAuthError>;

// A family revoked because a code or refresh token came back a second time: the platform's own decision, audited.
void RevokeReused(soci::session& s, const SsoStore& store, std::int64_t grant_id, const std::string& now,
                  const char* action, const char* reason) {
  store.RevokeGrant(s, grant_id, now, reason);
  audit::Entry e;
  e.action = action;
  e.object_type = "sso_grant";
  e.object_id = std::to_string(grant_id);
  audit::RecordSystem(s, e, now);
}

}  // namespace

std::variant<ClientRow, OAuthError> SsoService::AuthenticateClient(const ClientAuth& auth) {
  if (auth.conflicting) return Fail(400, "invalid_request", "use exactly one client authentication method");
  if (auth.client_id.empty() || auth.client_id.size() > 100) {
    return Fail(401, "invalid_client", "client_id is required");
  }
  // Per client and address, so a stranger guessing one application's secret cannot lock that application out from
  // its own servers; per address as well, for someone trying many applications.
  Limiter::Keyed by_client{limits_.oauth_client_failures, auth.client_id + "|" + auth.address};
  Limiter::Keyed by_address{limits_.oauth_address_failures, auth.address};
  if (auto braked = limiter_.Refuse({by_client, by_address}, "en")) {
    OAuthError e = Fail(429, "invalid_client", "too many failed attempts; try again later");
    e.retry_after = std::max(1, braked->retry_after_s);
    return e;
  }
  auto found = db_.Read([&](soci::session& s) { return store_.ClientByClientId(s, auth.client_id); });
  if (!found.ok()) return Fail(503, "temporarily_unavailable", "try again");
  bool good = false;
  if (*found && !(*found)->disabled()) {
    const ClientRow& c = **found;
    if (c.is_public) {
      good = auth.method == ClientAuth::Method::kNone && auth.secret.empty();
    } else {
      good = auth.method != ClientAuth::Method::kNone && !auth.secret.empty() &&
             SameHash(crypto::Sha256Hex(auth.secret), c.secret_hash);
    }
  }
  if (!good) {
    limiter_.HitAll({by_client, by_address});
    OAuthError e = Fail(401, "invalid_client", "client authentication failed");
    e.basic_challenge = auth.method == ClientAuth::Method::kBasic;
    return e;
  }
  return **found;
}

std::variant<json::object, OAuthError> SsoService::Token(const TokenRequest& req) {
  auto client = AuthenticateClient(req.auth);
  if (auto* e = std::get_if<OAuthError>(&client)) return *e;
  const ClientRow& c = std::get<ClientRow>(client);
  Limiter::Keyed grants{limits_.oauth_grant_failures, c.client_id + "|" + req.auth.address};
  if (auto braked = limiter_.Refuse({grants}, "en")) {
    OAuthError e = Fail(429, "invalid_request", "too many refused exchanges; try again later");
    e.retry_after = std::max(1, braked->retry_after_s);
    return e;
  }
  std::variant<json::object, OAuthError> out;
  if (req.grant_type == "authorization_code") {
    out = ExchangeCode(c, req);
  } else if (req.grant_type == "refresh_token") {
    out = Refresh(c, req);
  } else if (req.grant_type.empty()) {
    return Fail(400, "invalid_request", "grant_type is required");
  } else {
    return Fail(400, "unsupported_grant_type", "only authorization_code and refresh_token");
  }
  if (std::holds_alternative<OAuthError>(out)) limiter_.HitAll({grants});
  return out;
}

std::string SsoService::Subject(soci::session& s, std::int64_t account_id) {
  if (auto sub = store_.SubjectOf(s, account_id)) return *sub;
  std::string sub = crypto::RandomHex(16);
  store_.InsertSubject(s, account_id, sub);
  return store_.SubjectOf(s, account_id).value_or(sub);
}

Result<json::object> SsoService::IssueTokens(soci::session& s, const ClientRow& client, const GrantRow& grant,
                                             const std::vector<std::string>& scopes, const Signer& signer) {
  std::string now = Now();
  std::string access = crypto::RandomToken(32), refresh = crypto::RandomToken(32);
  std::string scope = JoinScope(scopes);
  store_.InsertToken(
      s, {crypto::Sha256Hex(access), grant.id, "access", Later(options_.access_lifetime), now, "", "", scope});
  // Rotation never stretches a grant: its refresh tokens end refresh_lifetime after the person agreed.
  auto granted = ParseUtc(grant.created_at);
  std::string refresh_end =
      granted ? FormatUtc(*granted + options_.refresh_lifetime) : Later(options_.refresh_lifetime);
  store_.InsertToken(s, {crypto::Sha256Hex(refresh), grant.id, "refresh", refresh_end, now, "", "", scope});
  auto iat = std::chrono::duration_cast<std::chrono::seconds>(clock_().time_since_epoch()).count();
  json::object claims{{"iss", options_.issuer},
                      {"sub", Subject(s, grant.account_id)},
                      {"aud", client.client_id},
                      {"azp", client.client_id},
                      {"iat", iat},
                      {"exp", iat + options_.id_token_lifetime.count()}};
  if (auto at = ParseUtc(grant.auth_time)) {
    claims["auth_time"] = std::chrono::duration_cast<std::chrono::seconds>(at->time_since_epoch()).count();
  }
  if (!grant.nonce.empty()) claims["nonce"] = grant.nonce;
  // A half of the access token's SHA-256, so the application can tell the two came together (Core 3.1.3.6).
  if (signer.alg == "RS256") claims["at_hash"] = crypto::Base64Url(crypto::Sha256(access).substr(0, 16));
  json::object out{{"access_token", access},
                   {"token_type", "Bearer"},
                   {"expires_in", options_.access_lifetime.count()},
                   {"refresh_token", refresh},
                   {"scope", scope}};
  // No ID token, no answer: the unit of work is undone and the application told to try again.
  auto id_token = SignIdToken(signer, claims);
  if (!id_token.ok()) return id_token.error();
  out["id_token"] = *id_token;
  return out;
}

std::variant<json::object, OAuthError> SsoService::ExchangeCode(const ClientRow& client, const TokenRequest& req) {
  if (req.code.empty() || req.code.size() > 200) return Fail(400, "invalid_request", "code is required");
  if (req.code_verifier.empty()) return Fail(400, "invalid_request", "code_verifier is required (PKCE, RFC 7636)");
  auto signer = CurrentSigner(client.id_token_alg);
  if (!signer) return Fail(503, "temporarily_unavailable", "try again");
  std::string now = Now();
  auto done = db_.WriteReturning<Outcome>([&](soci::session& s) -> Result<Outcome> {
    auto g = store_.GrantByCode(s, crypto::Sha256Hex(req.code));
    if (!g || g->client_id != client.id) return Outcome(Fail(400, "invalid_grant", "unknown code"));
    // Single use: a second presentation means the code leaked; what the first gave is revoked (RFC 6749 4.1.2).
    if (!g->code_used_at.empty() || !store_.UseCode(s, g->id, now)) {
      RevokeReused(s, store_, g->id, now, "sso.code_reused", "code used twice");
      return Outcome(Fail(400, "invalid_grant", "the code was already used; the tokens it gave are revoked"));
    }
    if (!g->revoked_at.empty()) return Outcome(Fail(400, "invalid_grant", "the authorization was revoked"));
    if (g->code_expires_at <= now) return Outcome(Fail(400, "invalid_grant", "the code has expired"));
    if (g->redirect_uri != req.redirect_uri) {
      return Outcome(Fail(400, "invalid_grant", "redirect_uri is not the one the code was issued to"));
    }
    if (!ValidVerifier(req.code_verifier) || S256(req.code_verifier) != g->code_challenge) {
      return Outcome(Fail(400, "invalid_grant", "code_verifier does not match the code_challenge"));
    }
    auto tokens = IssueTokens(s, client, *g, SplitScope(g->scope), *signer);
    if (!tokens.ok()) return tokens.error();
    access::Actor person{g->account_id, access::AccountKind::kWarga, {}};
    person.address = req.auth.address;
    audit::Entry e;
    e.action = "sso.token";
    e.object_type = "sso_grant";
    e.object_id = std::to_string(g->id);
    e.after_digest = audit::Digest(client.client_id + "|" + g->scope);
    audit::Record(s, person, e, now);
    return Outcome(std::move(*tokens));
  });
  if (!done.ok()) return Fail(503, "temporarily_unavailable", "try again");
  return std::move(*done);
}

std::variant<json::object, OAuthError> SsoService::Refresh(const ClientRow& client, const TokenRequest& req) {
  if (req.scope.size() > 1000) return Fail(400, "invalid_scope", "scope too long");
  if (req.refresh_token.empty() || req.refresh_token.size() > 200) {
    return Fail(400, "invalid_request", "refresh_token is required");
  }
  auto signer = CurrentSigner(client.id_token_alg);
  if (!signer) return Fail(503, "temporarily_unavailable", "try again");
  // A person whose account was disabled (an officer who left) gets no new tokens, whatever they hold.
  auto holder = db_.Read([&](soci::session& s) -> std::int64_t {
    auto t = store_.TokenByHash(s, crypto::Sha256Hex(req.refresh_token));
    auto g = t ? store_.GrantById(s, t->grant_id) : std::nullopt;
    return g ? g->account_id : 0;
  });
  if (holder.ok() && *holder != 0) {
    auto me = identity_.Me(access::Actor{*holder, access::AccountKind::kWarga, {}});
    if (me.ok() && me->account.status != "active") {
      return Fail(400, "invalid_grant", "the account is no longer active");
    }
  }
  std::string now = Now();
  auto done = db_.WriteReturning<Outcome>([&](soci::session& s) -> Result<Outcome> {
    std::string hash = crypto::Sha256Hex(req.refresh_token);
    auto t = store_.TokenByHash(s, hash);
    std::optional<GrantRow> g = t && t->kind == "refresh" ? store_.GrantById(s, t->grant_id) : std::nullopt;
    if (!g || g->client_id != client.id) return Outcome(Fail(400, "invalid_grant", "unknown refresh token"));
    if (!g->revoked_at.empty() || !t->revoked_at.empty()) {
      return Outcome(Fail(400, "invalid_grant", "the refresh token was revoked"));
    }
    // Rotated on use: an old one presented again means it was copied; the whole family goes.
    if (!t->used_at.empty() || !store_.UseToken(s, hash, now)) {
      RevokeReused(s, store_, g->id, now, "sso.refresh_reused", "refresh token used twice");
      return Outcome(Fail(400, "invalid_grant", "the refresh token was already used; its family is revoked"));
    }
    if (t->expires_at <= now) return Outcome(Fail(400, "invalid_grant", "the refresh token has expired"));
    // Never more than this token carried (itself at most what the person agreed to).
    auto held = SplitScope(t->scope.empty() ? g->scope : t->scope);
    auto scopes = req.scope.empty() ? held : SplitScope(req.scope);
    if (!Covers(held, scopes)) return Outcome(Fail(400, "invalid_scope", "more than the person agreed to"));
    auto tokens = IssueTokens(s, client, *g, scopes, *signer);
    if (!tokens.ok()) return tokens.error();
    access::Actor person{g->account_id, access::AccountKind::kWarga, {}};
    person.address = req.auth.address;
    audit::Entry e;
    e.action = "sso.refresh";
    e.object_type = "sso_grant";
    e.object_id = std::to_string(g->id);
    audit::Record(s, person, e, now);
    return Outcome(std::move(*tokens));
  });
  if (!done.ok()) return Fail(503, "temporarily_unavailable", "try again");
  return std::move(*done);
}

}  // namespace spbe::sso
