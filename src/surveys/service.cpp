#include "surveys/service.hpp"

#include "audit/audit.hpp"
#include "platform/i18n.hpp"
#include "platform/identifiers.hpp"

namespace spbe::surveys {

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
  std::int64_t service = file->row.service_id;
  std::string path = file->service.service.node_path;
  return db_.Write([&](soci::session& s) -> Status {
    if (store_.Answered(s, key)) {
      return Error::Of(ErrorCode::kConflict, i18n::Tr(lang, "surveys_already_answered"));
    }
    store_.Insert(s, key, service, path, day, a);
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
  auto answered = db_.Read([&](soci::session& s) { return store_.Answered(s, key); });
  return answered.ok() && *answered;
}

Result<Result_> SurveysService::Results(Scope scope) {
  std::string service_name;
  if (scope.service_id != 0) {
    auto sv = catalog_.Published(std::to_string(scope.service_id));
    if (!sv.ok()) return sv.error();
    scope.node_path = sv->service.node_path;
    service_name = sv->definition.name.In("id");
  }
  auto totals = db_.Read(
      [&](soci::session& s) { return store_.TotalsOf(s, scope.service_id, scope.node_path, scope.from, scope.to); });
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
