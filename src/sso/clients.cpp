// The applications that sign people in through this platform, registered by a platform admin: their addresses are
// checked (https, exact), the NIK only for those given a legal basis, the secret shown once and kept as a hash.
#include <soci/soci.h>

#include <algorithm>

#include "audit/audit.hpp"
#include "platform/i18n.hpp"
#include "sso/service.hpp"

namespace spbe::sso {
namespace {

std::string ClientDigest(const ClientRow& c) {
  return audit::Digest(c.client_id + "|" + c.name + "|" + std::to_string(c.node_id) + "|" + JoinScope(c.scopes) + "|" +
                       JoinScope(c.redirect_uris) + "|" + JoinScope(c.post_logout_redirect_uris) + "|" +
                       c.nik_legal_basis + "|" + c.disabled_at + "|" + c.secret_hash);
}

Status CheckSpec(const ClientSpec& spec, std::string_view lang) {
  std::vector<FieldError> errors;
  auto tr = [&](const char* key) { return i18n::Tr(lang, key); };
  if (spec.name.size() < 3 || spec.name.size() > 120) errors.push_back({"name", tr("sso_client_name_length")});
  if (spec.redirect_uris.empty() || spec.redirect_uris.size() > 10) {
    errors.push_back({"redirect_uris", tr("sso_client_redirects_count")});
  }
  for (const auto& list : {&spec.redirect_uris, &spec.post_logout_redirect_uris}) {
    for (const auto& uri : *list) {
      if (RedirectUriProblem(uri)) {
        errors.push_back({list == &spec.redirect_uris ? "redirect_uris" : "post_logout_redirect_uris",
                          tr("sso_client_redirect_invalid") + std::string(": ") + uri.substr(0, 200)});
        break;
      }
    }
  }
  if (spec.post_logout_redirect_uris.size() > 10) {
    errors.push_back({"post_logout_redirect_uris", tr("sso_client_redirects_count")});
  }
  if (!spec.logo_url.empty() && RedirectUriProblem(spec.logo_url))
    errors.push_back({"logo_url", tr("sso_client_logo")});
  const auto& known = KnownScopes();
  bool scopes_ok = std::find(spec.scopes.begin(), spec.scopes.end(), "openid") != spec.scopes.end() &&
                   std::all_of(spec.scopes.begin(), spec.scopes.end(), [&](const std::string& s) {
                     return std::find(known.begin(), known.end(), s) != known.end();
                   });
  if (!scopes_ok) errors.push_back({"scopes", tr("sso_client_scopes")});
  bool nik = std::find(spec.scopes.begin(), spec.scopes.end(), "nik") != spec.scopes.end();
  if (nik && (spec.nik_legal_basis.size() < 5 || spec.nik_legal_basis.size() > 300)) {
    errors.push_back({"nik_legal_basis", tr("sso_client_nik_basis")});
  }
  if (spec.id_token_alg != "RS256" && spec.id_token_alg != "EdDSA") {
    errors.push_back({"id_token_alg", tr("sso_client_alg")});
  }
  if (!errors.empty()) return Error::Validation(std::move(errors));
  return Ok{};
}

}  // namespace

Result<IssuedClient> SsoService::CreateClient(const access::Actor& actor, const ClientSpec& spec,
                                              std::string_view lang) {
  auto node = org_.Get(spec.node_id);
  if (!node.ok()) {
    if (node.error().code == ErrorCode::kNotFound) {
      return Error::Validation({{"node_id", i18n::Tr(lang, "sso_client_node")}});
    }
    return node.error();
  }
  if (!access::Allowed(actor, access::Action::kSsoClientManage, node->path)) {
    return Error::Of(ErrorCode::kForbidden, i18n::Tr(lang, "sso_client_forbidden"));
  }
  Status checked = CheckSpec(spec, lang);
  if (!checked.ok()) return checked.error();
  IssuedClient out;
  ClientRow& c = out.client;
  c.client_id = spec.client_id.empty() ? crypto::RandomHex(12) : spec.client_id;
  c.name = spec.name;
  c.node_id = spec.node_id;
  c.logo_url = spec.logo_url;
  c.redirect_uris = spec.redirect_uris;
  c.post_logout_redirect_uris = spec.post_logout_redirect_uris;
  c.scopes = spec.scopes;
  c.is_public = spec.is_public;
  c.id_token_alg = spec.id_token_alg;
  c.nik_legal_basis = std::find(c.scopes.begin(), c.scopes.end(), "nik") != c.scopes.end() ? spec.nik_legal_basis : "";
  if (!c.is_public) {
    out.secret = spec.secret.empty() ? crypto::RandomToken(32) : spec.secret;
    c.secret_hash = crypto::Sha256Hex(out.secret);
  }
  c.created_by = actor.account_id;
  c.created_at = c.updated_at = Now();
  c.node_name = node->name;
  c.node_path = node->path;
  auto id = db_.WriteReturning<std::int64_t>([&](soci::session& s) -> Result<std::int64_t> {
    if (store_.ClientByClientId(s, c.client_id)) {
      return Error::Validation({{"client_id", i18n::Tr(lang, "sso_client_id_taken")}});
    }
    std::int64_t id = store_.InsertClient(s, c);
    audit::Entry e;
    e.action = "sso.register_client";
    e.object_type = "sso_client";
    e.object_id = std::to_string(id);
    e.node_path = node->path;
    e.after_digest = ClientDigest(c);
    if (actor.platform) {
      audit::RecordSystem(s, e, c.created_at);
    } else {
      audit::Record(s, actor, e, c.created_at);
    }
    return id;
  });
  if (!id.ok()) return id.error();
  c.id = *id;
  return out;
}

Result<std::vector<ClientRow>> SsoService::Clients(const access::Actor& actor) {
  auto all = db_.Read([&](soci::session& s) { return store_.Clients(s); });
  if (!all.ok()) return all.error();
  std::vector<ClientRow> out;
  for (auto& c : *all) {
    if (access::Allowed(actor, access::Action::kSsoClientManage, c.node_path)) out.push_back(std::move(c));
  }
  return out;
}

namespace {

// A client the actor may manage, or not found (another's client and none at all look the same).
Result<ClientRow> Managed(storage::Database& db, const SsoStore& store, const access::Actor& actor, std::int64_t id,
                          std::string_view lang) {
  auto c = db.Read([&](soci::session& s) { return store.ClientById(s, id); });
  if (!c.ok()) return c.error();
  if (!*c || !access::Allowed(actor, access::Action::kSsoClientManage, (*c)->node_path)) {
    return Error::Of(ErrorCode::kNotFound, i18n::Tr(lang, "sso_client_not_found"));
  }
  return **c;
}

}  // namespace

Result<ClientRow> SsoService::DisableClient(const access::Actor& actor, std::int64_t id, std::string_view lang) {
  auto c = Managed(db_, store_, actor, id, lang);
  if (!c.ok()) return c.error();
  if (c->disabled()) return *c;
  std::string now = Now();
  Status st = db_.Write([&](soci::session& s) -> Status {
    std::string before = ClientDigest(*c);
    store_.SetClientDisabled(s, id, now);
    c->disabled_at = now;
    audit::Entry e;
    e.action = "sso.disable_client";
    e.object_type = "sso_client";
    e.object_id = std::to_string(id);
    e.node_path = c->node_path;
    e.before_digest = before;
    e.after_digest = ClientDigest(*c);
    audit::Record(s, actor, e, now);
    return Ok{};
  });
  if (!st.ok()) return st.error();
  return *c;
}

Result<IssuedClient> SsoService::RotateSecret(const access::Actor& actor, std::int64_t id, std::string_view lang) {
  auto c = Managed(db_, store_, actor, id, lang);
  if (!c.ok()) return c.error();
  if (c->is_public) return Error::Of(ErrorCode::kConflict, i18n::Tr(lang, "sso_client_public_no_secret"));
  IssuedClient out{*c, crypto::RandomToken(32)};
  std::string now = Now();
  Status st = db_.Write([&](soci::session& s) -> Status {
    std::string before = ClientDigest(out.client);
    out.client.secret_hash = crypto::Sha256Hex(out.secret);
    out.client.updated_at = now;
    store_.SetClientSecret(s, id, out.client.secret_hash, now);
    audit::Entry e;
    e.action = "sso.rotate_client_secret";
    e.object_type = "sso_client";
    e.object_id = std::to_string(id);
    e.node_path = c->node_path;
    e.before_digest = before;
    e.after_digest = ClientDigest(out.client);
    audit::Record(s, actor, e, now);
    return Ok{};
  });
  if (!st.ok()) return st.error();
  return out;
}

}  // namespace spbe::sso
