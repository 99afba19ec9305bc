#include "org/api.hpp"

#include <boost/json.hpp>
#include <charconv>

#include "http/json.hpp"
#include "http/problem.hpp"

namespace spbe::org {

using http::Request;
using http::Response;

namespace {

constexpr const char* kNodeSchema = R"({"type": "object", "properties": {"id": {"type": "integer"},
  "parent_id": {"type": ["integer", "null"]}, "kind": {"type": "string"}, "name": {"type": "string"},
  "slug": {"type": "string"}, "region_code": {"type": "string"}, "timezone": {"type": "string"}}})";

boost::json::object ToJson(const Node& n) {
  boost::json::object o{{"id", n.id},     {"kind", KindName(n.kind)}, {"name", n.name},
                        {"slug", n.slug}, {"timezone", n.timezone},   {"region_code", n.region_code}};
  o["parent_id"] = n.parent_id ? boost::json::value(*n.parent_id) : boost::json::value(nullptr);
  return o;
}

std::string Problem(const char* status, const char* description) {
  return std::string("\"") + status + R"(": {"description": ")" + description +
         R"(", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}})";
}

}  // namespace

void RegisterApi(http::Router& router, OrgService& service) {
  static const std::string kListDoc =
      std::string(R"({"summary": "The roots of the government tree, public", "tags": ["org"], "responses": {
    "200" : {
      "description" : "Root nodes", "content" : {
        "application/json" : {
          "schema" : {"type": "array", "items": )") +
      kNodeSchema + "}}}}}}";
  router.Add("GET", "/api/v1/org/nodes",
             [&service](Request& req) {
               auto roots = service.Roots();
               if (!roots.ok()) return http::Problem(req, roots.error());
               boost::json::array a;
               for (const auto& n : *roots) a.push_back(ToJson(n));
               return http::JsonResponse(200, a);
             },
             {.openapi = kListDoc});

  static const std::string kGetDoc =
      std::string(R"({"summary": "A node of the government tree and its children, public", "tags": ["org"],
        "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
        "responses": {
              "200" : {
                "description" : "The node, with children", "content" : {
                  "application/json" : {"schema": )") +
      kNodeSchema + "}}}, " + Problem("404", "No such node") + "}}";
  router.Add("GET", "/api/v1/org/nodes/{id}",
             [&service](Request& req) {
               std::int64_t id = 0;
               const std::string& text = req.params["id"];
               auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
               if (ec != std::errc() || p != text.data() + text.size()) {
                 return http::Problem(req, Error::Of(ErrorCode::kNotFound, "no such node"));
               }
               auto node = service.Get(id);
               if (!node.ok()) return http::Problem(req, node.error());
               auto children = service.Children(id);
               if (!children.ok()) return http::Problem(req, children.error());
               boost::json::object o = ToJson(*node);
               boost::json::array kids;
               for (const auto& c : *children) kids.push_back(ToJson(c));
               o["children"] = std::move(kids);
               return http::JsonResponse(200, o);
             },
             {.openapi = kGetDoc});

  static const std::string kCreateDoc =
      std::string(
          R"({"summary": "Add an OPD, unit, kecamatan or kelurahan under a node the caller administers",
        "tags": ["org"], "requestBody": {"required": true, "content": {"application/json": {"schema":
        {"type": "object", "required": ["parent_id", "kind", "name", "slug"], "properties": {
        "parent_id": {"type": "integer"}, "kind": {"type": "string", "enum": ["kementerian_lembaga", "provinsi",
        "kabupaten_kota", "perangkat_daerah", "unit_kerja", "kecamatan", "kelurahan_desa"]},
        "name": {"type": "string"}, "slug": {"type": "string"}, "region_code": {"type": "string"}}}}}},
        "responses": {"201": {"description": "Created", "content": {"application/json": {"schema": )") +
      kNodeSchema + "}}}, " + Problem("400", "Body is not JSON") + ", " + Problem("401", "Not signed in") + ", " +
      Problem("403", "Not an admin of the parent node") + ", " + Problem("422", "Field errors") + "}}";
  router.Add("POST", "/api/v1/org/nodes",
             [&service](Request& req) {
               if (req.actor().anonymous()) {
                 return http::Problem(req, Error::Of(ErrorCode::kUnauthorized, "sign in first"));
               }
               auto body = http::ParseJsonObject(req);
               if (!body.ok()) return http::Problem(req, body.error());
               NewNode n;
               auto* parent = body->if_contains("parent_id");
               if (!parent || !parent->is_int64()) {
                 return http::Problem(
                     req, Error::Validation(
                              {{"parent_id", req.lang == "en" ? "give the parent node's id" : "isi id simpul induk"}}));
               }
               n.parent_id = parent->as_int64();
               auto kind = ParseKind(http::StringField(*body, "kind").value_or(""));
               if (!kind) {
                 return http::Problem(
                     req, Error::Validation(
                              {{"kind", req.lang == "en" ? "not a kind of node" : "bukan jenis simpul yang dikenal"}}));
               }
               n.kind = *kind;
               n.name = http::StringField(*body, "name").value_or("");
               n.slug = http::StringField(*body, "slug").value_or("");
               n.region_code = http::StringField(*body, "region_code").value_or("");
               auto created = service.Create(req.actor(), n, req.lang);
               if (!created.ok()) return http::Problem(req, created.error());
               return http::JsonResponse(201, ToJson(*created));
             },
             {.openapi = kCreateDoc});
}

}  // namespace spbe::org
