#include "identity/service.hpp"

#include <soci/soci.h>
#include <sodium.h>
#include <set>

#include <fmt/format.h>
#include <algorithm>
#include <boost/json.hpp>

#include "audit/audit.hpp"
#include "platform/cidr.hpp"
#include "platform/crypto.hpp"
#include "platform/identifiers.hpp"
#include "platform/totp.hpp"
#include "storage/rows.hpp"

namespace spbe::identity {
namespace {

constexpr const char* kVerifyEmail = "verify_email";
constexpr const char* kActivate = "activate";
constexpr const char* kResetPassword = "reset_password";

std::string Token() {
  unsigned char raw[32];
  randombytes_buf(raw, sizeof raw);
  char b64[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(b64, sizeof b64, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  sodium_memzero(raw, sizeof raw);
  return b64;
}

std::chrono::year_month_day Today(TimePoint t) {
  // NIK birth dates are civil dates; a few hours of time zone do not matter for "not in the future".
  return std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(t)};
}

bool Officer(access::AccountKind k) { return k == access::AccountKind::kAsn; }

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

// What the audit trail fingerprints of an account: its public state, never secrets or personal numbers.
std::string Snapshot(const Account& a) {
  return std::string(access::AccountKindName(a.kind)) + "|" + a.name + "|" + a.email + "|" + a.status + "|" + a.nip;
}

audit::Entry AccountEvent(const char* action, std::int64_t id, std::string before, std::string after) {
  audit::Entry e;
  e.action = action;
  e.object_type = "account";
  e.object_id = std::to_string(id);
  e.before_digest = std::move(before);
  e.after_digest = std::move(after);
  return e;
}

}  // namespace

std::string IdentityService::CodeHash(std::int64_t account_id, std::string_view code) const {
  return crypto::Sha256Hex(std::to_string(account_id) + ":" + std::string(code));
}

Result<Registered> IdentityService::Register(const Registration& r, std::string_view lang, const access::Actor& by) {
  bool en = lang == "en";
  std::vector<FieldError> errors;
  auto kind = access::ParseAccountKind(r.kind);
  if (!kind || (*kind != access::AccountKind::kWarga && *kind != access::AccountKind::kPelakuUsaha)) {
    errors.push_back(
        {"kind", en ? "choose warga (citizen) or pelaku_usaha (business)" : "pilih warga atau pelaku_usaha"});
  }
  if (r.name.size() < 2 || r.name.size() > 200) {
    errors.push_back({"name", en ? "give your full name" : "isi nama lengkap Anda"});
  }
  std::optional<std::string> email, phone;
  if (!r.email.empty() && !(email = NormalizeEmail(r.email))) {
    errors.push_back({"email", en ? "not a valid e-mail address" : "alamat surel tidak valid"});
  }
  if (!r.phone.empty() && !(phone = NormalizePhone(r.phone))) {
    errors.push_back(
        {"phone", en ? "give a mobile number such as 0812 3456 7890" : "isi nomor ponsel, misalnya 0812 3456 7890"});
  }
  if (r.email.empty()) {
    errors.push_back({"email", en ? "an e-mail address is needed to send your verification code"
                                  : "surel diperlukan untuk mengirim kode verifikasi"});
  }
  if (auto weak = password::Weakness(r.password, lang, {r.email, r.nik, r.phone})) {
    errors.push_back({"password", *weak});
  }
  NikError why{};
  auto nik = ParseNik(
      r.nik, [&](std::string_view code) { return org_.RegionExists(code); }, Today(clock_()), &why);
  if (!nik) errors.push_back({"nik", NikErrorText(why, lang)});
  if (kind == access::AccountKind::kPelakuUsaha) {
    if (!ValidNib(r.nib)) errors.push_back({"nib", en ? "NIB is 13 digits" : "NIB terdiri atas 13 digit"});
    if (!ValidNpwp(r.npwp)) {
      errors.push_back(
          {"npwp", en ? "NPWP is 16 digits, or 15 in the old format with a valid check digit"
                      : "NPWP terdiri atas 16 digit, atau 15 digit format lama dengan digit kontrol yang benar"});
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
  a.language = en ? "en" : "id";
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
      store_.Enqueue(s, "email", a.email,
                     en ? "Someone tried to register with your address"
                        : "Ada yang mencoba "
                          "mendaftar dengan surel Anda",
                     en ? fmt::format("Hello,\n\nSomeone tried to register a new SPBE Terpadu account with this "
                                      "address, which already has one. If it was you, sign in, or reset your password "
                                      "if you forgot it. If it was not you, you need do nothing: no account was "
                                      "created and yours is unchanged.\n")
                        : fmt::format("Halo,\n\nAda yang mencoba mendaftarkan akun SPBE Terpadu baru dengan surel ini, "
                                      "yang sudah memiliki akun. Bila itu Anda, silakan masuk, atau atur ulang kata "
                                      "sandi bila lupa. Bila bukan Anda, tidak perlu berbuat apa-apa: tidak ada akun "
                                      "yang dibuat dan akun Anda tidak berubah.\n"),
                     now);
      audit::Record(s, by, AccountEvent("identity.register_taken", by_email->id, "", ""), now);
      return Registered{0, "pending"};
    }
    auto by_nik = store_.FindByNikIndex(s, a.nik_index);
    auto by_phone = a.phone_index.empty() ? std::nullopt : store_.FindByPhoneIndex(s, a.phone_index);
    bool nik_taken = by_nik && !replaceable(by_nik), phone_taken = by_phone && !replaceable(by_phone);
    if (nik_taken || phone_taken) {
      // The address typed learns only that no account was made (it must learn that much: it has no code to enter),
      // never which detail is taken; the owner of the NIK or phone is told that someone tried.
      store_.Enqueue(
          s, "email", a.email,
          en ? "Your SPBE Terpadu registration was not completed" : "Pendaftaran SPBE Terpadu Anda belum selesai",
          en ? fmt::format("Hello {},\n\nNo account could be created with the details you gave. If you already have "
                           "an account, sign in with it (or reset its password). If you do not, contact the portal's "
                           "operator: the address is at the foot of every page.\n",
                           a.name)
             : fmt::format("Halo {},\n\nAkun tidak dapat dibuat dengan data yang Anda isi. Bila Anda sudah memiliki "
                           "akun, silakan masuk dengannya (atau atur ulang kata sandinya). Bila belum, hubungi "
                           "pengelola portal: alamatnya ada di bagian bawah setiap halaman.\n",
                           a.name),
          now);
      const Account& owner = nik_taken ? *by_nik : *by_phone;
      if (!owner.email.empty()) {
        bool owner_en = owner.language == "en";
        store_.Enqueue(s, "email", owner.email,
                       owner_en ? "Someone tried to register with your details"
                                : "Ada yang mencoba mendaftar dengan "
                                  "data Anda",
                       owner_en ? fmt::format("Hello {},\n\nSomeone tried to register a new SPBE Terpadu account with "
                                              "the {} of your account. No account was created and yours is unchanged. "
                                              "If it was not you and it happens again, tell the portal's operator.\n",
                                              owner.name, nik_taken ? "NIK" : "mobile number")
                                : fmt::format("Halo {},\n\nAda yang mencoba mendaftarkan akun SPBE Terpadu baru dengan "
                                              "{} akun Anda. Tidak ada akun yang dibuat dan akun Anda tidak berubah. "
                                              "Bila bukan Anda dan terulang, beri tahu pengelola portal.\n",
                                              owner.name, nik_taken ? "NIK" : "nomor ponsel"),
                       now);
      }
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
    store_.Enqueue(s, "email", a.email,
                   en ? "Your SPBE Terpadu verification code" : "Kode verifikasi SPBE Terpadu Anda",
                   en ? fmt::format("Hello {},\n\nYour verification code is {}. It is valid for 30 minutes.\n"
                                    "If you did not register, ignore this message.\n",
                                    a.name, code)
                      : fmt::format("Halo {},\n\nKode verifikasi Anda: {}. Berlaku 30 menit.\n"
                                    "Abaikan pesan ini bila Anda tidak mendaftar.\n",
                                    a.name, code),
                   now);
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

Result<SignedIn> IdentityService::Login(std::string_view username_in, std::string_view password_in,
                                        std::string_view lang, const access::Actor& by, std::string_view totp_code,
                                        std::string_view device) {
  bool en = lang == "en";
  auto refused = Error::Of(ErrorCode::kUnauthorized,
                           en ? "the username or the password is wrong" : "nama pengguna atau kata sandi salah");
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
    return Error::Of(ErrorCode::kForbidden, en ? "verify your e-mail first: enter the code we sent you"
                                               : "verifikasi surel Anda dahulu: masukkan kode yang kami kirim");
  }
  if (a.status != "active") {
    return Error::Of(ErrorCode::kForbidden, en ? "this account is disabled" : "akun ini dinonaktifkan");
  }
  if (a.totp_enabled) {
    auto secret = vault_.Open(a.totp_secret_sealed);
    if (!secret.ok()) return secret.error();
    auto unix_now = std::chrono::duration_cast<std::chrono::seconds>(clock_().time_since_epoch()).count();
    if (totp_code.empty()) {
      Error e = Error::Validation({{"totp", en ? "enter the 6-digit code from your authenticator app"
                                               : "masukkan 6 angka kode dari aplikasi autentikator Anda"}});
      e.code = ErrorCode::kUnauthorized;
      return e;
    }
    if (!totp::Verify(*secret, totp_code, unix_now)) {
      Error e = Error::Validation({{"totp", en ? "the authenticator code is wrong" : "kode autentikator salah"}});
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
    auto key = db_.Read([&](soci::session& s) { return store_.ApiKeyByPrefix(s, prefix); });
    if (!key.ok() || !*key || !(*key)->revoked_at.empty()) return std::nullopt;
    std::string hash = crypto::Sha256Hex(token);
    if (sodium_memcmp(hash.data(), (*key)->key_hash.data(), hash.size()) != 0 ||
        hash.size() != (*key)->key_hash.size()) {
      return std::nullopt;
    }
    access::Actor system{0, access::AccountKind::kSystem, {}};
    system.api_key_id = (*key)->id;
    system.api_key_node = (*key)->node_id;
    std::string scopes = (*key)->scopes;
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
  struct Found {
    SessionRow session;
    Account account;
    std::vector<GrantRow> grants;
  };
  auto found = db_.Read([&](soci::session& s) -> std::optional<Found> {
    auto session = store_.GetSession(s, hash);
    if (!session) return std::nullopt;
    auto account = store_.Get(s, session->account_id);
    if (!account) return std::nullopt;
    return Found{*session, *account, store_.Grants(s, account->id)};
  });
  if (!found.ok() || !*found) return std::nullopt;
  const Found& f = **found;
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

Status IdentityService::Logout(std::string_view token, const access::Actor& by) {
  std::string hash = crypto::Sha256Hex(token);
  std::string now = Now();
  return db_.Write([&](soci::session& s) -> Status {
    store_.DeleteSession(s, hash);
    audit::Record(s, by, AccountEvent("identity.logout", by.account_id, "", ""), now);
    return Ok{};
  });
}

Status IdentityService::LogoutEverywhere(std::int64_t account_id, const access::Actor& by) {
  std::string now = Now();
  return db_.Write([&](soci::session& s) -> Status {
    store_.DeleteSessionsOf(s, account_id);
    audit::Record(s, by, AccountEvent("identity.logout_everywhere", account_id, "", ""), now);
    return Ok{};
  });
}

Result<Profile> IdentityService::Me(const access::Actor& actor) {
  if (actor.anonymous()) return Error::Of(ErrorCode::kUnauthorized, "sign in first");
  auto p = db_.Read([&](soci::session& s) -> std::optional<Profile> {
    auto a = store_.Get(s, actor.account_id);
    if (!a) return std::nullopt;
    return Profile{*a, "", store_.Grants(s, a->id)};
  });
  if (!p.ok()) return p.error();
  if (!*p) return Error::Of(ErrorCode::kUnauthorized, "sign in first");
  Profile out = std::move(**p);
  if (!out.account.nik_sealed.empty()) {
    auto nik = vault_.Open(out.account.nik_sealed);
    if (nik.ok()) out.nik_masked = MaskNik(*nik);
  }
  return out;
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

Result<std::int64_t> IdentityService::CreateActive(Account a, std::string_view pw, std::string_view nik,
                                                   std::string_view phone) {
  if (!nik.empty()) {
    a.nik_sealed = vault_.Seal(nik);
    a.nik_index = vault_.Index(nik);
  }
  if (!phone.empty()) {
    a.phone_sealed = vault_.Seal(phone);
    a.phone_index = vault_.Index(phone);
  }
  a.password_hash = password::Hash(pw, options_.password);
  a.status = "active";
  std::string now = Now();
  return db_.WriteReturning<std::int64_t>([&](soci::session& s) -> Result<std::int64_t> {
    std::int64_t id = store_.Insert(s, a, now);
    if (!a.email.empty()) store_.Activate(s, id, now);
    audit::RecordSystem(s, AccountEvent("identity.create_account", id, "", audit::Digest(Snapshot(a))), now);
    return id;
  });
}

Result<int> IdentityService::CountDemoAccounts() {
  return db_.Read([&](soci::session& s) { return store_.CountDemoAccounts(s); });
}

Status IdentityService::Grant(std::int64_t account_id, std::int64_t node_id, access::Role role) {
  std::string now = Now();
  auto node = org_.Get(node_id);
  if (!node.ok()) return node.error();
  return db_.Write([&](soci::session& s) -> Status {
    std::string role_name(access::RoleName(role));
    store_.AddGrant(s, account_id, node_id, role_name, now);
    audit::Entry e =
        AccountEvent("identity.grant", account_id, "", audit::Digest(std::to_string(node_id) + "|" + role_name));
    e.node_path = node->path;
    audit::RecordSystem(s, e, now);
    return Ok{};
  });
}

}  // namespace spbe::identity

namespace spbe::identity {

Status IdentityService::WithCode(std::string_view email_in, const char* purpose, std::string_view code,
                                 std::string_view lang, const access::Actor& by,
                                 const std::function<Status(soci::session&, const Account&)>& apply) {
  bool en = lang == "en";
  auto wrong = Error::Validation({{"code", en ? "the code is wrong or has expired; ask for a new one"
                                              : "kode salah atau sudah kedaluwarsa; minta kode baru"}});
  auto email = NormalizeEmail(email_in);
  if (!email) return Error::Validation({{"email", en ? "not a valid e-mail address" : "alamat surel tidak valid"}});
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

Result<std::int64_t> IdentityService::CreateOfficer(const access::Actor& admin, const NewOfficer& o,
                                                    std::string_view lang, const std::string& public_url) {
  bool en = lang == "en";
  auto node = org_.Get(o.node_id);
  auto role = access::ParseRole(o.role);
  if (!node.ok() || !role || !access::MayGrant(admin, *role, node->path)) {
    if (node.ok() && !access::Allowed(admin, access::Action::kOfficerManage, node->path)) {
      return Error::Of(ErrorCode::kForbidden, en ? "you may not manage officers of that node"
                                                 : "Anda tidak berwenang mengelola petugas pada simpul tersebut");
    }
    std::vector<FieldError> errors;
    if (!node.ok()) errors.push_back({"node_id", en ? "no such node" : "simpul tidak ditemukan"});
    if (!role) errors.push_back({"role", en ? "not a role" : "bukan peran yang dikenal"});
    if (errors.empty()) {
      return Error::Of(ErrorCode::kForbidden, en ? "only a platform admin may grant that role"
                                                 : "hanya admin platform yang dapat memberi peran tersebut");
    }
    return Error::Validation(std::move(errors));
  }
  std::vector<FieldError> errors;
  if (o.name.size() < 2 || o.name.size() > 200)
    errors.push_back({"name", en ? "give the full name" : "isi nama lengkap"});
  auto email = NormalizeEmail(o.email);
  if (!email) errors.push_back({"email", en ? "not a valid e-mail address" : "alamat surel tidak valid"});
  if (!ParseNip(o.nip, Today(clock_()))) {
    errors.push_back({"nip", en ? "NIP is 18 digits: birth date, appointment month, sex digit 1 or 2, serial"
                                : "NIP terdiri atas 18 digit: tanggal lahir, bulan pengangkatan, digit jenis kelamin 1 "
                                  "atau 2, nomor urut"});
  }
  if (o.position.empty() || o.position.size() > 200)
    errors.push_back({"position", en ? "give the position" : "isi jabatan"});
  if (!errors.empty()) return Error::Validation(std::move(errors));

  Account a;
  a.kind = access::AccountKind::kAsn;
  a.name = o.name;
  a.email = *email;
  a.nip = o.nip;
  a.position = o.position;
  a.status = "pending";
  std::string code = fmt::format("{:06}", randombytes_uniform(1000000));
  TimePoint now_tp = clock_();
  std::string now = FormatUtc(now_tp);
  std::string expires = FormatUtc(now_tp + std::chrono::hours(72));
  return db_.WriteReturning<std::int64_t>([&](soci::session& s) -> Result<std::int64_t> {
    std::vector<FieldError> taken;
    if (store_.FindByEmail(s, a.email)) taken.push_back({"email", en ? "already registered" : "sudah terdaftar"});
    if (store_.FindByNip(s, a.nip)) taken.push_back({"nip", en ? "already registered" : "sudah terdaftar"});
    if (!taken.empty()) return Error::Validation(std::move(taken));
    std::int64_t id = store_.Insert(s, a, now);
    store_.AddGrant(s, id, node->id, o.role, now);
    store_.InsertCode(s, id, kActivate, CodeHash(id, code), expires, now);
    std::string link = public_url + "/aktivasi?email=" + a.email + "&kode=" + code;
    store_.Enqueue(
        s, "email", a.email,
        en ? "Activate your SPBE Terpadu officer account" : "Aktifkan akun petugas SPBE Terpadu Anda",
        en ? fmt::format("Hello {},\n\nAn account was created for you as {} at {}.\nChoose your password here "
                         "within 72 hours: {}\nActivation code: {}\n",
                         a.name, o.role, node->name, link, code)
           : fmt::format("Halo {},\n\nAkun Anda dibuat sebagai {} pada {}.\nTentukan kata sandi Anda dalam 72 "
                         "jam di: {}\nKode aktivasi: {}\n",
                         a.name, o.role, node->name, link, code),
        now);
    audit::Entry e = AccountEvent("identity.create_officer", id, "", audit::Digest(Snapshot(a) + "|" + o.role));
    e.node_path = node->path;
    audit::Record(s, admin, e, now);
    return id;
  });
}

namespace {

// Whether the admin may manage an officer: one of the officer's roles is on a node where the admin manages
// officers. An officer without roles (all revoked) is managed by the platform admin only.
bool ReachesOfficer(const access::Actor& admin, const std::vector<GrantDetail>& grants) {
  for (const auto& g : grants) {
    if (access::Allowed(admin, access::Action::kOfficerManage, g.node_path)) return true;
  }
  return std::any_of(admin.grants.begin(), admin.grants.end(),
                     [](const access::Grant& g) { return g.role == access::Role::kAdminPlatform; }) &&
         grants.empty();
}

Error NoSuchOfficer(bool en) {
  return Error::Of(ErrorCode::kNotFound, en ? "no such officer" : "petugas tidak ditemukan");
}

}  // namespace

Result<std::int64_t> IdentityService::GrantRole(const access::Actor& admin, std::int64_t account_id,
                                                std::int64_t node_id, std::string_view role_name,
                                                std::string_view lang) {
  bool en = lang == "en";
  auto node = org_.Get(node_id);
  auto role = access::ParseRole(role_name);
  std::vector<FieldError> errors;
  if (!node.ok()) errors.push_back({"node_id", en ? "no such node" : "simpul tidak ditemukan"});
  if (!role) errors.push_back({"role", en ? "not a role" : "bukan peran yang dikenal"});
  if (!errors.empty()) return Error::Validation(std::move(errors));
  if (!access::Allowed(admin, access::Action::kOfficerManage, node->path)) {
    return Error::Of(ErrorCode::kForbidden, en ? "you may not manage officers of that node"
                                               : "Anda tidak berwenang mengelola petugas pada simpul tersebut");
  }
  if (!access::MayGrant(admin, *role, node->path)) {
    return Error::Of(ErrorCode::kForbidden, en ? "only a platform admin may grant that role"
                                               : "hanya admin platform yang dapat memberi peran tersebut");
  }
  std::string now = Now();
  return db_.WriteReturning<std::int64_t>([&](soci::session& s) -> Result<std::int64_t> {
    auto account = store_.Get(s, account_id);
    if (!account || !Officer(account->kind)) return NoSuchOfficer(en);
    auto held = store_.GrantDetails(s, account_id);
    if (!ReachesOfficer(admin, held)) return NoSuchOfficer(en);
    for (const auto& g : held) {
      if (g.node_id == node_id && g.role == role_name) {
        return Error::Validation({{"role", en ? "the officer already holds this role there"
                                              : "petugas sudah memegang peran ini pada simpul tersebut"}});
      }
    }
    // A pending officer sets the second factor up at activation; an active one must already have it.
    if (RolesRequireTotp({GrantRow{node_id, std::string(role_name), "", ""}}) && account->status == "active" &&
        !account->totp_enabled) {
      return Error::Validation(
          {{"role", en ? "this role needs two-step sign-in: the officer turns it on in their profile first"
                       : "peran ini mewajibkan verifikasi dua langkah: petugas mengaktifkannya dulu di profilnya"}});
    }
    store_.AddGrant(s, account_id, node_id, std::string(role_name), now);
    std::int64_t grant_id = 0;
    for (const auto& g : store_.GrantDetails(s, account_id)) {
      if (g.node_id == node_id && g.role == role_name) grant_id = g.id;
    }
    audit::Entry e = AccountEvent("identity.grant", account_id, "",
                                  audit::Digest(std::to_string(node_id) + "|" + std::string(role_name)));
    e.node_path = node->path;
    audit::Record(s, admin, e, now);
    return grant_id;
  });
}

std::optional<access::Actor> IdentityService::ActorByEmail(std::string_view email) {
  auto found = db_.Read([&](soci::session& s) -> std::optional<access::Actor> {
    auto a = store_.FindByEmail(s, std::string(email));
    if (!a) return std::nullopt;
    access::Actor actor{a->id, a->kind, {}};
    for (const auto& g : store_.Grants(s, a->id)) {
      if (auto role = access::ParseRole(g.role)) actor.grants.push_back({g.node_id, *role});
    }
    actor.address = "seed";
    return actor;
  });
  return found.ok() ? *found : std::nullopt;
}

std::vector<notify::Recipient> IdentityService::NearestWithRole(access::Role role, const std::string& node_path) {
  auto rows = db_.Read([&](soci::session& s) {
    std::vector<std::pair<std::string, std::int64_t>> out;  // path, account
    std::string r(access::RoleName(role));
    soci::rowset<soci::row> found =
        (s.prepare << "SELECT n.path, a.id FROM account_grants g JOIN accounts a ON a.id = g.account_id "
                      "JOIN org_nodes n ON n.id = g.node_id WHERE g.role = :role AND a.status = 'active' "
                      "AND :path LIKE n.path || '%'",
         soci::use(r, "role"), soci::use(node_path, "path"));
    for (const auto& row : found) out.emplace_back(row.get<std::string>(0), storage::Int64(row, 1));
    return out;
  });
  std::vector<notify::Recipient> out;
  if (!rows.ok()) return out;
  std::size_t deepest = 0;
  for (const auto& [path, id] : *rows) deepest = std::max(deepest, path.size());
  std::set<std::int64_t> seen;
  for (const auto& [path, id] : *rows) {
    if (path.size() == deepest && seen.insert(id).second) out.push_back(RecipientOf(id));
  }
  return out;
}

notify::Recipient IdentityService::RecipientOf(std::int64_t account_id) {
  auto a = db_.Read([&](soci::session& s) { return store_.Get(s, account_id); });
  notify::Recipient r;
  if (!a.ok() || !*a || (*a)->status == "disabled") return r;
  const Account& acc = **a;
  r.account_id = acc.id;
  r.email = acc.email;
  r.language = acc.language == "en" ? "en" : "id";
  if (acc.phone_channel != "none" && !acc.phone_sealed.empty()) {
    r.phone_channel = acc.phone_channel;
    r.phone_sealed = acc.phone_sealed;
  }
  return r;
}

IdentityService::Signatory IdentityService::SignatoryOf(std::int64_t account_id) {
  auto a = db_.Read([&](soci::session& s) { return store_.Get(s, account_id); });
  if (!a.ok() || !*a) return {};
  return {(*a)->name, (*a)->position, (*a)->nip};
}

Status IdentityService::SetPreferences(const access::Actor& actor, std::string_view language,
                                       std::string_view phone_channel, std::string_view lang) {
  bool en = lang == "en";
  if (actor.account_id == 0) {
    return Error::Of(ErrorCode::kUnauthorized, en ? "sign in first" : "masuk terlebih dahulu");
  }
  std::vector<FieldError> errors;
  if (language != "id" && language != "en") errors.push_back({"language", en ? "id or en" : "id atau en"});
  if (phone_channel != "none" && phone_channel != "sms" && phone_channel != "whatsapp") {
    errors.push_back({"phone_channel", en ? "none, sms or whatsapp" : "none, sms, atau whatsapp"});
  }
  if (!errors.empty()) return Error::Validation(std::move(errors));
  std::string now = Now(), lang_value(language), channel(phone_channel);
  return db_.Write([&](soci::session& s) -> Status {
    auto a = store_.Get(s, actor.account_id);
    if (!a) return Error::Of(ErrorCode::kNotFound, en ? "no such account" : "akun tidak ditemukan");
    if (channel != "none" && a->phone_sealed.empty()) {
      return Error::Validation({{"phone_channel", en ? "your account has no phone number; add one first"
                                                     : "akun Anda belum memiliki nomor telepon; tambahkan dahulu"}});
    }
    store_.SetPreferences(s, a->id, lang_value, channel, now);
    audit::Record(s, actor,
                  AccountEvent("identity.preferences", a->id, audit::Digest(a->language + "|" + a->phone_channel),
                               audit::Digest(lang_value + "|" + channel)),
                  now);
    return Ok{};
  });
}

int IdentityService::ActiveOfficersWith(access::Role role, const std::string& node_path) {
  auto n = db_.Read(
      [&](soci::session& s) { return store_.CountActiveWithRole(s, std::string(access::RoleName(role)), node_path); });
  return n.ok() ? *n : 0;
}

Status IdentityService::RevokeGrant(const access::Actor& admin, std::int64_t grant_id, std::string_view lang) {
  bool en = lang == "en";
  std::string now = Now();
  return db_.Write([&](soci::session& s) -> Status {
    auto grant = store_.GrantById(s, grant_id);
    if (!grant || !access::Allowed(admin, access::Action::kOfficerManage, grant->node_path)) {
      return Error::Of(ErrorCode::kNotFound, en ? "no such role grant" : "pemberian peran tidak ditemukan");
    }
    auto role = access::ParseRole(grant->role);
    if (!role || !access::MayGrant(admin, *role, grant->node_path)) {
      return Error::Of(ErrorCode::kForbidden, en ? "only a platform admin may revoke that role"
                                                 : "hanya admin platform yang dapat mencabut peran tersebut");
    }
    if (admin.account_id == grant->account_id) {
      return Error::Of(ErrorCode::kForbidden, en ? "you cannot revoke your own role; ask another admin"
                                                 : "Anda tidak dapat mencabut peran sendiri; minta admin lain");
    }
    store_.DeleteGrant(s, grant_id);
    audit::Entry e = AccountEvent("identity.revoke", grant->account_id,
                                  audit::Digest(std::to_string(grant->node_id) + "|" + grant->role), "");
    e.node_path = grant->node_path;
    audit::Record(s, admin, e, now);
    return Ok{};
  });
}

Status IdentityService::SetOfficerEnabled(const access::Actor& admin, std::int64_t account_id, bool enabled,
                                          std::string_view lang) {
  bool en = lang == "en";
  std::string now = Now();
  return db_.Write([&](soci::session& s) -> Status {
    auto account = store_.Get(s, account_id);
    if (!account || !Officer(account->kind)) return NoSuchOfficer(en);
    auto held = store_.GrantDetails(s, account_id);
    if (!ReachesOfficer(admin, held)) return NoSuchOfficer(en);
    for (const auto& g : held) {
      if (!access::Allowed(admin, access::Action::kOfficerManage, g.node_path)) {
        return Error::Of(ErrorCode::kForbidden,
                         en ? "the officer also holds roles outside your reach; ask the platform admin"
                            : "petugas juga memegang peran di luar wewenang Anda; minta admin platform");
      }
    }
    if (admin.account_id == account_id) {
      return Error::Of(ErrorCode::kForbidden,
                       en ? "you cannot disable your own account" : "Anda tidak dapat menonaktifkan akun sendiri");
    }
    std::string status = enabled ? "active" : "disabled";
    if (enabled && account->status != "disabled") return Ok{};  // active, or still waiting for activation
    if (account->status == status) return Ok{};
    Account after = *account;
    after.status = status;
    store_.SetStatus(s, account_id, status, now);
    if (!enabled) store_.DeleteSessionsOf(s, account_id);
    audit::Entry e = AccountEvent(enabled ? "identity.enable" : "identity.disable", account_id,
                                  audit::Digest(Snapshot(*account)), audit::Digest(Snapshot(after)));
    if (!held.empty()) e.node_path = held.front().node_path;
    audit::Record(s, admin, e, now);
    return Ok{};
  });
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
  bool en = lang == "en";
  auto email = NormalizeEmail(email_in);
  if (!email) return Error::Validation({{"email", en ? "not a valid e-mail address" : "alamat surel tidak valid"}});
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
    store_.Enqueue(
        s, "email", account->email, en ? "Reset your SPBE Terpadu password" : "Atur ulang kata sandi SPBE Terpadu",
        en ? fmt::format("Your password reset code is {}. It is valid for 30 minutes.\nIf you did not ask "
                         "for it, ignore this message: your password stays as it is.\n",
                         code)
           : fmt::format("Kode atur ulang kata sandi Anda: {}. Berlaku 30 menit.\nAbaikan pesan ini bila Anda "
                         "tidak memintanya: kata sandi Anda tidak berubah.\n",
                         code),
        now);
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
    store_.DeleteSessionsOf(s, a.id);  // whoever knew the old password is signed out
    audit::Record(s, by, AccountEvent("identity.reset_password", a.id, "", ""), now);
    return Ok{};
  });
}

}  // namespace spbe::identity

namespace spbe::identity {

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
  bool en = lang == "en";
  if (actor.anonymous()) return Error::Of(ErrorCode::kUnauthorized, "sign in first");
  if (actor.kind == access::AccountKind::kAsn || actor.kind == access::AccountKind::kSystem) {
    return Error::Of(ErrorCode::kForbidden, en ? "officer accounts are retired by their agency admin"
                                               : "akun petugas dinonaktifkan oleh admin instansinya");
  }
  std::string now = Now();
  return db_.Write([&](soci::session& s) -> Status {
    auto a = store_.Get(s, actor.account_id);
    if (!a) return Error::Of(ErrorCode::kUnauthorized, "sign in first");
    // An account that filed anything is kept: the files are public records the agency must keep.
    for (const auto& in_use : in_use_checks_) {
      if (in_use(s, a->id)) {
        return Error::Of(ErrorCode::kConflict,
                         en ? "this account has filed applications, so it is kept with them; your data stays protected"
                            : "akun ini sudah dipakai untuk mengajukan permohonan sehingga disimpan bersama berkasnya; "
                              "data Anda tetap dilindungi");
      }
    }
    store_.DeleteAccount(s, a->id);
    audit::Record(s, actor, AccountEvent("identity.delete_account", a->id, audit::Digest(Snapshot(*a)), ""), now);
    return Ok{};
  });
}

}  // namespace spbe::identity

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
  bool en = lang == "en";
  auto node = org_.Get(node_id);
  if (!node.ok() || !access::Allowed(actor, access::Action::kApiKeyManage, node->path)) {
    return Error::Of(ErrorCode::kForbidden, en ? "you may not manage API keys of that node"
                                               : "Anda tidak berwenang mengelola kunci API simpul tersebut");
  }
  std::vector<FieldError> errors;
  if (name.empty() || name.size() > 100) {
    errors.push_back({"name", en ? "name the system that will use the key" : "isi nama sistem pengguna kunci"});
  }
  std::string joined;
  for (const auto& scope : scopes) {
    auto action = access::ScopeAction(scope);
    if (!action) {
      errors.push_back({"scopes", (en ? "unknown scope: " : "cakupan tidak dikenal: ") + scope});
    } else if (!access::Allowed(actor, *action, node->path)) {
      // A key can do no more than the admin who issues it: an agency admin cannot give a system the audit trail.
      errors.push_back({"scopes", (en ? "you cannot give a key what you may not do yourself: "
                                      : "Anda tidak dapat memberi kunci hak yang tidak Anda miliki: ") +
                                      scope});
    }
    joined += (joined.empty() ? "" : " ") + scope;
  }
  if (scopes.empty()) errors.push_back({"scopes", en ? "give at least one scope" : "isi paling sedikit satu cakupan"});
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
  bool en = lang == "en";
  auto key = db_.Read([&](soci::session& s) { return store_.ApiKeyById(s, key_id); });
  if (!key.ok()) return key.error();
  auto node = *key ? org_.Get((*key)->node_id) : Result<org::Node>(Error::Of(ErrorCode::kNotFound, ""));
  // Another node's key and no key at all look the same.
  if (!node.ok() || !access::Allowed(actor, access::Action::kApiKeyManage, node->path)) {
    return Error::Of(ErrorCode::kNotFound, en ? "no such API key" : "kunci API tidak ditemukan");
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

namespace spbe::identity {

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
      return Error::Of(ErrorCode::kConflict,
                       lang == "en" ? "two-factor sign-in is already on" : "verifikasi dua langkah sudah aktif");
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
      return Error::Of(ErrorCode::kConflict,
                       lang == "en" ? "start the set-up first" : "mulai pengaturan terlebih dahulu");
    }
    auto secret = vault_.Open(a->totp_secret_sealed);
    if (!secret.ok()) return secret.error();
    if (!totp::Verify(*secret, code, unix_now)) {
      return Error::Validation(
          {{"code", lang == "en" ? "the authenticator code is wrong" : "kode autentikator salah"}});
    }
    store_.SetTotp(s, a->id, a->totp_secret_sealed, true, now);
    audit::Record(s, actor, AccountEvent("identity.enable_totp", a->id, "", ""), now);
    return Ok{};
  });
}

}  // namespace spbe::identity

namespace spbe::identity {

Result<std::vector<IdentityStore::OfficerRow>> IdentityService::OfficersUnder(const access::Actor& actor,
                                                                              std::int64_t node_id) {
  auto node = org_.Get(node_id);
  if (!node.ok() || !access::Allowed(actor, access::Action::kOfficerManage, node->path)) {
    return Error::Of(ErrorCode::kForbidden, "you may not manage officers of that node");
  }
  return db_.Read([&](soci::session& s) { return store_.OfficersUnder(s, node->path); });
}

}  // namespace spbe::identity
