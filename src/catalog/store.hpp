#pragma once
/// What the catalogue needs from storage. Every call runs on the caller's session (inside its unit of work for
/// writes).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace soci {
class session;
}

namespace spbe::catalog {

struct ServiceRow {
  std::int64_t id = 0;
  std::int64_t node_id = 0;
  std::string slug;
  std::int64_t published_version_id = 0;  // 0: never published
  std::string node_name;
  std::string node_path;
  std::string node_timezone;
};

struct VersionRow {
  std::int64_t id = 0;
  std::int64_t service_id = 0;
  int version = 0;
  std::string status;  // draft, published, superseded
  std::string name, name_en;
  std::string life_events;  // " usaha bangunan "
  int time_limit_days = 0;
  std::string definition;  // JSON
  std::string search_text;
  std::string created_at, published_at;
  std::int64_t created_by = 0, published_by = 0;
};

/// A published service as the catalogue lists it.
struct ListRow {
  ServiceRow service;
  VersionRow version;
};

struct SearchQuery {
  std::vector<std::string> terms;  // stems; each must start a word of the search text (at most kMaxTerms)
  std::string node_path;           // services of this subtree; empty: all
  std::string life_event;          // key; empty: any
  int limit = 20;
  int offset = 0;
  static constexpr int kMaxTerms = 5;
};

class CatalogStore {
 public:
  virtual ~CatalogStore() = default;
  virtual std::int64_t InsertService(soci::session& s, std::int64_t node_id, const std::string& slug,
                                     const std::string& now) const = 0;
  virtual std::optional<ServiceRow> GetService(soci::session& s, std::int64_t id) const = 0;
  virtual std::optional<ServiceRow> FindServiceBySlug(soci::session& s, const std::string& slug) const = 0;

  /// Inserts a version and returns its id.
  virtual std::int64_t InsertVersion(soci::session& s, const VersionRow& v) const = 0;
  virtual void UpdateDraft(soci::session& s, const VersionRow& v) const = 0;
  virtual std::optional<VersionRow> GetVersion(soci::session& s, std::int64_t id) const = 0;
  virtual std::optional<VersionRow> DraftOf(soci::session& s, std::int64_t service_id) const = 0;
  virtual int MaxVersion(soci::session& s, std::int64_t service_id) const = 0;
  /// Makes the version the published one; the one published before becomes superseded.
  virtual void Publish(soci::session& s, std::int64_t service_id, std::int64_t version_id, std::int64_t by,
                       const std::string& now) const = 0;

  /// Published services matching the query, by name; and how many match in all.
  virtual std::vector<ListRow> Search(soci::session& s, const SearchQuery& q) const = 0;
  virtual int CountSearch(soci::session& s, const SearchQuery& q) const = 0;
  /// The agencies (nodes) that have at least one published service: id and name, by name.
  virtual std::vector<std::pair<std::int64_t, std::string>> PublishedAgencies(soci::session& s) const = 0;
  /// Every service of a subtree with its newest version (draft or published), for admins.
  virtual std::vector<ListRow> ServicesUnder(soci::session& s, const std::string& node_path) const = 0;
};

std::unique_ptr<CatalogStore> MakeSqlCatalogStore();

}  // namespace spbe::catalog
