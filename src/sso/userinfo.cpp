// What an application reads of the person (userinfo, by scope, fresh from the account and only what is verified),
// revocation (RFC 7009), RP-initiated logout, and the person's own list of connected applications.
#include <soci/soci.h>

#include <boost/json.hpp>
#include <boost/url/url.hpp>

#include "audit/audit.hpp"
#include "platform/i18n.hpp"
#include "sso/service.hpp"

namespace spbe::sso {
namespace {

namespace json = boost::json;

OAuthError InvalidToken(std::string description) {
  OAuthError e;
  e.status = 401;
  e.error = "invalid_token";
  e.description = std::move(description);
  e.bearer_challenge = true;
  return e;
}

}  // namespace

Result<json::object> SsoService::Claims(std::int64_t account_id, const std::vector<std::string>& scopes,
                                        const std::string& sub) {
  access::Actor person{account_id, access::AccountKind::kWarga, {}};
  auto me = identity_.Me(person);
  if (!me.ok()) return me.error();
  if (me->account.status != "active") return Error::Of(ErrorCode::kUnauthorized, "the account is not active");
  const auto& a = me->account;
  json::object out{{"sub", sub}};
  if (Has(scopes, "profile")) out["name"] = a.name;
  if (Has(scopes, "email") && !a.email.empty()) {
    out["email"] = a.email;
    out["email_verified"] = a.email_verified;
  }
  // The platform does not verify phone numbers yet: the phone scope releases nothing it could not vouch for.
  if (Has(scopes, "nik") || Has(scopes, "phone")) {
    auto own = identity_.Own({account_id, a.kind, {}});
    if (own.ok() && Has(scopes, "nik") && !own->nik.empty()) out["nik"] = own->nik;
  }
  if (Has(scopes, "officer") && a.kind == access::AccountKind::kAsn) {
    out["nip"] = a.nip;
    out["position"] = a.position;
    json::array roles;
    for (const auto& g : me->grants) {
      auto node = org_.Get(g.node_id);
      roles.push_back({{"role", g.role},
                       {"node_id", g.node_id},
                       {"node", g.node_name},
                       {"node_slug", node.ok() ? node->slug : ""},
                       {"region_code", node.ok() ? node->region_code : ""}});
    }
    out["roles"] = std::move(roles);
  }
  return out;
}

std::variant<json::object, OAuthError> SsoService::UserInfo(std::string_view access_token) {
  if (access_token.empty() || access_token.size() > 200) return InvalidToken("an access token is required");
  std::string now = Now();
  struct Found {
    GrantRow grant;
    std::string sub, scope;
  };
  auto found = db_.Read([&](soci::session& s) -> std::optional<Found> {
    auto t = store_.TokenByHash(s, crypto::Sha256Hex(access_token));
    if (!t || t->kind != "access" || !t->revoked_at.empty() || t->expires_at <= now) return std::nullopt;
    auto g = store_.GrantById(s, t->grant_id);
    if (!g || !g->revoked_at.empty()) return std::nullopt;
    auto c = store_.ClientById(s, g->client_id);
    if (!c || c->disabled()) return std::nullopt;
    auto sub = store_.SubjectOf(s, g->account_id);
    if (!sub) return std::nullopt;
    std::string scope = t->scope.empty() ? g->scope : t->scope;
    return Found{std::move(*g), std::move(*sub), std::move(scope)};
  });
  if (!found.ok()) {
    OAuthError e;
    e.status = 503;
    e.error = "temporarily_unavailable";
    return e;
  }
  if (!*found) return InvalidToken("the access token is unknown, expired or revoked");
  auto claims = Claims((*found)->grant.account_id, SplitScope((*found)->scope), (*found)->sub);
  if (!claims.ok()) return InvalidToken("the account is no longer active");
  return std::move(*claims);
}

std::optional<OAuthError> SsoService::Revoke(std::string_view token, const ClientAuth& auth) {
  auto client = AuthenticateClient(auth);
  if (auto* e = std::get_if<OAuthError>(&client)) return *e;
  const ClientRow& c = std::get<ClientRow>(client);
  if (token.empty() || token.size() > 200) {
    OAuthError e;
    e.error = "invalid_request";
    e.description = "token is required";
    return e;
  }
  std::string now = Now();
  auto done = db_.Write([&](soci::session& s) -> Status {
    std::string hash = crypto::Sha256Hex(token);
    auto t = store_.TokenByHash(s, hash);
    if (!t) return Ok{};  // an unknown or expired token: nothing to do (RFC 7009 2.2)
    auto g = store_.GrantById(s, t->grant_id);
    if (!g || g->client_id != c.id) return Ok{};  // another application's token is not this one's to revoke
    // A refresh token takes its family with it; an access token goes alone.
    if (t->kind == "refresh") {
      store_.RevokeGrant(s, g->id, now, "revoked by the application");
    } else {
      store_.RevokeToken(s, hash, now);
    }
    access::Actor person{g->account_id, access::AccountKind::kWarga, {}};
    person.address = auth.address;
    audit::Entry e;
    e.action = "sso.revoke";
    e.object_type = "sso_grant";
    e.object_id = std::to_string(g->id);
    e.after_digest = audit::Digest(t->kind);
    audit::Record(s, person, e, now);
    return Ok{};
  });
  if (!done.ok()) {
    OAuthError e;
    e.status = 503;
    e.error = "temporarily_unavailable";
    return e;
  }
  return std::nullopt;
}

SsoService::LogoutOutcome SsoService::Logout(std::string_view id_token_hint, std::string_view post_logout_redirect_uri,
                                             std::string_view state, std::string_view client_id,
                                             const access::Actor& actor, const std::string& session_token,
                                             std::string_view lang, bool confirmed) {
  LogoutOutcome out;
  auto refuse = [&](const char* key) {
    out.error = Error::Of(ErrorCode::kBadRequest, i18n::Tr(lang, key));
    return out;
  };
  std::optional<json::object> hint;
  if (!id_token_hint.empty()) {
    hint = ReadOwnIdToken(id_token_hint);
    if (!hint) return refuse("sso_logout_bad_hint");
  }
  std::string audience(client_id);
  if (hint) {
    const auto* aud = hint->if_contains("aud");
    std::string hinted = aud && aud->is_string() ? std::string(aud->as_string()) : "";
    if (!audience.empty() && audience != hinted) return refuse("sso_logout_bad_hint");
    audience = hinted;
  }
  std::optional<ClientRow> client;
  if (!audience.empty() && audience.size() <= 100) {
    auto found = db_.Read([&](soci::session& s) { return store_.ClientByClientId(s, audience); });
    if (found.ok() && *found) client = **found;
  }
  if (client) {
    out.client_name = client->name;
    out.client_id = client->client_id;
  }
  if (!post_logout_redirect_uri.empty()) {
    if (!client || !client->HasPostLogout(post_logout_redirect_uri)) return refuse("sso_logout_bad_redirect");
    boost::urls::url url(post_logout_redirect_uri);
    if (!state.empty() && state.size() <= 1000) url.params().append({"state", std::string(state)});
    out.redirect = std::string(url.buffer());
  }
  bool signed_in = actor.account_id != 0 && actor.api_key_id == 0 && !session_token.empty();
  if (!signed_in) return out;
  // Signing out at another site's word only when it shows an ID token of this very person; else the person confirms.
  bool same_person = false;
  if (hint) {
    auto sub = db_.Read([&](soci::session& s) { return store_.SubjectOf(s, actor.account_id); });
    const auto* hinted = hint->if_contains("sub");
    same_person = sub.ok() && *sub && hinted && hinted->is_string() && hinted->as_string() == **sub;
  }
  if (!same_person && !confirmed) {
    out.confirm = true;
    return out;
  }
  (void)identity_.Logout(session_token, actor);
  return out;
}

Result<std::vector<ConsentRow>> SsoService::ConnectedApps(const access::Actor& actor) {
  if (actor.account_id == 0) return Error::Of(ErrorCode::kUnauthorized, "sign in first");
  return db_.Read([&](soci::session& s) { return store_.ConsentsOf(s, actor.account_id); });
}

Status SsoService::Disconnect(const access::Actor& actor, std::int64_t client_id, std::string_view lang) {
  if (actor.account_id == 0) return Error::Of(ErrorCode::kUnauthorized, i18n::Tr(lang, "identity_sign_in_first"));
  std::string now = Now();
  return db_.Write([&](soci::session& s) -> Status {
    auto consent = store_.Consent(s, actor.account_id, client_id);
    if (!consent) return Error::Of(ErrorCode::kNotFound, i18n::Tr(lang, "sso_app_not_connected"));
    store_.DeleteConsent(s, actor.account_id, client_id);
    int revoked = store_.RevokeGrantsOf(s, actor.account_id, client_id, now, "access withdrawn by the person");
    audit::Entry e;
    e.action = "sso.disconnect";
    e.object_type = "sso_client";
    e.object_id = std::to_string(client_id);
    e.before_digest = audit::Digest(consent->scope + "|" + std::to_string(revoked));
    audit::Record(s, actor, e, now);
    return Ok{};
  });
}

void SsoService::EndSessionGrants(soci::session& s, std::int64_t account_id, const std::string* session_hash) {
  std::string now = Now();
  auto ids = session_hash ? store_.LiveGrantsOfSession(s, *session_hash) : store_.LiveGrantsOfAccount(s, account_id);
  for (std::int64_t id : ids) {
    store_.RevokeGrant(s, id, now, session_hash ? "signed out of the portal" : "signed out everywhere");
    audit::Entry e;
    e.action = "sso.session_ended";
    e.object_type = "sso_grant";
    e.object_id = std::to_string(id);
    audit::RecordSystem(s, e, now);
  }
}

}  // namespace spbe::sso
