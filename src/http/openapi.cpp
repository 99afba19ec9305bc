#include "http/openapi.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <map>
#include <set>
#include <stdexcept>

#include "access/access.hpp"

namespace spbe::http {
namespace {

/// Every `{name}` of the route's pattern is a path parameter: those the operation did not describe are strings.
void CompletePathParameters(const std::string& pattern, boost::json::object& op) {
  auto& params = op["parameters"];
  if (!params.is_array()) params.emplace_array();
  auto& list = params.as_array();
  for (std::size_t open = pattern.find('{'); open != std::string::npos; open = pattern.find('{', open + 1)) {
    auto close = pattern.find('}', open);
    if (close == std::string::npos) break;
    std::string name = pattern.substr(open + 1, close - open - 1);
    bool described = std::any_of(list.begin(), list.end(), [&](const boost::json::value& p) {
      return p.at("in") == "path" && p.at("name").as_string() == name;
    });
    if (!described) {
      list.push_back(
          {{"name", name}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}, {"maxLength", 200}}}});
    }
  }
  if (list.empty()) op.erase("parameters");
}

}  // namespace

std::string OpenApiDocument(const Router& router, const ApiInfo& info) {
  boost::json::object paths;
  std::set<std::string> tags_used;
  for (const auto& r : router.routes()) {
    if (r.options.openapi.empty()) continue;  // pages are not part of the API
    auto op = boost::json::parse(r.options.openapi);
    if (!op.is_object() || !op.as_object().contains("responses")) {
      throw std::logic_error("OpenAPI operation of " + r.method + " " + r.pattern + " lacks \"responses\"");
    }
    // One path item holds every method served on the pattern.
    std::string doc_pattern = DocumentedPattern(r.pattern);
    auto& item = paths[doc_pattern];
    if (!item.is_object()) item.emplace_object();
    std::string method = r.method;
    std::transform(method.begin(), method.end(), method.begin(), [](unsigned char c) { return std::tolower(c); });
    CompletePathParameters(doc_pattern, op.as_object());
    if (const auto* t = op.as_object().if_contains("tags"); t && t->is_array()) {
      for (const auto& name : t->as_array()) tags_used.emplace(name.as_string());
    }
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
  // A server only reachable on this machine (a test, a laptop) is named by the document's own origin.
  std::string server_url = info.server_url;
  for (const char* loopback : {"://localhost", "://127.", "://[::1]"}) {
    if (server_url.find(loopback) != std::string::npos) server_url = "/";
  }
  boost::json::array tags;
  for (const auto& name : tags_used) {
    auto it = router.tags().find(name);
    if (it == router.tags().end()) {
      throw std::logic_error("OpenAPI tag \"" + name + "\" is used but not described (Router::DescribeTag)");
    }
    tags.push_back({{"name", name}, {"description", it->second}});
  }
  boost::json::object doc = {
      {"openapi", "3.1.0"},
      {"info",
       {{"title", info.title},
        {"version", info.version},
        {"description", "API of SPBE Terpadu. Errors are RFC 9457 application/problem+json."},
        // No open licence has been declared for the platform yet; the operator's terms apply until one is chosen.
        {"license", {{"name", "Operator's terms of use"}, {"identifier", "LicenseRef-SPBE-Operator-Terms"}}}}},
      {"servers", {{{"url", server_url}, {"description", "This platform"}}}},
      {"tags", std::move(tags)},
      {"paths", std::move(paths)},
      {"components",
       {{"schemas", {{"Problem", std::move(problem_schema)}}}, {"securitySchemes", std::move(security_schemes)}}},
  };
  return boost::json::serialize(doc);
}

}  // namespace spbe::http
