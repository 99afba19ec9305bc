#include <boost/json.hpp>
#include <cstdlib>
#include <optional>
#include <string>

#include "http/json.hpp"
#include "http/operation.hpp"
#include "http/problem.hpp"
#include "reports/api.hpp"

namespace spbe::reports {

using http::Request;
using http::Response;

namespace {

namespace json = boost::json;

struct RatingBody {
  int rating = 0;
  std::optional<std::string> note;
  std::optional<std::string> code;
  static json::object Notes() {
    return {{"rating", {{"minimum", 1}, {"maximum", 5}, {"description", "1 very poor to 5 very good"}}},
            {"note", {{"description", "kept to its first 1,000 characters"}}},
            {"code", {{"description", "the reporter's access code, instead of signing in"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(RatingBody, (), (rating, note, code))

struct Supports {
  std::int64_t supports = 0;
  static json::object Notes() { return {{"supports", {{"description", "how many accounts support it now"}}}}; }
};
BOOST_DESCRIBE_STRUCT(Supports, (), (supports))

// The access code from the body, else from ?code=.
std::string CodeOf(const Request& req, const std::optional<std::string>& in_body = std::nullopt) {
  if (in_body && !in_body->empty()) return *in_body;
  return req.Query("code").value_or("");
}

http::Handler RateReport(ReportsService& reports) {
  return [&reports](Request& req) {
    auto body = http::ReadBody<RatingBody>(req);
    if (!body.ok()) return http::Problem(req, body.error());
    auto st = reports.Rate(req.actor(), req.params["number"], CodeOf(req, body->code), body->rating,
                           body->note.value_or(""), req.lang);
    if (!st.ok()) return http::Problem(req, st.error());
    Response r;
    r.status = 204;
    return r;
  };
}

http::Handler SupportReport(ReportsService& reports) {
  return [&reports](Request& req) {
    auto n = reports.Support(req.actor(), req.params["number"], req.lang);
    if (!n.ok()) return http::Problem(req, n.error());
    return http::Reply(200, Supports{*n});
  };
}

http::Handler GetReportFile(ReportsService& reports) {
  return [&reports](Request& req) {
    auto f = reports.ReadFile(req.actor(), req.params["number"], CodeOf(req), std::atoll(req.params["id"].c_str()),
                              req.lang);
    if (!f.ok()) return http::Problem(req, f.error());
    auto kind = catalog::ParseFileKind(f->first.kind);
    Response r = Response::Text(200, std::move(f->second),
                                std::string(kind ? catalog::FileKindMime(*kind) : "application/octet-stream"));
    r.Set("Content-Disposition",
          "attachment; filename=\"lampiran-" + std::to_string(f->first.id) + "." + f->first.kind + "\"");
    r.Set("Cache-Control", "private, no-store");
    return r;
  };
}

}  // namespace

void RegisterFollowUpApi(http::Router& router, ReportsService& reports) {
  router.Add("POST", "/api/v1/reports/{number}/rating", RateReport(reports),
             http::Operation("rateReport", "reports", "The reporter rates the answer, 1 to 5")
                 .CredentialOptional()
                 .Describe("Once per answer, by the reporter: signed in as the reporter, or with the access code.")
                 .Path("number", http::StringSchema(), "The report's tracking number")
                 .Body<RatingBody>(RatingBody{4, "Jawaban cepat dan jelas, terima kasih.", "K7P2QX"})
                 .ReplyEmpty(204, "Recorded")
                 .Problems({{400, "Body is not JSON"},
                            {404, "No such report, or not the reporter (a wrong code)"},
                            {409, "Not answered yet, or already rated"},
                            {422, "The rating is not 1 to 5"},
                            {429, "Too many wrong codes"}})
                 .Options());

  router.Add("POST", "/api/v1/reports/{number}/support", SupportReport(reports),
             http::Operation("supportReport", "reports", "+1: the signed-in account supports a public report")
                 .Describe("Once per account; only for a report in the public feed.")
                 .Path("number", http::StringSchema(), "The report's tracking number")
                 .Reply<Supports>(200, "The count after this one")
                 .Problems({{401, "Not signed in"}, {404, "No such public report"}, {409, "Already supported"}})
                 .Options());

  auto file =
      http::Operation("getReportFile", "reports", "An attachment of a report (a photo or a PDF)").CredentialOptional();
  for (const char* media : {"image/jpeg", "image/png", "application/pdf"}) {
    file.ReplyContent(200, "The file, as an attachment", media, http::BinarySchema());
  }
  router.Add(
      "GET", "/api/v1/reports/{number}/files/{id}", GetReportFile(reports),
      file.Describe("For its reporter (with `code`, or signed in as the reporter) and the officers who may "
                    "read the report.")
          .Scope("reports.read")
          .Path("number", http::StringSchema(), "The report's tracking number")
          .Path("id", http::IntegerSchema(), "The attachment's id (from the report's files)")
          .Query("code", http::StringSchema(), "The reporter's access code: opens it without signing in")
          .Problems({{404, "No such report or file, or not one the caller may see"}, {429, "Too many wrong codes"}})
          .Options());
}

}  // namespace spbe::reports
