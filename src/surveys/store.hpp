#pragma once
/// What the surveys capability needs from storage. Every call runs on the caller's session (inside its unit of work
/// for writes). Answers are kept against a keyed hash of the application (`key`), never the person.

#include <cstdint>
#include <memory>
#include <string>

#include "surveys/model.hpp"

namespace soci {
class session;
}

namespace spbe::surveys {

class SurveyStore {
 public:
  virtual ~SurveyStore() = default;
  /// Whether the application behind `key` has its answers.
  virtual bool Answered(soci::session& s, const std::string& key) const = 0;
  virtual void Insert(soci::session& s, const std::string& key, std::int64_t service_id, const std::string& node_path,
                      const std::string& day, const Answers& answers) const = 0;
  /// The answers of a service (0: any) under a node path, given on days in [from, to] (YYYY-MM-DD).
  virtual Totals TotalsOf(soci::session& s, std::int64_t service_id, const std::string& node_path,
                          const std::string& from, const std::string& to) const = 0;
};

std::unique_ptr<SurveyStore> MakeSqlSurveyStore();

}  // namespace spbe::surveys
