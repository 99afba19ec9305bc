#include "transparency/api.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <charconv>
#include <optional>
#include <string>
#include <vector>

#include "http/operation.hpp"
#include "http/problem.hpp"
#include "platform/csv.hpp"
#include "platform/i18n.hpp"

namespace spbe::transparency {

using http::Request;
using http::Response;

namespace {

namespace json = boost::json;
using http::contract::Nullable;

constexpr const char* kLicence = "CC BY 4.0";
constexpr const char* kLicenceUrl = "https://creativecommons.org/licenses/by/4.0/";

// ---- Open data rows: one JSON object per row, its members in column order (the CSV twin's columns). ----

// What the figures' members mean; `reports` with the reports' members.
json::object FigureNotes(bool reports) {
  const json::object tenths{{"pattern", "^[0-9]+\\.[0-9]$"}};
  auto with = [](json::object o, const char* description) {
    o["description"] = description;
    return o;
  };
  json::object notes{
      {"applications_received", {{"description", "submitted in the period"}}},
      {"applications_completed", {{"description", "completed in the period"}}},
      {"applications_rejected", {{"description", "rejected in the period"}}},
      {"applications_in_progress", {{"description", "of those received, not decided yet"}}},
      {"completion_median_working_days",
       {{"description", "working days from submission to decision, median; null when none was decided"}}},
      {"completion_p90_working_days", {{"description", "the same, 90th percentile"}}},
      {"decided_on_time", {{"description", "decided within the published time limit"}}},
      {"on_time_percent", with(tenths, "decided on time, of those decided; null when none was decided")},
      {"ikm", {{"pattern", "^[0-9]+\\.[0-9]{2}$"}, {"description", "the satisfaction index; null: no answers"}}},
      {"ikm_grade", {{"enum", {"A", "B", "C", "D", nullptr}}}},
      {"ikm_recommended_sample", {{"description", "Krejcie-Morgan's sample for those completed (guidance)"}}}};
  if (reports) {
    notes["reports_received"] = {{"description", "reports received in the period (a cohort)"}};
    notes["reports_declined"] = {{"description", "of those, declined by the desk"}};
    notes["reports_answered"] = {{"description", "of those, answered"}};
    notes["reports_answered_on_time"] = {{"description", "of those, answered within their limit"}};
    notes["reports_on_time_percent"] = with(tenths, "answered on time, of those answered");
    notes["reports_first_response_avg_working_days"] =
        with(tenths, "average working days to the office's first response");
  }
  return notes;
}

struct OfficeRow {
  std::int64_t node_id = 0;
  std::string office;
  std::int64_t applications_received = 0;
  std::int64_t applications_completed = 0;
  std::int64_t applications_rejected = 0;
  std::int64_t applications_in_progress = 0;
  Nullable<int> completion_median_working_days;
  Nullable<int> completion_p90_working_days;
  std::int64_t decided_on_time = 0;
  Nullable<std::string> on_time_percent;
  Nullable<std::string> ikm;
  Nullable<std::string> ikm_grade;
  std::int64_t ikm_respondents = 0;
  std::int64_t ikm_recommended_sample = 0;
  bool ikm_undersampled = true;
  std::int64_t reports_received = 0;
  std::int64_t reports_declined = 0;
  std::int64_t reports_answered = 0;
  std::int64_t reports_answered_on_time = 0;
  Nullable<std::string> reports_on_time_percent;
  Nullable<std::string> reports_first_response_avg_working_days;
  static json::object Notes() { return FigureNotes(true); }
};
BOOST_DESCRIBE_STRUCT(OfficeRow, (),
                      (node_id, office, applications_received, applications_completed, applications_rejected,
                       applications_in_progress, completion_median_working_days, completion_p90_working_days,
                       decided_on_time, on_time_percent, ikm, ikm_grade, ikm_respondents, ikm_recommended_sample,
                       ikm_undersampled, reports_received, reports_declined, reports_answered, reports_answered_on_time,
                       reports_on_time_percent, reports_first_response_avg_working_days))

struct ServiceRow {
  std::int64_t service_id = 0;
  std::string service;
  std::int64_t node_id = 0;
  std::string office;
  std::int64_t applications_received = 0;
  std::int64_t applications_completed = 0;
  std::int64_t applications_rejected = 0;
  std::int64_t applications_in_progress = 0;
  Nullable<int> completion_median_working_days;
  Nullable<int> completion_p90_working_days;
  std::int64_t decided_on_time = 0;
  Nullable<std::string> on_time_percent;
  Nullable<std::string> ikm;
  Nullable<std::string> ikm_grade;
  std::int64_t ikm_respondents = 0;
  std::int64_t ikm_recommended_sample = 0;
  bool ikm_undersampled = true;
  static json::object Notes() { return FigureNotes(false); }
};
BOOST_DESCRIBE_STRUCT(ServiceRow, (),
                      (service_id, service, node_id, office, applications_received, applications_completed,
                       applications_rejected, applications_in_progress, completion_median_working_days,
                       completion_p90_working_days, decided_on_time, on_time_percent, ikm, ikm_grade, ikm_respondents,
                       ikm_recommended_sample, ikm_undersampled))

// A month: the reports' members only when the trend is not of one service (reports belong to offices).
struct MonthRow {
  std::string month;
  std::int64_t applications_received = 0;
  std::int64_t applications_completed = 0;
  std::int64_t applications_rejected = 0;
  std::int64_t applications_in_progress = 0;
  Nullable<int> completion_median_working_days;
  Nullable<int> completion_p90_working_days;
  std::int64_t decided_on_time = 0;
  Nullable<std::string> on_time_percent;
  Nullable<std::string> ikm;
  Nullable<std::string> ikm_grade;
  std::int64_t ikm_respondents = 0;
  std::int64_t ikm_recommended_sample = 0;
  bool ikm_undersampled = true;
  std::optional<std::int64_t> reports_received;
  std::optional<std::int64_t> reports_declined;
  std::optional<std::int64_t> reports_answered;
  std::optional<std::int64_t> reports_answered_on_time;
  std::optional<Nullable<std::string>> reports_on_time_percent;
  std::optional<Nullable<std::string>> reports_first_response_avg_working_days;
  static json::object Notes() {
    json::object notes = FigureNotes(true);
    notes["month"] = {{"pattern", "^[0-9]{4}-[0-9]{2}$"}};
    return notes;
  }
};
BOOST_DESCRIBE_STRUCT(MonthRow, (),
                      (month, applications_received, applications_completed, applications_rejected,
                       applications_in_progress, completion_median_working_days, completion_p90_working_days,
                       decided_on_time, on_time_percent, ikm, ikm_grade, ikm_respondents, ikm_recommended_sample,
                       ikm_undersampled, reports_received, reports_declined, reports_answered, reports_answered_on_time,
                       reports_on_time_percent, reports_first_response_avg_working_days))

json::object PeriodNotes() {
  return {{"from", {{"format", "date"}}},
          {"to", {{"format", "date"}}},
          {"licence", {{"const", kLicence}}},
          {"licence_url", {{"format", "uri"}}}};
}

struct OfficesAnswer {
  std::string from, to, licence, licence_url;
  std::vector<OfficeRow> offices;
  OfficeRow total;
  static json::object Notes() {
    json::object notes = PeriodNotes();
    notes["total"] = {{"description", "every office together"}};
    return notes;
  }
};
BOOST_DESCRIBE_STRUCT(OfficesAnswer, (), (from, to, licence, licence_url, offices, total))

struct ServicesAnswer {
  std::string from, to, licence, licence_url;
  std::vector<ServiceRow> services;
  static json::object Notes() { return PeriodNotes(); }
};
BOOST_DESCRIBE_STRUCT(ServicesAnswer, (), (from, to, licence, licence_url, services))

struct TrendAnswer {
  std::string from, to, licence, licence_url;
  std::vector<MonthRow> months;
  std::optional<std::int64_t> service_id;
  std::optional<std::int64_t> node_id;
  static json::object Notes() { return PeriodNotes(); }
};
BOOST_DESCRIBE_STRUCT(TrendAnswer, (), (from, to, licence, licence_url, months, service_id, node_id))

Nullable<int> OrNull(std::optional<int> v) { return v ? Nullable<int>(*v) : Nullable<int>(); }
Nullable<std::string> Tenths(std::optional<std::int64_t> v) {
  return v ? Nullable<std::string>(FormatTenths(*v, "data")) : Nullable<std::string>();
}

template <class Row>
void PutApplications(Row& o, const ApplicationFigures& f) {
  o.applications_received = f.received;
  o.applications_completed = f.completed;
  o.applications_rejected = f.rejected;
  o.applications_in_progress = f.open_now;
  o.completion_median_working_days = OrNull(Percentile(f.days, 50));
  o.completion_p90_working_days = OrNull(Percentile(f.days, 90));
  o.decided_on_time = f.on_time;
  o.on_time_percent = Tenths(PercentTenths(f.on_time, f.Decided()));
}

// The recommended sample is of the files completed in the same period, as the IKM report counts it.
template <class Row>
void PutIkm(Row& o, const surveys::Totals& t, std::int64_t completed) {
  auto index = surveys::Compute(t);
  std::int64_t recommended = surveys::RecommendedSample(completed);
  if (index) {
    o.ikm = index->Converted();
    o.ikm_grade = std::string(1, index->grade);
  }
  o.ikm_respondents = t.respondents;
  o.ikm_recommended_sample = recommended;
  o.ikm_undersampled = t.respondents == 0 || t.respondents < recommended;
}

template <class Row>
void PutReports(Row& o, const ReportFigures& f) {
  o.reports_received = f.received;
  o.reports_declined = f.declined;
  o.reports_answered = f.answered;
  o.reports_answered_on_time = f.answered_on_time;
  o.reports_on_time_percent = Tenths(PercentTenths(f.answered_on_time, f.answered));
  o.reports_first_response_avg_working_days = Tenths(AverageTenths(f.first_answer_days, f.first_answered));
}

OfficeRow OfficeRowOf(const OfficeFigures& f) {
  OfficeRow o;
  o.node_id = f.node_id;
  o.office = f.name;
  PutApplications(o, f.applications);
  PutIkm(o, f.ikm, f.applications.completed);
  PutReports(o, f.reports);
  return o;
}

ServiceRow ServiceRowOf(const ServiceFigures& f) {
  ServiceRow o;
  o.service_id = f.service_id;
  o.service = f.name;
  o.node_id = f.node_id;
  o.office = f.office;
  PutApplications(o, f.applications);
  PutIkm(o, f.ikm, f.applications.completed);
  return o;
}

MonthRow MonthRowOf(const MonthFigures& m, bool reports) {
  MonthRow o;
  o.month = m.month;
  PutApplications(o, m.applications);
  PutIkm(o, m.ikm, m.applications.completed);
  if (reports) PutReports(o, m.reports);
  return o;
}

void CsvCell(CsvWriter& w, const json::value& v) {
  if (v.is_null()) {
    w.Empty();
  } else if (v.is_bool()) {
    w.Figure(v.as_bool() ? "true" : "false");
  } else if (v.is_int64()) {
    w.Figure(v.as_int64());
  } else if (v.is_uint64()) {
    w.Figure(static_cast<long long>(v.as_uint64()));
  } else if (v.is_string()) {
    // Decimals arrive as strings ("87.5"); names too, and those are neutralised.
    w.Figure(std::string_view(v.as_string()));
  } else {
    w.Text(json::serialize(v));
  }
}

// RFC 4180: a header of the columns (the members of an empty row, in order), then one line per row, CRLF.
template <class Row>
std::string Csv(const Row& empty, const std::vector<Row>& rows) {
  json::object columns = http::contract::Write(empty);
  CsvWriter w;
  for (const auto& kv : columns) w.Text(kv.key());
  w.EndRow();
  for (const auto& row : rows) {
    json::object o = http::contract::Write(row);
    for (const auto& kv : columns) {
      const json::value* v = o.if_contains(kv.key());
      if (v) {
        CsvCell(w, *v);
      } else {
        w.Empty();
      }
    }
    w.EndRow();
  }
  return w.Take();
}

Response CsvResponse(std::string body, const std::string& name, const Period& p) {
  Response r = Response::Text(200, std::move(body), "text/csv; charset=utf-8");
  r.Set("Content-Disposition", fmt::format("attachment; filename=\"{}-{}-{}.csv\"", name, p.From(), p.To()));
  r.Set("Cache-Control", "public, max-age=60");
  return r;
}

template <class Answer>
Response OpenData(Answer body, const Period& p) {
  body.from = p.From();
  body.to = p.To();
  body.licence = kLicence;
  body.licence_url = kLicenceUrl;
  Response r = http::Reply(200, body);
  r.Set("Cache-Control", "public, max-age=60");
  return r;
}

// ---- Request parameters. ----

Result<Period> PeriodOf(const Request& req, const TransparencyService& service) {
  return ParsePeriod(req.Query("from"), req.Query("to"), service.Today(), req.lang);
}

// An optional whole-number parameter; errors name it.
Result<std::optional<std::int64_t>> IdParam(const Request& req, const char* name) {
  auto v = req.Query(name);
  if (!v || v->empty()) return std::optional<std::int64_t>();
  std::int64_t id = 0;
  auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), id);
  if (ec != std::errc() || p != v->data() + v->size() || id <= 0) {
    return Error::Validation({{name, i18n::Tr(req.lang, "transparency_positive_whole_number")}});
  }
  return std::optional<std::int64_t>(id);
}

// ---- The handlers: JSON, or its CSV twin. ----

http::Handler StatsOffices(TransparencyService& service, bool csv) {
  return [&service, csv](Request& req) -> Response {
    auto period = PeriodOf(req, service);
    if (!period.ok()) return http::Problem(req, period.error());
    auto f = service.Of(*period, req.lang);
    if (!f.ok()) return http::Problem(req, f.error());
    std::vector<OfficeRow> rows;
    for (const auto& o : f->offices) rows.push_back(OfficeRowOf(o));
    if (csv) return CsvResponse(Csv(OfficeRowOf({}), rows), "kinerja-kantor", *period);
    OfficeFigures total = f->total;
    total.name = i18n::Tr(req.lang, "transparency_all_offices");
    return OpenData(OfficesAnswer{{}, {}, {}, {}, std::move(rows), OfficeRowOf(total)}, *period);
  };
}

http::Handler StatsServices(TransparencyService& service, bool csv) {
  return [&service, csv](Request& req) -> Response {
    auto period = PeriodOf(req, service);
    if (!period.ok()) return http::Problem(req, period.error());
    auto f = service.Of(*period, req.lang);
    if (!f.ok()) return http::Problem(req, f.error());
    std::vector<ServiceRow> rows;
    for (const auto& s : f->services) rows.push_back(ServiceRowOf(s));
    if (csv) return CsvResponse(Csv(ServiceRowOf({}), rows), "kinerja-layanan", *period);
    return OpenData(ServicesAnswer{{}, {}, {}, {}, std::move(rows)}, *period);
  };
}

http::Handler StatsTrend(TransparencyService& service, bool csv) {
  return [&service, csv](Request& req) -> Response {
    auto period = PeriodOf(req, service);
    auto service_id = IdParam(req, "service_id");
    auto node_id = IdParam(req, "node_id");
    std::vector<FieldError> errors;
    for (const Error* e : {period.ok() ? nullptr : &period.error(), service_id.ok() ? nullptr : &service_id.error(),
                           node_id.ok() ? nullptr : &node_id.error()}) {
      if (e) errors.insert(errors.end(), e->fields.begin(), e->fields.end());
    }
    if (!errors.empty()) return http::Problem(req, Error::Validation(std::move(errors)));
    auto months = service.Trend(*period, service_id->value_or(0), *node_id, req.lang);
    if (!months.ok()) return http::Problem(req, months.error());
    bool reports = service_id->value_or(0) == 0;
    std::vector<MonthRow> rows;
    for (const auto& m : *months) rows.push_back(MonthRowOf(m, reports));
    if (csv) return CsvResponse(Csv(MonthRowOf({}, reports), rows), "kinerja-bulanan", *period);
    return OpenData(TrendAnswer{{}, {}, {}, {}, std::move(rows), *service_id, *node_id}, *period);
  };
}

// ---- The operations. ----

constexpr const char* kDataNote =
    " Open data, licence CC BY 4.0. Counts are integers; decimals are strings with a fixed number of decimals "
    "(on_time_percent \"87.5\", ikm \"91.48\"); null where there is nothing to compute from. The same rows as CSV "
    "(RFC 4180, same columns) at the same path with .csv. Figures come from a per-day read model updated every few "
    "seconds.";

http::Operation& PeriodParams(http::Operation& op) {
  return op
      .Query("from", {{"type", "string"}, {"format", "date"}},
             "First day (YYYY-MM-DD, agency local date). Without from and to: the last 12 months.")
      .Query("to", {{"type", "string"}, {"format", "date"}}, "Last day, inclusive; at most five years after from.");
}

http::Operation& TrendParams(http::Operation& op) {
  return PeriodParams(op)
      .Query("service_id", {{"type", "integer"}, {"minimum", 1}},
             "Only this service (then without reports, which belong to offices).")
      .Query("node_id", {{"type", "integer"}, {"minimum", 1}}, "Only this office and the offices under it.");
}

http::Operation CsvTwin(const char* id, const char* summary, const char* of) {
  http::Operation op(id, "transparency", summary);
  op.Describe(std::string("The rows of ") + of +
              " as RFC 4180 CSV with a header line, decimals with a point. "
              "Licence CC BY 4.0.")
      .Public()
      .ReplyContent(200, "The rows", "text/csv", {{"type", "string"}});
  return op;
}

}  // namespace

void RegisterApi(http::Router& router, TransparencyService& service) {
  router.DescribeTag("transparency", "Public performance figures and open data (CSV).");
  const std::initializer_list<std::pair<int, const char*>> bad_period = {{422, "Bad from/to (field errors name them)"}};
  auto offices = http::Operation("listOfficeFigures", "transparency", "Performance of every office for a period");
  router.Add("GET", "/api/v1/stats/offices", StatsOffices(service, false),
             PeriodParams(offices)
                 .Describe(std::string("One row per office with figures in the period: applications received, "
                                       "completed, rejected, in progress; completion time in working days (median, "
                                       "90th percentile); decided within the published time limit; IKM with grade, "
                                       "respondents and the recommended sample; reports received, answered, answered "
                                       "on time, average working days to the first response. `total` sums every "
                                       "office.") +
                           kDataNote)
                 .Public()
                 .Reply<OfficesAnswer>(200, "The figures")
                 .Problems(bad_period)
                 .Options());
  auto offices_csv =
      CsvTwin("listOfficeFiguresCsv", "Performance of every office for a period, as CSV", "GET /api/v1/stats/offices");
  router.Add("GET", "/api/v1/stats/offices.csv", StatsOffices(service, true),
             PeriodParams(offices_csv).Problems(bad_period).Options());

  auto services =
      http::Operation("listServiceFigures", "transparency", "Performance of every published service for a period");
  router.Add("GET", "/api/v1/stats/services", StatsServices(service, false),
             PeriodParams(services)
                 .Describe(std::string("One row per service: its office, applications received, completed, "
                                       "rejected, in progress; completion time in working days (median, 90th "
                                       "percentile); decided within the published time limit; IKM with grade, "
                                       "respondents and the recommended sample.") +
                           kDataNote)
                 .Public()
                 .Reply<ServicesAnswer>(200, "The figures")
                 .Problems(bad_period)
                 .Options());
  auto services_csv = CsvTwin("listServiceFiguresCsv", "Performance of every published service for a period, as CSV",
                              "GET /api/v1/stats/services");
  router.Add("GET", "/api/v1/stats/services.csv", StatsServices(service, true),
             PeriodParams(services_csv).Problems(bad_period).Options());

  auto trend = http::Operation("getTrend", "transparency",
                               "Monthly trend of the figures, for everything, one service or one office");
  router.Add("GET", "/api/v1/stats/trend", StatsTrend(service, false),
             TrendParams(trend)
                 .Describe(std::string("One row per month the period touches (months without activity included), "
                                       "with the figures of GET /api/v1/stats/offices for that month.") +
                           kDataNote)
                 .Public()
                 .Reply<TrendAnswer>(200, "The figures")
                 .Problems({{422, "Bad from/to, service_id or node_id (field errors name them)"}})
                 .Options());
  auto trend_csv = CsvTwin("getTrendCsv", "Monthly trend of the figures, as CSV", "GET /api/v1/stats/trend");
  router.Add("GET", "/api/v1/stats/trend.csv", StatsTrend(service, true),
             TrendParams(trend_csv)
                 .Problems({{422, "Bad from/to, service_id or node_id (field errors name them)"}})
                 .Options());
}

}  // namespace spbe::transparency
