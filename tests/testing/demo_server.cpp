#include "testing/demo_server.hpp"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <boost/json.hpp>

#include "app/app.hpp"
#include "demo/seed.hpp"

namespace spbe::testing {

namespace json = boost::json;

DemoServer::DemoServer(const std::string& engine, const std::function<void(Config&)>& configure)
    : db_(std::make_unique<TestDatabase>(engine)) {
  db_->config.demo = true;
  MigrateOrDie(db_->config);
  {
    auto database = app::OpenDatabase(db_->config);
    if (!database.ok() || !demo::Seed(**database, db_->config).ok()) {
      ADD_FAILURE() << "the demo could not be seeded";
    }
  }
  if (configure) configure(db_->config);
  server_ = std::make_unique<TestServer>(db_->config, false);
}

DemoServer::~DemoServer() = default;

Headers DemoServer::As(const std::string& user, const std::string& lang) {
  auto r = PostJson(port(), "/api/v1/auth/login",
                    R"({"username":")" + user + R"(","password":")" + app::kDemoPassword + R"("})");
  EXPECT_EQ(r.status, 200) << user << ": " << r.body;
  if (r.status != 200) return {};
  return {{"Authorization", "Bearer " + std::string(json::parse(r.body).at("token").as_string())},
          {"Accept-Language", lang}};
}

std::int64_t DemoServer::NodeOf(const Headers& who) {
  return json::parse(Get(port(), "/api/v1/me", who).body).at("grants").at(0).at("node_id").as_int64();
}

std::string DemoServer::PublishOneStepService(const std::string& slug, const std::string& name) {
  Headers admin = As("admin_instansi.dpmptsp@demo.go.id");
  std::string node = std::to_string(NodeOf(admin));
  std::string def = R"({"name": ")" + name + R"(", "time_limit_days": 5,
      "standard": {"legal_basis": ["Perbup 1/2026"], "output": "Surat Izin Uji", "complaints": "Lapor"},
      "form": {"fields": [{"name": "nama_usaha", "type": "text", "label": "Nama usaha", "required": true},
                          {"name": "alamat", "type": "text", "label": "Alamat", "required": false}]},
      "workflow": {"steps": [{"key": "putus", "name": "Putus", "node_id": )" +
                    node + R"(, "role": "kepala", "actions": ["approve", "reject"], "time_limit_days": 5}]}})";
  auto created =
      PostJson(port(), "/api/v1/services",
               R"({"node_id": )" + node + R"(, "slug": ")" + slug + R"(", "definition": )" + def + "}", admin);
  EXPECT_EQ(created.status, 201) << created.body;
  if (created.status != 201) return "";
  std::string id = std::to_string(json::parse(created.body).at("id").as_int64());
  EXPECT_EQ(Send(port(), {"POST", "/api/v1/services/" + id + "/publish", admin, ""}).status, 200);
  return id;
}

int DemoServer::Count(const std::string& sql) {
  auto n = app().database().Read([&](soci::session& s) {
    long long v = 0;
    s << sql, soci::into(v);
    return static_cast<int>(v);
  });
  EXPECT_TRUE(n.ok()) << sql;
  return n.ok() ? *n : -1;
}

}  // namespace spbe::testing
