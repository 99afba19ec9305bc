#include "portal/site.hpp"

#include "audit/audit.hpp"
#include "platform/clock.hpp"

namespace spbe::portal {
namespace {

std::string Get(const std::map<std::string, std::string>& m, const char* key, const char* fallback) {
  auto it = m.find(key);
  return it == m.end() || it->second.empty() ? fallback : it->second;
}

}  // namespace

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
