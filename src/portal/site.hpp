#pragma once
/// The portal's identity: which government runs it and how to reach its operator (Diskominfo).

#include <map>
#include <memory>
#include <string>

#include "platform/result.hpp"
#include "portal/store.hpp"
#include "storage/database.hpp"

namespace spbe::portal {

struct SiteInfo {
  std::string government;     // "Pemerintah Kabupaten Contoh"
  std::string operator_name;  // "Dinas Komunikasi dan Informatika Kabupaten Contoh"
  std::string email;
  std::string phone;
  std::string address;
};

/// Setting keys in site_settings.
inline constexpr const char* kGovernment = "site.government";
inline constexpr const char* kOperator = "site.operator";
inline constexpr const char* kEmail = "site.email";
inline constexpr const char* kPhone = "site.phone";
inline constexpr const char* kAddress = "site.address";

/// The settings as a SiteInfo; unset fields are empty and pages leave them out.
SiteInfo WithDefaults(const std::map<std::string, std::string>& settings);

class SiteService {
 public:
  SiteService(storage::Database& db, const SiteStore& store) : db_(db), store_(store) {}
  Result<SiteInfo> Get();
  /// Stores the settings given, in one unit of work.
  Status Update(const std::map<std::string, std::string>& settings);

 private:
  storage::Database& db_;
  const SiteStore& store_;
};

}  // namespace spbe::portal
