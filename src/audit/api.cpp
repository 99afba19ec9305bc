#include "audit/api.hpp"

#include <boost/json.hpp>
#include <charconv>

#include "audit/audit.hpp"
#include "http/json.hpp"
#include "http/problem.hpp"
#include "platform/local_time.hpp"

namespace spbe::audit {

using http::Request;
using http::Response;

namespace {

std::int64_t ToInt(const std::optional<std::string>& s) {
  std::int64_t v = 0;
  if (s) std::from_chars(s->data(), s->data() + s->size(), v);
  return v;
}

/// The filter the actor may run, or the error to answer: the requested node (or the actor's own audit node) must
/// be one the actor can audit.
Result<Filter> Scope(const Request& req, org::OrgService& org) {
  const auto& actor = req.actor();
  if (actor.anonymous()) return Error::Of(ErrorCode::kUnauthorized, "sign in first");
  std::int64_t node_id = ToInt(req.Query("node_id"));
  if (node_id == 0) {
    for (const auto& g : actor.grants) {
      if (g.role == access::Role::kAuditor || g.role == access::Role::kAdminPlatform) {
        node_id = g.node_id;
        break;
      }
    }
  }
  auto refused =
      Error::Of(ErrorCode::kForbidden, req.lang == "en" ? "only auditors may read the audit trail here"
                                                        : "hanya auditor yang dapat membaca jejak audit di sini");
  if (node_id == 0) return refused;
  auto node = org.Get(node_id);
  if (!node.ok() || !access::Allowed(actor, access::Action::kAuditRead, node->path)) return refused;
  Filter f;
  f.node_path = node->path;
  f.include_unplaced = !node->parent_id.has_value();  // entries without a node belong to the whole deployment
  f.action = req.Query("action").value_or("");
  f.object_type = req.Query("object_type").value_or("");
  f.object_id = req.Query("object_id").value_or("");
  f.before_id = ToInt(req.Query("before_id"));
  if (auto limit = ToInt(req.Query("limit")); limit > 0) f.limit = static_cast<int>(std::min<std::int64_t>(limit, 500));
  return f;
}

boost::json::object ToJson(const Entry& e) {
  boost::json::object o{{"id", e.id},
                        {"at", e.at},
                        {"actor_kind", e.actor_kind},
                        {"action", e.action},
                        {"object_type", e.object_type},
                        {"object_id", e.object_id},
                        {"node_path", e.node_path},
                        {"address", e.address},
                        {"before_digest", e.before_digest},
                        {"after_digest", e.after_digest},
                        {"hash", e.hash}};
  o["actor_id"] = e.actor_id ? boost::json::value(*e.actor_id) : boost::json::value(nullptr);
  return o;
}

constexpr const char* kDoc = R"json({
  "summary": "Browse the audit trail of a subtree (auditors and platform admins)",
  "tags": ["audit"],
  "parameters": [
    {"name": "node_id", "in": "query", "schema": {"type": "integer"}, "description": "default: the caller's audit node"},
    {"name": "action", "in": "query", "schema": {"type": "string"}},
    {"name": "object_type", "in": "query", "schema": {"type": "string"}},
    {"name": "object_id", "in": "query", "schema": {"type": "string"}},
    {"name": "before_id", "in": "query", "schema": {"type": "integer"}, "description": "paging: older than this id"},
    {"name": "limit", "in": "query", "schema": {"type": "integer", "maximum": 500}}],
  "responses": {
    "200": {"description": "Entries, newest first", "content": {"application/json": {"schema": {"type": "object"}}}},
    "401": {"description": "Not signed in", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
    "403": {"description": "Not an auditor of that node", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}}
})json";

}  // namespace

void RegisterWeb(http::Router& router, const http::Views& views, storage::Database& db, org::OrgService& org,
                 Anchors& anchors) {
  static const std::string kAnchorsDoc = R"json({
  "summary": "Signed anchors of the audit trail, public: keep a copy, and check the trail against it with spbe audit verify --anchors",
  "tags": ["audit"],
  "parameters": [{"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 10000, "default": 400}}],
  "responses": {
    "200": {"description": "The newest anchors first (date, entry, head hash, Ed25519 signature, key id) and the keys that signed them", "content": {"application/json": {"schema": {"type": "object"}}}}}
})json";
  router.Add("GET", "/api/v1/audit/anchors",
             [&anchors](Request& req) {
               int limit = 400;
               if (auto l = req.Query("limit")) {
                 int v = 0;
                 auto [p, ec] = std::from_chars(l->data(), l->data() + l->size(), v);
                 if (ec != std::errc() || p != l->data() + l->size() || v < 1 || v > 10000) {
                   return http::Problem(req,
                                        Error::Validation({{"limit", req.lang == "en" ? "a number from 1 to 10000"
                                                                                      : "angka dari 1 sampai 10000"}}));
                 }
                 limit = v;
               }
               auto list = anchors.List(limit);
               auto keys = anchors.Keys();
               if (!list.ok()) return http::Problem(req, list.error());
               if (!keys.ok()) return http::Problem(req, keys.error());
               Response r = Response::Json(200, AnchorsJson(*list, *keys));
               r.Set("Cache-Control", "public, max-age=300");
               return r;
             },
             {.openapi = kAnchorsDoc});

  router.Add("GET", "/api/v1/audit",
             [&db, &org](Request& req) {
               auto filter = Scope(req, org);
               if (!filter.ok()) return http::Problem(req, filter.error());
               auto entries = List(db, *filter);
               if (!entries.ok()) return http::Problem(req, entries.error());
               boost::json::array items;
               for (const auto& e : *entries) items.push_back(ToJson(e));
               boost::json::object out{{"entries", std::move(items)}};
               if (!entries->empty()) out["next_before_id"] = entries->back().id;
               return http::JsonResponse(200, out);
             },
             {.openapi = kDoc, .api_key_scope = "audit.read"});

  router.Add("GET", "/audit", [&db, &org, &views](Request& req) {
    if (req.actor().anonymous()) return Response::Redirect("/masuk");
    auto filter = Scope(req, org);
    if (!filter.ok()) return views.ErrorPage(req, 403);
    auto entries = List(db, *filter);
    if (!entries.ok()) return views.ErrorPage(req, 503);
    boost::json::array rows;
    for (const auto& e : *entries) {
      rows.push_back({{"id", e.id},
                      {"at", LocalDateTimeText(e.at, views.zone(), req.lang)},
                      {"who", e.actor_id ? e.actor_kind + " #" + std::to_string(*e.actor_id) : e.actor_kind},
                      {"action", e.action},
                      {"object", e.object_type + " " + e.object_id},
                      {"address", e.address},
                      {"hash", e.hash.substr(0, 12)}});
    }
    boost::json::object data{{"rows", std::move(rows)},
                             {"has_rows", !entries->empty()},
                             {"action", filter->action},
                             {"object_type", filter->object_type},
                             {"object_id", filter->object_id}};
    if (entries->size() == static_cast<std::size_t>(filter->limit)) {
      data["older"] = "/audit?before_id=" + std::to_string(entries->back().id) + "&action=" + filter->action +
                      "&object_type=" + filter->object_type + "&object_id=" + filter->object_id;
    }
    return views.Page(req, 200, "audit/list", std::move(data), "audit_title");
  });
}

}  // namespace spbe::audit
