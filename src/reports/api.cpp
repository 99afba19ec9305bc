#include <boost/json.hpp>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "http/json.hpp"
#include "http/multipart.hpp"
#include "http/operation.hpp"
#include "http/problem.hpp"
#include "reports/api.hpp"
#include "reports/web.hpp"

namespace spbe::reports {

using http::Request;
using http::Response;

namespace {

namespace json = boost::json;
namespace contract = http::contract;

// ---- What a caller sends. ----

struct FilingBody {
  std::string kind;
  std::string identity;
  std::string category;
  std::string title;
  std::string body;
  std::optional<std::string> region_code;
  std::optional<std::string> happened_on;
  std::optional<std::string> name;
  std::optional<std::string> contact;
  std::optional<double> latitude;
  std::optional<double> longitude;
  std::optional<std::int64_t> office_id;
  std::optional<std::string> service_id;
  std::optional<std::string> application;
  std::optional<bool> keep_location;
  static json::object Notes() {
    return {
        {"kind", {{"enum", {"pengaduan", "aspirasi", "informasi"}}}},
        {"identity",
         {{"enum", {"shown", "confidential", "anonymous"}},
          {"description",
           "shown: the public sees the name; confidential: only the handling office; anonymous: "
           "no identity is kept at all"}}},
        {"category", {{"description", "a slug from GET /api/v1/report-categories"}}},
        {"title", {{"minLength", 5}, {"maxLength", 150}}},
        {"body", {{"minLength", 20}, {"maxLength", 5000}}},
        {"region_code", {{"description", "a Kemendagri region code (kelurahan, kecamatan or kabupaten)"}}},
        {"happened_on", {{"format", "date"}, {"description", "not in the future"}}},
        {"name", {{"description", "required unless anonymous"}}},
        {"contact", {{"description", "an e-mail address or a mobile number; required unless anonymous"}}},
        {"latitude", {{"minimum", -11.5}, {"maximum", 6.5}}},
        {"longitude", {{"minimum", 94.5}, {"maximum", 141.5}}},
        {"office_id", {{"description", "the office the report is about, when known"}}},
        {"service_id", {{"description", "a published service's id or slug, when the report is about one"}}},
        {"application", {{"description", "the tracking number of your own application it is about"}}},
        {"keep_location", {{"description", "multipart only: keep where the photos were taken (removed otherwise)"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(FilingBody, (),
                      (kind, identity, category, title, body, region_code, happened_on, name, contact, latitude,
                       longitude, office_id, service_id, application, keep_location))

struct ActBody {
  std::string action;
  std::optional<std::string> note;
  std::optional<std::int64_t> to_node_id;
  std::optional<std::string> track;
  std::optional<bool> publish;
  std::optional<std::string> merge_into;
  std::optional<std::string> code;
  static json::object Notes() {
    return {{"action",
             {{"enum", {"accept", "merge", "decline", "answer", "ask_more", "forward", "close", "reply", "object"}}}},
            {"note", {{"description", "required for decline, answer, ask_more, close and object"}}},
            {"to_node_id", {{"description", "accept: the office to send it to; forward: the office responsible"}}},
            {"track", {{"enum", {"simple", "dispute", "inspection"}}, {"description", "accept: the time limit"}}},
            {"publish",
             {{"description",
               "accept: show it in the public feed (default true; never a confidential "
               "report)"}}},
            {"merge_into", {{"description", "merge: the tracking number of the report it duplicates"}}},
            {"code", {{"description", "the reporter's access code (reply, object), instead of signing in"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(ActBody, (), (action, note, to_node_id, track, publish, merge_into, code))

// ---- What it answers. ----

struct FiledAnswer {
  std::string tracking_number;
  std::string access_code;
  std::string status;
  std::string verify_due_at;
  static json::object Notes() {
    return {{"access_code", {{"description", "shown once: with the number it opens the report"}}},
            {"verify_due_at", {{"format", "date-time"}, {"description", "when the desk must have verified it"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(FiledAnswer, (), (tracking_number, access_code, status, verify_due_at))

struct TimelineEntry {
  std::string at;
  std::string action;
  std::string by;
  std::string office;
  std::string note;
  std::optional<std::string> to_office;
  std::optional<bool> internal;
  static json::object Notes() {
    return {{"at", {{"format", "date-time"}}},
            {"by", {{"enum", {"desk", "office", "reporter", "system"}}}},
            {"internal", {{"description", "officers only: not shown to the reporter"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(TimelineEntry, (), (at, action, by, office, note, to_office, internal))

struct Attached {
  std::int64_t id = 0;
  std::string name;
  std::string kind;
  std::int64_t size = 0;
  bool location_kept = false;
  static json::object Notes() { return {{"kind", {{"enum", {"pdf", "jpeg", "png"}}}}}; }
};
BOOST_DESCRIBE_STRUCT(Attached, (), (id, name, kind, size, location_kept))

struct NamedOffice {
  std::int64_t id = 0;
  std::string name;
};
BOOST_DESCRIBE_STRUCT(NamedOffice, (), (id, name))

// A report as one audience sees it: the public (no personal data), its reporter, or the officers holding it.
struct ReportOut {
  std::string tracking_number;
  std::string kind;
  std::string category;
  std::string category_name;
  std::string status;
  std::string title;
  std::string body;
  std::string region_code;
  std::string happened_on;
  std::string office;
  std::string created_at;
  std::int64_t supports = 0;
  std::vector<TimelineEntry> timeline;
  std::optional<std::string> reporter_name;
  std::optional<std::string> about_office;
  std::optional<std::string> service;
  std::optional<std::string> answered_at;
  std::optional<std::string> closed_at;
  std::optional<std::string> due_at;
  std::optional<int> rating;
  std::optional<std::vector<std::string>> actions;
  // The reporter's own view and the officers'.
  std::optional<std::string> identity;
  std::optional<std::string> reporter_contact;
  std::optional<std::string> application;
  std::optional<double> latitude;
  std::optional<double> longitude;
  std::optional<std::vector<Attached>> files;
  // The officers'.
  std::optional<std::string> verify_due_at;
  std::optional<std::string> track;
  std::optional<bool> public_;  // "public" in the JSON (contract::JsonName)
  std::optional<bool> objected;
  std::optional<std::string> marker;
  std::optional<int> days_left;
  std::optional<NamedOffice> proposed_office;
  static json::object Notes() {
    return {{"kind", {{"enum", {"pengaduan", "aspirasi", "informasi"}}}},
            {"status",
             {{"enum", {"submitted", "disposed", "waiting_reporter", "answered", "reopened", "closed", "declined"}}}},
            {"created_at", {{"format", "date-time"}}},
            {"office", {{"description", "who holds it now"}}},
            {"reporter_name", {{"description", "the public sees it only when the identity is shown"}}},
            {"answered_at", {{"format", "date-time"}}},
            {"closed_at", {{"format", "date-time"}}},
            {"due_at", {{"format", "date-time"}}},
            {"actions", {{"description", "what the viewer may do now"}}},
            {"identity", {{"enum", {"shown", "confidential", "anonymous"}}}},
            {"public", {{"description", "officers: shown in the public feed"}}},
            {"marker", {{"enum", {"on_time", "due_soon", "overdue"}}}},
            {"proposed_office", {{"description", "officers: the office a routing rule proposes"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(ReportOut, (),
                      (tracking_number, kind, category, category_name, status, title, body, region_code, happened_on,
                       office, created_at, supports, timeline, reporter_name, about_office, service, answered_at,
                       closed_at, due_at, rating, actions, identity, reporter_contact, application, latitude, longitude,
                       files, verify_due_at, track, public_, objected, marker, days_left, proposed_office))

struct FeedAnswer {
  std::vector<ReportOut> items;
  std::int64_t total = 0;
  int page = 1;
  int pages = 1;
  std::string licence;
};
BOOST_DESCRIBE_STRUCT(FeedAnswer, (), (items, total, page, pages, licence))

struct QueueAnswer {
  std::vector<ReportOut> items;
};
BOOST_DESCRIBE_STRUCT(QueueAnswer, (), (items))

enum class Audience { kPublic, kReporter, kOfficer };

std::optional<std::string> Given(const std::string& s) {
  return s.empty() ? std::nullopt : std::optional<std::string>(s);
}

ReportOut ReportFor(const ReportView& v, Audience audience) {
  const ReportRow& r = v.row;
  bool officer = audience == Audience::kOfficer;
  ReportOut o{v.tracking_number, r.kind,        r.category, v.category_name, r.status,  r.title, r.body,
              r.region_code,     r.happened_on, v.office,   r.created_at,    r.supports};
  for (const auto& e : v.timeline) {
    o.timeline.push_back({e.at, e.action, e.role, e.office, e.note, Given(e.to_office),
                          officer ? std::optional<bool>(e.internal) : std::nullopt});
  }
  o.reporter_name = Given(v.public_name);
  o.about_office = Given(v.about_office);
  o.service = Given(v.service_name);
  o.answered_at = Given(r.answered_at);
  o.closed_at = Given(r.closed_at);
  o.due_at = Given(r.due_at);
  if (r.rating) o.rating = r.rating;
  if (!v.actions.empty()) o.actions = v.actions;
  if (audience != Audience::kPublic) {
    o.identity = r.identity;
    if (!v.reporter_name.empty()) o.reporter_name = v.reporter_name;
    o.reporter_contact = Given(v.reporter_contact);
    o.application = Given(v.application);
    o.latitude = r.latitude;
    o.longitude = r.longitude;
    o.files.emplace();
    for (const auto& f : v.files) o.files->push_back({f.id, f.file_name, f.kind, f.size, f.location_kept});
  }
  if (officer) {
    o.verify_due_at = r.verify_due_at;
    o.track = r.track;
    o.public_ = r.is_public;
    o.objected = r.objected;
    if (!v.marker.empty()) {
      o.marker = v.marker;
      o.days_left = v.days_left;
    }
    if (v.proposed_office_id) o.proposed_office = NamedOffice{v.proposed_office_id, v.proposed_office};
  }
  return o;
}

Filing FilingFrom(const FilingBody& b) {
  Filing f;
  f.report = NewReport{b.kind,
                       b.identity,
                       b.title,
                       b.body,
                       b.region_code.value_or(""),
                       b.happened_on.value_or(""),
                       b.name.value_or(""),
                       b.contact.value_or(""),
                       b.latitude,
                       b.longitude};
  f.category = b.category;
  f.office_id = b.office_id.value_or(0);
  f.service = b.service_id.value_or("");
  f.application = b.application.value_or("");
  return f;
}

// The access code from the body, else from ?code=.
std::string CodeOf(const Request& req, const std::optional<std::string>& in_body = std::nullopt) {
  if (in_body && !in_body->empty()) return *in_body;
  return req.Query("code").value_or("");
}

// A multipart filing: the report's JSON in the part "report", photos or PDFs in parts named "files".
Result<Filing> MultipartFiling(const Request& req) {
  auto parts = http::ParseMultipart(req);
  if (!parts.ok()) return parts.error();
  const http::Part* report = http::FindPart(*parts, "report");
  boost::system::error_code ec;
  json::value v = report ? json::parse(report->body, ec) : json::value();
  if (!report || ec || !v.is_object()) {
    return Error::Of(ErrorCode::kBadRequest, "the part \"report\" must hold the report as a JSON object");
  }
  auto body = contract::Read<FilingBody>(v, req.lang);
  if (!body.ok()) return body.error();
  Filing filing = FilingFrom(*body);
  bool keep = body->keep_location.value_or(false);
  for (const auto& p : *parts) {
    if (p.name == "files" && p.is_file) filing.files.push_back({p.file_name, p.body, keep});
  }
  return filing;
}

Result<Filing> FilingOf(const Request& req) {
  if (req.Header("content-type").value_or("").rfind("multipart/form-data", 0) == 0) return MultipartFiling(req);
  auto body = http::ReadBody<FilingBody>(req);
  if (!body.ok()) return body.error();
  return FilingFrom(*body);
}

http::Handler FileReport(ReportsService& reports) {
  return [&reports](Request& req) {
    std::string key(req.Header("idempotency-key").value_or(""));
    if (key.size() > 100) {
      return http::Problem(req, Error::Validation({{"Idempotency-Key", "at most 100 characters"}}));
    }
    auto filing = FilingOf(req);
    if (!filing.ok()) return http::Problem(req, filing.error());
    auto filed = reports.File(req.actor(), *filing, key, req.lang);
    if (!filed.ok()) return http::Problem(req, filed.error());
    return http::Reply(201,
                       FiledAnswer{filed->tracking_number, filed->access_code, filed->status, filed->verify_due_at});
  };
}

http::Handler ListReports(ReportsService& reports) {
  return [&reports](Request& req) {
    FeedFilter f{std::atoll(req.Query("office_id").value_or("0").c_str()), req.Query("region").value_or(""),
                 req.Query("kind").value_or(""), req.Query("status").value_or(""),
                 std::atoi(req.Query("page").value_or("1").c_str())};
    auto page = reports.Feed(f, req.lang);
    if (!page.ok()) return http::Problem(req, page.error());
    FeedAnswer out{{}, page->total, page->page, page->pages, "CC BY 4.0"};
    for (const auto& v : page->items) out.items.push_back(ReportFor(v, Audience::kPublic));
    return http::Reply(200, out);
  };
}

http::Handler ListReportQueue(ReportsService& reports) {
  return [&reports](Request& req) {
    if (req.actor().anonymous()) return http::Unauthorized(req);
    auto items = reports.Queue(req.actor(), req.Query("which").value_or("office"),
                               std::atoi(req.Query("page").value_or("1").c_str()), req.lang);
    if (!items.ok()) return http::Problem(req, items.error());
    QueueAnswer out;
    for (const auto& v : *items) out.items.push_back(ReportFor(v, Audience::kOfficer));
    return http::Reply(200, out);
  };
}

http::Handler GetReport(ReportsService& reports) {
  return [&reports](Request& req) {
    std::string code = CodeOf(req);
    const std::string& number = req.params["number"];
    if (!code.empty()) {
      auto v = reports.ByCode(req.actor(), number, code, req.lang);
      if (!v.ok()) return http::Problem(req, v.error());
      return http::Reply(200, ReportFor(*v, Audience::kReporter));
    }
    if (!req.actor().anonymous()) {
      if (auto v = reports.Get(req.actor(), number, req.lang); v.ok()) {
        bool officer = v->row.reporter_account_id != req.actor().account_id;
        return http::Reply(200, ReportFor(*v, officer ? Audience::kOfficer : Audience::kReporter));
      }
    }
    auto v = reports.Public(req.actor(), number, req.lang);
    if (!v.ok()) return http::Problem(req, v.error());
    return http::Reply(200, ReportFor(*v, Audience::kPublic));
  };
}

http::Handler ActOnReport(ReportsService& reports) {
  return [&reports](Request& req) {
    auto body = http::ReadBody<ActBody>(req);
    if (!body.ok()) return http::Problem(req, body.error());
    ActInput in{body->action,
                body->note.value_or(""),
                body->to_node_id.value_or(0),
                body->track.value_or(""),
                body->publish.value_or(true),
                body->merge_into.value_or("")};
    std::string code = CodeOf(req, body->code);
    auto v = reports.Act(req.actor(), req.params["number"], code, in, req.lang);
    if (!v.ok()) return http::Problem(req, v.error());
    bool officer = code.empty() && v->row.reporter_account_id != req.actor().account_id;
    return http::Reply(200, ReportFor(*v, officer ? Audience::kOfficer : Audience::kReporter));
  };
}

// The multipart filing: the JSON body's report as a part, and the files.
json::object FilingForm() {
  json::object report = http::StringSchema();
  report["contentMediaType"] = "application/json";
  report["contentSchema"] = contract::Schema<FilingBody>();
  report["description"] = "the report, as the JSON body would be";
  json::object file{{"type", "string"}, {"contentMediaType", "application/octet-stream"}};
  return {{"type", "object"},
          {"required", {"report"}},
          {"properties",
           {{"report", std::move(report)},
            {"files",
             {{"type", "array"},
              {"items", std::move(file)},
              {"description", "photos (JPEG, PNG) or PDFs; by default at most 5, of 5 MB each"}}}}}};
}

FilingBody FilingExample() {
  FilingBody b;
  b.kind = "pengaduan";
  b.identity = "confidential";
  b.category = "infrastruktur";
  b.title = "Jembatan desa rusak";
  b.body = "Papan jembatan di Desa Sipirok patah sejak hujan deras minggu lalu dan berbahaya bagi anak sekolah.";
  b.region_code = "12.10.01.1001";
  b.happened_on = "2026-11-20";
  b.name = "Siti Rahmawati";
  b.contact = "siti.rahmawati@contoh.id";
  return b;
}

}  // namespace

void RegisterApi(http::Router& router, ReportsService& reports) {
  router.DescribeTag("reports",
                     "Complaints and aspirations (pengaduan): filing, the desk, the offices' answers and follow-up.");
  router.Add(
      "POST", "/api/v1/reports", FileReport(reports),
      http::Operation("fileReport", "reports", "File a report (pengaduan, aspirasi, permintaan informasi)")
          .Describe("Anyone may file, signed in or not; an anonymous report keeps no identity at all. JSON, or "
                    "multipart/form-data with the JSON in a part named `report` and photos or PDFs in parts named "
                    "`files` (where photos were taken is removed unless `keep_location` is true). Answers the "
                    "tracking number and the access code, shown once. Filings are braked per account, or per "
                    "address when not signed in; a retry with the same Idempotency-Key is never braked.")
          .Public()
          .Header("Idempotency-Key", "The same key again answers the first filing instead of filing twice")
          .Body<FilingBody>(FilingExample())
          .BodyContent("multipart/form-data", FilingForm(), nullptr)
          .Reply<FiledAnswer>(201, "Filed")
          .Problems({{400, "Body is not JSON, or the multipart part \"report\" is not a JSON object"},
                     {409, "The Idempotency-Key was used for a different request"},
                     {422, "Field errors (the Idempotency-Key too long, a member of the report, a file)"},
                     {429, "Too many reports from this account or address"}})
          .Options());

  router.Add("GET", "/api/v1/reports", ListReports(reports),
             http::Operation("listReports", "reports", "The public feed of published reports, newest first")
                 .Describe("Verified reports the desk published, without personal data (open data, CC BY 4.0).")
                 .Public()
                 .Query("office_id", http::IntegerSchema(), "Only reports held by this office or under it")
                 .Query("region", http::StringSchema(), "Only reports from regions whose code starts with this")
                 .Query("kind", {{"enum", {"pengaduan", "aspirasi", "informasi"}}}, "Only this kind")
                 .Query("status", http::StringSchema(), "Only this status")
                 .Query("page", {{"type", "integer"}, {"minimum", 1}}, "Page number, from 1")
                 .Reply<FeedAnswer>(200, "A page of reports")
                 .Problems({{422, "A bad filter (no such office, kind or status)"}})
                 .Options());

  router.Add("GET", "/api/v1/reports/queue", ListReportQueue(reports),
             http::Operation("listReportQueue", "reports", "The signed-in officer's queue of reports")
                 .Describe("desk: waiting for verification; office: waiting for the office or the reporter; done: "
                           "answered, closed or declined. Deadline order, with due and overdue markers; 50 a page.")
                 .Query("which", {{"enum", {"desk", "office", "done"}}}, "Which queue (default office)")
                 .Query("page", {{"type", "integer"}, {"minimum", 1}}, "Page number, from 1")
                 .Reply<QueueAnswer>(200, "Reports")
                 .Problems({{401, "Not signed in"}, {403, "Not a desk or office officer"}})
                 .Options());

  router.Add("GET", "/api/v1/reports/{number}", GetReport(reports),
             http::Operation("getReport", "reports", "One report")
                 .CredentialOptional()
                 .Describe("For its reporter (with `code`, or signed in as the reporter) and for the officers who "
                           "may read it; otherwise the public version of a published report, for anyone. Wrong "
                           "codes are braked per report and per address.")
                 .Scope("reports.read")
                 .Path("number", http::StringSchema(), "The report's tracking number")
                 .Query("code", http::StringSchema(), "The reporter's access code: opens it without signing in")
                 .Reply<ReportOut>(200, "The report")
                 .Problems({{404, "No such report, a wrong code, or not public"}, {429, "Too many wrong codes"}})
                 .Options());

  router.Add(
      "POST", "/api/v1/reports/{number}/actions", ActOnReport(reports),
      http::Operation("actOnReport", "reports", "Act on a report")
          .CredentialOptional()
          .Describe("The desk: accept (`to_node_id`, `track`, `publish`), merge (`merge_into`), decline (`note`). "
                    "The office holding it: answer, ask_more, forward (`to_node_id`), close (`note`); an objected "
                    "report is answered by the office's head. The reporter (`code`, or signed in): reply, object "
                    "(once).")
          .Path("number", http::StringSchema(), "The report's tracking number")
          .Body<ActBody>(ActBody{"answer", "Papan jembatan sudah diganti hari Kamis.", {}, {}, {}, {}, {}})
          .Reply<ReportOut>(200, "The report after the action")
          .Problems({{400, "Body is not JSON"},
                     {403, "May see the report but not do this"},
                     {404, "No such report, or not one the caller may see or act on"},
                     {409, "Not possible in its state, or it changed meanwhile"},
                     {422, "Field errors (an unknown action, a missing note or office)"},
                     {429, "Too many wrong codes"}})
          .Options());

  RegisterFollowUpApi(router, reports);
  RegisterRoutingApi(router, reports);
}

}  // namespace spbe::reports
