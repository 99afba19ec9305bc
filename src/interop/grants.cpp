// Use cases: access rights. A client's admin asks for access to a service with a purpose (and, for personal data, a
// legal basis); the provider's admin approves or refuses with a reason, grants directly, or revokes. Audited.
#include <soci/soci.h>

#include <algorithm>

#include "audit/audit.hpp"
#include "interop/service.hpp"
#include "platform/i18n.hpp"

namespace spbe::interop {
namespace {

audit::Entry GrantEvent(const char* action, const GrantRow& g, const std::string& node_path) {
  audit::Entry e;
  e.action = action;
  e.object_type = "interop_grant";
  e.object_id = std::to_string(g.id);
  e.node_path = node_path;
  e.after_digest = audit::Digest(g.status + "|" + g.service_address + "|" + g.client_address + "|" + g.purpose + "|" +
                                 g.legal_basis + "|" + g.reason);
  return e;
}

bool PrintableText(std::string_view s) {
  for (unsigned char c : s) {
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') return false;
  }
  return true;
}

}  // namespace

Result<GrantRow> InteropService::NewGrant(const access::Actor& actor, std::int64_t service_id,
                                          std::int64_t client_system_id, std::string_view purpose,
                                          std::string_view legal_basis, bool active, std::string_view lang) {
  auto service = ServiceById(service_id, lang);
  if (!service.ok()) return service.error();
  auto client = db_.Read([&](soci::session& s) { return store_.SystemById(s, client_system_id); });
  if (!client.ok()) return client.error();
  // Who may: for a request, the client system's admin; for a direct grant, the provider's.
  const std::string& path = active ? service->node_path : (*client ? (*client)->node_path : std::string());
  if (!*client || !Manages(actor, path)) {
    return Error::Of(ErrorCode::kForbidden,
                     i18n::Tr(lang, active ? "interop_grant_forbidden_provider" : "interop_grant_forbidden_client"));
  }
  if (service->status != "active") return Error::Of(ErrorCode::kConflict, i18n::Tr(lang, "interop_service_withdrawn"));
  std::vector<FieldError> errors;
  if (purpose.empty()) {
    errors.push_back({"purpose", i18n::Tr(lang, "interop_field_required")});
  } else if (purpose.size() > 1000 || !PrintableText(purpose)) {
    errors.push_back({"purpose", i18n::Tr(lang, "interop_field_too_long", {{"max", "1000"}})});
  }
  if (legal_basis.size() > 500 || !PrintableText(legal_basis)) {
    errors.push_back({"legal_basis", i18n::Tr(lang, "interop_field_too_long", {{"max", "500"}})});
  } else if (service->data_class == DataClassName(DataClass::kPersonal) && legal_basis.empty()) {
    errors.push_back({"legal_basis", i18n::Tr(lang, "interop_legal_basis_required")});
  }
  if (!errors.empty()) return Error::Validation(std::move(errors));
  auto now = Now();
  auto id = db_.WriteReturning<std::int64_t>([&](soci::session& s) -> Result<std::int64_t> {
    if (store_.OpenGrant(s, service_id, client_system_id)) {
      return Error::Of(ErrorCode::kConflict, i18n::Tr(lang, "interop_grant_exists"));
    }
    GrantRow g;
    g.service_id = service_id;
    g.client_system_id = client_system_id;
    g.status = GrantStatusName(active ? GrantStatus::kActive : GrantStatus::kRequested);
    g.purpose = std::string(purpose);
    g.legal_basis = std::string(legal_basis);
    g.requested_by = actor.account_id;
    g.requested_at = now;
    if (active) {
      g.decided_by = actor.account_id;
      g.decided_at = now;
    }
    g.id = store_.InsertGrant(s, g);
    g.service_address = service->Address();
    g.client_address = (*client)->Address();
    audit::Record(s, actor, GrantEvent(active ? "interop.grant" : "interop.request_access", g, path), now);
    return g.id;
  });
  if (!id.ok()) return id.error();
  auto row = db_.Read([&](soci::session& s) { return store_.GrantById(s, *id); });
  if (!row.ok()) return row.error();
  return **row;
}

Result<GrantRow> InteropService::RequestAccess(const access::Actor& actor, std::int64_t service_id,
                                               std::int64_t client_system_id, std::string_view purpose,
                                               std::string_view legal_basis, std::string_view lang) {
  return NewGrant(actor, service_id, client_system_id, purpose, legal_basis, false, lang);
}

Result<GrantRow> InteropService::Grant(const access::Actor& actor, std::int64_t service_id,
                                       std::int64_t client_system_id, std::string_view purpose,
                                       std::string_view legal_basis, std::string_view lang) {
  return NewGrant(actor, service_id, client_system_id, purpose, legal_basis, true, lang);
}

// The provider's admin ends a grant's current state: a request decided, or a grant revoked. Seen by both sides, done
// only by the provider; a reason when the answer is no.
Result<GrantRow> InteropService::Conclude(const access::Actor& actor, std::int64_t grant_id, GrantStatus from,
                                          GrantStatus to, std::string_view reason, std::string_view lang) {
  auto now = Now();
  return db_.WriteReturning<GrantRow>([&](soci::session& s) -> Result<GrantRow> {
    auto g = store_.GrantById(s, grant_id);
    if (!g || !(Manages(actor, g->provider_path) || Manages(actor, g->client_path))) {
      return Error::Of(ErrorCode::kNotFound, i18n::Tr(lang, "interop_grant_not_found"));
    }
    if (!Manages(actor, g->provider_path)) {
      return Error::Of(ErrorCode::kForbidden, i18n::Tr(lang, "interop_grant_forbidden_provider"));
    }
    if (g->status != GrantStatusName(from)) {
      return Error::Of(
          ErrorCode::kConflict,
          i18n::Tr(lang, from == GrantStatus::kRequested ? "interop_grant_decided" : "interop_grant_not_active"));
    }
    if (to != GrantStatus::kActive && reason.empty()) {
      return Error::Validation({{"reason", i18n::Tr(lang, "interop_refusal_reason")}});
    }
    if (reason.size() > 1000 || !PrintableText(reason)) {
      return Error::Validation({{"reason", i18n::Tr(lang, "interop_field_too_long", {{"max", "1000"}})}});
    }
    g->status = GrantStatusName(to);
    g->decided_by = actor.account_id;
    g->decided_at = now;
    g->reason = std::string(reason);
    store_.DecideGrant(s, *g);
    const char* action = to == GrantStatus::kActive    ? "interop.approve_access"
                         : to == GrantStatus::kRefused ? "interop.refuse_access"
                                                       : "interop.revoke_access";
    audit::Record(s, actor, GrantEvent(action, *g, g->provider_path), now);
    return *g;
  });
}

Result<GrantRow> InteropService::Decide(const access::Actor& actor, std::int64_t grant_id, bool approve,
                                        std::string_view reason, std::string_view lang) {
  return Conclude(actor, grant_id, GrantStatus::kRequested, approve ? GrantStatus::kActive : GrantStatus::kRefused,
                  reason, lang);
}

Result<GrantRow> InteropService::Revoke(const access::Actor& actor, std::int64_t grant_id, std::string_view reason,
                                        std::string_view lang) {
  return Conclude(actor, grant_id, GrantStatus::kActive, GrantStatus::kRevoked, reason, lang);
}

Result<std::vector<GrantRow>> InteropService::Grants(const access::Actor& actor) {
  if (actor.anonymous()) return Error::Of(ErrorCode::kUnauthorized, "sign in first");
  // Only the subtrees the actor works in are read: no bus-wide list to cut short.
  std::vector<std::string> paths = PathsOf(actor);
  return db_.Read([&](soci::session& s) {
    std::vector<GrantRow> out;
    for (const auto& path : paths) {
      for (auto& g : store_.GrantsTouching(s, path)) {
        bool seen = std::any_of(out.begin(), out.end(), [&](const GrantRow& o) { return o.id == g.id; });
        if (!seen) out.push_back(std::move(g));
      }
    }
    std::sort(out.begin(), out.end(), [](const GrantRow& a, const GrantRow& b) { return a.id > b.id; });
    return out;
  });
}

}  // namespace spbe::interop
