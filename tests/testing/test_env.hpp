#pragma once
// Test environments on real engines: a fresh SQLite file in a temp dir always, a fresh PostgreSQL database
// (created in the cluster SPBE_TEST_PG names, dropped afterwards) when that variable is set.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "platform/config.hpp"

namespace spbe::testing {

/// Both engines, always, so the list of tests is the same everywhere; PostgreSQL cases skip themselves (see
/// SPBE_SKIP_UNAVAILABLE) when SPBE_TEST_PG names no database. `make test` always provides one.
std::vector<std::string> Engines();
bool EngineAvailable(const std::string& engine);

#define SPBE_SKIP_UNAVAILABLE(engine)                                                       \
  if (!::spbe::testing::EngineAvailable(engine)) {                                          \
    GTEST_SKIP() << "PostgreSQL case: set SPBE_TEST_PG to a database URL (make test does)"; \
  }

/// A new empty directory under the system temp dir; removed by ~TempDir.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

/// A fresh, empty database of the given engine, and a Config pointing at it (port 0, loopback).
class TestDatabase {
 public:
  explicit TestDatabase(const std::string& engine);
  ~TestDatabase();
  Config config;

 private:
  TempDir dir_;
  std::string pg_admin_dsn_, pg_name_;
};

/// The real server, migrated and started on a free loopback port; drained on destruction.
class TestServer {
 public:
  explicit TestServer(const Config& config, bool migrate = true);
  ~TestServer();
  int port() const { return port_; }
  app::App& app() { return *app_; }

 private:
  std::unique_ptr<app::App> app_;
  int port_ = 0;
};

/// Migrates the database the config names; fails the test on error.
void MigrateOrDie(const Config& config);

}  // namespace spbe::testing
