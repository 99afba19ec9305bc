// Citizen sign-up and sign-in through the real server's API, on each engine.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <boost/json.hpp>
#include <regex>

#include "testing/http_client.hpp"
#include "testing/test_env.hpp"

namespace spbe {
namespace {

using testing::Get;
using testing::PostJson;

class IdentityApi : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    SPBE_SKIP_UNAVAILABLE(GetParam());
    db_ = std::make_unique<testing::TestDatabase>(GetParam());
    server_ = std::make_unique<testing::TestServer>(db_->config);
    port_ = server_->port();
  }
  std::string CodeFor(const std::string& email) {
    auto code = server_->app().database().Read([&](soci::session& s) {
      std::string body;
      s << "SELECT body FROM notification_outbox WHERE recipient = :r ORDER BY id DESC", soci::use(email, "r"),
          soci::into(body);
      std::smatch m;
      std::regex_search(body, m, std::regex("\\b(\\d{6})\\b"));
      return std::string(m[1]);
    });
    return *code;
  }

  std::unique_ptr<testing::TestDatabase> db_;
  std::unique_ptr<testing::TestServer> server_;
  int port_ = 0;
};

constexpr const char* kBudi =
    R"({"name":"Budi Santoso","email":"budi@mail.example","phone":"081234567890",
        "password":"kuda-lumping-di-sawah","nik":"1210011505900003"})";

TEST_P(IdentityApi, FieldErrorsNameTheFieldInTheUsersLanguage) {
  auto r = PostJson(port_, "/api/v1/auth/register",
                    R"({"name":"Budi","email":"budi@mail.example","password":"kuda-lumping-di-sawah","nik":"123"})",
                    {{"Accept-Language", "en"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.Header("content-type"), "application/problem+json");
  auto errors = boost::json::parse(r.body).at("errors").as_array();
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].at("field"), "nik");
  EXPECT_EQ(errors[0].at("message"), "NIK must be exactly 16 digits");
  auto id = PostJson(port_, "/api/v1/auth/register", R"({"nik":"123"})");
  bool found = false;
  auto parsed = boost::json::parse(id.body);
  for (const auto& e : parsed.at("errors").as_array()) {
    if (e.at("field") == "nik") {
      found = true;
      EXPECT_EQ(e.at("message"), "NIK harus tepat 16 digit angka");
    }
  }
  EXPECT_TRUE(found);
}

TEST_P(IdentityApi, RegisterVerifyLoginMeLogout) {
  auto reg = PostJson(port_, "/api/v1/auth/register", kBudi);
  ASSERT_EQ(reg.status, 201) << reg.body;
  auto login_early =
      PostJson(port_, "/api/v1/auth/login", R"({"username":"budi@mail.example","password":"kuda-lumping-di-sawah"})");
  EXPECT_EQ(login_early.status, 403);

  auto verify = PostJson(port_, "/api/v1/auth/verify-email",
                         R"({"email":"budi@mail.example","code":")" + CodeFor("budi@mail.example") + R"("})");
  ASSERT_EQ(verify.status, 200) << verify.body;

  auto bad =
      PostJson(port_, "/api/v1/auth/login", R"({"username":"budi@mail.example","password":"bukan-ini-sandinya"})");
  EXPECT_EQ(bad.status, 401);
  auto login =
      PostJson(port_, "/api/v1/auth/login", R"({"username":"1210011505900003","password":"kuda-lumping-di-sawah"})");
  ASSERT_EQ(login.status, 200) << login.body;
  std::string token(boost::json::parse(login.body).at("token").as_string());
  EXPECT_GE(token.size(), 43u);

  auto me = Get(port_, "/api/v1/me", {{"Authorization", "Bearer " + token}});
  ASSERT_EQ(me.status, 200) << me.body;
  auto j = boost::json::parse(me.body);
  EXPECT_EQ(j.at("name"), "Budi Santoso");
  EXPECT_EQ(j.at("kind"), "warga");
  EXPECT_EQ(j.at("nik"), "1210********0003");
  EXPECT_EQ(me.body.find("1210011505900003"), std::string::npos) << "the full NIK never leaves unmasked";

  auto cookie = Get(port_, "/api/v1/me", {{"Cookie", "spbe_session=" + token}});
  EXPECT_EQ(cookie.status, 200);

  auto out = testing::Send(port_, {"POST", "/api/v1/auth/logout", {{"Authorization", "Bearer " + token}}, ""});
  EXPECT_EQ(out.status, 204);
  auto after = Get(port_, "/api/v1/me", {{"Authorization", "Bearer " + token}});
  EXPECT_EQ(after.status, 401);
  EXPECT_EQ(after.Header("www-authenticate"), "Bearer");
}

TEST_P(IdentityApi, AnonymousAndForgedTokensAreUnauthorized) {
  EXPECT_EQ(Get(port_, "/api/v1/me").status, 401);
  EXPECT_EQ(Get(port_, "/api/v1/me", {{"Authorization", "Bearer forged-token-0000000000000000000000000000"}}).status,
            401);
  EXPECT_EQ(testing::Send(port_, {"POST", "/api/v1/auth/logout", {}, ""}).status, 401);
}

INSTANTIATE_TEST_SUITE_P(Engines, IdentityApi, ::testing::ValuesIn(testing::Engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace spbe

namespace spbe {
namespace {

TEST_P(IdentityApi, FormPostsWithoutTheCsrfTokenAreRefused) {
  auto page = Get(port_, "/masuk");
  ASSERT_EQ(page.status, 200);
  auto set_cookie = page.Header("set-cookie");
  ASSERT_TRUE(set_cookie);
  std::string token = set_cookie->substr(10, 32);  // "spbe_csrf=<32 hex>"
  EXPECT_NE(page.body.find("value=\"" + token + "\""), std::string::npos) << "the form repeats the cookie";

  auto forged =
      testing::Send(port_, {"POST",
                            "/masuk",
                            {{"Content-Type", "application/x-www-form-urlencoded"}, {"Cookie", "spbe_csrf=" + token}},
                            "username=a%40b.example&password=x"});
  EXPECT_EQ(forged.status, 403);
  auto wrong =
      testing::Send(port_, {"POST",
                            "/masuk",
                            {{"Content-Type", "application/x-www-form-urlencoded"}, {"Cookie", "spbe_csrf=" + token}},
                            "csrf=00000000000000000000000000000000&username=a%40b.example&password=x"});
  EXPECT_EQ(wrong.status, 403);
  auto good =
      testing::Send(port_, {"POST",
                            "/masuk",
                            {{"Content-Type", "application/x-www-form-urlencoded"}, {"Cookie", "spbe_csrf=" + token}},
                            "csrf=" + token + "&username=a%40b.example&password=salah-sandinya-ini"});
  EXPECT_EQ(good.status, 401) << "with the token the form is processed (and the sign-in refused)";
  EXPECT_NE(good.body.find("class=\"alert alert-error\""), std::string::npos);
}

}  // namespace
}  // namespace spbe

namespace spbe {
namespace {

TEST_P(IdentityApi, ACitizenDownloadsTheirDataAndDeletesTheirUnusedAccount) {
  ASSERT_EQ(PostJson(port_, "/api/v1/auth/register", kBudi).status, 201);
  ASSERT_EQ(PostJson(port_, "/api/v1/auth/verify-email",
                     R"({"email":"budi@mail.example","code":")" + CodeFor("budi@mail.example") + R"("})")
                .status,
            200);
  auto login =
      PostJson(port_, "/api/v1/auth/login", R"({"username":"budi@mail.example","password":"kuda-lumping-di-sawah"})");
  std::string token(boost::json::parse(login.body).at("token").as_string());

  auto exported = Get(port_, "/api/v1/me/export", {{"Authorization", "Bearer " + token}});
  ASSERT_EQ(exported.status, 200);
  EXPECT_NE(exported.Header("content-disposition")->find("attachment"), std::string::npos);
  auto data = boost::json::parse(exported.body);
  EXPECT_EQ(data.at("account").at("nik"), "1210011505900003") << "their own NIK, in clear";
  EXPECT_EQ(data.at("account").at("phone"), "+6281234567890");
  EXPECT_GE(data.at("history").as_array().size(), 3u);   // registered, verified, signed in
  EXPECT_EQ(data.at("messages").as_array().size(), 1u);  // the verification e-mail

  auto deleted = testing::Send(port_, {"DELETE", "/api/v1/me", {{"Authorization", "Bearer " + token}}, ""});
  EXPECT_EQ(deleted.status, 204);
  EXPECT_EQ(Get(port_, "/api/v1/me", {{"Authorization", "Bearer " + token}}).status, 401);
  auto again =
      PostJson(port_, "/api/v1/auth/login", R"({"username":"budi@mail.example","password":"kuda-lumping-di-sawah"})");
  EXPECT_EQ(again.status, 401);
  EXPECT_EQ(PostJson(port_, "/api/v1/auth/register", kBudi).status, 201) << "the NIK and e-mail are free again";
}

}  // namespace
}  // namespace spbe
