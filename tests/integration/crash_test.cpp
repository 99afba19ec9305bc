// Acknowledged means durable: SIGKILL the real server while 64 clients write, restart, and find every write that
// was answered 201 still there. On SQLite, where the group-commit writer answers many requests per fsync.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <soci/soci.h>
#include <atomic>
#include <mutex>
#include <thread>

#include "ops/probe_store.hpp"
#include "storage/migrations.hpp"
#include "testing/http_client.hpp"
#include "testing/process.hpp"
#include "testing/test_env.hpp"
#include "testing/wait.hpp"

namespace spbe {
namespace {

using namespace std::chrono_literals;

TEST(Crash, SigkillWhile64ClientsWriteLosesNoAcknowledgedWrite) {
  testing::TempDir dir;
  std::string data = dir.path() + "/data";
  ASSERT_EQ(testing::RunSpbe({"migrate", "--data-dir", data}), 0);
  std::vector<std::string> args = {"--data-dir", data, "--port", "0", "--bind", "127.0.0.1"};
  ::setenv("SPBE_WRITE_PROBE", "true", 1);
  auto server = std::make_unique<testing::ChildServer>(args);
  int port = server->port();

  constexpr int kClients = 64;
  std::atomic<bool> killed{false};
  std::atomic<long> acked{0};
  std::mutex mu;
  std::vector<std::string> acknowledged;
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      for (int i = 0; !killed; ++i) {
        std::string key = "c" + std::to_string(c) + "-" + std::to_string(i);
        try {
          auto r = testing::PostJson(port, "/api/v1/ops/write-probe", R"({"key":")" + key + R"("})");
          if (r.status == 201) {
            std::lock_guard lock(mu);
            acknowledged.push_back(key);
            ++acked;
          }
        } catch (const std::exception&) {
          // The connection died with the server: this write was never acknowledged.
        }
      }
    });
  }
  // Kill in the middle of the stream, once a good number of writes are through.
  testing::Eventually([&] { return acked >= 2000; });
  int status = server->Signal(SIGKILL);
  killed = true;
  for (auto& t : clients) t.join();
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
  ASSERT_GT(acknowledged.size(), 100u) << "too few writes before the kill to prove anything";

  // Restart the server on the same data: it recovers and serves.
  auto restarted = std::make_unique<testing::ChildServer>(args);
  EXPECT_EQ(testing::Get(restarted->port(), "/readyz").status, 200);
  restarted.reset();
  ::unsetenv("SPBE_WRITE_PROBE");

  Config config;
  config.data_dir = data;
  auto db = app::OpenDatabase(config);
  ASSERT_TRUE(db.ok());
  auto store = ops::MakeSqlProbeStore();
  auto missing = (*db)->Read([&](soci::session& s) {
    std::vector<std::string> out;
    for (const auto& key : acknowledged) {
      if (!store->FindByKey(s, key)) out.push_back(key);
    }
    return out;
  });
  ASSERT_TRUE(missing.ok());
  EXPECT_TRUE(missing->empty()) << missing->size() << " acknowledged writes lost, first " << missing->front();
  std::cout << "[          ] " << acknowledged.size()
            << " writes acknowledged before SIGKILL, all present after restart\n";
}

}  // namespace
}  // namespace spbe
