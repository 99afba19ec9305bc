#include "ops/api.hpp"

#include <boost/json.hpp>
#include <memory>
#include <mutex>

#include "http/json.hpp"
#include "http/operation.hpp"
#include "http/problem.hpp"
#include "platform/i18n.hpp"

namespace spbe::ops {

using http::Request;
using http::Response;
using http::RouteOptions;

namespace {

struct Status {
  std::string status;
  static boost::json::object Notes() { return {{"status", {{"enum", {"ok", "ready"}}}}}; }
};
BOOST_DESCRIBE_STRUCT(Status, (), (status))

struct ProbeBody {
  std::string key;
  std::optional<std::string> payload;
  static boost::json::object Notes() {
    return {{"key", {{"maxLength", 100}, {"minLength", 1}}}, {"payload", {{"maxLength", 1000}}}};
  }
};
BOOST_DESCRIBE_STRUCT(ProbeBody, (), (key, payload))

struct ProbeAnswer {
  std::int64_t id = 0;
  std::string key;
  std::string payload;
  std::string created_at;
  static boost::json::object Notes() { return {{"created_at", {{"format", "date-time"}}}}; }
};
BOOST_DESCRIBE_STRUCT(ProbeAnswer, (), (id, key, payload, created_at))

Response Healthz(Request&) { return Response::Json(200, R"({"status":"ok"})"); }

http::Handler Readyz(OpsService& service) {
  return [&service](Request& req) {
    if (service.Ready()) return http::Reply(200, Status{"ready"});
    return http::Problem(req, Error::Of(ErrorCode::kUnavailable, i18n::Tr(req.lang, "ops_database_down")));
  };
}

http::Handler WriteProbe(OpsService& service) {
  return [&service](Request& req) {
    auto in = http::ReadBody<ProbeBody>(req);
    if (!in.ok()) return http::Problem(req, in.error());
    auto rec = service.RecordProbe(ProbeInput{in->key, in->payload.value_or("")});
    if (!rec.ok()) return http::Problem(req, rec.error());
    return http::Reply(rec->created ? 201 : 200, ProbeAnswer{rec->id, rec->key, rec->payload, rec->created_at});
  };
}

http::Handler ApiDocs(const http::Views& views, const std::string& script) {
  return [&views, script](Request& req) {
    Response r = views.Page(req, 200, "ops/api_docs", {{"spec_url", "/api/v1/openapi.json"}, {"script", script}},
                            "api_docs_title");
    // Redoc styles its panels inline and runs its search in a worker made from a blob.
    r.Set("Content-Security-Policy",
          "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
          "worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; "
          "frame-ancestors 'none'");
    return r;
  };
}

}  // namespace

void RegisterApi(http::Router& router, ApiDeps deps) {
  router.DescribeTag("ops", "Health, readiness, metrics and this document.");
  router.Add("GET", "/healthz", Healthz,
             http::Operation("getHealth", "ops", "Liveness: 200 while the process runs")
                 .Public()
                 .Reply<Status>(200, "Alive", Status{"ok"})
                 .Problems({{400, "The request could not be read"}, {503, "The server is shutting down"}})
                 .Options(true));

  router.Add("GET", "/readyz", Readyz(deps.service),
             http::Operation("getReadiness", "ops", "Readiness: 200 only when the database answers")
                 .Public()
                 .Reply<Status>(200, "Ready", Status{"ready"})
                 .Problems({{400, "The request could not be read"}, {503, "The database does not answer"}})
                 .Options());

  router.Add(
      "GET", "/metrics",
      [&metrics = deps.metrics](Request&) {
        return Response::Text(200, metrics.Render(), "text/plain; version=0.0.4; charset=utf-8");
      },
      http::Operation("getMetrics", "ops", "Prometheus metrics (text exposition format)")
          .Public()
          .ReplyContent(200, "Metrics", "text/plain", {{"type", "string"}})
          .Problems({{400, "The request could not be read"}, {503, "The server is shutting down"}})
          .Options(true));

  struct Cached {
    std::once_flag once;
    std::string doc;
  };
  auto cached = std::make_shared<Cached>();
  router.Add(
      "GET", "/api/v1/openapi.json",
      [cached, build = deps.openapi](Request&) {
        std::call_once(cached->once, [&] { cached->doc = build(); });
        Response r = Response::Json(200, cached->doc);
        r.Set("Cache-Control", "public, max-age=300");
        return r;
      },
      http::Operation("getOpenApi", "ops", "This OpenAPI 3.1 document")
          .Public()
          .ReplyContent(200, "The document", "application/json", {{"type", "object"}})
          .Problems({{400, "The request could not be read"}, {503, "The server is shutting down"}})
          .Options(true));

  // The API reference for other systems' developers, rendered in the browser from the document by Redoc (npm redoc,
  // served from this server: no CDN). Without JavaScript the page says where the document is.
  if (deps.views) {
    RouteOptions page{.page = true};
    router.Add("GET", "/api/docs", ApiDocs(*deps.views, deps.redoc_url), page);
  }

  if (deps.write_probe) {
    router.Add("POST", "/api/v1/ops/write-probe", WriteProbe(deps.service),
               http::Operation("recordWriteProbe", "ops",
                               "Durable write probe for synthetic monitoring (enabled by ops.write_probe)")
                   .Describe("Answers only after the row is committed to disk. The same key twice records once.")
                   .Public()
                   .Body<ProbeBody>(ProbeBody{"probe-2026-12-02T10:00Z", "from the monitor"})
                   .Reply<ProbeAnswer>(201, "Recorded now")
                   .Reply<ProbeAnswer>(200, "Recorded earlier under this key")
                   .Problems({{400, "Body is not JSON"}, {422, "Invalid field"}, {503, "Database unavailable"}})
                   .Options());
  }
}

}  // namespace spbe::ops
