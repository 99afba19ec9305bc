#pragma once
/// Use cases of the government tree: reference regions, adding nodes under one's own node, reading the tree.

#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "access/access.hpp"
#include "org/model.hpp"
#include "org/store.hpp"
#include "storage/database.hpp"

namespace spbe::org {

/// Loads the embedded Kemendagri codes (provinces, kabupaten/kota, kecamatan from idn-area-data) when they differ
/// from what the database holds. Returns how many regions were written (0 when already current).
Result<int> SyncRegions(storage::Database& db, const OrgStore& store, const std::string& now);

/// Parses the region CSVs of idn-area-data: "code,<parent>_code,name" (provinces: "code,name"), quoted fields
/// with "" escapes allowed.
std::vector<Region> ParseRegionCsv(std::string_view csv, int level);

class OrgService {
 public:
  OrgService(storage::Database& db, const OrgStore& store, std::function<std::string()> now);

  /// Adds a node. Under a parent the actor needs kOrgManage on it; a root node only the system actor (CLI) may add.
  Result<Node> Create(const access::Actor& actor, const NewNode& n, std::string_view lang);

  /// A root node from the command line or the demo seed (no actor: the operator of the machine).
  Result<Node> CreateAsSystem(const NewNode& n);

  /// A node by id. Nodes are kept in memory once read (a node never changes once its unit of work committed; a new
  /// one is noted as a change, storage/changes.hpp), so tracking and worklists name offices without a query each.
  Result<Node> Get(std::int64_t id);
  /// The node when it is already in memory, else nullopt: no query.
  std::optional<Node> Cached(std::int64_t id);
  /// The node and its subtree, for an actor allowed to read it.
  Result<std::vector<Node>> Subtree(const access::Actor& actor, std::int64_t id);
  Result<std::vector<Node>> Roots();
  /// The government this deployment serves first: the root created first (other roots, such as a ministry whose
  /// evaluators review the pemda, come later). kUnavailable before any is set up.
  Result<Node> Home();
  Result<std::vector<Node>> Children(std::int64_t id);

  /// Kemendagri regions directly under a code (kecamatan of a kabupaten ...), by code: public reference data.
  std::vector<Region> RegionsUnder(const std::string& code);
  /// The nearest node of `kind` on the node's path (the node itself included): e.g. the kabupaten an OPD serves.
  std::optional<Node> Enclosing(const std::string& node_path, NodeKind kind);
  /// The paths of the nodes in the subtree of `node_path`, the node itself first. Kept in memory until a node is
  /// added anywhere.
  std::vector<std::string> SubtreeOf(const std::string& node_path);
  /// Nodes of `kind` in the subtree of `node_path` (public tree data).
  std::vector<Node> OfKindUnder(const std::string& node_path, NodeKind kind);

  /// Whether a Kemendagri code is real: a province, kabupaten/kota or kecamatan from the reference data, or a
  /// kelurahan/desa that is a node of the tree (for NIK checks and region fields of forms).
  bool RegionExists(std::string_view code);
  /// The name people know a Kemendagri code by ("Kecamatan Rantau Utara", "Kelurahan Padang Matinggi"); the code
  /// itself when it is not known.
  std::string RegionName(std::string_view code);

 private:
  Result<Node> Insert(const NewNode& n, std::string_view lang, const access::Actor* actor,
                      const std::function<Status(const std::optional<Node>&)>& authorize);

  storage::Database& db_;
  const OrgStore& store_;
  std::function<std::string()> now_;
  std::mutex cache_mu_;
  std::unordered_map<std::int64_t, Node> nodes_;
  std::unordered_map<std::string, std::vector<std::string>> subtrees_;
  std::uint64_t generation_ = 0;  // counts changes heard: a read begun before one is not kept after it
  static constexpr std::size_t kCacheLimit = 100000;  // past this many, a cache starts again empty
  storage::ChangeFeed::Subscription subscription_;    // last: dropped first
};

}  // namespace spbe::org
