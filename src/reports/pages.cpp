#include <fmt/format.h>
#include <boost/json.hpp>
#include <cstdlib>

#include "http/forms.hpp"
#include "http/multipart.hpp"
#include "http/problem.hpp"
#include "platform/crypto.hpp"
#include "platform/local_time.hpp"
#include "reports/web.hpp"

namespace spbe::reports {

using http::Request;
using http::Response;

namespace {

namespace json = boost::json;

std::string PartText(const std::vector<http::Part>& parts, const char* name) {
  const http::Part* p = http::FindPart(parts, name);
  return p && !p->is_file ? p->body : std::string();
}

std::optional<double> ParseNumber(const std::string& s) {
  if (s.empty()) return std::nullopt;
  std::string t = s;
  std::replace(t.begin(), t.end(), ',', '.');
  char* end = nullptr;
  double v = std::strtod(t.c_str(), &end);
  if (end == t.c_str() || *end != '\0') return std::nullopt;
  return v;
}

json::array ChoiceList(const std::vector<std::pair<std::string, std::string>>& values, const std::string& chosen,
                       const char* flag = "checked") {
  json::array out;
  for (const auto& [value, label] : values)
    out.push_back({{"value", value}, {"label", label}, {flag, value == chosen}});
  return out;
}

std::string Excerpt(const std::string& body) {
  if (body.size() <= 220) return body;
  std::size_t cut = body.rfind(' ', 220);
  return body.substr(0, cut == std::string::npos ? 220 : cut) + " …";
}

// ---- Filing (/lapor) ----
// The form, with what was given and what is wrong after a failed attempt, and a signed-in reporter's own reports.
auto FormPage(const http::Views& views, ReportsService& reports, auto text, auto kinds, auto regions, auto offices) {
  return [&views, &reports, text, kinds, regions, offices](const Request& req, int status, const json::object& values,
                                                           const std::vector<FieldError>& errors) {
    auto value = [&](const char* k) {
      const auto* v = values.if_contains(k);
      return v && v->is_string() ? std::string(v->as_string()) : std::string();
    };
    json::object data = values;
    json::array categories;
    for (const auto& c : reports.Categories()) {
      categories.push_back({{"slug", c.slug},
                            {"name", req.lang == "en" ? c.name_en : c.name_id},
                            {"selected", c.slug == value("category")}});
    }
    data["categories"] = std::move(categories);
    data["kinds"] = ChoiceList(kinds(req), value("kind").empty() ? "pengaduan" : value("kind"));
    json::array identities;
    // A visitor's report is anonymous unless they choose otherwise (nothing more to type); a signed-in person's is
    // confidential: their name known to the office, not to the public.
    std::string identity = !value("identity").empty() ? value("identity")
                           : req.actor().anonymous()  ? "anonymous"
                                                      : "confidential";
    for (const char* i : {"shown", "confidential", "anonymous"}) {
      identities.push_back({{"value", i},
                            {"label", text(req, std::string("report_identity_") + i)},
                            {"hint", text(req, std::string("report_identity_") + i + "_hint")},
                            {"checked", identity == i}});
    }
    data["identities"] = std::move(identities);
    data["regions"] = regions(value("region_code"));
    data["offices"] = offices(std::atoll(value("office_id").c_str()));
    json::array services;
    for (const auto& [id, name] : reports.Services(req.lang)) {
      services.push_back({{"id", id}, {"name", name}, {"selected", std::to_string(id) == value("service_id")}});
    }
    data["services"] = std::move(services);
    data["signed_in"] = !req.actor().anonymous();
    data["today"] = FormatDate(LocalDate(std::chrono::system_clock::now(), views.zone()));
    // A fresh key per form: a second press of "Kirim" over a slow link files once.
    if (value("idempotency_key").empty()) data["idempotency_key"] = crypto::RandomHex(16);
    json::array error_list;
    for (const auto& e : errors) {
      std::string anchor = e.field.rfind("files", 0) == 0 ? "files" : e.field;
      data["e_" + anchor] = e.message;
      error_list.push_back({{"anchor", anchor}, {"message", e.message}});
    }
    data["has_errors"] = !errors.empty();
    data["error_list"] = std::move(error_list);
    // The optional details start folded, unless something in them was given or is wrong.
    bool more = false;
    for (const char* k : {"region_code", "latitude", "longitude", "happened_on", "application"}) {
      more = more || !value(k).empty() || data.contains(std::string("e_") + k);
    }
    for (const char* k : {"office_id", "service_id"}) more = more || (!value(k).empty() && value(k) != "0");
    for (const char* k : {"e_files", "e_location", "e_office_id", "e_service_id"}) more = more || data.contains(k);
    data["more_open"] = more;
    if (!req.actor().anonymous()) {
      json::array mine;
      if (auto rows = reports.Mine(req.actor(), req.lang); rows.ok()) {
        for (const auto& v : *rows) {
          mine.push_back({{"tracking_number", v.tracking_number},
                          {"title", v.row.title},
                          {"status", text(req, "report_status_" + v.row.status)}});
        }
      }
      data["mine_any"] = !mine.empty();
      data["mine"] = std::move(mine);
    }
    return views.Page(req, status, "reports/file", std::move(data), "report_title");
  };
}

void AddFilingPages(http::Router& router, const http::Views& views, ReportsService& reports, auto form_page) {
  router.Add("GET", "/lapor", [form_page](Request& req) { return form_page(req, 200, {}, {}); });
  router.Add("POST", "/lapor", [form_page, &views, &reports](Request& req) {
    auto parts = http::ParseMultipart(req);
    if (!parts.ok()) return views.ErrorPage(req, 400);
    json::object values;
    for (const char* k :
         {"kind", "identity", "category", "title", "body", "region_code", "happened_on", "name", "contact", "latitude",
          "longitude", "office_id", "service_id", "application", "idempotency_key"}) {
      values[k] = PartText(*parts, k);
    }
    bool keep = PartText(*parts, "keep_location") == "1";
    values["keep_location"] = keep;
    auto value = [&](const char* k) { return std::string(values[k].as_string()); };
    Filing f;
    f.report = {value("kind"),        value("identity"), value("title"),   value("body"), value("region_code"),
                value("happened_on"), value("name"),     value("contact"), std::nullopt,  std::nullopt};
    std::vector<FieldError> errors;
    std::string lat = value("latitude"), lon = value("longitude");
    if (!lat.empty() || !lon.empty()) {
      f.report.latitude = ParseNumber(lat);
      f.report.longitude = ParseNumber(lon);
      // A half-given or unreadable point is reported by the model's check, as one field.
      if (!f.report.latitude || !f.report.longitude) {
        f.report.latitude = 99.0;
        f.report.longitude = 0.0;
      }
    }
    f.category = value("category");
    f.office_id = std::atoll(value("office_id").c_str());
    f.service = value("service_id") == "0" ? std::string() : value("service_id");
    f.application = value("application");
    for (const auto& p : *parts) {
      if (p.name == "files" && p.is_file && !p.body.empty()) f.files.push_back({p.file_name, p.body, keep});
    }
    std::string key = value("idempotency_key").substr(0, 100);
    auto filed = reports.File(req.actor(), f, key, req.lang);
    if (!filed.ok()) {
      if (filed.error().code != ErrorCode::kValidation) {
        return form_page(req, http::StatusFor(filed.error().code), values, {{"title", filed.error().detail}});
      }
      return form_page(req, 422, values, filed.error().fields);
    }
    json::object data{{"tracking_number", filed->tracking_number},
                      {"access_code", filed->access_code},
                      {"verify_due", LocalDateText(filed->verify_due_at, views.zone(), req.lang)}};
    Response r = views.Page(req, 201, "reports/filed", std::move(data), "report_filed_title");
    r.Set("Cache-Control", "no-store");
    return r;
  });
}

// ---- The reporter's view (/lapor/lacak) ----
void AddTrackingPages(http::Router& router, const http::Views& views, ReportsService& reports, auto text,
                      auto timeline) {
  auto track_page = [&views, &reports, text, timeline](const Request& req, int status, const std::string& number,
                                                       const std::string& code, json::object extra) {
    json::object data{{"number", number}, {"code", code}};
    int retry_after = 0;
    if (!number.empty()) {
      Result<ReportView> v = code.empty() ? reports.Get(req.actor(), number, req.lang)
                                          : reports.ByCode(req.actor(), number, code, req.lang);
      if (v.ok() && v->row.reporter_account_id != req.actor().account_id && code.empty()) v = Error{};
      if (v.ok()) {
        json::array files;
        for (const auto& f : v->files) files.push_back({{"id", f.id}, {"name", f.file_name}, {"kind", f.kind}});
        json::array stars;
        for (int i = 5; i >= 1; --i)
          stars.push_back({{"value", i}, {"label", text(req, "report_star_" + std::to_string(i))}});
        auto can = [&](const char* a) {
          return std::find(v->actions.begin(), v->actions.end(), a) != v->actions.end();
        };
        json::object report{{"tracking_number", v->tracking_number},
                            {"code", code},
                            {"title", v->row.title},
                            {"body", v->row.body},
                            {"kind", text(req, "report_kind_" + v->row.kind)},
                            {"category", v->category_name},
                            {"status", text(req, "report_status_" + v->row.status)},
                            {"office", v->office},
                            {"due", LocalDateText(v->row.due_at, v->zone, req.lang)},
                            {"identity", text(req, "report_identity_" + v->row.identity)},
                            {"application", v->application},
                            {"rating", v->row.rating > 0 ? json::value(v->row.rating) : json::value(nullptr)},
                            {"files_any", !files.empty()},
                            {"files", std::move(files)},
                            {"timeline", timeline(req, *v)},
                            {"stars", std::move(stars)},
                            {"can_reply", can("reply")},
                            {"can_rate", can("rate")},
                            {"can_object", can("object")}};
        for (auto& [k, x] : extra) report[k] = x;
        data["report"] = std::move(report);
      } else if (v.error().code == ErrorCode::kRateLimited) {
        data["braked"] = v.error().detail;
        status = 429;
        retry_after = v.error().retry_after_s;
      } else {
        data["not_found"] = true;
        status = status == 200 ? 404 : status;
      }
    }
    Response r = views.Page(req, status, "reports/track", std::move(data), "report_track_title");
    r.Set("Cache-Control", "private, no-store");
    if (status == 429) r.Set("Retry-After", std::to_string(std::max(1, retry_after)));
    return r;
  };
  router.Add("GET", "/lapor/lacak", [track_page](Request& req) {
    return track_page(req, 200, req.Query("nomor").value_or(""), req.Query("kode").value_or(""), {});
  });
  router.Add("POST", "/lapor/lacak/{tn}", [track_page, &reports, text](Request& req) {
    auto form = http::ParseForm(req.body);
    std::string code = http::FormField(form, "kode"), action = http::FormField(form, "aksi"),
                note = http::FormField(form, "catatan");
    spbe::Status st = Ok{};
    std::string done;
    if (action == "rate") {
      st = reports.Rate(req.actor(), req.params["tn"], code, std::atoi(http::FormField(form, "nilai").c_str()), note,
                        req.lang);
      done = text(req, "report_rated");
    } else {
      auto v = reports.Act(req.actor(), req.params["tn"], code, {action, note}, req.lang);
      if (!v.ok()) st = v.error();
      done = text(req, action == "object" ? "report_objected" : "report_replied");
    }
    if (!st.ok()) {
      std::string why = st.error().Headline();
      return track_page(req, http::StatusFor(st.error().code), req.params["tn"], code, {{"error", why}});
    }
    return track_page(req, 200, req.params["tn"], code, {{"done", done}});
  });
}

// ---- The public feed (/laporan) ----
void AddFeedPages(http::Router& router, const http::Views& views, ReportsService& reports, auto text, auto kinds,
                  auto regions, auto offices, auto timeline, auto region_name) {
  router.Add("GET", "/laporan", [&views, &reports, text, kinds, regions, offices](Request& req) {
    FeedFilter f{std::atoll(req.Query("instansi").value_or("0").c_str()), req.Query("wilayah").value_or(""),
                 req.Query("jenis").value_or(""), req.Query("status").value_or(""),
                 std::max(1, std::atoi(req.Query("hal").value_or("1").c_str()))};
    auto page = reports.Feed(f, req.lang);
    if (!page.ok()) {
      f = {};
      page = reports.Feed(f, req.lang);
      if (!page.ok()) return views.ErrorPage(req, 503);
    }
    json::array items;
    for (const auto& v : page->items) {
      items.push_back({{"tracking_number", v.tracking_number},
                       {"title", v.row.title},
                       {"excerpt", Excerpt(v.row.body)},
                       {"kind", text(req, "report_kind_" + v.row.kind)},
                       {"category", v.category_name},
                       {"created", LocalDateText(v.row.created_at, v.zone, req.lang)},
                       {"office", v.office},
                       {"status", text(req, "report_status_" + v.row.status)},
                       {"supports", v.row.supports}});
    }
    json::array statuses;
    for (const char* s : {"disposed", "waiting_reporter", "answered", "reopened", "closed"}) {
      statuses.push_back(
          {{"value", s}, {"label", text(req, std::string("report_status_") + s)}, {"selected", f.status == s}});
    }
    auto link = [&](int p) {
      return fmt::format("/laporan?instansi={}&wilayah={}&jenis={}&status={}&hal={}", f.office_id,
                         http::UrlEncode(f.region), http::UrlEncode(f.kind), http::UrlEncode(f.status), p);
    };
    json::object data{{"items", std::move(items)},
                      {"none", page->items.empty()},
                      {"offices", offices(f.office_id)},
                      {"regions", regions(f.region)},
                      {"kinds", ChoiceList(kinds(req), f.kind)},
                      {"statuses", std::move(statuses)},
                      {"total_text", fmt::format("{} {}", page->total, text(req, "report_feed_count"))},
                      {"page", page->page},
                      {"pages", page->pages},
                      {"prev", page->page > 1 ? link(page->page - 1) : std::string()},
                      {"next", page->page < page->pages ? link(page->page + 1) : std::string()}};
    return views.Page(req, 200, "reports/feed", std::move(data), "report_feed_title");
  });
  auto public_page = [&views, &reports, text, timeline, region_name](const Request& req, int status,
                                                                     json::object extra) {
    auto v = reports.Public(req.actor(), req.params.at("tn"), req.lang);
    if (!v.ok()) return views.ErrorPage(req, 404);
    json::object data{{"tracking_number", v->tracking_number},
                      {"page_title", v->row.title},
                      {"title", v->row.title},
                      {"body", v->row.body},
                      {"kind", text(req, "report_kind_" + v->row.kind)},
                      {"category", v->category_name},
                      {"created", LocalDateText(v->row.created_at, v->zone, req.lang)},
                      {"reporter", v->public_name},
                      {"status", text(req, "report_status_" + v->row.status)},
                      {"office", v->office},
                      {"region", region_name(v->row.region_code)},
                      {"timeline", timeline(req, *v)},
                      {"supports", v->row.supports},
                      {"supported", v->supported}};
    for (auto& [k, x] : extra) data[k] = x;
    return views.Page(req, status, "reports/public", std::move(data), "report_feed_title");
  };
  router.Add("GET", "/laporan/{tn}", [public_page](Request& req) { return public_page(req, 200, {}); });
  router.Add("POST", "/laporan/{tn}/dukung", [public_page, &reports, text](Request& req) {
    if (req.actor().anonymous()) {
      return Response::Redirect("/masuk?kembali=" + http::UrlEncode("/laporan/" + req.params["tn"]));
    }
    auto n = reports.Support(req.actor(), req.params["tn"], req.lang);
    if (!n.ok()) return public_page(req, http::StatusFor(n.error().code), {{"error", n.error().detail}});
    return public_page(req, 200, {{"done", text(req, "report_support_thanks")}});
  });
}

// ---- The back office (/pengaduan) ----
// The desk's and offices' queues.
void AddQueuePage(http::Router& router, const http::Views& views, ReportsService& reports, auto text) {
  router.Add("GET", "/pengaduan", [&views, &reports, text](Request& req) {
    if (req.actor().anonymous()) return Response::Redirect("/masuk?kembali=/pengaduan");
    std::string which = req.Query("antrian").value_or("");
    int page = std::max(1, std::atoi(req.Query("hal").value_or("1").c_str()));
    // The desk starts at its queue, an office at its own.
    bool desk = reports.Queue(req.actor(), "desk", 1, req.lang).ok();
    if (which != "desk" && which != "office" && which != "done") which = desk ? "desk" : "office";
    auto items = reports.Queue(req.actor(), which, page, req.lang);
    json::array rows;
    if (items.ok()) {
      for (const auto& v : *items) {
        bool at_desk = v.row.status == "submitted";
        rows.push_back({{"tracking_number", v.tracking_number},
                        {"title", v.row.title},
                        {"kind", text(req, "report_kind_" + v.row.kind)},
                        {"status", text(req, "report_status_" + v.row.status)},
                        {"office", at_desk ? std::string() : v.office},
                        {"due", LocalDateText(at_desk ? v.row.verify_due_at : v.row.due_at, v.zone, req.lang)},
                        {"marker", v.marker},
                        {"marker_text", v.marker.empty() ? "" : text(req, "marker_" + v.marker)}});
      }
    }
    json::array tabs;
    for (const char* w : {"desk", "office", "done"}) {
      if (std::string_view(w) == "desk" && !desk) continue;
      tabs.push_back({{"which", w}, {"label", text(req, std::string("report_queue_") + w)}, {"current", which == w}});
    }
    json::object data{
        {"tabs", std::move(tabs)},
        {"routes", reports.Routes(req.actor(), req.lang).ok()},
        {"forbidden", !items.ok()},
        {"none", items.ok() && rows.empty()},
        {"any", !rows.empty()},
        {"next", rows.size() == 50 ? fmt::format("/pengaduan?antrian={}&hal={}", which, page + 1) : std::string()},
        {"rows", std::move(rows)}};
    return views.Page(req, items.ok() ? 200 : 403, "reports/queue", std::move(data), "report_desk_title");
  });
}

// A report's page for the desk and the offices, and their actions on it.
void AddOfficePages(http::Router& router, const http::Views& views, ReportsService& reports, auto text, auto timeline,
                    auto region_name, auto offices) {
  auto office_page = [&views, &reports, text, timeline, region_name, offices](const Request& req, int status,
                                                                              json::object extra) {
    auto v = reports.Get(req.actor(), req.params.at("tn"), req.lang);
    if (!v.ok() || (v->row.reporter_account_id == req.actor().account_id &&
                    !access::Allowed(req.actor(), access::Action::kReportRead, v->row.node_path))) {
      return views.ErrorPage(req, 404);
    }
    auto can = [&](const char* a) { return std::find(v->actions.begin(), v->actions.end(), a) != v->actions.end(); };
    json::array files;
    for (const auto& f : v->files) {
      files.push_back({{"id", f.id}, {"name", f.file_name}, {"kind", f.kind}, {"location_kept", f.location_kept}});
    }
    json::array tracks;
    for (const char* tr : {"simple", "dispute", "inspection"}) {
      tracks.push_back({{"value", tr}, {"label", text(req, std::string("report_track_") + tr)}});
    }
    std::string point;
    if (v->row.latitude && v->row.longitude) point = fmt::format("{:.5f}, {:.5f}", *v->row.latitude, *v->row.longitude);
    json::object data{
        {"tracking_number", v->tracking_number},
        {"page_title", v->tracking_number},
        {"title", v->row.title},
        {"body", v->row.body},
        {"kind", text(req, "report_kind_" + v->row.kind)},
        {"category", v->category_name},
        {"status", text(req, "report_status_" + v->row.status)},
        {"office", v->office},
        {"due", LocalDateText(v->row.status == "submitted" ? v->row.verify_due_at : v->row.due_at, v->zone, req.lang)},
        {"marker", v->marker},
        {"marker_text", v->marker.empty() ? "" : text(req, "marker_" + v->marker)},
        {"identity", text(req, "report_identity_" + v->row.identity)},
        {"reporter_name", v->reporter_name},
        {"reporter_contact", v->reporter_contact},
        {"region", region_name(v->row.region_code)},
        {"point", point},
        {"happened_on", v->row.happened_on},
        {"about_office", v->about_office},
        {"service", v->service_name},
        {"application", v->application},
        {"rating", v->row.rating > 0 ? json::value(v->row.rating) : json::value(nullptr)},
        {"rating_note", v->row.rating_note},
        {"files_any", !files.empty()},
        {"files", std::move(files)},
        {"timeline", timeline(req, *v)},
        {"desk", can("accept")},
        {"office_actions", can("answer")},
        {"proposed", v->proposed_office},
        {"offices", offices(v->proposed_office_id)},
        {"tracks", std::move(tracks)},
        {"can_publish", v->row.identity != "confidential"}};
    for (auto& [k, x] : extra) data[k] = x;
    Response r = views.Page(req, status, "reports/office", std::move(data), "report_desk_title");
    r.Set("Cache-Control", "private, no-store");
    return r;
  };
  router.Add("GET", "/pengaduan/{tn}", [office_page](Request& req) {
    if (req.actor().anonymous()) return Response::Redirect("/masuk?kembali=/pengaduan/" + req.params["tn"]);
    return office_page(req, 200, {});
  });
  router.Add("POST", "/pengaduan/{tn}/tindakan", [office_page, &reports, text](Request& req) {
    if (req.actor().anonymous()) return Response::Redirect("/masuk?kembali=/pengaduan/" + req.params["tn"]);
    auto form = http::ParseForm(req.body);
    ActInput in{http::FormField(form, "tindakan"),
                http::FormField(form, "catatan"),
                std::atoll(http::FormField(form, "ke").c_str()),
                http::FormField(form, "jalur"),
                http::FormField(form, "publikasi") == "1",
                http::FormField(form, "gabung")};
    auto v = reports.Act(req.actor(), req.params["tn"], "", in, req.lang);
    if (!v.ok()) {
      std::string why = v.error().Headline();
      return office_page(req, http::StatusFor(v.error().code), {{"error", why}});
    }
    return office_page(req, 200, {{"done", text(req, "report_action_done")}});
  });
}

// ---- Routing rules (/pengaduan/rute) ----
void AddRoutePages(http::Router& router, const http::Views& views, ReportsService& reports, auto text, auto regions,
                   auto offices, auto region_name) {
  auto routes_page = [&views, &reports, regions, offices, region_name, text](const Request& req, int status,
                                                                             const std::vector<FieldError>& errors) {
    auto rules = reports.Routes(req.actor(), req.lang);
    if (!rules.ok()) return views.ErrorPage(req, 404);
    json::array rows;
    for (const auto& r : *rules) {
      rows.push_back(
          {{"id", r.route.id},
           {"category", r.category_name.empty() ? text(req, "report_any") : r.category_name},
           {"region", r.route.region_prefix.empty() ? text(req, "report_any") : region_name(r.route.region_prefix)},
           {"office", r.office}});
    }
    json::array categories;
    for (const auto& c : reports.Categories()) {
      categories.push_back({{"slug", c.slug}, {"name", req.lang == "en" ? c.name_en : c.name_id}});
    }
    json::array error_list;
    for (const auto& e : errors) error_list.push_back(json::object{{"message", e.message}});
    json::object data{{"any", !rows.empty()},          {"none", rows.empty()},
                      {"rules", std::move(rows)},      {"categories", std::move(categories)},
                      {"regions", regions("")},        {"offices", offices(0)},
                      {"has_errors", !errors.empty()}, {"error_list", std::move(error_list)}};
    return views.Page(req, status, "reports/routes", std::move(data), "report_routes_title");
  };
  router.Add("GET", "/pengaduan/rute", [routes_page](Request& req) {
    if (req.actor().anonymous()) return Response::Redirect("/masuk?kembali=/pengaduan/rute");
    return routes_page(req, 200, {});
  });
  router.Add("POST", "/pengaduan/rute", [routes_page, &reports](Request& req) {
    if (req.actor().anonymous()) return Response::Redirect("/masuk?kembali=/pengaduan/rute");
    auto form = http::ParseForm(req.body);
    auto r = reports.PutRoute(req.actor(),
                              {0, http::FormField(form, "category"), http::FormField(form, "region_prefix"),
                               std::atoll(http::FormField(form, "node_id").c_str())},
                              req.lang);
    if (!r.ok()) {
      auto errors = r.error().fields;
      if (errors.empty()) errors.push_back({"-", r.error().detail});
      return routes_page(req, http::StatusFor(r.error().code), errors);
    }
    return Response::Redirect("/pengaduan/rute");
  });
  router.Add("POST", "/pengaduan/rute/{id}/hapus", [routes_page, &reports](Request& req) {
    if (req.actor().anonymous()) return Response::Redirect("/masuk?kembali=/pengaduan/rute");
    auto st = reports.DeleteRoute(req.actor(), std::atoll(req.params["id"].c_str()), req.lang);
    if (!st.ok()) return routes_page(req, http::StatusFor(st.error().code), {{"-", st.error().detail}});
    return Response::Redirect("/pengaduan/rute");
  });
}

}  // namespace

void RegisterPages(http::Router& router, const http::Views& views, ReportsService& reports, org::OrgService& org) {
  const auto& t = views.catalog();
  auto text = [&t](const Request& req, const std::string& key) { return t.Text(req.lang, key); };
  auto kinds = [text](const Request& req) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const char* k : {"pengaduan", "aspirasi", "informasi"})
      out.emplace_back(k, text(req, std::string("report_kind_") + k));
    return out;
  };
  // The places of the deployment: its kecamatan (from the Kemendagri data) and the kelurahan/desa of the tree.
  auto regions = [&org](const std::string& chosen) {
    json::array out;
    auto roots = org.Roots();
    if (!roots.ok()) return out;
    for (const auto& root : *roots) {
      if (root.region_code.empty()) continue;
      auto villages = org.OfKindUnder(root.path, org::NodeKind::kKelurahanDesa);
      for (const auto& kec : org.RegionsUnder(root.region_code)) {
        out.push_back({{"code", kec.code}, {"label", "Kec. " + kec.name}, {"selected", kec.code == chosen}});
        for (const auto& v : villages) {
          if (v.region_code.rfind(kec.code + ".", 0) != 0) continue;
          out.push_back({{"code", v.region_code}, {"label", "— " + v.name}, {"selected", v.region_code == chosen}});
        }
      }
    }
    return out;
  };
  auto region_name = [&org](const std::string& code) -> std::string {
    if (code.empty()) return {};
    auto roots = org.Roots();
    if (!roots.ok()) return code;
    for (const auto& root : *roots) {
      for (const auto& v : org.OfKindUnder(root.path, org::NodeKind::kKelurahanDesa)) {
        if (v.region_code == code) return v.name;
      }
      if (root.region_code.empty()) continue;
      for (const auto& kec : org.RegionsUnder(root.region_code)) {
        if (kec.code == code) return "Kecamatan " + kec.name;
      }
    }
    return org.RegionName(code);
  };
  auto offices = [&reports](std::int64_t chosen) {
    json::array out;
    for (const auto& o : reports.Offices())
      out.push_back({{"id", o.id}, {"name", o.name}, {"selected", o.id == chosen}});
    return out;
  };
  auto timeline = [text](const Request& req, const ReportView& v) {
    json::array out;
    for (const auto& e : v.timeline) {
      std::string note = e.note;
      if (e.action == "escalate") note = text(req, "report_escalated_" + note);
      if (e.action == "merged_from") note = text(req, "report_merged_from") + " " + note;
      out.push_back({{"at", LocalDateTimeText(e.at, v.zone, req.lang)},
                     {"action", text(req, "report_action_" + e.action)},
                     {"office", e.office},
                     {"to_office", e.to_office},
                     {"note", note},
                     {"internal", e.internal}});
    }
    return out;
  };

  // Each group of pages registers its routes, in this order.
  AddFilingPages(router, views, reports, FormPage(views, reports, text, kinds, regions, offices));
  AddTrackingPages(router, views, reports, text, timeline);
  AddFeedPages(router, views, reports, text, kinds, regions, offices, timeline, region_name);
  AddQueuePage(router, views, reports, text);
  AddOfficePages(router, views, reports, text, timeline, region_name, offices);
  AddRoutePages(router, views, reports, text, regions, offices, region_name);
}

}  // namespace spbe::reports
