#include "access/access.hpp"

#include <algorithm>
#include <array>

namespace spbe::access {
namespace {

struct RoleRow {
  Role role;
  std::string_view name;
};
constexpr std::array<RoleRow, 10> kRoles = {{{Role::kLoket, "loket"},
                                             {Role::kVerifikator, "verifikator"},
                                             {Role::kTeknis, "teknis"},
                                             {Role::kKepala, "kepala"},
                                             {Role::kAdminInstansi, "admin_instansi"},
                                             {Role::kAdminPlatform, "admin_platform"},
                                             {Role::kAuditor, "auditor"},
                                             {Role::kEvaluator, "evaluator"},
                                             {Role::kBendahara, "bendahara"},
                                             {Role::kPengaduan, "pengaduan"}}};

// The rule table: which roles may take an action on a node in their subtree.
bool RoleMay(Role role, Action action) {
  switch (action) {
    case Action::kOrgRead:
      return true;  // every officer sees the tree it works in
    case Action::kOrgManage:
    case Action::kOfficerManage:
    case Action::kApiKeyManage:
      return role == Role::kAdminInstansi || role == Role::kAdminPlatform;
    case Action::kPersonalDataReveal:
      return role == Role::kLoket || role == Role::kVerifikator || role == Role::kTeknis || role == Role::kKepala;
    case Action::kAuditRead:
      return role == Role::kAuditor || role == Role::kAdminPlatform;
    case Action::kServiceManage:
      return role == Role::kAdminInstansi || role == Role::kAdminPlatform;
    case Action::kBankManage:
      return role == Role::kAdminInstansi || role == Role::kAdminPlatform;
    case Action::kFinanceRead:
      return role == Role::kBendahara || role == Role::kKepala || role == Role::kAuditor ||
             role == Role::kAdminInstansi || role == Role::kAdminPlatform;
    case Action::kReportVerify:
    case Action::kReportRoutesManage:
      return role == Role::kPengaduan || role == Role::kAdminPlatform;
    case Action::kReportHandle:
      return role == Role::kLoket || role == Role::kVerifikator || role == Role::kTeknis || role == Role::kKepala ||
             role == Role::kAdminInstansi;
    case Action::kReportRead:
      return role == Role::kLoket || role == Role::kVerifikator || role == Role::kTeknis || role == Role::kKepala ||
             role == Role::kAdminInstansi || role == Role::kPengaduan || role == Role::kAdminPlatform ||
             role == Role::kAuditor;
    case Action::kServiceReadDraft:
      return role == Role::kAdminInstansi || role == Role::kAdminPlatform || role == Role::kAuditor ||
             role == Role::kKepala;
    case Action::kApplicationRead:
      return role == Role::kLoket || role == Role::kVerifikator || role == Role::kTeknis || role == Role::kKepala ||
             role == Role::kAdminInstansi || role == Role::kAdminPlatform || role == Role::kAuditor;
    case Action::kStatsRead:
      return true;  // every officer of the node sees its own figures in full
    case Action::kInteropManage:
    case Action::kInteropCall:
      return role == Role::kAdminInstansi || role == Role::kAdminPlatform;
    case Action::kInteropLogRead:
      return role == Role::kAdminInstansi || role == Role::kAdminPlatform || role == Role::kAuditor;
    case Action::kInteropProviderUrl:
    case Action::kSsoClientManage:
    case Action::kSpbeModelManage:
      return role == Role::kAdminPlatform;
    case Action::kArchitectureRead:
    case Action::kSpbeRead:
      return true;  // every officer of the node sees its own inventory and assessments
    case Action::kArchitectureManage:
    case Action::kSpbeSelfAssess:
      return role == Role::kAdminInstansi || role == Role::kAdminPlatform;
  }
  return false;
}

}  // namespace

std::string_view RoleName(Role r) {
  for (const auto& row : kRoles) {
    if (row.role == r) return row.name;
  }
  return "";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (const auto& row : kRoles) {
    if (row.name == name) return row.role;
  }
  return std::nullopt;
}

const std::vector<Role>& AllRoles() {
  static const std::vector<Role> all = [] {
    std::vector<Role> v;
    for (const auto& row : kRoles) v.push_back(row.role);
    return v;
  }();
  return all;
}

std::string_view AccountKindName(AccountKind k) {
  switch (k) {
    case AccountKind::kWarga:
      return "warga";
    case AccountKind::kPelakuUsaha:
      return "pelaku_usaha";
    case AccountKind::kAsn:
      return "asn";
    case AccountKind::kSystem:
      return "system";
  }
  return "";
}

std::optional<AccountKind> ParseAccountKind(std::string_view name) {
  for (auto k : {AccountKind::kWarga, AccountKind::kPelakuUsaha, AccountKind::kAsn, AccountKind::kSystem}) {
    if (AccountKindName(k) == name) return k;
  }
  return std::nullopt;
}

bool InSubtree(std::int64_t ancestor_id, std::string_view node_path) {
  std::string needle = "/" + std::to_string(ancestor_id) + "/";
  return node_path.find(needle) != std::string_view::npos;
}

const std::vector<Scope>& Scopes() {
  static const std::vector<Scope> scopes = {
      {"services.read", Action::kServiceReadDraft, "read the services of the node, drafts included"},
      {"applications.read", Action::kApplicationRead,
       "read the submitted files of the node's subtree (personal numbers masked)"},
      {"reports.read", Action::kReportRead, "read the reports held in the node's subtree"},
      {"stats.read", Action::kStatsRead, "read the node's internal figures (each IKM element)"},
      {"audit.read", Action::kAuditRead, "read the audit trail of the node's subtree"},
      {"architecture.read", Action::kArchitectureRead,
       "read the inventory of applications, data sets and infrastructure of the node's subtree"},
      {"spbe.read", Action::kSpbeRead, "read the SPBE assessments of the node's subtree"},
      {"interop", Action::kInteropCall,
       "call services on the interoperability bus as the system the key is bound to (issued with the system)"},
  };
  return scopes;
}

std::optional<Action> ScopeAction(std::string_view name) {
  for (const auto& s : Scopes()) {
    if (s.name == name) return s.action;
  }
  return std::nullopt;
}

bool Allowed(const Actor& actor, Action action, std::string_view node_path) {
  if (actor.anonymous() || node_path.empty()) return false;
  if (actor.api_key_id != 0) {
    if (!InSubtree(actor.api_key_node, node_path)) return false;
    return std::any_of(actor.scopes.begin(), actor.scopes.end(),
                       [&](const std::string& name) { return ScopeAction(name) == action; });
  }
  return std::any_of(actor.grants.begin(), actor.grants.end(),
                     [&](const Grant& g) { return RoleMay(g.role, action) && InSubtree(g.node_id, node_path); });
}

}  // namespace spbe::access

namespace spbe::access {

bool MayGrant(const Actor& actor, Role role, std::string_view node_path) {
  if (!Allowed(actor, Action::kOfficerManage, node_path)) return false;
  if (role != Role::kAdminPlatform && role != Role::kAuditor && role != Role::kEvaluator) return true;
  return std::any_of(actor.grants.begin(), actor.grants.end(),
                     [&](const Grant& g) { return g.role == Role::kAdminPlatform && InSubtree(g.node_id, node_path); });
}

}  // namespace spbe::access
