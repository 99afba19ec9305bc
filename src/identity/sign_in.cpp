// Use cases: signing in (with a known device and a second factor), the actor behind a session or an API key,
// signing out, and setting up the second factor.
#include "identity/service.hpp"

#include <soci/soci.h>
#include <sodium.h>

#include <algorithm>

#include "audit/audit.hpp"
#include "identity/service_detail.hpp"
#include "platform/cidr.hpp"
#include "platform/crypto.hpp"
#include "platform/i18n.hpp"
#include "platform/identifiers.hpp"
#include "platform/totp.hpp"

namespace spbe::identity {

using detail::AccountEvent;
using detail::Officer;

namespace {

std::string Token() {
  unsigned char raw[32];
  randombytes_buf(raw, sizeof raw);
  char b64[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(b64, sizeof b64, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  sodium_memzero(raw, sizeof raw);
  return b64;
}

// Where an officer's work starts, from the roles held: files to work on first, then complaints, money, the
// organisation, the audit trail; the profile when no role has a page of its own.
std::string HomeOf(const std::vector<GrantRow>& grants) {
  auto holds = [&](std::initializer_list<std::string_view> roles) {
    return std::any_of(grants.begin(), grants.end(),
                       [&](const GrantRow& g) { return std::find(roles.begin(), roles.end(), g.role) != roles.end(); });
  };
  if (holds({"loket", "verifikator", "teknis", "kepala"})) return "/kerja";
  if (holds({"pengaduan"})) return "/pengaduan";
  if (holds({"bendahara"})) return "/keuangan";
  if (holds({"admin_instansi", "admin_platform"})) return "/admin";
  if (holds({"auditor"})) return "/audit";
  return "/profil";
}

}  // namespace

Result<SignedIn> IdentityService::Login(std::string_view username_in, std::string_view password_in,
                                        std::string_view lang, const access::Actor& by, std::string_view totp_code,
                                        std::string_view device) {
  auto refused = Error::Of(ErrorCode::kUnauthorized, i18n::Tr(lang, "identity_sign_in_wrong"));
  // The username as the account would be found by: an e-mail trimmed and lower-cased, a NIK or NIP without spaces.
  std::string username(username_in);
  while (!username.empty() && std::isspace(static_cast<unsigned char>(username.back()))) username.pop_back();
  while (!username.empty() && std::isspace(static_cast<unsigned char>(username.front()))) username.erase(0, 1);
  std::optional<std::string> email;
  if (username.find('@') != std::string::npos) email = NormalizeEmail(username);
  auto account = db_.Read([&](soci::session& s) -> std::optional<Account> {
    if (email) return store_.FindByEmail(s, *email);
    if (username.size() == 16) return store_.FindByNikIndex(s, vault_.Index(username));
    if (username.size() == 18) return store_.FindByNip(s, username);
    return std::nullopt;
  });
  if (!account.ok()) return account.error();
  // The brake's keys: the account (however it was named), the caller's address, and the two together. Only the pair
  // is locked after a few attempts, so one person's typos never lock out everyone behind the same address; a browser
  // the account signed in from before is held only to the pair, so a stranger's guessing never locks the owner out.
  std::string lowered;
  for (char c : username) lowered += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const std::string account_key = *account ? "id:" + std::to_string((*account)->id) : "u:" + email.value_or(lowered);
  const std::string address_key = "a:" + AddressKey(by.address), pair_key = account_key + "|" + address_key;
  bool known_device = false;
  if (*account && !device.empty() && device.size() <= 100) {
    std::string hash = crypto::Sha256Hex(device);
    auto owner = db_.Read([&](soci::session& s) { return store_.DeviceOwner(s, hash); });
    known_device = owner.ok() && *owner == (*account)->id;
  }
  // Counted as the attempt begins (many at once cannot all pass a check made before any was counted); a successful
  // one is taken back below.
  std::optional<Error> braked = known_device ? limiter_.Admit({{limits_.signin_account_address, pair_key}}, lang)
                                             : limiter_.Admit({{limits_.signin_account_address, pair_key},
                                                               {limits_.signin_account, account_key},
                                                               {limits_.signin_address, address_key}},
                                                              lang);
  if (braked) return *braked;
  if (!*account || (*account)->password_hash.empty()) {
    // Spend the same time as a real check, so timing does not tell which usernames exist.
    static const std::string dummy = password::Hash("timing-equaliser-password", options_.password);
    password::Verify(dummy, password_in);
    return refused;
  }
  const Account& a = **account;
  if (!password::Verify(a.password_hash, password_in)) return refused;  // counted by Admit above
  if (a.status == "pending") {
    return Error::Of(ErrorCode::kForbidden, i18n::Tr(lang, "identity_email_unverified"));
  }
  if (a.status != "active") {
    return Error::Of(ErrorCode::kForbidden, i18n::Tr(lang, "identity_account_disabled"));
  }
  if (a.totp_enabled) {
    auto secret = vault_.Open(a.totp_secret_sealed);
    if (!secret.ok()) return secret.error();
    auto unix_now = std::chrono::duration_cast<std::chrono::seconds>(clock_().time_since_epoch()).count();
    if (totp_code.empty()) {
      Error e = Error::Validation({{"totp", i18n::Tr(lang, "identity_totp_needed")}});
      e.code = ErrorCode::kUnauthorized;
      return e;
    }
    if (!totp::Verify(*secret, totp_code, unix_now)) {
      Error e = Error::Validation({{"totp", i18n::Tr(lang, "identity_totp_wrong")}});
      e.code = ErrorCode::kUnauthorized;
      return e;
    }
  }
  std::string rehash = password::NeedsRehash(a.password_hash, options_.password)
                           ? password::Hash(password_in, options_.password)
                           : std::string();
  SignedIn out{Token(), "", a.id};
  // A browser that signs in successfully is remembered (hashed), so that next time its owner is never braked by
  // what strangers did to the account.
  if (!known_device) out.device = Token();
  TimePoint now = clock_();
  out.expires_at = FormatUtc(now + (Officer(a.kind) ? options_.officer_absolute : options_.citizen_absolute));
  Status st = db_.Write([&](soci::session& s) -> Status {
    store_.InsertSession(s, crypto::Sha256Hex(out.token), a.id, FormatUtc(now), out.expires_at);
    if (!out.device.empty()) store_.InsertDevice(s, crypto::Sha256Hex(out.device), a.id, FormatUtc(now));
    if (!rehash.empty()) store_.SetPasswordHash(s, a.id, rehash, FormatUtc(now));
    access::Actor who = by;
    who.account_id = a.id;
    who.kind = a.kind;
    audit::Record(s, who, AccountEvent("identity.login", a.id, "", ""), FormatUtc(now));
    return Ok{};
  });
  if (!st.ok()) return st.error();
  out.home = "/permohonan";
  if (Officer(a.kind)) {
    auto grants = db_.Read([&](soci::session& s) { return store_.Grants(s, a.id); });
    out.home = HomeOf(grants.ok() ? *grants : std::vector<GrantRow>{});
  }
  limiter_.Reset(limits_.signin_account_address, pair_key);
  if (!known_device) limiter_.RefundAll({{limits_.signin_account, account_key}, {limits_.signin_address, address_key}});
  return out;
}

std::optional<access::Actor> IdentityService::Authenticate(std::string_view token) {
  if (token.empty() || token.size() > 100) return std::nullopt;
  if (token.rfind("spbe_", 0) == 0) {
    // spbe_<8 hex prefix>_<secret>
    std::string prefix(token.substr(5, 8));
    storage::CommittedCache<ApiKeyRow>::Ticket ticket;
    std::shared_ptr<const ApiKeyRow> key = api_keys_.Find(prefix, ticket);
    if (!key) {
      auto read = db_.Read([&](soci::session& s) { return store_.ApiKeyByPrefix(s, prefix); });
      if (!read.ok() || !*read) return std::nullopt;
      key = std::make_shared<const ApiKeyRow>(std::move(**read));
      api_keys_.Put(prefix, key->id, key, ticket);
    }
    if (!key->revoked_at.empty()) return std::nullopt;
    std::string hash = crypto::Sha256Hex(token);
    if (sodium_memcmp(hash.data(), key->key_hash.data(), hash.size()) != 0 || hash.size() != key->key_hash.size()) {
      return std::nullopt;
    }
    access::Actor system{0, access::AccountKind::kSystem, {}};
    system.api_key_id = key->id;
    system.api_key_node = key->node_id;
    std::string scopes = key->scopes;
    for (std::size_t i = 0; i < scopes.size();) {
      auto sp = scopes.find(' ', i);
      if (sp == std::string::npos) sp = scopes.size();
      if (sp > i) system.scopes.push_back(scopes.substr(i, sp - i));
      i = sp + 1;
    }
    return system;
  }
  std::string hash = crypto::Sha256Hex(token);
  TimePoint now = clock_();
  storage::CommittedCache<SessionHolder>::Ticket ticket;
  std::shared_ptr<const SessionHolder> found = signed_in_.Find(hash, ticket);
  if (!found) {
    auto read = db_.Read([&](soci::session& s) -> std::shared_ptr<const SessionHolder> {
      auto session = store_.GetSession(s, hash);
      if (!session) return nullptr;
      auto account = store_.Get(s, session->account_id);
      if (!account) return nullptr;
      return std::make_shared<const SessionHolder>(SessionHolder{*session, *account, store_.Grants(s, account->id)});
    });
    if (!read.ok() || !*read) return std::nullopt;
    found = *read;
    signed_in_.Put(hash, found->account.id, found, ticket);
  }
  const SessionHolder& f = *found;
  if (f.account.status != "active") return std::nullopt;  // disabled: its sessions are gone too
  auto last_seen = ParseUtc(f.session.last_seen_at);
  auto idle = Officer(f.account.kind) ? options_.officer_idle : options_.citizen_idle;
  bool expired = f.session.expires_at <= FormatUtc(now) || !last_seen || *last_seen + idle <= now;
  if (expired || f.account.status != "active") {
    (void)db_.Write([&](soci::session& s) -> Status {
      store_.DeleteSession(s, hash);
      return Ok{};
    });
    return std::nullopt;
  }
  // Record activity at most once a minute: a write per request would cost more than the request.
  if (*last_seen + std::chrono::minutes(1) <= now) {
    (void)db_.Write([&](soci::session& s) -> Status {
      store_.TouchSession(s, hash, FormatUtc(now));
      return Ok{};
    });
  }
  access::Actor actor{f.account.id, f.account.kind, {}};
  for (const auto& g : f.grants) {
    if (auto role = access::ParseRole(g.role)) actor.grants.push_back({g.node_id, *role});
  }
  return actor;
}

void IdentityService::EndSessions(soci::session& s, std::int64_t account_id, const std::string* session_hash) const {
  for (const auto& hook : sign_out_hooks_) hook(s, account_id, session_hash);
  if (session_hash) {
    store_.DeleteSession(s, *session_hash);
  } else {
    store_.DeleteSessionsOf(s, account_id);
  }
}

std::optional<std::string> IdentityService::SessionStartedAt(std::string_view token) {
  if (token.empty()) return std::nullopt;
  auto found = db_.Read([&](soci::session& s) { return store_.GetSession(s, crypto::Sha256Hex(token)); });
  if (!found.ok() || !*found) return std::nullopt;
  return (*found)->created_at;
}

Status IdentityService::Logout(std::string_view token, const access::Actor& by) {
  std::string hash = crypto::Sha256Hex(token);
  std::string now = Now();
  return db_.Write([&](soci::session& s) -> Status {
    auto session = store_.GetSession(s, hash);
    if (session) EndSessions(s, session->account_id, &hash);
    audit::Record(s, by, AccountEvent("identity.logout", by.account_id, "", ""), now);
    return Ok{};
  });
}

Status IdentityService::LogoutEverywhere(std::int64_t account_id, const access::Actor& by) {
  std::string now = Now();
  return db_.Write([&](soci::session& s) -> Status {
    EndSessions(s, account_id, nullptr);
    audit::Record(s, by, AccountEvent("identity.logout_everywhere", account_id, "", ""), now);
    return Ok{};
  });
}

bool RolesRequireTotp(const std::vector<GrantRow>& grants) {
  for (const auto& g : grants) {
    if (g.role == "kepala" || g.role == "admin_instansi" || g.role == "admin_platform") return true;
  }
  return false;
}

Result<TotpSetup> IdentityService::StartTotp(const access::Actor& actor, std::string_view lang) {
  if (actor.anonymous() || actor.account_id == 0) return Error::Of(ErrorCode::kUnauthorized, "sign in first");
  std::string secret = totp::NewSecret();
  std::string now = Now();
  TotpSetup setup;
  Status st = db_.Write([&](soci::session& s) -> Status {
    auto a = store_.Get(s, actor.account_id);
    if (!a) return Error::Of(ErrorCode::kUnauthorized, "sign in first");
    if (a->totp_enabled) {
      return Error::Of(ErrorCode::kConflict, i18n::Tr(lang, "identity_totp_already_on"));
    }
    store_.SetTotp(s, a->id, vault_.Seal(secret), false, now);
    setup = {false, totp::Base32(secret), totp::ProvisioningUri("SPBE Terpadu", a->email, secret)};
    return Ok{};
  });
  sodium_memzero(secret.data(), secret.size());
  if (!st.ok()) return st.error();
  return setup;
}

Status IdentityService::ConfirmTotp(const access::Actor& actor, std::string_view code, std::string_view lang) {
  if (actor.anonymous() || actor.account_id == 0) return Error::Of(ErrorCode::kUnauthorized, "sign in first");
  auto unix_now = std::chrono::duration_cast<std::chrono::seconds>(clock_().time_since_epoch()).count();
  std::string now = Now();
  return db_.Write([&](soci::session& s) -> Status {
    auto a = store_.Get(s, actor.account_id);
    if (!a || a->totp_secret_sealed.empty()) {
      return Error::Of(ErrorCode::kConflict, i18n::Tr(lang, "identity_totp_not_started"));
    }
    auto secret = vault_.Open(a->totp_secret_sealed);
    if (!secret.ok()) return secret.error();
    if (!totp::Verify(*secret, code, unix_now)) {
      return Error::Validation({{"code", i18n::Tr(lang, "identity_totp_wrong")}});
    }
    store_.SetTotp(s, a->id, a->totp_secret_sealed, true, now);
    audit::Record(s, actor, AccountEvent("identity.enable_totp", a->id, "", ""), now);
    return Ok{};
  });
}

}  // namespace spbe::identity
