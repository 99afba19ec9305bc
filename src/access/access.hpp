#pragma once
/// Who may do what, decided in one place (DESIGN.md "Trust"): a role granted on a node of the government tree
/// reaches that node's whole subtree. Pure: the object's node arrives as its path ("/1/4/9/"), so no lookup is
/// needed to know whether a grant's node is an ancestor.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace spbe::access {

enum class Role {
  kLoket,          // front desk
  kVerifikator,    // checks completeness
  kTeknis,         // technical reviewer
  kKepala,         // approver / signer
  kAdminInstansi,  // agency admin: services, officers, units under its node
  kAdminPlatform,  // Diskominfo: everything in its subtree, including the tree itself
  kAuditor,        // read-only, everything in its subtree
  kEvaluator,      // SPBE self-assessment
  kBendahara,      // finance officer (bendahara penerimaan): payments and the daily reconciliation
  kPengaduan,      // the platform's complaint desk (pengelola pengaduan): verifies reports and sends them to offices
};

std::string_view RoleName(Role r);  // "loket", "admin_instansi", ...
std::optional<Role> ParseRole(std::string_view name);
const std::vector<Role>& AllRoles();

enum class AccountKind { kWarga, kPelakuUsaha, kAsn, kSystem };
std::string_view AccountKindName(AccountKind k);  // "warga", "pelaku_usaha", "asn", "system"
std::optional<AccountKind> ParseAccountKind(std::string_view name);

struct Grant {
  std::int64_t node_id = 0;
  Role role = Role::kLoket;
};

/// The one making a request: an account (or an API key's system identity) and its grants. An anonymous visitor
/// has account_id 0.
struct Actor {
  std::int64_t account_id = 0;
  AccountKind kind = AccountKind::kWarga;
  std::vector<Grant> grants;
  std::string address;              // where the request came from, for the audit trail
  std::int64_t api_key_id = 0;      // another system calling with an API key (kind kSystem, no account)
  std::int64_t api_key_node = 0;    // ... bound to this node
  std::vector<std::string> scopes;  // ... and allowed these scopes
  bool platform = false;            // the platform itself (demo seed, command line): its grants, no account
  bool anonymous() const { return account_id == 0 && api_key_id == 0 && !platform; }
};

enum class Action {
  kOrgRead,             // see a node of the tree and its subtree (public tree data is served without this)
  kOrgManage,           // add or rename OPDs and units under a node
  kOfficerManage,       // create officers, grant and revoke roles on a node
  kApiKeyManage,        // issue and revoke API keys bound to a node
  kPersonalDataReveal,  // unmask a citizen's NIK or phone in a file of the node (audited)
  kAuditRead,           // browse the audit trail of a node's subtree
  kServiceManage,       // edit and publish the services (standard, form, workflow) of a node
  kServiceReadDraft,    // see unpublished drafts of a node's services
  kBankManage,          // register and revoke the banks (their keys) that collect a node's bills
  kFinanceRead,         // see a node's bills, payments and refused callbacks; import bank statements
  kReportVerify,        // the desk: accept and dispose, merge or decline the reports held at the node
  kReportHandle,        // an office: answer, ask for more, forward or close the reports it holds
  kReportRead,          // see the reports held in the subtree, the reporter included unless anonymous
  kReportRoutesManage,  // keep the routing rules that propose an office for a report
  kApplicationRead,     // see the submitted files of a node (personal numbers masked; revealing is kPersonalDataReveal)
  kStatsRead,           // see a node's internal figures (each IKM element), beyond the public ones
  kInteropManage,       // register the node's systems on the bus, publish their services, ask for and grant access
  kInteropLogRead,      // read the bus's message log of the node's systems, as client and as provider
  kInteropProviderUrl,  // set where the bus forwards a service's calls (a platform admin's decision: SSRF)
  kInteropCall,         // call services on the bus as a system (the `interop` scope of a system's key)
  kSsoClientManage,     // register the applications that sign people in through this platform (they receive personal
                        // data: a platform admin's decision)
  kArchitectureRead,    // see a node's inventory of applications, data sets and infrastructure, and its duplicates
  kArchitectureManage,  // record, import and retire the node's applications, data sets and infrastructure
  kSpbeRead,            // see the node's SPBE assessments in full (the public sees final results only)
  kSpbeSelfAssess,      // the agency's SPBE coordinator: open the year's assessment, fill and submit it, plan targets
  kSpbeModelManage,     // load another maturity model file (a later regulation)
};

/// What another system may do with an API key: each scope opens exactly one action, within the key's node's subtree.
/// A key never acts as a person: it holds no role, no account, and no scope opens a change.
struct Scope {
  std::string_view name;  // "applications.read"
  Action action;
  std::string_view description;  // English, for the API description and the admin page
};
const std::vector<Scope>& Scopes();
std::optional<Action> ScopeAction(std::string_view name);

/// True when one of the actor's grants, on the node itself or one of its ancestors, carries a role that may do the
/// action; for an API key, when one of its scopes opens the action and its node is the object's node or an ancestor.
/// `node_path` is the object's node path, "/<root id>/.../<node id>/".
bool Allowed(const Actor& actor, Action action, std::string_view node_path);

/// Whether the actor may grant `role` on the node: officer management there, and for the platform-wide roles
/// (admin_platform, auditor, evaluator) an admin_platform grant above it, so no agency admin can raise anyone,
/// including themselves, above their own reach.
bool MayGrant(const Actor& actor, Role role, std::string_view node_path);

/// Whether node `ancestor_id` is on `node_path` (the node itself counts).
bool InSubtree(std::int64_t ancestor_id, std::string_view node_path);

}  // namespace spbe::access
