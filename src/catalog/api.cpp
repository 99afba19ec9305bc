#include "catalog/api.hpp"

#include <boost/json.hpp>
#include <cstdlib>

#include "http/json.hpp"
#include "http/openapi.hpp"
#include "http/problem.hpp"

namespace spbe::catalog {

using http::Request;
using http::Response;

namespace {

namespace json = boost::json;
using http::ProblemDoc;
using http::Unauthorized;

// `request_schema`: a JSON body's schema.
std::string Doc(const char* summary, const char* params, const char* request_schema, const std::string& responses) {
  std::string content =
      request_schema ? std::string(R"({"application/json": {"schema": )") + request_schema + "}}" : "";
  return http::OperationDoc("catalog", summary, params, request_schema ? content.c_str() : nullptr, responses);
}

constexpr const char* kIdParam =
    R"([{"name": "id", "in": "path", "required": true, "description": "service id or slug", "schema": {"type": "string"}}])";
constexpr const char* kDefinitionSchema =
    R"({"type": "object", "description": "A service definition: name, summary, life_events, time_limit_days, deemed_granted, standard, form.fields[], workflow.steps[], fee", "required": ["name", "time_limit_days"]})";
constexpr const char* kServiceResponse =
    R"("200": {"description": "The service", "content": {"application/json": {"schema": {"type": "object"}}}})";

json::value Text(const LocalText& t, std::string_view lang) { return json::value(t.In(lang)); }

json::object Summary(const ServiceView& v, std::string_view lang) {
  const Definition& d = v.definition;
  json::object fee{{"kind", FeeKindName(d.fee.kind)}, {"amount", d.fee.amount}};
  if (d.fee.kind == FeeKind::kFormula) {
    fee.erase("amount");
    fee["formula"] = d.fee.formula ? d.fee.formula->text() : "";
    fee["description"] = DescribeFormula(d, lang);
  }
  return {{"id", v.service.id},
          {"slug", v.service.slug},
          {"version", v.version.version},
          {"name", Text(d.name, lang)},
          {"summary", Text(d.summary, lang)},
          {"agency", json::object{{"id", v.service.node_id}, {"name", v.service.node_name}}},
          {"life_events", json::array(d.life_events.begin(), d.life_events.end())},
          {"time_limit_days", d.time_limit_days},
          {"fee", std::move(fee)}};
}

std::int64_t IntParam(const std::optional<std::string>& s) { return s ? std::atoll(s->c_str()) : 0; }

}  // namespace

json::object ServiceJson(const ServiceView& v, std::string_view lang) {
  json::object o = Summary(v, lang);
  const Definition& d = v.definition;
  o["status"] = v.version.status;
  o["published_at"] = v.version.published_at;
  o["deemed_granted"] = d.deemed_granted;
  json::object full = ToJson(d);  // both languages, as edited
  json::object standard = full["standard"].as_object();
  // The components that are data, shown beside the text ones so the standard is complete (UU 25/2009 art. 21).
  json::array requirements;
  for (const auto& r : d.standard.requirements) requirements.push_back(Text(r, lang));
  for (const auto& f : d.form.fields) {
    if (f.type == FieldType::kFile && f.required) requirements.push_back(Text(f.label, lang));
  }
  standard["requirements"] = std::move(requirements);
  json::array procedure;
  for (std::size_t i = 0; i < d.workflow.steps.size(); ++i) {
    const Step& s = d.workflow.steps[i];
    procedure.push_back({{"step", s.key},
                         {"name", Text(s.name, lang)},
                         {"office", v.step_offices[i]},
                         {"time_limit_days", s.time_limit_days}});
  }
  standard["procedure"] = std::move(procedure);
  standard["time_limit_days"] = d.time_limit_days;
  standard["fee"] = full["fee"];
  o["standard"] = std::move(standard);
  o["form"] = full["form"];
  json::array steps = full["workflow"].as_object()["steps"].as_array();
  for (std::size_t i = 0; i < steps.size(); ++i) steps[i].as_object()["office"] = v.step_offices[i];
  o["workflow"] = json::object{{"steps", std::move(steps)}};
  return o;
}

void RegisterApi(http::Router& router, CatalogService& service) {
  static const std::string kListDoc = Doc(
      "Search the published services (public)",
      R"([{"name": "q", "in": "query", "schema": {"type": "string"}, "description": "words in Bahasa Indonesia or English; affixes ignored"},
              {"name": "node_id", "in": "query", "schema": {"type": "integer"}, "description": "an agency: its subtree"},
              {"name": "event", "in": "query", "schema": {"type": "string"}, "description": "a life event: kelahiran, kematian, perkawinan, pindah, pendidikan, kesehatan, usaha, bangunan, kependudukan"},
              {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}}])",
      nullptr,
      R"("200": {"description": "Matching services", "content": {"application/json": {"schema": {"type": "object",
             "properties": {"total": {"type": "integer"}, "items": {"type": "array"}}}}}})");
  router.Add("GET", "/api/v1/services",
             [&service](Request& req) {
               auto page = std::max<std::int64_t>(1, IntParam(req.Query("page")));
               auto found = service.Search(req.Query("q").value_or(""), IntParam(req.Query("node_id")),
                                           req.Query("event").value_or(""), static_cast<int>(page));
               if (!found.ok()) return http::Problem(req, found.error());
               json::array items;
               for (const auto& v : found->items) items.push_back(Summary(v, req.lang));
               return http::JsonResponse(200, json::object{{"total", found->total}, {"page", page}, {"items", items}});
             },
             {.openapi = kListDoc});

  static const std::string kGetDoc =
      Doc("A published service: its standar pelayanan in full, its form and its steps (public)", kIdParam, nullptr,
          std::string(kServiceResponse) + ", " + ProblemDoc("404", "No such published service"));
  router.Add("GET", "/api/v1/services/{id}",
             [&service](Request& req) {
               auto v = service.Published(req.params["id"]);
               if (!v.ok()) return http::Problem(req, v.error());
               return http::JsonResponse(200, ServiceJson(*v, req.lang));
             },
             {.openapi = kGetDoc});

  static const std::string kCreateDoc = Doc(
      "Create a service of an agency, with its first draft (agency admins)", nullptr,
      R"({"type": "object", "required": ["node_id", "slug", "definition"], "properties": {"node_id": {"type": "integer"},
         "slug": {"type": "string", "pattern": "^[a-z0-9-]{3,60}$"}, "definition": {"type": "object"}}})",
      std::string(
          R"("201": {"description": "Created, as a draft", "content": {"application/json": {"schema": {"type": "object"}}}}, )") +
          ProblemDoc("401", "Not signed in") + ", " + ProblemDoc("403", "Not an admin of that node") + ", " +
          ProblemDoc("422", "Field errors name the path, e.g. form.fields[2].type"));
  router.Add("POST", "/api/v1/services",
             [&service](Request& req) {
               if (req.actor().anonymous()) return Unauthorized(req);
               auto body = http::ParseJsonObject(req);
               if (!body.ok()) return http::Problem(req, body.error());
               std::int64_t node = 0;
               if (auto* n = body->if_contains("node_id"); n && n->is_int64()) node = n->as_int64();
               json::value def = body->contains("definition") ? body->at("definition") : json::value();
               auto v = service.Create(req.actor(), node, http::StringField(*body, "slug").value_or(""), def, req.lang);
               if (!v.ok()) return http::Problem(req, v.error());
               return http::JsonResponse(201, ServiceJson(*v, req.lang));
             },
             {.openapi = kCreateDoc});

  static const std::string kDraftDoc =
      Doc("The service's draft (agency admins, heads and auditors of its agency)", kIdParam, nullptr,
          std::string(kServiceResponse) + ", " + ProblemDoc("401", "Not signed in") + ", " +
              ProblemDoc("404", "No such service in the caller's reach, or no draft"));
  router.Add("GET", "/api/v1/services/{id}/draft",
             [&service](Request& req) {
               if (req.actor().anonymous()) return Unauthorized(req);
               auto v = service.Draft(req.actor(), IntParam(req.params["id"]), req.lang);
               if (!v.ok()) return http::Problem(req, v.error());
               return http::JsonResponse(200, ServiceJson(*v, req.lang));
             },
             {.openapi = kDraftDoc, .api_key_scope = "services.read"});

  static const std::string kSaveDoc = Doc(
      "Replace the service's draft (agency admins); the published version is untouched", kIdParam, kDefinitionSchema,
      std::string(kServiceResponse) + ", " + ProblemDoc("401", "Not signed in") + ", " +
          ProblemDoc("404", "No such service in the caller's reach") + ", " +
          ProblemDoc("422", "Field errors name the path"));
  router.Add("PUT", "/api/v1/services/{id}/draft",
             [&service](Request& req) {
               if (req.actor().anonymous()) return Unauthorized(req);
               auto body = http::ParseJsonObject(req);
               if (!body.ok()) return http::Problem(req, body.error());
               auto v = service.SaveDraft(req.actor(), IntParam(req.params["id"]), json::value(*body), req.lang);
               if (!v.ok()) return http::Problem(req, v.error());
               return http::JsonResponse(200, ServiceJson(*v, req.lang));
             },
             {.openapi = kSaveDoc});

  static const std::string kPublishDoc = Doc(
      "Publish the draft: it becomes the version new applications are filed under (agency admins)", kIdParam, nullptr,
      std::string(kServiceResponse) + ", " + ProblemDoc("401", "Not signed in") + ", " +
          ProblemDoc("404", "No such service in the caller's reach, or no draft") + ", " +
          ProblemDoc("409", "The draft changed meanwhile") + ", " +
          ProblemDoc("422", "The definition cannot finish, or a step has no one who may act"));
  router.Add("POST", "/api/v1/services/{id}/publish",
             [&service](Request& req) {
               if (req.actor().anonymous()) return Unauthorized(req);
               auto v = service.Publish(req.actor(), IntParam(req.params["id"]), req.lang);
               if (!v.ok()) return http::Problem(req, v.error());
               return http::JsonResponse(200, ServiceJson(*v, req.lang));
             },
             {.openapi = kPublishDoc});
}

}  // namespace spbe::catalog
