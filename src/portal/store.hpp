#pragma once
/// What the portal's site settings need from storage. Every call runs on the caller's session.

#include <map>
#include <memory>
#include <string>

namespace soci {
class session;
}

namespace spbe::portal {

class SiteStore {
 public:
  virtual ~SiteStore() = default;
  virtual std::map<std::string, std::string> All(soci::session& s) const = 0;
  virtual void Put(soci::session& s, const std::string& key, const std::string& value) const = 0;
};

std::unique_ptr<SiteStore> MakeSqlSiteStore();

}  // namespace spbe::portal
