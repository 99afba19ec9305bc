#include <boost/json.hpp>
#include <cstdlib>
#include <set>

#include "applications/pages.hpp"
#include "http/forms.hpp"
#include "platform/local_time.hpp"

namespace spbe::applications {

using http::Request;
using http::Response;

namespace {

namespace json = boost::json;

// The worklist: the files the officer's grants reach, filtered by service, step and status.
http::Handler Worklist(const http::Views& views, ApplicationsService& service, catalog::CatalogService& catalog) {
  return [&service, &views, &catalog](Request& req) {
    if (req.actor().anonymous()) return Response::Redirect("/masuk?kembali=/kerja");
    const auto& t = views.catalog();
    WorklistFilter f;
    f.status = req.Query("status").value_or("");
    f.service_id = std::atoll(req.Query("layanan").value_or("0").c_str());
    f.step = req.Query("tahap").value_or("");
    f.page = std::max(1, std::atoi(req.Query("hal").value_or("1").c_str()));
    auto items = service.Worklist(req.actor(), f, req.lang);
    if (!items.ok()) return views.ErrorPage(req, items.error().code == ErrorCode::kForbidden ? 403 : 503);
    json::array rows;
    for (const auto& w : *items) {
      rows.push_back({{"tracking_number", w.tracking_number},
                      {"service", w.service_name},
                      {"step", w.step_name},
                      {"submitted", LocalDateText(w.row.submitted_at, w.zone, req.lang)},
                      {"due", LocalDateText(w.row.step_due_at, w.zone, req.lang)},
                      {"marker", w.marker},
                      {"marker_text", w.marker.empty() ? "" : t.Text(req.lang, "marker_" + w.marker)},
                      {"days_left", w.days_left},
                      {"claimed_by_me", w.claimed_by_me},
                      {"claimed_other", w.claimed && !w.claimed_by_me}});
    }
    // Steps of the chosen service, or of every service (a key such as "verifikasi" is shared by many).
    json::array services, steps;
    std::set<std::string> step_keys;
    if (auto all = catalog.Search("", 0, "", 1, 100); all.ok()) {
      for (const auto& v : all->items) {
        services.push_back({{"id", v.service.id},
                            {"name", v.definition.name.In(req.lang)},
                            {"selected", v.service.id == f.service_id}});
        if (f.service_id != 0 && v.service.id != f.service_id) continue;
        for (const auto& st : v.definition.workflow.steps) {
          if (!step_keys.insert(st.key).second) continue;
          steps.push_back({{"key", st.key}, {"name", st.name.In(req.lang)}, {"selected", st.key == f.step}});
        }
      }
    }
    json::object data{
        {"rows", rows},
        {"none", rows.empty()},
        {"services", services},
        {"steps", steps},
        {"status", f.status},
        {"returned", f.status == "returned"},
        {"next", static_cast<int>(rows.size()) == 50
                     ? "/kerja?hal=" + std::to_string(f.page + 1) + "&layanan=" + std::to_string(f.service_id) +
                           "&status=" + http::UrlEncode(f.status) + "&tahap=" + http::UrlEncode(f.step)
                     : ""}};
    return views.Page(req, 200, "applications/worklist", std::move(data), "worklist_title");
  };
}

// The file as an officer works it; `extra` carries a revealed value or the errors of the last action.
Response FilePage(ApplicationsService& service, const http::Views& views, const Request& req, int status,
                  json::object extra) {
  const auto& t = views.catalog();
  auto v = service.Get(req.actor(), req.params.at("tn"), req.lang);
  if (!v.ok()) return views.ErrorPage(req, 404);
  json::array fields, timeline, actions;
  std::string revealed_field = extra.contains("revealed_field") ? std::string(extra["revealed_field"].as_string()) : "";
  for (const auto& f : v->fields) {
    json::object o{{"name", f.name}, {"label", f.label}, {"value", f.value}, {"masked", f.masked}};
    if (f.name == revealed_field) {
      o["value"] = extra["revealed_value"];
      o["masked"] = false;
    }
    if (f.file_id) o["href"] = "/permohonan/" + v->tracking_number + "/berkas/" + std::to_string(f.file_id);
    fields.push_back(std::move(o));
  }
  for (const auto& e : v->timeline) {
    timeline.push_back({{"at", LocalDateTimeText(e.at, v->zone, req.lang)},
                        {"action", t.Text(req.lang, "action_" + e.action)},
                        {"step", e.step_name},
                        {"office", e.office},
                        {"note", e.note},
                        {"internal", e.internal}});
  }
  bool can_claim = false, can_release = false;
  for (const auto& a : v->actions) {
    if (a == "claim")
      can_claim = true;
    else if (a == "release")
      can_release = true;
    else
      actions.push_back({{"value", a}, {"label", t.Text(req.lang, "do_" + a)}});
  }
  auto parsed = ParseStatus(v->row.status);
  bool decided = parsed && Closed(*parsed);
  json::object data{{"decided", decided},
                    {"decided_on", decided ? LocalDateText(v->row.closed_at, v->zone, req.lang) : ""},
                    {"tracking_number", v->tracking_number},
                    {"page_title", v->tracking_number},
                    {"service_name", v->service.definition.name.In(req.lang)},
                    {"status", t.Text(req.lang, "file_status_" + v->row.status)},
                    {"step", v->step_name},
                    {"office", v->step_office},
                    {"due", LocalDateText(v->row.step_due_at, v->zone, req.lang)},
                    {"days_left", v->days_left},
                    {"days_text", t.WorkingDaysLeft(req.lang, v->days_left)},
                    {"has_due", v->has_due},
                    {"overdue", v->has_due && v->days_left < 0},
                    {"fields", fields},
                    {"timeline", timeline},
                    {"actions", actions},
                    {"has_actions", !actions.empty()},
                    {"can_claim", can_claim},
                    {"can_release", can_release},
                    {"claimed_other", v->row.claimed_by != 0 && !can_release},
                    {"document_id", v->document_id}};
  for (auto& [k, val] : extra) data[k] = val;
  return views.Page(req, status, "applications/office_file", std::move(data), "office_file_title");
}

auto FilePageOf(const http::Views& views, ApplicationsService& service) {
  return [&service, &views](const Request& req, int status, json::object extra) {
    return FilePage(service, views, req, status, std::move(extra));
  };
}

http::Handler OfficeFile(const http::Views& views, ApplicationsService& service) {
  auto file_page = FilePageOf(views, service);
  return [file_page](Request& req) {
    if (req.actor().anonymous()) return Response::Redirect("/masuk?kembali=" + http::UrlEncode(req.path));
    // The back office is for officers: an applicant following a link here reads their own page, which never shows
    // the office's internal notes.
    if (req.actor().grants.empty()) return Response::Redirect("/permohonan/" + http::UrlEncode(req.params["tn"]));
    json::object extra;
    if (auto ok = req.Query("ok")) extra["notice"] = true;
    return file_page(req, 200, std::move(extra));
  };
}

http::Handler ActOnFile(const http::Views& views, ApplicationsService& service) {
  auto file_page = FilePageOf(views, service);
  return [&service, file_page](Request& req) {
    if (req.actor().anonymous()) return Response::Redirect("/masuk");
    auto form = http::ParseForm(req.body);
    auto done = service.Act(req.actor(), req.params["tn"], http::FormField(form, "tindakan"),
                            http::FormField(form, "catatan"), req.lang);
    if (!done.ok()) {
      json::array list;
      for (const auto& e : done.error().fields) list.push_back({{"field", e.field}, {"message", e.message}});
      if (list.empty()) list.push_back({{"field", "-"}, {"message", done.error().detail}});
      int status = done.error().code == ErrorCode::kValidation  ? 422
                   : done.error().code == ErrorCode::kConflict  ? 409
                   : done.error().code == ErrorCode::kForbidden ? 403
                                                                : 404;
      return file_page(req, status,
                       {{"has_errors", true}, {"error_list", list}, {"note", http::FormField(form, "catatan")}});
    }
    return Response::Redirect("/kerja/" + done->tracking_number + "?ok=1");
  };
}

http::Handler RevealField(const http::Views& views, ApplicationsService& service) {
  auto file_page = FilePageOf(views, service);
  return [&service, file_page](Request& req) {
    if (req.actor().anonymous()) return Response::Redirect("/masuk");
    auto form = http::ParseForm(req.body);
    std::string field = http::FormField(form, "isian");
    auto value = service.Reveal(req.actor(), req.params["tn"], field, req.lang);
    if (!value.ok()) {
      return file_page(
          req, value.error().code == ErrorCode::kForbidden ? 403 : 422,
          {{"has_errors", true},
           {"error_list", json::array{json::object{{"field", field}, {"message", value.error().detail}}}}});
    }
    Response r = file_page(req, 200, {{"revealed_field", field}, {"revealed_value", *value}, {"revealed_note", true}});
    r.Set("Cache-Control", "no-store");
    return r;
  };
}

}  // namespace

void RegisterOfficePages(http::Router& router, const http::Views& views, ApplicationsService& service,
                         catalog::CatalogService& catalog) {
  router.Add("GET", "/kerja", Worklist(views, service, catalog));
  router.Add("GET", "/kerja/{tn}", OfficeFile(views, service));
  router.Add("POST", "/kerja/{tn}/tindakan", ActOnFile(views, service));
  router.Add("POST", "/kerja/{tn}/tampilkan", RevealField(views, service));
}

}  // namespace spbe::applications
