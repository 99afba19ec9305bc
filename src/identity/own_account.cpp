// Use cases of the signed-in person's own account: their profile and facts, their message preferences, and their
// UU 27/2022 rights to a copy of their data and to erasure.
#include "identity/service.hpp"

#include <soci/soci.h>

#include <boost/json.hpp>

#include "audit/audit.hpp"
#include "identity/service_detail.hpp"
#include "platform/i18n.hpp"
#include "platform/identifiers.hpp"

namespace spbe::identity {

using detail::AccountEvent;
using detail::Snapshot;

Result<Profile> IdentityService::Me(const access::Actor& actor) {
  if (actor.anonymous()) return Error::Of(ErrorCode::kUnauthorized, "sign in first");
  // Kept until the account or its grants change (the identity store notes every such write).
  std::string key = std::to_string(actor.account_id);
  storage::CommittedCache<Profile>::Ticket ticket;
  if (auto kept = profiles_.Find(key, ticket)) return *kept;
  auto p = db_.Read([&](soci::session& s) -> std::optional<Profile> {
    auto a = store_.Get(s, actor.account_id);
    if (!a) return std::nullopt;
    return Profile{*a, "", store_.Grants(s, a->id)};
  });
  if (!p.ok()) return p.error();
  if (!*p) return Error::Of(ErrorCode::kUnauthorized, "sign in first");
  auto out = std::make_shared<Profile>(std::move(**p));
  if (!out->account.nik_sealed.empty()) {
    auto nik = vault_.Open(out->account.nik_sealed);
    if (nik.ok()) out->nik_masked = MaskNik(*nik);
  }
  profiles_.Put(key, actor.account_id, out, ticket);
  return *out;
}

Result<OwnFacts> IdentityService::Own(const access::Actor& actor) {
  if (actor.account_id == 0 || actor.api_key_id != 0) return Error::Of(ErrorCode::kUnauthorized, "sign in first");
  auto me = Me(actor);
  if (!me.ok()) return me.error();
  OwnFacts out{me->account.name, me->account.email, "", ""};
  if (!me->account.nik_sealed.empty()) {
    if (auto nik = vault_.Open(me->account.nik_sealed); nik.ok()) out.nik = *nik;
  }
  if (!me->account.phone_sealed.empty()) {
    if (auto phone = vault_.Open(me->account.phone_sealed); phone.ok()) out.phone = *phone;
  }
  return out;
}

Status IdentityService::SetPreferences(const access::Actor& actor, std::string_view language,
                                       std::string_view phone_channel, std::string_view lang) {
  if (actor.account_id == 0) return Error::Of(ErrorCode::kUnauthorized, i18n::Tr(lang, "identity_sign_in_first"));
  std::vector<FieldError> errors;
  if (language != "id" && language != "en") errors.push_back({"language", i18n::Tr(lang, "identity_language_choice")});
  if (phone_channel != "none" && phone_channel != "sms" && phone_channel != "whatsapp") {
    errors.push_back({"phone_channel", i18n::Tr(lang, "identity_phone_channel_choice")});
  }
  if (!errors.empty()) return Error::Validation(std::move(errors));
  std::string now = Now(), lang_value(language), channel(phone_channel);
  return db_.Write([&](soci::session& s) -> Status {
    auto a = store_.Get(s, actor.account_id);
    if (!a) return Error::Of(ErrorCode::kNotFound, i18n::Tr(lang, "identity_account_not_found"));
    if (channel != "none" && a->phone_sealed.empty()) {
      return Error::Validation({{"phone_channel", i18n::Tr(lang, "identity_phone_missing")}});
    }
    store_.SetPreferences(s, a->id, lang_value, channel, now);
    audit::Record(s, actor,
                  AccountEvent("identity.preferences", a->id, audit::Digest(a->language + "|" + a->phone_channel),
                               audit::Digest(lang_value + "|" + channel)),
                  now);
    return Ok{};
  });
}

Result<std::string> IdentityService::ExportMyData(const access::Actor& actor) {
  if (actor.anonymous()) return Error::Of(ErrorCode::kUnauthorized, "sign in first");
  struct Held {
    Account account;
    std::vector<GrantRow> grants;
    std::vector<IdentityStore::SessionInfo> sessions;
    std::vector<IdentityStore::Message> messages;
  };
  auto held = db_.Read([&](soci::session& s) -> std::optional<Held> {
    auto a = store_.Get(s, actor.account_id);
    if (!a) return std::nullopt;
    return Held{*a, store_.Grants(s, a->id), store_.SessionsOf(s, a->id), store_.MessagesTo(s, *a)};
  });
  if (!held.ok()) return held.error();
  if (!*held) return Error::Of(ErrorCode::kUnauthorized, "sign in first");
  const Held& h = **held;
  auto history = audit::List(db_, {.object_type = "account", .object_id = std::to_string(h.account.id), .limit = 500});
  if (!history.ok()) return history.error();

  boost::json::object account{{"id", h.account.id},
                              {"kind", access::AccountKindName(h.account.kind)},
                              {"name", h.account.name},
                              {"email", h.account.email},
                              {"email_verified", h.account.email_verified},
                              {"status", h.account.status},
                              {"created_at", h.account.created_at}};
  if (!h.account.nik_sealed.empty()) {
    if (auto nik = vault_.Open(h.account.nik_sealed); nik.ok()) account["nik"] = *nik;
  }
  if (!h.account.phone_sealed.empty()) {
    if (auto phone = vault_.Open(h.account.phone_sealed); phone.ok()) account["phone"] = *phone;
  }
  for (const char* key : {"nip", "position", "nib", "npwp"}) {
    const std::string& v = std::string(key) == "nip"        ? h.account.nip
                           : std::string(key) == "position" ? h.account.position
                           : std::string(key) == "nib"      ? h.account.nib
                                                            : h.account.npwp;
    if (!v.empty()) account[key] = v;
  }
  boost::json::array grants, sessions, messages, events;
  for (const auto& g : h.grants) grants.push_back({{"role", g.role}, {"node", g.node_name}});
  for (const auto& s : h.sessions) {
    sessions.push_back({{"created_at", s.created_at}, {"last_seen_at", s.last_seen_at}, {"expires_at", s.expires_at}});
  }
  for (const auto& m : h.messages) {
    messages.push_back({{"channel", m.channel},
                        {"subject", m.subject},
                        {"created_at", m.created_at},
                        {"sent_at", m.sent_at.empty() ? boost::json::value(nullptr) : boost::json::value(m.sent_at)}});
  }
  for (const auto& e : *history) {
    events.push_back({{"at", e.at}, {"action", e.action}, {"by", e.actor_kind}, {"from", e.address}});
  }
  boost::json::object out{{"exported_at", Now()},
                          {"legal_basis", "UU 27/2022 art. 7 and 32: right of access to personal data"},
                          {"account", std::move(account)},
                          {"roles", std::move(grants)},
                          {"sessions", std::move(sessions)},
                          {"messages", std::move(messages)},
                          {"history", std::move(events)}};
  return boost::json::serialize(out);
}

Status IdentityService::DeleteMyAccount(const access::Actor& actor, std::string_view lang) {
  if (actor.anonymous()) return Error::Of(ErrorCode::kUnauthorized, "sign in first");
  if (actor.kind == access::AccountKind::kAsn || actor.kind == access::AccountKind::kSystem) {
    return Error::Of(ErrorCode::kForbidden, i18n::Tr(lang, "identity_officer_account_kept"));
  }
  std::string now = Now();
  return db_.Write([&](soci::session& s) -> Status {
    auto a = store_.Get(s, actor.account_id);
    if (!a) return Error::Of(ErrorCode::kUnauthorized, "sign in first");
    // An account that filed anything is kept: the files are public records the agency must keep.
    for (const auto& in_use : in_use_checks_) {
      if (in_use(s, a->id)) {
        return Error::Of(ErrorCode::kConflict, i18n::Tr(lang, "identity_account_in_use"));
      }
    }
    store_.DeleteAccount(s, a->id);
    audit::Record(s, actor, AccountEvent("identity.delete_account", a->id, audit::Digest(Snapshot(*a)), ""), now);
    return Ok{};
  });
}

}  // namespace spbe::identity
