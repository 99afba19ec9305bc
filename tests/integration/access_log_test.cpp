// The access log of the real server, read from its standard output: lines are written in batches (one write for many
// requests under load), yet every request gets its one whole line, and an idle server's lines come out at once.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <map>
#include <optional>
#include <thread>

#include "testing/http_client.hpp"
#include "testing/process.hpp"
#include "testing/test_env.hpp"
#include "testing/wait.hpp"

namespace spbe {
namespace {

using namespace std::chrono_literals;

/// Request id -> how many "request" lines name it; `broken` counts lines that are not one JSON object.
struct Lines {
  std::map<std::string, int> requests;
  int broken = 0;
};

Lines Read(const std::string& output) {
  Lines out;
  std::size_t at = 0;
  while (at < output.size()) {
    auto nl = output.find('\n', at);
    if (nl == std::string::npos) break;  // a line still being written
    std::string_view line(output.data() + at, nl - at);
    at = nl + 1;
    boost::system::error_code ec;
    auto v = boost::json::parse(line, ec);
    if (ec || !v.is_object()) {
      ++out.broken;
      continue;
    }
    const auto& o = v.as_object();
    if (o.contains("msg") && o.at("msg") == "request" && o.contains("id")) {
      ++out.requests[std::string(o.at("id").as_string())];
    }
  }
  return out;
}

TEST(AccessLog, EveryRequestHasOneWholeLineAndAnIdleServersLineComesAtOnce) {
  testing::TempDir dir;
  std::string data = dir.path() + "/data";
  ASSERT_EQ(testing::RunSpbe({"migrate", "--data-dir", data}), 0);
  testing::ChildServer server({"--data-dir", data, "--port", "0", "--bind", "127.0.0.1", "--log-level", "info"});

  // Under load: 16 clients at once, each request with an id of its own.
  constexpr int kClients = 16, kEach = 150;
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      for (int i = 0; i < kEach; ++i) {
        auto r = testing::Get(server.port(), "/healthz",
                              {{"X-Request-Id", "load-" + std::to_string(c) + "-" + std::to_string(i)}});
        ASSERT_EQ(r.status, 200);
      }
    });
  }
  for (auto& t : clients) t.join();
  auto loaded = testing::Eventually([&] {
    auto lines = Read(server.Output());
    int load = 0;
    for (const auto& [id, n] : lines.requests) load += id.rfind("load-", 0) == 0 ? n : 0;
    return load == kClients * kEach ? std::optional<Lines>(lines) : std::nullopt;
  });
  ASSERT_TRUE(loaded) << "not every request of the load was logged";
  EXPECT_EQ(loaded->broken, 0);
  for (int c = 0; c < kClients; ++c) {
    for (int i = 0; i < kEach; ++i) {
      EXPECT_EQ(loaded->requests["load-" + std::to_string(c) + "-" + std::to_string(i)], 1);
    }
  }

  // Idle: one request's line is written without waiting for more lines to fill a batch (nor for a one-second
  // flush), well within the time a loaded machine needs.
  ASSERT_EQ(testing::Get(server.port(), "/healthz", {{"X-Request-Id", "alone"}}).status, 200);
  EXPECT_TRUE(testing::Eventually([&] { return Read(server.Output()).requests.count("alone") == 1; }, 5s, 10ms));
}

}  // namespace
}  // namespace spbe
