#pragma once
/// The composition root: builds every object of a running server from the configuration, in dependency order.

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "platform/config.hpp"
#include "platform/pii.hpp"
#include "platform/result.hpp"
#include "storage/database.hpp"

namespace spbe::sso {
class SsoService;
}
namespace spbe::evaluation {
class EvaluationService;
}
namespace spbe::identity {
class IdentityService;
}
namespace spbe::interop {
class InteropService;
}
namespace spbe::architecture {
class ArchitectureService;
}

namespace spbe::transparency {
struct RollupReport;
}

namespace spbe::app {

/// Creates the data directory when missing and restricts it to the server's user (0700), the SQLite files to 0600.
Status ProtectDataDir(const Config& config);

/// Opens the database the configuration names (creating and protecting the data directory, ProtectDataDir).
Result<std::unique_ptr<storage::Database>> OpenDatabase(const Config& config);

/// The vault (keys/audit.key in the data directory, created on first use) that seals the platform's audit signing key.
Result<PiiVault> OpenAuditKeyVault(const Config& config);

/// `spbe migrate`: schema migrations, then the reference data they hold (region codes). Safe to repeat.
Result<int> MigrateAll(storage::Database& db);

/// Threads resolved from the configuration (0 means automatic).
int IoThreads(const Config& config);
int Workers(const Config& config);

class App {
 public:
  /// Builds the server on an open database whose schema matches this binary.
  static Result<std::unique_ptr<App>> Create(const Config& config);
  ~App();

  /// Starts listening; returns the bound port.
  Result<int> Start();
  /// Waits until the background sweeps and the dashboard task have each run once (tests, so that their own sweeps
  /// do not race the first background pass).
  void AwaitFirstSweep();
  void StopOnSignals();
  void Drain();
  void Wait();

  storage::Database& database();
  /// The service connection bus (tests: its log's verification and anchors).
  interop::InteropService& interop();
  sso::SsoService& sso();
  /// The IT architecture inventory (the SPBE evaluation reads its Summary as evidence).
  architecture::ArchitectureService& architecture();
  evaluation::EvaluationService& evaluation();
  identity::IdentityService& identity();
  /// Every route the server answers, as (method, pattern): for the tests that hold every route to a row of the
  /// authorization matrix and every API route to the OpenAPI document.
  std::vector<std::pair<std::string, std::string>> Routes() const;
  /// One pass of the overdue sweep (it also runs every minute while serving), for tests and operators.
  Result<int> SweepOverdue();
  /// One pass of the fiktif-positif sweep (also every minute while serving).
  Result<int> GrantUndecided();
  /// One pass of the reports' overdue sweep (also every minute while serving).
  Result<int> SweepReportsOverdue();
  /// One pass of the dashboard's rollup (also every few seconds while serving): the figures then include every
  /// change committed before the call.
  Result<transparency::RollupReport> RollUpStats();

 private:
  App();
  struct Parts;
  std::unique_ptr<Parts> parts_;
};

/// The password of every account the demo seed (demo::Seed, src/demo) creates.
inline constexpr const char* kDemoPassword = "demo-spbe-2026";
/// The demo bank (spbe-bank-sim), registered by seed-demo with the key in <data_dir>/keys/bank-sim.key.
inline constexpr const char* kDemoBankCode = "BANKSIM";

const char* Version();

}  // namespace spbe::app
