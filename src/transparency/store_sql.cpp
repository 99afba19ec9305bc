#include <soci/soci.h>

#include <array>

#include "storage/changes.hpp"
#include "transparency/store.hpp"

namespace spbe::transparency {
namespace {

// ---- Sources. Each scan is one index range (V014 adds the indexes on applications). ----
constexpr const char* kScanSubmitted =
    "SELECT service_id, node_path, status, submitted_at, closed_at, due_at FROM applications "
    "WHERE submitted_at >= :from AND submitted_at < :to";
constexpr const char* kScanClosed =
    "SELECT service_id, node_path, status, submitted_at, closed_at, due_at FROM applications "
    "WHERE closed_at >= :from AND closed_at < :to";
// A duplicate merged into another report counts once, as the report it joined.
constexpr const char* kScanReports =
    "SELECT node_path, status, created_at, first_response_at, answered_at, due_at, closed_at FROM reports "
    "WHERE created_at >= :from AND created_at < :to AND merged_into IS NULL";
constexpr const char* kIkmOfDays =
    "SELECT day, service_id, node_path, COUNT(*), SUM(a1), SUM(a2), SUM(a3), SUM(a4), SUM(a5), SUM(a6), SUM(a7), "
    "SUM(a8), SUM(a9) FROM survey_responses WHERE day >= :from AND day <= :to GROUP BY day, service_id, node_path";
constexpr const char* kApplicationsChanged =
    "SELECT id, updated_at, node_path, submitted_at, COALESCE(closed_at, ''), status, COALESCE(due_at, '') "
    "FROM applications WHERE updated_at >= :since AND submitted_at IS NOT NULL";
constexpr const char* kReportsChanged =
    "SELECT id, updated_at, node_path, created_at, status, COALESCE(first_response_at, ''), "
    "COALESCE(answered_at, ''), COALESCE(due_at, ''), COALESCE(closed_at, ''), COALESCE(merged_into, 0) "
    "FROM reports WHERE updated_at >= :since";
constexpr const char* kSurveysAfter = "SELECT id, day FROM survey_responses WHERE id > :after";
constexpr const char* kSurveyCounts = "SELECT day, COUNT(*) FROM survey_responses WHERE day >= :day GROUP BY day";
constexpr const char* kIkmRespondents =
    "SELECT day, SUM(respondents) FROM stats_ikm_daily WHERE day >= :day GROUP BY day";

// ---- The rollup's progress. ----
constexpr const char* kState =
    "SELECT applications_mark, reports_mark, surveys_mark, built_at FROM stats_rollup WHERE id = 1";
constexpr const char* kSaveMarks =
    "UPDATE stats_rollup SET "
    "applications_mark = CASE WHEN applications_mark < :a THEN :a2 ELSE applications_mark END, "
    "reports_mark = CASE WHEN reports_mark < :r THEN :r2 ELSE reports_mark END, "
    "surveys_mark = CASE WHEN surveys_mark < :s THEN :s2 ELSE surveys_mark END WHERE id = 1";
constexpr const char* kSaveBuilt = "UPDATE stats_rollup SET built_at = :at, building_until = NULL WHERE id = 1";
constexpr const char* kClaimBuild =
    "UPDATE stats_rollup SET building_until = :until WHERE id = 1 AND (building_until IS NULL OR building_until < "
    ":now)";
constexpr const char* kForgetBuild =
    "UPDATE stats_rollup SET built_at = NULL, building_until = NULL, applications_mark = '', reports_mark = '', "
    "surveys_mark = 0 WHERE id = 1";

// ---- The read model: daily and monthly tables of the same shape, the key column named day or month. ----
struct Grain {
  const char* insert_applications;
  const char* insert_ikm;
  const char* insert_reports;
  const char* select_applications;  // rows with key in [:from, :to]
  const char* select_ikm;
  const char* select_reports;
  std::array<const char*, 3> delete_range;    // key in [:from, :to]
  std::array<const char*, 3> delete_outside;  // key < :from or key > :to
};

constexpr Grain kDaily = {
    "INSERT INTO stats_applications_daily (day, service_id, node_path, received, open_now, completed, rejected, "
    "on_time, completion_days) VALUES (:key, :service, :path, :received, :open, :completed, :rejected, :on_time, "
    ":days)",
    "INSERT INTO stats_ikm_daily (day, service_id, node_path, respondents, s1, s2, s3, s4, s5, s6, s7, s8, s9) "
    "VALUES (:key, :service, :path, :n, :s1, :s2, :s3, :s4, :s5, :s6, :s7, :s8, :s9)",
    "INSERT INTO stats_reports_daily (day, node_path, received, declined, answered, answered_on_time, "
    "first_answered, first_answer_days) VALUES (:key, :path, :received, :declined, :answered, :on_time, :first, "
    ":first_days)",
    "SELECT day, service_id, node_path, received, open_now, completed, rejected, on_time, completion_days "
    "FROM stats_applications_daily WHERE day >= :from AND day <= :to",
    "SELECT day, service_id, node_path, respondents, s1, s2, s3, s4, s5, s6, s7, s8, s9 FROM stats_ikm_daily "
    "WHERE day >= :from AND day <= :to",
    "SELECT day, node_path, received, declined, answered, answered_on_time, first_answered, first_answer_days "
    "FROM stats_reports_daily WHERE day >= :from AND day <= :to",
    {"DELETE FROM stats_applications_daily WHERE day >= :from AND day <= :to",
     "DELETE FROM stats_ikm_daily WHERE day >= :from AND day <= :to",
     "DELETE FROM stats_reports_daily WHERE day >= :from AND day <= :to"},
    {"DELETE FROM stats_applications_daily WHERE day < :from OR day > :to",
     "DELETE FROM stats_ikm_daily WHERE day < :from OR day > :to",
     "DELETE FROM stats_reports_daily WHERE day < :from OR day > :to"},
};

constexpr Grain kMonthly = {
    "INSERT INTO stats_applications_monthly (month, service_id, node_path, received, open_now, completed, rejected, "
    "on_time, completion_days) VALUES (:key, :service, :path, :received, :open, :completed, :rejected, :on_time, "
    ":days)",
    "INSERT INTO stats_ikm_monthly (month, service_id, node_path, respondents, s1, s2, s3, s4, s5, s6, s7, s8, s9) "
    "VALUES (:key, :service, :path, :n, :s1, :s2, :s3, :s4, :s5, :s6, :s7, :s8, :s9)",
    "INSERT INTO stats_reports_monthly (month, node_path, received, declined, answered, answered_on_time, "
    "first_answered, first_answer_days) VALUES (:key, :path, :received, :declined, :answered, :on_time, :first, "
    ":first_days)",
    "SELECT month, service_id, node_path, received, open_now, completed, rejected, on_time, completion_days "
    "FROM stats_applications_monthly WHERE month >= :from AND month <= :to",
    "SELECT month, service_id, node_path, respondents, s1, s2, s3, s4, s5, s6, s7, s8, s9 FROM stats_ikm_monthly "
    "WHERE month >= :from AND month <= :to",
    "SELECT month, node_path, received, declined, answered, answered_on_time, first_answered, first_answer_days "
    "FROM stats_reports_monthly WHERE month >= :from AND month <= :to",
    {"DELETE FROM stats_applications_monthly WHERE month >= :from AND month <= :to",
     "DELETE FROM stats_ikm_monthly WHERE month >= :from AND month <= :to",
     "DELETE FROM stats_reports_monthly WHERE month >= :from AND month <= :to"},
    {"DELETE FROM stats_applications_monthly WHERE month < :from OR month > :to",
     "DELETE FROM stats_ikm_monthly WHERE month < :from OR month > :to",
     "DELETE FROM stats_reports_monthly WHERE month < :from OR month > :to"},
};

// Whether a daily table has a row on a day in [from, to].
constexpr std::array<const char*, 3> kAnyDay = {
    "SELECT COUNT(*) FROM (SELECT 1 FROM stats_applications_daily WHERE day >= :from AND day <= :to LIMIT 1) x",
    "SELECT COUNT(*) FROM (SELECT 1 FROM stats_ikm_daily WHERE day >= :from AND day <= :to LIMIT 1) x",
    "SELECT COUNT(*) FROM (SELECT 1 FROM stats_reports_daily WHERE day >= :from AND day <= :to LIMIT 1) x"};

constexpr std::size_t kFetch = 2000;

std::string Or(const std::string& v, soci::indicator i) { return i == soci::i_ok ? v : std::string(); }

// Reads rows of applications in batches (bulk fetch), for the scans of many rows.
void ScanApplications(soci::session& s, const char* sql, const std::string& from, const std::string& to,
                      const std::function<void(const ApplicationFact&)>& each) {
  std::vector<long long> service(kFetch);
  std::vector<std::string> path(kFetch), status(kFetch), submitted(kFetch), closed(kFetch), due(kFetch);
  std::vector<soci::indicator> i_submitted(kFetch), i_closed(kFetch), i_due(kFetch);
  soci::statement st =
      (s.prepare << sql, soci::use(from, "from"), soci::use(to, "to"), soci::into(service), soci::into(path),
       soci::into(status), soci::into(submitted, i_submitted), soci::into(closed, i_closed), soci::into(due, i_due));
  st.execute();
  ApplicationFact a;
  while (st.fetch()) {
    for (std::size_t i = 0; i < service.size(); ++i) {
      a.service_id = service[i];
      a.node_path = std::move(path[i]);
      a.status = std::move(status[i]);
      a.submitted_at = Or(submitted[i], i_submitted[i]);
      a.closed_at = Or(closed[i], i_closed[i]);
      a.due_at = Or(due[i], i_due[i]);
      each(a);
    }
    for (auto* v : {&path, &status, &submitted, &closed, &due}) v->resize(kFetch);
    for (auto* v : {&i_submitted, &i_closed, &i_due}) v->resize(kFetch);
    service.resize(kFetch);
  }
}

std::map<std::string, std::int64_t> CountsByDay(soci::session& s, const char* sql, const std::string& day) {
  std::map<std::string, std::int64_t> out;
  std::string d;
  long long n = 0;
  soci::statement st = (s.prepare << sql, soci::use(day, "day"), soci::into(d), soci::into(n));
  st.execute();
  while (st.fetch()) out[d] = n;
  return out;
}

class SqlTransparencyStore final : public TransparencyStore {
 public:
  void ScanSubmitted(soci::session& s, const std::string& from, const std::string& to,
                     const std::function<void(const ApplicationFact&)>& each) const override {
    ScanApplications(s, kScanSubmitted, from, to, each);
  }
  void ScanClosed(soci::session& s, const std::string& from, const std::string& to,
                  const std::function<void(const ApplicationFact&)>& each) const override {
    ScanApplications(s, kScanClosed, from, to, each);
  }
  void ScanReports(soci::session& s, const std::string& from, const std::string& to,
                   const std::function<void(const ReportFact&)>& each) const override {
    std::vector<std::string> path(kFetch), status(kFetch), created(kFetch), first(kFetch), answered(kFetch),
        due(kFetch), closed(kFetch);
    std::vector<soci::indicator> i_first(kFetch), i_answered(kFetch), i_due(kFetch), i_closed(kFetch);
    soci::statement st = (s.prepare << kScanReports, soci::use(from, "from"), soci::use(to, "to"), soci::into(path),
                          soci::into(status), soci::into(created), soci::into(first, i_first),
                          soci::into(answered, i_answered), soci::into(due, i_due), soci::into(closed, i_closed));
    st.execute();
    ReportFact r;
    while (st.fetch()) {
      for (std::size_t i = 0; i < path.size(); ++i) {
        r.node_path = std::move(path[i]);
        r.status = std::move(status[i]);
        r.created_at = std::move(created[i]);
        r.first_response_at = Or(first[i], i_first[i]);
        r.answered_at = Or(answered[i], i_answered[i]);
        r.due_at = Or(due[i], i_due[i]);
        r.closed_at = Or(closed[i], i_closed[i]);
        each(r);
      }
      for (auto* v : {&path, &status, &created, &first, &answered, &due, &closed}) v->resize(kFetch);
      for (auto* v : {&i_first, &i_answered, &i_due, &i_closed}) v->resize(kFetch);
    }
  }

  std::map<DayKey, surveys::Totals> IkmOfDays(soci::session& s, const std::string& from_day,
                                              const std::string& to_day) const override {
    std::map<DayKey, surveys::Totals> out;
    std::string day, path;
    long long service = 0;
    std::array<long long, surveys::kElements + 1> v{};
    soci::statement st =
        (s.prepare << kIkmOfDays, soci::use(from_day, "from"), soci::use(to_day, "to"), soci::into(day),
         soci::into(service), soci::into(path), soci::into(v[0]), soci::into(v[1]), soci::into(v[2]), soci::into(v[3]),
         soci::into(v[4]), soci::into(v[5]), soci::into(v[6]), soci::into(v[7]), soci::into(v[8]), soci::into(v[9]));
    st.execute();
    while (st.fetch()) {
      auto& t = out[{day, service, path}];
      t.respondents = v[0];
      for (std::size_t i = 0; i < t.sums.size(); ++i) t.sums[i] = v[i + 1];
    }
    return out;
  }

  std::vector<Change> ApplicationsChangedSince(soci::session& s, const std::string& since) const override {
    std::vector<Change> out;
    long long id = 0;
    std::string updated, path, submitted, closed, status, due;
    soci::statement st =
        (s.prepare << kApplicationsChanged, soci::use(since, "since"), soci::into(id), soci::into(updated),
         soci::into(path), soci::into(submitted), soci::into(closed), soci::into(status), soci::into(due));
    st.execute();
    while (st.fetch()) {
      out.push_back({id, updated, path, submitted, closed, status + "|" + submitted + "|" + closed + "|" + due});
    }
    return out;
  }

  std::vector<Change> ReportsChangedSince(soci::session& s, const std::string& since) const override {
    std::vector<Change> out;
    long long id = 0, merged = 0;
    std::string updated, path, created, status, first, answered, due, closed;
    soci::statement st = (s.prepare << kReportsChanged, soci::use(since, "since"), soci::into(id), soci::into(updated),
                          soci::into(path), soci::into(created), soci::into(status), soci::into(first),
                          soci::into(answered), soci::into(due), soci::into(closed), soci::into(merged));
    st.execute();
    while (st.fetch()) {
      out.push_back({id, updated, path, created, "",
                     path + "|" + status + "|" + first + "|" + answered + "|" + due + "|" + closed + "|" +
                         std::to_string(merged)});
    }
    return out;
  }

  std::vector<std::pair<std::int64_t, std::string>> SurveysAfter(soci::session& s, std::int64_t after) const override {
    std::vector<std::pair<std::int64_t, std::string>> out;
    long long from = after, id = 0;
    std::string day;
    soci::statement st = (s.prepare << kSurveysAfter, soci::use(from, "after"), soci::into(id), soci::into(day));
    st.execute();
    while (st.fetch()) out.emplace_back(id, day);
    return out;
  }

  std::map<std::string, std::int64_t> SurveyCountsFrom(soci::session& s, const std::string& day) const override {
    return CountsByDay(s, kSurveyCounts, day);
  }
  std::map<std::string, std::int64_t> IkmRespondentsFrom(soci::session& s, const std::string& day) const override {
    return CountsByDay(s, kIkmRespondents, day);
  }

  SourceSpan Span(soci::session& s) const override {
    // One MIN or MAX per query: SQLite reads those straight off the index only when alone.
    SourceSpan span;
    auto widen = [&](const char* sql, bool day) {
      std::string v;
      soci::indicator i = soci::i_null;
      s << sql, soci::into(v, i);
      if (i != soci::i_ok || v.empty()) return;
      if (day) v += "T12:00:00Z";  // an answer's UTC date: its noon lies within the same day everywhere here
      if (span.earliest.empty() || v < span.earliest) span.earliest = v;
      if (span.latest.empty() || v > span.latest) span.latest = v;
    };
    widen("SELECT MIN(submitted_at) FROM applications", false);
    widen("SELECT MAX(submitted_at) FROM applications", false);
    widen("SELECT MAX(closed_at) FROM applications", false);
    widen("SELECT MIN(created_at) FROM reports", false);
    widen("SELECT MAX(created_at) FROM reports", false);
    widen("SELECT MIN(day) FROM survey_responses", true);
    widen("SELECT MAX(day) FROM survey_responses", true);
    return span;
  }

  RollupState Newest(soci::session& s) const override {
    RollupState out;
    soci::indicator ia = soci::i_null, ir = soci::i_null, is = soci::i_null;
    s << "SELECT MAX(updated_at) FROM applications", soci::into(out.applications_mark, ia);
    s << "SELECT MAX(updated_at) FROM reports", soci::into(out.reports_mark, ir);
    long long id = 0;
    s << "SELECT MAX(id) FROM survey_responses", soci::into(id, is);
    if (ia != soci::i_ok) out.applications_mark.clear();
    if (ir != soci::i_ok) out.reports_mark.clear();
    out.surveys_mark = is == soci::i_ok ? id : 0;
    return out;
  }

  RollupState LockState(soci::session& s) const override {
    bool pg = s.get_backend_name() == "postgresql";
    return ReadState(s, pg ? std::string(kState) + " FOR UPDATE" : std::string(kState));
  }
  RollupState State(soci::session& s) const override { return ReadState(s, kState); }

  void SaveMarks(soci::session& s, const RollupState& m) const override {
    long long surveys = m.surveys_mark;
    s << kSaveMarks, soci::use(m.applications_mark, "a"), soci::use(m.applications_mark, "a2"),
        soci::use(m.reports_mark, "r"), soci::use(m.reports_mark, "r2"), soci::use(surveys, "s"),
        soci::use(surveys, "s2");
    if (!m.built_at.empty()) s << kSaveBuilt, soci::use(m.built_at, "at");
  }

  bool ClaimBuild(soci::session& s, const std::string& now, const std::string& until) const override {
    soci::statement st = (s.prepare << kClaimBuild, soci::use(until, "until"), soci::use(now, "now"));
    st.execute(true);
    return st.get_affected_rows() > 0;
  }

  void ForgetBuild(soci::session& s) const override { s << kForgetBuild; }

  void ReplaceDays(soci::session& s, const std::string& from_day, const std::string& to_day,
                   const DayTotals& rows) const override {
    for (const char* sql : kDaily.delete_range) s << sql, soci::use(from_day, "from"), soci::use(to_day, "to");
    Write(s, kDaily, rows);
    storage::NoteChange("stats", 1);  // TransparencyService keeps the figures it computed from these rows
  }

  DayTotals Days(soci::session& s, const std::string& from_day, const std::string& to_day) const override {
    DayTotals out;
    Read(s, kDaily, from_day, to_day, false, out);
    return out;
  }

  void ReplaceMonth(soci::session& s, const std::string& month, const DayTotals& rows) const override {
    for (const char* sql : kMonthly.delete_range) s << sql, soci::use(month, "from"), soci::use(month, "to");
    Write(s, kMonthly, rows);
    storage::NoteChange("stats", 1);
  }

  void DeleteOutside(soci::session& s, const std::string& from_day, const std::string& to_day) const override {
    for (const char* sql : kDaily.delete_outside) s << sql, soci::use(from_day, "from"), soci::use(to_day, "to");
    std::string from_month = from_day.substr(0, 7), to_month = to_day.substr(0, 7);
    for (const char* sql : kMonthly.delete_outside) {
      s << sql, soci::use(from_month, "from"), soci::use(to_month, "to");
    }
    storage::NoteChange("stats", 1);
  }

  DayTotals PeriodRows(soci::session& s, const PeriodParts& parts) const override {
    DayTotals out;
    if (parts.first_month <= parts.last_month) Read(s, kMonthly, parts.first_month, parts.last_month, false, out);
    for (const auto& p : parts.partial) {
      // A month with nothing on the days the period leaves out is read whole: this month so far, typically.
      bool outside = false;
      for (const char* sql : kAnyDay) {
        for (const auto& [from, to] : p.left_out) {
          long long any = 0;
          s << sql, soci::use(from, "from"), soci::use(to, "to"), soci::into(any);
          outside = outside || any > 0;
        }
      }
      if (outside) {
        Read(s, kDaily, p.from, p.to, true, out);
      } else {
        Read(s, kMonthly, p.month, p.month, false, out);
      }
    }
    return out;
  }

 private:
  // Inserts rows (keyed by day or month, as the grain's table is).
  static void Write(soci::session& s, const Grain& g, const DayTotals& rows) {
    std::string key, path;
    long long service = 0;
    {
      long long received = 0, open = 0, completed = 0, rejected = 0, on_time = 0;
      std::string days;
      soci::statement st = (s.prepare << g.insert_applications, soci::use(key, "key"), soci::use(service, "service"),
                            soci::use(path, "path"), soci::use(received, "received"), soci::use(open, "open"),
                            soci::use(completed, "completed"), soci::use(rejected, "rejected"),
                            soci::use(on_time, "on_time"), soci::use(days, "days"));
      for (const auto& [k, f] : rows.applications) {
        std::tie(key, service, path) = k;
        received = f.received, open = f.open_now, completed = f.completed, rejected = f.rejected, on_time = f.on_time;
        days = EncodeHistogram(f.days);
        st.execute(true);
      }
    }
    {
      long long n = 0;
      std::array<long long, surveys::kElements> sums{};
      soci::statement st =
          (s.prepare << g.insert_ikm, soci::use(key, "key"), soci::use(service, "service"), soci::use(path, "path"),
           soci::use(n, "n"), soci::use(sums[0], "s1"), soci::use(sums[1], "s2"), soci::use(sums[2], "s3"),
           soci::use(sums[3], "s4"), soci::use(sums[4], "s5"), soci::use(sums[5], "s6"), soci::use(sums[6], "s7"),
           soci::use(sums[7], "s8"), soci::use(sums[8], "s9"));
      for (const auto& [k, t] : rows.ikm) {
        std::tie(key, service, path) = k;
        n = t.respondents;
        for (std::size_t i = 0; i < sums.size(); ++i) sums[i] = t.sums[i];
        st.execute(true);
      }
    }
    {
      long long received = 0, declined = 0, answered = 0, on_time = 0, first = 0, first_days = 0;
      soci::statement st =
          (s.prepare << g.insert_reports, soci::use(key, "key"), soci::use(path, "path"),
           soci::use(received, "received"), soci::use(declined, "declined"), soci::use(answered, "answered"),
           soci::use(on_time, "on_time"), soci::use(first, "first"), soci::use(first_days, "first_days"));
      for (const auto& [k, f] : rows.reports) {
        std::tie(key, service, path) = k;
        received = f.received, declined = f.declined, answered = f.answered, on_time = f.answered_on_time;
        first = f.first_answered, first_days = f.first_answer_days;
        st.execute(true);
      }
    }
  }

  // Adds the rows with key in [from, to] to `out`, under their month when `to_month` (days into months).
  static void Read(soci::session& s, const Grain& g, const std::string& from, const std::string& to, bool to_month,
                   DayTotals& out) {
    std::string key, path;
    long long service = 0;
    auto at = [&] { return DayKey{to_month ? key.substr(0, 7) : key, service, path}; };
    {
      std::array<long long, 5> v{};
      std::string days;
      soci::statement st = (s.prepare << g.select_applications, soci::use(from, "from"), soci::use(to, "to"),
                            soci::into(key), soci::into(service), soci::into(path), soci::into(v[0]), soci::into(v[1]),
                            soci::into(v[2]), soci::into(v[3]), soci::into(v[4]), soci::into(days));
      st.execute();
      while (st.fetch()) {
        ApplicationFigures f;
        f.received = v[0], f.open_now = v[1], f.completed = v[2], f.rejected = v[3], f.on_time = v[4];
        f.days = DecodeHistogram(days);
        out.applications[at()] += f;
      }
    }
    {
      std::array<long long, surveys::kElements + 1> v{};
      soci::statement st = (s.prepare << g.select_ikm, soci::use(from, "from"), soci::use(to, "to"), soci::into(key),
                            soci::into(service), soci::into(path), soci::into(v[0]), soci::into(v[1]), soci::into(v[2]),
                            soci::into(v[3]), soci::into(v[4]), soci::into(v[5]), soci::into(v[6]), soci::into(v[7]),
                            soci::into(v[8]), soci::into(v[9]));
      st.execute();
      while (st.fetch()) {
        surveys::Totals t;
        t.respondents = v[0];
        for (std::size_t i = 0; i < t.sums.size(); ++i) t.sums[i] = v[i + 1];
        Merge(out.ikm[at()], t);
      }
    }
    {
      service = 0;
      std::array<long long, 6> v{};
      soci::statement st = (s.prepare << g.select_reports, soci::use(from, "from"), soci::use(to, "to"),
                            soci::into(key), soci::into(path), soci::into(v[0]), soci::into(v[1]), soci::into(v[2]),
                            soci::into(v[3]), soci::into(v[4]), soci::into(v[5]));
      st.execute();
      while (st.fetch()) {
        ReportFigures f;
        f.received = v[0], f.declined = v[1], f.answered = v[2], f.answered_on_time = v[3], f.first_answered = v[4],
        f.first_answer_days = v[5];
        out.reports[at()] += f;
      }
    }
  }

  static RollupState ReadState(soci::session& s, const std::string& sql) {
    RollupState out;
    long long surveys = 0;
    std::string built;
    soci::indicator i_built = soci::i_null;
    s << sql, soci::into(out.applications_mark), soci::into(out.reports_mark), soci::into(surveys),
        soci::into(built, i_built);
    out.surveys_mark = surveys;
    out.built_at = i_built == soci::i_ok ? built : "";
    return out;
  }
};

}  // namespace

std::unique_ptr<TransparencyStore> MakeSqlTransparencyStore() { return std::make_unique<SqlTransparencyStore>(); }

}  // namespace spbe::transparency
