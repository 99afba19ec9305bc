// Use cases: registering a citizen or business account, verifying its e-mail, and removing sign-ups nobody verified.
#include "identity/service.hpp"

#include <soci/soci.h>
#include <sodium.h>

#include <fmt/format.h>

#include "audit/audit.hpp"
#include "identity/service_detail.hpp"
#include "platform/cidr.hpp"
#include "platform/i18n.hpp"
#include "platform/identifiers.hpp"

namespace spbe::identity {

using detail::AccountEvent;
using detail::kVerifyEmail;
using detail::Officer;
using detail::Snapshot;
using detail::Today;

namespace {

// The messages a registration sends.

// The address typed already has an account: its mailbox is told that someone tried, and nothing else.
void MailAddressTaken(const IdentityStore& store, soci::session& s, const Account& a, std::string_view lang,
                      const std::string& now) {
  store.Enqueue(s, "email", a.email, i18n::Tr(lang, "identity_mail_address_taken_subject"),
                i18n::Tr(lang, "identity_mail_address_taken_body"), now);
}

// The NIK or phone typed belongs to another account: the address typed learns only that no account was made.
void MailNotCompleted(const IdentityStore& store, soci::session& s, const Account& a, std::string_view lang,
                      const std::string& now) {
  store.Enqueue(s, "email", a.email, i18n::Tr(lang, "identity_mail_not_completed_subject"),
                i18n::Tr(lang, "identity_mail_not_completed_body", {{"name", a.name}}), now);
}

// The owner of the NIK or phone typed is told that someone tried, in their own language.
void MailOwnerTried(const IdentityStore& store, soci::session& s, const Account& owner, bool nik_taken,
                    const std::string& now) {
  const std::string& lang = owner.language;
  store.Enqueue(s, "email", owner.email, i18n::Tr(lang, "identity_mail_owner_tried_subject"),
                i18n::Tr(lang, "identity_mail_owner_tried_body",
                         {{"name", owner.name},
                          {"detail", i18n::Tr(lang, nik_taken ? "identity_detail_nik" : "identity_detail_phone")}}),
                now);
}

// The verification code, to the address of the new account.
void MailVerificationCode(const IdentityStore& store, soci::session& s, const Account& a, const std::string& code,
                          std::string_view lang, const std::string& now) {
  store.Enqueue(s, "email", a.email, i18n::Tr(lang, "identity_mail_verification_subject"),
                i18n::Tr(lang, "identity_mail_verification_body", {{"name", a.name}, {"code", code}}), now);
}

}  // namespace

Result<Registered> IdentityService::Register(const Registration& r, std::string_view lang, const access::Actor& by) {
  std::vector<FieldError> errors;
  auto kind = access::ParseAccountKind(r.kind);
  if (!kind || (*kind != access::AccountKind::kWarga && *kind != access::AccountKind::kPelakuUsaha)) {
    errors.push_back({"kind", i18n::Tr(lang, "identity_kind_choice")});
  }
  if (r.name.size() < 2 || r.name.size() > 200) {
    errors.push_back({"name", i18n::Tr(lang, "identity_name_needed")});
  }
  std::optional<std::string> email, phone;
  if (!r.email.empty() && !(email = NormalizeEmail(r.email))) {
    errors.push_back({"email", i18n::Tr(lang, "identity_email_invalid")});
  }
  if (!r.phone.empty() && !(phone = NormalizePhone(r.phone))) {
    errors.push_back({"phone", i18n::Tr(lang, "identity_phone_invalid")});
  }
  if (r.email.empty()) {
    errors.push_back({"email", i18n::Tr(lang, "identity_email_needed")});
  }
  if (auto weak = password::Weakness(r.password, lang, {r.email, r.nik, r.phone})) {
    errors.push_back({"password", *weak});
  }
  NikError why{};
  auto nik = ParseNik(
      r.nik, [&](std::string_view code) { return org_.RegionExists(code); }, Today(clock_()), &why);
  if (!nik) errors.push_back({"nik", NikErrorText(why, lang)});
  if (kind == access::AccountKind::kPelakuUsaha) {
    if (!ValidNib(r.nib)) errors.push_back({"nib", i18n::Tr(lang, "identity_nib_invalid")});
    if (!ValidNpwp(r.npwp)) {
      errors.push_back({"npwp", i18n::Tr(lang, "identity_npwp_invalid")});
    }
  }
  if (!errors.empty()) return Error::Validation(std::move(errors));
  if (auto v = limiter_.Hit(limits_.register_address, "a:" + AddressKey(by.address)); !v.allowed)
    return Limiter::Refusal(v, lang);
  if (auto v = limiter_.Hit(limits_.code_request_email, "e:" + *email); !v.allowed) return Limiter::Refusal(v, lang);

  Account a;
  a.kind = *kind;
  a.name = r.name;
  a.email = *email;
  a.nik_sealed = vault_.Seal(r.nik);
  a.nik_index = vault_.Index(r.nik);
  if (phone) {
    a.phone_sealed = vault_.Seal(*phone);
    a.phone_index = vault_.Index(*phone);
  }
  if (a.kind == access::AccountKind::kPelakuUsaha) {
    a.nib = r.nib;
    a.npwp = r.npwp;
  }
  a.password_hash = password::Hash(r.password, options_.password);  // slow: outside the write transaction
  a.status = "pending";
  a.language = lang == "en" ? "en" : "id";  // a language code, not a text
  std::string code = fmt::format("{:06}", randombytes_uniform(1000000));
  TimePoint now_tp = clock_();
  std::string now = FormatUtc(now_tp);
  std::string expires = FormatUtc(now_tp + options_.code_lifetime);

  std::string hold_start = FormatUtc(now_tp - options_.unverified_hold);
  // A sign-up that nobody verified in time holds nothing: it gives way to this one.
  auto stale = [&](const std::optional<Account>& held) {
    return held && held->status == "pending" && !Officer(held->kind) && held->created_at < hold_start;
  };
  // Same e-mail, not yet verified: the same person trying again (only the owner of the address can use the code).
  auto replaceable = [&](const std::optional<Account>& held) {
    return held && held->status == "pending" && !Officer(held->kind) && (held->email == a.email || stale(held));
  };
  return db_.WriteReturning<Registered>([&](soci::session& s) -> Result<Registered> {
    // The answer is the same whatever is already registered, so nobody learns who has an account here: what happened
    // is told only to the mailbox of the address typed.
    auto by_email = store_.FindByEmail(s, a.email);
    if (by_email && !replaceable(by_email)) {
      MailAddressTaken(store_, s, a, lang, now);
      audit::Record(s, by, AccountEvent("identity.register_taken", by_email->id, "", ""), now);
      return Registered{0, "pending"};
    }
    auto by_nik = store_.FindByNikIndex(s, a.nik_index);
    auto by_phone = a.phone_index.empty() ? std::nullopt : store_.FindByPhoneIndex(s, a.phone_index);
    bool nik_taken = by_nik && !replaceable(by_nik), phone_taken = by_phone && !replaceable(by_phone);
    if (nik_taken || phone_taken) {
      // The address typed learns only that no account was made (it must learn that much: it has no code to enter),
      // never which detail is taken; the owner of the NIK or phone is told that someone tried.
      MailNotCompleted(store_, s, a, lang, now);
      const Account& owner = nik_taken ? *by_nik : *by_phone;
      if (!owner.email.empty()) MailOwnerTried(store_, s, owner, nik_taken, now);
      audit::Record(s, by, AccountEvent("identity.register_taken", owner.id, "", ""), now);
      return Registered{0, "pending"};
    }
    for (const auto& held : {by_email, by_nik, by_phone}) {
      if (!held || !replaceable(held)) continue;
      if (!store_.Get(s, held->id)) continue;  // already removed through another of the three
      store_.DeleteAccount(s, held->id);
      audit::Record(s, by, AccountEvent("identity.register_replaced", held->id, audit::Digest(Snapshot(*held)), ""),
                    now);
    }
    std::int64_t id = store_.Insert(s, a, now);
    store_.InsertCode(s, id, kVerifyEmail, CodeHash(id, code), expires, now);
    audit::Record(s, by, AccountEvent("identity.register", id, "", audit::Digest(Snapshot(a))), now);
    MailVerificationCode(store_, s, a, code, lang, now);
    return Registered{id, "pending"};
  });
}

Result<int> IdentityService::PurgeUnverified() {
  std::string before = FormatUtc(clock_() - options_.unverified_hold);
  std::string now = Now();
  return db_.WriteReturning<int>([&](soci::session& s) -> Result<int> {
    int removed = 0;
    for (std::int64_t id : store_.PendingSignUpsBefore(s, before)) {
      auto held = store_.Get(s, id);
      if (!held) continue;
      store_.DeleteAccount(s, id);
      audit::RecordSystem(s, AccountEvent("identity.unverified_removed", id, audit::Digest(Snapshot(*held)), ""), now);
      ++removed;
    }
    return removed;
  });
}

Status IdentityService::VerifyEmail(std::string_view email, std::string_view code, std::string_view lang,
                                    const access::Actor& by) {
  std::string now = Now();
  return WithCode(email, kVerifyEmail, code, lang, by, [&](soci::session& s, const Account& a) -> Status {
    store_.Activate(s, a.id, now);
    Account after = a;
    after.status = "active";
    audit::Record(
        s, by, AccountEvent("identity.verify_email", a.id, audit::Digest(Snapshot(a)), audit::Digest(Snapshot(after))),
        now);
    return Ok{};
  });
}

}  // namespace spbe::identity
