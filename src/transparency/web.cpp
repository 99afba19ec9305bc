#include "transparency/web.hpp"
#include "platform/csv.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <charconv>
#include <cmath>

#include "http/json.hpp"
#include "http/openapi.hpp"
#include "http/problem.hpp"
#include "transparency/chart.hpp"

namespace spbe::transparency {

using http::Request;
using http::Response;

namespace {

namespace json = boost::json;

constexpr const char* kLicence = "CC BY 4.0";
constexpr const char* kLicenceUrl = "https://creativecommons.org/licenses/by/4.0/";
constexpr const char* kBlue = "#0b4a8b";
constexpr const char* kGreen = "#1e6b3c";
constexpr const char* kOrange = "#a15c00";

// ---- Open data rows: one JSON object per row, its members in column order (the CSV twin's columns). ----

json::value OrNull(std::optional<int> v) { return v ? json::value(*v) : json::value(nullptr); }
json::value Tenths(std::optional<std::int64_t> v) {
  return v ? json::value(FormatTenths(*v, "data")) : json::value(nullptr);
}

void PutApplications(json::object& o, const ApplicationFigures& f) {
  o["applications_received"] = f.received;
  o["applications_completed"] = f.completed;
  o["applications_rejected"] = f.rejected;
  o["applications_in_progress"] = f.open_now;
  o["completion_median_working_days"] = OrNull(Percentile(f.days, 50));
  o["completion_p90_working_days"] = OrNull(Percentile(f.days, 90));
  o["decided_on_time"] = f.on_time;
  o["on_time_percent"] = Tenths(PercentTenths(f.on_time, f.Decided()));
}

// The recommended sample is of the files completed in the same period, as the IKM report counts it.
void PutIkm(json::object& o, const surveys::Totals& t, std::int64_t completed) {
  auto index = surveys::Compute(t);
  std::int64_t recommended = surveys::RecommendedSample(completed);
  o["ikm"] = index ? json::value(index->Converted()) : json::value(nullptr);
  o["ikm_grade"] = index ? json::value(std::string(1, index->grade)) : json::value(nullptr);
  o["ikm_respondents"] = t.respondents;
  o["ikm_recommended_sample"] = recommended;
  o["ikm_undersampled"] = t.respondents == 0 || t.respondents < recommended;
}

void PutReports(json::object& o, const ReportFigures& f) {
  o["reports_received"] = f.received;
  o["reports_declined"] = f.declined;
  o["reports_answered"] = f.answered;
  o["reports_answered_on_time"] = f.answered_on_time;
  o["reports_on_time_percent"] = Tenths(PercentTenths(f.answered_on_time, f.answered));
  o["reports_first_response_avg_working_days"] = Tenths(AverageTenths(f.first_answer_days, f.first_answered));
}

json::object OfficeRow(const OfficeFigures& f) {
  json::object o{{"node_id", f.node_id}, {"office", f.name}};
  PutApplications(o, f.applications);
  PutIkm(o, f.ikm, f.applications.completed);
  PutReports(o, f.reports);
  return o;
}

json::object ServiceRow(const ServiceFigures& f) {
  json::object o{{"service_id", f.service_id}, {"service", f.name}, {"node_id", f.node_id}, {"office", f.office}};
  PutApplications(o, f.applications);
  PutIkm(o, f.ikm, f.applications.completed);
  return o;
}

json::object MonthRow(const MonthFigures& m, bool reports) {
  json::object o{{"month", m.month}};
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

// RFC 4180: a header of the columns, then one line per row, CRLF.
std::string Csv(const json::object& columns, const std::vector<json::object>& rows) {
  CsvWriter w;
  for (const auto& kv : columns) w.Text(kv.key());
  w.EndRow();
  for (const auto& row : rows) {
    for (const auto& kv : columns) {
      const json::value* v = row.if_contains(kv.key());
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

Response JsonOpenData(json::object body, const Period& p) {
  json::object out{{"from", p.From()}, {"to", p.To()}, {"licence", kLicence}, {"licence_url", kLicenceUrl}};
  for (auto& kv : body) out[kv.key()] = std::move(kv.value());
  Response r = http::JsonResponse(200, out);
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
    return Error::Validation({{name, req.lang == "en" ? "a positive whole number" : "bilangan bulat positif"}});
  }
  return std::optional<std::int64_t>(id);
}

// ---- OpenAPI. ----

std::string StatsDoc(const char* summary, const char* description, const char* params, const std::string& ok_content) {
  json::object op{{"summary", summary}, {"description", description}, {"tags", json::array{"stats"}}};
  op["parameters"] = json::parse(params);
  std::string responses = std::string(R"({"200": {"description": "The figures", "content": )") + ok_content + "}, " +
                          http::ProblemDoc("422", "Bad from/to (field errors name them)") + "}";
  op["responses"] = json::parse(responses);
  return json::serialize(op);
}

constexpr const char* kPeriodParams =
    R"([{"name": "from", "in": "query", "schema": {"type": "string", "format": "date"}, "description": "First day (YYYY-MM-DD, agency local date). Without from and to: the last 12 months."},
        {"name": "to", "in": "query", "schema": {"type": "string", "format": "date"}, "description": "Last day, inclusive; at most five years after from."}])";
constexpr const char* kTrendParams =
    R"([{"name": "from", "in": "query", "schema": {"type": "string", "format": "date"}, "description": "First day (YYYY-MM-DD). Without from and to: the last 12 months."},
        {"name": "to", "in": "query", "schema": {"type": "string", "format": "date"}, "description": "Last day, inclusive."},
        {"name": "service_id", "in": "query", "schema": {"type": "integer"}, "description": "Only this service (then without reports, which belong to offices)."},
        {"name": "node_id", "in": "query", "schema": {"type": "integer"}, "description": "Only this office and the offices under it."}])";
constexpr const char* kDataNote =
    " Open data, licence CC BY 4.0. Counts are integers; decimals are strings with a fixed number of decimals "
    "(on_time_percent \"87.5\", ikm \"91.48\"); null where there is nothing to compute from. The same rows as CSV "
    "(RFC 4180, same columns) at the same path with .csv. Figures come from a per-day read model updated every few "
    "seconds.";

// ---- The page. ----

const char* const kMonthsId[] = {"Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"};
const char* const kMonthsEn[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
const char* const kLongMonthsId[] = {"Januari", "Februari", "Maret",     "April",   "Mei",      "Juni",
                                     "Juli",    "Agustus",  "September", "Oktober", "November", "Desember"};
const char* const kLongMonthsEn[] = {"January", "February", "March",     "April",   "May",      "June",
                                     "July",    "August",   "September", "October", "November", "December"};

unsigned MonthIndex(const std::string& month) { return static_cast<unsigned>(std::atoi(month.c_str() + 5)) - 1; }
std::string ShortMonth(const std::string& month, std::string_view lang) {
  const char* const* names = lang == "en" ? kMonthsEn : kMonthsId;
  return std::string(names[MonthIndex(month) % 12]);
}
std::string MonthLabel(const std::string& month, std::string_view lang) {
  return ShortMonth(month, lang) + " " + month.substr(0, 4);
}
std::string LongDate(Date d, std::string_view lang) {
  unsigned m = static_cast<unsigned>(d.month()) - 1;
  const char* const* names = lang == "en" ? kLongMonthsEn : kLongMonthsId;
  return fmt::format("{} {} {}", static_cast<unsigned>(d.day()), names[m], static_cast<int>(d.year()));
}

constexpr const char* kDash = "–";

std::string Count(std::int64_t n, std::string_view lang) { return FormatCount(n, lang); }
std::string Days(std::optional<int> d, std::string_view lang) { return d ? FormatCount(*d, lang) : std::string(kDash); }
std::string Percent(std::optional<std::int64_t> tenths, std::string_view lang) {
  return tenths ? FormatTenths(*tenths, lang) + "%" : std::string(kDash);
}
std::string AvgDays(std::optional<std::int64_t> tenths, std::string_view lang) {
  return tenths ? FormatTenths(*tenths, lang) : std::string(kDash);
}

// What a table row shows: every figure formatted for the reader's language.
json::object Shown(const ApplicationFigures& a, const surveys::Totals& t, std::string_view lang) {
  auto index = surveys::Compute(t);
  std::int64_t recommended = surveys::RecommendedSample(a.completed);
  std::string ikm = kDash;
  if (index) {
    ikm = index->Converted();
    if (lang == "id") std::replace(ikm.begin(), ikm.end(), '.', ',');
  }
  return {{"received", Count(a.received, lang)},
          {"completed", Count(a.completed, lang)},
          {"rejected", Count(a.rejected, lang)},
          {"in_progress", Count(a.open_now, lang)},
          {"median", Days(Percentile(a.days, 50), lang)},
          {"p90", Days(Percentile(a.days, 90), lang)},
          {"on_time", Percent(PercentTenths(a.on_time, a.Decided()), lang)},
          {"ikm", ikm},
          {"grade", index ? std::string(1, index->grade) : std::string(kDash)},
          {"respondents", Count(t.respondents, lang)},
          {"recommended", Count(recommended, lang)},
          {"undersampled", t.respondents == 0 || t.respondents < recommended}};
}

void ShowReports(json::object& o, const ReportFigures& r, std::string_view lang) {
  o["reports_received"] = Count(r.received, lang);
  o["reports_answered"] = Count(r.answered, lang);
  o["reports_on_time"] = Percent(PercentTenths(r.answered_on_time, r.answered), lang);
  o["first_response"] = AvgDays(AverageTenths(r.first_answer_days, r.first_answered), lang);
}

// The text alternative of a chart: each series' total (counts) or range (shares, the index), with its months.
std::string Describe(const std::string& title, const std::vector<std::string>& months, const std::vector<Series>& all,
                     bool totals, std::string_view lang) {
  bool en = lang == "en";
  std::string out = fmt::format("{}, {} {} {}.", title, MonthLabel(months.front(), lang), en ? "to" : "sampai",
                                MonthLabel(months.back(), lang));
  auto show = [&](double v) {
    return std::abs(v - std::round(v)) < 1e-9 ? FormatCount(std::llround(v), lang)
                                              : FormatTenths(std::llround(v * 10), lang);
  };
  for (const auto& s : all) {
    std::optional<std::size_t> hi, lo;
    double total = 0;
    for (std::size_t i = 0; i < s.values.size(); ++i) {
      if (!s.values[i]) continue;
      total += *s.values[i];
      if (!hi || *s.values[i] > *s.values[*hi]) hi = i;
      if (!lo || *s.values[i] < *s.values[*lo]) lo = i;
    }
    if (!hi) {
      out += fmt::format(" {}: {}.", s.name, en ? "no figures" : "belum ada angka");
    } else if (totals) {
      out += fmt::format(" {}: {} {}, {} {} ({}).", s.name, en ? "in all" : "seluruhnya", show(total),
                         en ? "most in" : "terbanyak pada", MonthLabel(months[*hi], lang), show(*s.values[*hi]));
    } else {
      out += fmt::format(" {}: {} {} ({}), {} {} ({}).", s.name, en ? "highest" : "tertinggi", show(*s.values[*hi]),
                         MonthLabel(months[*hi], lang), en ? "lowest" : "terendah", show(*s.values[*lo]),
                         MonthLabel(months[*lo], lang));
    }
  }
  return out + (en ? " Every month's figures are in the table below." : " Angka setiap bulan ada di tabel di bawah.");
}

json::array Charts(const std::vector<MonthFigures>& trend, const http::Views& views, std::string_view lang) {
  const auto& t = views.catalog();
  auto text = [&](const char* key) { return t.Text(lang, key); };
  std::vector<std::string> months, labels, years;
  for (std::size_t i = 0; i < trend.size(); ++i) {
    const auto& m = trend[i].month;
    months.push_back(m);
    labels.push_back(ShortMonth(m, lang));
    // The year under January, and under the first month unless January follows too closely to fit both.
    bool january = MonthIndex(m) == 0;
    bool first = i == 0 && MonthIndex(m) < 10;
    years.push_back(january || first ? m.substr(0, 4) : "");
  }
  std::vector<std::optional<double>> received, completed, on_time, reports_on_time, ikm, reports, answered;
  for (const auto& m : trend) {
    received.emplace_back(m.applications.received);
    completed.emplace_back(m.applications.completed);
    auto share = PercentTenths(m.applications.on_time, m.applications.Decided());
    on_time.push_back(share ? std::optional<double>(*share / 10.0) : std::nullopt);
    auto answered_share = PercentTenths(m.reports.answered_on_time, m.reports.answered);
    reports_on_time.push_back(answered_share ? std::optional<double>(*answered_share / 10.0) : std::nullopt);
    auto index = surveys::Compute(m.ikm);
    ikm.push_back(index ? std::optional<double>(index->converted_hundredths / 100.0) : std::nullopt);
    reports.emplace_back(m.reports.received);
    answered.emplace_back(m.reports.answered);
  }
  struct Spec {
    const char* id;
    const char* title;
    ChartKind kind;
    std::optional<double> max;
    bool totals;
    std::vector<Series> series;
  };
  std::vector<Spec> specs = {
      {"chart-applications",
       "kinerja_chart_applications",
       ChartKind::kBars,
       std::nullopt,
       true,
       {{text("kinerja_series_received"), received, kBlue}, {text("kinerja_series_completed"), completed, kGreen}}},
      {"chart-on-time",
       "kinerja_chart_on_time",
       ChartKind::kLines,
       100.0,
       false,
       {{text("kinerja_series_applications"), on_time, kBlue},
        {text("kinerja_series_reports"), reports_on_time, kOrange}}},
      {"chart-ikm", "kinerja_chart_ikm", ChartKind::kLines, 100.0, false, {{"IKM", ikm, kGreen}}},
      {"chart-reports",
       "kinerja_chart_reports",
       ChartKind::kBars,
       std::nullopt,
       true,
       {{text("kinerja_series_received"), reports, kOrange}, {text("kinerja_series_answered"), answered, kBlue}}},
  };
  json::array out;
  for (auto& s : specs) {
    Chart c;
    c.id = s.id;
    c.title = text(s.title);
    c.description = Describe(c.title, months, s.series, s.totals, lang);
    c.labels = labels;
    c.sublabels = years;
    c.series = std::move(s.series);
    c.kind = s.kind;
    c.fixed_max = s.max;
    c.lang = std::string(lang);
    out.push_back({{"title", c.title}, {"svg", RenderSvg(c)}});
  }
  return out;
}

json::object PageFigures(const Figures& f, const http::Views& views, std::string_view lang) {
  const auto& trend = f.months;
  json::object out;
  const auto& total = f.total;
  auto total_shown = Shown(total.applications, total.ikm, lang);
  ShowReports(total_shown, total.reports, lang);
  out["total"] = total_shown;
  out["charts"] = Charts(trend, views, lang);
  json::array months;
  for (const auto& m : trend) {
    auto row = Shown(m.applications, m.ikm, lang);
    ShowReports(row, m.reports, lang);
    row["month"] = MonthLabel(m.month, lang);
    months.push_back(std::move(row));
  }
  out["months"] = std::move(months);
  json::array offices;
  for (const auto& o : f.offices) {
    auto row = Shown(o.applications, o.ikm, lang);
    ShowReports(row, o.reports, lang);
    row["name"] = o.name;
    if (o.ikm.respondents > 0) {
      row["ikm_href"] = fmt::format("/kinerja/ikm?node_id={}&from={}&to={}", o.node_id, f.period.From(), f.period.To());
    }
    offices.push_back(std::move(row));
  }
  out["has_offices"] = !offices.empty();
  out["offices"] = std::move(offices);
  json::array services;
  for (const auto& s : f.services) {
    auto row = Shown(s.applications, s.ikm, lang);
    row["name"] = s.name;
    row["office"] = s.office;
    if (s.ikm.respondents > 0) {
      row["ikm_href"] =
          fmt::format("/kinerja/ikm?service_id={}&from={}&to={}", s.service_id, f.period.From(), f.period.To());
    }
    services.push_back(std::move(row));
  }
  out["has_services"] = !services.empty();
  out["services"] = std::move(services);
  std::string query = fmt::format("?from={}&to={}", f.period.From(), f.period.To());
  out["query"] = query;
  out["period_text"] = LongDate(f.period.from, lang) + " – " + LongDate(f.period.to, lang);
  return out;
}

}  // namespace

void RegisterWeb(http::Router& router, const http::Views& views, TransparencyService& service) {
  static const std::string kOfficesDoc =
      StatsDoc("Performance of every office for a period (open data)",
               (std::string("One row per office with figures in the period: applications received, completed, "
                            "rejected, in progress; completion time in working days (median, 90th percentile); "
                            "decided within the published time limit; IKM with grade, respondents and the "
                            "recommended sample; reports received, answered, answered on time, average working "
                            "days to the first response. `total` sums every office.") +
                kDataNote)
                   .c_str(),
               kPeriodParams, R"({"application/json": {"schema": {"type": "object"}}})");
  static const std::string kOfficesCsvDoc = StatsDoc(
      "Performance of every office for a period, as CSV (open data)",
      "The rows of GET /api/v1/stats/offices as RFC 4180 CSV with a header line, decimals with a point. Licence "
      "CC BY 4.0.",
      kPeriodParams, R"({"text/csv": {}})");
  static const std::string kServicesDoc =
      StatsDoc("Performance of every published service for a period (open data)",
               (std::string("One row per service: its office, applications received, completed, rejected, in "
                            "progress; completion time in working days (median, 90th percentile); decided within "
                            "the published time limit; IKM with grade, respondents and the recommended sample.") +
                kDataNote)
                   .c_str(),
               kPeriodParams, R"({"application/json": {"schema": {"type": "object"}}})");
  static const std::string kServicesCsvDoc =
      StatsDoc("Performance of every published service for a period, as CSV (open data)",
               "The rows of GET /api/v1/stats/services as RFC 4180 CSV with a header line. Licence CC BY 4.0.",
               kPeriodParams, R"({"text/csv": {}})");
  static const std::string kTrendDoc = StatsDoc(
      "Monthly trend of the figures for a period, for everything, one service or one office (open data)",
      (std::string("One row per month the period touches (months without activity included), with the figures of "
                   "GET /api/v1/stats/offices for that month.") +
       kDataNote)
          .c_str(),
      kTrendParams, R"({"application/json": {"schema": {"type": "object"}}})");
  static const std::string kTrendCsvDoc =
      StatsDoc("Monthly trend of the figures, as CSV (open data)",
               "The rows of GET /api/v1/stats/trend as RFC 4180 CSV with a header line. Licence CC BY 4.0.",
               kTrendParams, R"({"text/csv": {}})");

  auto offices = [&service](Request& req, bool csv) -> Response {
    auto period = PeriodOf(req, service);
    if (!period.ok()) return http::Problem(req, period.error());
    auto f = service.Of(*period, req.lang);
    if (!f.ok()) return http::Problem(req, f.error());
    std::vector<json::object> rows;
    for (const auto& o : f->offices) rows.push_back(OfficeRow(o));
    if (csv) return CsvResponse(Csv(OfficeRow({}), rows), "kinerja-kantor", *period);
    json::array list;
    for (auto& r : rows) list.push_back(std::move(r));
    OfficeFigures total = f->total;
    total.name = req.lang == "en" ? "All offices" : "Seluruh kantor";
    return JsonOpenData({{"offices", std::move(list)}, {"total", OfficeRow(total)}}, *period);
  };
  router.Add("GET", "/api/v1/stats/offices", [offices](Request& req) { return offices(req, false); },
             {.openapi = kOfficesDoc});
  router.Add("GET", "/api/v1/stats/offices.csv", [offices](Request& req) { return offices(req, true); },
             {.openapi = kOfficesCsvDoc});

  auto services = [&service](Request& req, bool csv) -> Response {
    auto period = PeriodOf(req, service);
    if (!period.ok()) return http::Problem(req, period.error());
    auto f = service.Of(*period, req.lang);
    if (!f.ok()) return http::Problem(req, f.error());
    std::vector<json::object> rows;
    for (const auto& s : f->services) rows.push_back(ServiceRow(s));
    if (csv) return CsvResponse(Csv(ServiceRow({}), rows), "kinerja-layanan", *period);
    json::array list;
    for (auto& r : rows) list.push_back(std::move(r));
    return JsonOpenData({{"services", std::move(list)}}, *period);
  };
  router.Add("GET", "/api/v1/stats/services", [services](Request& req) { return services(req, false); },
             {.openapi = kServicesDoc});
  router.Add("GET", "/api/v1/stats/services.csv", [services](Request& req) { return services(req, true); },
             {.openapi = kServicesCsvDoc});

  auto trend = [&service](Request& req, bool csv) -> Response {
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
    std::vector<json::object> rows;
    for (const auto& m : *months) rows.push_back(MonthRow(m, reports));
    if (csv) return CsvResponse(Csv(MonthRow({}, reports), rows), "kinerja-bulanan", *period);
    json::array list;
    for (auto& r : rows) list.push_back(std::move(r));
    json::object body{{"months", std::move(list)}};
    if (*service_id) body["service_id"] = **service_id;
    if (*node_id) body["node_id"] = **node_id;
    return JsonOpenData(std::move(body), *period);
  };
  router.Add("GET", "/api/v1/stats/trend", [trend](Request& req) { return trend(req, false); }, {.openapi = kTrendDoc});
  router.Add("GET", "/api/v1/stats/trend.csv", [trend](Request& req) { return trend(req, true); },
             {.openapi = kTrendCsvDoc});

  router.Add("GET", "/kinerja", [&views, &service](Request& req) {
    bool en = req.lang == "en";
    auto period = PeriodOf(req, service);
    json::object data;
    if (!period.ok()) {
      data["from"] = req.Query("from").value_or("");
      data["to"] = req.Query("to").value_or("");
      json::array errors;
      for (const auto& e : period.error().fields) {
        errors.push_back({{"field", e.field}, {"message", e.message}});
        data[e.field + "_error"] = e.message;
      }
      data["has_errors"] = true;
      data["error_list"] = std::move(errors);
      return views.Page(req, 422, "transparency/kinerja", std::move(data), "kinerja_title");
    }
    data["from"] = period->From();
    data["to"] = period->To();
    auto figures = service.Of(*period, req.lang);
    if (!figures.ok()) return views.ErrorPage(req, 503);
    data["figures"] = PageFigures(*figures, views, req.lang);
    data["licence_url"] = std::string(kLicenceUrl) + (en ? "" : "deed.id");
    return views.Page(req, 200, "transparency/kinerja", std::move(data), "kinerja_title");
  });
}

}  // namespace spbe::transparency
