#include "applications/api.hpp"

#include <boost/json.hpp>
#include <cstdlib>

#include "http/json.hpp"
#include "http/multipart.hpp"
#include "http/openapi.hpp"
#include "http/problem.hpp"

namespace spbe::applications {

using http::Request;
using http::Response;

namespace {

namespace json = boost::json;
using http::ProblemDoc;
using http::Unauthorized;

std::string Doc(const char* summary, const char* params, const char* request, const std::string& responses) {
  return http::OperationDoc("applications", summary, params, request, responses);
}

constexpr const char* kTnParam =
    R"([{"name": "tracking_number", "in": "path", "required": true, "schema": {"type": "string"}, "description": "e.g. 2611-4821-7305"}])";
constexpr const char* kObject =
    R"("200": {"description": "The application", "content": {"application/json": {"schema": {"type": "object"}}}})";

json::object FiledJson(const Filed& f) {
  json::object o{{"tracking_number", f.tracking_number}, {"status", f.status}};
  if (!f.access_code.empty()) o["access_code"] = f.access_code;
  o["fee_amount"] = f.fee_amount;
  o["due_date"] = f.due_at.empty() ? json::value(nullptr) : json::value(f.due_at.substr(0, 10));
  o["due_at"] = f.due_at.empty() ? json::value(nullptr) : json::value(f.due_at);
  return o;
}

json::array TimelineJson(const std::vector<TimelineEntry>& entries) {
  json::array a;
  for (const auto& e : entries) {
    json::object o{{"at", e.at}, {"action", e.action}, {"step", e.step_name}, {"office", e.office}};
    if (!e.note.empty()) o["note"] = e.note;
    if (e.internal) o["internal"] = true;
    if (!e.due_at.empty()) o["due_at"] = e.due_at;
    a.push_back(std::move(o));
  }
  return a;
}

}  // namespace

json::object FileJson(const FileView& v, std::string_view lang) {
  json::object data;
  json::array fields;
  for (const auto& f : v.fields) {
    json::object o{{"name", f.name}, {"label", f.label}, {"type", f.type}, {"value", f.value}};
    if (f.masked) o["masked"] = true;
    if (f.file_id) o["file_id"] = f.file_id;
    fields.push_back(std::move(o));
  }
  json::array files;
  for (const auto& f : v.files) {
    files.push_back({{"id", f.id}, {"field", f.field}, {"file_name", f.file_name}, {"kind", f.kind}, {"size", f.size}});
  }
  json::object o{{"tracking_number", v.tracking_number},
                 {"status", v.row.status},
                 {"service", json::object{{"id", v.service.service.id},
                                          {"slug", v.service.service.slug},
                                          {"name", v.service.definition.name.In(lang)},
                                          {"version", v.service.version.version},
                                          {"agency", v.service.service.node_name}}},
                 {"step", v.row.step.empty() ? json::value(nullptr)
                                             : json::value(json::object{{"key", v.row.step},
                                                                        {"name", v.step_name},
                                                                        {"office", v.step_office},
                                                                        {"due_at", v.row.step_due_at}})},
                 {"submitted_at", v.row.submitted_at},
                 {"due_at", v.row.due_at},
                 {"fee", json::object{{"amount", v.row.fee_amount},
                                      {"kind", catalog::FeeKindName(v.service.definition.fee.kind)}}},
                 {"fields", std::move(fields)},
                 {"files", std::move(files)},
                 {"timeline", TimelineJson(v.timeline)},
                 {"actions", json::array(v.actions.begin(), v.actions.end())}};
  if (!v.returned_note.empty()) o["to_fix"] = v.returned_note;
  if (!v.document_id.empty()) {
    o["document"] = json::object{{"id", v.document_id},
                                 {"download", "/api/v1/applications/" + v.tracking_number + "/document"},
                                 {"verify", "/verifikasi/" + v.document_id}};
  }
  if (v.bill) {
    json::object bill{{"billing_code", v.bill->billing_code},
                      {"amount", v.bill->amount},
                      {"issued_at", v.bill->issued_at},
                      {"expires_at", v.bill->expires_at},
                      {"status", v.bill->status},
                      {"channels", json::array(v.bill->channels.begin(), v.bill->channels.end())}};
    if (!v.bill->paid_at.empty()) bill["paid_at"] = v.bill->paid_at;
    o["bill"] = std::move(bill);
  }
  if (v.has_due) o["working_days_left"] = v.days_left;
  o["claimed"] = v.row.claimed_by != 0;
  return o;
}

void RegisterApi(http::Router& router, ApplicationsService& service) {
  static const std::string kCreateDoc =
      Doc("File an application under a service's published version (citizen or business account); idempotent with an "
          "Idempotency-Key header",
          R"([{"name": "Idempotency-Key", "in": "header", "schema": {"type": "string", "maxLength": 100}}])",
          R"({"application/json": {"schema": {"type": "object", "required": ["service_id", "data"], "properties": {
         "service_id": {"type": ["integer", "string"]}, "data": {"type": "object"},
         "submit": {"type": "boolean", "default": true, "description": "false keeps a draft for uploads"}}}}})",
          std::string(R"("201": {"description": "Filed, or the first answer to the same key", "content": {
  "application/json" : {
    "schema" : {
      "type" : "object", "properties" : {
        "tracking_number" : {"type" : "string"},
                            "access_code" : {"type" : "string"},
                                            "status" : {"type" : "string"},
                                                       "due_date" : {
          "type" : [ "string", "null" ]
        }
      }
    }
  }}}, )") + ProblemDoc("401", "Not signed in") +
              ", " + ProblemDoc("403", "Not a citizen or business account") + ", " +
              ProblemDoc("409", "The Idempotency-Key was used for a different request") + ", " +
              ProblemDoc("422", "Field errors name the form's fields"));
  router.Add("POST", "/api/v1/applications",
             [&service](Request& req) {
               if (req.actor().anonymous()) return Unauthorized(req);
               auto body = http::ParseJsonObject(req);
               if (!body.ok()) return http::Problem(req, body.error());
               std::string service_ref;
               if (auto* id = body->if_contains("service_id")) {
                 service_ref = id->is_string() ? std::string(id->as_string()) : json::serialize(*id);
               }
               json::object data;
               if (auto* d = body->if_contains("data"); d && d->is_object()) data = d->as_object();
               bool submit = true;
               if (auto* s = body->if_contains("submit"); s && s->is_bool()) submit = s->as_bool();
               std::string key(req.Header("idempotency-key").value_or(""));
               if (key.size() > 100) {
                 return http::Problem(req, Error::Validation({{"Idempotency-Key", "at most 100 characters"}}));
               }
               auto filed = service.Create(req.actor(), service_ref, data, submit, key, req.lang);
               if (!filed.ok()) return http::Problem(req, filed.error());
               return http::JsonResponse(201, FiledJson(*filed));
             },
             {.openapi = kCreateDoc});

  static const std::string kMineDoc = Doc(
      "The signed-in applicant's applications, newest first", nullptr, nullptr,
      std::string(
          R"("200": {"description": "Applications", "content": {"application/json": {"schema": {"type": "array"}}}}, )") +
          ProblemDoc("401", "Not signed in"));
  router.Add("GET", "/api/v1/applications",
             [&service](Request& req) {
               if (req.actor().anonymous()) return Unauthorized(req);
               auto mine = service.Mine(req.actor(), req.lang);
               if (!mine.ok()) return http::Problem(req, mine.error());
               json::array out;
               for (const auto& v : *mine) {
                 out.push_back({{"tracking_number", v.tracking_number},
                                {"service", v.service.definition.name.In(req.lang)},
                                {"status", v.row.status},
                                {"step", v.step_name},
                                {"submitted_at", v.row.submitted_at},
                                {"due_at", v.row.due_at}});
               }
               return http::JsonResponse(200, out);
             },
             {.openapi = kMineDoc});

  static const std::string kGetDoc =
      Doc("An application with its fields, files and timeline: for its applicant, and officers who may see it "
          "(personal numbers masked)",
          kTnParam, nullptr,
          std::string(kObject) + ", " + ProblemDoc("401", "Not signed in") + ", " +
              ProblemDoc("404", "No such application in the caller's reach"));
  router.Add("GET", "/api/v1/applications/{tracking_number}",
             [&service](Request& req) {
               if (req.actor().anonymous()) return Unauthorized(req);
               auto v = service.Get(req.actor(), req.params["tracking_number"], req.lang);
               if (!v.ok()) return http::Problem(req, v.error());
               return http::JsonResponse(200, FileJson(*v, req.lang));
             },
             {.openapi = kGetDoc, .api_key_scope = "applications.read"});

  static const std::string kDataDoc = Doc(
      "Replace a draft's or a returned file's data (its applicant)", kTnParam,
      R"({"application/json": {"schema": {"type": "object", "required": ["data"], "properties": {"data": {"type": "object"}}}}})",
      std::string(R"("204": {"description": "Saved"}, )") + ProblemDoc("401", "Not signed in") + ", " +
          ProblemDoc("404", "No such application of the caller") + ", " +
          ProblemDoc("409", "Not a draft or returned file") + ", " + ProblemDoc("422", "Field errors"));
  router.Add("PUT", "/api/v1/applications/{tracking_number}/data",
             [&service](Request& req) {
               if (req.actor().anonymous()) return Unauthorized(req);
               auto body = http::ParseJsonObject(req);
               if (!body.ok()) return http::Problem(req, body.error());
               json::object data;
               if (auto* d = body->if_contains("data"); d && d->is_object()) data = d->as_object();
               auto st = service.SaveData(req.actor(), req.params["tracking_number"], data, req.lang);
               if (!st.ok()) return http::Problem(req, st.error());
               Response r;
               r.status = 204;
               return r;
             },
             {.openapi = kDataDoc});

  static const std::string kUploadDoc = Doc(
      "Attach a file to a file field of a draft or returned file (multipart: field and file); its kind is "
      "read from the bytes",
      kTnParam,
      R"({"multipart/form-data": {"schema": {"type": "object", "required": ["field", "file"], "properties": {
         "field": {"type": "string"}, "file": {"type": "string", "format": "binary"}}}}})",
      std::string(
          R"("201": {"description": "Attached", "content": {"application/json": {"schema": {"type": "object"}}}}, )") +
          ProblemDoc("400", "Not a multipart body") + ", " + ProblemDoc("401", "Not signed in") + ", " +
          ProblemDoc("404", "No such application of the caller") + ", " +
          ProblemDoc("409", "Not a draft or returned file") + ", " +
          ProblemDoc("422", "Wrong kind of file, too large, or not a file field"));
  router.Add("POST", "/api/v1/applications/{tracking_number}/files",
             [&service](Request& req) {
               if (req.actor().anonymous()) return Unauthorized(req);
               auto parts = http::ParseMultipart(req);
               if (!parts.ok()) return http::Problem(req, parts.error());
               const http::Part* field = http::FindPart(*parts, "field");
               const http::Part* file = http::FindPart(*parts, "file");
               if (!field || !file || !file->is_file) {
                 return http::Problem(
                     req, Error::Validation(
                              {{"file", req.lang == "en" ? "send a field and a file" : "kirim isian dan berkasnya"}}));
               }
               auto row = service.Upload(req.actor(), req.params["tracking_number"], field->body, file->file_name,
                                         file->body, req.lang);
               if (!row.ok()) return http::Problem(req, row.error());
               return http::JsonResponse(201, json::object{{"id", row->id},
                                                           {"field", row->field},
                                                           {"file_name", row->file_name},
                                                           {"kind", row->kind},
                                                           {"size", row->size}});
             },
             {.openapi = kUploadDoc});

  static const std::string kFileDoc = Doc(
      "An attachment's bytes, shown inline (PDF, images)",
      R"([{"name": "tracking_number", "in": "path", "required": true, "schema": {"type": "string"}},
              {"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}])",
      nullptr,
      std::string(
          R"("200": {"description": "The file", "content": {"application/pdf": {}, "image/jpeg": {}, "image/png": {}}}, )") +
          ProblemDoc("401", "Not signed in") + ", " + ProblemDoc("404", "No such file in the caller's reach"));
  router.Add("GET", "/api/v1/applications/{tracking_number}/files/{id}",
             [&service](Request& req) {
               if (req.actor().anonymous()) return Unauthorized(req);
               auto f = service.ReadFile(req.actor(), req.params["tracking_number"],
                                         std::atoll(req.params["id"].c_str()), req.lang);
               if (!f.ok()) return http::Problem(req, f.error());
               auto kind = catalog::ParseFileKind(f->first.kind);
               Response r = Response::Text(200, std::move(f->second),
                                           std::string(catalog::FileKindMime(kind.value_or(catalog::FileKind::kPdf))));
               r.Set("Content-Disposition", "inline");
               r.Set("Cache-Control", "private, no-store");
               r.Set("Content-Security-Policy", "default-src 'none'; sandbox");
               return r;
             },
             {.openapi = kFileDoc, .api_key_scope = "applications.read"});

  static const std::string kSubmitDoc = Doc(
      "Submit a draft, or send a returned file back after correcting it", kTnParam, nullptr,
      std::string(
          R"("200": {"description": "Submitted", "content": {"application/json": {"schema": {"type": "object"}}}}, )") +
          ProblemDoc("401", "Not signed in") + ", " + ProblemDoc("404", "No such application of the caller") + ", " +
          ProblemDoc("409", "Already submitted") + ", " + ProblemDoc("422", "Field errors"));
  router.Add("POST", "/api/v1/applications/{tracking_number}/submit",
             [&service](Request& req) {
               if (req.actor().anonymous()) return Unauthorized(req);
               auto filed = service.Submit(req.actor(), req.params["tracking_number"], req.lang);
               if (!filed.ok()) return http::Problem(req, filed.error());
               return http::JsonResponse(200, FiledJson(*filed));
             },
             {.openapi = kSubmitDoc});

  static const std::string kActionDoc =
      Doc("An officer acts on a file at its current step: verify, approve, forward, reject (note: the reason), return "
          "(note: what to fix), note; or claim / release it",
          kTnParam,
          R"({"application/json": {"schema": {"type": "object", "required": ["action"], "properties": {
         "action": {"type": "string", "enum": ["verify", "approve", "forward", "reject", "return", "note", "claim", "release", "assign"]},
         "note": {"type": "string"}, "to": {"type": "string", "description": "assign: the officer's e-mail"}}}}})",
          std::string(kObject) + ", " + ProblemDoc("401", "Not signed in") + ", " +
              ProblemDoc("403", "The caller may not act at this step") + ", " +
              ProblemDoc("404", "No such application in the caller's reach") + ", " +
              ProblemDoc("409", "Claimed by another officer, or the file is not at a step") + ", " +
              ProblemDoc("422", "The step does not offer the action, or the note is missing"));
  router.Add("POST", "/api/v1/applications/{tracking_number}/actions",
             [&service](Request& req) {
               if (req.actor().anonymous()) return Unauthorized(req);
               auto body = http::ParseJsonObject(req);
               if (!body.ok()) return http::Problem(req, body.error());
               auto v = service.Act(req.actor(), req.params["tracking_number"],
                                    http::StringField(*body, "action").value_or(""),
                                    http::StringField(*body, "note").value_or(""), req.lang,
                                    http::StringField(*body, "to").value_or(""));
               if (!v.ok()) return http::Problem(req, v.error());
               return http::JsonResponse(200, FileJson(*v, req.lang));
             },
             {.openapi = kActionDoc});

  static const std::string kRevealDoc = Doc(
      "Unmask a NIK or phone field of a file (officers; every reveal is in the audit trail)", kTnParam,
      R"({"application/json": {"schema": {"type": "object", "required": ["field"], "properties": {"field": {"type": "string"}}}}})",
      std::string(
          R"("200": {"description": "The value", "content": {"application/json": {"schema": {"type": "object"}}}}, )") +
          ProblemDoc("401", "Not signed in") + ", " + ProblemDoc("403", "The caller may not see personal data") + ", " +
          ProblemDoc("404", "No such application in the caller's reach") + ", " +
          ProblemDoc("422", "Not a masked field"));
  router.Add("POST", "/api/v1/applications/{tracking_number}/reveal",
             [&service](Request& req) {
               if (req.actor().anonymous()) return Unauthorized(req);
               auto body = http::ParseJsonObject(req);
               if (!body.ok()) return http::Problem(req, body.error());
               auto value = service.Reveal(req.actor(), req.params["tracking_number"],
                                           http::StringField(*body, "field").value_or(""), req.lang);
               if (!value.ok()) return http::Problem(req, value.error());
               Response r = http::JsonResponse(200, json::object{{"value", *value}});
               r.Set("Cache-Control", "no-store");
               return r;
             },
             {.openapi = kRevealDoc});

  static const std::string kWorklistDoc = Doc(
      "The files the officer's grants reach at their current step, oldest deadline first, with on time / due soon / "
      "overdue markers",
      R"([{"name": "service_id", "in": "query", "schema": {"type": "integer"}},
          {"name": "step", "in": "query", "schema": {"type": "string"}},
          {"name": "status", "in": "query", "schema": {"type": "string", "enum": ["in_progress", "returned"]}},
          {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}}])",
      nullptr,
      std::string(
          R"("200": {"description": "Work items", "content": {"application/json": {"schema": {"type": "array"}}}}, )") +
          ProblemDoc("401", "Not signed in") + ", " + ProblemDoc("403", "Not an officer who processes files"));
  router.Add("GET", "/api/v1/worklist",
             [&service](Request& req) {
               if (req.actor().anonymous()) return Unauthorized(req);
               WorklistFilter f;
               f.service_id = std::atoll(req.Query("service_id").value_or("0").c_str());
               f.step = req.Query("step").value_or("");
               f.status = req.Query("status").value_or("");
               f.page = std::max(1, std::atoi(req.Query("page").value_or("1").c_str()));
               auto items = service.Worklist(req.actor(), f, req.lang);
               if (!items.ok()) return http::Problem(req, items.error());
               json::array out;
               for (const auto& w : *items) {
                 out.push_back({{"tracking_number", w.tracking_number},
                                {"service", w.service_name},
                                {"service_id", w.row.service_id},
                                {"step", w.row.step},
                                {"step_name", w.step_name},
                                {"status", w.row.status},
                                {"submitted_at", w.row.submitted_at},
                                {"step_due_at", w.row.step_due_at},
                                {"working_days_left", w.days_left},
                                {"marker", w.marker},
                                {"claimed", w.claimed},
                                {"claimed_by_me", w.claimed_by_me}});
               }
               return http::JsonResponse(200, out);
             },
             {.openapi = kWorklistDoc});

  static const std::string kTrackDoc = Doc(
      "The public status of an application, with its access code (no personal data)",
      R"([{"name": "tracking_number", "in": "path", "required": true, "schema": {"type": "string"}},
              {"name": "code", "in": "query", "required": true, "schema": {"type": "string"}}])",
      nullptr,
      std::string(
          R"("200": {"description": "Status and timeline", "content": {"application/json": {"schema": {"type": "object"}}}}, )") +
          ProblemDoc("404", "No application with that number and code"));
  router.Add("GET", "/api/v1/track/{tracking_number}",
             [&service](Request& req) {
               auto t =
                   service.Track(req.actor(), req.params["tracking_number"], req.Query("code").value_or(""), req.lang);
               if (!t.ok()) return http::Problem(req, t.error());
               Response r = http::JsonResponse(200, json::object{{"tracking_number", t->tracking_number},
                                                                 {"service", t->service_name},
                                                                 {"agency", t->agency},
                                                                 {"status", t->status},
                                                                 {"step", t->step_name},
                                                                 {"office", t->step_office},
                                                                 {"submitted_at", t->submitted_at},
                                                                 {"due_at", t->due_at},
                                                                 {"timeline", TimelineJson(t->timeline)}});
               r.Set("Cache-Control", "no-store");
               return r;
             },
             {.openapi = kTrackDoc});
}

}  // namespace spbe::applications
