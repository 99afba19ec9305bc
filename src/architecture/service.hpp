#pragma once
/// Use cases of the IT architecture inventory: each agency records its applications, data sets and infrastructure
/// (by hand, or by importing a CSV file all or nothing), exports them as CSV or one workbook, and sees the
/// applications of one function that several agencies of its government run (consolidation candidates). Officers of a
/// node read its inventory, agency and platform admins keep it, SPBE evaluators read every agency's; every change is
/// audited in its unit of work.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "access/access.hpp"
#include "architecture/model.hpp"
#include "architecture/store.hpp"
#include "org/service.hpp"
#include "platform/clock.hpp"
#include "storage/database.hpp"

namespace spbe::architecture {

/// Figures of a node's whole subtree, for the SPBE evaluation's evidence (no actor: the evaluation decides who sees).
struct InventorySummary {
  int applications = 0, live = 0, planned = 0, retired = 0, national = 0, on_pdn = 0, with_bus = 0,
      duplicate_groups = 0, datasets = 0, open_datasets = 0, personal_datasets = 0, infrastructure = 0;
  long long yearly_cost = 0;
};

struct ListFilter {
  std::int64_t node_id = 0;
  std::string status;         // "" : any
  std::string function_code;  // "" : any (applications only)
};

/// What an import did; when `errors` is not empty nothing was written.
struct ImportReport {
  int created = 0, updated = 0, unchanged = 0;
  std::vector<LineError> errors;
};

struct DuplicatesView {
  Government government;
  std::vector<DuplicateGroup> groups;
};

class ArchitectureService {
 public:
  ArchitectureService(storage::Database& db, const ArchitectureStore& store, org::OrgService& org, Clock clock)
      : db_(db), store_(store), org_(org), clock_(std::move(clock)) {}

  /// Reading a node's inventory: its officers (and the keys with the architecture.read scope), and SPBE evaluators.
  bool MayRead(const access::Actor& actor, const std::string& node_path) const;
  bool MayManage(const access::Actor& actor, const std::string& node_path) const;
  /// The nodes whose inventory the actor may read (the nodes of its grants and everything under them; every node for an
  /// evaluator), by path.
  Result<std::vector<NodeRef>> ReadableNodes(const access::Actor& actor);
  /// The node, when the actor may read it: kForbidden otherwise (and for a node that does not exist).
  Result<NodeRef> ReadableNode(const access::Actor& actor, std::int64_t node_id, std::string_view lang);

  // ---- Applications ----
  Result<std::vector<Application>> Applications(const access::Actor& actor, const ListFilter& filter,
                                                std::string_view lang);
  /// kNotFound when it does not exist or the actor may not read its node.
  Result<Application> GetApplication(const access::Actor& actor, std::int64_t id, std::string_view lang);
  /// `idempotency_key`: the same key with the same input answers the first item again; with another, kConflict.
  Result<Application> CreateApplication(const access::Actor& actor, std::int64_t node_id, ApplicationInput in,
                                        std::string_view idempotency_key, std::string_view lang);
  Result<Application> UpdateApplication(const access::Actor& actor, std::int64_t id, ApplicationInput in,
                                        std::string_view lang);
  Result<Application> RetireApplication(const access::Actor& actor, std::int64_t id, std::string_view lang);

  // ---- Data sets ----
  Result<std::vector<Dataset>> Datasets(const access::Actor& actor, const ListFilter& filter, std::string_view lang);
  Result<Dataset> GetDataset(const access::Actor& actor, std::int64_t id, std::string_view lang);
  Result<Dataset> CreateDataset(const access::Actor& actor, std::int64_t node_id, DatasetInput in,
                                std::string_view idempotency_key, std::string_view lang);
  Result<Dataset> UpdateDataset(const access::Actor& actor, std::int64_t id, DatasetInput in, std::string_view lang);
  Result<Dataset> RetireDataset(const access::Actor& actor, std::int64_t id, std::string_view lang);

  // ---- Infrastructure ----
  Result<std::vector<Infrastructure>> Infrastructures(const access::Actor& actor, const ListFilter& filter,
                                                      std::string_view lang);
  Result<Infrastructure> GetInfrastructure(const access::Actor& actor, std::int64_t id, std::string_view lang);
  Result<Infrastructure> CreateInfrastructure(const access::Actor& actor, std::int64_t node_id, InfrastructureInput in,
                                              std::string_view idempotency_key, std::string_view lang);
  Result<Infrastructure> UpdateInfrastructure(const access::Actor& actor, std::int64_t id, InfrastructureInput in,
                                              std::string_view lang);
  Result<Infrastructure> RetireInfrastructure(const access::Actor& actor, std::int64_t id, std::string_view lang);

  // ---- Import and export (exchange.cpp) ----
  /// A CSV file of one kind into the node's subtree: rows name their agency by slug in `instansi` (empty: the node
  /// itself); each row upserts by (agency, name). All or nothing: any bad line and nothing is written, every bad line
  /// named in the report.
  Result<ImportReport> Import(const access::Actor& actor, std::int64_t node_id, Kind kind, std::string_view csv,
                              std::string_view lang);
  Result<std::string> ExportCsv(const access::Actor& actor, std::int64_t node_id, Kind kind, std::string_view lang);
  /// One workbook, three sheets (Aplikasi, Data, Infrastruktur).
  Result<std::string> ExportXlsx(const access::Actor& actor, std::int64_t node_id, std::string_view lang);

  // ---- Duplicates and figures ----
  /// The consolidation candidates of the government the node belongs to (officers see their own government's only).
  Result<DuplicatesView> Duplicates(const access::Actor& actor, std::int64_t node_id, std::string_view lang);
  Result<InventorySummary> Summary(std::int64_t node_id);

 private:
  /// The government a node belongs to: the nearest kabupaten/kota, provinsi or kementerian/lembaga on its path (the
  /// tree's root when there is none).
  Government GovernmentOf(const std::string& node_path);
  std::map<std::int64_t, Government> Governments(const std::vector<Application>& apps);
  Result<NodeRef> ManagedNode(const access::Actor& actor, std::int64_t node_id, std::string_view lang);
  std::string Now() const { return FormatUtc(clock_()); }

  storage::Database& db_;
  const ArchitectureStore& store_;
  org::OrgService& org_;
  Clock clock_;
};

}  // namespace spbe::architecture
