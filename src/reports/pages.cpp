#include <fmt/format.h>
#include <boost/json.hpp>
#include <cstdlib>

#include "http/forms.hpp"
#include "http/multipart.hpp"
#include "http/problem.hpp"
#include "platform/crypto.hpp"
#include "platform/local_time.hpp"
#include "reports/pages_detail.hpp"
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

// The kinds of report, each with its label.
auto KindsOf(const http::Views& views) {
  auto text = detail::TextOf(views);
  return [text](const Request& req) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const char* k : {"pengaduan", "aspirasi", "informasi"})
      out.emplace_back(k, text(req, std::string("report_kind_") + k));
    return out;
  };
}

// ---- Filing (/lapor) ----
// The form, with what was given and what is wrong after a failed attempt, and a signed-in reporter's own reports.
auto FormPage(const http::Views& views, ReportsService& reports, org::OrgService& org) {
  auto text = detail::TextOf(views);
  auto kinds = KindsOf(views);
  auto regions = detail::RegionsOf(org);
  auto offices = detail::OfficesOf(reports);
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

http::Handler FilingForm(const http::Views& views, ReportsService& reports, org::OrgService& org) {
  auto form_page = FormPage(views, reports, org);
  return [form_page](Request& req) { return form_page(req, 200, {}, {}); };
}

http::Handler FileReport(const http::Views& views, ReportsService& reports, org::OrgService& org) {
  auto form_page = FormPage(views, reports, org);
  return [form_page, &views, &reports](Request& req) {
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
  };
}

// ---- The reporter's view (/lapor/lacak) ----
auto TrackPage(const http::Views& views, ReportsService& reports) {
  auto text = detail::TextOf(views);
  auto timeline = detail::TimelineOf(views);
  return [&views, &reports, text, timeline](const Request& req, int status, const std::string& number,
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
}

http::Handler TrackReport(const http::Views& views, ReportsService& reports) {
  auto track_page = TrackPage(views, reports);
  return [track_page](Request& req) {
    return track_page(req, 200, req.Query("nomor").value_or(""), req.Query("kode").value_or(""), {});
  };
}

http::Handler ReporterAction(const http::Views& views, ReportsService& reports) {
  auto track_page = TrackPage(views, reports);
  auto text = detail::TextOf(views);
  return [track_page, &reports, text](Request& req) {
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
  };
}

// ---- The public feed (/laporan) ----
http::Handler PublicFeed(const http::Views& views, ReportsService& reports, org::OrgService& org) {
  auto text = detail::TextOf(views);
  auto kinds = KindsOf(views);
  auto regions = detail::RegionsOf(org);
  auto offices = detail::OfficesOf(reports);
  return [&views, &reports, text, kinds, regions, offices](Request& req) {
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
  };
}

auto PublicPage(const http::Views& views, ReportsService& reports, org::OrgService& org) {
  auto text = detail::TextOf(views);
  auto timeline = detail::TimelineOf(views);
  auto region_name = detail::RegionNameOf(org);
  return [&views, &reports, text, timeline, region_name](const Request& req, int status, json::object extra) {
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
}

http::Handler PublicReport(const http::Views& views, ReportsService& reports, org::OrgService& org) {
  auto public_page = PublicPage(views, reports, org);
  return [public_page](Request& req) { return public_page(req, 200, {}); };
}

http::Handler SupportReport(const http::Views& views, ReportsService& reports, org::OrgService& org) {
  auto public_page = PublicPage(views, reports, org);
  auto text = detail::TextOf(views);
  return [public_page, &reports, text](Request& req) {
    if (req.actor().anonymous()) {
      return Response::Redirect("/masuk?kembali=" + http::UrlEncode("/laporan/" + req.params["tn"]));
    }
    auto n = reports.Support(req.actor(), req.params["tn"], req.lang);
    if (!n.ok()) return public_page(req, http::StatusFor(n.error().code), {{"error", n.error().detail}});
    return public_page(req, 200, {{"done", text(req, "report_support_thanks")}});
  };
}

}  // namespace

void RegisterPages(http::Router& router, const http::Views& views, ReportsService& reports, org::OrgService& org) {
  router.Add("GET", "/lapor", FilingForm(views, reports, org));
  router.Add("POST", "/lapor", FileReport(views, reports, org));
  router.Add("GET", "/lapor/lacak", TrackReport(views, reports));
  router.Add("POST", "/lapor/lacak/{tn}", ReporterAction(views, reports));
  router.Add("GET", "/laporan", PublicFeed(views, reports, org));
  router.Add("GET", "/laporan/{tn}", PublicReport(views, reports, org));
  router.Add("POST", "/laporan/{tn}/dukung", SupportReport(views, reports, org));
}

}  // namespace spbe::reports
