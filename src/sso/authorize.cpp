// The authorization endpoint: checks the application and its redirect address before anything else (a bad one is
// told to the person, never redirected to), then the request (code flow, openid, PKCE S256, scopes the application
// may ask for), then the person: signed in on the portal, a second factor where their roles need one, their consent.
#include <soci/soci.h>

#include <algorithm>
#include <boost/url/url.hpp>

#include "audit/audit.hpp"
#include "platform/i18n.hpp"
#include "sso/service.hpp"

namespace spbe::sso {
namespace {}  // namespace

AuthOutcome SsoService::Authorize(const AuthRequest& req, const access::Actor& actor, const std::string& session_token,
                                  std::optional<bool> decision, std::string_view lang) {
  AuthOutcome out;
  auto show = [&](ErrorCode code, const char* key) {
    out.kind = AuthOutcome::Kind::kShowError;
    out.error = Error::Of(code, i18n::Tr(lang, key));
    return out;
  };
  if (req.client_id.empty() || req.client_id.size() > 100) return show(ErrorCode::kBadRequest, "sso_unknown_client");
  auto found = db_.Read([&](soci::session& s) { return store_.ClientByClientId(s, req.client_id); });
  if (!found.ok()) return show(ErrorCode::kUnavailable, "sso_unavailable");
  if (!*found) return show(ErrorCode::kBadRequest, "sso_unknown_client");
  const ClientRow& client = **found;
  if (client.disabled()) return show(ErrorCode::kForbidden, "sso_client_disabled");
  if (!client.HasRedirect(req.redirect_uri)) return show(ErrorCode::kBadRequest, "sso_redirect_mismatch");

  // From here on the application is known and so is where it wants answers: errors go back to it.
  auto back = [&](std::vector<std::pair<std::string, std::string>> params) {
    boost::urls::url url(req.redirect_uri);
    for (auto& [k, v] : params) url.params().append({k, v});
    if (!req.state.empty()) url.params().append({"state", req.state});
    url.params().append({"iss", options_.issuer});
    out.kind = AuthOutcome::Kind::kRedirect;
    out.redirect = std::string(url.buffer());
    return out;
  };
  auto refuse = [&](const char* error, const std::string& description) {
    return back({{"error", error}, {"error_description", description}});
  };
  if (req.state.size() > 1000 || req.nonce.size() > 500 || req.scope.size() > 1000 || req.prompt.size() > 100) {
    return refuse("invalid_request", "state, nonce, scope or prompt too long");
  }
  if (!req.response_mode.empty() && req.response_mode != "query") {
    return refuse("invalid_request", "only response_mode=query is supported");
  }
  if (req.response_type != "code") {
    return refuse("unsupported_response_type", "only the authorization code flow (response_type=code) is supported");
  }
  auto asked = SplitScope(req.scope);
  if (!Has(asked, "openid")) return refuse("invalid_scope", "the openid scope is required");
  std::vector<std::string> scopes;
  for (const auto& s : asked) {
    if (!Has(KnownScopes(), s)) continue;  // unknown scopes are ignored (OpenID Connect Core 3.1.2.1)
    if (!client.Allows(s)) {
      return refuse("invalid_scope", s == "nik" && Has(client.scopes, "nik")
                                         ? "this application has no legal basis recorded for the nik scope"
                                         : "this application may not ask for the " + s + " scope");
    }
    scopes.push_back(s);
  }
  if (req.code_challenge.empty()) return refuse("invalid_request", "code_challenge is required (PKCE, RFC 7636)");
  if (req.code_challenge_method != "S256") return refuse("invalid_request", "code_challenge_method must be S256");
  if (!ValidChallenge(req.code_challenge)) return refuse("invalid_request", "code_challenge is not an S256 challenge");
  auto prompt = SplitScope(req.prompt);
  bool prompt_none = Has(prompt, "none");
  if (prompt_none && prompt.size() > 1) return refuse("invalid_request", "prompt=none cannot be combined");

  bool person = actor.account_id != 0 && actor.api_key_id == 0 && !session_token.empty();
  if (!person) {
    if (prompt_none) return refuse("login_required", "nobody is signed in");
    out.kind = AuthOutcome::Kind::kSignIn;
    return out;
  }
  // auth_time is when the person signed in to the portal; an application may ask for a sign-in no older than
  // max_age seconds, or for a new one (prompt=login; max_age=0 means the same).
  auto started = identity_.SessionStartedAt(session_token);
  auto started_at = started ? ParseUtc(*started) : std::nullopt;
  if (!started_at) {
    if (prompt_none) return refuse("login_required", "nobody is signed in");
    out.kind = AuthOutcome::Kind::kSignIn;
    return out;
  }
  bool too_old = false;
  if (!req.max_age.empty()) {
    if (req.max_age.size() > 9 ||
        !std::all_of(req.max_age.begin(), req.max_age.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
      return refuse("invalid_request", "max_age must be a number of seconds");
    }
    auto max_age = std::chrono::seconds(std::stoll(req.max_age));
    too_old = max_age.count() == 0 || clock_() - *started_at > max_age;
  }
  if (Has(prompt, "login") || too_old) {
    if (prompt_none) return refuse("login_required", "the application asks for a new sign-in");
    out.kind = AuthOutcome::Kind::kSignIn;
    out.fresh_sign_in = true;
    return out;
  }
  auto me = identity_.Me(actor);
  if (!me.ok()) return show(ErrorCode::kUnavailable, "sso_unavailable");
  if (identity::RolesRequireTotp(me->grants) && !me->account.totp_enabled) {
    return show(ErrorCode::kForbidden, "sso_totp_required");
  }
  if (decision && !*decision) return refuse("access_denied", "the person did not agree");
  auto consent = db_.Read([&](soci::session& s) { return store_.Consent(s, actor.account_id, client.id); });
  if (!consent.ok()) return show(ErrorCode::kUnavailable, "sso_unavailable");
  bool remembered = *consent && Covers(SplitScope((*consent)->scope), scopes);
  if (!decision && (!remembered || Has(prompt, "consent"))) {
    if (prompt_none) return refuse("consent_required", "the person has not agreed yet");
    out.kind = AuthOutcome::Kind::kConsent;
    out.client = client;
    out.scopes = scopes;
    return out;
  }

  std::string code = crypto::RandomToken(32);
  std::string now = Now();
  GrantRow g;
  g.client_id = client.id;
  g.account_id = actor.account_id;
  g.session_hash = crypto::Sha256Hex(session_token);
  g.scope = JoinScope(scopes);
  g.nonce = req.nonce;
  g.auth_time = *started;
  g.code_hash = crypto::Sha256Hex(code);
  g.redirect_uri = req.redirect_uri;
  g.code_challenge = req.code_challenge;
  g.code_expires_at = Later(options_.code_lifetime);
  g.created_at = now;
  Status st = db_.Write([&](soci::session& s) -> Status {
    if (decision) {
      // What was agreed before stays agreed; this adds what was asked now.
      auto held = *consent ? SplitScope((*consent)->scope) : std::vector<std::string>{};
      for (const auto& sc : scopes) {
        if (!Has(held, sc)) held.push_back(sc);
      }
      store_.SaveConsent(s, {actor.account_id, client.id, JoinScope(held), now, "", "", ""});
      audit::Entry e;
      e.action = "sso.consent";
      e.object_type = "sso_client";
      e.object_id = std::to_string(client.id);
      e.after_digest = audit::Digest(JoinScope(held));
      audit::Record(s, actor, e, now);
    }
    std::int64_t id = store_.InsertGrant(s, g);
    audit::Entry e;
    e.action = "sso.authorize";
    e.object_type = "sso_grant";
    e.object_id = std::to_string(id);
    e.after_digest = audit::Digest(client.client_id + "|" + g.scope);
    audit::Record(s, actor, e, now);
    return Ok{};
  });
  if (!st.ok()) return show(ErrorCode::kUnavailable, "sso_unavailable");
  return back({{"code", code}});
}

}  // namespace spbe::sso
