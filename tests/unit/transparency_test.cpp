// The dashboard's pure rules: percentiles from merged per-day histograms equal those of the raw list, the period a
// request asks for, what a row adds to which local day (zones, working days, limits), the runs of dirty days, and
// the SVG charts' scales and markup.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "transparency/chart.hpp"
#include "transparency/model.hpp"

namespace spbe::transparency {
namespace {

using namespace std::chrono_literals;

Date D(const char* s) { return *ParseDate(s); }

}  // namespace

void PrintTo(const Histogram& h, std::ostream* os) { *os << "{" << EncodeHistogram(h) << "}"; }

namespace {

Histogram Of(std::initializer_list<int> values) {
  Histogram h;
  for (int v : values) h[v] += 1;
  return h;
}

// Nearest rank on the sorted list, written the textbook way, to check the histogram's answer against.
int NearestRank(std::vector<int> v, int p) {
  std::sort(v.begin(), v.end());
  std::size_t rank = static_cast<std::size_t>((p * static_cast<long>(v.size()) + 99) / 100);
  return v[std::max<std::size_t>(rank, 1) - 1];
}

TEST(TransparencyPercentile, NearestRankOnSmallLists) {
  EXPECT_EQ(Percentile(Of({1, 2, 3, 9}), 50), 2);
  EXPECT_EQ(Percentile(Of({1, 2, 3, 9}), 90), 9);
  EXPECT_EQ(Percentile(Of({5}), 50), 5);
  EXPECT_EQ(Percentile(Of({5}), 90), 5);
  EXPECT_EQ(Percentile(Of({0, 0, 0, 7}), 50), 0) << "same-day decisions are 0 working days";
  // Ten files: the 90th percentile is the 9th smallest, the median the 5th.
  EXPECT_EQ(Percentile(Of({1, 2, 3, 4, 5, 6, 7, 8, 9, 30}), 90), 9);
  EXPECT_EQ(Percentile(Of({1, 2, 3, 4, 5, 6, 7, 8, 9, 30}), 50), 5);
  EXPECT_FALSE(Percentile({}, 50).has_value());
  EXPECT_FALSE(Percentile(Histogram{{3, 0}}, 50).has_value()) << "a bucket of nothing is still nothing";
}

TEST(TransparencyPercentile, MergedDailyHistogramsGiveTheSameAnswerAsTheWholeList) {
  std::mt19937 rng(42);
  for (int trial = 0; trial < 50; ++trial) {
    std::vector<int> all;
    Histogram merged;
    int days = 1 + static_cast<int>(rng() % 30);
    for (int d = 0; d < days; ++d) {
      Histogram day;
      int files = static_cast<int>(rng() % 40);
      for (int f = 0; f < files; ++f) {
        int wd = static_cast<int>(rng() % 25);
        all.push_back(wd);
        day[wd] += 1;
      }
      Merge(merged, day);
    }
    if (all.empty()) continue;
    ASSERT_EQ(CountOf(merged), static_cast<std::int64_t>(all.size()));
    for (int p : {1, 25, 50, 90, 99, 100}) {
      EXPECT_EQ(Percentile(merged, p), NearestRank(all, p)) << "p" << p << " of " << all.size() << " files";
    }
  }
}

TEST(TransparencyFormat, SharesAndAveragesRoundHalfUp) {
  EXPECT_EQ(PercentTenths(7, 8), 875);
  EXPECT_EQ(PercentTenths(2, 3), 667);  // 66.666...
  EXPECT_EQ(PercentTenths(1, 8), 125);  // 12.5 exactly
  EXPECT_EQ(PercentTenths(1, 16), 63);  // 6.25 -> 6.3
  EXPECT_EQ(PercentTenths(0, 5), 0);
  EXPECT_FALSE(PercentTenths(0, 0).has_value());
  EXPECT_EQ(AverageTenths(5, 2), 25);
  EXPECT_EQ(AverageTenths(1, 3), 3);  // 0.333 -> 0.3
  EXPECT_EQ(AverageTenths(1, 4), 3);  // 0.25 -> 0.3
  EXPECT_FALSE(AverageTenths(3, 0).has_value());
  EXPECT_EQ(FormatTenths(875, "id"), "87,5");
  EXPECT_EQ(FormatTenths(875, "en"), "87.5");
  EXPECT_EQ(FormatTenths(12345, "id"), "1.234,5");
  EXPECT_EQ(FormatTenths(12345, "data"), "1234.5");
  EXPECT_EQ(FormatTenths(5, "en"), "0.5");
  EXPECT_EQ(FormatCount(1234567, "id"), "1.234.567");
  EXPECT_EQ(FormatCount(1234567, "en"), "1,234,567");
  EXPECT_EQ(FormatCount(999, "id"), "999");
  EXPECT_EQ(FormatCount(0, "id"), "0");
}

TEST(TransparencyPeriod, DefaultsToTheLastTwelveMonths) {
  auto p = ParsePeriod(std::nullopt, std::nullopt, D("2026-11-29"), "id");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->From(), "2025-12-01");
  EXPECT_EQ(p->To(), "2026-11-29");
  EXPECT_EQ(MonthsOf(*p).size(), 12u);
  auto empty = ParsePeriod(std::string(), std::string(), D("2026-01-15"), "id");
  ASSERT_TRUE(empty.ok()) << "an empty form is the default";
  EXPECT_EQ(empty->From(), "2025-02-01");
}

TEST(TransparencyPeriod, BadDatesAreFieldErrors) {
  Date today = D("2026-11-29");
  auto bad = ParsePeriod(std::string("2026-02-30"), std::string("kemarin"), today, "en");
  ASSERT_FALSE(bad.ok());
  ASSERT_EQ(bad.error().fields.size(), 2u);
  EXPECT_EQ(bad.error().fields[0].field, "from");
  EXPECT_EQ(bad.error().fields[1].field, "to");
  auto half = ParsePeriod(std::string("2026-01-01"), std::nullopt, today, "id");
  ASSERT_FALSE(half.ok());
  EXPECT_EQ(half.error().fields.at(0).field, "to");
  auto backwards = ParsePeriod(std::string("2026-03-01"), std::string("2026-02-28"), today, "id");
  ASSERT_FALSE(backwards.ok());
  EXPECT_EQ(backwards.error().fields.at(0).field, "to");
  EXPECT_TRUE(ParsePeriod(std::string("2026-03-01"), std::string("2026-03-01"), today, "id").ok()) << "one day";
  EXPECT_TRUE(ParsePeriod(std::string("2021-01-01"), std::string("2025-12-31"), today, "id").ok()) << "five years";
  EXPECT_FALSE(ParsePeriod(std::string("2020-01-01"), std::string("2025-12-31"), today, "id").ok()) << "six";
}

TEST(TransparencyPeriod, MonthsOfAPeriodAcrossAYear) {
  Period p{D("2025-11-15"), D("2026-02-01")};
  EXPECT_EQ(MonthsOf(p), (std::vector<std::string>{"2025-11", "2025-12", "2026-01", "2026-02"}));
}

TEST(TransparencyRows, AnApplicationCountsOnItsAgencysLocalDays) {
  WorkCalendar cal;  // weekends only
  ApplicationFact a{7, "/1/5/", "completed", "2026-11-19T16:30:00Z", "2026-11-23T03:00:00Z", "2026-11-26T16:59:59Z"};
  // In WIT (UTC+9) the file came in on Friday the 20th, 01:30 local, and was decided on Monday the 23rd.
  DayTotals rows;
  AddReceived(a, D("2026-11-01"), D("2026-11-30"), TimeZone::kWit, rows);
  AddDecided(a, D("2026-11-01"), D("2026-11-30"), TimeZone::kWit, cal, rows);
  ASSERT_EQ(rows.applications.size(), 2u);
  const auto& in = rows.applications.at({"2026-11-20", 7, "/1/5/"});
  EXPECT_EQ(in.received, 1);
  EXPECT_EQ(in.open_now, 0) << "decided since";
  const auto& out = rows.applications.at({"2026-11-23", 7, "/1/5/"});
  EXPECT_EQ(out.completed, 1);
  EXPECT_EQ(out.on_time, 1);
  EXPECT_EQ(out.days, (Histogram{{1, 1}})) << "Friday to Monday is one working day";

  // In WIB (UTC+7) the same instant is still Thursday the 19th: two working days to Monday.
  DayTotals wib;
  AddReceived(a, D("2026-11-01"), D("2026-11-30"), TimeZone::kWib, wib);
  AddDecided(a, D("2026-11-01"), D("2026-11-30"), TimeZone::kWib, cal, wib);
  EXPECT_EQ(wib.applications.at({"2026-11-19", 7, "/1/5/"}).received, 1);
  EXPECT_EQ(wib.applications.at({"2026-11-23", 7, "/1/5/"}).days, (Histogram{{2, 1}}));

  // Outside the days being recomputed nothing is added.
  DayTotals none;
  AddReceived(a, D("2026-11-21"), D("2026-11-22"), TimeZone::kWit, none);
  AddDecided(a, D("2026-11-21"), D("2026-11-22"), TimeZone::kWit, cal, none);
  EXPECT_TRUE(none.applications.empty());
}

TEST(TransparencyRows, LateRejectedOpenAndDraftApplications) {
  // Nyepi and the Idulfitri days of March 2026 are not working days.
  std::vector<Holiday> holidays;
  for (const char* d : {"2026-03-18", "2026-03-19", "2026-03-20", "2026-03-23", "2026-03-24"}) {
    holidays.push_back({D(d), HolidayKind::kLiburNasional, "libur", "holiday", "test"});
  }
  WorkCalendar cal(holidays, false);
  Date first = D("2026-03-01"), last = D("2026-03-31");
  DayTotals rows;
  // Submitted Tuesday the 17th, rejected Wednesday the 25th (WIB), a day after its limit: Wednesday counts alone.
  ApplicationFact late{3, "/1/2/", "rejected", "2026-03-17T02:00:00Z", "2026-03-25T04:00:00Z", "2026-03-24T16:59:59Z"};
  AddReceived(late, first, last, TimeZone::kWib, rows);
  AddDecided(late, first, last, TimeZone::kWib, cal, rows);
  const auto& decided = rows.applications.at({"2026-03-25", 3, "/1/2/"});
  EXPECT_EQ(decided.rejected, 1);
  EXPECT_EQ(decided.completed, 0);
  EXPECT_EQ(decided.on_time, 0);
  EXPECT_EQ(decided.days, (Histogram{{1, 1}})) << "the holidays between are not counted";
  // Still with an officer, and back with the applicant: both in progress; a draft is not received at all.
  for (const char* status : {"in_progress", "returned", "awaiting_payment", "draft"}) {
    ApplicationFact open{3, "/1/2/", status, "2026-03-17T03:00:00Z", "", ""};
    AddReceived(open, first, last, TimeZone::kWib, rows);
    AddDecided(open, first, last, TimeZone::kWib, cal, rows);
  }
  const auto& received = rows.applications.at({"2026-03-17", 3, "/1/2/"});
  EXPECT_EQ(received.received, 4);
  EXPECT_EQ(received.open_now, 3);
  EXPECT_EQ(rows.applications.size(), 2u) << "open files add nothing on any decision day";
}

TEST(TransparencyRows, AReportCountsOnItsDayOfReceipt) {
  WorkCalendar cal;
  Date first = D("2026-11-01"), last = D("2026-11-30");
  DayTotals rows;
  // Received Monday the 16th (WITA), first response Thursday, answered by its limit.
  ReportFact on_time{"/1/7/",
                     "answered",
                     "2026-11-16T01:00:00Z",
                     "2026-11-19T02:00:00Z",
                     "2026-11-20T02:00:00Z",
                     "2026-11-23T15:59:59Z",
                     ""};
  // Received the same day, answered after its limit.
  ReportFact late{"/1/7/",
                  "closed",
                  "2026-11-16T05:00:00Z",
                  "2026-11-17T02:00:00Z",
                  "2026-11-30T02:00:00Z",
                  "2026-11-23T15:59:59Z",
                  "2026-11-30T03:00:00Z"};
  // Closed with what was done, without an answer of its own: the closing is the answer.
  ReportFact closed{"/1/7/", "closed", "2026-11-16T06:00:00Z", "", "", "2026-11-23T15:59:59Z", "2026-11-18T02:00:00Z"};
  ReportFact declined{"/1/7/", "declined", "2026-11-16T07:00:00Z", "", "", "", "2026-11-16T09:00:00Z"};
  ReportFact waiting{"/1/7/", "disposed", "2026-11-16T08:00:00Z", "", "", "2026-11-23T15:59:59Z", ""};
  for (const auto* r : {&on_time, &late, &closed, &declined, &waiting})
    AddReport(*r, first, last, TimeZone::kWita, cal, rows);
  ASSERT_EQ(rows.reports.size(), 1u);
  const auto& f = rows.reports.at({"2026-11-16", 0, "/1/7/"});
  EXPECT_EQ(f.received, 5);
  EXPECT_EQ(f.declined, 1);
  EXPECT_EQ(f.answered, 3);
  EXPECT_EQ(f.answered_on_time, 2);
  EXPECT_EQ(f.Open(), 1);
  EXPECT_EQ(f.first_answered, 2);
  EXPECT_EQ(f.first_answer_days, 3 + 1);
}

TEST(TransparencyRows, DirtyDaysAndScanRanges) {
  // A report's day is taken in the westernmost and easternmost zones: its office (and zone) may have changed.
  EXPECT_EQ(DaysOfReport("2026-11-16T16:30:00Z"), (std::vector<Date>{D("2026-11-16"), D("2026-11-17")}));
  EXPECT_EQ(DaysOfReport("2026-11-16T03:00:00Z"), (std::vector<Date>{D("2026-11-16")}));
  EXPECT_TRUE(DaysOfReport("").empty());
  EXPECT_EQ(DaysOfApplication("2026-11-16T16:30:00Z", "", TimeZone::kWib), (std::vector<Date>{D("2026-11-16")}));
  EXPECT_EQ(DaysOfApplication("2026-11-16T16:30:00Z", "2026-11-18T20:00:00Z", TimeZone::kWita),
            (std::vector<Date>{D("2026-11-17"), D("2026-11-19")}));
  // From midnight WIT of the first day to midnight WIB after the last.
  auto [from, to] = UtcScanRange(D("2026-11-16"), D("2026-11-17"));
  EXPECT_EQ(from, "2026-11-15T15:00:00Z");
  EXPECT_EQ(to, "2026-11-17T17:00:00Z");
}

TEST(TransparencyRows, RunsOfDirtyDaysStayWithinAMonth) {
  std::set<Date> days{D("2026-01-29"), D("2026-01-30"), D("2026-01-31"),
                      D("2026-02-01"), D("2026-02-05"), D("2026-02-06")};
  auto runs = Runs(days, 31);
  ASSERT_EQ(runs.size(), 3u);
  EXPECT_EQ(runs[0], std::make_pair(D("2026-01-29"), D("2026-01-31")));
  EXPECT_EQ(runs[1], std::make_pair(D("2026-02-01"), D("2026-02-01"))) << "a month's end ends a run";
  EXPECT_EQ(runs[2], std::make_pair(D("2026-02-05"), D("2026-02-06")));
  auto short_runs = Runs(days, 2);
  ASSERT_EQ(short_runs.size(), 4u);
  EXPECT_EQ(short_runs[0], std::make_pair(D("2026-01-29"), D("2026-01-30")));
  EXPECT_EQ(short_runs[1], std::make_pair(D("2026-01-31"), D("2026-01-31")));
  EXPECT_TRUE(Runs({}, 31).empty());
  // A whole year of days: one run per month.
  std::set<Date> year;
  for (auto d = std::chrono::sys_days(D("2026-01-01")); d <= std::chrono::sys_days(D("2026-12-31"));
       d += std::chrono::days(1)) {
    year.insert(Date(d));
  }
  EXPECT_EQ(Runs(year, 31).size(), 12u);
}

TEST(TransparencyRows, HistogramsAsTheReadModelKeepsThem) {
  Histogram h{{0, 3}, {1, 5}, {12, 1}};
  EXPECT_EQ(EncodeHistogram(h), "0:3 1:5 12:1");
  EXPECT_EQ(DecodeHistogram("0:3 1:5 12:1"), h);
  EXPECT_EQ(EncodeHistogram({}), "");
  EXPECT_EQ(CountOf(DecodeHistogram("")), 0);
  EXPECT_EQ(DecodeHistogram("2:1 x 2:4 :7 9:"), (Histogram{{2, 5}})) << "what does not read is skipped";
}

TEST(TransparencyRows, DaysSumIntoTheirMonths) {
  DayTotals days;
  days.applications[{"2026-03-17", 3, "/1/2/"}].received = 2;
  days.applications[{"2026-03-18", 3, "/1/2/"}].received = 1;
  days.applications[{"2026-03-18", 3, "/1/2/"}].days = {{4, 1}};
  days.applications[{"2026-03-19", 3, "/1/2/"}].days = {{4, 2}, {6, 1}};
  days.applications[{"2026-04-01", 3, "/1/2/"}].received = 7;
  days.ikm[{"2026-03-02", 3, "/1/2/"}].Add({4, 4, 4, 4, 4, 4, 4, 4, 4});
  days.ikm[{"2026-03-30", 3, "/1/2/"}].Add({1, 1, 1, 1, 1, 1, 1, 1, 1});
  days.reports[{"2026-03-02", 0, "/1/7/"}].received = 4;
  auto months = ByMonth(days);
  ASSERT_EQ(months.applications.size(), 2u);
  const auto& march = months.applications.at({"2026-03", 3, "/1/2/"});
  EXPECT_EQ(march.received, 3);
  EXPECT_EQ(march.days, (Histogram{{4, 3}, {6, 1}}));
  EXPECT_EQ(months.applications.at({"2026-04", 3, "/1/2/"}).received, 7);
  EXPECT_EQ(months.ikm.at({"2026-03", 3, "/1/2/"}).respondents, 2);
  EXPECT_EQ(months.ikm.at({"2026-03", 3, "/1/2/"}).sums[0], 5);
  EXPECT_EQ(months.reports.at({"2026-03", 0, "/1/7/"}).received, 4);
}

TEST(TransparencyPeriod, WholeMonthsFromTheMonthlyRowsTheRestFromTheDays) {
  using Runs = std::vector<std::pair<std::string, std::string>>;
  // The default period: whole months, and this month so far (the rest of it may well be empty: see PeriodRows).
  auto parts = SplitPeriod({D("2025-12-01"), D("2026-11-29")});
  EXPECT_EQ(parts.first_month, "2025-12");
  EXPECT_EQ(parts.last_month, "2026-10");
  ASSERT_EQ(parts.partial.size(), 1u);
  EXPECT_EQ(parts.partial[0],
            (PartialMonth{"2026-11", "2026-11-01", "2026-11-29", Runs{{"2026-11-30", "2026-11-30"}}}));
  auto exact = SplitPeriod({D("2026-01-01"), D("2026-02-28")});
  EXPECT_EQ(exact.first_month, "2026-01");
  EXPECT_EQ(exact.last_month, "2026-02");
  EXPECT_TRUE(exact.partial.empty());
  auto ragged = SplitPeriod({D("2026-01-15"), D("2026-04-10")});
  EXPECT_EQ(ragged.first_month, "2026-02");
  EXPECT_EQ(ragged.last_month, "2026-03");
  ASSERT_EQ(ragged.partial.size(), 2u);
  EXPECT_EQ(ragged.partial[0],
            (PartialMonth{"2026-01", "2026-01-15", "2026-01-31", Runs{{"2026-01-01", "2026-01-14"}}}));
  EXPECT_EQ(ragged.partial[1],
            (PartialMonth{"2026-04", "2026-04-01", "2026-04-10", Runs{{"2026-04-11", "2026-04-30"}}}));
  auto across = SplitPeriod({D("2026-01-15"), D("2026-02-10")});
  EXPECT_GT(across.first_month, across.last_month) << "no whole month";
  ASSERT_EQ(across.partial.size(), 2u);
  EXPECT_EQ(across.partial[0].to, "2026-01-31");
  EXPECT_EQ(across.partial[1].from, "2026-02-01");
  auto inside = SplitPeriod({D("2026-03-10"), D("2026-03-12")});
  ASSERT_EQ(inside.partial.size(), 1u);
  EXPECT_EQ(inside.partial[0], (PartialMonth{"2026-03", "2026-03-10", "2026-03-12",
                                             Runs{{"2026-03-01", "2026-03-09"}, {"2026-03-13", "2026-03-31"}}}));
  auto leap = SplitPeriod({D("2028-02-01"), D("2028-02-29")});
  EXPECT_EQ(leap.first_month, "2028-02");
  EXPECT_TRUE(leap.partial.empty());
}

TEST(TransparencyRows, NodeIdOfPath) {
  EXPECT_EQ(NodeIdOfPath("/1/4/9/"), 9);
  EXPECT_EQ(NodeIdOfPath("/12/"), 12);
  EXPECT_EQ(NodeIdOfPath(""), 0);
  EXPECT_EQ(NodeIdOfPath("/1/x/"), 0);
}

TEST(TransparencyChart, RoundAxes) {
  Axis a = NiceAxis(87);
  EXPECT_DOUBLE_EQ(a.step, 20);
  EXPECT_DOUBLE_EQ(a.max, 100);
  Axis b = NiceAxis(1234);
  EXPECT_DOUBLE_EQ(b.step, 500);
  EXPECT_DOUBLE_EQ(b.max, 1500);
  Axis c = NiceAxis(3);
  EXPECT_DOUBLE_EQ(c.step, 1) << "counts step by whole numbers";
  EXPECT_DOUBLE_EQ(c.max, 3);
  Axis none = NiceAxis(0);
  EXPECT_DOUBLE_EQ(none.max, 1) << "an empty chart still has an axis";
  Axis shares = NiceAxis(42, 5, 100.0);
  EXPECT_DOUBLE_EQ(shares.max, 100);
  EXPECT_DOUBLE_EQ(shares.step, 20);
  Axis exact = NiceAxis(100);
  EXPECT_DOUBLE_EQ(exact.max, 100) << "a maximum on a step stays";
}

TEST(TransparencyChart, ScaleAndLabels) {
  Axis a{100, 20};
  EXPECT_DOUBLE_EQ(ScaleY(0, a, 30, 180), 180);
  EXPECT_DOUBLE_EQ(ScaleY(100, a, 30, 180), 30);
  EXPECT_DOUBLE_EQ(ScaleY(50, a, 30, 180), 105);
  EXPECT_DOUBLE_EQ(ScaleY(250, a, 30, 180), 30) << "clamped to the plot";
  EXPECT_EQ(LabelStride(12, 12), 1);
  EXPECT_EQ(LabelStride(13, 12), 2);
  EXPECT_EQ(LabelStride(60, 12), 5);
  EXPECT_EQ(LabelStride(0, 12), 1);
}

TEST(TransparencyChart, AnAccessibleImageThatScales) {
  Chart c;
  c.id = "chart-x";
  c.title = "Permohonan <per> bulan & \"tahun\"";
  c.description = "Diterima: 12";
  c.labels = {"Jan", "Feb", "Mar"};
  c.sublabels = {"2026", "", ""};
  c.series = {{"Diterima", {5.0, 0.0, 7.0}, "#0b4a8b"}, {"Selesai", {4.0, std::nullopt, 6.0}, "#1e6b3c"}};
  std::string svg = RenderSvg(c);
  EXPECT_EQ(svg.rfind("<svg ", 0), 0u);
  EXPECT_NE(svg.find(R"(viewBox="0 0 360 220")"), std::string::npos);
  EXPECT_NE(svg.find(R"(role="img")"), std::string::npos);
  EXPECT_NE(svg.find(R"(aria-labelledby="chart-x-title chart-x-desc")"), std::string::npos);
  EXPECT_NE(svg.find(R"(<title id="chart-x-title">Permohonan &lt;per&gt; bulan &amp; &quot;tahun&quot;</title>)"),
            std::string::npos)
      << svg;
  EXPECT_NE(svg.find(R"(<desc id="chart-x-desc">Diterima: 12</desc>)"), std::string::npos);
  EXPECT_EQ(svg.find("<script"), std::string::npos);
  EXPECT_EQ(svg.find("style="), std::string::npos) << "no inline style: the page's CSP forbids it";
  // Four bars (zero and missing values draw none), besides the legend's two swatches and the background.
  auto count = [&](const std::string& what) {
    std::size_t n = 0;
    for (auto at = svg.find(what); at != std::string::npos; at = svg.find(what, at + 1)) ++n;
    return n;
  };
  EXPECT_EQ(count("<rect "), 1u + 2u + 4u);
  EXPECT_EQ(count(">2026<"), 1u);

  // As lines, a month without a figure breaks the line: two one-point runs draw no polyline, the dots remain.
  c.kind = ChartKind::kLines;
  c.series = {{"IKM", {80.5, std::nullopt, 90.0}, "#1e6b3c"}};
  c.fixed_max = 100;
  std::string lines = RenderSvg(c);
  EXPECT_EQ(lines.find("<polyline"), std::string::npos);
  c.series[0].values[1] = 85.0;
  lines = RenderSvg(c);
  EXPECT_NE(lines.find("<polyline"), std::string::npos);
  EXPECT_NE(lines.find(">100<"), std::string::npos) << "the axis of an index goes to 100";
}

}  // namespace
}  // namespace spbe::transparency
