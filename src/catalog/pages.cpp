#include "catalog/pages.hpp"

#include <boost/json.hpp>
#include <cstdlib>

#include "http/forms.hpp"
#include "platform/i18n.hpp"
#include "platform/local_time.hpp"

namespace spbe::catalog {

using http::Request;
using http::Response;

namespace {

namespace json = boost::json;

std::string FeeText(const Fee& fee, const i18n::Catalog& t, std::string_view lang) {
  switch (fee.kind) {
    case FeeKind::kFree:
      return t.Text(lang, "catalog_free");
    case FeeKind::kFixed:
      return i18n::FormatRupiah(fee.amount);
    case FeeKind::kFormula:
      break;
  }
  return t.Text(lang, "catalog_fee_formula");
}

// A formula fee in full: the rule in words, each table's rates by the choice's labels, the rounding.
json::object FeeRule(const Definition& d, const i18n::Catalog& t, std::string_view lang) {
  json::array tables;
  for (const auto& table : d.fee.tables) {
    const FormField* by = d.form.Find(table.by);
    json::array rows;
    for (const auto& [value, rate] : table.values) {
      std::string label = value;
      if (by) {
        for (const auto& o : by->options) {
          if (o.value == value) label = o.label.In(lang);
        }
      }
      rows.push_back({{"label", label}, {"rate", i18n::FormatRupiah(rate)}});
    }
    tables.push_back({{"by", by ? by->label.In(lang) : table.by}, {"rows", std::move(rows)}});
  }
  std::string rounding = t.Text(lang, "fee_round_" + std::string(RoundingName(d.fee.rounding)));
  if (d.fee.round_to > 1) rounding += " " + t.Text(lang, "fee_round_to") + " " + i18n::FormatRupiah(d.fee.round_to);
  return {{"rule", DescribeFormula(d, lang)},
          {"tables", std::move(tables)},
          {"rounding", rounding},
          {"minimum", d.fee.minimum > 0 ? i18n::FormatRupiah(d.fee.minimum) : ""}};
}

std::string DaysText(int days, const i18n::Catalog& t, std::string_view lang) {
  return std::to_string(days) + " " + t.Text(lang, days == 1 ? "catalog_working_day" : "catalog_working_days");
}

// The page's query string with one parameter changed (page links keep the search).
std::string Link(const std::string& q, std::int64_t agency, const std::string& event, int page) {
  std::string out = "/layanan?";
  if (!q.empty()) out += "q=" + http::UrlEncode(q) + "&";
  if (agency > 0) out += "instansi=" + std::to_string(agency) + "&";
  if (!event.empty()) out += "peristiwa=" + http::UrlEncode(event) + "&";
  out += "hal=" + std::to_string(page);
  return out;
}

http::Handler ServiceList(const http::Views& views, CatalogService& service) {
  return [&views, &service](Request& req) {
    const auto& t = views.catalog();
    std::string q = req.Query("q").value_or("");
    std::int64_t agency = std::atoll(req.Query("instansi").value_or("0").c_str());
    std::string event = req.Query("peristiwa").value_or("");
    int page = std::max(1, std::atoi(req.Query("hal").value_or("1").c_str()));
    auto found = service.Search(q, agency, event, page);
    auto agencies = service.Agencies();
    if (!found.ok() || !agencies.ok()) return views.ErrorPage(req, 503);

    json::array items, agency_options, events;
    for (const auto& v : found->items) {
      const Definition& d = v.definition;
      items.push_back({{"slug", v.service.slug},
                       {"name", d.name.In(req.lang)},
                       {"agency", v.service.node_name},
                       {"summary", d.summary.In(req.lang)},
                       {"days", DaysText(d.time_limit_days, t, req.lang)},
                       {"fee", FeeText(d.fee, t, req.lang)},
                       {"free", d.fee.kind == FeeKind::kFree}});
    }
    for (const auto& [id, name] : *agencies) {
      agency_options.push_back({{"id", id}, {"name", name}, {"selected", id == agency}});
    }
    for (const auto& e : LifeEvents()) {
      bool current = e.key == event;
      events.push_back(
          {{"key", e.key},
           {"label", t.Text(req.lang, e.label)},
           {"current", current},
           {"href", Link("", agency, current ? "" : std::string(e.key), 1)}});  // a life event replaces the words
    }
    int pages = (found->total + 19) / 20;
    json::object data{{"q", q},
                      {"items", std::move(items)},
                      {"agencies", std::move(agency_options)},
                      {"events", std::move(events)},
                      {"event", event},
                      {"total", found->total},
                      {"none", found->items.empty()},
                      {"filtered", !q.empty() || agency > 0 || !event.empty()}};
    if (page > 1) data["prev"] = Link(q, agency, event, page - 1);
    if (page < pages) data["next"] = Link(q, agency, event, page + 1);
    if (pages > 1) data["page_of"] = std::to_string(page) + " / " + std::to_string(pages);
    return views.Page(req, 200, "catalog/list", std::move(data), "catalog_title");
  };
}

http::Handler ServicePage(const http::Views& views, CatalogService& service) {
  return [&views, &service](Request& req) {
    const auto& t = views.catalog();
    auto v = service.Published(req.params["slug"]);
    if (!v.ok()) return views.ErrorPage(req, v.error().code == ErrorCode::kNotFound ? 404 : 503);
    const Definition& d = v->definition;
    std::string_view lang = req.lang;
    auto text = [&](const LocalText& x) { return x.empty() ? t.Text(lang, "catalog_not_stated") : x.In(lang); };
    json::array basis(d.standard.legal_basis.begin(), d.standard.legal_basis.end());
    json::array requirements, documents, steps;
    for (const auto& r : d.standard.requirements) requirements.emplace_back(r.In(lang));
    for (const auto& f : d.form.fields) {
      if (f.type != FieldType::kFile) continue;
      documents.push_back({{"label", f.label.In(lang)}, {"required", f.required}});
    }
    for (std::size_t i = 0; i < d.workflow.steps.size(); ++i) {
      const Step& s = d.workflow.steps[i];
      steps.push_back(
          {{"name", s.name.In(lang)}, {"office", v->step_offices[i]}, {"days", DaysText(s.time_limit_days, t, lang)}});
    }
    json::array events;
    for (const auto& key : d.life_events) {
      for (const auto& e : LifeEvents()) {
        if (e.key == key) events.push_back({{"label", t.Text(lang, e.label)}, {"href", "/layanan?peristiwa=" + key}});
      }
    }
    json::object data{
        {"name", d.name.In(lang)},
        {"page_title", d.name.In(lang)},
        {"summary", d.summary.In(lang)},
        {"agency", v->service.node_name},
        {"slug", v->service.slug},
        {"version", v->version.version},
        {"published_at", LocalDateText(v->version.published_at, ParseTimeZone(v->service.node_timezone), lang)},
        {"events", std::move(events)},
        {"legal_basis", std::move(basis)},
        {"requirements", std::move(requirements)},
        {"documents", std::move(documents)},
        {"steps", std::move(steps)},
        {"days", DaysText(d.time_limit_days, t, lang)},
        {"fee", FeeText(d.fee, t, lang)},
        {"fee_basis", d.fee.basis.In(lang)},
        {"fee_rule", d.fee.kind == FeeKind::kFormula ? json::value(FeeRule(d, t, lang)) : json::value()},
        {"deemed_granted", d.deemed_granted},
        {"output", text(d.standard.output)},
        {"facilities", text(d.standard.facilities)},
        {"competence", text(d.standard.competence)},
        {"supervision", text(d.standard.supervision)},
        {"complaints", text(d.standard.complaints)},
        {"staff", text(d.standard.staff)},
        {"guarantee", text(d.standard.guarantee)},
        {"security", text(d.standard.security)},
        {"evaluation", text(d.standard.evaluation)}};
    Response r = views.Page(req, 200, "catalog/service", std::move(data), "catalog_service_title");
    return r;
  };
}

}  // namespace

void RegisterPages(http::Router& router, const http::Views& views, CatalogService& service) {
  router.Add("GET", "/layanan", ServiceList(views, service));
  router.Add("GET", "/layanan/{slug}", ServicePage(views, service));
}

}  // namespace spbe::catalog
