#include "transparency/rollup.hpp"

#include "platform/log.hpp"

namespace spbe::transparency {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

std::string Before(const std::string& mark, std::chrono::seconds by) {
  auto t = ParseUtc(mark);
  return t ? FormatUtc(*t - by) : std::string();
}

double Since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

const Rollup::Place& Rollup::PlaceOf(const std::string& node_path) {
  auto it = places_.find(node_path);
  if (it != places_.end()) return it->second;
  Place p;
  if (auto node = org_.Get(NodeIdOfPath(node_path)); node.ok()) p.zone = ParseTimeZone(node->timezone);
  p.calendar = calendar_.For(node_path);
  return places_.emplace(node_path, std::move(p)).first->second;
}

Status Rollup::Recompute(const std::set<Date>& dirty) {
  for (const auto& [first, last] : Runs(dirty, options_.chunk_days)) {
    auto [from, to] = UtcScanRange(first, last);
    std::string first_day = FormatDate(first), last_day = FormatDate(last);
    Status st = db_.Write([&](soci::session& s) -> Status {
      // Serialises recomputes across processes; the sources are read after the lock, so they are as new as any
      // recompute before this one saw.
      store_.LockState(s);
      DayTotals rows;
      store_.ScanSubmitted(
          s, from, to, [&](const ApplicationFact& a) { AddReceived(a, first, last, PlaceOf(a.node_path).zone, rows); });
      store_.ScanClosed(s, from, to, [&](const ApplicationFact& a) {
        const Place& p = PlaceOf(a.node_path);
        AddDecided(a, first, last, p.zone, p.calendar, rows);
      });
      store_.ScanReports(s, from, to, [&](const ReportFact& r) {
        const Place& p = PlaceOf(r.node_path);
        AddReport(r, first, last, p.zone, p.calendar, rows);
      });
      rows.ikm = store_.IkmOfDays(s, first_day, last_day);
      store_.ReplaceDays(s, first_day, last_day, rows);
      // The month again from its days (a run never crosses a month's end).
      Date month_first{first.year(), first.month(), std::chrono::day{1}};
      Date month_last{std::chrono::year_month_day_last{first.year(), std::chrono::month_day_last{first.month()}}};
      store_.ReplaceMonth(s, first_day.substr(0, 7),
                          ByMonth(store_.Days(s, FormatDate(month_first), FormatDate(month_last))));
      return Ok{};
    });
    if (!st.ok()) return st;
  }
  return Ok{};
}

Result<RollupReport> Rollup::Run() {
  std::lock_guard lock(mu_);
  auto started = std::chrono::steady_clock::now();
  places_.clear();
  auto state = db_.Read([&](soci::session& s) { return store_.State(s); });
  if (!state.ok()) return state.error();
  if (state->built_at.empty()) return BuildLocked();

  RollupReport report;
  std::set<Date> dirty;
  RollupState marks = *state;
  marks.built_at.clear();

  // Applications and reports changed since the marks, looking back `overlap` for late commits.
  std::string since_applications = Before(state->applications_mark, options_.overlap);
  std::string since_reports = Before(state->reports_mark, options_.overlap);
  auto changed = db_.Read([&](soci::session& s) {
    return std::make_pair(store_.ApplicationsChangedSince(s, since_applications),
                          store_.ReportsChangedSince(s, since_reports));
  });
  if (!changed.ok()) return changed.error();
  std::map<std::int64_t, std::pair<std::string, std::string>> new_applications, new_reports;
  // A time from a clock ahead of ours never moves a mark past now: it would hide the changes made until then.
  std::string now = FormatUtc(clock_());
  for (const auto& c : changed->first) {
    if (c.updated_at > marks.applications_mark) marks.applications_mark = std::min(c.updated_at, now);
    auto seen = seen_applications_.find(c.id);
    if (seen != seen_applications_.end() && seen->second.second == c.fingerprint) continue;
    for (Date d : DaysOfApplication(c.first, c.second, PlaceOf(c.node_path).zone)) dirty.insert(d);
    new_applications[c.id] = {c.updated_at, c.fingerprint};
  }
  for (const auto& c : changed->second) {
    if (c.updated_at > marks.reports_mark) marks.reports_mark = std::min(c.updated_at, now);
    auto seen = seen_reports_.find(c.id);
    if (seen != seen_reports_.end() && seen->second.second == c.fingerprint) continue;
    for (Date d : DaysOfReport(c.first)) dirty.insert(d);
    new_reports[c.id] = {c.updated_at, c.fingerprint};
  }

  // IKM answers: new ids, and recent days whose count the read model does not match (late commits).
  std::string yesterday = FormatDate(Date(std::chrono::floor<days>(clock_()) - days(1)));
  auto answers = db_.Read([&](soci::session& s) {
    auto after = store_.SurveysAfter(s, state->surveys_mark);
    auto source = store_.SurveyCountsFrom(s, yesterday);
    auto rolled = store_.IkmRespondentsFrom(s, yesterday);
    return std::make_tuple(std::move(after), std::move(source), std::move(rolled));
  });
  if (!answers.ok()) return answers.error();
  auto& [after, source, rolled] = *answers;
  for (const auto& [id, day] : after) {
    if (auto d = ParseDate(day)) dirty.insert(*d);
    marks.surveys_mark = std::max(marks.surveys_mark, id);
  }
  for (const auto& [day, n] : source) {
    auto r = rolled.find(day);
    if (r == rolled.end() || r->second != n) {
      if (auto d = ParseDate(day)) dirty.insert(*d);
    }
  }
  report.changes = static_cast<std::int64_t>(new_applications.size() + new_reports.size() + after.size());

  if (!dirty.empty()) {
    if (auto st = Recompute(dirty); !st.ok()) return st.error();
  }
  bool advanced = marks.applications_mark != state->applications_mark || marks.reports_mark != state->reports_mark ||
                  marks.surveys_mark != state->surveys_mark;
  if (advanced) {
    if (auto st = db_.Write([&](soci::session& s) -> Status {
          store_.SaveMarks(s, marks);
          return Ok{};
        });
        !st.ok()) {
      return st.error();
    }
  }
  // Remember what was rolled up while it can still be seen again; forget what the next look-back cannot reach.
  for (auto& [id, seen] : new_applications) seen_applications_[id] = seen;
  for (auto& [id, seen] : new_reports) seen_reports_[id] = seen;
  std::string keep_applications = Before(marks.applications_mark, options_.overlap);
  std::string keep_reports = Before(marks.reports_mark, options_.overlap);
  std::erase_if(seen_applications_, [&](const auto& e) { return e.second.first < keep_applications; });
  std::erase_if(seen_reports_, [&](const auto& e) { return e.second.first < keep_reports; });
  report.days = static_cast<int>(dirty.size());
  report.seconds = Since(started);
  return report;
}

Result<RollupReport> Rollup::Rebuild() {
  std::lock_guard lock(mu_);
  places_.clear();
  if (auto st = db_.Write([&](soci::session& s) -> Status {
        store_.ForgetBuild(s);
        return Ok{};
      });
      !st.ok()) {
    return st.error();
  }
  return BuildLocked();
}

Status Rollup::Invalidate() {
  return db_.Write([&](soci::session& s) -> Status {
    store_.ForgetBuild(s);
    return Ok{};
  });
}

Result<RollupReport> Rollup::BuildLocked() {
  auto started = std::chrono::steady_clock::now();
  RollupReport report;
  std::string now = FormatUtc(clock_());
  auto claimed = db_.WriteReturning<bool>([&](soci::session& s) -> Result<bool> {
    return store_.ClaimBuild(s, now, FormatUtc(clock_() + options_.build_lease));
  });
  if (!claimed.ok()) return claimed.error();
  if (!*claimed) {
    report.skipped = true;
    return report;
  }
  // The marks are taken before the sources are read: whatever changes during the build is rolled up after it.
  auto newest = db_.Read([&](soci::session& s) { return std::make_pair(store_.Newest(s), store_.Span(s)); });
  if (!newest.ok()) return newest.error();
  auto& [marks, span] = *newest;
  marks.applications_mark = std::min(marks.applications_mark, now);
  marks.reports_mark = std::min(marks.reports_mark, now);

  Date today = LocalDate(clock_(), TimeZone::kWib);
  Date first = today, last = today;
  if (auto earliest = ParseUtc(span.earliest)) first = std::min(first, LocalDate(*earliest, TimeZone::kWib));
  if (auto latest = ParseUtc(span.latest)) last = std::max(last, LocalDate(*latest, TimeZone::kWit));
  // Whole months, so that each month's row is summed from days all rebuilt now.
  first = Date{first.year(), first.month(), std::chrono::day{1}};
  last = Date{std::chrono::year_month_day_last{last.year(), std::chrono::month_day_last{last.month()}}};
  std::set<Date> all;
  for (auto d = sys_days(first); d <= sys_days(last); d += days(1)) all.insert(Date(d));
  if (auto st = Recompute(all); !st.ok()) return st.error();

  marks.built_at = FormatUtc(clock_());
  std::string first_day = FormatDate(first), last_day = FormatDate(last);
  if (auto st = db_.Write([&](soci::session& s) -> Status {
        store_.DeleteOutside(s, first_day, last_day);
        store_.SaveMarks(s, marks);
        return Ok{};
      });
      !st.ok()) {
    return st.error();
  }
  seen_applications_.clear();
  seen_reports_.clear();
  report.built = true;
  report.days = static_cast<int>(all.size());
  report.seconds = Since(started);
  log::Info("dashboard figures built", {{"days", report.days}, {"seconds", report.seconds}});
  return report;
}

}  // namespace spbe::transparency
