#pragma once
/// What the org capability needs from storage. Every call runs on the caller's session (inside its unit of work
/// for writes).

#include <memory>
#include <optional>
#include <vector>

#include "org/model.hpp"

namespace soci {
class session;
}

namespace spbe::org {

struct Region {
  std::string code;
  std::string parent_code;
  int level = 0;
  std::string name;
};

class OrgStore {
 public:
  virtual ~OrgStore() = default;
  virtual std::optional<Node> Get(soci::session& s, std::int64_t id) const = 0;
  /// Inserts the node and fills in its id and path.
  virtual Node Insert(soci::session& s, const NewNode& n, const std::string& timezone,
                      const std::string& now) const = 0;
  virtual std::vector<Node> Children(soci::session& s, std::optional<std::int64_t> parent_id) const = 0;
  /// The node and everything under it, in path order.
  virtual std::vector<Node> Subtree(soci::session& s, const std::string& path) const = 0;
  virtual std::optional<Node> FindBySlugPath(soci::session& s, std::optional<std::int64_t> parent_id,
                                             const std::string& slug) const = 0;

  virtual std::optional<Region> GetRegion(soci::session& s, const std::string& code) const = 0;
  /// Whether a node of the tree carries the region code (kelurahan/desa are not in the regions table).
  virtual bool NodeHasRegion(soci::session& s, const std::string& code) const = 0;
  /// The name of a node standing for the region (a kelurahan/desa), if any.
  virtual std::optional<std::string> NodeNameOfRegion(soci::session& s, const std::string& code) const = 0;
  virtual std::vector<Region> RegionChildren(soci::session& s, const std::string& parent_code) const = 0;
  /// Inserts or renames regions, in batches.
  virtual void UpsertRegions(soci::session& s, const std::vector<Region>& regions) const = 0;
  virtual std::optional<std::string> ReferenceChecksum(soci::session& s, const std::string& name) const = 0;
  virtual void SetReferenceChecksum(soci::session& s, const std::string& name, const std::string& checksum,
                                    const std::string& now) const = 0;
};

std::unique_ptr<OrgStore> MakeSqlOrgStore();

}  // namespace spbe::org
