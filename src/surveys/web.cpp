#include "surveys/web.hpp"

#include <fmt/format.h>
#include <boost/json.hpp>

#include <algorithm>
#include <cstdlib>

#include "http/forms.hpp"
#include "http/json.hpp"
#include "http/openapi.hpp"
#include "http/problem.hpp"
#include "surveys/report.hpp"

namespace spbe::surveys {

using http::Request;
using http::Response;

namespace {

namespace json = boost::json;
using http::ProblemDoc;
using http::Unauthorized;

std::string Doc(const char* summary, const char* params, const char* request, const std::string& responses) {
  return http::OperationDoc("surveys", summary, params, request, responses);
}

// Officers, admins and auditors over the node see each element; the public sees the index.
bool SeesElements(const access::Actor& actor, const std::string& path) {
  return access::Allowed(actor, access::Action::kStatsRead, path);
}

}  // namespace

void RegisterWeb(http::Router& router, const http::Views& views, SurveysService& surveys, org::OrgService& org) {
  static const std::string kAnswerDoc = Doc(
      "The applicant rates a completed application on the nine IKM elements, once",
      R"([{"name": "tracking_number", "in": "path", "required": true, "schema": {"type": "string"}}])",
      R"({"application/json": {"schema": {"type": "object", "required": ["answers"], "properties": {"answers": {"type": "array", "minItems": 9, "maxItems": 9, "items": {"type": "integer", "minimum": 1, "maximum": 4}}}}}})",
      std::string(R"("201": {"description": "Recorded"}, )") + ProblemDoc("401", "Not signed in") + ", " +
          ProblemDoc("404", "Not the applicant's application") + ", " +
          ProblemDoc("409", "Not completed yet, or already answered") + ", " + ProblemDoc("422", "Field errors"));
  router.Add("POST", "/api/v1/applications/{tracking_number}/survey",
             [&surveys](Request& req) {
               if (req.actor().account_id == 0) return Unauthorized(req);
               auto body = http::ParseJsonObject(req);
               if (!body.ok()) return http::Problem(req, body.error());
               std::vector<long long> values;
               if (const auto* a = body->if_contains("answers"); a && a->is_array()) {
                 for (const auto& v : a->as_array()) values.push_back(v.is_int64() ? v.as_int64() : 0);
               }
               auto answers = ParseAnswers(values, req.lang);
               if (!answers.ok()) return http::Problem(req, answers.error());
               auto st = surveys.Answer(req.actor(), req.params["tracking_number"], *answers, req.lang);
               if (!st.ok()) return http::Problem(req, st.error());
               Response r;
               r.status = 201;
               return r;
             },
             {.openapi = kAnswerDoc});

  static const std::string kStatsDoc = Doc(
      "IKM for a service or an office and a period (open data): index, grade, respondents, the recommended "
      "sample; each element's score for officers of the node",
      R"([{"name": "service_id", "in": "query", "schema": {"type": "integer"}},
              {"name": "node_id", "in": "query", "schema": {"type": "integer"}},
              {"name": "from", "in": "query", "required": true, "schema": {"type": "string", "format": "date"}},
              {"name": "to", "in": "query", "required": true, "schema": {"type": "string", "format": "date"}}])",
      nullptr,
      std::string(
          R"("200": {"description": "The index", "content": {"application/json": {"schema": {"type": "object"}}}}, )") +
          ProblemDoc("422", "Bad dates or node"));
  // The scope a stats request asks for: a service, or an office (node), and a period; errors by parameter.
  auto results = [&surveys, &org](const Request& req) -> Result<std::pair<Result_, std::string>> {
    bool en = req.lang == "en";
    Scope scope{std::atoll(req.Query("service_id").value_or("0").c_str()), "", req.Query("from").value_or(""),
                req.Query("to").value_or("")};
    std::vector<FieldError> errors;
    if (!ParseUtc(scope.from + "T00:00:00Z"))
      errors.push_back({"from", en ? "a date YYYY-MM-DD" : "tanggal TTTT-BB-HH"});
    if (!ParseUtc(scope.to + "T00:00:00Z")) errors.push_back({"to", en ? "a date YYYY-MM-DD" : "tanggal TTTT-BB-HH"});
    std::string name = "Seluruh instansi";
    if (auto node = req.Query("node_id")) {
      auto n = org.Get(std::atoll(node->c_str()));
      if (!n.ok()) {
        errors.push_back({"node_id", en ? "no such node" : "simpul tidak ditemukan"});
      } else {
        scope.node_path = n->path;
        name = n->name;
      }
    }
    if (!errors.empty()) return Error::Validation(std::move(errors));
    auto r = surveys.Results(scope);
    if (!r.ok()) {
      return Error::Validation({{"service_id", en ? "no such published service" : "layanan tidak ditemukan"}});
    }
    if (!r->service_name.empty()) name = r->service_name;
    return std::make_pair(std::move(*r), name);
  };

  router.Add("GET", "/api/v1/stats/ikm",
             [results](Request& req) {
               auto found = results(req);
               if (!found.ok()) return http::Problem(req, found.error());
               const Result_& r = found->first;
               json::object out{{"scope", found->second},         {"respondents", r.totals.respondents},
                                {"population", r.population},     {"recommended_sample", r.recommended},
                                {"undersampled", r.undersampled}, {"licence", "CC BY 4.0"}};
               if (r.index) {
                 out["ikm"] = r.index->Converted();
                 out["grade"] = std::string(1, r.index->grade);
                 out["performance"] = r.index->performance;
                 if (!r.node_path.empty() && SeesElements(req.actor(), r.node_path)) {
                   json::object elements;
                   for (int i = 0; i < kElements; ++i) {
                     elements[ElementKeys()[static_cast<std::size_t>(i)]] = r.index->nrr[static_cast<std::size_t>(i)];
                   }
                   out["elements"] = std::move(elements);
                 }
               } else {
                 out["ikm"] = nullptr;
               }
               return http::JsonResponse(200, out);
             },
             {.openapi = kStatsDoc, .api_key_scope = "stats.read"});

  // The formal report as CSV or PDF: what the regulation's report shows, each element included.
  auto report = [results, &views](const Request& req, bool pdf) -> Response {
    auto found = results(req);
    if (!found.ok()) return http::Problem(req, found.error());
    Report rep{found->second,
               req.Query("from").value_or(""),
               req.Query("to").value_or(""),
               FormatUtc(std::chrono::system_clock::now()),
               found->first,
               views.zone()};
    Response r;
    if (pdf) {
      auto bytes = ReportPdf(rep);
      if (!bytes.ok()) return http::Problem(req, bytes.error());
      r = Response::Text(200, std::move(*bytes), "application/pdf");
    } else {
      r = Response::Text(200, ReportCsv(rep), "text/csv; charset=utf-8");
    }
    r.Set("Content-Disposition",
          "attachment; filename=\"laporan-ikm-" + rep.from + "-" + rep.to + (pdf ? ".pdf\"" : ".csv\""));
    return r;
  };
  constexpr const char* kReportParams =
      R"([{"name": "service_id", "in": "query", "schema": {"type": "integer"}},
          {"name": "node_id", "in": "query", "schema": {"type": "integer"}},
          {"name": "from", "in": "query", "required": true, "schema": {"type": "string", "format": "date"}},
          {"name": "to", "in": "query", "required": true, "schema": {"type": "string", "format": "date"}}])";
  static const std::string kCsvDoc =
      Doc("The published IKM report of a period with each element (PermenPANRB 14/2017), as CSV (open data)",
          kReportParams, nullptr,
          std::string(R"("200": {"description": "The report", "content": {"text/csv": {}}}, )") +
              ProblemDoc("422", "Bad dates, node or service"));
  static const std::string kPdfDoc = Doc(
      "The published IKM report of a period with each element (PermenPANRB 14/2017), as PDF", kReportParams, nullptr,
      std::string(R"("200": {"description": "The report", "content": {"application/pdf": {}}}, )") +
          ProblemDoc("422", "Bad dates, node or service"));
  router.Add("GET", "/api/v1/stats/ikm/report.csv", [report](Request& req) { return report(req, false); },
             {.openapi = kCsvDoc});
  router.Add("GET", "/api/v1/stats/ikm/report.pdf", [report](Request& req) { return report(req, true); },
             {.openapi = kPdfDoc});

  // The index of a service or an office for a period, for anyone; each element's score, the weakest marked, for the
  // office's officers, who are the ones to fix it. Without a period: the last 12 months.
  router.Add("GET", "/kinerja/ikm", [results, &views](Request& req) {
    const auto& t = views.catalog();
    std::string to = req.Query("to").value_or(""), from = req.Query("from").value_or("");
    if (from.empty() && to.empty()) {
      auto now = std::chrono::system_clock::now();
      to = FormatUtc(now).substr(0, 10);
      from = FormatUtc(now - std::chrono::hours(24 * 365)).substr(0, 10);
      req.target += std::string(req.target.find('?') == std::string::npos ? "?" : "&") + "from=" + from + "&to=" + to;
      if (!req.ParseTarget()) return views.ErrorPage(req, 400);
    }
    auto found = results(req);
    if (!found.ok()) return views.ErrorPage(req, found.error().code == ErrorCode::kValidation ? 404 : 503);
    const Result_& r = found->first;
    auto local = [&](std::string v) {
      if (req.lang != "en") std::replace(v.begin(), v.end(), '.', ',');
      return v;
    };
    json::object data{{"scope", found->second},
                      {"page_title", t.Text(req.lang, "ikm_index_title") + ": " + found->second},
                      {"from", from},
                      {"to", to},
                      {"back_query", "?from=" + from + "&to=" + to},
                      {"has_index", r.index.has_value()},
                      {"respondents", r.totals.respondents},
                      {"recommended", r.recommended},
                      {"undersampled", r.undersampled}};
    std::string query = "?from=" + from + "&to=" + to;
    if (auto s = req.Query("service_id")) query += "&service_id=" + http::UrlEncode(*s);
    if (auto n = req.Query("node_id")) query += "&node_id=" + http::UrlEncode(*n);
    data["query"] = query;
    if (r.index) {
      data["ikm"] = local(r.index->Converted());
      data["grade"] = std::string(1, r.index->grade);
      data["performance"] = std::string(r.index->performance);
      if (!r.node_path.empty() && SeesElements(req.actor(), r.node_path)) {
        std::size_t weakest = 0;
        for (std::size_t i = 1; i < kElements; ++i) {
          if (r.index->nrr[i] < r.index->nrr[weakest]) weakest = i;
        }
        json::array elements;
        for (std::size_t i = 0; i < kElements; ++i) {
          double nrr = r.index->nrr[i];
          elements.push_back({{"n", i + 1},
                              {"name", std::string(ElementNames()[i])},
                              {"nrr", local(fmt::format("{:.3f}", nrr))},
                              {"weighted", local(fmt::format("{:.3f}", nrr / kElements))},
                              {"converted", local(fmt::format("{:.2f}", nrr * 25))},
                              {"weakest", i == weakest}});
        }
        data["elements_any"] = true;
        data["elements"] = std::move(elements);
      }
    }
    return views.Page(req, 200, "surveys/index", std::move(data), "ikm_index_title");
  });

  // The applicant's form: nine questions, four answers each, no JavaScript.
  auto form_page = [&views, &surveys](const Request& req, int status, json::object extra) -> Response {
    const auto& t = views.catalog();
    std::string tn = req.params.at("tn");
    json::array questions;
    for (int i = 0; i < kElements; ++i) {
      std::string key(ElementKeys()[static_cast<std::size_t>(i)]);
      json::array options;
      for (int v = 4; v >= 1; --v) {
        options.push_back({{"value", v}, {"label", t.Text(req.lang, "ikm_" + key + "_" + std::to_string(v))}});
      }
      questions.push_back({{"i", i},
                           {"n", i + 1},
                           {"key", key},
                           {"question", t.Text(req.lang, "ikm_" + key)},
                           {"options", std::move(options)}});
    }
    json::object data{{"tracking_number", tn}, {"questions", std::move(questions)}, {"answered", surveys.Answered(tn)}};
    for (auto& [k, v] : extra) data[k] = v;
    return views.Page(req, status, "surveys/form", std::move(data), "ikm_title");
  };
  router.Add("GET", "/permohonan/{tn}/survei", [form_page, &surveys, &views](Request& req) {
    if (req.actor().anonymous()) return Response::Redirect("/masuk?kembali=" + http::UrlEncode(req.path));
    // Only the applicant's own file has a survey to answer; for anyone else the file does not exist.
    if (auto mine = surveys.Applicant(req.actor(), req.params["tn"], req.lang); !mine.ok()) {
      return views.ErrorPage(req, mine.error().code == ErrorCode::kNotFound ? 404 : 503);
    }
    return form_page(req, 200, {});
  });
  router.Add("POST", "/permohonan/{tn}/survei", [form_page, &surveys, &views](Request& req) {
    if (req.actor().anonymous()) return Response::Redirect("/masuk");
    auto form = http::ParseForm(req.body);
    std::vector<long long> values;
    for (int i = 0; i < kElements; ++i) values.push_back(std::atoll(form["q" + std::to_string(i)].c_str()));
    auto answers = ParseAnswers(values, req.lang);
    Status st = answers.ok() ? surveys.Answer(req.actor(), req.params["tn"], *answers, req.lang) : answers.error();
    if (!st.ok()) {
      if (st.error().code == ErrorCode::kNotFound) return views.ErrorPage(req, 404);
      return form_page(req, st.error().code == ErrorCode::kValidation ? 422 : 409, {{"error", st.error().Headline()}});
    }
    return form_page(req, 200, {{"thanks", true}});
  });
}

}  // namespace spbe::surveys
