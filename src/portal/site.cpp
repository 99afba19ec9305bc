#include "portal/site.hpp"

#include <soci/soci.h>

#include "audit/audit.hpp"
#include "platform/clock.hpp"

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

std::string Get(const std::map<std::string, std::string>& m, const char* key, const char* fallback) {
  auto it = m.find(key);
  return it == m.end() || it->second.empty() ? fallback : it->second;
}

}  // namespace

std::unique_ptr<SiteStore> MakeSqlSiteStore() { return std::make_unique<SqlSiteStore>(); }

SiteInfo WithDefaults(const std::map<std::string, std::string>& m) {
  return SiteInfo{Get(m, kGovernment, ""), Get(m, kOperator, ""), Get(m, kEmail, ""), Get(m, kPhone, ""),
                  Get(m, kAddress, "")};
}

Result<SiteInfo> SiteService::Get() {
  auto all = db_.Read([&](soci::session& s) { return store_.All(s); });
  if (!all.ok()) return all.error();
  return WithDefaults(*all);
}

Status SiteService::Update(const std::map<std::string, std::string>& settings) {
  std::string now = FormatUtc(std::chrono::system_clock::now());
  return db_.Write([&](soci::session& s) -> Status {
    std::string snapshot;
    for (const auto& [k, v] : settings) {
      store_.Put(s, k, v);
      snapshot += k + "=" + v + "\n";
    }
    audit::Entry e;
    e.action = "portal.update_site";
    e.object_type = "site_settings";
    e.object_id = "site";
    e.after_digest = audit::Digest(snapshot);
    audit::RecordSystem(s, e, now);
    return Ok{};
  });
}

}  // namespace spbe::portal
