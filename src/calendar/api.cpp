#include "calendar/api.hpp"

#include <boost/json.hpp>
#include <cstdlib>

#include "http/json.hpp"
#include "http/operation.hpp"
#include "http/problem.hpp"
#include "platform/i18n.hpp"

namespace spbe::calendar {

using http::Request;
using http::Response;

namespace {

using http::Unauthorized;

boost::json::array KindEnum() { return {"libur_nasional", "cuti_bersama"}; }

// A day of the national calendar, named in the request's language.
struct Day {
  std::string date;
  std::string kind;
  std::string name;
  static boost::json::object Notes() { return {{"date", {{"format", "date"}}}, {"kind", {{"enum", KindEnum()}}}}; }
};
BOOST_DESCRIBE_STRUCT(Day, (), (date, kind, name))

struct DayBody {
  std::string kind;
  std::string name_id;
  std::optional<std::string> name_en;
  static boost::json::object Notes() {
    return {{"kind", {{"enum", KindEnum()}}},
            {"name_id", {{"description", "the day's name in Bahasa Indonesia"}, {"minLength", 1}}},
            {"name_en", {{"description", "in English; absent or empty: the Indonesian name"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(DayBody, (), (kind, name_id, name_en))

struct Imported {
  int imported = 0;
  static boost::json::object Notes() { return {{"imported", {{"description", "days written"}}}}; }
};
BOOST_DESCRIBE_STRUCT(Imported, (), (imported))

struct CutiBersamaBody {
  std::optional<bool> working;
  static boost::json::object Notes() {
    return {{"working", {{"description", "true: the agency serves on cuti bersama days; absent: false"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(CutiBersamaBody, (), (working))

Response NoContent() {
  Response r;
  r.status = 204;
  return r;
}

http::Handler ListHolidays(CalendarService& calendar) {
  return [&calendar](Request& req) {
    std::string year = req.Query("year").value_or("");
    std::vector<Day> out;
    for (const auto& h : calendar.Holidays()) {
      std::string date = FormatDate(h.date);
      if (!year.empty() && date.rfind(year + "-", 0) != 0) continue;
      out.push_back({date, std::string(HolidayKindName(h.kind)), req.lang == "en" ? h.name_en : h.name_id});
    }
    return http::Reply(200, out);
  };
}

http::Handler PutHoliday(CalendarService& calendar) {
  return [&calendar](Request& req) {
    if (req.actor().anonymous()) return Unauthorized(req);
    auto in = http::ReadBody<DayBody>(req);
    if (!in.ok()) return http::Problem(req, in.error());
    auto date = ParseDate(req.params["date"]);
    auto kind = ParseHolidayKind(in->kind);
    std::vector<FieldError> errors;
    if (!date) errors.push_back({"date", i18n::Tr(req.lang, "calendar_date_format")});
    if (!kind) errors.push_back({"kind", "libur_nasional / cuti_bersama"});
    if (!errors.empty()) return http::Problem(req, Error::Validation(std::move(errors)));
    Holiday h{*date, *kind, in->name_id, in->name_en.value_or(""), "admin"};
    if (h.name_en.empty()) h.name_en = h.name_id;
    auto st = calendar.PutHoliday(req.actor(), h, req.lang);
    if (!st.ok()) return http::Problem(req, st.error());
    return NoContent();
  };
}

http::Handler DeleteHoliday(CalendarService& calendar) {
  return [&calendar](Request& req) {
    if (req.actor().anonymous()) return Unauthorized(req);
    auto date = ParseDate(req.params["date"]);
    if (!date) return http::Problem(req, Error::Validation({{"date", "YYYY-MM-DD"}}));
    auto st = calendar.DeleteHoliday(req.actor(), *date, req.lang);
    if (!st.ok()) return http::Problem(req, st.error());
    return NoContent();
  };
}

http::Handler ImportHolidays(CalendarService& calendar) {
  return [&calendar](Request& req) {
    if (req.actor().anonymous()) return Unauthorized(req);
    auto n = calendar.ImportCsv(req.actor(), req.body, req.lang);
    if (!n.ok()) return http::Problem(req, n.error());
    return http::Reply(200, Imported{*n});
  };
}

http::Handler SetCutiBersama(CalendarService& calendar, org::OrgService& org) {
  return [&calendar, &org](Request& req) {
    if (req.actor().anonymous()) return Unauthorized(req);
    auto in = http::ReadBody<CutiBersamaBody>(req);
    if (!in.ok()) return http::Problem(req, in.error());
    auto node = org.Get(std::atoll(req.params["id"].c_str()));
    if (!node.ok()) return http::Problem(req, node.error());
    auto st = calendar.SetCutiBersamaWorking(req.actor(), node->id, node->path, in->working.value_or(false), req.lang);
    if (!st.ok()) return http::Problem(req, st.error());
    return NoContent();
  };
}

boost::json::object DateSchema() { return {{"type", "string"}, {"format", "date"}}; }

}  // namespace

void RegisterApi(http::Router& router, CalendarService& calendar, org::OrgService& org) {
  router.DescribeTag("calendar", "Working days: national and regional holidays, cuti bersama.");
  router.Add("GET", "/api/v1/calendar/holidays", ListHolidays(calendar),
             http::Operation("listHolidays", "calendar", "National holidays and cuti bersama")
                 .Public()
                 .Query("year", {{"type", "string"}, {"pattern", "^[0-9]{4}$"}},
                        "Only the days of this year (2026); absent: every day in the calendar")
                 .Reply<std::vector<Day>>(200, "Days, by date")
                 .Problems({{400, "The request's target cannot be read"}})
                 .Options());

  router.Add("PUT", "/api/v1/calendar/holidays/{date}", PutHoliday(calendar),
             http::Operation("putHoliday", "calendar", "Add or change a day of the national calendar")
                 .Describe("Only a platform admin of the whole deployment keeps the national calendar. Putting the "
                           "same day twice changes it; running deadlines are recounted.")
                 .Path("date", DateSchema(), "The day (YYYY-MM-DD)")
                 .Body<DayBody>(
                     DayBody{"cuti_bersama", "Cuti Bersama Hari Raya Idulfitri", "Collective leave for Eid al-Fitr"})
                 .ReplyEmpty(204, "Saved")
                 .Problems({{400, "Body is not JSON"},
                            {401, "Not signed in"},
                            {403, "Not a platform admin of the whole deployment"},
                            {422, "Field errors: date, kind, name_id"}})
                 .Options());

  router.Add("DELETE", "/api/v1/calendar/holidays/{date}", DeleteHoliday(calendar),
             http::Operation("deleteHoliday", "calendar", "Remove a day from the national calendar")
                 .Describe("Only a platform admin of the whole deployment; running deadlines are recounted.")
                 .Path("date", DateSchema(), "The day (YYYY-MM-DD)")
                 .ReplyEmpty(204, "Removed")
                 .Problems({{401, "Not signed in"},
                            {403, "Not a platform admin of the whole deployment"},
                            {404, "Not in the calendar"},
                            {422, "Not a date"}})
                 .Options());

  router.Add("POST", "/api/v1/calendar/holidays/import", ImportHolidays(calendar),
             http::Operation("importHolidays", "calendar", "Import days into the national calendar from CSV")
                 .Describe("The body is `date,kind,name_id,name_en,source`, a header line first, quoted fields "
                           "allowed. Every line is checked before anything is written; a day already in the "
                           "calendar is replaced. Only a platform admin of the whole deployment.")
                 .BodyContent("text/csv", {{"type", "string"}}, nullptr)
                 .Reply<Imported>(200, "Imported", Imported{27})
                 .Problems({{401, "Not signed in"},
                            {403, "Not a platform admin of the whole deployment"},
                            {422, "Errors name the line; nothing was written"}})
                 .Options());

  router.Add("PUT", "/api/v1/org/nodes/{id}/cuti-bersama", SetCutiBersama(calendar, org),
             http::Operation("setCutiBersamaWorking", "calendar", "Whether an agency serves on cuti bersama days")
                 .Describe("For the agency's admins; its subtree follows it.")
                 .Path("id", http::IntegerSchema(), "The agency's node id")
                 .Body<CutiBersamaBody>(CutiBersamaBody{true})
                 .ReplyEmpty(204, "Saved")
                 .Problems({{400, "Body is not JSON"},
                            {401, "Not signed in"},
                            {403, "Not an admin of that node"},
                            {404, "No such node"},
                            {422, "working is not true or false"}})
                 .Options());
}

}  // namespace spbe::calendar
