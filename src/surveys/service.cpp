#include "surveys/service.hpp"

#include <soci/soci.h>

#include <array>

#include "audit/audit.hpp"
#include "platform/i18n.hpp"
#include "platform/identifiers.hpp"

namespace spbe::surveys {
namespace {

constexpr const char* kInsert =
    "INSERT INTO survey_responses (application_index, service_id, node_path, day, a1, a2, a3, a4, a5, a6, a7, a8, a9) "
    "VALUES (:key, :service, :path, :day, :a1, :a2, :a3, :a4, :a5, :a6, :a7, :a8, :a9)";
constexpr const char* kExists = "SELECT COUNT(*) FROM survey_responses WHERE application_index = :key";
constexpr const char* kTotals =
    "SELECT COUNT(*), COALESCE(SUM(a1), 0), COALESCE(SUM(a2), 0), COALESCE(SUM(a3), 0), COALESCE(SUM(a4), 0), "
    "COALESCE(SUM(a5), 0), COALESCE(SUM(a6), 0), COALESCE(SUM(a7), 0), COALESCE(SUM(a8), 0), COALESCE(SUM(a9), 0) "
    "FROM survey_responses WHERE (:service = 0 OR service_id = :service2) AND node_path LIKE :path || '%' "
    "AND day >= :from AND day <= :to";

}  // namespace

std::string SurveysService::KeyOf(std::string_view tracking_number) const {
  return vault_.Index("survey:" + std::string(tracking_number));
}

Status SurveysService::Applicant(const access::Actor& actor, std::string_view tracking_number, std::string_view lang) {
  auto file = applications_.Get(actor, tracking_number, lang);
  if (!file.ok()) return file.error();
  if (actor.account_id == 0 || file->row.applicant_id != actor.account_id) {
    return Error::Of(ErrorCode::kNotFound, i18n::Tr(lang, "surveys_application_not_found"));
  }
  return Ok{};
}

Status SurveysService::Answer(const access::Actor& actor, std::string_view tracking_number, const Answers& a,
                              std::string_view lang) {
  auto file = applications_.Get(actor, tracking_number, lang);
  if (!file.ok()) return file.error();
  if (actor.account_id == 0 || file->row.applicant_id != actor.account_id) {
    return Error::Of(ErrorCode::kNotFound, i18n::Tr(lang, "surveys_application_not_found"));
  }
  if (file->row.status != "completed") {
    return Error::Of(ErrorCode::kConflict, i18n::Tr(lang, "surveys_opens_when_completed"));
  }
  std::string key = KeyOf(file->row.tracking_number);
  std::string now = FormatUtc(clock_());
  std::string day = now.substr(0, 10);
  long long service = file->row.service_id;
  std::string path = file->service.service.node_path;
  return db_.Write([&](soci::session& s) -> Status {
    long long n = 0;
    s << kExists, soci::use(key, "key"), soci::into(n);
    if (n > 0) {
      return Error::Of(ErrorCode::kConflict, i18n::Tr(lang, "surveys_already_answered"));
    }
    s << kInsert, soci::use(key, "key"), soci::use(service, "service"), soci::use(path, "path"), soci::use(day, "day"),
        soci::use(a[0], "a1"), soci::use(a[1], "a2"), soci::use(a[2], "a3"), soci::use(a[3], "a4"),
        soci::use(a[4], "a5"), soci::use(a[5], "a6"), soci::use(a[6], "a7"), soci::use(a[7], "a8"),
        soci::use(a[8], "a9");
    // The trail records that a survey was answered for the service, never by whom nor what.
    audit::Entry e;
    e.action = "surveys.answer";
    e.object_type = "service";
    e.object_id = std::to_string(service);
    e.node_path = path;
    audit::RecordSystem(s, e, now);
    return Ok{};
  });
}

bool SurveysService::Answered(std::string_view tracking_number) {
  auto digits = NormalizeTrackingNumber(tracking_number);
  if (!digits) return false;
  std::string key = KeyOf(*digits);
  auto n = db_.Read([&](soci::session& s) {
    long long count = 0;
    s << kExists, soci::use(key, "key"), soci::into(count);
    return count;
  });
  return n.ok() && *n > 0;
}

Result<Result_> SurveysService::Results(Scope scope) {
  std::string service_name;
  if (scope.service_id != 0) {
    auto sv = catalog_.Published(std::to_string(scope.service_id));
    if (!sv.ok()) return sv.error();
    scope.node_path = sv->service.node_path;
    service_name = sv->definition.name.In("id");
  }
  long long service = scope.service_id;
  auto totals = db_.Read([&](soci::session& s) {
    Totals t;
    // Aggregates read into long long (SQLite's rows do not say what type an aggregate holds).
    std::array<long long, kElements + 1> v{};
    s << kTotals, soci::use(service, "service"), soci::use(service, "service2"), soci::use(scope.node_path, "path"),
        soci::use(scope.from, "from"), soci::use(scope.to, "to"), soci::into(v[0]), soci::into(v[1]), soci::into(v[2]),
        soci::into(v[3]), soci::into(v[4]), soci::into(v[5]), soci::into(v[6]), soci::into(v[7]), soci::into(v[8]),
        soci::into(v[9]);
    t.respondents = v[0];
    for (int i = 0; i < kElements; ++i) t.sums[static_cast<std::size_t>(i)] = v[static_cast<std::size_t>(i) + 1];
    return t;
  });
  if (!totals.ok()) return totals.error();
  auto population = applications_.CompletedCount(scope.service_id, scope.node_path, scope.from + "T00:00:00Z",
                                                 scope.to + "T23:59:59Z");
  if (!population.ok()) return population.error();
  Result_ out;
  out.node_path = scope.node_path;
  out.service_name = service_name;
  out.totals = *totals;
  out.index = Compute(*totals);
  out.population = *population;
  out.recommended = RecommendedSample(*population);
  out.undersampled = totals->respondents < out.recommended || totals->respondents == 0;
  return out;
}

}  // namespace spbe::surveys
