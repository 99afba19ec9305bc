#include <boost/json.hpp>
#include <cstdlib>

#include "http/json.hpp"
#include "http/multipart.hpp"
#include "http/openapi.hpp"
#include "http/problem.hpp"
#include "reports/web.hpp"

namespace spbe::reports {

using http::Request;
using http::Response;

namespace {

namespace json = boost::json;
using http::ProblemDoc;

std::string Doc(const char* summary, const char* params, const char* request, const std::string& responses) {
  return http::OperationDoc("reports", summary, params, request, responses);
}

std::string Text(const json::object& o, const char* name) {
  const auto* v = o.if_contains(name);
  if (!v) return {};
  if (v->is_string()) return std::string(v->as_string());
  if (v->is_int64()) return std::to_string(v->as_int64());
  return {};
}

std::int64_t Int(const json::object& o, const char* name) {
  const auto* v = o.if_contains(name);
  if (!v) return 0;
  if (v->is_int64()) return v->as_int64();
  if (v->is_string()) return std::atoll(std::string(v->as_string()).c_str());
  return 0;
}

std::optional<double> Number(const json::object& o, const char* name) {
  const auto* v = o.if_contains(name);
  if (!v || v->is_null()) return std::nullopt;
  if (v->is_double()) return v->as_double();
  if (v->is_int64()) return static_cast<double>(v->as_int64());
  return std::nullopt;
}

bool Flag(const json::object& o, const char* name, bool fallback) {
  const auto* v = o.if_contains(name);
  return v && v->is_bool() ? v->as_bool() : fallback;
}

Filing FilingFrom(const json::object& o) {
  Filing f;
  NewReport& r = f.report;
  r.kind = Text(o, "kind");
  r.identity = Text(o, "identity");
  r.title = Text(o, "title");
  r.body = Text(o, "body");
  r.region_code = Text(o, "region_code");
  r.happened_on = Text(o, "happened_on");
  r.name = Text(o, "name");
  r.contact = Text(o, "contact");
  r.latitude = Number(o, "latitude");
  r.longitude = Number(o, "longitude");
  f.category = Text(o, "category");
  f.office_id = Int(o, "office_id");
  f.service = Text(o, "service_id");
  f.application = Text(o, "application");
  return f;
}

std::string Code(const Request& req, const json::object* body = nullptr) {
  if (body) {
    std::string c = Text(*body, "code");
    if (!c.empty()) return c;
  }
  return req.Query("code").value_or("");
}

json::array TimelineJson(const ReportView& v, bool officer) {
  json::array out;
  for (const auto& e : v.timeline) {
    json::object o{{"at", e.at}, {"action", e.action}, {"by", e.role}, {"office", e.office}, {"note", e.note}};
    if (!e.to_office.empty()) o["to_office"] = e.to_office;
    if (officer) o["internal"] = e.internal;
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace

json::object ReportJson(const ReportView& v, Audience audience) {
  const ReportRow& r = v.row;
  bool officer = audience == Audience::kOfficer;
  json::object o{{"tracking_number", v.tracking_number},
                 {"kind", r.kind},
                 {"category", r.category},
                 {"category_name", v.category_name},
                 {"status", r.status},
                 {"title", r.title},
                 {"body", r.body},
                 {"region_code", r.region_code},
                 {"happened_on", r.happened_on},
                 {"office", v.office},
                 {"created_at", r.created_at},
                 {"supports", r.supports},
                 {"timeline", TimelineJson(v, officer)}};
  if (!v.public_name.empty()) o["reporter_name"] = v.public_name;
  if (!v.about_office.empty()) o["about_office"] = v.about_office;
  if (!v.service_name.empty()) o["service"] = v.service_name;
  if (!r.answered_at.empty()) o["answered_at"] = r.answered_at;
  if (!r.closed_at.empty()) o["closed_at"] = r.closed_at;
  if (!r.due_at.empty()) o["due_at"] = r.due_at;
  if (r.rating) o["rating"] = r.rating;
  if (!v.actions.empty()) {
    json::array a;
    for (const auto& x : v.actions) a.push_back(json::string(x));
    o["actions"] = std::move(a);
  }
  if (audience != Audience::kPublic) {
    // The reporter's own view and the officers' carry what the public never sees.
    o["identity"] = r.identity;
    if (!v.reporter_name.empty()) o["reporter_name"] = v.reporter_name;
    if (!v.reporter_contact.empty()) o["reporter_contact"] = v.reporter_contact;
    if (!v.application.empty()) o["application"] = v.application;
    if (r.latitude) o["latitude"] = *r.latitude;
    if (r.longitude) o["longitude"] = *r.longitude;
    json::array files;
    for (const auto& f : v.files) {
      files.push_back({{"id", f.id},
                       {"name", f.file_name},
                       {"kind", f.kind},
                       {"size", f.size},
                       {"location_kept", f.location_kept}});
    }
    o["files"] = std::move(files);
  }
  if (officer) {
    o["verify_due_at"] = r.verify_due_at;
    o["track"] = r.track;
    o["public"] = r.is_public;
    o["objected"] = r.objected;
    if (!v.marker.empty()) {
      o["marker"] = v.marker;
      o["days_left"] = v.days_left;
    }
    if (v.proposed_office_id) o["proposed_office"] = {{"id", v.proposed_office_id}, {"name", v.proposed_office}};
  }
  return o;
}

void RegisterApi(http::Router& router, ReportsService& reports) {
  static const std::string kFileDoc = Doc(
      "Files a report (pengaduan, aspirasi, permintaan informasi), signed in or not; anonymous keeps no identity. "
      "JSON, or multipart/form-data with the JSON in a part named report and photos or PDFs in parts named "
      "files (location metadata is removed from photos unless keep_location is true). Answers the tracking "
      "number and the access code (shown once). Idempotency-Key: a retry gets the first answer",
      R"([{"name": "Idempotency-Key", "in": "header", "schema": {"type": "string", "maxLength": 100}}])",
      R"({"application/json": {"schema": {"type": "object", "required": ["kind", "identity", "category", "title", "body"], "properties": {
          "kind": {"enum": ["pengaduan", "aspirasi", "informasi"]}, "identity": {"enum": ["shown", "confidential", "anonymous"]},
          "category": {"type": "string"}, "title": {"type": "string"}, "body": {"type": "string"},
          "region_code": {"type": "string"}, "happened_on": {"type": "string", "format": "date"},
          "name": {"type": "string"}, "contact": {"type": "string", "description": "e-mail or mobile number; required unless anonymous"},
          "latitude": {"type": "number"}, "longitude": {"type": "number"}, "office_id": {"type": "integer"},
          "service_id": {"type": "string"}, "application": {"type": "string", "description": "your own application's tracking number"},
          "keep_location": {"type": "boolean"}}}},
          "multipart/form-data": {"schema": {"type": "object", "properties": {"report": {"type": "string"}, "files": {"type": "array", "items": {"type": "string", "format": "binary"}}}}}})",
      std::string(
          R"("201": {"description": "Filed", "content": {"application/json": {"schema": {"type": "object", "properties": {"tracking_number": {"type": "string"}, "access_code": {"type": "string"}, "status": {"type": "string"}, "verify_due_at": {"type": "string"}}}}}}, )") +
          ProblemDoc("409", "The Idempotency-Key was used for a different request") + ", " +
          ProblemDoc("422", "Field errors"));
  router.Add("POST", "/api/v1/reports",
             [&reports](Request& req) {
               std::string key(req.Header("idempotency-key").value_or(""));
               if (key.size() > 100) {
                 return http::Problem(req, Error::Validation({{"Idempotency-Key", "at most 100 characters"}}));
               }
               Filing filing;
               auto type = req.Header("content-type").value_or("");
               if (type.rfind("multipart/form-data", 0) == 0) {
                 auto parts = http::ParseMultipart(req);
                 if (!parts.ok()) return http::Problem(req, parts.error());
                 const http::Part* report = http::FindPart(*parts, "report");
                 boost::system::error_code ec;
                 json::value v = report ? json::parse(report->body, ec) : json::value();
                 if (!report || ec || !v.is_object()) {
                   return http::Problem(req, Error::Of(ErrorCode::kBadRequest,
                                                       "the part \"report\" must hold the report as a JSON object"));
                 }
                 filing = FilingFrom(v.as_object());
                 bool keep = Flag(v.as_object(), "keep_location", false);
                 for (const auto& p : *parts) {
                   if (p.name == "files" && p.is_file) filing.files.push_back({p.file_name, p.body, keep});
                 }
               } else {
                 auto body = http::ParseJsonObject(req);
                 if (!body.ok()) return http::Problem(req, body.error());
                 filing = FilingFrom(*body);
               }
               auto filed = reports.File(req.actor(), filing, key, req.lang);
               if (!filed.ok()) return http::Problem(req, filed.error());
               return http::JsonResponse(201, json::object{{"tracking_number", filed->tracking_number},
                                                           {"access_code", filed->access_code},
                                                           {"status", filed->status},
                                                           {"verify_due_at", filed->verify_due_at}});
             },
             {.openapi = kFileDoc});

  static const std::string kFeedDoc = Doc(
      "The public feed: verified reports published without personal data, newest first (open data)",
      R"([{"name": "office_id", "in": "query", "schema": {"type": "integer"}},
          {"name": "region", "in": "query", "schema": {"type": "string"}},
          {"name": "kind", "in": "query", "schema": {"enum": ["pengaduan", "aspirasi", "informasi"]}},
          {"name": "status", "in": "query", "schema": {"type": "string"}},
          {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}}])",
      nullptr,
      std::string(
          R"("200": {"description": "A page of reports", "content": {"application/json": {"schema": {"type": "object"}}}}, )") +
          ProblemDoc("422", "Bad filter"));
  router.Add("GET", "/api/v1/reports",
             [&reports](Request& req) {
               FeedFilter f{std::atoll(req.Query("office_id").value_or("0").c_str()), req.Query("region").value_or(""),
                            req.Query("kind").value_or(""), req.Query("status").value_or(""),
                            std::atoi(req.Query("page").value_or("1").c_str())};
               auto page = reports.Feed(f, req.lang);
               if (!page.ok()) return http::Problem(req, page.error());
               json::array items;
               for (const auto& v : page->items) items.push_back(ReportJson(v, Audience::kPublic));
               return http::JsonResponse(200, json::object{{"items", std::move(items)},
                                                           {"total", page->total},
                                                           {"page", page->page},
                                                           {"pages", page->pages},
                                                           {"licence", "CC BY 4.0"}});
             },
             {.openapi = kFeedDoc});

  static const std::string kQueueDoc = Doc(
      "The signed-in officer's queue: desk (waiting for verification), office (waiting for the office or the "
      "reporter) or done; deadline order with due and overdue markers",
      R"([{"name": "which", "in": "query", "schema": {"enum": ["desk", "office", "done"]}},
          {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}}])",
      nullptr,
      std::string(
          R"("200": {"description": "Reports", "content": {"application/json": {"schema": {"type": "object"}}}}, )") +
          ProblemDoc("401", "Not signed in") + ", " + ProblemDoc("403", "Not a desk or office officer"));
  router.Add("GET", "/api/v1/reports/queue",
             [&reports](Request& req) {
               if (req.actor().anonymous()) return http::Unauthorized(req);
               auto items = reports.Queue(req.actor(), req.Query("which").value_or("office"),
                                          std::atoi(req.Query("page").value_or("1").c_str()), req.lang);
               if (!items.ok()) return http::Problem(req, items.error());
               json::array out;
               for (const auto& v : *items) out.push_back(ReportJson(v, Audience::kOfficer));
               return http::JsonResponse(200, json::object{{"items", std::move(out)}});
             },
             {.openapi = kQueueDoc});

  static const std::string kGetDoc = Doc(
      "One report: for its reporter (with ?code= the access code, or signed in as the reporter) and for the officers "
      "who hold it; the public version of a published report otherwise",
      R"([{"name": "number", "in": "path", "required": true, "schema": {"type": "string"}},
          {"name": "code", "in": "query", "schema": {"type": "string"}}])",
      nullptr,
      std::string(
          R"("200": {"description": "The report", "content": {"application/json": {"schema": {"type": "object"}}}}, )") +
          ProblemDoc("404", "No such report, or a wrong code"));
  router.Add("GET", "/api/v1/reports/{number}",
             [&reports](Request& req) {
               std::string code = Code(req);
               const std::string& number = req.params["number"];
               if (!code.empty()) {
                 auto v = reports.ByCode(req.actor(), number, code, req.lang);
                 if (!v.ok()) return http::Problem(req, v.error());
                 return http::JsonResponse(200, ReportJson(*v, Audience::kReporter));
               }
               if (!req.actor().anonymous()) {
                 if (auto v = reports.Get(req.actor(), number, req.lang); v.ok()) {
                   bool officer = v->row.reporter_account_id != req.actor().account_id;
                   return http::JsonResponse(200, ReportJson(*v, officer ? Audience::kOfficer : Audience::kReporter));
                 }
               }
               auto v = reports.Public(req.actor(), number, req.lang);
               if (!v.ok()) return http::Problem(req, v.error());
               return http::JsonResponse(200, ReportJson(*v, Audience::kPublic));
             },
             {.openapi = kGetDoc, .api_key_scope = "reports.read"});

  static const std::string kActDoc = Doc(
      "Acts on a report. The desk: accept (to_node_id, track simple|dispute|inspection, publish), merge (merge_into), "
      "decline (note). The office holding it: answer, ask_more, forward (to_node_id), close (note). The reporter "
      "(code, or signed in): reply, object (once)",
      R"([{"name": "number", "in": "path", "required": true, "schema": {"type": "string"}}])",
      R"({"application/json": {"schema": {"type": "object", "required": ["action"], "properties": {
          "action": {"enum": ["accept", "merge", "decline", "answer", "ask_more", "forward", "close", "reply", "object"]},
          "note": {"type": "string"}, "to_node_id": {"type": "integer"}, "track": {"enum": ["simple", "dispute", "inspection"]},
          "publish": {"type": "boolean"}, "merge_into": {"type": "string"}, "code": {"type": "string"}}}}})",
      std::string(
          R"("200": {"description": "The report after the action", "content": {"application/json": {"schema": {"type": "object"}}}}, )") +
          ProblemDoc("403", "May see but not do this") + ", " + ProblemDoc("404", "No such report") + ", " +
          ProblemDoc("409", "Not possible in its state") + ", " + ProblemDoc("422", "Field errors"));
  router.Add("POST", "/api/v1/reports/{number}/actions",
             [&reports](Request& req) {
               auto body = http::ParseJsonObject(req);
               if (!body.ok()) return http::Problem(req, body.error());
               ActInput in{Text(*body, "action"), Text(*body, "note"),          Int(*body, "to_node_id"),
                           Text(*body, "track"),  Flag(*body, "publish", true), Text(*body, "merge_into")};
               std::string code = Code(req, &*body);
               auto v = reports.Act(req.actor(), req.params["number"], code, in, req.lang);
               if (!v.ok()) return http::Problem(req, v.error());
               bool officer = code.empty() && v->row.reporter_account_id != req.actor().account_id;
               return http::JsonResponse(200, ReportJson(*v, officer ? Audience::kOfficer : Audience::kReporter));
             },
             {.openapi = kActDoc});

  static const std::string kRateDoc = Doc(
      "The reporter rates the answer, 1 (very poor) to 5 (very good), once per answer",
      R"([{"name": "number", "in": "path", "required": true, "schema": {"type": "string"}}])",
      R"({"application/json": {"schema": {"type": "object", "required": ["rating"], "properties": {"rating": {"type": "integer", "minimum": 1, "maximum": 5}, "note": {"type": "string"}, "code": {"type": "string"}}}}})",
      std::string(R"("204": {"description": "Recorded"}, )") +
          ProblemDoc("404", "No such report, or not the reporter") + ", " +
          ProblemDoc("409", "Not answered yet, or already rated") + ", " + ProblemDoc("422", "Field errors"));
  router.Add("POST", "/api/v1/reports/{number}/rating",
             [&reports](Request& req) {
               auto body = http::ParseJsonObject(req);
               if (!body.ok()) return http::Problem(req, body.error());
               auto st = reports.Rate(req.actor(), req.params["number"], Code(req, &*body),
                                      static_cast<int>(Int(*body, "rating")), Text(*body, "note"), req.lang);
               if (!st.ok()) return http::Problem(req, st.error());
               Response r;
               r.status = 204;
               return r;
             },
             {.openapi = kRateDoc});

  static const std::string kSupportDoc = Doc(
      "+1: the signed-in account supports a public report, once",
      R"([{"name": "number", "in": "path", "required": true, "schema": {"type": "string"}}])", nullptr,
      std::string(
          R"("200": {"description": "The count", "content": {"application/json": {"schema": {"type": "object", "properties": {"supports": {"type": "integer"}}}}}}, )") +
          ProblemDoc("401", "Not signed in") + ", " + ProblemDoc("404", "No such public report") + ", " +
          ProblemDoc("409", "Already supported"));
  router.Add("POST", "/api/v1/reports/{number}/support",
             [&reports](Request& req) {
               auto n = reports.Support(req.actor(), req.params["number"], req.lang);
               if (!n.ok()) return http::Problem(req, n.error());
               return http::JsonResponse(200, json::object{{"supports", *n}});
             },
             {.openapi = kSupportDoc});

  static const std::string kFileGetDoc =
      Doc("An attachment of a report, for its reporter (code) and the officers holding it",
          R"([{"name": "number", "in": "path", "required": true, "schema": {"type": "string"}},
          {"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}},
          {"name": "code", "in": "query", "schema": {"type": "string"}}])",
          nullptr, std::string(R"("200": {"description": "The bytes"}, )") + ProblemDoc("404", "Not found"));
  router.Add("GET", "/api/v1/reports/{number}/files/{id}",
             [&reports](Request& req) {
               auto f = reports.ReadFile(req.actor(), req.params["number"], Code(req),
                                         std::atoll(req.params["id"].c_str()), req.lang);
               if (!f.ok()) return http::Problem(req, f.error());
               auto kind = catalog::ParseFileKind(f->first.kind);
               Response r =
                   Response::Text(200, std::move(f->second),
                                  std::string(kind ? catalog::FileKindMime(*kind) : "application/octet-stream"));
               r.Set("Content-Disposition",
                     "attachment; filename=\"lampiran-" + std::to_string(f->first.id) + "." + f->first.kind + "\"");
               r.Set("Cache-Control", "private, no-store");
               return r;
             },
             {.openapi = kFileGetDoc, .api_key_scope = "reports.read"});

  static const std::string kCategoriesDoc =
      Doc("The categories of reports", nullptr, nullptr,
          R"("200": {"description": "Categories", "content": {"application/json": {"schema": {"type": "array"}}}})");
  router.Add("GET", "/api/v1/report-categories",
             [&reports](Request&) {
               json::array out;
               for (const auto& c : reports.Categories()) {
                 out.push_back({{"slug", c.slug}, {"name_id", c.name_id}, {"name_en", c.name_en}});
               }
               return http::JsonResponse(200, out);
             },
             {.openapi = kCategoriesDoc});

  static const std::string kRoutesDoc =
      Doc("The routing rules (category x region -> office) that propose an office to the desk", nullptr, nullptr,
          std::string(
              R"("200": {"description": "Rules", "content": {"application/json": {"schema": {"type": "array"}}}}, )") +
              ProblemDoc("401", "Not signed in") + ", " + ProblemDoc("403", "Not the desk or an admin"));
  auto route_json = [](const RouteView& v) {
    return json::object{{"id", v.route.id},
                        {"category", v.route.category},
                        {"category_name", v.category_name},
                        {"region_prefix", v.route.region_prefix},
                        {"node_id", v.route.node_id},
                        {"office", v.office}};
  };
  router.Add("GET", "/api/v1/report-routes",
             [&reports, route_json](Request& req) {
               if (req.actor().anonymous()) return http::Unauthorized(req);
               auto routes = reports.Routes(req.actor(), req.lang);
               if (!routes.ok()) return http::Problem(req, routes.error());
               json::array out;
               for (const auto& r : *routes) out.push_back(route_json(r));
               return http::JsonResponse(200, out);
             },
             {.openapi = kRoutesDoc});
  static const std::string kPutRouteDoc = Doc(
      "Adds a routing rule, or replaces the one for the same category and region", nullptr,
      R"({"application/json": {"schema": {"type": "object", "required": ["node_id"], "properties": {"category": {"type": "string", "description": "empty: any"}, "region_prefix": {"type": "string", "description": "a Kemendagri code; empty: any"}, "node_id": {"type": "integer"}}}}})",
      std::string(
          R"("201": {"description": "The rule", "content": {"application/json": {"schema": {"type": "object"}}}}, )") +
          ProblemDoc("401", "Not signed in") + ", " + ProblemDoc("403", "Not the desk or an admin") + ", " +
          ProblemDoc("422", "Field errors"));
  router.Add("POST", "/api/v1/report-routes",
             [&reports](Request& req) {
               if (req.actor().anonymous()) return http::Unauthorized(req);
               auto body = http::ParseJsonObject(req);
               if (!body.ok()) return http::Problem(req, body.error());
               auto r = reports.PutRoute(
                   req.actor(), {0, Text(*body, "category"), Text(*body, "region_prefix"), Int(*body, "node_id")},
                   req.lang);
               if (!r.ok()) return http::Problem(req, r.error());
               return http::JsonResponse(201, json::object{{"id", r->id},
                                                           {"category", r->category},
                                                           {"region_prefix", r->region_prefix},
                                                           {"node_id", r->node_id}});
             },
             {.openapi = kPutRouteDoc});
  static const std::string kDeleteRouteDoc =
      Doc("Removes a routing rule",
          R"([{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}])", nullptr,
          std::string(R"("204": {"description": "Removed"}, )") + ProblemDoc("403", "Not the desk or an admin") + ", " +
              ProblemDoc("404", "No such rule"));
  router.Add("DELETE", "/api/v1/report-routes/{id}",
             [&reports](Request& req) {
               if (req.actor().anonymous()) return http::Unauthorized(req);
               auto st = reports.DeleteRoute(req.actor(), std::atoll(req.params["id"].c_str()), req.lang);
               if (!st.ok()) return http::Problem(req, st.error());
               Response r;
               r.status = 204;
               return r;
             },
             {.openapi = kDeleteRouteDoc});
}

}  // namespace spbe::reports
