#include "http/openapi.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <stdexcept>

#include "access/access.hpp"

namespace spbe::http {

std::string OpenApiDocument(const Router& router, const ApiInfo& info) {
  boost::json::object paths;
  for (const auto& r : router.routes()) {
    if (r.options.openapi.empty()) continue;  // pages are not part of the API
    auto op = boost::json::parse(r.options.openapi);
    if (!op.is_object() || !op.as_object().contains("responses")) {
      throw std::logic_error("OpenAPI operation of " + r.method + " " + r.pattern + " lacks \"responses\"");
    }
    // One path item holds every method served on the pattern.
    auto& item = paths[r.pattern];
    if (!item.is_object()) item.emplace_object();
    std::string method = r.method;
    std::transform(method.begin(), method.end(), method.begin(), [](unsigned char c) { return std::tolower(c); });
    if (!r.options.api_key_scope.empty() && !op.as_object().contains("security")) {
      op.as_object()["security"] = boost::json::array{boost::json::object{{"bearerAuth", boost::json::array()}},
                                                      boost::json::object{{"sessionCookie", boost::json::array()}},
                                                      boost::json::object{{"apiKey", {r.options.api_key_scope}}}};
    }
    item.as_object()[method] = std::move(op);
  }
  std::string scopes_text;
  for (const auto& sc : access::Scopes()) {
    scopes_text += "\n- `" + std::string(sc.name) + "`: " + std::string(sc.description);
  }
  boost::json::object security_schemes = {
      {"bearerAuth",
       {{"type", "http"},
        {"scheme", "bearer"},
        {"description", "A person's session token from POST /api/v1/auth/login."}}},
      {"sessionCookie",
       {{"type", "apiKey"},
        {"in", "cookie"},
        {"name", "spbe_session"},
        {"description",
         "The portal's own pages. A call that changes anything must also send the page's CSRF token in the "
         "X-CSRF-Token header and come from the portal's origin (Origin or Referer)."}}},
      {"apiKey",
       {{"type", "http"},
        {"scheme", "bearer"},
        {"bearerFormat", "spbe_<prefix>_<secret>"},
        {"description",
         "Another system's API key, issued by an agency admin (POST /api/v1/api-keys). A key acts only within its "
         "node's subtree and only through its scopes; it never acts as a person. Scopes:" +
             scopes_text}}}};
  boost::json::object problem_schema = {
      {"type", "object"},
      {"required", {"type", "title", "status"}},
      {"properties",
       {{"type", {{"type", "string"}}},
        {"title", {{"type", "string"}}},
        {"status", {{"type", "integer"}}},
        {"detail", {{"type", "string"}}},
        {"instance", {{"type", "string"}}},
        {"request_id", {{"type", "string"}}},
        {"errors",
         {{"type", "array"},
          {"items",
           {{"type", "object"},
            {"properties", {{"field", {{"type", "string"}}}, {"message", {{"type", "string"}}}}}}}}}}}};
  boost::json::object doc = {
      {"openapi", "3.1.0"},
      {"info",
       {{"title", info.title},
        {"version", info.version},
        {"description", "API of SPBE Terpadu. Errors are RFC 9457 application/problem+json."}}},
      {"servers", {{{"url", info.server_url}}}},
      {"paths", std::move(paths)},
      {"components",
       {{"schemas", {{"Problem", std::move(problem_schema)}}}, {"securitySchemes", std::move(security_schemes)}}},
  };
  return boost::json::serialize(doc);
}

std::string OperationDoc(std::string_view tag, std::string_view summary, const char* parameters,
                         const char* request_content, const std::string& responses) {
  std::string d = R"({"summary": ")" + std::string(summary) + R"(", "tags": [")" + std::string(tag) + R"("])";
  if (parameters) d += std::string(R"(, "parameters": )") + parameters;
  if (request_content) d += std::string(R"(, "requestBody": {"required": true, "content": )") + request_content + "}";
  return d + R"(, "responses": {)" + responses + "}}";
}

std::string ProblemDoc(const char* status, const char* description) {
  return std::string("\"") + status + R"(": {"description": ")" + description +
         R"(", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}})";
}

}  // namespace spbe::http
