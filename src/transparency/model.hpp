#pragma once
/// The public performance dashboard (/kinerja, open data at /api/v1/stats/...): the figures of a period and the
/// rules of the per-day read model they come from. No I/O: the calendar and the rows come in from the caller.
///
/// Definitions, as the dashboard states them to the public:
/// - applications received: submitted in the period (by the agency's local date); in progress: of those, not yet
///   decided now; completed and rejected: decided in the period.
/// - completion time: working days (the agency's calendar) from the local date submitted to the local date decided,
///   of files decided (completed or rejected) in the period; median and 90th percentile by nearest rank.
/// - on time: decided by the published time limit (applications.due_at, already counted in working days with the
///   clock stopped while the file was with the applicant).
/// - reports: of the reports received in the period (a cohort), how many were answered, answered by their limit,
///   and the average working days to the first response.

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "platform/result.hpp"
#include "platform/working_days.hpp"
#include "surveys/model.hpp"

namespace spbe::transparency {

/// Completion times: how many decided files took each number of working days (0, 1, 2 ...), kept dense, since a
/// period's figures merge thousands of these.
class Histogram {
 public:
  Histogram() = default;
  Histogram(std::initializer_list<std::pair<int, std::int64_t>> counts);
  /// The files that took `days` (0 or more) working days; grows the histogram as needed.
  std::int64_t& operator[](int days);
  std::int64_t At(int days) const;
  /// One past the largest number of days held.
  int Span() const { return static_cast<int>(counts_.size()); }
  bool operator==(const Histogram& o) const;
  void Merge(const Histogram& o);

 private:
  std::vector<std::int64_t> counts_;
};
void Merge(Histogram& into, const Histogram& from);
std::int64_t CountOf(const Histogram& h);
/// As the read model keeps it: "days:files" pairs in order, "0:3 1:5 7:1"; "" when empty.
std::string EncodeHistogram(const Histogram& h);
/// The inverse; pairs that do not read are skipped.
Histogram DecodeHistogram(std::string_view text);
/// Nearest-rank percentile, p in 1..100: the smallest number of days with at least ceil(p x N / 100) of the N files
/// at or under it (the median of 1, 2, 3, 9 is 2). nullopt when the histogram is empty.
std::optional<int> Percentile(const Histogram& h, int p);

/// A share as tenths of a percent, rounded half up (875 for 87.5%); nullopt when `whole` is 0.
std::optional<std::int64_t> PercentTenths(std::int64_t part, std::int64_t whole);
/// An average as tenths, rounded half up (25 for 2.5); nullopt when `n` is 0.
std::optional<std::int64_t> AverageTenths(std::int64_t sum, std::int64_t n);
/// "87,5" in Indonesian, "87.5" in English and in open data ("data").
std::string FormatTenths(std::int64_t tenths, std::string_view lang);
/// "1.234.567" in Indonesian, "1,234,567" in English, "1234567" in open data ("data").
std::string FormatCount(std::int64_t n, std::string_view lang);

/// The node a path ends with: 9 for "/1/4/9/"; 0 when it is not a path.
std::int64_t NodeIdOfPath(std::string_view path);

/// A period of whole days, inclusive.
struct Period {
  Date from, to;
  std::string From() const { return FormatDate(from); }
  std::string To() const { return FormatDate(to); }
};
inline constexpr int kMaxPeriodDays = 366 * 5;

/// The period a request asks for. Both absent (or empty): the last 12 months, from the first day of the month eleven
/// months before `today` to `today`. Field errors name `from` and `to`, in `lang`: not a date, one without the
/// other, to before from, longer than five years.
Result<Period> ParsePeriod(const std::optional<std::string>& from, const std::optional<std::string>& to, Date today,
                           std::string_view lang);
/// The months a period touches, in order: "2025-12", "2026-01", ...
std::vector<std::string> MonthsOf(const Period& p);

/// How a period is read from the read model: its whole months from the monthly rows, and its partial months (at most
/// two) from the daily rows, or from the monthly row too when the month has nothing on the days left out (the month
/// so far, when the period ends today).
struct PartialMonth {
  std::string month;                                          // "2026-11"
  std::string from, to;                                       // the days of the period in it
  std::vector<std::pair<std::string, std::string>> left_out;  // the month's other days, as runs [first, last]
  bool operator==(const PartialMonth&) const = default;
};
struct PeriodParts {
  std::string first_month, last_month;  // whole months; first_month > last_month when there are none
  std::vector<PartialMonth> partial;
};
PeriodParts SplitPeriod(const Period& p);

/// Applications' figures over some days (one service, one office, one month ...).
struct ApplicationFigures {
  std::int64_t received = 0, open_now = 0, completed = 0, rejected = 0, on_time = 0;
  Histogram days;  // working days to a decision
  std::int64_t Decided() const { return completed + rejected; }
  ApplicationFigures& operator+=(const ApplicationFigures& o);
};

/// Reports' figures over some days of receipt.
struct ReportFigures {
  std::int64_t received = 0, declined = 0, answered = 0, answered_on_time = 0, first_answered = 0,
               first_answer_days = 0;
  std::int64_t Open() const { return received - declined - answered; }
  ReportFigures& operator+=(const ReportFigures& o);
};

void Merge(surveys::Totals& into, const surveys::Totals& from);

// ---- The read model: what each source row adds to its day. ----

/// An application as the rollup reads it. Times are UTC text ("2026-11-22T10:00:00Z"); empty when NULL.
struct ApplicationFact {
  std::int64_t service_id = 0;
  std::string node_path;  // the service's agency
  std::string status, submitted_at, closed_at, due_at;
};

/// A report as the rollup reads it.
struct ReportFact {
  std::string node_path;  // the office holding it now (the desk's node before verification)
  std::string status, created_at, first_response_at, answered_at, due_at, closed_at;
};

/// One row's key: local day (or month), service (0 for reports), agency or office path.
using DayKey = std::tuple<std::string, std::int64_t, std::string>;

/// Rows of the read model, by day or by month, accumulated from the source rows or from other rows.
struct DayTotals {
  std::map<DayKey, ApplicationFigures> applications;
  std::map<DayKey, surveys::Totals> ikm;
  std::map<DayKey, ReportFigures> reports;
};

/// Day rows summed into their months ("2026-03-17" into "2026-03").
DayTotals ByMonth(const DayTotals& days);

/// Whether a status is a decision (completed or rejected); "in progress" is every other status after submission.
bool Decided(std::string_view status);

/// Adds what an application contributes on the day it was submitted (received, still open) when that local day is
/// within [first, last]. `zone` and `cal` are the agency's.
void AddReceived(const ApplicationFact& a, Date first, Date last, TimeZone zone, DayTotals& out);
/// Adds what a decided application contributes on the day it was decided (completed or rejected, on time, working
/// days taken) when that local day is within [first, last].
void AddDecided(const ApplicationFact& a, Date first, Date last, TimeZone zone, const WorkCalendar& cal,
                DayTotals& out);
/// Adds a report on its local day of receipt when within [first, last]. `zone` and `cal` are the holding office's.
void AddReport(const ReportFact& r, Date first, Date last, TimeZone zone, const WorkCalendar& cal, DayTotals& out);

/// The local days whose figures an application's row counts on: the day submitted and the day decided.
std::vector<Date> DaysOfApplication(std::string_view submitted_at, std::string_view closed_at, TimeZone zone);
/// The days a report's row may count on: its day of receipt in the westernmost and the easternmost zone, since the
/// office holding it (and so its zone) may have changed since it was last rolled up.
std::vector<Date> DaysOfReport(std::string_view created_at);

/// The UTC instants to scan for rows whose local day, in any Indonesian zone, falls in [first, last]:
/// [first 00:00 WIT, the day after last 00:00 WIB), as stored text.
std::pair<std::string, std::string> UtcScanRange(Date first, Date last);

/// Days grouped into runs of consecutive days within one month, each at most `max_days` long, in order.
std::vector<std::pair<Date, Date>> Runs(const std::set<Date>& days, int max_days);

}  // namespace spbe::transparency
