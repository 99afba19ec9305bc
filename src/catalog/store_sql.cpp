#include <soci/soci.h>

#include "catalog/store.hpp"
#include "storage/changes.hpp"
#include "storage/rows.hpp"

namespace spbe::catalog {
namespace {

using storage::Int64;
using storage::Text;

constexpr const char* kInsertService =
    "INSERT INTO services (node_id, slug, created_at) VALUES (:node, :slug, :now) RETURNING id";
constexpr const char* kServiceColumns =
    "SELECT s.id, s.node_id, s.slug, s.published_version_id, n.name, n.path, n.timezone FROM services s "
    "JOIN org_nodes n ON n.id = s.node_id ";
constexpr const char* kVersionColumns =
    "SELECT v.id, v.service_id, v.version, v.status, v.name, v.name_en, v.life_events, v.time_limit_days, "
    "v.definition, v.search_text, v.created_at, v.published_at, v.created_by, v.published_by FROM service_versions v ";
constexpr const char* kInsertVersion =
    "INSERT INTO service_versions (service_id, version, status, name, name_en, life_events, time_limit_days, "
    "definition, search_text, created_at, created_by) VALUES (:service, :version, :status, :name, :name_en, :events, "
    ":days, :definition, :search, :now, :by) RETURNING id";
constexpr const char* kUpdateDraft =
    "UPDATE service_versions SET name = :name, name_en = :name_en, life_events = :events, time_limit_days = :days, "
    "definition = :definition, search_text = :search, created_at = :now, created_by = :by "
    "WHERE id = :id AND status = 'draft'";
constexpr const char* kMaxVersion = "SELECT COALESCE(MAX(version), 0) FROM service_versions WHERE service_id = :id";
constexpr const char* kSupersede =
    "UPDATE service_versions SET status = 'superseded' WHERE service_id = :id AND status = 'published'";
constexpr const char* kPublishVersion =
    "UPDATE service_versions SET status = 'published', published_at = :now, published_by = :by WHERE id = :id";
constexpr const char* kPointService = "UPDATE services SET published_version_id = :version WHERE id = :id";
// The search: fixed SQL with kMaxTerms term slots; an unused slot is bound to '%', which matches everything.
constexpr const char* kSearchWhere =
    "FROM services s JOIN org_nodes n ON n.id = s.node_id JOIN service_versions v ON v.id = s.published_version_id "
    "WHERE n.path LIKE :path AND v.life_events LIKE :event AND v.search_text LIKE :t0 AND v.search_text LIKE :t1 "
    "AND v.search_text LIKE :t2 AND v.search_text LIKE :t3 AND v.search_text LIKE :t4 ";
constexpr const char* kSearchSelect =
    "SELECT s.id, s.node_id, s.slug, s.published_version_id, n.name, n.path, n.timezone, v.id, v.service_id, "
    "v.version, v.status, v.name, v.name_en, v.life_events, v.time_limit_days, v.definition, v.search_text, "
    "v.created_at, v.published_at, v.created_by, v.published_by ";
constexpr const char* kServicesUnder =
    "SELECT s.id, s.node_id, s.slug, s.published_version_id, n.name, n.path, n.timezone, v.id, v.service_id, "
    "v.version, v.status, v.name, v.name_en, v.life_events, v.time_limit_days, v.definition, v.search_text, "
    "v.created_at, v.published_at, v.created_by, v.published_by "
    "FROM services s JOIN org_nodes n ON n.id = s.node_id JOIN service_versions v ON v.service_id = s.id "
    "WHERE n.path LIKE :path AND v.version = (SELECT MAX(version) FROM service_versions WHERE service_id = s.id) "
    "ORDER BY n.path, v.name";

constexpr const char* kPublishedAgencies =
    "SELECT DISTINCT n.id, n.name FROM services s JOIN org_nodes n ON n.id = s.node_id "
    "WHERE s.published_version_id IS NOT NULL ORDER BY n.name";

ServiceRow ToService(const soci::row& r, std::size_t at = 0) {
  return {Int64(r, at),    Int64(r, at + 1), Text(r, at + 2), Int64(r, at + 3),
          Text(r, at + 4), Text(r, at + 5),  Text(r, at + 6)};
}

VersionRow ToVersion(const soci::row& r, std::size_t at = 0) {
  VersionRow v;
  v.id = Int64(r, at);
  v.service_id = Int64(r, at + 1);
  v.version = static_cast<int>(Int64(r, at + 2));
  v.status = Text(r, at + 3);
  v.name = Text(r, at + 4);
  v.name_en = Text(r, at + 5);
  v.life_events = Text(r, at + 6);
  v.time_limit_days = static_cast<int>(Int64(r, at + 7));
  v.definition = Text(r, at + 8);
  v.search_text = Text(r, at + 9);
  v.created_at = Text(r, at + 10);
  v.published_at = Text(r, at + 11);
  v.created_by = Int64(r, at + 12);
  v.published_by = Int64(r, at + 13);
  return v;
}

struct SearchBinds {
  std::string path, event;
  std::string t[SearchQuery::kMaxTerms];
  explicit SearchBinds(const SearchQuery& q) {
    path = q.node_path + "%";
    event = q.life_event.empty() ? "%" : "% " + q.life_event + " %";
    for (int i = 0; i < SearchQuery::kMaxTerms; ++i) {
      t[i] = i < static_cast<int>(q.terms.size()) ? "% " + q.terms[static_cast<std::size_t>(i)] + "%" : "%";
    }
  }
};

class SqlCatalogStore final : public CatalogStore {
 public:
  std::int64_t InsertService(soci::session& s, std::int64_t node_id, const std::string& slug,
                             const std::string& now) const override {
    long long node = node_id, id = 0;
    s << kInsertService, soci::use(node, "node"), soci::use(slug, "slug"), soci::use(now, "now"), soci::into(id);
    return id;
  }
  std::optional<ServiceRow> GetService(soci::session& s, std::int64_t id) const override {
    long long key = id;
    soci::rowset<soci::row> rows =
        (s.prepare << std::string(kServiceColumns) + "WHERE s.id = :id", soci::use(key, "id"));
    for (const auto& r : rows) return ToService(r);
    return std::nullopt;
  }
  std::optional<ServiceRow> FindServiceBySlug(soci::session& s, const std::string& slug) const override {
    soci::rowset<soci::row> rows =
        (s.prepare << std::string(kServiceColumns) + "WHERE s.slug = :slug", soci::use(slug, "slug"));
    for (const auto& r : rows) return ToService(r);
    return std::nullopt;
  }
  std::int64_t InsertVersion(soci::session& s, const VersionRow& v) const override {
    long long service = v.service_id, id = 0, by = v.created_by;
    int version = v.version, days = v.time_limit_days;
    soci::indicator i_by = v.created_by ? soci::i_ok : soci::i_null;
    s << kInsertVersion, soci::use(service, "service"), soci::use(version, "version"), soci::use(v.status, "status"),
        soci::use(v.name, "name"), soci::use(v.name_en, "name_en"), soci::use(v.life_events, "events"),
        soci::use(days, "days"), soci::use(v.definition, "definition"), soci::use(v.search_text, "search"),
        soci::use(v.created_at, "now"), soci::use(by, i_by, "by"), soci::into(id);
    return id;
  }
  void UpdateDraft(soci::session& s, const VersionRow& v) const override {
    long long id = v.id, by = v.created_by;
    int days = v.time_limit_days;
    soci::indicator i_by = v.created_by ? soci::i_ok : soci::i_null;
    s << kUpdateDraft, soci::use(v.name, "name"), soci::use(v.name_en, "name_en"), soci::use(v.life_events, "events"),
        soci::use(days, "days"), soci::use(v.definition, "definition"), soci::use(v.search_text, "search"),
        soci::use(v.created_at, "now"), soci::use(by, i_by, "by"), soci::use(id, "id");
  }
  std::optional<VersionRow> GetVersion(soci::session& s, std::int64_t id) const override {
    long long key = id;
    soci::rowset<soci::row> rows =
        (s.prepare << std::string(kVersionColumns) + "WHERE v.id = :id", soci::use(key, "id"));
    for (const auto& r : rows) return ToVersion(r);
    return std::nullopt;
  }
  std::optional<VersionRow> DraftOf(soci::session& s, std::int64_t service_id) const override {
    long long key = service_id;
    soci::rowset<soci::row> rows =
        (s.prepare << std::string(kVersionColumns) + "WHERE v.service_id = :id AND v.status = 'draft'",
         soci::use(key, "id"));
    for (const auto& r : rows) return ToVersion(r);
    return std::nullopt;
  }
  int MaxVersion(soci::session& s, std::int64_t service_id) const override {
    long long key = service_id;
    long long n = 0;
    s << kMaxVersion, soci::use(key, "id"), soci::into(n);
    return static_cast<int>(n);
  }
  void Publish(soci::session& s, std::int64_t service_id, std::int64_t version_id, std::int64_t by,
               const std::string& now) const override {
    long long service = service_id, version = version_id, who = by;
    soci::indicator i_by = by ? soci::i_ok : soci::i_null;
    s << kSupersede, soci::use(service, "id");
    s << kPublishVersion, soci::use(now, "now"), soci::use(who, i_by, "by"), soci::use(version, "id");
    s << kPointService, soci::use(version, "version"), soci::use(service, "id");
    storage::NoteChange("services", service_id);  // what CatalogService::Published keeps
  }
  std::vector<ListRow> Search(soci::session& s, const SearchQuery& q) const override {
    SearchBinds b(q);
    int limit = q.limit, offset = q.offset;
    soci::rowset<soci::row> rows =
        (s.prepare << std::string(kSearchSelect) + kSearchWhere + "ORDER BY v.name LIMIT :limit OFFSET :offset",
         soci::use(b.path, "path"), soci::use(b.event, "event"), soci::use(b.t[0], "t0"), soci::use(b.t[1], "t1"),
         soci::use(b.t[2], "t2"), soci::use(b.t[3], "t3"), soci::use(b.t[4], "t4"), soci::use(limit, "limit"),
         soci::use(offset, "offset"));
    std::vector<ListRow> out;
    for (const auto& r : rows) out.push_back({ToService(r), ToVersion(r, 7)});
    return out;
  }
  int CountSearch(soci::session& s, const SearchQuery& q) const override {
    SearchBinds b(q);
    long long n = 0;
    s << std::string("SELECT COUNT(*) ") + kSearchWhere, soci::use(b.path, "path"), soci::use(b.event, "event"),
        soci::use(b.t[0], "t0"), soci::use(b.t[1], "t1"), soci::use(b.t[2], "t2"), soci::use(b.t[3], "t3"),
        soci::use(b.t[4], "t4"), soci::into(n);
    return static_cast<int>(n);
  }
  std::vector<std::pair<std::int64_t, std::string>> PublishedAgencies(soci::session& s) const override {
    soci::rowset<soci::row> rows = (s.prepare << kPublishedAgencies);
    std::vector<std::pair<std::int64_t, std::string>> out;
    for (const auto& r : rows) out.emplace_back(Int64(r, 0), Text(r, 1));
    return out;
  }
  std::vector<ListRow> ServicesUnder(soci::session& s, const std::string& node_path) const override {
    std::string path = node_path + "%";
    soci::rowset<soci::row> rows = (s.prepare << kServicesUnder, soci::use(path, "path"));
    std::vector<ListRow> out;
    for (const auto& r : rows) out.push_back({ToService(r), ToVersion(r, 7)});
    return out;
  }
};

}  // namespace

std::unique_ptr<CatalogStore> MakeSqlCatalogStore() { return std::make_unique<SqlCatalogStore>(); }

}  // namespace spbe::catalog
