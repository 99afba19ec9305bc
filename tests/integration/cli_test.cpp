// The spbe command line as an operator uses it: subcommands, help, configuration errors, schema checks, signals.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <filesystem>

#include <soci/soci.h>

#include <cstdlib>

#include "app/app.hpp"
#include "interop/store.hpp"
#include "testing/http_client.hpp"
#include "testing/process.hpp"
#include "testing/test_env.hpp"

namespace spbe {
namespace {

TEST(Cli, HelpExplainsEveryCommandAndSetting) {
  std::string out;
  EXPECT_EQ(testing::RunSpbe({"--help"}, &out), 0);
  for (const char* word : {"serve", "migrate", "seed-demo", "config", "version", "--data-dir", "--database", "--port",
                           "--config", "SPBE_PORT"}) {
    EXPECT_NE(out.find(word), std::string::npos) << word << " missing from:\n" << out;
  }
  EXPECT_EQ(testing::RunSpbe({"serve", "--help"}, &out), 0);
  EXPECT_NE(out.find("SIGTERM"), std::string::npos) << out;
}

TEST(Cli, VersionPrintsTheVersion) {
  std::string out;
  EXPECT_EQ(testing::RunSpbe({"version"}, &out), 0);
  EXPECT_EQ(out.rfind("spbe ", 0), 0u) << out;
}

TEST(Cli, ABadSettingStopsTheStartNamingIt) {
  testing::TempDir dir;
  std::string out;
  EXPECT_EQ(testing::RunSpbe({"serve", "--data-dir", dir.path(), "--port", "99999"}, &out), 1);
  EXPECT_NE(out.find("server.port"), std::string::npos) << out;
  EXPECT_NE(out.find("--port"), std::string::npos) << out;

  ::setenv("SPBE_LOG_LEVEL", "loud", 1);
  EXPECT_EQ(testing::RunSpbe({"config", "check", "--data-dir", dir.path()}, &out), 1);
  ::unsetenv("SPBE_LOG_LEVEL");
  EXPECT_NE(out.find("SPBE_LOG_LEVEL"), std::string::npos) << out;
}

TEST(Cli, ConfigFileIsReadAndChecked) {
  testing::TempDir dir;
  std::string file = dir.path() + "/spbe.toml";
  FILE* f = std::fopen(file.c_str(), "w");
  std::fprintf(f, "data_dir = \"%s/data\"\n[server]\nport = 8123\n", dir.path().c_str());
  std::fclose(f);
  std::string out;
  EXPECT_EQ(testing::RunSpbe({"migrate", "--config", file}, &out), 0) << out;
  EXPECT_EQ(testing::RunSpbe({"config", "check", "--config", file}, &out), 0) << out;
  EXPECT_NE(out.find("server.port = 8123"), std::string::npos) << out;
  EXPECT_NE(out.find("configuration OK"), std::string::npos) << out;
}

TEST(Cli, ServeRefusesAnUnmigratedDatabaseAndSaysWhatToDo) {
  testing::TempDir dir;
  std::string out;
  EXPECT_EQ(testing::RunSpbe({"serve", "--data-dir", dir.path() + "/data", "--port", "0"}, &out), 1);
  EXPECT_NE(out.find("spbe migrate"), std::string::npos) << out;
}

TEST(Cli, MigrateAndSeedDemoAreSafeToRepeat) {
  testing::TempDir dir;
  std::string data = dir.path() + "/data";
  std::string out;
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ(testing::RunSpbe({"migrate", "--data-dir", data}, &out), 0) << out;
    EXPECT_EQ(testing::RunSpbe({"seed-demo", "--data-dir", data}, &out), 0) << out;
  }
  EXPECT_NE(out.find("demo content seeded"), std::string::npos);
}

TEST(Cli, TheCertificateAuthorityIsMadeOnceAndAgencyKeysGetCertificatesFromIt) {
  testing::TempDir dir;
  std::string data = dir.path() + "/data";
  std::string out, again;
  ASSERT_EQ(testing::RunSpbe({"migrate", "--data-dir", data}, &out), 0) << out;
  ASSERT_EQ(testing::RunSpbe({"ca", "init", "--data-dir", data}, &out), 0) << out;
  EXPECT_NE(out.find("SPBE Terpadu Root CA"), std::string::npos) << out;
  EXPECT_NE(out.find("-----BEGIN CERTIFICATE-----"), std::string::npos) << out;
  ASSERT_EQ(testing::RunSpbe({"ca", "init", "--data-dir", data}, &again), 0) << again;
  EXPECT_EQ(out, again) << "a second init keeps the first root";
  ASSERT_EQ(testing::RunSpbe({"seed-demo", "--data-dir", data}, &out), 0) << out;
  ASSERT_EQ(testing::RunSpbe({"keys", "generate", "--node", "2", "--data-dir", data}, &out), 0) << out;
  EXPECT_NE(out.find("certificate: "), std::string::npos) << out;
  EXPECT_NE(out.find("SHA-256 "), std::string::npos) << out;
}

TEST(Cli, SigtermDrainsAndExitsCleanly) {
  testing::TempDir dir;
  std::string data = dir.path() + "/data";
  ASSERT_EQ(testing::RunSpbe({"migrate", "--data-dir", data}), 0);
  testing::ChildServer server({"--data-dir", data, "--port", "0", "--bind", "127.0.0.1"});
  int port = server.port();
  EXPECT_EQ(testing::Get(port, "/healthz").status, 200);
  testing::RawConnection idle(port);  // a kept-alive client must not hold the shutdown up
  int status = server.Signal(SIGTERM);
  EXPECT_TRUE(WIFEXITED(status)) << "killed by a signal instead of exiting";
  EXPECT_EQ(WEXITSTATUS(status), 0);
  EXPECT_TRUE(idle.ClosedByPeer());
  EXPECT_THROW(testing::Get(port, "/healthz"), std::runtime_error);
}

}  // namespace
}  // namespace spbe

namespace spbe {
namespace {

TEST(Cli, AuditVerifyNamesTheFirstEditedEntry) {
  testing::TempDir dir;
  std::string data = dir.path() + "/data";
  std::string out;
  ASSERT_EQ(testing::RunSpbe({"migrate", "--data-dir", data}), 0);
  ASSERT_EQ(testing::RunSpbe({"seed-demo", "--data-dir", data}), 0);
  EXPECT_EQ(testing::RunSpbe({"audit", "verify", "--data-dir", data}, &out), 0) << out;
  EXPECT_NE(out.find("intact"), std::string::npos) << out;
  {
    Config config;
    config.data_dir = data;
    auto db = app::OpenDatabase(config);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE((*db)
                    ->Write([](soci::session& s) -> Status {
                      s << "UPDATE audit_log SET object_id = 'forged' WHERE id = 1";
                      return Ok{};
                    })
                    .ok());
  }
  EXPECT_EQ(testing::RunSpbe({"audit", "verify", "--data-dir", data}, &out), 1);
  EXPECT_NE(out.find("entry 1"), std::string::npos) << out;
}

TEST(Cli, SsoRotateKeysRetiresTheOldKeysButKeepsThemPublished) {
  testing::TempDir dir;
  std::string data = dir.path() + "/data";
  std::string out;
  ASSERT_EQ(testing::RunSpbe({"migrate", "--data-dir", data}), 0);
  // Run against a data directory no server ever used (a mistyped --data-dir): no new personal-data key is made to seal
  // signing keys the server could never open.
  EXPECT_EQ(testing::RunSpbe({"sso", "rotate-keys", "--data-dir", data}, &out), 1) << out;
  EXPECT_NE(out.find("no personal-data key"), std::string::npos) << out;
  EXPECT_FALSE(std::filesystem::exists(data + "/keys/pii.key"));
  ASSERT_EQ(testing::RunSpbe({"seed-demo", "--data-dir", data}), 0);
  ASSERT_EQ(testing::RunSpbe({"sso", "rotate-keys", "--data-dir", data}, &out), 0) << out;
  ASSERT_EQ(testing::RunSpbe({"sso", "rotate-keys", "--data-dir", data}, &out), 0) << out;
  EXPECT_NE(out.find("rotated"), std::string::npos) << out;
  Config config;
  config.data_dir = data;
  auto db = app::OpenDatabase(config);
  ASSERT_TRUE(db.ok());
  auto counts = (*db)->Read([](soci::session& s) {
    long long live = 0, retired = 0;
    s << "SELECT COUNT(*) FROM sso_keys WHERE retired_at IS NULL", soci::into(live);
    s << "SELECT COUNT(*) FROM sso_keys WHERE retired_at IS NOT NULL AND publish_until > retired_at",
        soci::into(retired);
    return std::make_pair(live, retired);
  });
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->first, 2) << "one RS256 and one EdDSA key sign";
  EXPECT_EQ(counts->second, 2) << "the first pair is retired but still published";
}

TEST(Cli, InteropVerifyLogNamesAnEditedEntryAndARemovedTail) {
  testing::TempDir dir;
  std::string data = dir.path() + "/data";
  std::string out;
  ASSERT_EQ(testing::RunSpbe({"migrate", "--data-dir", data}), 0);
  Config config;
  config.data_dir = data;
  auto append = [&config](int n) {
    auto db = app::OpenDatabase(config);
    ASSERT_TRUE(db.ok());
    auto store = interop::MakeSqlInteropStore();
    for (int i = 0; i < n; ++i) {
      ASSERT_TRUE((*db)
                      ->Write([&](soci::session& s) -> Status {
                        interop::LogRow e;
                        e.request_id = "r" + std::to_string(i);
                        e.at = "2026-12-02T10:00:0" + std::to_string(i) + "Z";
                        e.client_system_id = 1;
                        e.service_id = 1;
                        e.method = "GET";
                        e.path = "/x";
                        e.status = 200;
                        e.outcome = "answered";
                        store->AppendLog(s, e);
                        return Ok{};
                      })
                      .ok());
    }
  };
  append(3);
  EXPECT_EQ(testing::RunSpbe({"interop", "verify-log", "--data-dir", data}, &out), 0) << out;
  EXPECT_NE(out.find("intact: 3 entries"), std::string::npos) << out;
  auto edit = [&config](const char* sql) {
    auto db = app::OpenDatabase(config);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE((*db)
                    ->Write([sql](soci::session& s) -> Status {
                      s << sql;
                      return Ok{};
                    })
                    .ok());
  };
  edit("DELETE FROM interop_log WHERE id = 3");
  EXPECT_EQ(testing::RunSpbe({"interop", "verify-log", "--data-dir", data}, &out), 1) << out;
  EXPECT_NE(out.find("removed"), std::string::npos) << out;
  edit("UPDATE interop_log SET status = 500 WHERE id = 2");
  EXPECT_EQ(testing::RunSpbe({"interop", "verify-log", "--data-dir", data}, &out), 1) << out;
  EXPECT_NE(out.find("entry 2"), std::string::npos) << out;
}

}  // namespace
}  // namespace spbe

namespace spbe {
namespace {

TEST(Cli, DemoDataIsServedOnlyWithDemoAndItsAccountsSignIn) {
  testing::TempDir dir;
  std::string data = dir.path() + "/data";
  std::string out;
  ASSERT_EQ(testing::RunSpbe({"migrate", "--data-dir", data}), 0);
  ASSERT_EQ(testing::RunSpbe({"seed-demo", "--data-dir", data}, &out), 0) << out;
  EXPECT_EQ(testing::RunSpbe({"serve", "--data-dir", data, "--port", "0"}, &out), 1);
  EXPECT_NE(out.find("--demo"), std::string::npos) << out;

  testing::ChildServer server({"--data-dir", data, "--port", "0", "--bind", "127.0.0.1", "--demo"});
  for (const char* user : {"kepala.dpmptsp@demo.go.id", "admin@demo.go.id", "warga1@demo.id", "usaha1@demo.id",
                           "loket.disdukcapil@demo.go.id", "admin_instansi.inspektorat@demo.go.id"}) {
    auto login = testing::PostJson(server.port(), "/api/v1/auth/login",
                                   std::string(R"({"username":")") + user + R"(","password":"demo-spbe-2026"})");
    ASSERT_EQ(login.status, 200) << user << ": " << login.body;
  }
  auto login = testing::PostJson(server.port(), "/api/v1/auth/login",
                                 R"({"username":"kepala.dpmptsp@demo.go.id","password":"demo-spbe-2026"})");
  std::string token = login.body.substr(login.body.find("\"token\":\"") + 9);
  token = token.substr(0, token.find('"'));
  auto me = testing::Get(server.port(), "/api/v1/me", {{"Authorization", "Bearer " + token}});
  EXPECT_NE(me.body.find("\"role\":\"kepala\""), std::string::npos) << me.body;
  EXPECT_NE(me.body.find("Dinas Penanaman Modal"), std::string::npos) << me.body;
}

}  // namespace
}  // namespace spbe
