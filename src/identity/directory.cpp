// Lookups other capabilities make: where an account's messages go, who signs, and which officers hold a role
// near a node.
#include "identity/service.hpp"

#include <algorithm>
#include <set>

namespace spbe::identity {

notify::Recipient IdentityService::RecipientOf(std::int64_t account_id) {
  auto a = db_.Read([&](soci::session& s) { return store_.Get(s, account_id); });
  notify::Recipient r;
  if (!a.ok() || !*a || (*a)->status == "disabled") return r;
  const Account& acc = **a;
  r.account_id = acc.id;
  r.email = acc.email;
  r.language = acc.language == "en" ? "en" : "id";
  if (acc.phone_channel != "none" && !acc.phone_sealed.empty()) {
    r.phone_channel = acc.phone_channel;
    r.phone_sealed = acc.phone_sealed;
  }
  return r;
}

IdentityService::Signatory IdentityService::SignatoryOf(std::int64_t account_id) {
  auto a = db_.Read([&](soci::session& s) { return store_.Get(s, account_id); });
  if (!a.ok() || !*a) return {};
  return {(*a)->name, (*a)->position, (*a)->nip};
}

std::vector<notify::Recipient> IdentityService::NearestWithRole(access::Role role, const std::string& node_path) {
  auto rows = db_.Read([&](soci::session& s) {
    std::string r(access::RoleName(role));
    return store_.GrantsAbove(s, r, node_path);  // path, account
  });
  std::vector<notify::Recipient> out;
  if (!rows.ok()) return out;
  std::size_t deepest = 0;
  for (const auto& [path, id] : *rows) deepest = std::max(deepest, path.size());
  std::set<std::int64_t> seen;
  for (const auto& [path, id] : *rows) {
    if (path.size() == deepest && seen.insert(id).second) out.push_back(RecipientOf(id));
  }
  return out;
}

int IdentityService::ActiveOfficersWith(access::Role role, const std::string& node_path) {
  auto n = db_.Read(
      [&](soci::session& s) { return store_.CountActiveWithRole(s, std::string(access::RoleName(role)), node_path); });
  return n.ok() ? *n : 0;
}

}  // namespace spbe::identity
