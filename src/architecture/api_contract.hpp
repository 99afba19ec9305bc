#pragma once
/// The architecture API's bodies and answers, described once (http/contract.hpp).

#include <boost/describe.hpp>
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "architecture/model.hpp"
#include "http/contract.hpp"

namespace spbe::architecture {

inline boost::json::array Codes(const std::vector<std::string_view>& codes) {
  boost::json::array out;
  for (auto c : codes) out.emplace_back(c);
  return out;
}

struct ApplicationBody {
  std::optional<std::int64_t> node_id;
  std::string name;
  std::string function_code;
  std::optional<std::string> owner_unit;
  std::optional<std::int64_t> users;
  std::optional<std::string> status;
  std::optional<std::string> hosting;
  std::optional<std::string> source;
  std::optional<std::string> national_app;
  std::optional<std::vector<std::string>> datasets;
  std::optional<std::vector<std::string>> bus_provides;
  std::optional<std::vector<std::string>> bus_uses;
  std::optional<std::int64_t> yearly_cost;
  std::optional<std::string> description;
  static boost::json::object Notes() {
    return {
        {"node_id", {{"description", "the agency (a node of the tree); required when recording, ignored on change"}}},
        {"name", {{"maxLength", 200}, {"description", "unique within the agency, whatever its case"}}},
        {"function_code", {{"description", "a code of GET /api/v1/architecture/functions (\"ADM.01\")"}}},
        {"users", {{"minimum", 0}, {"maximum", kMaxUsers}}},
        {"status", {{"enum", Codes(Statuses())}, {"description", "default live"}}},
        {"hosting",
         {{"enum", Codes(Hostings())},
          {"description", "pdn: Pusat Data Nasional; own: the agency's own server room; cloud. Default own"}}},
        {"source",
         {{"enum", Codes(Sources())},
          {"description", "built, bought, or national: a national general application (SRIKANDI ...)"}}},
        {"national_app", {{"description", "which national application; defaults to the function's"}}},
        {"datasets", {{"description", "names of the agency's data sets it holds"}}},
        {"bus_provides", {{"description", "service addresses on the bus it provides (member/system/service)"}}},
        {"bus_uses", {{"description", "service addresses on the bus it calls"}}},
        {"yearly_cost", {{"minimum", 0}, {"maximum", kMaxCost}, {"description", "rupiah a year"}}},
        {"description", {{"maxLength", 2000}}}};
  }
};
BOOST_DESCRIBE_STRUCT(ApplicationBody, (),
                      (node_id, name, function_code, owner_unit, users, status, hosting, source, national_app, datasets,
                       bus_provides, bus_uses, yearly_cost, description))

struct ApplicationOut {
  std::int64_t id = 0;
  std::int64_t node_id = 0;
  std::string agency;
  std::string agency_slug;
  std::string name;
  std::string function_code;
  std::string function_name;
  std::string owner_unit;
  std::int64_t users = 0;
  std::string status;
  std::string hosting;
  std::string source;
  std::string national_app;
  std::vector<std::string> datasets;
  std::vector<std::string> bus_provides;
  std::vector<std::string> bus_uses;
  std::int64_t yearly_cost = 0;
  std::string description;
  std::string created_at;
  std::string updated_at;
  static boost::json::object Notes() {
    return {{"status", {{"enum", Codes(Statuses())}}},
            {"hosting", {{"enum", Codes(Hostings())}}},
            {"source", {{"enum", Codes(Sources())}}},
            {"created_at", {{"format", "date-time"}}},
            {"updated_at", {{"format", "date-time"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(ApplicationOut, (),
                      (id, node_id, agency, agency_slug, name, function_code, function_name, owner_unit, users, status,
                       hosting, source, national_app, datasets, bus_provides, bus_uses, yearly_cost, description,
                       created_at, updated_at))

struct DatasetBody {
  std::optional<std::int64_t> node_id;
  std::string name;
  std::optional<std::string> owner;
  std::string classification;
  std::optional<bool> personal;
  std::optional<std::string> update_frequency;
  std::optional<bool> open;
  std::optional<std::string> status;
  std::optional<std::string> description;
  static boost::json::object Notes() {
    return {{"node_id", {{"description", "the agency; required when recording, ignored on change"}}},
            {"name", {{"maxLength", 200}}},
            {"owner", {{"maxLength", 200}, {"description", "the unit that holds it (wali data)"}}},
            {"classification",
             {{"enum", Codes(Classifications())}, {"description", "Terbuka/Publik, Internal, Terbatas, Rahasia"}}},
            {"personal", {{"description", "holds personal data (UU 27/2022); never open"}}},
            {"update_frequency", {{"enum", Codes(Frequencies())}, {"description", "default ad_hoc"}}},
            {"open", {{"description", "published as open data"}}},
            {"status", {{"enum", Codes(Statuses())}}},
            {"description", {{"maxLength", 2000}}}};
  }
};
BOOST_DESCRIBE_STRUCT(DatasetBody, (),
                      (node_id, name, owner, classification, personal, update_frequency, open, status, description))

struct DatasetOut {
  std::int64_t id = 0;
  std::int64_t node_id = 0;
  std::string agency;
  std::string agency_slug;
  std::string name;
  std::string owner;
  std::string classification;
  bool personal = false;
  std::string update_frequency;
  bool open = false;
  std::string status;
  std::string description;
  std::string created_at;
  std::string updated_at;
  static boost::json::object Notes() {
    return {{"classification", {{"enum", Codes(Classifications())}}},
            {"update_frequency", {{"enum", Codes(Frequencies())}}},
            {"status", {{"enum", Codes(Statuses())}}},
            {"created_at", {{"format", "date-time"}}},
            {"updated_at", {{"format", "date-time"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(DatasetOut, (),
                      (id, node_id, agency, agency_slug, name, owner, classification, personal, update_frequency, open,
                       status, description, created_at, updated_at))

struct InfrastructureBody {
  std::optional<std::int64_t> node_id;
  std::string kind;
  std::string name;
  std::optional<std::string> location;
  std::optional<std::string> capacity;
  std::optional<std::string> provider;
  std::optional<std::string> status;
  std::optional<std::string> description;
  static boost::json::object Notes() {
    return {{"node_id", {{"description", "the agency; required when recording, ignored on change"}}},
            {"kind", {{"enum", Codes(InfrastructureKinds())}}},
            {"name", {{"maxLength", 200}}},
            {"capacity", {{"maxLength", 200}, {"description", "as stated: \"8 rak, 20 kVA\", \"100 Mbps\""}}},
            {"provider", {{"maxLength", 200}, {"description", "who supplies it (a network operator, PDN)"}}},
            {"status", {{"enum", Codes(Statuses())}}},
            {"description", {{"maxLength", 2000}}}};
  }
};
BOOST_DESCRIBE_STRUCT(InfrastructureBody, (), (node_id, kind, name, location, capacity, provider, status, description))

struct InfrastructureOut {
  std::int64_t id = 0;
  std::int64_t node_id = 0;
  std::string agency;
  std::string agency_slug;
  std::string kind;
  std::string name;
  std::string location;
  std::string capacity;
  std::string provider;
  std::string status;
  std::string description;
  std::string created_at;
  std::string updated_at;
  static boost::json::object Notes() {
    return {{"kind", {{"enum", Codes(InfrastructureKinds())}}},
            {"status", {{"enum", Codes(Statuses())}}},
            {"created_at", {{"format", "date-time"}}},
            {"updated_at", {{"format", "date-time"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(InfrastructureOut, (),
                      (id, node_id, agency, agency_slug, kind, name, location, capacity, provider, status, description,
                       created_at, updated_at))

struct NationalAppOut {
  std::string name;
  std::string owner;
  std::string url;
};
BOOST_DESCRIBE_STRUCT(NationalAppOut, (), (name, owner, url))

struct FunctionOut {
  std::string code;
  std::string name_id;
  std::string name_en;
  std::string group;
  http::contract::Nullable<NationalAppOut> national_app;
};
BOOST_DESCRIBE_STRUCT(FunctionOut, (), (code, name_id, name_en, group, national_app))

struct DuplicateAppOut {
  std::int64_t id = 0;
  std::int64_t node_id = 0;
  std::string agency;
  std::string name;
  std::string status;
  std::int64_t users = 0;
  std::int64_t yearly_cost = 0;
};
BOOST_DESCRIBE_STRUCT(DuplicateAppOut, (), (id, node_id, agency, name, status, users, yearly_cost))

struct DuplicateGroupOut {
  std::string function_code;
  std::string function_name;
  std::int64_t agencies = 0;
  std::int64_t users = 0;
  std::int64_t yearly_cost = 0;
  std::vector<DuplicateAppOut> applications;
  http::contract::Nullable<NationalAppOut> national_app;
  static boost::json::object Notes() {
    return {{"agencies", {{"description", "how many agencies run an application of this function"}}},
            {"users", {{"description", "the applications' users together"}}},
            {"yearly_cost", {{"description", "their yearly costs together, rupiah"}}},
            {"national_app", {{"description", "the national general application of the function, if any"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(DuplicateGroupOut, (),
                      (function_code, function_name, agencies, users, yearly_cost, applications, national_app))

struct DuplicatesOut {
  std::int64_t government_id = 0;
  std::string government;
  std::vector<DuplicateGroupOut> groups;
};
BOOST_DESCRIBE_STRUCT(DuplicatesOut, (), (government_id, government, groups))

struct ImportOut {
  std::int64_t created = 0;
  std::int64_t updated = 0;
  std::int64_t unchanged = 0;
};
BOOST_DESCRIBE_STRUCT(ImportOut, (), (created, updated, unchanged))

}  // namespace spbe::architecture
