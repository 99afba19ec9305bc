#include "surveys/api.hpp"

#include <boost/json.hpp>

#include <cstdlib>

#include "http/json.hpp"
#include "http/operation.hpp"
#include "http/problem.hpp"
#include "platform/i18n.hpp"
#include "surveys/report.hpp"

namespace spbe::surveys {

using http::Request;
using http::Response;

// Officers, admins and auditors over the node see each element; the public sees the index.
bool SeesElements(const access::Actor& actor, const std::string& path) {
  return access::Allowed(actor, access::Action::kStatsRead, path);
}

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

namespace {

namespace json = boost::json;
using http::Unauthorized;

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

}  // namespace

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

}  // namespace spbe::surveys
