// Request targets from anyone against the router's path patterns ({param}, {path*}), as the server matches them.
#include <cstddef>
#include <cstdint>
#include <string>

#include "http/message.hpp"
#include "http/router.hpp"

namespace {

spbe::http::Router& TheRouter() {
  static spbe::http::Router router = [] {
    spbe::http::Router r;
    auto ok = [](spbe::http::Request&) { return spbe::http::Response::Text(200, "ok"); };
    for (const char* p : {"/", "/layanan", "/layanan/{slug}", "/layanan/{slug}/ajukan", "/permohonan/{tn}/berkas/{id}",
                          "/static/{path*}", "/kerja/{tn}", "/verifikasi/{id}", "/laporan/{tn}"}) {
      r.Add("GET", p, ok);
    }
    for (const char* p : {"/api/v1/applications/{tracking_number}", "/api/v1/applications/{tracking_number}/files/{id}",
                          "/api/v1/reports/{number}", "/api/v1/org/nodes/{id}"}) {
      r.Add("GET", p, ok, {.openapi = R"({"responses": {"200": {"description": "ok"}}})"});
    }
    r.Add("POST", "/api/v1/applications/{tracking_number}/actions", ok,
          {.openapi = R"({"responses": {"200": {"description": "ok"}}})"});
    return r;
  }();
  return router;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string input(reinterpret_cast<const char*>(data), size);
  spbe::http::Request req;
  req.target = input;
  if (!req.ParseTarget()) return 0;
  for (const char* method : {"GET", "POST", "DELETE"}) {
    auto m = TheRouter().Find(method, req.path);
    if (m.route) {
      for (const auto& [k, v] : m.params) (void)req.Query(k);
    }
  }
  return 0;
}
