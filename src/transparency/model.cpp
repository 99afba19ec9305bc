#include "transparency/model.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "platform/clock.hpp"
#include "platform/i18n.hpp"

namespace spbe::transparency {

using std::chrono::days;
using std::chrono::sys_days;

Histogram::Histogram(std::initializer_list<std::pair<int, std::int64_t>> counts) {
  for (const auto& [d, n] : counts) (*this)[d] += n;
}

std::int64_t& Histogram::operator[](int days) {
  auto i = static_cast<std::size_t>(std::max(0, days));
  if (i >= counts_.size()) counts_.resize(i + 1, 0);
  return counts_[i];
}

std::int64_t Histogram::At(int days) const {
  return days >= 0 && static_cast<std::size_t>(days) < counts_.size() ? counts_[static_cast<std::size_t>(days)] : 0;
}

bool Histogram::operator==(const Histogram& o) const {
  for (int d = 0; d < std::max(Span(), o.Span()); ++d) {
    if (At(d) != o.At(d)) return false;
  }
  return true;
}

void Histogram::Merge(const Histogram& o) {
  if (o.counts_.size() > counts_.size()) counts_.resize(o.counts_.size(), 0);
  for (std::size_t i = 0; i < o.counts_.size(); ++i) counts_[i] += o.counts_[i];
}

void Merge(Histogram& into, const Histogram& from) { into.Merge(from); }

std::int64_t CountOf(const Histogram& h) {
  std::int64_t n = 0;
  for (int d = 0; d < h.Span(); ++d) n += h.At(d);
  return n;
}

std::optional<int> Percentile(const Histogram& h, int p) {
  std::int64_t total = CountOf(h);
  if (total <= 0) return std::nullopt;
  p = std::clamp(p, 1, 100);
  // The rank of the p-th percentile: ceil(p x N / 100), at least 1.
  std::int64_t rank = std::max<std::int64_t>(1, (static_cast<std::int64_t>(p) * total + 99) / 100);
  std::int64_t seen = 0;
  for (int d = 0; d < h.Span(); ++d) {
    seen += h.At(d);
    if (seen >= rank) return d;
  }
  return h.Span() - 1;
}

std::optional<std::int64_t> PercentTenths(std::int64_t part, std::int64_t whole) {
  if (whole <= 0) return std::nullopt;
  return (part * 2000 + whole) / (2 * whole);
}

std::optional<std::int64_t> AverageTenths(std::int64_t sum, std::int64_t n) {
  if (n <= 0) return std::nullopt;
  return (sum * 20 + n) / (2 * n);
}

std::string FormatTenths(std::int64_t tenths, std::string_view lang) {
  const char* sign = tenths < 0 ? "-" : "";
  std::int64_t v = tenths < 0 ? -tenths : tenths;
  return fmt::format("{}{}{}{}", sign, FormatCount(v / 10, lang), lang == "id" ? "," : ".", v % 10);
}

std::string FormatCount(std::int64_t n, std::string_view lang) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  // Open data ("data") carries bare digits.
  std::string_view sep = lang == "id" ? "." : lang == "en" ? "," : "";
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += sep;
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

std::int64_t NodeIdOfPath(std::string_view path) {
  if (path.size() < 3 || path.back() != '/') return 0;
  std::size_t end = path.size() - 1, start = path.rfind('/', end - 1);
  if (start == std::string_view::npos) return 0;
  std::int64_t id = 0;
  auto [p, ec] = std::from_chars(path.data() + start + 1, path.data() + end, id);
  return ec == std::errc() && p == path.data() + end ? id : 0;
}

std::string EncodeHistogram(const Histogram& h) {
  std::string out;
  for (int d = 0; d < h.Span(); ++d) {
    std::int64_t n = h.At(d);
    if (n == 0) continue;
    if (!out.empty()) out += ' ';
    out += fmt::format("{}:{}", d, n);
  }
  return out;
}

Histogram DecodeHistogram(std::string_view text) {
  Histogram h;
  const char* p = text.data();
  const char* end = text.data() + text.size();
  while (p < end) {
    while (p < end && *p == ' ') ++p;
    int d = 0;
    std::int64_t n = 0;
    auto a = std::from_chars(p, end, d);
    if (a.ec == std::errc() && a.ptr < end && *a.ptr == ':') {
      auto b = std::from_chars(a.ptr + 1, end, n);
      if (b.ec == std::errc() && d >= 0) {
        h[d] += n;
        p = b.ptr;
        continue;
      }
    }
    while (p < end && *p != ' ') ++p;  // not a pair: skip it
  }
  return h;
}

Result<Period> ParsePeriod(const std::optional<std::string>& from, const std::optional<std::string>& to, Date today,
                           std::string_view lang) {
  bool has_from = from && !from->empty(), has_to = to && !to->empty();
  if (!has_from && !has_to) {
    auto start = std::chrono::year_month{today.year(), today.month()} - std::chrono::months(11);
    return Period{Date{start.year(), start.month(), std::chrono::day{1}}, today};
  }
  std::vector<FieldError> errors;
  const std::string bad = i18n::Tr(lang, "transparency_date_format");
  auto parsed_from = has_from ? ParseDate(*from) : std::nullopt;
  auto parsed_to = has_to ? ParseDate(*to) : std::nullopt;
  if (!has_from) errors.push_back({"from", i18n::Tr(lang, "transparency_from_required")});
  if (has_from && !parsed_from) errors.push_back({"from", bad});
  if (!has_to) errors.push_back({"to", i18n::Tr(lang, "transparency_to_required")});
  if (has_to && !parsed_to) errors.push_back({"to", bad});
  if (!errors.empty()) return Error::Validation(std::move(errors));
  Period p{*parsed_from, *parsed_to};
  if (p.to < p.from) {
    errors.push_back({"to", i18n::Tr(lang, "transparency_to_before_from")});
  } else if ((sys_days(p.to) - sys_days(p.from)).count() >= kMaxPeriodDays) {
    errors.push_back({"to", i18n::Tr(lang, "transparency_period_too_long")});
  }
  if (!errors.empty()) return Error::Validation(std::move(errors));
  return p;
}

std::vector<std::string> MonthsOf(const Period& p) {
  std::vector<std::string> out;
  std::chrono::year_month m{p.from.year(), p.from.month()}, last{p.to.year(), p.to.month()};
  for (; m <= last; m += std::chrono::months(1)) {
    out.push_back(fmt::format("{:04}-{:02}", static_cast<int>(m.year()), static_cast<unsigned>(m.month())));
  }
  return out;
}

PeriodParts SplitPeriod(const Period& p) {
  using std::chrono::year_month;
  auto month_text = [](year_month m) {
    return fmt::format("{:04}-{:02}", static_cast<int>(m.year()), static_cast<unsigned>(m.month()));
  };
  auto first_day = [](year_month m) { return Date{m.year(), m.month(), std::chrono::day{1}}; };
  auto last_day = [](year_month m) {
    return Date{std::chrono::year_month_day_last{m.year(), std::chrono::month_day_last{m.month()}}};
  };
  auto partial = [&](year_month m, Date from, Date to) {
    PartialMonth out{month_text(m), FormatDate(from), FormatDate(to), {}};
    if (from != first_day(m)) {
      out.left_out.emplace_back(FormatDate(first_day(m)), FormatDate(Date(sys_days(from) - days(1))));
    }
    if (to != last_day(m)) out.left_out.emplace_back(FormatDate(Date(sys_days(to) + days(1))), FormatDate(last_day(m)));
    return out;
  };
  PeriodParts out;
  year_month first{p.from.year(), p.from.month()}, last{p.to.year(), p.to.month()};
  // A month is whole when the period starts on or before its first day and ends on or after its last.
  bool first_whole = p.from == first_day(first) && (first != last || p.to == last_day(last));
  bool last_whole = p.to == last_day(last) && (first != last || p.from == first_day(first));
  year_month whole_first = first_whole ? first : first + std::chrono::months(1);
  year_month whole_last = last_whole ? last : last - std::chrono::months(1);
  out.first_month = whole_first <= whole_last ? month_text(whole_first) : "9999-12";
  out.last_month = whole_first <= whole_last ? month_text(whole_last) : "0000-01";
  if (!first_whole) out.partial.push_back(partial(first, p.from, std::min(p.to, last_day(first))));
  if (!last_whole && last != first) out.partial.push_back(partial(last, first_day(last), p.to));
  return out;
}

ApplicationFigures& ApplicationFigures::operator+=(const ApplicationFigures& o) {
  received += o.received;
  open_now += o.open_now;
  completed += o.completed;
  rejected += o.rejected;
  on_time += o.on_time;
  Merge(days, o.days);
  return *this;
}

ReportFigures& ReportFigures::operator+=(const ReportFigures& o) {
  received += o.received;
  declined += o.declined;
  answered += o.answered;
  answered_on_time += o.answered_on_time;
  first_answered += o.first_answered;
  first_answer_days += o.first_answer_days;
  return *this;
}

void Merge(surveys::Totals& into, const surveys::Totals& from) {
  into.respondents += from.respondents;
  for (std::size_t i = 0; i < into.sums.size(); ++i) into.sums[i] += from.sums[i];
}

DayTotals ByMonth(const DayTotals& days) {
  DayTotals out;
  auto month = [](const DayKey& k) { return DayKey{std::get<0>(k).substr(0, 7), std::get<1>(k), std::get<2>(k)}; };
  for (const auto& [k, f] : days.applications) out.applications[month(k)] += f;
  for (const auto& [k, t] : days.ikm) Merge(out.ikm[month(k)], t);
  for (const auto& [k, f] : days.reports) out.reports[month(k)] += f;
  return out;
}

bool Decided(std::string_view status) { return status == "completed" || status == "rejected"; }

namespace {

std::optional<Date> LocalDayOf(std::string_view utc, TimeZone zone) {
  if (utc.empty()) return std::nullopt;
  auto t = ParseUtc(utc);
  if (!t) return std::nullopt;
  return LocalDate(*t, zone);
}

bool Within(const std::optional<Date>& d, Date first, Date last) { return d && *d >= first && *d <= last; }

}  // namespace

void AddReceived(const ApplicationFact& a, Date first, Date last, TimeZone zone, DayTotals& out) {
  auto day = LocalDayOf(a.submitted_at, zone);
  if (!Within(day, first, last) || a.status == "draft") return;
  auto& f = out.applications[{FormatDate(*day), a.service_id, a.node_path}];
  ++f.received;
  if (!Decided(a.status)) ++f.open_now;
}

void AddDecided(const ApplicationFact& a, Date first, Date last, TimeZone zone, const WorkCalendar& cal,
                DayTotals& out) {
  if (!Decided(a.status)) return;
  auto day = LocalDayOf(a.closed_at, zone);
  auto submitted = LocalDayOf(a.submitted_at, zone);
  if (!Within(day, first, last) || !submitted) return;
  auto& f = out.applications[{FormatDate(*day), a.service_id, a.node_path}];
  (a.status == "completed" ? f.completed : f.rejected) += 1;
  // Same-format UTC text compares in time order. A file without a limit (none was published) cannot be late.
  if (a.due_at.empty() || a.closed_at <= a.due_at) ++f.on_time;
  f.days[cal.WorkingDaysBetween(*submitted, *day)] += 1;
}

void AddReport(const ReportFact& r, Date first, Date last, TimeZone zone, const WorkCalendar& cal, DayTotals& out) {
  auto day = LocalDayOf(r.created_at, zone);
  if (!Within(day, first, last)) return;
  auto& f = out.reports[{FormatDate(*day), 0, r.node_path}];
  ++f.received;
  if (r.status == "declined") {
    ++f.declined;
    return;
  }
  // Answered: the latest answer, or the closing of a report closed with what was done and no answer of its own.
  const std::string& answer = !r.answered_at.empty() ? r.answered_at
                              : r.status == "closed" ? r.closed_at
                                                     : r.answered_at;
  if (!answer.empty()) {
    ++f.answered;
    if (!r.due_at.empty() && answer <= r.due_at) ++f.answered_on_time;
  }
  if (auto first_response = LocalDayOf(r.first_response_at, zone)) {
    ++f.first_answered;
    f.first_answer_days += cal.WorkingDaysBetween(*day, *first_response);
  }
}

std::vector<Date> DaysOfApplication(std::string_view submitted_at, std::string_view closed_at, TimeZone zone) {
  std::vector<Date> out;
  for (auto t : {submitted_at, closed_at}) {
    if (auto d = LocalDayOf(t, zone)) out.push_back(*d);
  }
  return out;
}

std::vector<Date> DaysOfReport(std::string_view created_at) {
  std::vector<Date> out;
  for (auto zone : {TimeZone::kWib, TimeZone::kWit}) {
    if (auto d = LocalDayOf(created_at, zone)) {
      if (out.empty() || out.back() != *d) out.push_back(*d);
    }
  }
  return out;
}

std::pair<std::string, std::string> UtcScanRange(Date first, Date last) {
  auto from = sys_days(first) - UtcOffset(TimeZone::kWit);
  auto to = sys_days(last) + days(1) - UtcOffset(TimeZone::kWib);
  return {FormatUtc(from), FormatUtc(to)};
}

std::vector<std::pair<Date, Date>> Runs(const std::set<Date>& all, int max_days) {
  std::vector<std::pair<Date, Date>> out;
  max_days = std::max(1, max_days);
  for (Date d : all) {
    if (!out.empty()) {
      auto& [a, b] = out.back();
      auto next = sys_days(b) + days(1);
      bool same_month = d.year() == a.year() && d.month() == a.month();
      if (sys_days(d) == next && same_month && (sys_days(d) - sys_days(a)).count() < max_days) {
        b = d;
        continue;
      }
    }
    out.emplace_back(d, d);
  }
  return out;
}

}  // namespace spbe::transparency
