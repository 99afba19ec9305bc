#include "surveys/web.hpp"

#include <fmt/format.h>
#include <boost/json.hpp>

#include <algorithm>
#include <cstdlib>

#include "http/forms.hpp"
#include "http/json.hpp"
#include "http/operation.hpp"
#include "http/problem.hpp"
#include "platform/i18n.hpp"
#include "surveys/report.hpp"

namespace spbe::surveys {

using http::Request;
using http::Response;

namespace {

namespace json = boost::json;
using http::Unauthorized;

// Officers, admins and auditors over the node see each element; the public sees the index.
bool SeesElements(const access::Actor& actor, const std::string& path) {
  return access::Allowed(actor, access::Action::kStatsRead, path);
}

struct AnswersBody {
  std::vector<long long> answers;
  static json::object Notes() {
    return {{"answers",
             {{"minItems", kElements},
              {"maxItems", kElements},
              {"items", {{"type", "integer"}, {"minimum", 1}, {"maximum", 4}}},
              {"description",
               "one per element, in order: persyaratan, prosedur, waktu, biaya, produk, kompetensi, "
               "perilaku, pengaduan, sarana; 1 (worst) to 4 (best)"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(AnswersBody, (), (answers))

// Each element's NRR, by its key (ElementKeys' order).
struct IkmElements {
  double persyaratan = 0, prosedur = 0, waktu = 0, biaya = 0, produk = 0, kompetensi = 0, perilaku = 0, pengaduan = 0,
         sarana = 0;
};
BOOST_DESCRIBE_STRUCT(IkmElements, (),
                      (persyaratan, prosedur, waktu, biaya, produk, kompetensi, perilaku, pengaduan, sarana))
static_assert(kElements == 9, "IkmElements has a member per element");

struct IkmAnswer {
  std::string scope;
  std::int64_t respondents = 0;
  std::int64_t population = 0;
  std::int64_t recommended_sample = 0;
  bool undersampled = true;
  std::string licence;
  http::contract::Nullable<std::string> ikm;
  std::optional<std::string> grade;
  std::optional<std::string> performance;
  std::optional<IkmElements> elements;
  static json::object Notes() {
    return {{"scope", {{"description", "the service's or the office's name, or the whole government"}}},
            {"population", {{"description", "applications completed in the period"}}},
            {"recommended_sample", {{"description", "Krejcie-Morgan's sample for the population (guidance)"}}},
            {"ikm", {{"pattern", "^[0-9]+\\.[0-9]{2}$"}, {"description", "the index, 25 to 100; null: no answers"}}},
            {"grade", {{"enum", {"A", "B", "C", "D"}}}},
            {"performance", {{"enum", {"Sangat Baik", "Baik", "Kurang Baik", "Tidak Baik"}}}},
            {"elements",
             {{"description",
               "each element's NRR (1 to 4), for officers, admins and auditors over the "
               "office only"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(IkmAnswer, (),
                      (scope, respondents, population, recommended_sample, undersampled, licence, ikm, grade,
                       performance, elements))

// The scope a stats request asks for: a service, or an office (node), and a period; errors by parameter.
Result<std::pair<Result_, std::string>> IkmResults(const Request& req, SurveysService& surveys, org::OrgService& org) {
  Scope scope{std::atoll(req.Query("service_id").value_or("0").c_str()), "", req.Query("from").value_or(""),
              req.Query("to").value_or("")};
  std::vector<FieldError> errors;
  if (!ParseUtc(scope.from + "T00:00:00Z")) errors.push_back({"from", i18n::Tr(req.lang, "surveys_date_format")});
  if (!ParseUtc(scope.to + "T00:00:00Z")) errors.push_back({"to", i18n::Tr(req.lang, "surveys_date_format")});
  std::string name = "Seluruh instansi";
  if (auto node = req.Query("node_id")) {
    auto n = org.Get(std::atoll(node->c_str()));
    if (!n.ok()) {
      errors.push_back({"node_id", i18n::Tr(req.lang, "surveys_node_not_found")});
    } else {
      scope.node_path = n->path;
      name = n->name;
    }
  }
  if (!errors.empty()) return Error::Validation(std::move(errors));
  auto r = surveys.Results(scope);
  if (!r.ok()) {
    return Error::Validation({{"service_id", i18n::Tr(req.lang, "surveys_service_not_found")}});
  }
  if (!r->service_name.empty()) name = r->service_name;
  return std::make_pair(std::move(*r), name);
}

http::Handler AnswerSurvey(SurveysService& surveys) {
  return [&surveys](Request& req) {
    if (req.actor().account_id == 0) return Unauthorized(req);
    auto body = http::ReadBody<AnswersBody>(req);
    if (!body.ok()) return http::Problem(req, body.error());
    auto answers = ParseAnswers(body->answers, req.lang);
    if (!answers.ok()) return http::Problem(req, answers.error());
    auto st = surveys.Answer(req.actor(), req.params["tracking_number"], *answers, req.lang);
    if (!st.ok()) return http::Problem(req, st.error());
    Response r;
    r.status = 201;
    return r;
  };
}

http::Handler GetIkm(SurveysService& surveys, org::OrgService& org) {
  return [&surveys, &org](Request& req) {
    auto found = IkmResults(req, surveys, org);
    if (!found.ok()) return http::Problem(req, found.error());
    const Result_& r = found->first;
    IkmAnswer out{found->second, r.totals.respondents, r.population, r.recommended, r.undersampled,
                  "CC BY 4.0",   std::nullopt,         std::nullopt, std::nullopt,  std::nullopt};
    if (r.index) {
      out.ikm = r.index->Converted();
      out.grade = std::string(1, r.index->grade);
      out.performance = std::string(r.index->performance);
      if (!r.node_path.empty() && SeesElements(req.actor(), r.node_path)) {
        const auto& n = r.index->nrr;
        out.elements = IkmElements{n[0], n[1], n[2], n[3], n[4], n[5], n[6], n[7], n[8]};
      }
    }
    return http::Reply(200, out);
  };
}

// The formal report as CSV or PDF: what the regulation's report shows, each element included.
http::Handler GetIkmReport(SurveysService& surveys, org::OrgService& org, const http::Views& views, bool pdf) {
  return [&surveys, &org, &views, pdf](Request& req) -> Response {
    auto found = IkmResults(req, surveys, org);
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
}

// The parameters of the IKM figures and reports.
http::Operation& IkmScope(http::Operation& op) {
  return op.Query("service_id", http::IntegerSchema(), "A published service (its office's figures otherwise)")
      .Query("node_id", http::IntegerSchema(), "An office and the offices under it (everything otherwise)")
      .Query("from", {{"type", "string"}, {"format", "date"}}, "First day, YYYY-MM-DD", true)
      .Query("to", {{"type", "string"}, {"format", "date"}}, "Last day, inclusive", true);
}

// The API: the applicant's answers, and the index and its report for anyone.
void RegisterApi(http::Router& router, const http::Views& views, SurveysService& surveys, org::OrgService& org) {
  router.DescribeTag("surveys", "Satisfaction surveys (IKM) and their index.");
  router.Add("POST", "/api/v1/applications/{tracking_number}/survey", AnswerSurvey(surveys),
             http::Operation("answerSurvey", "surveys", "The applicant rates a completed application (IKM)")
                 .Describe("The nine IKM elements of PermenPANRB 14/2017, once per application, by its applicant "
                           "only, after it is completed. Answers are kept without who gave them.")
                 .Path("tracking_number", http::StringSchema(), "The application's tracking number")
                 .Body<AnswersBody>(AnswersBody{{4, 3, 3, 4, 3, 3, 4, 2, 3}})
                 .ReplyEmpty(201, "Recorded")
                 .Problems({{400, "Body is not JSON"},
                            {401, "Not signed in"},
                            {404, "Not the caller's application"},
                            {409, "Not completed yet, or already answered"},
                            {422, "Field errors (answers[i] is not 1 to 4, not nine answers)"}})
                 .Options());

  auto ikm = http::Operation("getIkm", "surveys", "The satisfaction index (IKM) of a service or an office")
                 .CredentialOptional();
  router.Add("GET", "/api/v1/stats/ikm", GetIkm(surveys, org),
             IkmScope(ikm)
                 .Describe("Open data (CC BY 4.0) for anyone: the index, its grade, respondents against the "
                           "recommended sample. Officers, admins and auditors over the office also get each "
                           "element's score.")
                 .Scope("stats.read")
                 .Reply<IkmAnswer>(200, "The index")
                 .Problems({{422, "Bad dates, no such office (node_id) or published service (service_id)"}})
                 .Options());

  auto csv = http::Operation("getIkmReportCsv", "surveys", "The published IKM report of a period, as CSV");
  router.Add("GET", "/api/v1/stats/ikm/report.csv", GetIkmReport(surveys, org, views, false),
             IkmScope(csv)
                 .Describe("Each element's NRR and weighted NRR, the index, its conversion and grade, respondents "
                           "against the recommended sample (PermenPANRB 14/2017). Open data, CC BY 4.0.")
                 .Public()
                 .ReplyContent(200, "The report", "text/csv", {{"type", "string"}})
                 .Problems({{422, "Bad dates, no such office (node_id) or published service (service_id)"}})
                 .Options());

  auto pdf = http::Operation("getIkmReportPdf", "surveys", "The published IKM report of a period, as PDF");
  router.Add("GET", "/api/v1/stats/ikm/report.pdf", GetIkmReport(surveys, org, views, true),
             IkmScope(pdf)
                 .Describe("The report of GET /api/v1/stats/ikm/report.csv, laid out for printing.")
                 .Public()
                 .ReplyContent(200, "The report", "application/pdf", http::BinarySchema())
                 .Problems({{422, "Bad dates, no such office (node_id) or published service (service_id)"}})
                 .Options());
}

}  // namespace

void RegisterWeb(http::Router& router, const http::Views& views, SurveysService& surveys, org::OrgService& org) {
  RegisterApi(router, views, surveys, org);

  // The IKM figures the pages below show.
  auto results = [&surveys, &org](const Request& req) { return IkmResults(req, surveys, org); };

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
