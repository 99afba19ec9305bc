#include <soci/soci.h>

#include "portal/store.hpp"

namespace spbe::portal {
namespace {

constexpr const char* kSelectAll = "SELECT key, value FROM site_settings";
constexpr const char* kUpdate = "UPDATE site_settings SET value = :value WHERE key = :key";
constexpr const char* kInsert = "INSERT INTO site_settings (key, value) VALUES (:key, :value)";

class SqlSiteStore final : public SiteStore {
 public:
  std::map<std::string, std::string> All(soci::session& s) const override {
    std::map<std::string, std::string> out;
    soci::rowset<soci::row> rows = s.prepare << kSelectAll;
    for (const auto& r : rows) out[r.get<std::string>(0)] = r.get<std::string>(1);
    return out;
  }
  void Put(soci::session& s, const std::string& key, const std::string& value) const override {
    soci::statement st = (s.prepare << kUpdate, soci::use(value, "value"), soci::use(key, "key"));
    st.execute(true);
    if (st.get_affected_rows() == 0) s << kInsert, soci::use(key, "key"), soci::use(value, "value");
  }
};

}  // namespace

std::unique_ptr<SiteStore> MakeSqlSiteStore() { return std::make_unique<SqlSiteStore>(); }

}  // namespace spbe::portal
