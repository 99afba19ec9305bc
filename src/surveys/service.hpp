#pragma once
/// Use cases of satisfaction surveys: the applicant of a completed file answers the nine elements once; results
/// per service, per office and per period follow the regulation's formula, with the recommended sample beside
/// them; officers of the office also see each element's score. Answers are anonymous in every result.

#include <cstdint>
#include <string>

#include "access/access.hpp"
#include "applications/service.hpp"
#include "platform/clock.hpp"
#include "platform/pii.hpp"
#include "storage/database.hpp"
#include "surveys/model.hpp"
#include "surveys/store.hpp"

namespace spbe::surveys {

struct Scope {
  std::int64_t service_id = 0;  // 0: every service under the node
  std::string node_path;        // "" : everything
  std::string from, to;         // YYYY-MM-DD, inclusive
};

struct Result_ {
  std::string node_path;     // the office the results are about (the service's, when a service was asked for)
  std::string service_name;  // when a service was asked for
  std::optional<Index> index;
  Totals totals;
  std::int64_t population = 0;  // completed files in the period
  std::int64_t recommended = 0;
  bool undersampled = true;
};

class SurveysService {
 public:
  SurveysService(storage::Database& db, const SurveyStore& store, applications::ApplicationsService& applications,
                 catalog::CatalogService& catalog, const PiiVault& vault, Clock clock)
      : db_(db),
        store_(store),
        applications_(applications),
        catalog_(catalog),
        vault_(vault),
        clock_(std::move(clock)) {}

  /// Ok when `actor` is the applicant of the file (the one who may answer its survey); kNotFound otherwise.
  Status Applicant(const access::Actor& actor, std::string_view tracking_number, std::string_view lang);
  /// The applicant answers for a completed file, once: kConflict the second time.
  Status Answer(const access::Actor& actor, std::string_view tracking_number, const Answers& answers,
                std::string_view lang);
  /// Whether the file's survey was answered (for the applicant's page).
  bool Answered(std::string_view tracking_number);
  /// kNotFound for a service that does not exist.
  Result<Result_> Results(Scope scope);

 private:
  std::string KeyOf(std::string_view tracking_number) const;

  storage::Database& db_;
  const SurveyStore& store_;
  applications::ApplicationsService& applications_;
  catalog::CatalogService& catalog_;
  const PiiVault& vault_;
  Clock clock_;
};

}  // namespace spbe::surveys
