#include "ops/api.hpp"

#include <boost/json.hpp>
#include <memory>
#include <mutex>

#include "http/json.hpp"
#include "http/problem.hpp"

namespace spbe::ops {

using http::Request;
using http::Response;

namespace {

constexpr const char* kHealthzDoc = R"json({
  "summary": "Liveness: 200 while the process runs",
  "tags": ["ops"],
  "responses": {"200": {"description": "Alive", "content": {"application/json": {"schema": {"type": "object"}}}}}
})json";

constexpr const char* kMetricsDoc = R"json({
  "summary": "Prometheus metrics (text exposition format)",
  "tags": ["ops"],
  "responses": {"200": {"description": "Metrics", "content": {"text/plain": {"schema": {"type": "string"}}}}}
})json";

constexpr const char* kReadyzDoc = R"json({
  "summary": "Readiness: 200 only when the database answers",
  "tags": ["ops"],
  "responses": {
    "200": {"description": "Ready", "content": {"application/json": {"schema": {"type": "object"}}}},
    "503": {"description": "The database does not answer",
            "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}
  }
})json";

constexpr const char* kOpenApiDoc = R"json({
  "summary": "This OpenAPI 3.1 document",
  "tags": ["ops"],
  "responses": {"200": {"description": "The document", "content": {"application/json": {"schema": {"type": "object"}}}}}
})json";

constexpr const char* kProbeDoc = R"json({
  "summary": "Durable write probe for synthetic monitoring (enabled by ops.write_probe)",
  "description": "Answers only after the row is committed to disk. The same key twice records once.",
  "tags": ["ops"],
  "requestBody": {"required": true, "content": {"application/json": {"schema": {
    "type": "object", "required": ["key"],
    "properties": {"key": {"type": "string", "maxLength": 100}, "payload": {"type": "string", "maxLength": 1000}}}}}},
  "responses": {
    "201": {"description": "Recorded now", "content": {"application/json": {"schema": {"type": "object"}}}},
    "200": {"description": "Recorded earlier under this key", "content": {"application/json": {"schema": {"type": "object"}}}},
    "400": {"description": "Body is not JSON", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
    "422": {"description": "Invalid field", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
    "503": {"description": "Database unavailable", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}
  }
})json";

}  // namespace

void Register(http::Router& router, ApiDeps deps) {
  router.Add("GET", "/healthz", [](Request&) { return Response::Json(200, R"({"status":"ok"})"); },
             {.on_io_thread = true, .openapi = kHealthzDoc});

  router.Add("GET", "/readyz",
             [&service = deps.service](Request& req) {
               if (service.Ready()) return Response::Json(200, R"({"status":"ready"})");
               return http::Problem(
                   req, Error::Of(ErrorCode::kUnavailable,
                                  req.lang == "en" ? "the database does not answer" : "basis data tidak menjawab"));
             },
             {.openapi = kReadyzDoc});

  router.Add("GET", "/metrics",
             [&metrics = deps.metrics](Request&) {
               return Response::Text(200, metrics.Render(), "text/plain; version=0.0.4; charset=utf-8");
             },
             {.on_io_thread = true, .openapi = kMetricsDoc});

  struct Cached {
    std::once_flag once;
    std::string doc;
  };
  auto cached = std::make_shared<Cached>();
  router.Add("GET", "/api/v1/openapi.json",
             [cached, build = deps.openapi](Request&) {
               std::call_once(cached->once, [&] { cached->doc = build(); });
               Response r = Response::Json(200, cached->doc);
               r.Set("Cache-Control", "public, max-age=300");
               return r;
             },
             {.on_io_thread = true, .openapi = kOpenApiDoc});

  if (deps.write_probe) {
    router.Add(
        "POST", "/api/v1/ops/write-probe",
        [&service = deps.service](Request& req) {
          auto body = http::ParseJsonObject(req);
          if (!body.ok()) return http::Problem(req, body.error());
          ProbeInput in{http::StringField(*body, "key").value_or(""), http::StringField(*body, "payload").value_or("")};
          auto rec = service.RecordProbe(in);
          if (!rec.ok()) return http::Problem(req, rec.error());
          boost::json::object o{
              {"id", rec->id}, {"key", rec->key}, {"payload", rec->payload}, {"created_at", rec->created_at}};
          return http::JsonResponse(rec->created ? 201 : 200, o);
        },
        {.openapi = kProbeDoc});
  }
}

}  // namespace spbe::ops
