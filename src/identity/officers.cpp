// Use cases of an admin over officers: creating one, granting and revoking roles, disabling and re-enabling, and
// listing the officers under a node.
#include "identity/service.hpp"

#include <soci/soci.h>
#include <sodium.h>

#include <fmt/format.h>
#include <algorithm>

#include "audit/audit.hpp"
#include "identity/service_detail.hpp"
#include "platform/identifiers.hpp"

namespace spbe::identity {

using detail::AccountEvent;
using detail::kActivate;
using detail::Officer;
using detail::Snapshot;
using detail::Today;

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

Result<std::vector<IdentityStore::OfficerRow>> IdentityService::OfficersUnder(const access::Actor& actor,
                                                                              std::int64_t node_id) {
  auto node = org_.Get(node_id);
  if (!node.ok() || !access::Allowed(actor, access::Action::kOfficerManage, node->path)) {
    return Error::Of(ErrorCode::kForbidden, "you may not manage officers of that node");
  }
  return db_.Read([&](soci::session& s) { return store_.OfficersUnder(s, node->path); });
}

}  // namespace spbe::identity
