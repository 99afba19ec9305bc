// The HTTP server's guarantees, with handlers written for the test: a handler's exception becomes a 500 carrying the
// request id, blocking handlers never stall the network threads, and a drain lets in-flight requests finish while
// refusing new connections.
#include <gtest/gtest.h>

#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <future>
#include <thread>

#include "http/middleware.hpp"
#include "http/server.hpp"
#include "platform/crypto.hpp"
#include "testing/http_client.hpp"

namespace spbe::http {
namespace {

using namespace std::chrono_literals;

struct Harness {
  Router router;
  std::unique_ptr<Server> server;
  int port = 0;
  std::atomic<int> slow_started{0};
  // /slow blocks, as a database call would, until the test releases it (or a minute passes): what the test checks
  // happens while it is blocked, however slow the machine.
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();

  explicit Harness(int io_threads = 1) {
    crypto::InitCrypto();
    // A router of test routes, not the platform's API: its answers are not held to the OpenAPI document.
    testing::RecordApiAnswers(false);
    router.Use(RequestId());
    router.Add("GET", "/boom", [](Request&) -> Response { throw std::runtime_error("secret internal detail"); });
    router.Add("GET", "/api/v1/boom", [](Request&) -> Response { throw std::runtime_error("secret internal detail"); },
               {.openapi = R"({"responses":{"500":{"description":"x"}}})"});
    router.Add("GET", "/slow", [this](Request&) {
      ++slow_started;
      released.wait_for(60s);
      return Response::Text(200, "slow done");
    });
    router.Add("GET", "/fast", [](Request&) { return Response::Text(200, "fast"); }, {.on_io_thread = true});
    ServerOptions o;
    o.io_threads = io_threads;
    o.workers = 8;
    o.drain_timeout_s = 10;
    server = std::make_unique<Server>(o, router);
    auto p = server->Start();
    if (!p.ok()) throw std::runtime_error(p.error().detail);
    port = *p;
  }
  ~Harness() {
    Release();
    server->Drain();
    server->Wait();
  }
  void WaitForSlowStart(int n) {
    auto deadline = std::chrono::steady_clock::now() + 60s;
    while (slow_started < n && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(10ms);
    ASSERT_GE(slow_started, n) << "the slow handler did not start within a minute";
  }
  void Release() {
    if (!released_) release.set_value();
    released_ = true;
  }
  bool released_ = false;
};

TEST(ServerBehaviour, HandlerExceptionIs500WithRequestIdAndNoDetail) {
  Harness h;
  auto r = testing::Get(h.port, "/api/v1/boom", {{"X-Request-Id", "trace-9"}});
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.Header("content-type"), "application/problem+json");
  EXPECT_EQ(boost::json::parse(r.body).at("request_id"), "trace-9");
  EXPECT_EQ(r.body.find("secret"), std::string::npos);
  // The process is alive and serving.
  EXPECT_EQ(testing::Get(h.port, "/fast").status, 200);
  EXPECT_EQ(testing::Get(h.port, "/boom").status, 500);
}

TEST(ServerBehaviour, BlockingHandlersDoNotStallTheNetworkThread) {
  Harness h(/*io_threads=*/1);
  auto slow = std::async(std::launch::async, [&] { return testing::Get(h.port, "/slow"); });
  h.WaitForSlowStart(1);
  auto fast = testing::Get(h.port, "/fast");
  EXPECT_EQ(fast.status, 200);
  // With the one network thread free, /fast is answered while /slow is still blocked on a worker.
  EXPECT_EQ(slow.wait_for(0ms), std::future_status::timeout) << "the slow request was not held";
  h.Release();
  EXPECT_EQ(slow.get().body, "slow done");
}

TEST(ServerBehaviour, DrainFinishesInFlightRequestsAndRefusesNewConnections) {
  Harness h;
  auto in_flight = std::async(std::launch::async, [&] { return testing::Get(h.port, "/slow"); });
  h.WaitForSlowStart(1);
  testing::RawConnection idle(h.port);  // an idle keep-alive connection must not hold the drain up
  h.server->Drain();
  // The listener closes soon after the drain starts; until then a connection may still be accepted.
  bool refused = false;
  for (auto deadline = std::chrono::steady_clock::now() + 30s; !refused && std::chrono::steady_clock::now() < deadline;
       std::this_thread::sleep_for(20ms)) {
    try {
      testing::Get(h.port, "/fast");
    } catch (const std::runtime_error&) {
      refused = true;
    }
  }
  EXPECT_TRUE(refused) << "new connections were still accepted 30 s into the drain";
  EXPECT_EQ(in_flight.wait_for(0ms), std::future_status::timeout) << "the in-flight request was not held";
  h.Release();
  auto r = in_flight.get();
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "slow done");
  EXPECT_TRUE(idle.ClosedByPeer(30000));
  h.server->Wait();
}

}  // namespace
}  // namespace spbe::http
