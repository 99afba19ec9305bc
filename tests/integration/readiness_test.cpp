// /readyz follows the database: 503 while PostgreSQL cannot be reached, 200 again once it can, without a restart.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <thread>

#include "testing/http_client.hpp"
#include "testing/tcp_proxy.hpp"
#include "testing/test_env.hpp"
#include "testing/wait.hpp"

namespace spbe {
namespace {

using namespace std::chrono_literals;

int PortOf(const std::string& url) {
  auto at = url.rfind(':');
  return std::stoi(url.substr(at + 1, url.find('/', at) - at - 1));
}

TEST(Readiness, FollowsTheDatabaseAwayAndBack) {
  SPBE_SKIP_UNAVAILABLE("postgresql");
  testing::TestDatabase db("postgresql");
  testing::MigrateOrDie(db.config);
  // Route the server's connections through a proxy the test can cut, like a network partition.
  testing::TcpProxy proxy(PortOf(db.config.database_url));
  Config config = db.config;
  std::string url = config.database_url;
  auto host_port = url.find("127.0.0.1:") + 10;
  config.database_url = url.substr(0, host_port) + std::to_string(proxy.port()) + url.substr(url.find('/', host_port));
  config.db_pool_size = 2;
  testing::TestServer server(config, /*migrate=*/false);

  EXPECT_EQ(testing::Get(server.port(), "/readyz").status, 200);
  proxy.Cut();
  for (int i = 0; i < 3; ++i) {  // every pooled connection is gone, and no new one can be made
    auto r = testing::Get(server.port(), "/readyz", {{"Accept-Language", "en"}});
    EXPECT_EQ(r.status, 503);
    EXPECT_EQ(r.Header("content-type"), "application/problem+json");
    EXPECT_EQ(boost::json::parse(r.body).at("detail"), "the database does not answer");
  }
  EXPECT_EQ(testing::Get(server.port(), "/healthz").status, 200);  // alive, just not ready

  proxy.Restore();
  bool ready = testing::Eventually([&] { return testing::Get(server.port(), "/readyz").status == 200; });
  EXPECT_TRUE(ready) << "the pool did not reconnect within a minute";
  EXPECT_EQ(testing::Get(server.port(), "/").status, 200);
}

}  // namespace
}  // namespace spbe
