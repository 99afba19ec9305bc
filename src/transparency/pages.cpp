#include "transparency/pages.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>

#include "platform/i18n.hpp"
#include "transparency/chart.hpp"

namespace spbe::transparency {

using http::Request;
using http::Response;

namespace {

namespace json = boost::json;

constexpr const char* kLicenceUrl = "https://creativecommons.org/licenses/by/4.0/";
constexpr const char* kBlue = "#0b4a8b";
constexpr const char* kGreen = "#1e6b3c";
constexpr const char* kOrange = "#a15c00";

// ---- Request parameters. ----

Result<Period> PeriodOf(const Request& req, const TransparencyService& service) {
  return ParsePeriod(req.Query("from"), req.Query("to"), service.Today(), req.lang);
}

// ---- The page. ----

unsigned MonthIndex(const std::string& month) { return static_cast<unsigned>(std::atoi(month.c_str() + 5)) - 1; }
std::string ShortMonth(const std::string& month, std::string_view lang) {
  // The catalog's transparency_month_short_1 ... transparency_month_short_12.
  std::string key = "transparency_month_short_" + std::to_string(MonthIndex(month) % 12 + 1);
  return i18n::Tr(lang, key);
}
std::string MonthLabel(const std::string& month, std::string_view lang) {
  return ShortMonth(month, lang) + " " + month.substr(0, 4);
}
std::string LongDate(Date d, std::string_view lang) {
  unsigned m = static_cast<unsigned>(d.month()) - 1;
  // The catalog's transparency_month_long_1 ... transparency_month_long_12.
  std::string key = "transparency_month_long_" + std::to_string(m + 1);
  const std::string& name = i18n::Tr(lang, key);
  return fmt::format("{} {} {}", static_cast<unsigned>(d.day()), name, static_cast<int>(d.year()));
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
  std::string out =
      i18n::Tr(lang, "transparency_chart_period",
               {{"title", title}, {"from", MonthLabel(months.front(), lang)}, {"to", MonthLabel(months.back(), lang)}});
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
      out += " " + i18n::Tr(lang, "transparency_chart_no_figures", {{"series", s.name}});
    } else if (totals) {
      out += " " + i18n::Tr(lang, "transparency_chart_totals",
                            {{"series", s.name},
                             {"total", show(total)},
                             {"month", MonthLabel(months[*hi], lang)},
                             {"most", show(*s.values[*hi])}});
    } else {
      out += " " + i18n::Tr(lang, "transparency_chart_range",
                            {{"series", s.name},
                             {"highest", show(*s.values[*hi])},
                             {"highest_month", MonthLabel(months[*hi], lang)},
                             {"lowest", show(*s.values[*lo])},
                             {"lowest_month", MonthLabel(months[*lo], lang)}});
    }
  }
  return out + " " + i18n::Tr(lang, "transparency_chart_table_below");
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

http::Handler PerformancePage(const http::Views& views, TransparencyService& service) {
  return [&views, &service](Request& req) {
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
    data["licence_url"] = std::string(kLicenceUrl) + (en ? "" : "deed.id");
    // The content (tables and charts) is the same for every visitor of a period and language: rendered once per
    // change of the read model; only the layout around it is the visitor's own.
    auto content = service.Rendered(*period, req.lang, [&](const Figures& figures) {
      json::object shown = data;
      shown["figures"] = PageFigures(figures, views, req.lang);
      return views.Content(req, "transparency/kinerja", std::move(shown));
    });
    if (!content.ok()) return views.ErrorPage(req, 503);
    return views.Around(req, 200, std::move(*content), views.catalog().Text(req.lang, "kinerja_title"));
  };
}

}  // namespace

void RegisterPages(http::Router& router, const http::Views& views, TransparencyService& service) {
  router.Add("GET", "/kinerja", PerformancePage(views, service));
}

}  // namespace spbe::transparency
