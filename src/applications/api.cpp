#include "applications/api.hpp"

#include <boost/json.hpp>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>

#include "http/json.hpp"
#include "http/multipart.hpp"
#include "http/operation.hpp"
#include "http/problem.hpp"
#include "platform/i18n.hpp"

namespace spbe::applications {

using http::Request;
using http::Response;

namespace {

namespace json = boost::json;
using http::Unauthorized;
using http::contract::Nullable;

// ---- contracts ------------------------------------------------------------------------------------------------

struct CreateBody {
  json::value service_id;
  std::optional<json::object> data;
  std::optional<bool> submit;
  static json::object Notes() {
    return {{"service_id", {{"type", {"integer", "string"}}, {"description", "the service's id or slug"}}},
            {"data", {{"description", "the form's fields by name, as the service's published form asks"}}},
            {"submit", {{"default", true}, {"description", "false keeps a draft, to attach files before submitting"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(CreateBody, (), (service_id, data, submit))

struct FiledOut {
  std::string tracking_number;
  std::optional<std::string> access_code;
  std::string status;
  std::int64_t fee_amount = 0;
  Nullable<std::string> due_date;
  Nullable<std::string> due_at;
  static json::object Notes() {
    return {{"tracking_number", {{"example", "2611-4821-7305"}}},
            {"access_code", {{"description", "shown once: with the number, it lets anyone follow the file"}}},
            {"fee_amount", {{"description", "whole rupiah, as published"}}},
            {"due_date", {{"description", "the deadline's UTC date (null for a draft); due_at is exact"}}},
            {"due_at", {{"description", "the deadline, ISO 8601 UTC (null for a draft)"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(FiledOut, (), (tracking_number, access_code, status, fee_amount, due_date, due_at))

struct MineItem {
  std::string tracking_number, service, status, step, submitted_at, due_at;
};
BOOST_DESCRIBE_STRUCT(MineItem, (), (tracking_number, service, status, step, submitted_at, due_at))

struct DataBody {
  std::optional<json::object> data;
};
BOOST_DESCRIBE_STRUCT(DataBody, (), (data))

struct AttachmentOut {
  std::int64_t id = 0;
  std::string field, file_name, kind;
  std::int64_t size = 0;
};
BOOST_DESCRIBE_STRUCT(AttachmentOut, (), (id, field, file_name, kind, size))

struct TimelineOut {
  std::string at, action, step, office;
  std::optional<std::string> note;
  std::optional<bool> internal;
  std::optional<std::string> due_at;
};
BOOST_DESCRIBE_STRUCT(TimelineOut, (), (at, action, step, office, note, internal, due_at))

struct FieldOut {
  std::string name, label, type, value;
  std::optional<bool> masked;
  std::optional<std::int64_t> file_id;
};
BOOST_DESCRIBE_STRUCT(FieldOut, (), (name, label, type, value, masked, file_id))

struct ServiceOut {
  std::int64_t id = 0;
  std::string slug, name;
  int version = 0;
  std::string agency;
};
BOOST_DESCRIBE_STRUCT(ServiceOut, (), (id, slug, name, version, agency))

struct StepOut {
  std::string key, name, office, due_at;
};
BOOST_DESCRIBE_STRUCT(StepOut, (), (key, name, office, due_at))

struct FeeOut {
  std::int64_t amount = 0;
  std::string kind;
};
BOOST_DESCRIBE_STRUCT(FeeOut, (), (amount, kind))

struct DocumentOut {
  std::string id, download, verify;
};
BOOST_DESCRIBE_STRUCT(DocumentOut, (), (id, download, verify))

struct BillOut {
  std::string billing_code;
  std::int64_t amount = 0;
  std::string issued_at, expires_at, status;
  std::vector<std::string> channels;
  std::optional<std::string> paid_at;
};
BOOST_DESCRIBE_STRUCT(BillOut, (), (billing_code, amount, issued_at, expires_at, status, channels, paid_at))

struct ApplicationOut {
  std::string tracking_number, status;
  ServiceOut service;
  Nullable<StepOut> step;
  std::string submitted_at, due_at;
  FeeOut fee;
  std::vector<FieldOut> fields;
  std::vector<AttachmentOut> files;
  std::vector<TimelineOut> timeline;
  std::vector<std::string> actions;
  std::optional<std::string> to_fix;
  std::optional<DocumentOut> document;
  std::optional<BillOut> bill;
  std::optional<int> working_days_left;
  bool claimed = false;
  static json::object Notes() {
    return {{"step", {{"description", "the step the file is at (null once decided)"}}},
            {"actions", {{"description", "what the caller may do now (POST .../actions)"}}},
            {"to_fix", {{"description", "what to correct, while the file is returned"}}},
            {"working_days_left", {{"description", "to the step's deadline; negative when overdue"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(ApplicationOut, (),
                      (tracking_number, status, service, step, submitted_at, due_at, fee, fields, files, timeline,
                       actions, to_fix, document, bill, working_days_left, claimed))

struct ActionBody {
  std::string action;
  std::optional<std::string> note;
  std::optional<std::string> to;
  static json::object Notes() {
    return {{"action",
             {{"enum", {"verify", "approve", "forward", "reject", "return", "note", "claim", "release", "assign"}}}},
            {"note", {{"description", "reject: the reason; return: what to fix"}}},
            {"to", {{"description", "assign: the officer's e-mail"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(ActionBody, (), (action, note, to))

struct RevealBody {
  std::string field;
};
BOOST_DESCRIBE_STRUCT(RevealBody, (), (field))

struct RevealOut {
  std::string value;
};
BOOST_DESCRIBE_STRUCT(RevealOut, (), (value))

struct WorkItemOut {
  std::string tracking_number, service;
  std::int64_t service_id = 0;
  std::string step, step_name, status, submitted_at, step_due_at;
  int working_days_left = 0;
  std::string marker;
  bool claimed = false, claimed_by_me = false;
  static json::object Notes() { return {{"marker", {{"enum", {"on_time", "due_soon", "overdue"}}}}}; }
};
BOOST_DESCRIBE_STRUCT(WorkItemOut, (),
                      (tracking_number, service, service_id, step, step_name, status, submitted_at, step_due_at,
                       working_days_left, marker, claimed, claimed_by_me))

struct TrackOut {
  std::string tracking_number, service, agency, status, step, office, submitted_at, due_at;
  std::vector<TimelineOut> timeline;
};
BOOST_DESCRIBE_STRUCT(TrackOut, (),
                      (tracking_number, service, agency, status, step, office, submitted_at, due_at, timeline))

FiledOut ToFiled(const Filed& f) {
  FiledOut o{f.tracking_number, std::nullopt, f.status, f.fee_amount, std::nullopt, std::nullopt};
  if (!f.access_code.empty()) o.access_code = f.access_code;
  if (!f.due_at.empty()) {
    o.due_date = f.due_at.substr(0, 10);
    o.due_at = f.due_at;
  }
  return o;
}

std::vector<TimelineOut> ToTimeline(const std::vector<TimelineEntry>& entries) {
  std::vector<TimelineOut> out;
  out.reserve(entries.size());
  for (const auto& e : entries) {
    TimelineOut t{e.at, e.action, e.step_name, e.office, std::nullopt, std::nullopt, std::nullopt};
    if (!e.note.empty()) t.note = e.note;
    if (e.internal) t.internal = true;
    if (!e.due_at.empty()) t.due_at = e.due_at;
    out.push_back(std::move(t));
  }
  return out;
}

ApplicationOut ToApplication(const FileView& v, std::string_view lang) {
  ApplicationOut o;
  o.tracking_number = v.tracking_number;
  o.status = v.row.status;
  o.service = {v.service.service.id, v.service.service.slug, v.service.definition.name.In(lang),
               v.service.version.version, v.service.service.node_name};
  if (!v.row.step.empty()) o.step = StepOut{v.row.step, v.step_name, v.step_office, v.row.step_due_at};
  o.submitted_at = v.row.submitted_at;
  o.due_at = v.row.due_at;
  o.fee = {v.row.fee_amount, std::string(catalog::FeeKindName(v.service.definition.fee.kind))};
  for (const auto& f : v.fields) {
    FieldOut field{f.name, f.label, f.type, f.value, std::nullopt, std::nullopt};
    if (f.masked) field.masked = true;
    if (f.file_id) field.file_id = f.file_id;
    o.fields.push_back(std::move(field));
  }
  for (const auto& f : v.files) o.files.push_back({f.id, f.field, f.file_name, f.kind, f.size});
  o.timeline = ToTimeline(v.timeline);
  o.actions = v.actions;
  if (!v.returned_note.empty()) o.to_fix = v.returned_note;
  if (!v.document_id.empty()) {
    o.document = DocumentOut{v.document_id, "/api/v1/applications/" + v.tracking_number + "/document",
                             "/verifikasi/" + v.document_id};
  }
  if (v.bill) {
    BillOut bill{v.bill->billing_code, v.bill->amount,   v.bill->issued_at, v.bill->expires_at,
                 v.bill->status,       v.bill->channels, std::nullopt};
    if (!v.bill->paid_at.empty()) bill.paid_at = v.bill->paid_at;
    o.bill = std::move(bill);
  }
  if (v.has_due) o.working_days_left = v.days_left;
  o.claimed = v.row.claimed_by != 0;
  return o;
}

Response NoStore(Response r) {
  r.Set("Cache-Control", "no-store");
  return r;
}

// ---- handlers -------------------------------------------------------------------------------------------------

http::Handler Create(ApplicationsService& service) {
  return [&service](Request& req) {
    if (req.actor().anonymous()) return Unauthorized(req);
    auto in = http::ReadBody<CreateBody>(req);
    if (!in.ok()) return http::Problem(req, in.error());
    if (!in->service_id.is_string() && !in->service_id.is_int64()) {
      return http::Problem(req,
                           Error::Validation({{"service_id", i18n::Tr(req.lang, "applications_service_id_type")}}));
    }
    std::string service_ref =
        in->service_id.is_string() ? std::string(in->service_id.as_string()) : json::serialize(in->service_id);
    std::string key(req.Header("idempotency-key").value_or(""));
    if (key.size() > 100) {
      return http::Problem(req, Error::Validation({{"Idempotency-Key", "at most 100 characters"}}));
    }
    auto filed = service.Create(req.actor(), service_ref, in->data.value_or(json::object{}), in->submit.value_or(true),
                                key, req.lang);
    if (!filed.ok()) return http::Problem(req, filed.error());
    return http::Reply(201, ToFiled(*filed));
  };
}

http::Handler Mine(ApplicationsService& service) {
  return [&service](Request& req) {
    if (req.actor().anonymous()) return Unauthorized(req);
    auto mine = service.Mine(req.actor(), req.lang);
    if (!mine.ok()) return http::Problem(req, mine.error());
    std::vector<MineItem> out;
    for (const auto& v : *mine) {
      out.push_back({v.tracking_number, v.service.definition.name.In(req.lang), v.row.status, v.step_name,
                     v.row.submitted_at, v.row.due_at});
    }
    return http::Reply(200, out);
  };
}

http::Handler Get(ApplicationsService& service) {
  return [&service](Request& req) {
    if (req.actor().anonymous()) return Unauthorized(req);
    auto v = service.Get(req.actor(), req.params["tracking_number"], req.lang);
    if (!v.ok()) return http::Problem(req, v.error());
    return http::Reply(200, ToApplication(*v, req.lang));
  };
}

http::Handler SaveData(ApplicationsService& service) {
  return [&service](Request& req) {
    if (req.actor().anonymous()) return Unauthorized(req);
    auto in = http::ReadBody<DataBody>(req);
    if (!in.ok()) return http::Problem(req, in.error());
    auto st = service.SaveData(req.actor(), req.params["tracking_number"], in->data.value_or(json::object{}), req.lang);
    if (!st.ok()) return http::Problem(req, st.error());
    Response r;
    r.status = 204;
    return r;
  };
}

http::Handler Upload(ApplicationsService& service) {
  return [&service](Request& req) {
    if (req.actor().anonymous()) return Unauthorized(req);
    auto parts = http::ParseMultipart(req);
    if (!parts.ok()) return http::Problem(req, parts.error());
    const http::Part* field = http::FindPart(*parts, "field");
    const http::Part* file = http::FindPart(*parts, "file");
    if (!field || !file || !file->is_file) {
      return http::Problem(req,
                           Error::Validation({{"file", i18n::Tr(req.lang, "applications_upload_field_and_file")}}));
    }
    auto row =
        service.Upload(req.actor(), req.params["tracking_number"], field->body, file->file_name, file->body, req.lang);
    if (!row.ok()) return http::Problem(req, row.error());
    return http::Reply(201, AttachmentOut{row->id, row->field, row->file_name, row->kind, row->size});
  };
}

http::Handler ReadAttachment(ApplicationsService& service) {
  return [&service](Request& req) {
    if (req.actor().anonymous()) return Unauthorized(req);
    auto f =
        service.ReadFile(req.actor(), req.params["tracking_number"], std::atoll(req.params["id"].c_str()), req.lang);
    if (!f.ok()) return http::Problem(req, f.error());
    auto kind = catalog::ParseFileKind(f->first.kind);
    Response r = Response::Text(200, std::move(f->second),
                                std::string(catalog::FileKindMime(kind.value_or(catalog::FileKind::kPdf))));
    r.Set("Content-Disposition", "inline");
    r.Set("Cache-Control", "private, no-store");
    r.Set("Content-Security-Policy", "default-src 'none'; sandbox");
    return r;
  };
}

http::Handler Submit(ApplicationsService& service) {
  return [&service](Request& req) {
    if (req.actor().anonymous()) return Unauthorized(req);
    auto filed = service.Submit(req.actor(), req.params["tracking_number"], req.lang);
    if (!filed.ok()) return http::Problem(req, filed.error());
    return http::Reply(200, ToFiled(*filed));
  };
}

http::Handler Act(ApplicationsService& service) {
  return [&service](Request& req) {
    if (req.actor().anonymous()) return Unauthorized(req);
    auto in = http::ReadBody<ActionBody>(req);
    if (!in.ok()) return http::Problem(req, in.error());
    auto v = service.Act(req.actor(), req.params["tracking_number"], in->action, in->note.value_or(""), req.lang,
                         in->to.value_or(""));
    if (!v.ok()) return http::Problem(req, v.error());
    return http::Reply(200, ToApplication(*v, req.lang));
  };
}

http::Handler Reveal(ApplicationsService& service) {
  return [&service](Request& req) {
    if (req.actor().anonymous()) return Unauthorized(req);
    auto in = http::ReadBody<RevealBody>(req);
    if (!in.ok()) return http::Problem(req, in.error());
    auto value = service.Reveal(req.actor(), req.params["tracking_number"], in->field, req.lang);
    if (!value.ok()) return http::Problem(req, value.error());
    return NoStore(http::Reply(200, RevealOut{*value}));
  };
}

http::Handler Worklist(ApplicationsService& service) {
  return [&service](Request& req) {
    if (req.actor().anonymous()) return Unauthorized(req);
    WorklistFilter f;
    f.service_id = std::atoll(req.Query("service_id").value_or("0").c_str());
    f.step = req.Query("step").value_or("");
    f.status = req.Query("status").value_or("");
    f.page = std::max(1, std::atoi(req.Query("page").value_or("1").c_str()));
    auto items = service.Worklist(req.actor(), f, req.lang);
    if (!items.ok()) return http::Problem(req, items.error());
    std::vector<WorkItemOut> out;
    out.reserve(items->size());
    for (const auto& w : *items) {
      out.push_back({w.tracking_number, w.service_name, w.row.service_id, w.row.step, w.step_name, w.row.status,
                     w.row.submitted_at, w.row.step_due_at, w.days_left, w.marker, w.claimed, w.claimed_by_me});
    }
    return http::Reply(200, out);
  };
}

/// Tracking answers as sent, per view (ApplicationsService::Track shares one view per copy of the file and
/// language): the busiest public read renders its JSON once per change of the file, not once per request. Bounded:
/// it starts again empty when full.
class TrackBodies {
 public:
  std::optional<std::string> Find(const std::string& key, const std::shared_ptr<const TrackView>& view) {
    std::lock_guard lock(mu_);
    auto it = bodies_.find(key);
    if (it == bodies_.end() || it->second.first != view) return std::nullopt;
    return it->second.second;
  }
  void Put(const std::string& key, std::shared_ptr<const TrackView> view, std::string body) {
    std::lock_guard lock(mu_);
    if (bodies_.size() >= kLimit && !bodies_.contains(key)) bodies_.clear();
    bodies_.insert_or_assign(key, std::make_pair(std::move(view), std::move(body)));
  }

 private:
  static constexpr std::size_t kLimit = 5000;
  std::mutex mu_;
  std::unordered_map<std::string, std::pair<std::shared_ptr<const TrackView>, std::string>> bodies_;
};

http::Handler Track(ApplicationsService& service) {
  return [&service, bodies = std::make_shared<TrackBodies>()](Request& req) {
    // Public: the caller counts only by its address (wrong codes are braked per address), so no credential it may
    // carry is looked up.
    access::Actor by;
    by.address = req.remote_address;
    auto number = req.params["tracking_number"];
    auto code = req.Query("code").value_or("");
    Result<std::shared_ptr<const TrackView>> found = Error::Of(ErrorCode::kInternal, "");
    if (http::OnNetworkThread()) {
      auto fast = service.TrackFromMemory(by, number, code, req.lang);
      if (!fast) throw http::NeedsWorker{};
      found = std::move(*fast);
    } else {
      found = service.Track(by, number, code, req.lang);
    }
    if (!found.ok()) return http::Problem(req, found.error());
    const TrackView& t = **found;
    std::string key = req.lang + ":" + t.tracking_number;
    if (auto body = bodies->Find(key, *found)) return NoStore(Response::Json(200, std::move(*body)));
    Response res = NoStore(http::Reply(200, TrackOut{t.tracking_number, t.service_name, t.agency, t.status, t.step_name,
                                                     t.step_office, t.submitted_at, t.due_at, ToTimeline(t.timeline)}));
    bodies->Put(key, *found, res.body);
    return res;
  };
}

}  // namespace

void RegisterApi(http::Router& router, ApplicationsService& service) {
  router.DescribeTag("applications",
                     "Applications (permohonan): filing, attachments, tracking and the officers' workflow.");
  using http::Operation;
  const char* tag = "applications";
  router.Add(
      "POST", "/api/v1/applications", Create(service),
      Operation("createApplication", tag, "File an application under a service's published version")
          .Describe("For a citizen or business account. With `submit: false` it stays a draft, to attach files "
                    "(POST .../files) and submit later. The same `Idempotency-Key` twice files once and answers the "
                    "first answer again.")
          .Header("Idempotency-Key", "Any unique text (at most 100 characters): a retry with it files nothing new")
          .Body<CreateBody>(CreateBody{
              json::value(12), json::object{{"nama_pemohon", "Siti Aminah"}, {"alamat", "Jl. Merdeka 5"}}, false})
          .Reply<FiledOut>(201, "Filed (or kept as a draft), or the first answer to the same key")
          .Problems({{400, "Body is not JSON"},
                     {401, "Not signed in"},
                     {403, "Not a citizen or business account"},
                     {404, "No such published service"},
                     {409, "The Idempotency-Key was used for a different request"},
                     {422, "Field errors name the form's fields"}})
          .Options());
  router.Add("GET", "/api/v1/applications", Mine(service),
             Operation("listMyApplications", tag, "The signed-in applicant's applications, newest first")
                 .Reply<std::vector<MineItem>>(200, "Applications")
                 .Problems({{401, "Not signed in"}})
                 .Options());
  router.Add("GET", "/api/v1/applications/{tracking_number}", Get(service),
             Operation("getApplication", tag, "An application with its fields, files and timeline")
                 .Describe("For its applicant, and officers who may see it (personal numbers masked).")
                 .Scope("applications.read")
                 .Reply<ApplicationOut>(200, "The application")
                 .Problems({{401, "Not signed in"}, {404, "No such application in the caller's reach"}})
                 .Options());
  router.Add("PUT", "/api/v1/applications/{tracking_number}/data", SaveData(service),
             Operation("saveApplicationData", tag, "Replace a draft's or a returned file's data (its applicant)")
                 .Body<DataBody>(DataBody{json::object{{"nama_pemohon", "Siti Aminah"}, {"alamat", "Jl. Merdeka 7"}}})
                 .ReplyEmpty(204, "Saved")
                 .Problems({{400, "Body is not JSON"},
                            {401, "Not signed in"},
                            {404, "No such application of the caller"},
                            {409, "Not a draft or returned file"},
                            {422, "Field errors"}})
                 .Options());
  router.Add("POST", "/api/v1/applications/{tracking_number}/files", Upload(service),
             Operation("attachApplicationFile", tag, "Attach a file to a file field of a draft or returned file")
                 .Describe("Multipart: `field` (the form's file field) and `file`. Its kind is read from the bytes.")
                 .BodyContent("multipart/form-data",
                              {{"type", "object"},
                               {"required", {"field", "file"}},
                               {"properties", {{"field", {{"type", "string"}}}, {"file", http::BinarySchema()}}}},
                              nullptr)
                 .Reply<AttachmentOut>(201, "Attached")
                 .Problems({{400, "Not a multipart body"},
                            {401, "Not signed in"},
                            {404, "No such application of the caller"},
                            {409, "Not a draft or returned file"},
                            {422, "Wrong kind of file, too large, or not a file field"}})
                 .Options());
  router.Add("GET", "/api/v1/applications/{tracking_number}/files/{id}", ReadAttachment(service),
             Operation("getApplicationFile", tag, "An attachment's bytes, shown inline (PDF, images)")
                 .Scope("applications.read")
                 .Path("id", http::IntegerSchema(), "The attachment's id (from the application's files)")
                 .ReplyContent(200, "The file", "application/pdf", http::BinarySchema())
                 .ReplyContent(200, "The file", "image/jpeg", http::BinarySchema())
                 .ReplyContent(200, "The file", "image/png", http::BinarySchema())
                 .Problems({{401, "Not signed in"}, {404, "No such file in the caller's reach"}})
                 .Options());
  router.Add("POST", "/api/v1/applications/{tracking_number}/submit", Submit(service),
             Operation("submitApplication", tag, "Submit a draft, or send a returned file back after correcting it")
                 .Reply<FiledOut>(200, "Submitted")
                 .Problems({{401, "Not signed in"},
                            {404, "No such application of the caller"},
                            {409, "Already submitted"},
                            {422, "Field errors"}})
                 .Options());
  router.Add("POST", "/api/v1/applications/{tracking_number}/actions", Act(service),
             Operation("actOnApplication", tag, "An officer acts on a file at its current step")
                 .Describe("verify, approve, forward, reject (note: the reason), return (note: what to fix), note; "
                           "claim or release it; assign it to another officer (to: their e-mail).")
                 .Body<ActionBody>(ActionBody{"return", "Lampirkan KTP yang terbaca jelas", std::nullopt})
                 .Reply<ApplicationOut>(200, "The file after the action")
                 .Problems({{400, "Body is not JSON"},
                            {401, "Not signed in"},
                            {403, "The caller may not act at this step"},
                            {404, "No such application in the caller's reach"},
                            {409, "Claimed by another officer, or the file is not at a step"},
                            {422, "The step does not offer the action, or the note is missing"}})
                 .Options());
  router.Add("POST", "/api/v1/applications/{tracking_number}/reveal", Reveal(service),
             Operation("revealApplicationField", tag, "Unmask a NIK or phone field of a file")
                 .Describe("Officers only; every reveal is written to the audit trail.")
                 .Body<RevealBody>(RevealBody{"nik"})
                 .Reply<RevealOut>(200, "The value")
                 .Problems({{400, "Body is not JSON"},
                            {401, "Not signed in"},
                            {403, "The caller may not see personal data"},
                            {404, "No such application in the caller's reach"},
                            {422, "Not a masked field"}})
                 .Options());
  router.Add("GET", "/api/v1/worklist", Worklist(service),
             Operation("getWorklist", tag, "The files the officer's grants reach at their current step")
                 .Describe("Oldest deadline first, with on time / due soon / overdue markers; 50 a page.")
                 .Query("service_id", http::IntegerSchema(), "Only this service's files")
                 .Query("step", {{"type", "string"}, {"maxLength", 100}}, "Only files at this step (its key)")
                 .Query("status", {{"type", "string"}, {"enum", {"in_progress", "returned"}}}, "Default in_progress")
                 .Query("page", {{"type", "integer"}, {"minimum", 1}}, "From 1")
                 .Reply<std::vector<WorkItemOut>>(200, "Work items")
                 .Problems({{401, "Not signed in"}, {403, "Not an officer who processes files"}})
                 .Options());
  router.Add("GET", "/api/v1/track/{tracking_number}", Track(service),
             Operation("trackApplication", tag, "The public status of an application, with its access code")
                 .Describe("No personal data. Too many wrong codes for a number or from an address answer 429.")
                 .Public()
                 .Query("code", {{"type", "string"}, {"maxLength", 20}}, "The access code given at filing", true)
                 .Reply<TrackOut>(200, "Status and timeline")
                 .Problems({{404, "No application with that number and code"}, {429, "Too many wrong codes"}})
                 .Options(false, /*io_first=*/true));
}

}  // namespace spbe::applications
