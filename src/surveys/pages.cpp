#include "surveys/pages.hpp"

#include <fmt/format.h>
#include <boost/json.hpp>

#include <algorithm>
#include <cstdlib>

#include "http/forms.hpp"
#include "platform/i18n.hpp"
#include "surveys/api.hpp"

namespace spbe::surveys {

using http::Request;
using http::Response;

namespace {

namespace json = boost::json;

// The index of a service or an office for a period, for anyone; each element's score, the weakest marked, for the
// office's officers, who are the ones to fix it. Without a period: the last 12 months.
http::Handler IkmIndex(const http::Views& views, SurveysService& surveys, org::OrgService& org) {
  // The IKM figures the page shows.
  auto results = [&surveys, &org](const Request& req) { return IkmResults(req, surveys, org); };
  return [results, &views](Request& req) {
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
  };
}

// The applicant's form: nine questions, four answers each, no JavaScript.
auto SurveyFormPage(const http::Views& views, SurveysService& surveys) {
  return [&views, &surveys](const Request& req, int status, json::object extra) -> Response {
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
}

http::Handler SurveyForm(const http::Views& views, SurveysService& surveys) {
  auto form_page = SurveyFormPage(views, surveys);
  return [form_page, &surveys, &views](Request& req) {
    if (req.actor().anonymous()) return Response::Redirect("/masuk?kembali=" + http::UrlEncode(req.path));
    // Only the applicant's own file has a survey to answer; for anyone else the file does not exist.
    if (auto mine = surveys.Applicant(req.actor(), req.params["tn"], req.lang); !mine.ok()) {
      return views.ErrorPage(req, mine.error().code == ErrorCode::kNotFound ? 404 : 503);
    }
    return form_page(req, 200, {});
  };
}

http::Handler AnswerSurvey(const http::Views& views, SurveysService& surveys) {
  auto form_page = SurveyFormPage(views, surveys);
  return [form_page, &surveys, &views](Request& req) {
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
  };
}

}  // namespace

void RegisterPages(http::Router& router, const http::Views& views, SurveysService& surveys, org::OrgService& org) {
  router.Add("GET", "/kinerja/ikm", IkmIndex(views, surveys, org));
  router.Add("GET", "/permohonan/{tn}/survei", SurveyForm(views, surveys));
  router.Add("POST", "/permohonan/{tn}/survei", AnswerSurvey(views, surveys));
}

}  // namespace spbe::surveys
