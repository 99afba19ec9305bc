// The real server (the same composition as `spbe serve`) on a free loopback port, spoken to over HTTP, on each engine.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <set>

#include "platform/compress.hpp"
#include "testing/http_client.hpp"
#include "testing/test_env.hpp"

namespace spbe {
namespace {

using testing::Get;
using testing::PostJson;

class Server : public ::testing::TestWithParam<std::string> {
 protected:
  void Start(std::function<void(Config&)> tweak = {}) {
    db_ = std::make_unique<testing::TestDatabase>(GetParam());
    db_->config.write_probe = true;
    if (tweak) tweak(db_->config);
    server_ = std::make_unique<testing::TestServer>(db_->config);
    port_ = server_->port();
  }
  void SetUp() override {
    SPBE_SKIP_UNAVAILABLE(GetParam());
    Start();
  }

  std::unique_ptr<testing::TestDatabase> db_;
  std::unique_ptr<testing::TestServer> server_;
  int port_ = 0;
};

TEST_P(Server, HealthAndReadiness) {
  auto h = Get(port_, "/healthz");
  EXPECT_EQ(h.status, 200);
  EXPECT_EQ(h.body, R"({"status":"ok"})");
  auto r = Get(port_, "/readyz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.Header("content-type"), "application/json");
}

TEST_P(Server, EchoesOrAssignsARequestId) {
  auto r = Get(port_, "/healthz", {{"X-Request-Id", "probe-123"}});
  EXPECT_EQ(r.Header("x-request-id"), "probe-123");
  auto a = Get(port_, "/healthz");
  auto b = Get(port_, "/healthz");
  ASSERT_TRUE(a.Header("x-request-id") && b.Header("x-request-id"));
  EXPECT_NE(*a.Header("x-request-id"), *b.Header("x-request-id"));
}

TEST_P(Server, SecurityHeadersOnPagesApiAndErrors) {
  for (const char* target : {"/", "/healthz", "/api/v1/nothing", "/nothing"}) {
    auto r = Get(port_, target);
    auto csp = r.Header("content-security-policy");
    ASSERT_TRUE(csp) << target;
    EXPECT_NE(csp->find("frame-ancestors 'none'"), std::string::npos) << target;
    EXPECT_EQ(r.Header("x-content-type-options"), "nosniff") << target;
    EXPECT_TRUE(r.Header("referrer-policy")) << target;
  }
}

TEST_P(Server, HomePageInIndonesianByDefaultEnglishOnRequest) {
  auto id = Get(port_, "/");
  EXPECT_EQ(id.status, 200);
  EXPECT_EQ(id.Header("content-type"), "text/html; charset=utf-8");
  EXPECT_NE(id.body.find("<html lang=\"id\">"), std::string::npos);
  EXPECT_NE(id.body.find("Semua layanan pemerintah, satu portal"), std::string::npos);
  EXPECT_NE(id.body.find("hreflang=\"en\""), std::string::npos);

  auto en = Get(port_, "/?lang=en");
  EXPECT_NE(en.body.find("<html lang=\"en\">"), std::string::npos);
  EXPECT_NE(en.body.find("Every government service, one portal"), std::string::npos);
  bool lang_cookie = false;  // beside the form's CSRF cookie: every Set-Cookie reaches the browser
  for (const auto& [name, value] : en.headers) lang_cookie |= name == "set-cookie" && value.rfind("lang=en;", 0) == 0;
  EXPECT_TRUE(lang_cookie);

  auto by_cookie = Get(port_, "/", {{"Cookie", "lang=en"}});
  EXPECT_NE(by_cookie.body.find("<html lang=\"en\">"), std::string::npos);
  auto by_header = Get(port_, "/", {{"Accept-Language", "en-GB,en;q=0.9"}});
  EXPECT_NE(by_header.body.find("<html lang=\"en\">"), std::string::npos);
}

TEST_P(Server, PagesAreGzippedForClientsThatAccept) {
  auto r = Get(port_, "/", {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(r.Header("content-encoding"), "gzip");
  EXPECT_NE(Gunzip(r.body).find("</html>"), std::string::npos);
}

TEST_P(Server, StaticAssetsCacheAndRevalidate) {
  auto home = Get(port_, "/");
  auto pos = home.body.find("/static/css/app.css?v=");
  ASSERT_NE(pos, std::string::npos);
  std::string url = home.body.substr(pos, home.body.find('"', pos) - pos);
  auto css = Get(port_, url, {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(css.status, 200);
  EXPECT_EQ(css.Header("content-type"), "text/css; charset=utf-8");
  EXPECT_EQ(css.Header("cache-control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(css.Header("content-encoding"), "gzip");
  auto etag = css.Header("etag");
  ASSERT_TRUE(etag);
  auto again = Get(port_, url, {{"If-None-Match", *etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(Get(port_, "/static/css/none.css").status, 404);
}

TEST_P(Server, UnknownApiPathIsAProblemAndUnknownPageIsAPage) {
  auto api = Get(port_, "/api/v1/nothing", {{"Accept-Language", "en"}});
  EXPECT_EQ(api.status, 404);
  EXPECT_EQ(api.Header("content-type"), "application/problem+json");
  auto j = boost::json::parse(api.body).as_object();
  EXPECT_EQ(j["status"], 404);
  EXPECT_EQ(j["title"], "Not found");
  EXPECT_EQ(j["request_id"].as_string(), *api.Header("x-request-id"));

  auto page = Get(port_, "/tidak-ada");
  EXPECT_EQ(page.status, 404);
  EXPECT_EQ(page.Header("content-type"), "text/html; charset=utf-8");
  EXPECT_NE(page.body.find("Halaman tidak ditemukan"), std::string::npos);
}

TEST_P(Server, WrongMethodIs405WithAllow) {
  auto r = testing::Send(port_, {"DELETE", "/healthz", {}, ""});
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.Header("allow"), "GET");
}

TEST_P(Server, HeadAnswersHeadersOnly) {
  testing::RawConnection c(port_);
  c.Write("HEAD /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  auto head = c.ReadResponse();
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200);
  // The client must not expect a body after HEAD; reading on shows the next response starts right away.
  EXPECT_EQ(head->Header("content-length"), "15");
}

TEST_P(Server, KeepAliveServesManyRequestsOnOneConnection) {
  testing::RawConnection c(port_);
  for (int i = 0; i < 5; ++i) {
    c.Write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    auto r = c.ReadResponse();
    ASSERT_TRUE(r) << i;
    EXPECT_EQ(r->status, 200);
  }
}

TEST_P(Server, MetricsCountRequestsByRouteAndStatus) {
  Get(port_, "/healthz");
  Get(port_, "/api/v1/nothing");
  auto m = Get(port_, "/metrics");
  EXPECT_EQ(m.status, 200);
  EXPECT_NE(m.body.find("spbe_http_requests_total{route=\"/healthz\",status=\"200\"} 1"), std::string::npos) << m.body;
  EXPECT_NE(m.body.find("spbe_http_requests_total{route=\"(unmatched)\",status=\"404\"} 1"), std::string::npos);
  EXPECT_NE(m.body.find("spbe_http_request_duration_seconds_bucket{route=\"/healthz\",le=\"+Inf\"} 1"),
            std::string::npos);
  for (const char* g : {"spbe_db_pool_size", "spbe_db_pool_in_use", "spbe_db_write_queue", "spbe_worker_queue"}) {
    EXPECT_NE(m.body.find(std::string("# TYPE ") + g + " gauge"), std::string::npos) << g;
  }
}

TEST_P(Server, WriteProbeIsDurableAndIdempotentWithFieldErrors) {
  auto created = PostJson(port_, "/api/v1/ops/write-probe", R"({"key":"mon-1","payload":"x"})");
  EXPECT_EQ(created.status, 201) << created.body;
  auto again = PostJson(port_, "/api/v1/ops/write-probe", R"({"key":"mon-1","payload":"y"})");
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(boost::json::parse(again.body).at("id"), boost::json::parse(created.body).at("id"));

  auto bad = PostJson(port_, "/api/v1/ops/write-probe", R"({"key":"no spaces"})", {{"Accept-Language", "en"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.Header("content-type"), "application/problem+json");
  EXPECT_EQ(boost::json::parse(bad.body).at("errors").at(0).at("field"), "key");

  auto not_json = PostJson(port_, "/api/v1/ops/write-probe", "{oops");
  EXPECT_EQ(not_json.status, 400);
  EXPECT_NE(boost::json::parse(not_json.body).at("detail").as_string().find("JSON"), std::string::npos);
}

TEST_P(Server, OpenApiDescribesEveryApiRouteAndEveryDocumentedCallAnswersAsDocumented) {
  auto r = Get(port_, "/api/v1/openapi.json");
  ASSERT_EQ(r.status, 200);
  auto doc = boost::json::parse(r.body).as_object();
  EXPECT_EQ(doc["openapi"], "3.1.0");
  const auto& paths = doc["paths"].as_object();
  std::set<std::string> documented;
  for (const auto& [path, item] : paths) {
    for (const auto& [method, op] : item.as_object()) {
      documented.insert(std::string(method) + " " + std::string(path));
      ASSERT_TRUE(op.as_object().contains("responses")) << path;
      if (method != "get" || std::string(path).find('{') != std::string::npos) continue;
      // Every parameterless GET answers with a status its description lists.
      auto answer = Get(port_, std::string(path));
      EXPECT_TRUE(op.as_object().at("responses").as_object().contains(std::to_string(answer.status)))
          << path << " answered " << answer.status;
    }
  }
  // Every /api route the server has is documented (the router refuses undocumented ones; this proves the
  // served document carries them all).
  for (const char* expected :
       {"get /api/v1/openapi.json", "post /api/v1/ops/write-probe", "get /healthz", "get /readyz", "get /metrics"}) {
    EXPECT_TRUE(documented.count(expected)) << expected;
  }
  auto probe = PostJson(port_, "/api/v1/ops/write-probe", R"({"key":"doc"})");
  EXPECT_TRUE(paths.at("/api/v1/ops/write-probe")
                  .at("post")
                  .at("responses")
                  .as_object()
                  .contains(std::to_string(probe.status)));
}

TEST_P(Server, BodyOverTheLimitIs413AndNothingIsWritten) {
  server_.reset();
  Start([](Config& c) { c.body_limit = 1024; });
  std::string big = R"({"key":"big","payload":")" + std::string(4000, 'x') + "\"}";
  auto r = PostJson(port_, "/api/v1/ops/write-probe", big);
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(r.Header("content-type"), "application/problem+json");
  auto small = PostJson(port_, "/api/v1/ops/write-probe", R"({"key":"big"})");
  EXPECT_EQ(small.status, 201);  // "big" was never recorded
}

TEST_P(Server, MalformedRequestIs400AndClosed) {
  testing::RawConnection c(port_);
  c.Write("BLAH\r\n\r\n");
  auto r = c.ReadResponse();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_TRUE(c.ClosedByPeer());
}

TEST_P(Server, OversizedHeadersAre431) {
  testing::RawConnection c(port_);
  c.Write("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'a') + "\r\n\r\n");
  auto r = c.ReadResponse();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 431);
}

TEST_P(Server, SlowHeadersAndIdleConnectionsAreClosed) {
  server_.reset();
  Start([](Config& c) {
    c.header_timeout_s = 1;
    c.idle_timeout_s = 1;
  });
  testing::RawConnection slow(port_);
  slow.Write("GET /healthz HTTP/1.1\r\nHost: x\r\n");  // never finishes the headers
  EXPECT_TRUE(slow.ClosedByPeer(30000));
  testing::RawConnection idle(port_);
  EXPECT_TRUE(idle.ClosedByPeer(30000));
}

TEST_P(Server, RefusesToStartOnASchemaItDoesNotKnow) {
  server_.reset();
  testing::TestDatabase fresh(GetParam());
  EXPECT_THROW(testing::TestServer(fresh.config, /*migrate=*/false), std::runtime_error);
}

INSTANTIATE_TEST_SUITE_P(Engines, Server, ::testing::ValuesIn(testing::Engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace spbe
