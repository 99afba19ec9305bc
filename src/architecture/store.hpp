#pragma once
/// What the architecture inventory needs from storage (SQL in store_sql.cpp). Every call runs on the caller's session
/// (inside its unit of work for writes). Lists are of a node's subtree (`path` "/1/5/"), each item with its node's
/// path, name and slug.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "architecture/model.hpp"

namespace soci {
class session;
}

namespace spbe::architecture {

/// A node of the tree as the inventory sees it (the rows name their agency by slug).
struct NodeRef {
  std::int64_t id = 0;
  std::string path, name, slug, kind;
};

class ArchitectureStore {
 public:
  virtual ~ArchitectureStore() = default;

  virtual std::optional<NodeRef> Node(soci::session& s, std::int64_t id) const = 0;
  /// The node at `path` and every node under it.
  virtual std::vector<NodeRef> NodesUnder(soci::session& s, const std::string& path) const = 0;

  virtual std::vector<Application> Applications(soci::session& s, const std::string& path) const = 0;
  virtual std::optional<Application> ApplicationById(soci::session& s, std::int64_t id) const = 0;
  virtual std::optional<Application> ApplicationByName(soci::session& s, std::int64_t node_id,
                                                       const std::string& name_key) const = 0;
  virtual std::int64_t InsertApplication(soci::session& s, const Application& a) const = 0;
  virtual void UpdateApplication(soci::session& s, const Application& a) const = 0;
  /// Replaces the data sets an application holds.
  virtual void LinkDatasets(soci::session& s, std::int64_t application_id,
                            const std::vector<std::int64_t>& dataset_ids) const = 0;

  virtual std::vector<Dataset> Datasets(soci::session& s, const std::string& path) const = 0;
  virtual std::optional<Dataset> DatasetById(soci::session& s, std::int64_t id) const = 0;
  virtual std::optional<Dataset> DatasetByName(soci::session& s, std::int64_t node_id,
                                               const std::string& name_key) const = 0;
  virtual std::int64_t InsertDataset(soci::session& s, const Dataset& d) const = 0;
  virtual void UpdateDataset(soci::session& s, const Dataset& d) const = 0;

  virtual std::vector<Infrastructure> Infrastructures(soci::session& s, const std::string& path) const = 0;
  virtual std::optional<Infrastructure> InfrastructureById(soci::session& s, std::int64_t id) const = 0;
  virtual std::optional<Infrastructure> InfrastructureByName(soci::session& s, std::int64_t node_id,
                                                             const std::string& name_key) const = 0;
  virtual std::int64_t InsertInfrastructure(soci::session& s, const Infrastructure& i) const = 0;
  virtual void UpdateInfrastructure(soci::session& s, const Infrastructure& i) const = 0;
};

std::unique_ptr<ArchitectureStore> MakeSqlArchitectureStore();

}  // namespace spbe::architecture
