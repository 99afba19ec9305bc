// Agency admins manage their own officers (grants, revocation, disabling) and the API keys of other systems, and
// nothing outside their agency; a key authenticates another system until it is revoked.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "app/app.hpp"
#include "demo/seed.hpp"
#include "testing/http_client.hpp"
#include "testing/test_env.hpp"

namespace spbe {
namespace {

using Headers = std::vector<std::pair<std::string, std::string>>;

class OfficersAndKeys : public ::testing::TestWithParam<std::string> {};

TEST_P(OfficersAndKeys, ApiKeysAuthenticateAnotherSystemUntilRevoked) {
  SPBE_SKIP_UNAVAILABLE(GetParam());
  testing::TestDatabase db(GetParam());
  db.config.demo = true;
  testing::MigrateOrDie(db.config);
  {
    auto database = app::OpenDatabase(db.config);
    ASSERT_TRUE(database.ok());
    ASSERT_TRUE(demo::Seed(**database, db.config).ok());
  }
  testing::TestServer server(db.config, /*migrate=*/false);
  int port = server.port();
  auto login = testing::PostJson(port, "/api/v1/auth/login",
                                 R"({"username":"admin_instansi.dpmptsp@demo.go.id","password":"demo-spbe-2026"})");
  Headers admin = {{"Authorization", "Bearer " + std::string(boost::json::parse(login.body).at("token").as_string())}};
  auto me = boost::json::parse(testing::Get(port, "/api/v1/me", admin).body);
  std::int64_t node = me.at("grants").at(0).at("node_id").as_int64();

  auto bad =
      testing::PostJson(port, "/api/v1/api-keys",
                        R"({"node_id":)" + std::to_string(node) + R"(,"name":"","scopes":["everything"]})", admin);
  EXPECT_EQ(bad.status, 422);
  auto issued = testing::PostJson(port, "/api/v1/api-keys",
                                  R"({"node_id":)" + std::to_string(node) +
                                      R"(,"name":"SIMBG Kabupaten","scopes":["applications.read","stats.read"]})",
                                  admin);
  ASSERT_EQ(issued.status, 201) << issued.body;
  auto j = boost::json::parse(issued.body);
  std::string key(j.at("key").as_string());
  EXPECT_EQ(key.rfind("spbe_", 0), 0u);

  auto as_system = testing::Get(port, "/api/v1/me", {{"Authorization", "Bearer " + key}});
  ASSERT_EQ(as_system.status, 200) << as_system.body;
  auto sys = boost::json::parse(as_system.body);
  EXPECT_EQ(sys.at("kind"), "system");
  EXPECT_EQ(sys.at("api_key").at("node_id").as_int64(), node);
  EXPECT_EQ(sys.at("api_key").at("scopes").as_array().size(), 2u);

  auto listed = testing::Get(port, "/api/v1/api-keys?node_id=" + std::to_string(node), admin);
  EXPECT_EQ(listed.body.find(key), std::string::npos) << "the key is never shown again";
  EXPECT_NE(listed.body.find("SIMBG Kabupaten"), std::string::npos);

  std::string forged = key;
  forged.back() = forged.back() == 'A' ? 'B' : 'A';
  EXPECT_EQ(testing::Get(port, "/api/v1/me", {{"Authorization", "Bearer " + forged}}).status, 401);

  auto revoked =
      testing::Send(port, {"DELETE", "/api/v1/api-keys/" + std::to_string(j.at("id").as_int64()), admin, ""});
  EXPECT_EQ(revoked.status, 204);
  EXPECT_EQ(testing::Get(port, "/api/v1/me", {{"Authorization", "Bearer " + key}}).status, 401);
}

TEST_P(OfficersAndKeys, AdminsGrantRevokeAndDisableOfficersOfTheirAgencyOnly) {
  SPBE_SKIP_UNAVAILABLE(GetParam());
  testing::TestDatabase db(GetParam());
  db.config.demo = true;
  testing::MigrateOrDie(db.config);
  {
    auto database = app::OpenDatabase(db.config);
    ASSERT_TRUE(database.ok());
    ASSERT_TRUE(demo::Seed(**database, db.config).ok());
  }
  testing::TestServer server(db.config, /*migrate=*/false);
  int port = server.port();
  auto login = [&](const std::string& user) {
    return testing::PostJson(port, "/api/v1/auth/login",
                             R"({"username":")" + user + R"(","password":"demo-spbe-2026"})");
  };
  auto bearer = [&](const std::string& user) -> Headers {
    auto r = login(user);
    return {{"Authorization", "Bearer " + std::string(boost::json::parse(r.body).at("token").as_string())}};
  };
  Headers admin = bearer("admin_instansi.dpmptsp@demo.go.id");
  Headers loket = bearer("loket.dpmptsp@demo.go.id");
  auto me = boost::json::parse(testing::Get(port, "/api/v1/me", loket).body);
  std::int64_t loket_id = me.at("id").as_int64();
  std::int64_t node = me.at("grants").at(0).at("node_id").as_int64();
  std::string grants_url = "/api/v1/officers/" + std::to_string(loket_id) + "/grants";

  auto added =
      testing::PostJson(port, grants_url, R"({"node_id":)" + std::to_string(node) + R"(,"role":"verifikator"})", admin);
  ASSERT_EQ(added.status, 201) << added.body;
  std::int64_t grant = boost::json::parse(added.body).at("grant_id").as_int64();
  auto roles = testing::Get(port, "/api/v1/me", loket).body;
  EXPECT_NE(roles.find("verifikator"), std::string::npos) << "the new role applies to the open session: " << roles;

  auto again =
      testing::PostJson(port, grants_url, R"({"node_id":)" + std::to_string(node) + R"(,"role":"verifikator"})", admin);
  EXPECT_EQ(again.status, 422);
  EXPECT_NE(again.body.find("\"field\":\"role\""), std::string::npos) << again.body;
  Headers admin_en = admin;
  admin_en.push_back({"Accept-Language", "en"});
  auto kepala =
      testing::PostJson(port, grants_url, R"({"node_id":)" + std::to_string(node) + R"(,"role":"kepala"})", admin_en);
  EXPECT_EQ(kepala.status, 422) << "kepala needs a second factor the officer has not turned on";
  EXPECT_NE(kepala.body.find("two-step"), std::string::npos) << kepala.body;
  auto platform_role = testing::PostJson(
      port, grants_url, R"({"node_id":)" + std::to_string(node) + R"(,"role":"admin_platform"})", admin);
  EXPECT_EQ(platform_role.status, 403) << "an agency admin cannot raise anyone to platform roles";

  // Another agency's admin neither sees nor changes this officer.
  Headers dinkes = bearer("admin_instansi.dinkes@demo.go.id");
  EXPECT_EQ(testing::Send(port, {"DELETE", "/api/v1/grants/" + std::to_string(grant), dinkes, ""}).status, 404);
  EXPECT_EQ(
      testing::Send(port, {"POST", "/api/v1/officers/" + std::to_string(loket_id) + "/disable", dinkes, ""}).status,
      404);

  EXPECT_EQ(testing::Send(port, {"DELETE", "/api/v1/grants/" + std::to_string(grant), admin, ""}).status, 204);
  EXPECT_EQ(testing::Get(port, "/api/v1/me", loket).body.find("verifikator"), std::string::npos);

  // Nobody revokes their own admin role.
  auto admin_me = boost::json::parse(testing::Get(port, "/api/v1/me", admin).body);
  auto officers = boost::json::parse(testing::Get(port, "/api/v1/officers", admin).body);
  std::int64_t own_grant = 0;
  for (const auto& o : officers.as_array()) {
    if (o.at("id") == admin_me.at("id") && o.at("role") == "admin_instansi") own_grant = o.at("grant_id").as_int64();
  }
  ASSERT_GT(own_grant, 0);
  EXPECT_EQ(testing::Send(port, {"DELETE", "/api/v1/grants/" + std::to_string(own_grant), admin, ""}).status, 403);

  // Disabling ends the officer's sessions at once and refuses sign-in; enabling lets them back.
  auto off = testing::Send(port, {"POST", "/api/v1/officers/" + std::to_string(loket_id) + "/disable", admin, ""});
  EXPECT_EQ(off.status, 200) << off.body;
  EXPECT_EQ(testing::Get(port, "/api/v1/me", loket).status, 401);
  EXPECT_EQ(login("loket.dpmptsp@demo.go.id").status, 403);
  auto on = testing::Send(port, {"POST", "/api/v1/officers/" + std::to_string(loket_id) + "/enable", admin, ""});
  EXPECT_EQ(on.status, 200) << on.body;
  EXPECT_EQ(login("loket.dpmptsp@demo.go.id").status, 200);

  auto audit = testing::Get(port, "/api/v1/audit?action=identity.disable", bearer("auditor@demo.go.id"));
  EXPECT_NE(audit.body.find("identity.disable"), std::string::npos) << audit.body;
}

INSTANTIATE_TEST_SUITE_P(Engines, OfficersAndKeys, ::testing::ValuesIn(testing::Engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace spbe
