// Use cases: issuing, listing and revoking the API keys other systems use, and the scopes a key may carry.
#include "identity/service.hpp"

#include <soci/soci.h>
#include <sodium.h>

#include "audit/audit.hpp"
#include "platform/crypto.hpp"
#include "platform/i18n.hpp"

namespace spbe::identity {

const std::vector<std::string>& KnownScopes() {
  static const std::vector<std::string> scopes = [] {
    std::vector<std::string> names;
    for (const auto& s : access::Scopes()) names.emplace_back(s.name);
    return names;
  }();
  return scopes;
}

Result<IssuedApiKey> IdentityService::IssueApiKey(const access::Actor& actor, std::int64_t node_id,
                                                  std::string_view name, const std::vector<std::string>& scopes,
                                                  std::string_view lang) {
  auto node = org_.Get(node_id);
  if (!node.ok() || !access::Allowed(actor, access::Action::kApiKeyManage, node->path)) {
    return Error::Of(ErrorCode::kForbidden, i18n::Tr(lang, "identity_api_keys_forbidden"));
  }
  std::vector<FieldError> errors;
  if (name.empty() || name.size() > 100) {
    errors.push_back({"name", i18n::Tr(lang, "identity_api_key_name")});
  }
  std::string joined;
  for (const auto& scope : scopes) {
    auto action = access::ScopeAction(scope);
    if (!action) {
      errors.push_back({"scopes", i18n::Tr(lang, "identity_scope_unknown", {{"scope", scope}})});
    } else if (*action == access::Action::kInteropCall && name.rfind("interop:", 0) != 0) {
      // A bus key means something only bound to a registered system: it is issued with the system (/interop/kelola).
      errors.push_back({"scopes", i18n::Tr(lang, "identity_scope_interop_with_system")});
    } else if (!access::Allowed(actor, *action, node->path)) {
      // A key can do no more than the admin who issues it: an agency admin cannot give a system the audit trail.
      errors.push_back({"scopes", i18n::Tr(lang, "identity_scope_beyond_own", {{"scope", scope}})});
    }
    joined += (joined.empty() ? "" : " ") + scope;
  }
  if (scopes.empty()) errors.push_back({"scopes", i18n::Tr(lang, "identity_scopes_empty")});
  if (!errors.empty()) return Error::Validation(std::move(errors));
  IssuedApiKey out;
  out.row.node_id = node_id;
  out.row.name = std::string(name);
  out.row.scopes = joined;
  out.row.prefix = crypto::RandomHex(4);
  unsigned char secret[32];
  randombytes_buf(secret, sizeof secret);
  char b64[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(b64, sizeof b64, secret, sizeof secret, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  sodium_memzero(secret, sizeof secret);
  out.key = "spbe_" + out.row.prefix + "_" + b64;
  out.row.key_hash = crypto::Sha256Hex(out.key);
  out.row.created_by = actor.account_id;
  out.row.created_at = Now();
  auto id = db_.WriteReturning<std::int64_t>([&](soci::session& s) -> Result<std::int64_t> {
    if (store_.ApiKeyByPrefix(s, out.row.prefix)) return Error::Of(ErrorCode::kConflict, "try again");
    std::int64_t id = store_.InsertApiKey(s, out.row);
    audit::Entry e;
    e.action = "identity.issue_api_key";
    e.object_type = "api_key";
    e.object_id = std::to_string(id);
    e.node_path = node->path;
    e.after_digest = audit::Digest(out.row.name + "|" + out.row.scopes + "|" + out.row.prefix);
    audit::Record(s, actor, e, out.row.created_at);
    return id;
  });
  if (!id.ok()) return id.error();
  out.row.id = *id;
  return out;
}

Result<std::vector<ApiKeyRow>> IdentityService::ListApiKeys(const access::Actor& actor, std::int64_t node_id) {
  auto node = org_.Get(node_id);
  if (!node.ok() || !access::Allowed(actor, access::Action::kApiKeyManage, node->path)) {
    return Error::Of(ErrorCode::kForbidden, "you may not manage API keys of that node");
  }
  return db_.Read([&](soci::session& s) { return store_.ApiKeysOfNode(s, node_id); });
}

Status IdentityService::RevokeApiKey(const access::Actor& actor, std::int64_t key_id, std::string_view lang) {
  auto key = db_.Read([&](soci::session& s) { return store_.ApiKeyById(s, key_id); });
  if (!key.ok()) return key.error();
  auto node = *key ? org_.Get((*key)->node_id) : Result<org::Node>(Error::Of(ErrorCode::kNotFound, ""));
  // Another node's key and no key at all look the same.
  if (!node.ok() || !access::Allowed(actor, access::Action::kApiKeyManage, node->path)) {
    return Error::Of(ErrorCode::kNotFound, i18n::Tr(lang, "identity_api_key_not_found"));
  }
  std::string now = Now();
  return db_.Write([&](soci::session& s) -> Status {
    store_.RevokeApiKey(s, key_id, now);
    audit::Entry e;
    e.action = "identity.revoke_api_key";
    e.object_type = "api_key";
    e.object_id = std::to_string(key_id);
    e.node_path = node->path;
    audit::Record(s, actor, e, now);
    return Ok{};
  });
}

}  // namespace spbe::identity
