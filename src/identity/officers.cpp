// Use cases of an admin over officers: creating one, granting and revoking roles, disabling and re-enabling, and
// listing the officers under a node.
#include "identity/service.hpp"

#include <soci/soci.h>
#include <sodium.h>

#include <fmt/format.h>
#include <algorithm>

#include "audit/audit.hpp"
#include "identity/service_detail.hpp"
#include "platform/i18n.hpp"
#include "platform/identifiers.hpp"

namespace spbe::identity {

using detail::AccountEvent;
using detail::kActivate;
using detail::Officer;
using detail::Snapshot;
using detail::Today;

namespace {

// Whether the admin may manage an officer: one of the officer's roles is on a node where the admin manages
// officers. An officer without roles (all revoked) is managed by the platform admin only.
bool ReachesOfficer(const access::Actor& admin, const std::vector<GrantDetail>& grants) {
  for (const auto& g : grants) {
    if (access::Allowed(admin, access::Action::kOfficerManage, g.node_path)) return true;
  }
  return std::any_of(admin.grants.begin(), admin.grants.end(),
                     [](const access::Grant& g) { return g.role == access::Role::kAdminPlatform; }) &&
         grants.empty();
}

Error NoSuchOfficer(std::string_view lang) {
  return Error::Of(ErrorCode::kNotFound, i18n::Tr(lang, "identity_officer_not_found"));
}

}  // namespace

Result<std::int64_t> IdentityService::CreateOfficer(const access::Actor& admin, const NewOfficer& o,
                                                    std::string_view lang, const std::string& public_url) {
  auto node = org_.Get(o.node_id);
  auto role = access::ParseRole(o.role);
  if (!node.ok() || !role || !access::MayGrant(admin, *role, node->path)) {
    if (node.ok() && !access::Allowed(admin, access::Action::kOfficerManage, node->path)) {
      return Error::Of(ErrorCode::kForbidden, i18n::Tr(lang, "identity_officers_forbidden"));
    }
    std::vector<FieldError> errors;
    if (!node.ok()) errors.push_back({"node_id", i18n::Tr(lang, "identity_node_not_found")});
    if (!role) errors.push_back({"role", i18n::Tr(lang, "identity_role_unknown")});
    if (errors.empty()) {
      return Error::Of(ErrorCode::kForbidden, i18n::Tr(lang, "identity_grant_platform_only"));
    }
    return Error::Validation(std::move(errors));
  }
  std::vector<FieldError> errors;
  if (o.name.size() < 2 || o.name.size() > 200)
    errors.push_back({"name", i18n::Tr(lang, "identity_officer_name_needed")});
  auto email = NormalizeEmail(o.email);
  if (!email) errors.push_back({"email", i18n::Tr(lang, "identity_email_invalid")});
  if (!ParseNip(o.nip, Today(clock_()))) {
    errors.push_back({"nip", i18n::Tr(lang, "identity_nip_invalid")});
  }
  if (o.position.empty() || o.position.size() > 200)
    errors.push_back({"position", i18n::Tr(lang, "identity_position_needed")});
  if (!errors.empty()) return Error::Validation(std::move(errors));

  Account a;
  a.kind = access::AccountKind::kAsn;
  a.name = o.name;
  a.email = *email;
  a.nip = o.nip;
  a.position = o.position;
  a.status = "pending";
  std::string code = fmt::format("{:06}", randombytes_uniform(1000000));
  TimePoint now_tp = clock_();
  std::string now = FormatUtc(now_tp);
  std::string expires = FormatUtc(now_tp + std::chrono::hours(72));
  return db_.WriteReturning<std::int64_t>([&](soci::session& s) -> Result<std::int64_t> {
    std::vector<FieldError> taken;
    if (store_.FindByEmail(s, a.email)) taken.push_back({"email", i18n::Tr(lang, "identity_already_registered")});
    if (store_.FindByNip(s, a.nip)) taken.push_back({"nip", i18n::Tr(lang, "identity_already_registered")});
    if (!taken.empty()) return Error::Validation(std::move(taken));
    std::int64_t id = store_.Insert(s, a, now);
    store_.AddGrant(s, id, node->id, o.role, now);
    store_.InsertCode(s, id, kActivate, CodeHash(id, code), expires, now);
    std::string link = public_url + "/aktivasi?email=" + a.email + "&kode=" + code;
    store_.Enqueue(s, "email", a.email, i18n::Tr(lang, "identity_mail_activate_subject"),
                   i18n::Tr(lang, "identity_mail_activate_body",
                            {{"name", a.name}, {"role", o.role}, {"node", node->name}, {"link", link}, {"code", code}}),
                   now);
    audit::Entry e = AccountEvent("identity.create_officer", id, "", audit::Digest(Snapshot(a) + "|" + o.role));
    e.node_path = node->path;
    audit::Record(s, admin, e, now);
    return id;
  });
}

Result<std::int64_t> IdentityService::GrantRole(const access::Actor& admin, std::int64_t account_id,
                                                std::int64_t node_id, std::string_view role_name,
                                                std::string_view lang) {
  auto node = org_.Get(node_id);
  auto role = access::ParseRole(role_name);
  std::vector<FieldError> errors;
  if (!node.ok()) errors.push_back({"node_id", i18n::Tr(lang, "identity_node_not_found")});
  if (!role) errors.push_back({"role", i18n::Tr(lang, "identity_role_unknown")});
  if (!errors.empty()) return Error::Validation(std::move(errors));
  if (!access::Allowed(admin, access::Action::kOfficerManage, node->path)) {
    return Error::Of(ErrorCode::kForbidden, i18n::Tr(lang, "identity_officers_forbidden"));
  }
  if (!access::MayGrant(admin, *role, node->path)) {
    return Error::Of(ErrorCode::kForbidden, i18n::Tr(lang, "identity_grant_platform_only"));
  }
  std::string now = Now();
  return db_.WriteReturning<std::int64_t>([&](soci::session& s) -> Result<std::int64_t> {
    auto account = store_.Get(s, account_id);
    if (!account || !Officer(account->kind)) return NoSuchOfficer(lang);
    auto held = store_.GrantDetails(s, account_id);
    if (!ReachesOfficer(admin, held)) return NoSuchOfficer(lang);
    for (const auto& g : held) {
      if (g.node_id == node_id && g.role == role_name) {
        return Error::Validation({{"role", i18n::Tr(lang, "identity_role_already_held")}});
      }
    }
    // A pending officer sets the second factor up at activation; an active one must already have it.
    if (RolesRequireTotp({GrantRow{node_id, std::string(role_name), "", ""}}) && account->status == "active" &&
        !account->totp_enabled) {
      return Error::Validation({{"role", i18n::Tr(lang, "identity_role_needs_totp")}});
    }
    store_.AddGrant(s, account_id, node_id, std::string(role_name), now);
    std::int64_t grant_id = 0;
    for (const auto& g : store_.GrantDetails(s, account_id)) {
      if (g.node_id == node_id && g.role == role_name) grant_id = g.id;
    }
    audit::Entry e = AccountEvent("identity.grant", account_id, "",
                                  audit::Digest(std::to_string(node_id) + "|" + std::string(role_name)));
    e.node_path = node->path;
    audit::Record(s, admin, e, now);
    return grant_id;
  });
}

Status IdentityService::RevokeGrant(const access::Actor& admin, std::int64_t grant_id, std::string_view lang) {
  std::string now = Now();
  return db_.Write([&](soci::session& s) -> Status {
    auto grant = store_.GrantById(s, grant_id);
    if (!grant || !access::Allowed(admin, access::Action::kOfficerManage, grant->node_path)) {
      return Error::Of(ErrorCode::kNotFound, i18n::Tr(lang, "identity_grant_not_found"));
    }
    auto role = access::ParseRole(grant->role);
    if (!role || !access::MayGrant(admin, *role, grant->node_path)) {
      return Error::Of(ErrorCode::kForbidden, i18n::Tr(lang, "identity_revoke_platform_only"));
    }
    if (admin.account_id == grant->account_id) {
      return Error::Of(ErrorCode::kForbidden, i18n::Tr(lang, "identity_revoke_own_role"));
    }
    store_.DeleteGrant(s, grant_id);
    audit::Entry e = AccountEvent("identity.revoke", grant->account_id,
                                  audit::Digest(std::to_string(grant->node_id) + "|" + grant->role), "");
    e.node_path = grant->node_path;
    audit::Record(s, admin, e, now);
    return Ok{};
  });
}

Status IdentityService::SetOfficerEnabled(const access::Actor& admin, std::int64_t account_id, bool enabled,
                                          std::string_view lang) {
  std::string now = Now();
  return db_.Write([&](soci::session& s) -> Status {
    auto account = store_.Get(s, account_id);
    if (!account || !Officer(account->kind)) return NoSuchOfficer(lang);
    auto held = store_.GrantDetails(s, account_id);
    if (!ReachesOfficer(admin, held)) return NoSuchOfficer(lang);
    for (const auto& g : held) {
      if (!access::Allowed(admin, access::Action::kOfficerManage, g.node_path)) {
        return Error::Of(ErrorCode::kForbidden, i18n::Tr(lang, "identity_officer_beyond_reach"));
      }
    }
    if (admin.account_id == account_id) {
      return Error::Of(ErrorCode::kForbidden, i18n::Tr(lang, "identity_disable_own_account"));
    }
    std::string status = enabled ? "active" : "disabled";
    if (enabled && account->status != "disabled") return Ok{};  // active, or still waiting for activation
    if (account->status == status) return Ok{};
    Account after = *account;
    after.status = status;
    store_.SetStatus(s, account_id, status, now);
    if (!enabled) EndSessions(s, account_id, nullptr);
    audit::Entry e = AccountEvent(enabled ? "identity.enable" : "identity.disable", account_id,
                                  audit::Digest(Snapshot(*account)), audit::Digest(Snapshot(after)));
    if (!held.empty()) e.node_path = held.front().node_path;
    audit::Record(s, admin, e, now);
    return Ok{};
  });
}

Result<std::vector<IdentityStore::OfficerRow>> IdentityService::OfficersUnder(const access::Actor& actor,
                                                                              std::int64_t node_id) {
  auto node = org_.Get(node_id);
  if (!node.ok() || !access::Allowed(actor, access::Action::kOfficerManage, node->path)) {
    return Error::Of(ErrorCode::kForbidden, "you may not manage officers of that node");
  }
  return db_.Read([&](soci::session& s) { return store_.OfficersUnder(s, node->path); });
}

}  // namespace spbe::identity
