#pragma once
/// The government tree (DESIGN.md "Organisation and tenancy"): nasional -> kementerian/lembaga, provinsi ->
/// kabupaten/kota -> perangkat daerah (OPD) -> unit kerja; kecamatan -> kelurahan/desa. Rules only, no I/O.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "platform/result.hpp"

namespace spbe::org {

enum class NodeKind {
  kNasional,
  kKementerianLembaga,
  kProvinsi,
  kKabupatenKota,
  kPerangkatDaerah,
  kUnitKerja,
  kKecamatan,
  kKelurahanDesa,
};

std::string_view KindName(NodeKind k);  // "nasional", "kementerian_lembaga", ..., "perangkat_daerah", ...
std::optional<NodeKind> ParseKind(std::string_view name);

struct Node {
  std::int64_t id = 0;
  std::optional<std::int64_t> parent_id;
  NodeKind kind = NodeKind::kPerangkatDaerah;
  std::string name;
  std::string slug;         // short name, unique among siblings: "dpmptsp"
  std::string region_code;  // Kemendagri code where the kind has one ("12.10"), else empty
  std::string timezone;     // "Asia/Jakarta", "Asia/Makassar" or "Asia/Jayapura"
  std::string path;         // "/1/4/9/": ids from the root to this node
};

struct NewNode {
  std::optional<std::int64_t> parent_id;
  NodeKind kind = NodeKind::kPerangkatDaerah;
  std::string name;
  std::string slug;
  std::string region_code;
};

/// Whether a node of `child` kind may stand under a node of `parent` kind (nullopt: at the root).
bool MayContain(std::optional<NodeKind> parent, NodeKind child);

/// The Kemendagri level a kind's region code has (1 province .. 4 kelurahan/desa), 0 when it has none.
int RegionLevel(NodeKind k);

/// WIB, WITA or WIT for a region code, from its province (../shared/reference/identifiers.md).
std::string TimezoneForRegion(std::string_view region_code);

/// Looks a Kemendagri code up: its level (1-4) when it is real.
using RegionLevelOf = std::function<std::optional<int>(std::string_view code)>;

/// Checks a new node against its parent: kind allowed there, name and slug present and well-formed, the region
/// code real, of the kind's level and inside the parent's region. Field errors name `kind`, `name`, `slug`,
/// `region_code`, `parent_id`; messages in `lang`.
Status ValidateNewNode(const NewNode& n, const std::optional<Node>& parent, const RegionLevelOf& region_level,
                       std::string_view lang);

}  // namespace spbe::org
