#include "testing/test_env.hpp"

#include <gtest/gtest.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include <cstdlib>
#include <filesystem>

#include "platform/crypto.hpp"
#include "storage/migrations.hpp"

namespace spbe::testing {

std::vector<std::string> Engines() { return {"sqlite", "postgresql"}; }

bool EngineAvailable(const std::string& engine) {
  if (engine != "postgresql") return true;
  const char* pg = std::getenv("SPBE_TEST_PG");
  return pg && *pg;
}

TempDir::TempDir() {
  crypto::InitCrypto();
  path_ = (std::filesystem::temp_directory_path() / ("spbe-test-" + crypto::RandomHex(6))).string();
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

TestDatabase::TestDatabase(const std::string& engine) {
  config.data_dir = dir_.path() + "/data";
  config.bind = "127.0.0.1";
  config.port = 0;
  config.io_threads = 2;
  config.workers = 16;
  config.drain_timeout_s = 5;
  config.log_level = "warn";
  if (engine == "postgresql") {
    pg_admin_dsn_ = std::getenv("SPBE_TEST_PG");
    pg_name_ = "spbe_t_" + crypto::RandomHex(6);
    soci::session admin(soci::postgresql, *storage::PostgresConninfo(pg_admin_dsn_));
    admin << "CREATE DATABASE " + pg_name_;  // name is ours, not input
    auto slash = pg_admin_dsn_.rfind('/');
    auto query = pg_admin_dsn_.find('?', slash);
    config.database_url =
        pg_admin_dsn_.substr(0, slash + 1) + pg_name_ + (query == std::string::npos ? "" : pg_admin_dsn_.substr(query));
  }
}

TestDatabase::~TestDatabase() {
  if (pg_name_.empty()) return;
  try {
    soci::session admin(soci::postgresql, *storage::PostgresConninfo(pg_admin_dsn_));
    admin << "DROP DATABASE IF EXISTS " + pg_name_ + " WITH (FORCE)";
  } catch (const std::exception& e) {
    ADD_FAILURE() << "could not drop test database " << pg_name_ << ": " << e.what();
  }
}

void MigrateOrDie(const Config& config) {
  auto db = app::OpenDatabase(config);
  ASSERT_TRUE(db.ok()) << db.error().detail;
  auto n = app::MigrateAll(**db);
  ASSERT_TRUE(n.ok()) << n.error().detail;
}

TestServer::TestServer(const Config& config, bool migrate) {
  if (migrate) MigrateOrDie(config);
  auto app = app::App::Create(config);
  if (!app.ok()) throw std::runtime_error("server did not start: " + app.error().detail);
  app_ = std::move(*app);
  auto port = app_->Start();
  if (!port.ok()) throw std::runtime_error("server did not listen: " + port.error().detail);
  port_ = *port;
  app_->AwaitFirstSweep();
}

TestServer::~TestServer() {
  app_->Drain();
  app_->Wait();
}

}  // namespace spbe::testing
