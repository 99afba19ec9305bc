// The provider's standard endpoints: discovery, keys, authorization (with the consent page), token, userinfo,
// revocation and logout. Errors at the token, userinfo and revocation endpoints are OAuth's JSON ({"error": ...}),
// not problem+json: that is what relying-party libraries read.
#include "sso/endpoints.hpp"

#include <boost/json.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>

#include "http/forms.hpp"
#include "http/json.hpp"

namespace spbe::sso {

using http::Request;
using http::Response;

namespace {

namespace json = boost::json;

constexpr const char* kSessionCookie = "spbe_session";

Response NoStore(Response r) {
  r.Set("Cache-Control", "no-store");
  r.Set("Pragma", "no-cache");
  return r;
}

Response OAuthProblem(const OAuthError& e) {
  json::object body{{"error", e.error}};
  if (!e.description.empty()) body["error_description"] = e.description;
  Response r = NoStore(Response::Json(e.status, json::serialize(body)));
  if (e.basic_challenge) r.Set("WWW-Authenticate", "Basic realm=\"spbe\", charset=\"UTF-8\"");
  if (e.bearer_challenge) {
    r.Set("WWW-Authenticate", "Bearer realm=\"spbe\", error=\"" + e.error + "\"");
  }
  if (e.retry_after > 0) r.Set("Retry-After", std::to_string(e.retry_after));
  return r;
}

// The parameters of an authorization request, from the query (GET) or the consent form (POST).
template <typename Get>
AuthRequest ReadAuthRequest(Get get) {
  AuthRequest a;
  a.client_id = get("client_id");
  a.redirect_uri = get("redirect_uri");
  a.response_type = get("response_type");
  a.scope = get("scope");
  a.state = get("state");
  a.nonce = get("nonce");
  a.code_challenge = get("code_challenge");
  a.code_challenge_method = get("code_challenge_method");
  a.prompt = get("prompt");
  a.max_age = get("max_age");
  a.response_mode = get("response_mode");
  return a;
}

// The origin (scheme://host[:port]) of an absolute address, for a page's Content-Security-Policy.
std::string OriginOf(const std::string& uri) {
  auto u = boost::urls::parse_absolute_uri(uri);
  if (!u) return {};
  std::string out = std::string(u->scheme()) + "://" + std::string(u->encoded_host());
  if (u->has_port()) out += ":" + std::string(u->port());
  return out;
}

std::string Csp(const std::string& form_target, const std::string& image_origin) {
  return "default-src 'self'; img-src 'self' data:" + (image_origin.empty() ? "" : " " + image_origin) +
         "; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'" +
         (form_target.empty() ? "" : " " + form_target) + "; frame-ancestors 'none'";
}

Response ErrorPage(const http::Views& views, const Request& req, int status, const std::string& detail) {
  json::object data{{"status", status},
                    {"heading", views.catalog().Text(req.lang, "sso_error_title")},
                    {"detail", detail},
                    {"request_id", req.request_id}};
  return views.Page(req, status, "errors/error", std::move(data), "sso_error_title");
}

json::array ScopeRows(const http::Views& views, const Request& req, const ClientRow& client,
                      const std::vector<std::string>& scopes) {
  json::array rows;
  for (const auto& s : scopes) {
    if (s == "openid") continue;
    json::object row{{"scope", s}, {"text", views.catalog().Text(req.lang, "sso_scope_" + s)}};
    if (s == "nik") row["basis"] = client.nik_legal_basis;
    rows.push_back(std::move(row));
  }
  return rows;
}

Response ConsentPage(const http::Views& views, const Request& req, const AuthRequest& a, const AuthOutcome& out) {
  std::string csrf = http::CsrfToken(req);
  json::object data{{"client", out.client.name},
                    {"agency", out.client.node_name},
                    {"logo", out.client.logo_url},
                    {"scopes", ScopeRows(views, req, out.client, out.scopes)},
                    {"csrf", csrf},
                    {"client_id", a.client_id},
                    {"redirect_uri", a.redirect_uri},
                    {"response_type", a.response_type},
                    {"scope", a.scope},
                    {"state", a.state},
                    {"nonce", a.nonce},
                    {"code_challenge", a.code_challenge},
                    {"code_challenge_method", a.code_challenge_method}};
  Response r = views.Page(req, 200, "sso/consent", std::move(data), "sso_consent_title");
  http::SetCsrfCookie(r, req, csrf);
  // The answer to this form is a redirect to the application: the policy must let the form go there.
  r.Set("Content-Security-Policy", Csp(OriginOf(a.redirect_uri), OriginOf(out.client.logo_url)));
  return r;
}

// Back to the application. After a form of ours (the sign-in page) the browser holds that page's form-action
// policy through the redirects; a short page that moves on by itself (no script needed) starts a new navigation.
Response ToApplication(const http::Views& views, const Request& req, const std::string& url) {
  auto site = req.Header("sec-fetch-site");
  if (req.method == "GET" && site && *site == "same-origin") {
    Response r = views.Page(req, 200, "sso/continue", json::object{{"url", url}}, "sso_continue_title");
    r.Set("Content-Security-Policy", Csp("", ""));
    return r;
  }
  return Response::Redirect(url, req.method == "POST" ? 303 : 302);
}

http::Handler AuthorizeEndpoint(SsoService& sso, const http::Views& views) {
  return [&sso, &views](Request& req) {
    std::map<std::string, std::string> form;
    std::optional<bool> decision;
    AuthRequest a;
    if (req.method == "POST") {
      form = http::ParseForm(req.body);
      a = ReadAuthRequest([&](const char* k) { return http::FormField(form, k); });
      std::string d = http::FormField(form, "decision");
      if (d == "allow") decision = true;
      if (d == "deny") decision = false;
      if (!decision) return ErrorPage(views, req, 400, views.catalog().Text(req.lang, "sso_decision_missing"));
    } else {
      a = ReadAuthRequest([&](const char* k) { return req.Query(k).value_or(""); });
    }
    std::string session = req.Cookie(kSessionCookie).value_or("");
    AuthOutcome out = sso.Authorize(a, req.actor(), session, decision, req.lang);
    switch (out.kind) {
      case AuthOutcome::Kind::kShowError:
        return ErrorPage(views, req,
                         out.error.code == ErrorCode::kUnavailable ? 503
                         : out.error.code == ErrorCode::kForbidden ? 403
                                                                   : 400,
                         out.error.detail);
      case AuthOutcome::Kind::kRedirect:
        return ToApplication(views, req, out.redirect);
      case AuthOutcome::Kind::kSignIn: {
        // Back here once signed in: the same request, as a path of this site.
        boost::urls::url back("/oauth2/authorize");
        for (const auto& [k, v] : req.method == "POST"
                                      ? std::vector<std::pair<std::string, std::string>>(form.begin(), form.end())
                                      : req.query) {
          if (k == "csrf" || k == "decision") continue;
          if (out.fresh_sign_in && (k == "prompt" || k == "max_age")) continue;
          back.params().append({k, v});
        }
        if (out.fresh_sign_in) {
          // Asked again once, not for ever: on the way back the sign-in just made is fresh enough.
          std::string prompt;
          for (const auto& p : SplitScope(a.prompt)) {
            if (p != "login") prompt += (prompt.empty() ? "" : " ") + p;
          }
          if (!prompt.empty()) back.params().append({"prompt", prompt});
          back.params().append({"max_age", "300"});
        }
        return Response::Redirect("/masuk?kembali=" + http::UrlEncode(back.buffer()), 303);
      }
      case AuthOutcome::Kind::kConsent:
        return ConsentPage(views, req, a, out);
    }
    return views.ErrorPage(req, 500);
  };
}

ClientAuth ReadClientAuth(const Request& req, const std::map<std::string, std::string>& form) {
  ClientAuth auth;
  auth.address = req.remote_address;
  auto header = req.Header("authorization");
  bool in_body = form.count("client_secret") > 0;
  if (header) {
    auto basic = ParseBasic(*header);
    if (!basic) {
      auth.conflicting = true;
      return auth;
    }
    auth.client_id = basic->client_id;
    auth.secret = basic->secret;
    auth.method = ClientAuth::Method::kBasic;
    // The body may repeat the id, never name another or add a secret.
    std::string body_id = http::FormField(form, "client_id");
    if (in_body || (!body_id.empty() && body_id != auth.client_id)) auth.conflicting = true;
    return auth;
  }
  auth.client_id = http::FormField(form, "client_id");
  auth.secret = http::FormField(form, "client_secret");
  auth.method = in_body ? ClientAuth::Method::kPost : ClientAuth::Method::kNone;
  return auth;
}

bool FormEncoded(const Request& req) {
  auto type = req.Header("content-type");
  return type && type->find("application/x-www-form-urlencoded") != std::string_view::npos;
}

http::Handler TokenEndpoint(SsoService& sso) {
  return [&sso](Request& req) {
    if (!FormEncoded(req)) {
      return OAuthProblem({400, "invalid_request", "send application/x-www-form-urlencoded", false, false, 0});
    }
    auto form = http::ParseForm(req.body);
    TokenRequest t;
    t.grant_type = http::FormField(form, "grant_type");
    t.code = http::FormField(form, "code");
    t.redirect_uri = http::FormField(form, "redirect_uri");
    t.code_verifier = http::FormField(form, "code_verifier");
    t.refresh_token = http::FormField(form, "refresh_token");
    t.scope = http::FormField(form, "scope");
    t.auth = ReadClientAuth(req, form);
    auto out = sso.Token(t);
    if (auto* e = std::get_if<OAuthError>(&out)) return OAuthProblem(*e);
    return NoStore(Response::Json(200, json::serialize(std::get<json::object>(out))));
  };
}

http::Handler UserInfoEndpoint(SsoService& sso) {
  return [&sso](Request& req) {
    std::string token;
    auto header = req.Header("authorization");
    if (header && header->size() > 7 && http::IEquals(header->substr(0, 7), "Bearer ")) {
      token = std::string(header->substr(7));
    } else if (req.method == "POST" && FormEncoded(req)) {
      token = http::FormField(http::ParseForm(req.body), "access_token");  // RFC 6750 2.2
    }
    auto out = sso.UserInfo(token);
    if (auto* e = std::get_if<OAuthError>(&out)) return OAuthProblem(*e);
    return NoStore(Response::Json(200, json::serialize(std::get<json::object>(out))));
  };
}

http::Handler RevokeEndpoint(SsoService& sso) {
  return [&sso](Request& req) {
    if (!FormEncoded(req)) {
      return OAuthProblem({400, "invalid_request", "send application/x-www-form-urlencoded", false, false, 0});
    }
    auto form = http::ParseForm(req.body);
    auto refused = sso.Revoke(http::FormField(form, "token"), ReadClientAuth(req, form));
    if (refused) return OAuthProblem(*refused);
    return NoStore(Response::Json(200, "{}"));
  };
}

// RP-initiated logout takes GET and POST (Session Management's RP-Initiated Logout 1.0, section 2). A POST from the
// application's own page carries no token of ours, so this route checks only its own confirmation form's.
http::Handler LogoutEndpoint(SsoService& sso, const http::Views& views, bool secure_cookies) {
  return [&sso, &views, secure_cookies](Request& req) {
    std::map<std::string, std::string> form;
    if (req.method == "POST") form = http::ParseForm(req.body);
    auto get = [&](const char* k) {
      return req.method == "POST" ? http::FormField(form, k) : req.Query(k).value_or("");
    };
    bool confirmed = req.method == "POST" && http::FormField(form, "confirmed") == "1";
    if (confirmed && !http::CsrfMatches(req, http::FormField(form, http::kCsrfField))) {
      return ErrorPage(views, req, 403, views.catalog().Text(req.lang, "http_form_expired"));
    }
    std::string session = req.Cookie(kSessionCookie).value_or("");
    auto out = sso.Logout(get("id_token_hint"), get("post_logout_redirect_uri"), get("state"), get("client_id"),
                          req.actor(), session, req.lang, confirmed);
    if (out.error) return ErrorPage(views, req, 400, out.error->detail);
    if (out.confirm) {
      std::string csrf = http::CsrfToken(req);
      std::string state = get("state");
      Response r = views.Page(req, 200, "sso/logout",
                              json::object{{"client", out.client_name},
                                           {"client_id", out.client_id},
                                           {"post_logout_redirect_uri", get("post_logout_redirect_uri")},
                                           {"state", state.size() <= 1000 ? state : ""},
                                           {"csrf", csrf}},
                              "sso_logout_title");
      http::SetCsrfCookie(r, req, csrf);
      // The confirmation's answer redirects to the application: the form's policy must let it go there.
      if (!out.redirect.empty()) r.Set("Content-Security-Policy", Csp(OriginOf(out.redirect), ""));
      return r;
    }
    Response r = out.redirect.empty() ? Response::Redirect("/masuk?keluar=1", req.method == "POST" ? 303 : 302)
                                      : Response::Redirect(out.redirect, req.method == "POST" ? 303 : 302);
    if (!session.empty())
      r.headers.emplace_back("Set-Cookie", http::SessionCookie(kSessionCookie, "", secure_cookies, 0));
    return r;
  };
}

}  // namespace

void RegisterEndpoints(http::Router& router, SsoService& sso, const http::Views& views, bool secure_cookies) {
  router.Add("GET", "/.well-known/openid-configuration", [&sso](Request&) {
    Response r = Response::Json(200, json::serialize(sso.Discovery()));
    r.Set("Cache-Control", "public, max-age=3600");
    r.Set("Access-Control-Allow-Origin", "*");
    return r;
  });
  router.Add("GET", "/oauth2/jwks", [&sso](Request&) {
    auto keys = sso.Jwks();
    if (!keys.ok()) return OAuthProblem({503, "temporarily_unavailable", "", false, false, 0});
    Response r = Response::Json(200, json::serialize(*keys));
    r.Set("Cache-Control", "public, max-age=300");
    r.Set("Access-Control-Allow-Origin", "*");
    return r;
  });
  router.Add("GET", "/oauth2/authorize", AuthorizeEndpoint(sso, views));
  router.Add("POST", "/oauth2/authorize", AuthorizeEndpoint(sso, views));
  http::RouteOptions client_calls;
  client_calls.client_authenticated = true;
  router.Add("POST", "/oauth2/token", TokenEndpoint(sso), client_calls);
  router.Add("GET", "/oauth2/userinfo", UserInfoEndpoint(sso), client_calls);
  router.Add("POST", "/oauth2/userinfo", UserInfoEndpoint(sso), client_calls);
  router.Add("POST", "/oauth2/revoke", RevokeEndpoint(sso), client_calls);
  router.Add("GET", "/oauth2/logout", LogoutEndpoint(sso, views, secure_cookies));
  router.Add("POST", "/oauth2/logout", LogoutEndpoint(sso, views, secure_cookies), client_calls);
}

}  // namespace spbe::sso
