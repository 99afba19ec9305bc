// The pages of the SPBE evaluation: the public results (/indeks-spbe, a government's index, predikat, per-domain
// chart and trend, drawn on the server), the coordinator's and evaluator's worklist (/spbe/penilaian), an
// assessment's overview and each indicator's page with its forms (levels by their criteria, evidence, review,
// targets and plan). Plain forms; every POST answers with a redirect back or the page with the errors by the fields.
#include "evaluation/pages.hpp"

#include <boost/json.hpp>

#include "http/forms.hpp"
#include "http/ids.hpp"
#include "http/multipart.hpp"
#include "platform/i18n.hpp"
#include "platform/local_time.hpp"
#include "transparency/chart.hpp"

namespace spbe::evaluation {

using http::Request;
using http::Response;

namespace {

namespace json = boost::json;

std::int64_t PathId(const Request& req, const char* name) {
  auto it = req.params.find(name);
  return it == req.params.end() ? 0 : http::ParseId(it->second);
}

// A small whole number typed in a form (a level, a year); -1 for anything else.
int FormInt(const std::map<std::string, std::string>& form, const char* key) {
  std::string v = http::FormField(form, key);
  if (v.empty() || v.size() > 4 || v.find_first_not_of("0123456789") != std::string::npos) return -1;
  return std::stoi(v);
}

std::string Index(const Score& s) { return s.hundredths ? FormatHundredths(*s.hundredths) : "-"; }

std::string StateText(const http::Views& views, const Request& req, const std::string& state) {
  return views.catalog().Text(req.lang, "spbe_state_" + state);
}

std::string Base(std::int64_t id) { return "/spbe/penilaian/" + std::to_string(id); }

Response SignIn(const std::string& back) { return Response::Redirect("/masuk?kembali=" + http::UrlEncode(back), 303); }

// A refusal the person can act on is shown on the page they were on, next to the form: field errors (422) and a
// state that forbids the step now (409, "not every indicator is decided"); others get the error page.
bool Shown(const Error& e) { return e.code == ErrorCode::kValidation || e.code == ErrorCode::kConflict; }
int StatusOf(const Error& e) { return e.code == ErrorCode::kConflict ? 409 : 422; }

json::object ErrorsOf(const Error& e) {
  json::object out;
  for (const auto& f : e.fields) out[f.field] = f.message;
  return out;
}

// The chart of one side's domains (bars, 0-5) and of the final index over the years (a line).
std::string DomainChart(const Model& m, const Scores& s, std::string_view lang, const std::string& id,
                        const std::string& title) {
  transparency::Chart c;
  c.id = id;
  c.title = title;
  c.kind = transparency::ChartKind::kBars;
  c.fixed_max = 5;
  c.lang = std::string(lang);
  transparency::Series series{title, {}, "#0b4a8b"};
  std::string desc;
  for (const auto& d : m.domains) {
    c.labels.push_back("D" + std::to_string(d.number));
    const Score& score = s.domains.at(d.number);
    if (score.hundredths) {
      series.values.push_back(*score.hundredths / 100.0);
    } else {
      series.values.push_back(std::nullopt);
    }
    desc += (desc.empty() ? "" : "; ") + d.name.In(lang) + ": " + Index(score);
  }
  c.series.push_back(std::move(series));
  c.description = desc;
  return transparency::RenderSvg(c);
}

std::string TrendChart(const std::vector<PublicResult>& years, std::string_view lang, const std::string& title) {
  transparency::Chart c;
  c.id = "tren";
  c.title = title;
  c.kind = transparency::ChartKind::kLines;
  c.fixed_max = 5;
  c.lang = std::string(lang);
  transparency::Series series{title, {}, "#0b4a8b"};
  std::string desc;
  for (auto it = years.rbegin(); it != years.rend(); ++it) {
    c.labels.push_back(std::to_string(it->year));
    if (it->final.overall.hundredths) {
      series.values.push_back(*it->final.overall.hundredths / 100.0);
    } else {
      series.values.push_back(std::nullopt);
    }
    desc += (desc.empty() ? "" : "; ") + std::to_string(it->year) + ": " + Index(it->final.overall);
  }
  c.series.push_back(std::move(series));
  c.description = desc;
  return transparency::RenderSvg(c);
}

json::array PartRows(const Model& m, const Scores& self, const Scores& final_side, std::string_view lang) {
  json::array rows;
  for (const auto& d : m.domains) {
    rows.push_back({{"domain", true},
                    {"name", "Domain " + std::to_string(d.number) + ". " + d.name.In(lang)},
                    {"weight", FormatHundredths(d.weight)},
                    {"self", Index(self.domains.at(d.number))},
                    {"final", Index(final_side.domains.at(d.number))}});
    for (int an : d.aspects) {
      const Aspect* a = m.FindAspect(an);
      rows.push_back({{"domain", false},
                      {"name", std::to_string(a->number) + ". " + a->name.In(lang)},
                      {"weight", FormatHundredths(a->weight)},
                      {"self", Index(self.aspects.at(an))},
                      {"final", Index(final_side.aspects.at(an))}});
    }
  }
  return rows;
}

std::string Predikat(const Scores& s, std::string_view lang) { return lang == "en" ? s.predikat_en : s.predikat_id; }

// ---- public ----

http::Handler PublicListPage(const http::Views& views, EvaluationService& spbe) {
  return [&views, &spbe](Request& req) {
    std::vector<org::Node> nodes;
    auto latest = spbe.PublicLatest(&nodes);
    if (!latest.ok()) return views.FailurePage(req, latest.error());
    json::array rows;
    for (std::size_t i = 0; i < latest->size(); ++i) {
      const auto& r = (*latest)[i];
      rows.push_back({{"slug", nodes[i].slug.empty() ? std::to_string(nodes[i].id) : nodes[i].slug},
                      {"name", nodes[i].name},
                      {"year", r.year},
                      {"index", Index(r.final.overall)},
                      {"predikat", Predikat(r.final, req.lang)}});
    }
    return views.Page(req, 200, "evaluation/public_list", {{"rows", std::move(rows)}, {"none", latest->empty()}},
                      "spbe_public_title");
  };
}

http::Handler PublicPage(const http::Views& views, EvaluationService& spbe) {
  return [&views, &spbe](Request& req) {
    auto s = spbe.Public(req.params["node"]);
    if (!s.ok()) return views.FailurePage(req, s.error());
    const PublicResult& latest = s->years.front();
    const Model& m = *latest.model;
    json::array years;
    for (const auto& y : s->years) {
      years.push_back({{"year", y.year}, {"index", Index(y.final.overall)}, {"predikat", Predikat(y.final, req.lang)}});
    }
    json::array domains;
    for (const auto& d : m.domains) {
      domains.push_back({{"number", d.number},
                         {"name", d.name.In(req.lang)},
                         {"weight", FormatHundredths(d.weight)},
                         {"index", Index(latest.final.domains.at(d.number))}});
    }
    std::string title = views.catalog().Text(req.lang, "spbe_domains_chart");
    return views.Page(
        req, 200, "evaluation/public",
        {{"name", s->node.name},
         {"year", latest.year},
         {"index", Index(latest.final.overall)},
         {"predikat", Predikat(latest.final, req.lang)},
         {"regulation", m.regulation},
         {"domains", std::move(domains)},
         {"years", std::move(years)},
         {"domain_chart", DomainChart(m, latest.final, req.lang, "domain", title)},
         {"trend_chart", s->years.size() > 1
                             ? TrendChart(s->years, req.lang, views.catalog().Text(req.lang, "spbe_trend_chart"))
                             : std::string()}},
        "spbe_public_title");
  };
}

// ---- worklist ----

Response WorklistPage(const http::Views& views, EvaluationService& spbe, org::OrgService& org, const Request& req,
                      int status, json::object data) {
  auto mine = spbe.Worklist(req.actor());
  if (!mine.ok()) return views.FailurePage(req, mine.error());
  auto queue = spbe.EvaluatorQueue(req.actor());
  if (!queue.ok()) return views.FailurePage(req, queue.error());
  TimeZone zone = views.zone();
  auto rows = [&](const std::vector<AssessmentRow>& list) {
    json::array out;
    for (const auto& a : list) {
      out.push_back({{"id", a.id},
                     {"name", a.node_name},
                     {"year", a.year},
                     {"state", StateText(views, req, a.state)},
                     {"updated", LocalDateTimeText(a.updated_at, zone, req.lang)}});
    }
    return out;
  };
  // The nodes the actor may open an assessment for: pemda and ministries they coordinate.
  json::array nodes;
  for (const auto& g : req.actor().grants) {
    if (g.role != access::Role::kAdminPlatform && g.role != access::Role::kAdminInstansi) continue;
    auto n = org.Get(g.node_id);
    if (!n.ok()) continue;
    if (n->kind == org::NodeKind::kKabupatenKota || n->kind == org::NodeKind::kProvinsi ||
        n->kind == org::NodeKind::kKementerianLembaga) {
      nodes.push_back({{"id", n->id}, {"name", n->name}});
    }
  }
  std::string csrf = http::CsrfToken(req);
  data["csrf"] = csrf;
  data["mine"] = rows(*mine);
  data["no_mine"] = mine->empty();
  data["queue"] = rows(*queue);
  data["has_queue"] = !queue->empty();
  data["nodes"] = nodes;
  data["can_open"] = !nodes.empty();
  if (!data.contains("typed_year")) {
    data["typed_year"] = static_cast<int>(LocalDate(std::chrono::system_clock::now(), zone).year());
  }
  Response r = views.Page(req, status, "evaluation/worklist", std::move(data), "spbe_worklist_title");
  http::SetCsrfCookie(r, req, csrf);
  return r;
}

http::Handler Worklist(const http::Views& views, EvaluationService& spbe, org::OrgService& org) {
  return [&views, &spbe, &org](Request& req) {
    if (req.actor().anonymous()) return SignIn("/spbe/penilaian");
    return WorklistPage(views, spbe, org, req, 200, {});
  };
}

http::Handler OpenForm(const http::Views& views, EvaluationService& spbe, org::OrgService& org) {
  return [&views, &spbe, &org](Request& req) {
    if (req.actor().anonymous()) return SignIn("/spbe/penilaian");
    auto form = http::ParseForm(req.body);
    std::string node = http::FormField(form, "node_id");
    std::int64_t node_id =
        !node.empty() && node.size() <= 18 && node.find_first_not_of("0123456789") == std::string::npos
            ? std::stoll(node)
            : 0;
    int year = std::max(0, FormInt(form, "year"));
    auto made = spbe.Create(req.actor(), node_id, year, req.lang);
    if (!made.ok()) {
      if (made.error().code != ErrorCode::kValidation && made.error().code != ErrorCode::kConflict) {
        return views.FailurePage(req, made.error());
      }
      return WorklistPage(views, spbe, org, req, made.error().code == ErrorCode::kConflict ? 409 : 422,
                          {{"errors", ErrorsOf(made.error())},
                           {"form_error", made.error().Headline()},
                           {"typed_year", http::FormField(form, "year").substr(0, 5)}});
    }
    return Response::Redirect(Base(made->row.id) + "?dibuka=1", 303);
  };
}

// ---- an assessment ----

json::object Common(const http::Views& views, const Request& req, const AssessmentView& v) {
  return {{"aid", v.row.id},
          {"name", v.row.node_name},
          {"year", v.row.year},
          {"state", StateText(views, req, v.row.state)},
          {"state_code", v.row.state},
          {"model", v.model->name.In(req.lang)},
          {"self_index", Index(v.self.overall)},
          {"self_predikat", Predikat(v.self, req.lang)},
          {"final_index", Index(v.final.overall)},
          {"final_predikat", Predikat(v.final, req.lang)},
          {"answered", v.self.overall.answered},
          {"total", v.self.overall.total},
          {"evidence_as_of", v.row.evidence_as_of},
          {"can_edit", v.can_edit},
          {"can_plan", v.can_plan},
          {"can_submit", v.can_submit},
          {"can_review", v.can_review},
          {"can_finalize", v.can_finalize},
          {"is_final", v.row.state == "final"}};
}

Response AssessmentPage(const http::Views& views, EvaluationService& spbe, const Request& req, std::int64_t id,
                        int status, json::object extra) {
  auto v = spbe.Get(req.actor(), id, req.lang);
  if (!v.ok()) return views.FailurePage(req, v.error());
  json::object data = Common(views, req, *v);
  json::array groups;
  for (const auto& a : v->model->aspects) {
    json::array items;
    for (int n : a.indicators) {
      const Indicator* ind = v->model->FindIndicator(n);
      AnswerRow answer;
      if (auto it = v->answers.find(n); it != v->answers.end()) answer = it->second;
      int evidence = 0;
      for (const auto& e : v->evidence) evidence += e.indicator == n;
      json::object item{
          {"number", n},
          {"name", ind->name.In(req.lang)},
          {"self", answer.self_level ? std::to_string(answer.self_level) : "-"},
          {"final", answer.final_level ? std::to_string(answer.final_level) : "-"},
          {"evidence", evidence},
          {"review",
           answer.review.empty() ? std::string() : views.catalog().Text(req.lang, "spbe_review_" + answer.review)},
          {"asked", answer.review == "more_evidence"}};
      if (auto t = v->previous_targets.find(n); t != v->previous_targets.end()) item["previous_target"] = t->second;
      items.push_back(std::move(item));
    }
    groups.push_back({{"name", std::to_string(a.number) + ". " + a.name.In(req.lang)}, {"items", std::move(items)}});
  }
  data["groups"] = std::move(groups);
  data["parts"] = PartRows(*v->model, v->self, v->final, req.lang);
  data["chart"] = DomainChart(*v->model, v->row.state == "final" ? v->final : v->self, req.lang, "domain",
                              views.catalog().Text(req.lang, "spbe_domains_chart"));
  if (v->previous_year) data["previous_year"] = *v->previous_year;
  json::array plan;
  for (const auto& p : v->plan) {
    plan.push_back({{"id", p.id},
                    {"indicator", p.indicator},
                    {"action", p.action},
                    {"owner", p.owner},
                    {"due", DateText(*ParseDate(p.due_date), req.lang)}});
  }
  data["plan"] = std::move(plan);
  data["has_plan"] = !v->plan.empty();
  for (auto& [k, value] : extra) data[k] = value;
  std::string csrf = http::CsrfToken(req);
  data["csrf"] = csrf;
  Response r = views.Page(req, status, "evaluation/assessment", std::move(data), "spbe_assessment_title");
  http::SetCsrfCookie(r, req, csrf);
  return r;
}

http::Handler ShowAssessment(const http::Views& views, EvaluationService& spbe) {
  return [&views, &spbe](Request& req) {
    std::int64_t id = PathId(req, "id");
    if (req.actor().anonymous()) return SignIn(Base(id));
    json::object flash;
    for (const char* k : {"dibuka", "terkirim", "final", "bukti_platform"}) {
      if (req.Query(k)) flash[k] = true;
    }
    return AssessmentPage(views, spbe, req, id, 200, std::move(flash));
  };
}

Response IndicatorPage(const http::Views& views, EvaluationService& spbe, const Request& req, std::int64_t id, int n,
                       int status, json::object extra) {
  auto v = spbe.Get(req.actor(), id, req.lang);
  if (!v.ok()) return views.FailurePage(req, v.error());
  const Indicator* ind = v->model->FindIndicator(n);
  if (!ind) return views.FailurePage(req, Error::Of(ErrorCode::kNotFound, i18n::Tr(req.lang, "spbe_not_found")));
  json::object data = Common(views, req, *v);
  AnswerRow answer;
  if (auto it = v->answers.find(n); it != v->answers.end()) answer = it->second;
  json::array levels;
  for (int level = 1; level <= 5; ++level) {
    const LevelName* name = v->model->LevelOf(*ind, level);
    levels.push_back({{"level", level},
                      {"name", name ? name->name.In(req.lang) : ""},
                      {"criteria", ind->criteria[static_cast<std::size_t>(level - 1)].In(req.lang)},
                      {"self", answer.self_level == level},
                      {"final", answer.final_level == level},
                      {"target", answer.target_level == level}});
  }
  TimeZone zone = views.zone();
  json::array evidence;
  for (const auto& e : v->evidence) {
    if (e.indicator != n) continue;
    json::object item{{"id", e.id},
                      {"title", e.title},
                      {"kind", e.kind},
                      {"added", LocalDateTimeText(e.added_at, zone, req.lang)},
                      {"platform", e.kind == "platform"},
                      {"as_of", e.as_of}};
    if (e.kind == "file") {
      item["url"] = "/api/v1/spbe/assessments/" + std::to_string(id) + "/evidence/" + std::to_string(e.id);
    } else {
      item["url"] = e.url;
    }
    if (e.kind == "platform" && req.lang == "en") {
      boost::system::error_code ec;
      auto figures = json::parse(e.figures, ec);
      if (!ec && figures.is_object() && figures.as_object().contains("summary_en")) {
        item["title"] = figures.as_object().at("summary_en");
      }
    }
    evidence.push_back(std::move(item));
  }
  json::array plan;
  for (const auto& p : v->plan) {
    if (p.indicator != n) continue;
    plan.push_back(
        {{"id", p.id}, {"action", p.action}, {"owner", p.owner}, {"due", DateText(*ParseDate(p.due_date), req.lang)}});
  }
  bool asked = answer.review == "more_evidence" && v->row.state == "under_review";
  data["number"] = n;
  data["indicator"] = ind->name.In(req.lang);
  data["weight"] = FormatHundredths(ind->weight);
  data["unconfirmed"] = !ind->confirmed;
  data["levels"] = std::move(levels);
  data["explanation"] = answer.explanation;
  data["self_level"] = answer.self_level;
  data["final_level"] = answer.final_level;
  data["review"] =
      answer.review.empty() ? std::string() : views.catalog().Text(req.lang, "spbe_review_" + answer.review);
  data["review_note"] = answer.review_note;
  data["interview_note"] = answer.interview_note;
  data["evidence"] = std::move(evidence);
  data["no_evidence"] = data["evidence"].as_array().empty();
  data["can_add_evidence"] = v->can_edit || (v->can_plan && asked);
  data["asked"] = asked;
  data["plan"] = std::move(plan);
  data["target_level"] = answer.target_level;
  if (auto t = v->previous_targets.find(n); t != v->previous_targets.end()) {
    data["previous_target"] = t->second;
    data["previous_year"] = *v->previous_year;
  }
  if (n > 1) data["prev"] = n - 1;
  if (n < static_cast<int>(v->model->indicators.size())) data["next"] = n + 1;
  data["live"] = ind->live.has_value();
  for (auto& [k, value] : extra) data[k] = value;
  std::string csrf = http::CsrfToken(req);
  data["csrf"] = csrf;
  Response r = views.Page(req, status, "evaluation/indicator", std::move(data), "spbe_indicator_title");
  http::SetCsrfCookie(r, req, csrf);
  return r;
}

http::Handler ShowIndicator(const http::Views& views, EvaluationService& spbe) {
  return [&views, &spbe](Request& req) {
    std::int64_t id = PathId(req, "id");
    int n = static_cast<int>(PathId(req, "number"));
    if (req.actor().anonymous()) return SignIn(Base(id) + "/indikator/" + std::to_string(n));
    json::object flash;
    if (req.Query("tersimpan")) flash["saved"] = true;
    return IndicatorPage(views, spbe, req, id, n, 200, std::move(flash));
  };
}

// A form on the indicator's page: the change, then back to the page (or the page with the errors by the fields).
using IndicatorChange =
    std::function<Status(const Request&, const std::map<std::string, std::string>&, std::int64_t, int)>;

http::Handler IndicatorForm(const http::Views& views, EvaluationService& spbe, IndicatorChange change) {
  return [&views, &spbe, change = std::move(change)](Request& req) {
    std::int64_t id = PathId(req, "id");
    int n = static_cast<int>(PathId(req, "number"));
    if (req.actor().anonymous()) return SignIn(Base(id) + "/indikator/" + std::to_string(n));
    auto form = http::ParseForm(req.body);
    Status st = change(req, form, id, n);
    if (!st.ok()) {
      if (!Shown(st.error())) return views.FailurePage(req, st.error());
      return IndicatorPage(
          views, spbe, req, id, n, StatusOf(st.error()),
          {{"errors", ErrorsOf(st.error())},
           {"form_error", st.error().Headline()},
           {"typed", json::object{{"explanation", http::FormField(form, "explanation").substr(0, 4000)},
                                  {"note", http::FormField(form, "note").substr(0, 2000)},
                                  {"title", http::FormField(form, "title").substr(0, 300)},
                                  {"url", http::FormField(form, "url").substr(0, 2000)},
                                  {"action", http::FormField(form, "action").substr(0, 1000)},
                                  {"owner", http::FormField(form, "owner").substr(0, 200)},
                                  {"due_date", http::FormField(form, "due_date").substr(0, 10)}}}});
    }
    return Response::Redirect(Base(id) + "/indikator/" + std::to_string(n) + "?tersimpan=1", 303);
  };
}

// Evidence: a file (multipart) or a link.
http::Handler EvidenceForm(const http::Views& views, EvaluationService& spbe) {
  return [&views, &spbe](Request& req) {
    std::int64_t id = PathId(req, "id");
    int n = static_cast<int>(PathId(req, "number"));
    if (req.actor().anonymous()) return SignIn(Base(id) + "/indikator/" + std::to_string(n));
    auto parts = http::ParseMultipart(req);
    if (!parts.ok()) return views.FailurePage(req, parts.error());
    auto field = [&](const char* name) -> std::string {
      const http::Part* p = http::FindPart(*parts, name);
      return p ? p->body : std::string();
    };
    const http::Part* file = http::FindPart(*parts, "file");
    Result<std::int64_t> added = std::int64_t{0};
    if (file && !file->body.empty()) {
      added = spbe.AddFile(req.actor(), id, n, file->file_name, file->content_type, file->body, req.lang);
    } else {
      added = spbe.AddLink(req.actor(), id, n, field("title"), field("url"), req.lang);
    }
    if (!added.ok()) {
      if (!Shown(added.error())) return views.FailurePage(req, added.error());
      return IndicatorPage(
          views, spbe, req, id, n, StatusOf(added.error()),
          {{"errors", ErrorsOf(added.error())},
           {"form_error", added.error().Headline()},
           {"typed", json::object{{"title", field("title").substr(0, 300)}, {"url", field("url").substr(0, 2000)}}}});
    }
    return Response::Redirect(Base(id) + "/indikator/" + std::to_string(n) + "?tersimpan=1", 303);
  };
}

// A form on the overview: the change, then back to it with a note of what happened.
http::Handler AssessmentForm(
    const http::Views& views, EvaluationService& spbe,
    std::function<Status(const Request&, const std::map<std::string, std::string>&, std::int64_t)> change,
    const char* flash) {
  return [&views, &spbe, change = std::move(change), flash](Request& req) {
    std::int64_t id = PathId(req, "id");
    if (req.actor().anonymous()) return SignIn(Base(id));
    auto form = http::ParseForm(req.body);
    Status st = change(req, form, id);
    if (!st.ok()) {
      if (!Shown(st.error())) return views.FailurePage(req, st.error());
      return AssessmentPage(views, spbe, req, id, StatusOf(st.error()),
                            {{"errors", ErrorsOf(st.error())}, {"form_error", st.error().Headline()}});
    }
    return Response::Redirect(Base(id) + "?" + flash + "=1", 303);
  };
}

}  // namespace

void RegisterPages(http::Router& router, const http::Views& views, EvaluationService& spbe, org::OrgService& org) {
  router.Add("GET", "/indeks-spbe", PublicListPage(views, spbe));
  router.Add("GET", "/indeks-spbe/{node}", PublicPage(views, spbe));
  router.Add("GET", "/spbe/penilaian", Worklist(views, spbe, org));
  router.Add("POST", "/spbe/penilaian", OpenForm(views, spbe, org));
  router.Add("GET", "/spbe/penilaian/{id}", ShowAssessment(views, spbe));
  router.Add("GET", "/spbe/penilaian/{id}/indikator/{number}", ShowIndicator(views, spbe));
  router.Add("POST", "/spbe/penilaian/{id}/indikator/{number}",
             IndicatorForm(views, spbe, [&spbe](const Request& req, const auto& form, std::int64_t id, int n) {
               int level = FormInt(form, "level");
               return spbe.SetSelf(req.actor(), id, n, level < 0 ? 0 : level,
                                   http::FormField(form, "explanation").substr(0, 5000), req.lang);
             }));
  router.Add("POST", "/spbe/penilaian/{id}/indikator/{number}/bukti", EvidenceForm(views, spbe));
  router.Add("POST", "/spbe/penilaian/{id}/indikator/{number}/bukti/{evidence_id}/hapus",
             IndicatorForm(views, spbe, [&spbe](const Request& req, const auto&, std::int64_t id, int) {
               return spbe.RemoveEvidence(req.actor(), id, PathId(req, "evidence_id"), req.lang);
             }));
  router.Add("POST", "/spbe/penilaian/{id}/indikator/{number}/reviu",
             IndicatorForm(views, spbe, [&spbe](const Request& req, const auto& form, std::int64_t id, int n) {
               auto decision = ParseReview(http::FormField(form, "decision"));
               int level = FormInt(form, "level");
               return spbe.ReviewIndicator(req.actor(), id, n, decision.value_or(Review::kNone), level < 0 ? 0 : level,
                                           http::FormField(form, "note").substr(0, 3000), req.lang);
             }));
  router.Add("POST", "/spbe/penilaian/{id}/indikator/{number}/wawancara",
             IndicatorForm(views, spbe, [&spbe](const Request& req, const auto& form, std::int64_t id, int n) {
               return spbe.NoteInterview(req.actor(), id, n, http::FormField(form, "note").substr(0, 3000), req.lang);
             }));
  router.Add("POST", "/spbe/penilaian/{id}/indikator/{number}/target",
             IndicatorForm(views, spbe, [&spbe](const Request& req, const auto& form, std::int64_t id, int n) {
               int level = FormInt(form, "target_level");
               return spbe.SetTarget(req.actor(), id, n, level < 0 ? -1 : level, req.lang);
             }));
  router.Add("POST", "/spbe/penilaian/{id}/indikator/{number}/rencana",
             IndicatorForm(views, spbe, [&spbe](const Request& req, const auto& form, std::int64_t id, int n) {
               auto made = spbe.AddPlanAction(req.actor(), id, n, http::FormField(form, "action").substr(0, 2000),
                                              http::FormField(form, "owner").substr(0, 400),
                                              http::FormField(form, "due_date").substr(0, 20), req.lang);
               return made.ok() ? Status(Ok{}) : Status(made.error());
             }));
  router.Add("POST", "/spbe/penilaian/{id}/indikator/{number}/rencana/{action_id}/hapus",
             IndicatorForm(views, spbe, [&spbe](const Request& req, const auto&, std::int64_t id, int) {
               return spbe.RemovePlanAction(req.actor(), id, PathId(req, "action_id"), req.lang);
             }));
  router.Add(
      "POST", "/spbe/penilaian/{id}/kirim",
      AssessmentForm(
          views, spbe,
          [&spbe](const Request& req, const auto&, std::int64_t id) { return spbe.Submit(req.actor(), id, req.lang); },
          "terkirim"));
  router.Add("POST", "/spbe/penilaian/{id}/final",
             AssessmentForm(
                 views, spbe,
                 [&spbe](const Request& req, const auto&, std::int64_t id) {
                   return spbe.Finalize(req.actor(), id, req.lang);
                 },
                 "final"));
  router.Add("POST", "/spbe/penilaian/{id}/bukti-platform",
             AssessmentForm(
                 views, spbe,
                 [&spbe](const Request& req, const auto& form, std::int64_t id) {
                   auto n =
                       spbe.TakeLiveEvidence(req.actor(), id, http::FormField(form, "date").substr(0, 20), req.lang);
                   return n.ok() ? Status(Ok{}) : Status(n.error());
                 },
                 "bukti_platform"));
}

}  // namespace spbe::evaluation
