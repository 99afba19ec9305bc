#pragma once
// Internal to src/demo: the steps of the demo seed that one file calls and another defines.

#include <cstdint>
#include <map>
#include <string>

#include "applications/service.hpp"
#include "calendar/service.hpp"
#include "catalog/service.hpp"
#include "identity/service.hpp"
#include "notify/notifier.hpp"
#include "org/service.hpp"
#include "platform/clock.hpp"
#include "platform/config.hpp"
#include "platform/pii.hpp"
#include "platform/result.hpp"
#include "storage/database.hpp"

namespace spbe::demo::detail {

inline Error Failed(const std::string& what, const Error& e) {
  return Error::Of(ErrorCode::kInternal, "demo history, " + what + ": " + e.detail);
}

// Applications of the past four months in every state, filed and worked through the real use cases with the clock
// set back, so the worklist, timelines and deadlines look like an office's (some on time, some overdue).
// (history.cpp)
Status SeedHistory(storage::Database& db, const Config& config, org::OrgService& org,
                   identity::IdentityService& identity, const PiiVault& vault, std::int64_t kab, bool history);

// Reports of the past four months in every state, filed and handled through the real use cases with the clock set
// back. (reports.cpp)
Status SeedReports(storage::Database& db, const Config& config, org::OrgService& org,
                   identity::IdentityService& identity, catalog::CatalogService& catalog,
                   applications::ApplicationsService& files, calendar::CalendarService& calendar, const PiiVault& vault,
                   const notify::Notifier& notifier, std::int64_t kab, TimePoint& at, TimePoint now);

// The bus: the demo agencies' systems and services on it, a grant and the demo key. (interop.cpp)
Status SeedInterop(storage::Database& db, const Config& config, org::OrgService& org,
                   identity::IdentityService& identity, const PiiVault& vault, std::int64_t kab,
                   const std::map<std::string, std::int64_t>& node_of);

// Single sign-on: the demo library application registered as a client. (sso.cpp)
Status SeedSso(storage::Database& db, const Config& config, org::OrgService& org, identity::IdentityService& identity,
               const PiiVault& vault, std::int64_t kab, const std::map<std::string, std::int64_t>& node_of);

// The IT architecture inventory: about sixty applications of the kabupaten's agencies with their data sets and
// infrastructure, and a few duplicates across agencies. (architecture.cpp)
Status SeedArchitecture(storage::Database& db, const Config& config, org::OrgService& org, std::int64_t kab,
                        const std::map<std::string, std::int64_t>& node_of);

// The SPBE evaluation: last year's final assessment of the kabupaten, reviewed by the ministry's evaluator, and this
// year's draft. (evaluation.cpp)
Status SeedEvaluation(storage::Database& db, const Config& config, org::OrgService& org, std::int64_t kab,
                      std::int64_t ministry, std::int64_t evaluator_id);

}  // namespace spbe::demo::detail
