#include <soci/soci.h>

#include <map>

#include "architecture/store.hpp"
#include "storage/rows.hpp"

namespace spbe::architecture {
namespace {

using storage::Int64;
using storage::Text;

constexpr const char* kNodeColumns = "SELECT id, path, name, slug, kind FROM org_nodes ";

constexpr const char* kApplicationColumns =
    "SELECT a.id, a.node_id, a.name, a.function_code, a.owner_unit, a.users, a.status, a.hosting, a.source, "
    "a.national_app, a.bus_provides, a.bus_uses, a.yearly_cost, a.description, a.created_at, a.created_by, "
    "a.updated_at, a.updated_by, n.path, n.name, n.slug FROM arch_applications a JOIN org_nodes n ON n.id = a.node_id ";
constexpr const char* kApplicationDatasets =
    "SELECT l.application_id, d.name FROM arch_application_datasets l JOIN arch_datasets d ON d.id = l.dataset_id "
    "JOIN arch_applications a ON a.id = l.application_id JOIN org_nodes n ON n.id = a.node_id ";
constexpr const char* kInsertApplication =
    "INSERT INTO arch_applications (node_id, name, name_key, function_code, owner_unit, users, status, hosting, "
    "source, national_app, bus_provides, bus_uses, yearly_cost, description, created_at, created_by, updated_at, "
    "updated_by) VALUES (:node, :name, :key, :function, :unit, :users, :status, :hosting, :source, :national, "
    ":provides, :uses, :cost, :description, :at, :by, :at2, :by2) RETURNING id";
constexpr const char* kUpdateApplication =
    "UPDATE arch_applications SET name = :name, name_key = :key, function_code = :function, owner_unit = :unit, "
    "users = :users, status = :status, hosting = :hosting, source = :source, national_app = :national, bus_provides "
    "= :provides, bus_uses = :uses, yearly_cost = :cost, description = :description, updated_at = :at, updated_by = "
    ":by WHERE id = :id";
constexpr const char* kUnlinkDatasets = "DELETE FROM arch_application_datasets WHERE application_id = :id";
constexpr const char* kLinkDataset =
    "INSERT INTO arch_application_datasets (application_id, dataset_id) VALUES (:application, :dataset)";

constexpr const char* kDatasetColumns =
    "SELECT d.id, d.node_id, d.name, d.owner, d.classification, d.personal, d.update_frequency, d.is_open, d.status, "
    "d.description, d.created_at, d.created_by, d.updated_at, d.updated_by, n.path, n.name, n.slug FROM arch_datasets "
    "d JOIN org_nodes n ON n.id = d.node_id ";
constexpr const char* kInsertDataset =
    "INSERT INTO arch_datasets (node_id, name, name_key, owner, classification, personal, update_frequency, is_open, "
    "status, description, created_at, created_by, updated_at, updated_by) VALUES (:node, :name, :key, :owner, "
    ":class, :personal, :frequency, :open, :status, :description, :at, :by, :at2, :by2) RETURNING id";
constexpr const char* kUpdateDataset =
    "UPDATE arch_datasets SET name = :name, name_key = :key, owner = :owner, classification = :class, personal = "
    ":personal, update_frequency = :frequency, is_open = :open, status = :status, description = :description, "
    "updated_at = :at, updated_by = :by WHERE id = :id";

constexpr const char* kInfrastructureColumns =
    "SELECT i.id, i.node_id, i.kind, i.name, i.location, i.capacity, i.provider, i.status, i.description, "
    "i.created_at, i.created_by, i.updated_at, i.updated_by, n.path, n.name, n.slug FROM arch_infrastructure i JOIN "
    "org_nodes n ON n.id = i.node_id ";
constexpr const char* kInsertInfrastructure =
    "INSERT INTO arch_infrastructure (node_id, kind, name, name_key, location, capacity, provider, status, "
    "description, created_at, created_by, updated_at, updated_by) VALUES (:node, :kind, :name, :key, :location, "
    ":capacity, :provider, :status, :description, :at, :by, :at2, :by2) RETURNING id";
constexpr const char* kUpdateInfrastructure =
    "UPDATE arch_infrastructure SET kind = :kind, name = :name, name_key = :key, location = :location, capacity = "
    ":capacity, provider = :provider, status = :status, description = :description, updated_at = :at, updated_by = "
    ":by WHERE id = :id";

std::vector<std::string> Lines(const std::string& text) { return SplitList(text); }

NodeRef ToNode(const soci::row& r) { return {Int64(r, 0), Text(r, 1), Text(r, 2), Text(r, 3), Text(r, 4)}; }

Application ToApplication(const soci::row& r) {
  Application a;
  a.id = Int64(r, 0);
  a.node_id = Int64(r, 1);
  a.name = Text(r, 2);
  a.function_code = Text(r, 3);
  a.owner_unit = Text(r, 4);
  a.users = Int64(r, 5);
  a.status = Text(r, 6);
  a.hosting = Text(r, 7);
  a.source = Text(r, 8);
  a.national_app = Text(r, 9);
  a.bus_provides = Lines(Text(r, 10));
  a.bus_uses = Lines(Text(r, 11));
  a.yearly_cost = Int64(r, 12);
  a.description = Text(r, 13);
  a.created_at = Text(r, 14);
  a.created_by = Int64(r, 15);
  a.updated_at = Text(r, 16);
  a.updated_by = Int64(r, 17);
  a.node_path = Text(r, 18);
  a.node_name = Text(r, 19);
  a.node_slug = Text(r, 20);
  return a;
}

Dataset ToDataset(const soci::row& r) {
  Dataset d;
  d.id = Int64(r, 0);
  d.node_id = Int64(r, 1);
  d.name = Text(r, 2);
  d.owner = Text(r, 3);
  d.classification = Text(r, 4);
  d.personal = Int64(r, 5) != 0;
  d.update_frequency = Text(r, 6);
  d.open = Int64(r, 7) != 0;
  d.status = Text(r, 8);
  d.description = Text(r, 9);
  d.created_at = Text(r, 10);
  d.created_by = Int64(r, 11);
  d.updated_at = Text(r, 12);
  d.updated_by = Int64(r, 13);
  d.node_path = Text(r, 14);
  d.node_name = Text(r, 15);
  d.node_slug = Text(r, 16);
  return d;
}

Infrastructure ToInfrastructure(const soci::row& r) {
  Infrastructure i;
  i.id = Int64(r, 0);
  i.node_id = Int64(r, 1);
  i.kind = Text(r, 2);
  i.name = Text(r, 3);
  i.location = Text(r, 4);
  i.capacity = Text(r, 5);
  i.provider = Text(r, 6);
  i.status = Text(r, 7);
  i.description = Text(r, 8);
  i.created_at = Text(r, 9);
  i.created_by = Int64(r, 10);
  i.updated_at = Text(r, 11);
  i.updated_by = Int64(r, 12);
  i.node_path = Text(r, 13);
  i.node_name = Text(r, 14);
  i.node_slug = Text(r, 15);
  return i;
}

template <class T, class F>
std::vector<T> All(soci::rowset<soci::row>& rows, F convert) {
  std::vector<T> out;
  for (const auto& r : rows) out.push_back(convert(r));
  return out;
}

template <class T, class F>
std::optional<T> First(soci::rowset<soci::row>& rows, F convert) {
  for (const auto& r : rows) return convert(r);
  return std::nullopt;
}

class SqlArchitectureStore final : public ArchitectureStore {
 public:
  std::optional<NodeRef> Node(soci::session& s, std::int64_t id) const override {
    long long key = id;
    soci::rowset<soci::row> rows = (s.prepare << std::string(kNodeColumns) + "WHERE id = :id", soci::use(key, "id"));
    return First<NodeRef>(rows, ToNode);
  }
  std::vector<NodeRef> NodesUnder(soci::session& s, const std::string& path) const override {
    soci::rowset<soci::row> rows =
        (s.prepare << std::string(kNodeColumns) + "WHERE path LIKE :path || '%' ORDER BY path",
         soci::use(path, "path"));
    return All<NodeRef>(rows, ToNode);
  }

  std::vector<Application> Applications(soci::session& s, const std::string& path) const override {
    std::vector<Application> out;
    {
      soci::rowset<soci::row> rows =
          (s.prepare << std::string(kApplicationColumns) + "WHERE n.path LIKE :path || '%' ORDER BY n.name, a.name",
           soci::use(path, "path"));
      out = All<Application>(rows, ToApplication);
    }
    std::map<std::int64_t, std::vector<std::string>> held;
    soci::rowset<soci::row> links =
        (s.prepare << std::string(kApplicationDatasets) + "WHERE n.path LIKE :path || '%' ORDER BY d.name",
         soci::use(path, "path"));
    for (const auto& r : links) held[Int64(r, 0)].push_back(Text(r, 1));
    for (auto& a : out) {
      if (auto it = held.find(a.id); it != held.end()) a.datasets = it->second;
    }
    return out;
  }
  std::optional<Application> ApplicationById(soci::session& s, std::int64_t id) const override {
    long long key = id;
    std::optional<Application> out;
    {
      soci::rowset<soci::row> rows =
          (s.prepare << std::string(kApplicationColumns) + "WHERE a.id = :id", soci::use(key, "id"));
      out = First<Application>(rows, ToApplication);
    }
    if (out) FillDatasets(s, *out);
    return out;
  }
  std::optional<Application> ApplicationByName(soci::session& s, std::int64_t node_id,
                                               const std::string& name_key) const override {
    long long node = node_id;
    std::optional<Application> out;
    {
      soci::rowset<soci::row> rows =
          (s.prepare << std::string(kApplicationColumns) + "WHERE a.node_id = :node AND a.name_key = :key",
           soci::use(node, "node"), soci::use(name_key, "key"));
      out = First<Application>(rows, ToApplication);
    }
    if (out) FillDatasets(s, *out);
    return out;
  }
  std::int64_t InsertApplication(soci::session& s, const Application& a) const override {
    long long node = a.node_id, users = a.users, cost = a.yearly_cost, by = a.created_by, id = 0;
    std::string key = NameKey(a.name), provides = JoinList(a.bus_provides, "\n"), uses = JoinList(a.bus_uses, "\n");
    s << kInsertApplication, soci::use(node, "node"), soci::use(a.name, "name"), soci::use(key, "key"),
        soci::use(a.function_code, "function"), soci::use(a.owner_unit, "unit"), soci::use(users, "users"),
        soci::use(a.status, "status"), soci::use(a.hosting, "hosting"), soci::use(a.source, "source"),
        soci::use(a.national_app, "national"), soci::use(provides, "provides"), soci::use(uses, "uses"),
        soci::use(cost, "cost"), soci::use(a.description, "description"), soci::use(a.created_at, "at"),
        soci::use(by, "by"), soci::use(a.updated_at, "at2"), soci::use(by, "by2"), soci::into(id);
    return id;
  }
  void UpdateApplication(soci::session& s, const Application& a) const override {
    long long id = a.id, users = a.users, cost = a.yearly_cost, by = a.updated_by;
    std::string key = NameKey(a.name), provides = JoinList(a.bus_provides, "\n"), uses = JoinList(a.bus_uses, "\n");
    s << kUpdateApplication, soci::use(a.name, "name"), soci::use(key, "key"), soci::use(a.function_code, "function"),
        soci::use(a.owner_unit, "unit"), soci::use(users, "users"), soci::use(a.status, "status"),
        soci::use(a.hosting, "hosting"), soci::use(a.source, "source"), soci::use(a.national_app, "national"),
        soci::use(provides, "provides"), soci::use(uses, "uses"), soci::use(cost, "cost"),
        soci::use(a.description, "description"), soci::use(a.updated_at, "at"), soci::use(by, "by"),
        soci::use(id, "id");
  }
  void LinkDatasets(soci::session& s, std::int64_t application_id,
                    const std::vector<std::int64_t>& dataset_ids) const override {
    long long app = application_id;
    s << kUnlinkDatasets, soci::use(app, "id");
    for (std::int64_t d : dataset_ids) {
      long long dataset = d;
      s << kLinkDataset, soci::use(app, "application"), soci::use(dataset, "dataset");
    }
  }

  std::vector<Dataset> Datasets(soci::session& s, const std::string& path) const override {
    soci::rowset<soci::row> rows =
        (s.prepare << std::string(kDatasetColumns) + "WHERE n.path LIKE :path || '%' ORDER BY n.name, d.name",
         soci::use(path, "path"));
    return All<Dataset>(rows, ToDataset);
  }
  std::optional<Dataset> DatasetById(soci::session& s, std::int64_t id) const override {
    long long key = id;
    soci::rowset<soci::row> rows =
        (s.prepare << std::string(kDatasetColumns) + "WHERE d.id = :id", soci::use(key, "id"));
    return First<Dataset>(rows, ToDataset);
  }
  std::optional<Dataset> DatasetByName(soci::session& s, std::int64_t node_id,
                                       const std::string& name_key) const override {
    long long node = node_id;
    soci::rowset<soci::row> rows =
        (s.prepare << std::string(kDatasetColumns) + "WHERE d.node_id = :node AND d.name_key = :key",
         soci::use(node, "node"), soci::use(name_key, "key"));
    return First<Dataset>(rows, ToDataset);
  }
  std::int64_t InsertDataset(soci::session& s, const Dataset& d) const override {
    long long node = d.node_id, by = d.created_by, id = 0;
    int personal = d.personal ? 1 : 0, open = d.open ? 1 : 0;
    std::string key = NameKey(d.name);
    s << kInsertDataset, soci::use(node, "node"), soci::use(d.name, "name"), soci::use(key, "key"),
        soci::use(d.owner, "owner"), soci::use(d.classification, "class"), soci::use(personal, "personal"),
        soci::use(d.update_frequency, "frequency"), soci::use(open, "open"), soci::use(d.status, "status"),
        soci::use(d.description, "description"), soci::use(d.created_at, "at"), soci::use(by, "by"),
        soci::use(d.updated_at, "at2"), soci::use(by, "by2"), soci::into(id);
    return id;
  }
  void UpdateDataset(soci::session& s, const Dataset& d) const override {
    long long id = d.id, by = d.updated_by;
    int personal = d.personal ? 1 : 0, open = d.open ? 1 : 0;
    std::string key = NameKey(d.name);
    s << kUpdateDataset, soci::use(d.name, "name"), soci::use(key, "key"), soci::use(d.owner, "owner"),
        soci::use(d.classification, "class"), soci::use(personal, "personal"),
        soci::use(d.update_frequency, "frequency"), soci::use(open, "open"), soci::use(d.status, "status"),
        soci::use(d.description, "description"), soci::use(d.updated_at, "at"), soci::use(by, "by"),
        soci::use(id, "id");
  }

  std::vector<Infrastructure> Infrastructures(soci::session& s, const std::string& path) const override {
    soci::rowset<soci::row> rows =
        (s.prepare << std::string(kInfrastructureColumns) + "WHERE n.path LIKE :path || '%' ORDER BY n.name, i.name",
         soci::use(path, "path"));
    return All<Infrastructure>(rows, ToInfrastructure);
  }
  std::optional<Infrastructure> InfrastructureById(soci::session& s, std::int64_t id) const override {
    long long key = id;
    soci::rowset<soci::row> rows =
        (s.prepare << std::string(kInfrastructureColumns) + "WHERE i.id = :id", soci::use(key, "id"));
    return First<Infrastructure>(rows, ToInfrastructure);
  }
  std::optional<Infrastructure> InfrastructureByName(soci::session& s, std::int64_t node_id,
                                                     const std::string& name_key) const override {
    long long node = node_id;
    soci::rowset<soci::row> rows =
        (s.prepare << std::string(kInfrastructureColumns) + "WHERE i.node_id = :node AND i.name_key = :key",
         soci::use(node, "node"), soci::use(name_key, "key"));
    return First<Infrastructure>(rows, ToInfrastructure);
  }
  std::int64_t InsertInfrastructure(soci::session& s, const Infrastructure& i) const override {
    long long node = i.node_id, by = i.created_by, id = 0;
    std::string key = NameKey(i.name);
    s << kInsertInfrastructure, soci::use(node, "node"), soci::use(i.kind, "kind"), soci::use(i.name, "name"),
        soci::use(key, "key"), soci::use(i.location, "location"), soci::use(i.capacity, "capacity"),
        soci::use(i.provider, "provider"), soci::use(i.status, "status"), soci::use(i.description, "description"),
        soci::use(i.created_at, "at"), soci::use(by, "by"), soci::use(i.updated_at, "at2"), soci::use(by, "by2"),
        soci::into(id);
    return id;
  }
  void UpdateInfrastructure(soci::session& s, const Infrastructure& i) const override {
    long long id = i.id, by = i.updated_by;
    std::string key = NameKey(i.name);
    s << kUpdateInfrastructure, soci::use(i.kind, "kind"), soci::use(i.name, "name"), soci::use(key, "key"),
        soci::use(i.location, "location"), soci::use(i.capacity, "capacity"), soci::use(i.provider, "provider"),
        soci::use(i.status, "status"), soci::use(i.description, "description"), soci::use(i.updated_at, "at"),
        soci::use(by, "by"), soci::use(id, "id");
  }

 private:
  void FillDatasets(soci::session& s, Application& a) const {
    long long key = a.id;
    soci::rowset<soci::row> rows =
        (s.prepare << std::string(kApplicationDatasets) + "WHERE l.application_id = :id ORDER BY d.name",
         soci::use(key, "id"));
    for (const auto& r : rows) a.datasets.push_back(Text(r, 1));
  }
};

}  // namespace

std::unique_ptr<ArchitectureStore> MakeSqlArchitectureStore() { return std::make_unique<SqlArchitectureStore>(); }

}  // namespace spbe::architecture
