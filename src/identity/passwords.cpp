// Use cases: choosing a password with a code sent by e-mail (officer activation, password reset), and the code check
// they share with e-mail verification.
#include "identity/service.hpp"

#include <soci/soci.h>
#include <sodium.h>

#include <fmt/format.h>

#include "audit/audit.hpp"
#include "identity/service_detail.hpp"
#include "platform/cidr.hpp"
#include "platform/crypto.hpp"
#include "platform/i18n.hpp"
#include "platform/identifiers.hpp"
#include "platform/totp.hpp"

namespace spbe::identity {

using detail::AccountEvent;
using detail::kActivate;
using detail::kResetPassword;
using detail::Snapshot;

std::string IdentityService::CodeHash(std::int64_t account_id, std::string_view code) const {
  return crypto::Sha256Hex(std::to_string(account_id) + ":" + std::string(code));
}

Status IdentityService::WithCode(std::string_view email_in, const char* purpose, std::string_view code,
                                 std::string_view lang, const access::Actor& by,
                                 const std::function<Status(soci::session&, const Account&)>& apply) {
  auto wrong = Error::Validation({{"code", i18n::Tr(lang, "identity_code_wrong")}});
  auto email = NormalizeEmail(email_in);
  if (!email) return Error::Validation({{"email", i18n::Tr(lang, "identity_email_invalid")}});
  // Each code allows five tries, and three codes an hour may be asked for one address; this brake stops one caller
  // trying codes for many addresses.
  const std::string address_key = "a:" + AddressKey(by.address);
  if (auto refused = limiter_.Admit({{limits_.code_confirm_address, address_key}}, lang)) return *refused;
  std::string now = Now();
  Status outcome = Ok{};
  Status written = db_.Write([&](soci::session& s) -> Status {
    auto account = store_.FindByEmail(s, *email);
    auto latest = account ? store_.LatestUnusedCode(s, account->id, purpose) : std::nullopt;
    if (!latest || latest->expires_at < now || latest->attempts >= options_.code_attempts) {
      outcome = wrong;
      return Ok{};
    }
    if (latest->code_hash != CodeHash(account->id, code)) {
      store_.CountCodeAttempt(s, latest->id);  // committed: the failed attempt must count
      outcome = wrong;
      return Ok{};
    }
    store_.UseCode(s, latest->id, now);
    return apply(s, *account);  // an error here undoes the whole unit, the code stays unused
  });
  if (!written.ok()) return written;
  if (outcome.ok()) limiter_.RefundAll({{limits_.code_confirm_address, address_key}});
  return outcome;
}

Result<TotpSetup> IdentityService::Activate(std::string_view email, std::string_view code,
                                            std::string_view new_password, std::string_view lang,
                                            const access::Actor& by) {
  if (auto weak = password::Weakness(new_password, lang, {email})) return Error::Validation({{"password", *weak}});
  std::string hash = password::Hash(new_password, options_.password);
  std::string now = Now();
  std::string secret = totp::NewSecret();
  TotpSetup setup;
  Status st = WithCode(email, kActivate, code, lang, by, [&](soci::session& s, const Account& a) -> Status {
    store_.SetPasswordHash(s, a.id, hash, now);
    store_.Activate(s, a.id, now);
    if (!a.demo && RolesRequireTotp(store_.Grants(s, a.id))) {
      store_.SetTotp(s, a.id, vault_.Seal(secret), true, now);
      setup = {true, totp::Base32(secret), totp::ProvisioningUri("SPBE Terpadu", a.email, secret)};
    }
    Account after = a;
    after.status = "active";
    audit::Record(s, by,
                  AccountEvent("identity.activate", a.id, audit::Digest(Snapshot(a)), audit::Digest(Snapshot(after))),
                  now);
    return Ok{};
  });
  sodium_memzero(secret.data(), secret.size());
  if (!st.ok()) return st.error();
  return setup;
}

Status IdentityService::RequestPasswordReset(std::string_view email_in, std::string_view lang,
                                             const access::Actor& by) {
  auto email = NormalizeEmail(email_in);
  if (!email) return Error::Validation({{"email", i18n::Tr(lang, "identity_email_invalid")}});
  // Counted for every address typed, known or not, so the brake tells nothing about who has an account.
  if (auto v = limiter_.Hit(limits_.code_request_address, "a:" + AddressKey(by.address)); !v.allowed) {
    return Limiter::Refusal(v, lang);
  }
  if (auto v = limiter_.Hit(limits_.code_request_email, "e:" + *email); !v.allowed) return Limiter::Refusal(v, lang);
  std::string code = fmt::format("{:06}", randombytes_uniform(1000000));
  TimePoint now_tp = clock_();
  std::string now = FormatUtc(now_tp);
  return db_.Write([&](soci::session& s) -> Status {
    auto account = store_.FindByEmail(s, *email);
    if (!account || account->status == "disabled") return Ok{};  // same answer: no way to probe addresses
    store_.InsertCode(s, account->id, kResetPassword, CodeHash(account->id, code),
                      FormatUtc(now_tp + options_.code_lifetime), now);
    store_.Enqueue(s, "email", account->email, i18n::Tr(lang, "identity_mail_reset_subject"),
                   i18n::Tr(lang, "identity_mail_reset_body", {{"code", code}}), now);
    audit::Record(s, by, AccountEvent("identity.request_password_reset", account->id, "", ""), now);
    return Ok{};
  });
}

Status IdentityService::ResetPassword(std::string_view email, std::string_view code, std::string_view new_password,
                                      std::string_view lang, const access::Actor& by) {
  if (auto weak = password::Weakness(new_password, lang, {email})) return Error::Validation({{"password", *weak}});
  std::string hash = password::Hash(new_password, options_.password);
  std::string now = Now();
  return WithCode(email, kResetPassword, code, lang, by, [&](soci::session& s, const Account& a) -> Status {
    store_.SetPasswordHash(s, a.id, hash, now);
    EndSessions(s, a.id, nullptr);  // whoever knew the old password is signed out
    audit::Record(s, by, AccountEvent("identity.reset_password", a.id, "", ""), now);
    return Ok{};
  });
}

}  // namespace spbe::identity
