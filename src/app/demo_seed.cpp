// The demo deployment that `make demo` serves: a kabupaten modelled on Labuhanbatu (12.10). Names of people,
// addresses and numbers are made up; the published password makes every account here unfit for production,
// which is why `spbe serve` refuses a database holding them unless --demo is given.
#include <fmt/format.h>

#include "app/app.hpp"
#include "identity/service.hpp"
#include "org/service.hpp"
#include "platform/clock.hpp"
#include "platform/log.hpp"
#include "portal/pages.hpp"
#include "portal/site.hpp"

namespace spbe::app {
namespace {

using access::Role;
using org::NodeKind;

struct Opd {
  const char* slug;
  const char* name;
};

constexpr Opd kOpds[] = {
    {"dpmptsp", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu"},
    {"disdukcapil", "Dinas Kependudukan dan Pencatatan Sipil"},
    {"dinkes", "Dinas Kesehatan"},
    {"diskominfo", "Dinas Komunikasi dan Informatika"},
    {"inspektorat", "Inspektorat Daerah"},
};

struct Officer {
  Role role;
  const char* position;
};

constexpr Officer kOfficers[] = {
    {Role::kLoket, "Petugas Loket"},
    {Role::kVerifikator, "Verifikator"},
    {Role::kKepala, "Kepala Dinas"},
    {Role::kAdminInstansi, "Admin Instansi"},
};

}  // namespace

Status SeedDemo(storage::Database& db, const Config& config) {
  auto vault = PiiVault::OpenOrCreate(config.data_dir + "/keys/pii.key");
  if (!vault.ok()) return vault.error();
  auto org_store = org::MakeSqlOrgStore();
  auto now = [] { return FormatUtc(std::chrono::system_clock::now()); };
  org::OrgService org(db, *org_store, now);
  auto identity_store = identity::MakeSqlIdentityStore();
  identity::IdentityService identity(db, *identity_store, *vault, org, SystemClock());

  auto site_store = portal::MakeSqlSiteStore();
  portal::SiteService site(db, *site_store);
  if (auto st = portal::SeedDemo(site); !st.ok()) return st;

  auto roots = org.Roots();
  if (!roots.ok()) return roots.error();
  for (const auto& r : *roots) {
    if (r.slug == "labuhanbatu") {
      log::Info("demo already seeded");
      return Ok{};
    }
  }

  auto kab = org.CreateAsSystem(
      {std::nullopt, NodeKind::kKabupatenKota, "Pemerintah Kabupaten Labuhanbatu (Demo)", "labuhanbatu", "12.10"});
  if (!kab.ok()) return kab.error();
  auto add = [&](std::int64_t parent, NodeKind kind, const std::string& name, const std::string& slug,
                 const std::string& region) {
    return org.CreateAsSystem({parent, kind, name, slug, region});
  };
  auto kec = add(kab->id, NodeKind::kKecamatan, "Kecamatan Rantau Utara", "rantau-utara", "12.10.01");
  if (!kec.ok()) return kec.error();
  for (auto [slug, name, code] : {std::tuple{"padang-matinggi", "Kelurahan Padang Matinggi", "12.10.01.1001"},
                                  std::tuple{"siringo-ringo", "Kelurahan Siringo-Ringo", "12.10.01.1002"}}) {
    if (auto k = add(kec->id, NodeKind::kKelurahanDesa, name, slug, code); !k.ok()) return k.error();
  }

  int serial = 1;
  auto officer = [&](const std::string& email, const std::string& name, const std::string& position, std::int64_t node,
                     Role role) -> Status {
    identity::Account a;
    a.kind = access::AccountKind::kAsn;
    a.name = name;
    a.email = email;
    // NIP: born 1980-01-DD, appointed 2005-01, sex 1 or 2, serial: valid and unique per officer.
    a.nip = fmt::format("198001{:02}200501{}{:03}", 1 + serial % 28, 1 + serial % 2, serial);
    a.position = position;
    a.demo = true;
    ++serial;
    auto id = identity.CreateActive(a, kDemoPassword, "", "");
    if (!id.ok()) return id.error();
    return identity.Grant(*id, node, role);
  };

  for (const auto& opd : kOpds) {
    auto node = add(kab->id, NodeKind::kPerangkatDaerah, opd.name, opd.slug, "");
    if (!node.ok()) return node.error();
    for (const auto& o : kOfficers) {
      std::string role(access::RoleName(o.role));
      if (auto st = officer(role + "." + opd.slug + "@demo.go.id", fmt::format("{} {}", o.position, opd.slug),
                            std::string(o.position), node->id, o.role);
          !st.ok()) {
        return st;
      }
    }
  }
  if (auto st =
          officer("admin@demo.go.id", "Admin Platform Diskominfo", "Pranata Komputer", kab->id, Role::kAdminPlatform);
      !st.ok()) {
    return st;
  }
  if (auto st = officer("auditor@demo.go.id", "Auditor Inspektorat", "Auditor", kab->id, Role::kAuditor); !st.ok()) {
    return st;
  }

  struct Citizen {
    const char* email;
    const char* name;
    const char* nik;
    const char* phone;
    access::AccountKind kind;
  };
  for (const auto& c :
       {Citizen{"warga1@demo.id", "Siti Rahmawati", "1210015203880002", "+6281260000001", access::AccountKind::kWarga},
        Citizen{"warga2@demo.id", "Andi Nasution", "1210011708920005", "+6281260000002", access::AccountKind::kWarga},
        Citizen{"usaha1@demo.id", "Rahmat Siregar (CV Sawit Makmur)", "1210010304850001", "+6281260000003",
                access::AccountKind::kPelakuUsaha}}) {
    identity::Account a;
    a.kind = c.kind;
    a.name = c.name;
    a.email = c.email;
    a.demo = true;
    if (c.kind == access::AccountKind::kPelakuUsaha) {
      a.nib = "9120001234567";
      a.npwp = "1210010304850001";
    }
    if (auto id = identity.CreateActive(a, kDemoPassword, c.nik, c.phone); !id.ok()) return id.error();
  }
  log::Info("demo seeded", {{"kabupaten", "Labuhanbatu (12.10)"}, {"accounts", serial - 1 + 3}});
  return Ok{};
}

}  // namespace spbe::app
