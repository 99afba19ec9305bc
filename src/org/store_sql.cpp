#include <soci/soci.h>

#include "org/store.hpp"
#include "storage/changes.hpp"
#include "storage/rows.hpp"
#include "storage/statements.hpp"

namespace spbe::org {
namespace {

using storage::Int64;

constexpr const char* kSelectNode =
    "SELECT id, parent_id, kind, name, slug, region_code, timezone, path FROM org_nodes WHERE id = :id";
constexpr const char* kInsertNode =
    "INSERT INTO org_nodes (parent_id, kind, name, slug, region_code, timezone, path, created_at) "
    "VALUES (:parent_id, :kind, :name, :slug, :region_code, :timezone, '', :now)";
constexpr const char* kFindInserted =
    "SELECT id FROM org_nodes WHERE COALESCE(parent_id, 0) = :parent AND slug = :slug";
constexpr const char* kSetPath = "UPDATE org_nodes SET path = :path WHERE id = :id";
constexpr const char* kChildren =
    "SELECT id, parent_id, kind, name, slug, region_code, timezone, path FROM org_nodes "
    "WHERE COALESCE(parent_id, 0) = :parent ORDER BY name";
constexpr const char* kSubtree =
    "SELECT id, parent_id, kind, name, slug, region_code, timezone, path FROM org_nodes "
    "WHERE path LIKE :prefix ORDER BY path";
constexpr const char* kBySlug =
    "SELECT id, parent_id, kind, name, slug, region_code, timezone, path FROM org_nodes "
    "WHERE COALESCE(parent_id, 0) = :parent AND slug = :slug";
constexpr const char* kSelectRegion = "SELECT code, parent_code, level, name FROM regions WHERE code = :code";
constexpr const char* kRegionChildren =
    "SELECT code, parent_code, level, name FROM regions WHERE parent_code = :code ORDER BY code";
constexpr const char* kSelectChecksum = "SELECT checksum FROM reference_data WHERE name = :name";
constexpr const char* kUpsertChecksum =
    "INSERT INTO reference_data (name, checksum, loaded_at) VALUES (:name, :checksum, :now) "
    "ON CONFLICT (name) DO UPDATE SET checksum = excluded.checksum, loaded_at = excluded.loaded_at";

Node ToNode(const soci::row& r) {
  Node n;
  n.id = Int64(r, 0);
  if (r.get_indicator(1) == soci::i_ok) n.parent_id = Int64(r, 1);
  n.kind = ParseKind(r.get<std::string>(2)).value_or(NodeKind::kUnitKerja);
  n.name = r.get<std::string>(3);
  n.slug = r.get<std::string>(4);
  if (r.get_indicator(5) == soci::i_ok) n.region_code = r.get<std::string>(5);
  n.timezone = r.get<std::string>(6);
  n.path = r.get<std::string>(7);
  return n;
}

Region ToRegion(const soci::row& r) {
  Region g;
  g.code = r.get<std::string>(0);
  if (r.get_indicator(1) == soci::i_ok) g.parent_code = r.get<std::string>(1);
  g.level = static_cast<int>(Int64(r, 2));
  g.name = r.get<std::string>(3);
  return g;
}

class SqlOrgStore final : public OrgStore {
 public:
  std::optional<Node> Get(soci::session& s, std::int64_t id) const override {
    long long key = id;
    soci::rowset<soci::row> rows = (s.prepare << kSelectNode, soci::use(key, "id"));
    for (const auto& r : rows) return ToNode(r);
    return std::nullopt;
  }

  Node Insert(soci::session& s, const NewNode& n, const std::string& timezone, const std::string& now) const override {
    long long parent = n.parent_id.value_or(0);
    soci::indicator parent_ind = n.parent_id ? soci::i_ok : soci::i_null;
    soci::indicator region_ind = n.region_code.empty() ? soci::i_null : soci::i_ok;
    std::string kind(KindName(n.kind));
    s << kInsertNode, soci::use(parent, parent_ind, "parent_id"), soci::use(kind, "kind"), soci::use(n.name, "name"),
        soci::use(n.slug, "slug"), soci::use(n.region_code, region_ind, "region_code"), soci::use(timezone, "timezone"),
        soci::use(now, "now");
    long long id = 0;
    s << kFindInserted, soci::use(parent, "parent"), soci::use(n.slug, "slug"), soci::into(id);
    std::string path = "/" + std::to_string(id) + "/";
    if (n.parent_id) path = Get(s, *n.parent_id)->path + std::to_string(id) + "/";
    s << kSetPath, soci::use(path, "path"), soci::use(id, "id");
    storage::NoteChange("org_nodes", id);
    return *Get(s, id);
  }

  std::vector<Node> Children(soci::session& s, std::optional<std::int64_t> parent_id) const override {
    long long parent = parent_id.value_or(0);
    soci::rowset<soci::row> rows = (s.prepare << kChildren, soci::use(parent, "parent"));
    std::vector<Node> out;
    for (const auto& r : rows) out.push_back(ToNode(r));
    return out;
  }

  std::vector<Node> Subtree(soci::session& s, const std::string& path) const override {
    std::string prefix = path + "%";  // paths are digits and slashes only: no LIKE metacharacters
    soci::rowset<soci::row> rows = (s.prepare << kSubtree, soci::use(prefix, "prefix"));
    std::vector<Node> out;
    for (const auto& r : rows) out.push_back(ToNode(r));
    return out;
  }

  std::optional<Node> FindBySlugPath(soci::session& s, std::optional<std::int64_t> parent_id,
                                     const std::string& slug) const override {
    long long parent = parent_id.value_or(0);
    soci::rowset<soci::row> rows = (s.prepare << kBySlug, soci::use(parent, "parent"), soci::use(slug, "slug"));
    for (const auto& r : rows) return ToNode(r);
    return std::nullopt;
  }

  bool NodeHasRegion(soci::session& s, const std::string& code) const override {
    return storage::QueryInt(s, "SELECT COUNT(*) FROM org_nodes WHERE region_code = :code", code).value_or(0) > 0;
  }
  std::optional<std::string> NodeNameOfRegion(soci::session& s, const std::string& code) const override {
    soci::rowset<soci::row> rows =
        (s.prepare << "SELECT name FROM org_nodes WHERE region_code = :code ORDER BY id LIMIT 1",
         soci::use(code, "code"));
    for (const auto& r : rows) return r.get<std::string>(0);
    return std::nullopt;
  }
  std::optional<Region> GetRegion(soci::session& s, const std::string& code) const override {
    // Kept prepared: a NIK's region is looked up on every form that carries one.
    return storage::QueryRow(s, kSelectRegion, ToRegion, code);
  }

  std::vector<Region> RegionChildren(soci::session& s, const std::string& parent_code) const override {
    soci::rowset<soci::row> rows = (s.prepare << kRegionChildren, soci::use(parent_code, "code"));
    std::vector<Region> out;
    for (const auto& r : rows) out.push_back(ToRegion(r));
    return out;
  }

  void UpsertRegions(soci::session& s, const std::vector<Region>& regions) const override {
    // Many rows per statement: one round trip per batch instead of per region. The statement text comes from
    // this fixed pattern; every value is bound.
    constexpr std::size_t kBatch = 250;
    for (std::size_t start = 0; start < regions.size(); start += kBatch) {
      std::size_t end = std::min(regions.size(), start + kBatch);
      std::string sql = "INSERT INTO regions (code, parent_code, level, name) VALUES ";
      for (std::size_t i = start; i < end; ++i) {
        std::string k = std::to_string(i - start);
        sql += (i > start ? ", " : "") + std::string("(:c") + k + ", :p" + k + ", :l" + k + ", :n" + k + ")";
      }
      sql +=
          " ON CONFLICT (code) DO UPDATE SET parent_code = excluded.parent_code, level = excluded.level, "
          "name = excluded.name";
      std::vector<soci::indicator> parent_ind(end - start);
      soci::statement st = s.prepare << sql;
      for (std::size_t i = start; i < end; ++i) {
        std::string k = std::to_string(i - start);
        const Region& g = regions[i];
        parent_ind[i - start] = g.parent_code.empty() ? soci::i_null : soci::i_ok;
        st.exchange(soci::use(g.code, "c" + k));
        st.exchange(soci::use(g.parent_code, parent_ind[i - start], "p" + k));
        st.exchange(soci::use(g.level, "l" + k));
        st.exchange(soci::use(g.name, "n" + k));
      }
      st.define_and_bind();
      st.execute(true);
    }
  }

  std::optional<std::string> ReferenceChecksum(soci::session& s, const std::string& name) const override {
    std::string checksum;
    s << kSelectChecksum, soci::use(name, "name"), soci::into(checksum);
    if (!s.got_data()) return std::nullopt;
    return checksum;
  }

  void SetReferenceChecksum(soci::session& s, const std::string& name, const std::string& checksum,
                            const std::string& now) const override {
    s << kUpsertChecksum, soci::use(name, "name"), soci::use(checksum, "checksum"), soci::use(now, "now");
  }
};

}  // namespace

std::unique_ptr<OrgStore> MakeSqlOrgStore() { return std::make_unique<SqlOrgStore>(); }

}  // namespace spbe::org
