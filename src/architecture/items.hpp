#pragma once
// Internal to src/architecture: how each kind of item is stored, checked, linked and described for the audit trail,
// so that the use cases (service.cpp, exchange.cpp) are written once for the three kinds.

#include <algorithm>
#include <string>
#include <vector>

#include "architecture/model.hpp"
#include "architecture/service.hpp"
#include "architecture/store.hpp"
#include "platform/i18n.hpp"

namespace spbe::architecture {

template <class Item>
struct Traits;

template <>
struct Traits<Application> {
  using Input = ApplicationInput;
  static constexpr Kind kKind = Kind::kApplications;
  static constexpr const char* kObject = "arch_application";
  static constexpr const char* kAction = "architecture.application";
  static constexpr const char* kNotFound = "arch_application_not_found";
  static std::vector<Application> List(const ArchitectureStore& st, soci::session& s, const std::string& path) {
    return st.Applications(s, path);
  }
  static std::optional<Application> ById(const ArchitectureStore& st, soci::session& s, std::int64_t id) {
    return st.ApplicationById(s, id);
  }
  static std::optional<Application> ByName(const ArchitectureStore& st, soci::session& s, std::int64_t node,
                                           const std::string& key) {
    return st.ApplicationByName(s, node, key);
  }
  static std::int64_t Insert(const ArchitectureStore& st, soci::session& s, const Application& a) {
    return st.InsertApplication(s, a);
  }
  static void Update(const ArchitectureStore& st, soci::session& s, const Application& a) {
    st.UpdateApplication(s, a);
  }
  static std::vector<FieldError> Check(Input& in, std::string_view lang) { return CheckApplication(in, lang); }
  static bool Matches(const Application& a, const ListFilter& f) {
    return f.function_code.empty() || a.function_code == f.function_code;
  }
  /// The data sets it names, of its own node: each must exist.
  static std::vector<FieldError> Link(const ArchitectureStore& st, soci::session& s, const Application& a,
                                      std::string_view lang) {
    std::vector<std::int64_t> ids;
    for (const auto& name : a.datasets) {
      auto d = st.DatasetByName(s, a.node_id, NameKey(name));
      if (!d) return {{"datasets", i18n::Tr(lang, "arch_error_dataset_unknown", {{"name", name.substr(0, 100)}})}};
      ids.push_back(d->id);
    }
    st.LinkDatasets(s, a.id, ids);
    return {};
  }
  static std::string Snapshot(const Input& a) {
    std::vector<std::string> datasets;
    for (const auto& d : a.datasets) datasets.push_back(NameKey(d));
    std::sort(datasets.begin(), datasets.end());
    return JoinList({a.name, a.function_code, a.owner_unit, std::to_string(a.users), a.status, a.hosting, a.source,
                     a.national_app, JoinList(datasets, ";"), JoinList(a.bus_provides, ";"), JoinList(a.bus_uses, ";"),
                     std::to_string(a.yearly_cost), a.description},
                    "\x1f");
  }
};

template <>
struct Traits<Dataset> {
  using Input = DatasetInput;
  static constexpr Kind kKind = Kind::kDatasets;
  static constexpr const char* kObject = "arch_dataset";
  static constexpr const char* kAction = "architecture.dataset";
  static constexpr const char* kNotFound = "arch_dataset_not_found";
  static std::vector<Dataset> List(const ArchitectureStore& st, soci::session& s, const std::string& path) {
    return st.Datasets(s, path);
  }
  static std::optional<Dataset> ById(const ArchitectureStore& st, soci::session& s, std::int64_t id) {
    return st.DatasetById(s, id);
  }
  static std::optional<Dataset> ByName(const ArchitectureStore& st, soci::session& s, std::int64_t node,
                                       const std::string& key) {
    return st.DatasetByName(s, node, key);
  }
  static std::int64_t Insert(const ArchitectureStore& st, soci::session& s, const Dataset& d) {
    return st.InsertDataset(s, d);
  }
  static void Update(const ArchitectureStore& st, soci::session& s, const Dataset& d) { st.UpdateDataset(s, d); }
  static std::vector<FieldError> Check(Input& in, std::string_view lang) { return CheckDataset(in, lang); }
  static bool Matches(const Dataset&, const ListFilter&) { return true; }
  static std::vector<FieldError> Link(const ArchitectureStore&, soci::session&, const Dataset&, std::string_view) {
    return {};
  }
  static std::string Snapshot(const Input& d) {
    return JoinList({d.name, d.owner, d.classification, d.personal ? "1" : "0", d.update_frequency, d.open ? "1" : "0",
                     d.status, d.description},
                    "\x1f");
  }
};

template <>
struct Traits<Infrastructure> {
  using Input = InfrastructureInput;
  static constexpr Kind kKind = Kind::kInfrastructure;
  static constexpr const char* kObject = "arch_infrastructure";
  static constexpr const char* kAction = "architecture.infrastructure";
  static constexpr const char* kNotFound = "arch_infrastructure_not_found";
  static std::vector<Infrastructure> List(const ArchitectureStore& st, soci::session& s, const std::string& path) {
    return st.Infrastructures(s, path);
  }
  static std::optional<Infrastructure> ById(const ArchitectureStore& st, soci::session& s, std::int64_t id) {
    return st.InfrastructureById(s, id);
  }
  static std::optional<Infrastructure> ByName(const ArchitectureStore& st, soci::session& s, std::int64_t node,
                                              const std::string& key) {
    return st.InfrastructureByName(s, node, key);
  }
  static std::int64_t Insert(const ArchitectureStore& st, soci::session& s, const Infrastructure& i) {
    return st.InsertInfrastructure(s, i);
  }
  static void Update(const ArchitectureStore& st, soci::session& s, const Infrastructure& i) {
    st.UpdateInfrastructure(s, i);
  }
  static std::vector<FieldError> Check(Input& in, std::string_view lang) { return CheckInfrastructure(in, lang); }
  static bool Matches(const Infrastructure&, const ListFilter&) { return true; }
  static std::vector<FieldError> Link(const ArchitectureStore&, soci::session&, const Infrastructure&,
                                      std::string_view) {
    return {};
  }
  static std::string Snapshot(const Input& i) {
    return JoinList({i.kind, i.name, i.location, i.capacity, i.provider, i.status, i.description}, "\x1f");
  }
};

}  // namespace spbe::architecture
