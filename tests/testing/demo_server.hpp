#pragma once
// The demo deployment served on loopback for integration tests: a fresh database of the engine, migrated and
// seeded (agencies, services, accounts), and the real server started on it. Sign in as any demo account.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "testing/http_client.hpp"
#include "testing/test_env.hpp"

namespace spbe::testing {

using Headers = std::vector<std::pair<std::string, std::string>>;

class DemoServer {
 public:
  /// `configure` may change the configuration (mail relay, gateway ...) before the server starts.
  explicit DemoServer(const std::string& engine, const std::function<void(Config&)>& configure = {});
  ~DemoServer();

  int port() const { return server_->port(); }
  app::App& app() { return server_->app(); }
  const Config& config() const { return db_->config; }

  /// A session of the demo account, with Accept-Language.
  Headers As(const std::string& user, const std::string& lang = "en");
  /// The node of the account's first grant (an admin's agency, say).
  std::int64_t NodeOf(const Headers& who);
  /// A one-step service of DPMPTSP decided by its head, published: {"nama_usaha": text, "alamat": text}.
  /// Returns its id.
  std::string PublishOneStepService(const std::string& slug, const std::string& name);
  /// A number from the database (COUNT(*) and the like).
  int Count(const std::string& sql);

 private:
  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<TestServer> server_;
};

}  // namespace spbe::testing
