#include "calendar/api.hpp"

#include <boost/json.hpp>
#include <cstdlib>

#include "http/json.hpp"
#include "http/openapi.hpp"
#include "http/problem.hpp"

namespace spbe::calendar {

using http::Request;
using http::Response;

namespace {

namespace json = boost::json;
using http::ProblemDoc;
using http::Unauthorized;

std::string Doc(const char* summary, const char* params, const char* request, const std::string& responses) {
  return http::OperationDoc("calendar", summary, params, request, responses);
}

constexpr const char* kDateParam =
    R"([{"name": "date", "in": "path", "required": true, "schema": {"type": "string", "format": "date"}}])";

Response NoContent() {
  Response r;
  r.status = 204;
  return r;
}

}  // namespace

void RegisterApi(http::Router& router, CalendarService& calendar, org::OrgService& org) {
  static const std::string kListDoc =
      Doc("National holidays and cuti bersama of a year (public)",
          R"([{"name": "year", "in": "query", "schema": {"type": "integer"}}])", nullptr,
          R"("200": {"description": "Days", "content": {"application/json": {"schema": {"type": "array"}}}})");
  router.Add(
      "GET", "/api/v1/calendar/holidays",
      [&calendar](Request& req) {
        std::string year = req.Query("year").value_or("");
        json::array out;
        for (const auto& h : calendar.Holidays()) {
          std::string date = FormatDate(h.date);
          if (!year.empty() && date.rfind(year + "-", 0) != 0) continue;
          out.push_back(
              {{"date", date}, {"kind", HolidayKindName(h.kind)}, {"name", req.lang == "en" ? h.name_en : h.name_id}});
        }
        return http::JsonResponse(200, out);
      },
      {.openapi = kListDoc});

  static const std::string kPutDoc =
      Doc("Add or change a day of the national calendar (platform admins); running deadlines are recounted", kDateParam,
          R"({"application/json": {"schema": {"type": "object", "required": ["kind", "name_id"], "properties": {
             "kind": {"type": "string", "enum": ["libur_nasional", "cuti_bersama"]}, "name_id": {"type": "string"},
             "name_en": {"type": "string"}}}}})",
          std::string(R"("204": {"description": "Saved"}, )") + ProblemDoc("401", "Not signed in") + ", " +
              ProblemDoc("403", "Not a platform admin") + ", " + ProblemDoc("422", "Field errors"));
  router.Add("PUT", "/api/v1/calendar/holidays/{date}",
             [&calendar](Request& req) {
               if (req.actor().anonymous()) return Unauthorized(req);
               auto body = http::ParseJsonObject(req);
               if (!body.ok()) return http::Problem(req, body.error());
               auto date = ParseDate(req.params["date"]);
               auto kind = ParseHolidayKind(http::StringField(*body, "kind").value_or(""));
               std::vector<FieldError> errors;
               bool en = req.lang == "en";
               if (!date) errors.push_back({"date", en ? "a date YYYY-MM-DD" : "tanggal TTTT-BB-HH"});
               if (!kind) errors.push_back({"kind", "libur_nasional / cuti_bersama"});
               if (!errors.empty()) return http::Problem(req, Error::Validation(std::move(errors)));
               Holiday h{*date, *kind, http::StringField(*body, "name_id").value_or(""),
                         http::StringField(*body, "name_en").value_or(""), "admin"};
               if (h.name_en.empty()) h.name_en = h.name_id;
               auto st = calendar.PutHoliday(req.actor(), h, req.lang);
               if (!st.ok()) return http::Problem(req, st.error());
               return NoContent();
             },
             {.openapi = kPutDoc});

  static const std::string kDeleteDoc = Doc(
      "Remove a day from the national calendar (platform admins); running deadlines are recounted", kDateParam, nullptr,
      std::string(R"("204": {"description": "Removed"}, )") + ProblemDoc("401", "Not signed in") + ", " +
          ProblemDoc("403", "Not a platform admin") + ", " + ProblemDoc("404", "Not in the calendar"));
  router.Add("DELETE", "/api/v1/calendar/holidays/{date}",
             [&calendar](Request& req) {
               if (req.actor().anonymous()) return Unauthorized(req);
               auto date = ParseDate(req.params["date"]);
               if (!date) return http::Problem(req, Error::Validation({{"date", "YYYY-MM-DD"}}));
               auto st = calendar.DeleteHoliday(req.actor(), *date, req.lang);
               if (!st.ok()) return http::Problem(req, st.error());
               return NoContent();
             },
             {.openapi = kDeleteDoc});

  static const std::string kImportDoc = Doc(
      "Import a year's calendar as CSV (date,kind,name_id,name_en,source); platform admins", nullptr,
      R"({"text/csv": {"schema": {"type": "string"}}})",
      std::string(
          R"("200": {"description": "Imported", "content": {"application/json": {"schema": {"type": "object"}}}}, )") +
          ProblemDoc("401", "Not signed in") + ", " + ProblemDoc("403", "Not a platform admin") + ", " +
          ProblemDoc("422", "Errors name the line; nothing was written"));
  router.Add("POST", "/api/v1/calendar/holidays/import",
             [&calendar](Request& req) {
               if (req.actor().anonymous()) return Unauthorized(req);
               auto n = calendar.ImportCsv(req.actor(), req.body, req.lang);
               if (!n.ok()) return http::Problem(req, n.error());
               return http::JsonResponse(200, json::object{{"imported", *n}});
             },
             {.openapi = kImportDoc});

  static const std::string kCutiDoc = Doc(
      "Whether an agency serves on cuti bersama days (agency admins); its subtree follows it",
      R"([{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}])",
      R"({"application/json": {"schema": {"type": "object", "required": ["working"], "properties": {"working": {"type": "boolean"}}}}})",
      std::string(R"("204": {"description": "Saved"}, )") + ProblemDoc("401", "Not signed in") + ", " +
          ProblemDoc("403", "Not an admin of that node") + ", " + ProblemDoc("404", "No such node"));
  router.Add("PUT", "/api/v1/org/nodes/{id}/cuti-bersama",
             [&calendar, &org](Request& req) {
               if (req.actor().anonymous()) return Unauthorized(req);
               auto body = http::ParseJsonObject(req);
               if (!body.ok()) return http::Problem(req, body.error());
               auto node = org.Get(std::atoll(req.params["id"].c_str()));
               if (!node.ok()) return http::Problem(req, node.error());
               bool working = false;
               if (auto* w = body->if_contains("working"); w && w->is_bool()) working = w->as_bool();
               auto st = calendar.SetCutiBersamaWorking(req.actor(), node->id, node->path, working, req.lang);
               if (!st.ok()) return http::Problem(req, st.error());
               return NoContent();
             },
             {.openapi = kCutiDoc});
}

}  // namespace spbe::calendar
