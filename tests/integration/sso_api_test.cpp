// Single sign-on against the real server on both engines, spoken as a relying party would: registration of clients
// by a platform admin, the code flow with PKCE, and every refusal the specifications name (OAuth 2.0 RFC 6749,
// PKCE RFC 7636, revocation RFC 7009, OpenID Connect Core): a wrong redirect address, a missing or wrong verifier, a
// reused or expired code, a wrong secret, the nik scope without a legal basis, a reused refresh token, a disabled
// client. The browser side (openid-client driving Chromium) is tests/browser/sso.test.mjs.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <boost/json.hpp>

#include "app/app.hpp"
#include "platform/clock.hpp"
#include "platform/crypto.hpp"
#include "platform/pki.hpp"
#include "sso/service.hpp"
#include "testing/demo_server.hpp"
#include "testing/sso_flow.hpp"

namespace spbe {
namespace {

namespace json = boost::json;
using testing::Headers;

constexpr const char* kReturn = "https://aplikasi.example/masuk/selesai";

class SsoApi : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    SPBE_SKIP_UNAVAILABLE(GetParam());
    crypto::InitCrypto();
    demo_ = std::make_unique<testing::DemoServer>(GetParam());
    port_ = demo_->port();
    admin_ = demo_->As("admin@demo.go.id");
    warga_ = Session("warga1@demo.id");
  }
  std::string Session(const std::string& user) { return demo_->As(user).front().second.substr(7); }
  // Registers a client; returns {client_id, client_secret, id}.
  json::object Register(const std::string& extra = "",
                        const std::string& scopes = R"(["openid", "profile", "email"])") {
    auto r = testing::PostJson(port_, "/api/v1/oauth2/clients",
                               R"({"name": "Aplikasi Uji", "node_id": )" + std::to_string(demo_->NodeOf(admin_)) +
                                   R"(, "redirect_uris": [")" + kReturn + R"("], "post_logout_redirect_uris":
                                   ["https://aplikasi.example/"], "scopes": )" +
                                   scopes + extra + "}",
                               admin_);
    EXPECT_EQ(r.status, 201) << r.body;
    auto o = json::parse(r.body).as_object();
    json::object out{{"client_id", o.at("client_id")}, {"id", o.at("client").at("id")}};
    if (o.contains("client_secret")) out["client_secret"] = o.at("client_secret");
    return out;
  }
  static std::string Basic(const json::object& c) {
    return std::string(c.at("client_id").as_string()) + ":" + std::string(c.at("client_secret").as_string());
  }
  testing::AuthorizeParams Params(const json::object& c, const std::string& scope = "openid profile email") {
    testing::AuthorizeParams p{std::string(c.at("client_id").as_string()), kReturn};
    p.scope = scope;
    return p;
  }
  // A code for warga1 (consent given on the form), with its verifier.
  std::pair<std::string, std::string> Code(const json::object& c, const std::string& scope = "openid profile email",
                                           const std::string& session = "") {
    auto pkce = testing::NewPkce();
    auto p = Params(c, scope);
    p.challenge = pkce.challenge;
    auto r = testing::PostConsent(port_, session.empty() ? warga_ : session, p);
    EXPECT_EQ(r.status, 303) << r.body;
    std::string location = r.Header("location").value_or("");
    EXPECT_EQ(testing::QueryValue(location, "state"), "s");
    return {testing::QueryValue(location, "code"), pkce.verifier};
  }
  testing::HttpResponse Exchange(const json::object& c, const std::string& code, const std::string& verifier,
                                 const std::string& redirect = kReturn) {
    std::map<std::string, std::string> f{
        {"grant_type", "authorization_code"}, {"code", code}, {"redirect_uri", redirect}};
    if (!verifier.empty()) f["code_verifier"] = verifier;
    return testing::PostTokenForm(port_, "/oauth2/token", f, Basic(c));
  }
  static std::string Error(const testing::HttpResponse& r) {
    boost::system::error_code ec;
    auto v = json::parse(r.body, ec);
    if (ec || !v.is_object() || !v.as_object().contains("error")) return "(no error: " + r.body + ")";
    return std::string(v.at("error").as_string());
  }
  int UserInfo(const std::string& access_token) {
    return testing::Get(port_, "/oauth2/userinfo", {{"Authorization", "Bearer " + access_token}}).status;
  }

  std::unique_ptr<testing::DemoServer> demo_;
  int port_ = 0;
  Headers admin_;
  std::string warga_;
};

TEST_P(SsoApi, DiscoveryAndKeysDescribeTheProvider) {
  auto d = json::parse(testing::Get(port_, "/.well-known/openid-configuration").body).as_object();
  std::string issuer(d.at("issuer").as_string());
  EXPECT_EQ(d.at("authorization_endpoint").as_string(), issuer + "/oauth2/authorize");
  EXPECT_EQ(d.at("code_challenge_methods_supported"), json::array{"S256"});
  EXPECT_EQ(d.at("response_types_supported"), json::array{"code"});
  auto keys = json::parse(testing::Get(port_, "/oauth2/jwks").body).at("keys").as_array();
  ASSERT_EQ(keys.size(), 2u);
  std::set<std::string> algs;
  for (const auto& k : keys) algs.insert(std::string(k.at("alg").as_string()));
  EXPECT_EQ(algs, (std::set<std::string>{"EdDSA", "RS256"}));
}

TEST_P(SsoApi, TheCodeFlowGivesVerifiedClaimsAndASignedIdToken) {
  auto c = Register();
  auto [code, verifier] = Code(c);
  ASSERT_FALSE(code.empty());
  auto r = Exchange(c, code, verifier);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("cache-control").value_or(""), "no-store");
  auto t = json::parse(r.body).as_object();
  EXPECT_EQ(t.at("token_type"), "Bearer");
  // The ID token: RS256 by the published key, for this client, with the nonce.
  std::string id_token(t.at("id_token").as_string());
  auto dot1 = id_token.find('.'), dot2 = id_token.rfind('.');
  auto header = json::parse(*crypto::FromBase64Url(id_token.substr(0, dot1))).as_object();
  auto claims = json::parse(*crypto::FromBase64Url(id_token.substr(dot1 + 1, dot2 - dot1 - 1))).as_object();
  EXPECT_EQ(header.at("alg"), "RS256");
  EXPECT_EQ(claims.at("aud"), c.at("client_id"));
  EXPECT_EQ(claims.at("nonce"), "n");
  bool verified = false;
  auto jwks = json::parse(testing::Get(port_, "/oauth2/jwks").body);
  for (const auto& k : jwks.at("keys").as_array()) {
    if (k.at("kid") != header.at("kid")) continue;
    pki::RsaPublic pub{*crypto::FromBase64Url(k.at("n").as_string()), *crypto::FromBase64Url(k.at("e").as_string())};
    verified = pki::VerifyRs256(pub, id_token.substr(0, dot2), *crypto::FromBase64Url(id_token.substr(dot2 + 1)));
  }
  EXPECT_TRUE(verified);
  auto info = testing::Get(port_, "/oauth2/userinfo",
                           {{"Authorization", "Bearer " + std::string(t.at("access_token").as_string())}});
  ASSERT_EQ(info.status, 200) << info.body;
  auto u = json::parse(info.body).as_object();
  EXPECT_EQ(u.at("sub"), claims.at("sub"));
  EXPECT_EQ(u.at("email"), "warga1@demo.id");
  EXPECT_EQ(u.at("email_verified"), true);
  EXPECT_FALSE(u.contains("nik")) << "not asked for, not allowed";
  EXPECT_GE(demo_->Count("SELECT COUNT(*) FROM audit_log WHERE action IN ('sso.consent', 'sso.authorize', "
                         "'sso.token')"),
            3);

  // Consent is remembered per client and scope set: the second request goes straight back with a code.
  auto again = testing::GetAuthorize(port_, warga_, [&] {
    auto p = Params(c);
    p.challenge = testing::NewPkce().challenge;
    return p;
  }());
  EXPECT_EQ(again.status, 302);
  EXPECT_FALSE(testing::QueryValue(again.Header("location").value_or(""), "code").empty());
}

TEST_P(SsoApi, TheAuthorizationEndpointRefusesWhatItMust) {
  auto c = Register();
  auto p = Params(c);
  p.challenge = testing::NewPkce().challenge;
  // A redirect address not registered exactly: told to the person, sent nowhere.
  auto wrong = p;
  wrong.redirect_uri = std::string(kReturn) + "/lain";
  auto r = testing::GetAuthorize(port_, warga_, wrong);
  EXPECT_EQ(r.status, 400);
  EXPECT_FALSE(r.Header("location"));
  auto unknown = p;
  unknown.client_id = "tidak-ada";
  EXPECT_EQ(testing::GetAuthorize(port_, warga_, unknown).status, 400);
  // The rest go back to the application with the error.
  auto back = [&](testing::AuthorizeParams q, const std::string& session = "") {
    auto res = testing::GetAuthorize(port_, session.empty() ? warga_ : session, q);
    EXPECT_EQ(res.status, 302) << res.body;
    return testing::QueryValue(res.Header("location").value_or(""), "error");
  };
  auto no_pkce = p;
  no_pkce.challenge = "";
  EXPECT_EQ(back(no_pkce), "invalid_request");
  auto plain = p;
  plain.method = "plain";
  EXPECT_EQ(back(plain), "invalid_request");
  auto no_openid = p;
  no_openid.scope = "profile";
  EXPECT_EQ(back(no_openid), "invalid_scope");
  auto nik = p;
  nik.scope = "openid nik";
  EXPECT_EQ(back(nik), "invalid_scope") << "a client without a legal basis never gets the NIK";
  // Not signed in: the sign-in page first; with prompt=none, login_required.
  auto anonymous = testing::Send(port_, {"GET",
                                         "/oauth2/authorize?client_id=" + p.client_id +
                                             "&redirect_uri=https%3A%2F%2Faplikasi.example%2Fmasuk%2Fselesai&response_"
                                             "type=code&scope=openid&code_challenge=" +
                                             p.challenge + "&code_challenge_method=S256",
                                         {},
                                         ""});
  EXPECT_EQ(anonymous.status, 303);
  EXPECT_EQ(anonymous.Header("location").value_or("").rfind("/masuk?kembali=%2Foauth2%2Fauthorize", 0), 0u);
  // The person refuses.
  auto denied = testing::PostConsent(port_, warga_, p, "deny");
  EXPECT_EQ(testing::QueryValue(denied.Header("location").value_or(""), "error"), "access_denied");
  // A head of office without a second factor is not let through.
  auto kepala = testing::GetAuthorize(port_, Session("kepala.dpmptsp@demo.go.id"), p);
  EXPECT_EQ(kepala.status, 403);
}

TEST_P(SsoApi, TheTokenEndpointRefusesWithTheErrorsTheSpecsName) {
  auto c = Register();
  {
    auto [code, verifier] = Code(c);
    auto missing = Exchange(c, code, "");
    EXPECT_EQ(missing.status, 400);
    EXPECT_EQ(Error(missing), "invalid_request") << "missing code_verifier";
  }
  {
    auto [code, verifier] = Code(c);
    auto wrong = Exchange(c, code, testing::NewPkce().verifier);
    EXPECT_EQ(Error(wrong), "invalid_grant") << "wrong code_verifier";
    EXPECT_EQ(Error(Exchange(c, code, verifier)), "invalid_grant") << "a code is used up by any attempt";
  }
  {
    auto [code, verifier] = Code(c);
    EXPECT_EQ(Error(Exchange(c, code, verifier, std::string(kReturn) + "/lain")), "invalid_grant") << "redirect_uri";
  }
  {
    // A code used twice: the second use is refused and what the first gave is revoked.
    auto [code, verifier] = Code(c);
    auto first = Exchange(c, code, verifier);
    ASSERT_EQ(first.status, 200) << first.body;
    std::string access(json::parse(first.body).at("access_token").as_string());
    EXPECT_EQ(UserInfo(access), 200);
    auto second = Exchange(c, code, verifier);
    EXPECT_EQ(second.status, 400);
    EXPECT_EQ(Error(second), "invalid_grant");
    auto refused = testing::Get(port_, "/oauth2/userinfo", {{"Authorization", "Bearer " + access}});
    EXPECT_EQ(refused.status, 401);
    EXPECT_NE(refused.Header("www-authenticate").value_or("").find("invalid_token"), std::string::npos);
  }
  {
    // An expired code (its time set back, as two minutes passing would).
    auto [code, verifier] = Code(c);
    std::string hash = crypto::Sha256Hex(code);
    auto done = demo_->app().database().Write([&](soci::session& s) -> Status {
      s << "UPDATE sso_grants SET code_expires_at = '2000-01-01T00:00:00Z' WHERE code_hash = :h", soci::use(hash);
      return Ok{};
    });
    ASSERT_TRUE(done.ok());
    EXPECT_EQ(Error(Exchange(c, code, verifier)), "invalid_grant");
  }
  {
    // A wrong secret: 401 invalid_client, with the Basic challenge.
    auto [code, verifier] = Code(c);
    auto r = testing::PostTokenForm(
        port_, "/oauth2/token",
        {{"grant_type", "authorization_code"}, {"code", code}, {"redirect_uri", kReturn}, {"code_verifier", verifier}},
        std::string(c.at("client_id").as_string()) + ":salah");
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(Error(r), "invalid_client");
    EXPECT_NE(r.Header("www-authenticate").value_or("").find("Basic"), std::string::npos);
    // Two methods at once, and an unknown grant type.
    auto both = testing::PostTokenForm(
        port_, "/oauth2/token",
        {{"grant_type", "authorization_code"}, {"client_secret", std::string(c.at("client_secret").as_string())}},
        Basic(c));
    EXPECT_EQ(Error(both), "invalid_request");
    auto odd = testing::PostTokenForm(port_, "/oauth2/token", {{"grant_type", "password"}}, Basic(c));
    EXPECT_EQ(Error(odd), "unsupported_grant_type");
    // client_secret_post works as well as Basic.
    auto [code2, verifier2] = Code(c);
    auto post = testing::PostTokenForm(port_, "/oauth2/token",
                                       {{"grant_type", "authorization_code"},
                                        {"code", code2},
                                        {"redirect_uri", kReturn},
                                        {"code_verifier", verifier2},
                                        {"client_id", std::string(c.at("client_id").as_string())},
                                        {"client_secret", std::string(c.at("client_secret").as_string())}});
    EXPECT_EQ(post.status, 200) << post.body;
  }
}

TEST_P(SsoApi, ARefreshTokenRotatesAndItsReuseRevokesTheFamily) {
  auto c = Register();
  auto [code, verifier] = Code(c);
  auto t1 = json::parse(Exchange(c, code, verifier).body).as_object();
  auto refresh = [&](const json::value& token) {
    return testing::PostTokenForm(port_, "/oauth2/token",
                                  {{"grant_type", "refresh_token"}, {"refresh_token", std::string(token.as_string())}},
                                  Basic(c));
  };
  auto r2 = refresh(t1.at("refresh_token"));
  ASSERT_EQ(r2.status, 200) << r2.body;
  auto t2 = json::parse(r2.body).as_object();
  EXPECT_NE(t2.at("refresh_token"), t1.at("refresh_token"));
  EXPECT_EQ(UserInfo(std::string(t2.at("access_token").as_string())), 200);
  auto reuse = refresh(t1.at("refresh_token"));
  EXPECT_EQ(reuse.status, 400);
  EXPECT_EQ(Error(reuse), "invalid_grant");
  EXPECT_EQ(Error(refresh(t2.at("refresh_token"))), "invalid_grant") << "the whole family is revoked";
  EXPECT_EQ(UserInfo(std::string(t2.at("access_token").as_string())), 401);
  EXPECT_EQ(demo_->Count("SELECT COUNT(*) FROM audit_log WHERE action = 'sso.refresh_reused'"), 1);
}

TEST_P(SsoApi, RevocationDisconnectionAndADisabledClientStopAccessAtOnce) {
  auto c = Register();
  auto [code, verifier] = Code(c);
  auto t = json::parse(Exchange(c, code, verifier).body).as_object();
  std::string access(t.at("access_token").as_string());
  // RFC 7009: an unknown token is fine; the access token revoked alone; a refresh token takes its family.
  EXPECT_EQ(testing::PostTokenForm(port_, "/oauth2/revoke", {{"token", "tidak-dikenal"}}, Basic(c)).status, 200);
  EXPECT_EQ(testing::PostTokenForm(port_, "/oauth2/revoke", {{"token", access}}, Basic(c)).status, 200);
  EXPECT_EQ(UserInfo(access), 401);
  EXPECT_EQ(testing::PostTokenForm(port_, "/oauth2/revoke", {{"token", access}}, "x:y").status, 401);

  // The person disconnects the application: consent and tokens gone.
  auto [code2, verifier2] = Code(c);
  auto t2 = json::parse(Exchange(c, code2, verifier2).body).as_object();
  auto warga = demo_->app().identity().Authenticate(warga_);
  ASSERT_TRUE(warga);
  auto apps = demo_->app().sso().ConnectedApps(*warga);
  ASSERT_TRUE(apps.ok());
  ASSERT_EQ(apps->size(), 1u);
  EXPECT_TRUE(demo_->app().sso().Disconnect(*warga, apps->front().client_id, "id").ok());
  EXPECT_EQ(UserInfo(std::string(t2.at("access_token").as_string())), 401);
  EXPECT_TRUE(demo_->app().sso().ConnectedApps(*warga)->empty());

  // Disabled: refused at the authorization endpoint (a page) and the token endpoint.
  auto [code3, verifier3] = Code(c);
  auto disabled = testing::Send(
      port_, {"POST", "/api/v1/oauth2/clients/" + std::to_string(c.at("id").as_int64()) + "/disable", admin_, ""});
  ASSERT_EQ(disabled.status, 200) << disabled.body;
  EXPECT_EQ(Error(Exchange(c, code3, verifier3)), "invalid_client");
  auto p = Params(c);
  p.challenge = testing::NewPkce().challenge;
  EXPECT_EQ(testing::GetAuthorize(port_, warga_, p).status, 403);
}

TEST_P(SsoApi, OnlyAPlatformAdminRegistersAndTheNikNeedsALegalBasis) {
  std::string node = std::to_string(demo_->NodeOf(admin_));
  auto post = [&](const std::string& body, const Headers& who) {
    return testing::PostJson(port_, "/api/v1/oauth2/clients", body, who);
  };
  std::string base = R"({"name": "Aplikasi Uji", "node_id": )" + node + R"(, "scopes": ["openid", "nik"], )";
  auto no_basis = post(base + R"("redirect_uris": ["https://a.example/cb"]})", admin_);
  EXPECT_EQ(no_basis.status, 422);
  EXPECT_NE(no_basis.body.find("nik_legal_basis"), std::string::npos);
  auto plain_http =
      post(base + R"("redirect_uris": ["http://a.example/cb"], "nik_legal_basis": "Permendagri 102/2019"})", admin_);
  EXPECT_EQ(plain_http.status, 422);
  EXPECT_NE(plain_http.body.find("redirect_uris"), std::string::npos);
  EXPECT_EQ(post(base + R"("redirect_uris": ["https://a.example/cb"], "nik_legal_basis": "Permendagri 102/2019"})",
                 demo_->As("admin_instansi.dpmptsp@demo.go.id"))
                .status,
            403);
  // With its basis, the NIK is released, and the consent page says on what basis.
  auto c = Register(R"(, "nik_legal_basis": "Permendagri 102/2019 tentang Pemberian Hak Akses")",
                    R"(["openid", "profile", "nik"])");
  auto p = Params(c, "openid nik");
  p.challenge = testing::NewPkce().challenge;
  auto page = testing::GetAuthorize(port_, warga_, p);
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Permendagri 102/2019"), std::string::npos);
  auto [code, verifier] = Code(c, "openid nik");
  auto t = json::parse(Exchange(c, code, verifier).body).as_object();
  auto info = json::parse(testing::Get(port_, "/oauth2/userinfo",
                                       {{"Authorization", "Bearer " + std::string(t.at("access_token").as_string())}})
                              .body)
                  .as_object();
  EXPECT_EQ(info.at("nik").as_string().size(), 16u);
  EXPECT_FALSE(info.contains("email")) << "only what was asked for";
}

TEST_P(SsoApi, APublicClientUsesPkceAloneAndGuessedSecretsAreBraked) {
  auto pub = Register(R"(, "is_public": true)");
  EXPECT_FALSE(pub.contains("client_secret"));
  auto [code, verifier] = Code(pub);
  auto r = testing::PostTokenForm(port_, "/oauth2/token",
                                  {{"grant_type", "authorization_code"},
                                   {"code", code},
                                   {"redirect_uri", kReturn},
                                   {"code_verifier", verifier},
                                   {"client_id", std::string(pub.at("client_id").as_string())}});
  EXPECT_EQ(r.status, 200) << r.body;

  auto c = Register();
  testing::HttpResponse last;
  for (int i = 0; i < 12; ++i) {
    last = testing::PostTokenForm(port_, "/oauth2/token", {{"grant_type", "refresh_token"}, {"refresh_token", "x"}},
                                  std::string(c.at("client_id").as_string()) + ":tebakan" + std::to_string(i));
  }
  EXPECT_EQ(last.status, 429);
  EXPECT_TRUE(last.Header("retry-after"));
}

TEST_P(SsoApi, RotatedKeysStayPublishedAndLogoutNeedsTheRightHint) {
  auto c = Register();
  auto [code, verifier] = Code(c);
  auto t = json::parse(Exchange(c, code, verifier).body).as_object();
  std::string id_token(t.at("id_token").as_string());
  ASSERT_TRUE(demo_->app().sso().RotateKeys().ok());
  auto keys = json::parse(testing::Get(port_, "/oauth2/jwks").body).at("keys").as_array();
  EXPECT_EQ(keys.size(), 4u) << "the old keys stay published until their tokens expire";

  // Logout with a hint of the signed-in person: signed out at once, sent to the registered address with the state.
  auto out = testing::Send(port_, {"GET",
                                   "/oauth2/logout?id_token_hint=" + id_token +
                                       "&post_logout_redirect_uri=https%3A%2F%2Faplikasi.example%2F&state=k1",
                                   {{"Cookie", "spbe_session=" + warga_}},
                                   ""});
  EXPECT_EQ(out.status, 302);
  EXPECT_EQ(out.Header("location").value_or(""), "https://aplikasi.example/?state=k1");
  EXPECT_FALSE(demo_->app().identity().Authenticate(warga_)) << "the portal session ended";
  // An address not registered, or a forged hint: refused.
  EXPECT_EQ(testing::Get(port_, "/oauth2/logout?id_token_hint=" + id_token +
                                    "&post_logout_redirect_uri=https%3A%2F%2Fjahat.example%2F")
                .status,
            400);
  EXPECT_EQ(
      testing::Get(port_, "/oauth2/logout?id_token_hint=" + id_token.substr(0, id_token.size() - 4) + "AAAA").status,
      400);
}

TEST_P(SsoApi, AnOfficerIsKnownByNipAndRolesUntilDisabled) {
  auto c = Register("", R"(["openid", "profile", "officer"])");
  std::string loket = Session("loket.dpmptsp@demo.go.id");
  auto [code, verifier] = Code(c, "openid profile officer", loket);
  auto t = json::parse(Exchange(c, code, verifier).body).as_object();
  std::string access(t.at("access_token").as_string());
  auto info = json::parse(testing::Get(port_, "/oauth2/userinfo", {{"Authorization", "Bearer " + access}}).body);
  EXPECT_EQ(info.at("nip").as_string().size(), 18u);
  auto roles = info.at("roles").as_array();
  ASSERT_FALSE(roles.empty());
  EXPECT_EQ(roles.at(0).at("role"), "loket");
  EXPECT_EQ(roles.at(0).at("node_slug"), "dpmptsp");

  // Disabled by the agency's admin: userinfo refuses, and no refresh gives new tokens.
  auto officer = demo_->app().identity().Authenticate(loket);
  ASSERT_TRUE(officer);
  auto off = testing::Send(port_, {"POST", "/api/v1/officers/" + std::to_string(officer->account_id) + "/disable",
                                   demo_->As("admin_instansi.dpmptsp@demo.go.id"), ""});
  ASSERT_EQ(off.status, 200) << off.body;
  EXPECT_EQ(UserInfo(access), 401);
  auto refreshed = testing::PostTokenForm(
      port_, "/oauth2/token",
      {{"grant_type", "refresh_token"}, {"refresh_token", std::string(t.at("refresh_token").as_string())}}, Basic(c));
  EXPECT_EQ(Error(refreshed), "invalid_grant");
}

TEST_P(SsoApi, SigningOutOfThePortalEndsWhatApplicationsHoldFromThatSession) {
  auto c = Register();
  std::string other = Session("warga1@demo.id");  // the same person on a second device
  auto [code1, verifier1] = Code(c);
  auto t1 = json::parse(Exchange(c, code1, verifier1).body).as_object();
  auto [code2, verifier2] = Code(c, "openid profile email", other);
  auto t2 = json::parse(Exchange(c, code2, verifier2).body).as_object();
  auto refresh = [&](const json::object& t) {
    return testing::PostTokenForm(
        port_, "/oauth2/token",
        {{"grant_type", "refresh_token"}, {"refresh_token", std::string(t.at("refresh_token").as_string())}}, Basic(c));
  };
  // Signing out on the first device ends that session's single sign-on, not the other device's.
  ASSERT_TRUE(demo_->app().identity().Logout(warga_).ok());
  EXPECT_EQ(UserInfo(std::string(t1.at("access_token").as_string())), 401);
  EXPECT_EQ(Error(refresh(t1)), "invalid_grant");
  EXPECT_EQ(UserInfo(std::string(t2.at("access_token").as_string())), 200);
  // Signing out everywhere ends all of it.
  auto warga = demo_->app().identity().Authenticate(other);
  ASSERT_TRUE(warga);
  ASSERT_TRUE(demo_->app().identity().LogoutEverywhere(warga->account_id).ok());
  EXPECT_EQ(UserInfo(std::string(t2.at("access_token").as_string())), 401);
  EXPECT_EQ(Error(refresh(t2)), "invalid_grant");
  EXPECT_EQ(demo_->Count("SELECT COUNT(*) FROM audit_log WHERE action = 'sso.session_ended'"), 2);
}

TEST_P(SsoApi, ARefreshForLessReleasesLessAndAuthTimeIsTheSignIn) {
  auto c = Register();
  auto [code, verifier] = Code(c);
  auto t1 = json::parse(Exchange(c, code, verifier).body).as_object();
  std::string id_token(t1.at("id_token").as_string());
  auto dot1 = id_token.find('.'), dot2 = id_token.rfind('.');
  auto claims = json::parse(*crypto::FromBase64Url(id_token.substr(dot1 + 1, dot2 - dot1 - 1))).as_object();
  ASSERT_TRUE(claims.contains("auth_time"));
  EXPECT_LE(claims.at("auth_time").as_int64(), claims.at("iat").as_int64());
  auto started = demo_->app().identity().SessionStartedAt(warga_);
  ASSERT_TRUE(started);
  EXPECT_EQ(claims.at("auth_time").as_int64(),
            std::chrono::duration_cast<std::chrono::seconds>(ParseUtc(*started)->time_since_epoch()).count())
      << "when the person signed in, not when the application asked";

  auto narrower = testing::PostTokenForm(port_, "/oauth2/token",
                                         {{"grant_type", "refresh_token"},
                                          {"refresh_token", std::string(t1.at("refresh_token").as_string())},
                                          {"scope", "openid profile"}},
                                         Basic(c));
  ASSERT_EQ(narrower.status, 200) << narrower.body;
  auto t2 = json::parse(narrower.body).as_object();
  EXPECT_EQ(t2.at("scope"), "openid profile");
  auto info = json::parse(testing::Get(port_, "/oauth2/userinfo",
                                       {{"Authorization", "Bearer " + std::string(t2.at("access_token").as_string())}})
                              .body)
                  .as_object();
  EXPECT_TRUE(info.contains("name"));
  EXPECT_FALSE(info.contains("email")) << "the narrower token opens only what it carries";
  // And the narrower family cannot widen again.
  auto wider = testing::PostTokenForm(port_, "/oauth2/token",
                                      {{"grant_type", "refresh_token"},
                                       {"refresh_token", std::string(t2.at("refresh_token").as_string())},
                                       {"scope", "openid profile email"}},
                                      Basic(c));
  EXPECT_EQ(Error(wider), "invalid_scope");
}

TEST_P(SsoApi, PromptLoginAndMaxAgeAskForAFreshSignInOnce) {
  auto c = Register();
  (void)Code(c);  // consent given and remembered
  auto p = Params(c);
  p.challenge = testing::NewPkce().challenge;
  auto ask = [&](const std::string& prompt, const std::string& max_age) {
    auto q = p;
    q.prompt = prompt;
    q.max_age = max_age;
    return testing::GetAuthorize(port_, warga_, q);
  };
  for (auto [prompt, max_age] : {std::pair<std::string, std::string>{"login", ""}, {"", "0"}}) {
    auto r = ask(prompt, max_age);
    EXPECT_EQ(r.status, 303) << prompt << max_age;
    std::string location = r.Header("location").value_or("");
    ASSERT_EQ(location.rfind("/masuk?kembali=", 0), 0u) << location;
    // The way back asks for a sign-in no older than five minutes, not for another one.
    std::string back = testing::QueryValue(location, "kembali");
    EXPECT_EQ(testing::QueryValue(back, "max_age"), "300") << back;
    EXPECT_EQ(testing::QueryValue(back, "prompt"), "") << back;
  }
  // A sign-in made just now meets max_age=300: a code at once.
  auto fresh = ask("", "300");
  EXPECT_EQ(fresh.status, 302);
  EXPECT_FALSE(testing::QueryValue(fresh.Header("location").value_or(""), "code").empty());
  // Without the person on the page, a fresh sign-in cannot happen: login_required; nonsense: invalid_request.
  EXPECT_EQ(testing::QueryValue(ask("none", "0").Header("location").value_or(""), "error"), "login_required");
  EXPECT_EQ(testing::QueryValue(ask("", "-5").Header("location").value_or(""), "error"), "invalid_request");
  EXPECT_EQ(testing::QueryValue(ask("", "99999999999").Header("location").value_or(""), "error"), "invalid_request");
}

TEST_P(SsoApi, LogoutByPostAsksThePersonUnlessTheHintIsTheirs) {
  auto c = Register();
  auto [code, verifier] = Code(c);
  auto t = json::parse(Exchange(c, code, verifier).body).as_object();
  std::string body = "client_id=" + std::string(c.at("client_id").as_string()) +
                     "&post_logout_redirect_uri=https%3A%2F%2Faplikasi.example%2F&state=k2";
  auto post = [&](const std::string& form, const std::string& csrf_cookie) {
    std::string cookie = "spbe_session=" + warga_ + (csrf_cookie.empty() ? "" : "; spbe_csrf=" + csrf_cookie);
    return testing::Send(port_, {"POST",
                                 "/oauth2/logout",
                                 {{"Content-Type", "application/x-www-form-urlencoded"},
                                  {"Cookie", cookie},
                                  {"Origin", "https://aplikasi.example"}},
                                 form});
  };
  // The application's own page posts without a hint: the person is asked, still signed in.
  auto asked = post(body, "");
  EXPECT_EQ(asked.status, 200) << asked.body;
  EXPECT_NE(asked.body.find("logout-confirm"), std::string::npos);
  EXPECT_NE(asked.Header("content-security-policy").value_or("").find("https://aplikasi.example"), std::string::npos)
      << "the confirmation's redirect must be allowed by the form's policy";
  EXPECT_TRUE(demo_->app().identity().Authenticate(warga_));
  // Another site cannot confirm for the person: its token does not match the cookie.
  std::string csrf = crypto::RandomHex(16);
  EXPECT_EQ(post(body + "&confirmed=1&csrf=" + crypto::RandomHex(16), csrf).status, 403);
  EXPECT_TRUE(demo_->app().identity().Authenticate(warga_));
  // The person confirms on the portal's page: signed out, back to the application with its state.
  auto confirmed = post(body + "&confirmed=1&csrf=" + csrf, csrf);
  EXPECT_EQ(confirmed.status, 303) << confirmed.body;
  EXPECT_EQ(confirmed.Header("location").value_or(""), "https://aplikasi.example/?state=k2");
  EXPECT_FALSE(demo_->app().identity().Authenticate(warga_));
  EXPECT_EQ(UserInfo(std::string(t.at("access_token").as_string())), 401) << "the session's tokens end with it";
}

TEST_P(SsoApi, AStrangersGuessesDoNotLockAClientOutOfItsOwnServers) {
  auto c = Register();
  auto [code, verifier] = Code(c);
  for (int i = 0; i < 12; ++i) {
    (void)testing::PostTokenForm(port_, "/oauth2/token", {{"grant_type", "refresh_token"}, {"refresh_token", "x"}},
                                 std::string(c.at("client_id").as_string()) + ":tebakan" + std::to_string(i));
  }
  sso::TokenRequest req;
  req.grant_type = "authorization_code";
  req.code = code;
  req.code_verifier = verifier;
  req.redirect_uri = kReturn;
  req.auth.client_id = std::string(c.at("client_id").as_string());
  req.auth.secret = std::string(c.at("client_secret").as_string());
  req.auth.method = sso::ClientAuth::Method::kBasic;
  req.auth.address = "10.20.30.40";  // the application's own server
  auto out = demo_->app().sso().Token(req);
  EXPECT_TRUE(std::holds_alternative<json::object>(out))
      << "braked from 127.0.0.1, the client still works from its own address";
  // From where the guesses came, even the right secret waits.
  auto braked = testing::PostTokenForm(port_, "/oauth2/token",
                                       {{"grant_type", "refresh_token"}, {"refresh_token", "x"}}, Basic(c));
  EXPECT_EQ(braked.status, 429) << braked.body;
}

INSTANTIATE_TEST_SUITE_P(Engines, SsoApi, ::testing::Values("sqlite", "postgresql"));

}  // namespace
}  // namespace spbe
