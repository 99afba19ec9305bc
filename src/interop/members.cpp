// Use cases: an agency joins the bus as a member, registers its information systems, and gives each a credential.
#include <soci/soci.h>

#include "audit/audit.hpp"
#include "interop/service.hpp"
#include "platform/i18n.hpp"

namespace spbe::interop {

InteropService::InteropService(storage::Database& db, const InteropStore& store, org::OrgService& org,
                               Credentials& credentials, Forwarder& forwarder, const PiiVault& vault, Limiter& limiter,
                               Clock clock, Options options)
    : db_(db),
      store_(store),
      org_(org),
      credentials_(credentials),
      forwarder_(forwarder),
      vault_(vault),
      limiter_(limiter),
      clock_(std::move(clock)),
      options_(std::move(options)) {}

std::string InteropService::Now() const { return FormatUtc(clock_()); }

bool InteropService::Manages(const access::Actor& actor, const std::string& node_path) const {
  return access::Allowed(actor, access::Action::kInteropManage, node_path);
}

bool InteropService::ReadsLog(const access::Actor& actor, const std::string& node_path) const {
  return access::Allowed(actor, access::Action::kInteropLogRead, node_path);
}

std::vector<std::string> InteropService::PathsOf(const access::Actor& actor) const {
  std::vector<std::string> paths;
  for (const auto& g : actor.grants) {
    auto node = org_.Get(g.node_id);
    if (node.ok() && (Manages(actor, node->path) || ReadsLog(actor, node->path))) paths.push_back(node->path);
  }
  return paths;
}

Result<SystemRow> InteropService::RegisterSystem(const access::Actor& actor, const NewSystem& in,
                                                 std::string_view lang) {
  auto node = org_.Get(in.node_id);
  if (!node.ok() || !Manages(actor, node->path)) {
    return Error::Of(ErrorCode::kForbidden, i18n::Tr(lang, "interop_forbidden_node"));
  }
  std::vector<FieldError> errors = CheckSystem(in.system, lang);
  auto now = Now();
  auto id = db_.WriteReturning<std::int64_t>([&](soci::session& s) -> Result<std::int64_t> {
    auto member = store_.MemberOfNode(s, in.node_id);
    if (!member) {
      if (!ValidCode(in.member_code)) {
        errors.push_back({"member_code", i18n::Tr(lang, "interop_member_code_invalid")});
      } else if (store_.MemberByCode(s, in.member_code)) {
        errors.push_back({"member_code", i18n::Tr(lang, "interop_member_code_taken")});
      }
    } else if (errors.empty() && store_.SystemByCodes(s, member->code, in.system.code)) {
      errors.push_back({"code", i18n::Tr(lang, "interop_system_code_taken")});
    }
    if (!errors.empty()) return Error::Validation(errors);
    if (!member) {
      store_.InsertMember(s, {in.node_id, in.member_code, now, "", ""});
      audit::Entry e;
      e.action = "interop.join";
      e.object_type = "interop_member";
      e.object_id = in.member_code;
      e.node_path = node->path;
      e.after_digest = audit::Digest(in.member_code);
      audit::Record(s, actor, e, now);
    }
    SystemRow row;
    row.node_id = in.node_id;
    row.code = in.system.code;
    row.name = in.system.name;
    row.owner_unit = in.system.owner_unit;
    row.contact = in.system.contact;
    row.created_at = now;
    std::int64_t id = store_.InsertSystem(s, row);
    audit::Entry e;
    e.action = "interop.register_system";
    e.object_type = "interop_system";
    e.object_id = std::to_string(id);
    e.node_path = node->path;
    e.after_digest = audit::Digest(row.code + "|" + row.name + "|" + row.owner_unit + "|" + row.contact);
    audit::Record(s, actor, e, now);
    return id;
  });
  if (!id.ok()) return id.error();
  return System(actor, *id, lang);
}

Result<std::vector<SystemRow>> InteropService::SystemsOf(const access::Actor& actor) {
  if (actor.anonymous()) return Error::Of(ErrorCode::kUnauthorized, "sign in first");
  return db_.Read([&](soci::session& s) {
    std::vector<SystemRow> out;
    for (auto& r : store_.SystemsUnder(s, "/")) {
      if (Manages(actor, r.node_path) || ReadsLog(actor, r.node_path)) out.push_back(std::move(r));
    }
    return out;
  });
}

Result<SystemRow> InteropService::System(const access::Actor& actor, std::int64_t id, std::string_view lang) {
  auto row = db_.Read([&](soci::session& s) { return store_.SystemById(s, id); });
  if (!row.ok()) return row.error();
  if (!*row || !(Manages(actor, (*row)->node_path) || ReadsLog(actor, (*row)->node_path))) {
    return Error::Of(ErrorCode::kNotFound, i18n::Tr(lang, "interop_system_not_found"));
  }
  return **row;
}

Result<SystemRow> InteropService::ManagedSystem(const access::Actor& actor, std::int64_t system_id,
                                                std::string_view lang) {
  auto row = db_.Read([&](soci::session& s) { return store_.SystemById(s, system_id); });
  if (!row.ok()) return row.error();
  if (!*row || !Manages(actor, (*row)->node_path)) {
    return Error::Of(ErrorCode::kNotFound, i18n::Tr(lang, "interop_system_not_found"));
  }
  return **row;
}

Result<IssuedKey> InteropService::IssueKey(const access::Actor& actor, std::int64_t system_id, std::string_view lang) {
  auto system = ManagedSystem(actor, system_id, lang);
  if (!system.ok()) return system.error();
  auto issued = credentials_.Issue(actor, system->node_id, "interop:" + system->Address(), lang);
  if (!issued.ok()) return issued.error();
  std::int64_t old_key = system->api_key_id;
  auto now = Now();
  auto st = db_.Write([&](soci::session& s) -> Status {
    store_.SetSystemKey(s, system_id, issued->key_id);
    audit::Entry e;
    e.action = "interop.issue_key";
    e.object_type = "interop_system";
    e.object_id = std::to_string(system_id);
    e.node_path = system->node_path;
    e.before_digest = old_key ? audit::Digest(std::to_string(old_key)) : "";
    e.after_digest = audit::Digest(std::to_string(issued->key_id));
    audit::Record(s, actor, e, now);
    return Ok{};
  });
  if (!st.ok()) {
    // The new key opens nothing unbound, but it should not linger either.
    (void)credentials_.Revoke(actor, issued->key_id, lang);
    return st.error();
  }
  if (old_key != 0) (void)credentials_.Revoke(actor, old_key, lang);
  IssuedKey out;
  out.system = *system;
  out.system.api_key_id = issued->key_id;
  out.key = std::move(issued->key);
  return out;
}

std::optional<SystemRow> InteropService::SystemOfKey(const access::Actor& caller) {
  if (caller.api_key_id == 0) return std::nullopt;
  if (std::find(caller.scopes.begin(), caller.scopes.end(), "interop") == caller.scopes.end()) return std::nullopt;
  auto row = db_.Read([&](soci::session& s) { return directory_.Begin(s).SystemByKey(caller.api_key_id); });
  if (!row.ok() || !*row) return std::nullopt;
  return **row;
}

}  // namespace spbe::interop
