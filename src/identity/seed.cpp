// For the demo seed and the command line: accounts created active, roles granted without an admin, an account's
// actor by e-mail, and how many demo accounts there are.
#include "identity/service.hpp"

#include <soci/soci.h>

#include "audit/audit.hpp"
#include "identity/service_detail.hpp"

namespace spbe::identity {

using detail::AccountEvent;
using detail::Snapshot;

Result<std::int64_t> IdentityService::CreateActive(Account a, std::string_view pw, std::string_view nik,
                                                   std::string_view phone) {
  if (!nik.empty()) {
    a.nik_sealed = vault_.Seal(nik);
    a.nik_index = vault_.Index(nik);
  }
  if (!phone.empty()) {
    a.phone_sealed = vault_.Seal(phone);
    a.phone_index = vault_.Index(phone);
  }
  a.password_hash = password::Hash(pw, options_.password);
  a.status = "active";
  std::string now = Now();
  return db_.WriteReturning<std::int64_t>([&](soci::session& s) -> Result<std::int64_t> {
    std::int64_t id = store_.Insert(s, a, now);
    if (!a.email.empty()) store_.Activate(s, id, now);
    audit::RecordSystem(s, AccountEvent("identity.create_account", id, "", audit::Digest(Snapshot(a))), now);
    return id;
  });
}

Status IdentityService::Grant(std::int64_t account_id, std::int64_t node_id, access::Role role) {
  std::string now = Now();
  auto node = org_.Get(node_id);
  if (!node.ok()) return node.error();
  return db_.Write([&](soci::session& s) -> Status {
    std::string role_name(access::RoleName(role));
    store_.AddGrant(s, account_id, node_id, role_name, now);
    audit::Entry e =
        AccountEvent("identity.grant", account_id, "", audit::Digest(std::to_string(node_id) + "|" + role_name));
    e.node_path = node->path;
    audit::RecordSystem(s, e, now);
    return Ok{};
  });
}

std::optional<access::Actor> IdentityService::ActorByEmail(std::string_view email) {
  auto found = db_.Read([&](soci::session& s) -> std::optional<access::Actor> {
    auto a = store_.FindByEmail(s, std::string(email));
    if (!a) return std::nullopt;
    access::Actor actor{a->id, a->kind, {}};
    for (const auto& g : store_.Grants(s, a->id)) {
      if (auto role = access::ParseRole(g.role)) actor.grants.push_back({g.node_id, *role});
    }
    actor.address = "seed";
    return actor;
  });
  return found.ok() ? *found : std::nullopt;
}

Result<int> IdentityService::CountDemoAccounts() {
  return db_.Read([&](soci::session& s) { return store_.CountDemoAccounts(s); });
}

}  // namespace spbe::identity
