#include <fmt/format.h>
#include <boost/json.hpp>
#include <cstdlib>

#include "http/forms.hpp"
#include "http/problem.hpp"
#include "platform/local_time.hpp"
#include "reports/pages_detail.hpp"
#include "reports/web.hpp"

namespace spbe::reports {

using http::Request;
using http::Response;

namespace {

namespace json = boost::json;

// ---- The back office (/pengaduan) ----
// The desk's and offices' queues.
http::Handler OfficeQueue(const http::Views& views, ReportsService& reports) {
  auto text = detail::TextOf(views);
  return [&views, &reports, text](Request& req) {
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
  };
}

// A report's page for the desk and the offices, and their actions on it.
auto OfficePage(const http::Views& views, ReportsService& reports, org::OrgService& org) {
  auto text = detail::TextOf(views);
  auto timeline = detail::TimelineOf(views);
  auto region_name = detail::RegionNameOf(org);
  auto offices = detail::OfficesOf(reports);
  return [&views, &reports, text, timeline, region_name, offices](const Request& req, int status, json::object extra) {
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
}

http::Handler OfficeReport(const http::Views& views, ReportsService& reports, org::OrgService& org) {
  auto office_page = OfficePage(views, reports, org);
  return [office_page](Request& req) {
    if (req.actor().anonymous()) return Response::Redirect("/masuk?kembali=/pengaduan/" + req.params["tn"]);
    return office_page(req, 200, {});
  };
}

http::Handler OfficeAction(const http::Views& views, ReportsService& reports, org::OrgService& org) {
  auto office_page = OfficePage(views, reports, org);
  auto text = detail::TextOf(views);
  return [office_page, &reports, text](Request& req) {
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
  };
}

// ---- Routing rules (/pengaduan/rute) ----
auto RoutesPage(const http::Views& views, ReportsService& reports, org::OrgService& org) {
  auto text = detail::TextOf(views);
  auto regions = detail::RegionsOf(org);
  auto offices = detail::OfficesOf(reports);
  auto region_name = detail::RegionNameOf(org);
  return [&views, &reports, regions, offices, region_name, text](const Request& req, int status,
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
}

http::Handler RoutingRules(const http::Views& views, ReportsService& reports, org::OrgService& org) {
  auto routes_page = RoutesPage(views, reports, org);
  return [routes_page](Request& req) {
    if (req.actor().anonymous()) return Response::Redirect("/masuk?kembali=/pengaduan/rute");
    return routes_page(req, 200, {});
  };
}

http::Handler PutRoutingRule(const http::Views& views, ReportsService& reports, org::OrgService& org) {
  auto routes_page = RoutesPage(views, reports, org);
  return [routes_page, &reports](Request& req) {
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
  };
}

http::Handler DeleteRoutingRule(const http::Views& views, ReportsService& reports, org::OrgService& org) {
  auto routes_page = RoutesPage(views, reports, org);
  return [routes_page, &reports](Request& req) {
    if (req.actor().anonymous()) return Response::Redirect("/masuk?kembali=/pengaduan/rute");
    auto st = reports.DeleteRoute(req.actor(), std::atoll(req.params["id"].c_str()), req.lang);
    if (!st.ok()) return routes_page(req, http::StatusFor(st.error().code), {{"-", st.error().detail}});
    return Response::Redirect("/pengaduan/rute");
  };
}

}  // namespace

void RegisterOfficePages(http::Router& router, const http::Views& views, ReportsService& reports,
                         org::OrgService& org) {
  router.Add("GET", "/pengaduan", OfficeQueue(views, reports));
  router.Add("GET", "/pengaduan/{tn}", OfficeReport(views, reports, org));
  router.Add("POST", "/pengaduan/{tn}/tindakan", OfficeAction(views, reports, org));
  router.Add("GET", "/pengaduan/rute", RoutingRules(views, reports, org));
  router.Add("POST", "/pengaduan/rute", PutRoutingRule(views, reports, org));
  router.Add("POST", "/pengaduan/rute/{id}/hapus", DeleteRoutingRule(views, reports, org));
}

}  // namespace spbe::reports
