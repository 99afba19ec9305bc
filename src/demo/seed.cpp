// The demo deployment that `make demo` serves: a kabupaten modelled on Labuhanbatu (12.10). Names of people,
// addresses and numbers are made up; the published password makes every account here unfit for production,
// which is why `spbe serve` refuses a database holding them unless --demo is given.
// This file: the entry point, the agencies, officers and citizens, the services and the reports' routing rules.
#include "demo/seed.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <cctype>
#include <map>
#include <tuple>

#include "app/app.hpp"
#include "app/wiring.hpp"
#include "audit/audit.hpp"
#include "catalog/service.hpp"
#include "demo/detail.hpp"
#include "identity/service.hpp"
#include "org/service.hpp"
#include "platform/clock.hpp"
#include "platform/limits.hpp"
#include "platform/log.hpp"
#include "platform/resources.hpp"
#include "portal/pages.hpp"
#include "portal/site.hpp"
#include "reports/service.hpp"

namespace spbe::demo {
namespace {

using access::Role;
using app::kDemoPassword;
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
    {"dpupr", "Dinas Pekerjaan Umum dan Penataan Ruang"},
    {"dinsos", "Dinas Sosial"},
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

// The demo services (data/demo/services.json): each step names its office by slug, resolved to the node here.
Status SeedServices(storage::Database& db, org::OrgService& org, identity::IdentityService& identity,
                    const std::map<std::string, std::int64_t>& node_of) {
  auto text = resources::Find("data/demo/services.json");
  if (!text) return Error::Of(ErrorCode::kInternal, "data/demo/services.json is not embedded");
  auto store = catalog::MakeSqlCatalogStore();
  app::IdentityStaffing staffing(identity);
  catalog::CatalogService catalog(db, *store, org, SystemClock(), staffing);
  boost::json::value all = boost::json::parse(*text);
  for (auto& entry : all.as_array()) {
    auto& o = entry.as_object();
    auto& def = o["definition"];
    for (auto& step : def.as_object()["workflow"].as_object()["steps"].as_array()) {
      auto& so = step.as_object();
      so["node_id"] = node_of.at(std::string(so["node"].as_string()));
      so.erase("node");
    }
    std::string slug(o["slug"].as_string());
    auto id = catalog.CreatePublishedAsSystem(node_of.at(std::string(o["agency"].as_string())), slug, def);
    if (!id.ok()) {
      std::string why = id.error().detail;
      for (const auto& f : id.error().fields) why += "; " + f.field + ": " + f.message;
      return Error::Of(ErrorCode::kInternal, "demo service " + slug + ": " + why);
    }
  }
  return Ok{};
}

// The routing rules a desk starts with: each category to the office responsible for it, rubbish in Padang Matinggi to
// its kelurahan, anything else to Diskominfo (which runs the desk).
Status SeedRoutes(storage::Database& db, const std::map<std::string, std::int64_t>& node_of) {
  struct Rule {
    const char* category;
    const char* region;
    const char* office;
  };
  auto store = reports::MakeSqlReportStore();
  std::string now = FormatUtc(std::chrono::system_clock::now());
  return db.Write([&](soci::session& s) -> Status {
    for (const auto& r :
         {Rule{"infrastruktur", "", "dpupr"}, Rule{"kesehatan", "", "dinkes"}, Rule{"kependudukan", "", "disdukcapil"},
          Rule{"perizinan", "", "dpmptsp"}, Rule{"sosial", "", "dinsos"}, Rule{"pungli", "", "inspektorat"},
          Rule{"lingkungan", "12.10.01.1001", "padang-matinggi"}, Rule{"", "", "diskominfo"}}) {
      std::int64_t id = store->PutRoute(s, {0, r.category, r.region, node_of.at(r.office)}, now);
      audit::Entry e;
      e.action = "reports.route_put";
      e.object_type = "report_route";
      e.object_id = std::to_string(id);
      audit::RecordSystem(s, e, now);
    }
    return Ok{};
  });
}

// Whether the demo's kabupaten is there already (the seed is idempotent).
Result<bool> AlreadySeeded(org::OrgService& org) {
  auto roots = org.Roots();
  if (!roots.ok()) return roots.error();
  for (const auto& r : *roots) {
    if (r.slug == "labuhanbatu") return true;
  }
  return false;
}

Result<org::Node> AddNode(org::OrgService& org, std::int64_t parent, NodeKind kind, const std::string& name,
                          const std::string& slug, const std::string& region) {
  return org.CreateAsSystem({parent, kind, name, slug, region});
}

// An active demo officer with one grant; `serial` numbers the officers in the order they are created.
Status AddOfficer(identity::IdentityService& identity, int& serial, const std::string& email, const std::string& name,
                  const std::string& position, std::int64_t node, Role role) {
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
}

// The kecamatan under the kabupaten and its two kelurahan (into node_of, by slug).
Status SeedRegion(org::OrgService& org, std::int64_t kab, std::map<std::string, std::int64_t>& node_of) {
  auto kec = AddNode(org, kab, NodeKind::kKecamatan, "Kecamatan Rantau Utara", "rantau-utara", "12.10.01");
  if (!kec.ok()) return kec.error();
  for (auto [slug, name, code] : {std::tuple{"padang-matinggi", "Kelurahan Padang Matinggi", "12.10.01.1001"},
                                  std::tuple{"siringo-ringo", "Kelurahan Siringo-Ringo", "12.10.01.1002"}}) {
    auto k = AddNode(org, kec->id, NodeKind::kKelurahanDesa, name, slug, code);
    if (!k.ok()) return k.error();
    node_of[slug] = k->id;
  }
  return Ok{};
}

// Every OPD of the kabupaten (into node_of, by slug), each with an officer for every role of kOfficers.
Status SeedAgencies(org::OrgService& org, identity::IdentityService& identity, int& serial, std::int64_t kab,
                    std::map<std::string, std::int64_t>& node_of) {
  for (const auto& opd : kOpds) {
    auto node = AddNode(org, kab, NodeKind::kPerangkatDaerah, opd.name, opd.slug, "");
    if (!node.ok()) return node.error();
    node_of[opd.slug] = node->id;
    for (const auto& o : kOfficers) {
      std::string role(access::RoleName(o.role));
      std::string short_name;  // "DPMPTSP": the demo officers are named after their office, as printed on documents
      for (char c : std::string(opd.slug)) short_name += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      if (auto st = AddOfficer(identity, serial, role + "." + opd.slug + "@demo.go.id",
                               fmt::format("{} {}", o.position, short_name), std::string(o.position), node->id, o.role);
          !st.ok()) {
        return st;
      }
    }
  }
  return Ok{};
}

// Technical reviewers where the demo services have a technical step, the staff of a kelurahan, and the officers of
// the kabupaten itself.
Status SeedOtherOfficers(identity::IdentityService& identity, int& serial, std::int64_t kab,
                         std::map<std::string, std::int64_t>& node_of) {
  for (auto [email, name, position, slug, role] :
       {std::tuple{"teknis.dpmptsp@demo.go.id", "Penata Teknis dpmptsp", "Penata Teknis Bangunan", "dpmptsp",
                   Role::kTeknis},
        std::tuple{"teknis.dinkes@demo.go.id", "Tenaga Teknis dinkes", "Tenaga Teknis Kesehatan", "dinkes",
                   Role::kTeknis},
        std::tuple{"loket.padang-matinggi@demo.go.id", "Petugas Loket Padang Matinggi", "Petugas Pelayanan",
                   "padang-matinggi", Role::kLoket},
        std::tuple{"kepala.padang-matinggi@demo.go.id", "Lurah Padang Matinggi", "Lurah", "padang-matinggi",
                   Role::kKepala}}) {
    if (auto st = AddOfficer(identity, serial, email, name, position, node_of[slug], role); !st.ok()) return st;
  }
  if (auto st = AddOfficer(identity, serial, "admin@demo.go.id", "Admin Platform Diskominfo", "Pranata Komputer", kab,
                           Role::kAdminPlatform);
      !st.ok()) {
    return st;
  }
  if (auto st = AddOfficer(identity, serial, "bendahara@demo.go.id", "Bendahara Penerimaan BPKAD",
                           "Bendahara Penerimaan", kab, Role::kBendahara);
      !st.ok()) {
    return st;
  }
  if (auto st =
          AddOfficer(identity, serial, "auditor@demo.go.id", "Auditor Inspektorat", "Auditor", kab, Role::kAuditor);
      !st.ok()) {
    return st;
  }
  if (auto st = AddOfficer(identity, serial, "pengaduan@demo.go.id", "Pengelola Pengaduan Diskominfo",
                           "Pengelola Pengaduan", kab, Role::kPengaduan);
      !st.ok()) {
    return st;
  }
  return Ok{};
}

// Two citizens and a business.
Status SeedCitizens(identity::IdentityService& identity) {
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
  return Ok{};
}

}  // namespace

Status Seed(storage::Database& db, const Config& config, bool history) {
  auto vault = PiiVault::OpenOrCreate(config.data_dir + "/keys/pii.key");
  if (!vault.ok()) return vault.error();
  auto org_store = org::MakeSqlOrgStore();
  auto now = [] { return FormatUtc(std::chrono::system_clock::now()); };
  org::OrgService org(db, *org_store, now);
  auto identity_store = identity::MakeSqlIdentityStore();
  Unlimited unlimited;
  identity::IdentityService identity(db, *identity_store, *vault, org, unlimited.limiter, unlimited.limits,
                                     SystemClock());

  auto site_store = portal::MakeSqlSiteStore();
  portal::SiteService site(db, *site_store);
  if (auto st = portal::SeedDemo(site); !st.ok()) return st;

  auto seeded = AlreadySeeded(org);
  if (!seeded.ok()) return seeded.error();
  if (*seeded) {
    log::Info("demo already seeded");
    return Ok{};
  }

  auto kab = org.CreateAsSystem(
      {std::nullopt, NodeKind::kKabupatenKota, "Pemerintah Kabupaten Labuhanbatu (Demo)", "labuhanbatu", "12.10"});
  if (!kab.ok()) return kab.error();
  std::map<std::string, std::int64_t> node_of;  // by slug, for the services' steps
  if (auto st = SeedRegion(org, kab->id, node_of); !st.ok()) return st;
  int serial = 1;
  if (auto st = SeedAgencies(org, identity, serial, kab->id, node_of); !st.ok()) return st;
  if (auto st = SeedOtherOfficers(identity, serial, kab->id, node_of); !st.ok()) return st;
  if (auto st = SeedCitizens(identity); !st.ok()) return st;
  if (auto st = SeedServices(db, org, identity, node_of); !st.ok()) return st;
  if (auto st = SeedRoutes(db, node_of); !st.ok()) return st;
  if (auto st = detail::SeedInterop(db, config, org, identity, *vault, kab->id, node_of); !st.ok()) return st;
  if (auto st = detail::SeedSso(db, config, org, identity, *vault, kab->id, node_of); !st.ok()) return st;
  if (auto st = detail::SeedArchitecture(db, config, org, kab->id, node_of); !st.ok()) return st;
  if (auto st = detail::SeedHistory(db, config, org, identity, *vault, kab->id, history); !st.ok()) return st;
  // The ministry whose evaluator reviews the kabupaten's SPBE assessment: under the central government, a root of
  // its own made after the kabupaten (which stays the deployment's home), outside the kabupaten's subtree.
  auto central = org.CreateAsSystem({std::nullopt, NodeKind::kNasional, "Pemerintah Pusat (Demo)", "pusat", ""});
  if (!central.ok()) return central.error();
  auto ministry = org.CreateAsSystem({central->id, NodeKind::kKementerianLembaga,
                                      "Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi (Demo)",
                                      "kemenpanrb", ""});
  if (!ministry.ok()) return ministry.error();
  identity::Account evaluator;
  evaluator.kind = access::AccountKind::kAsn;
  evaluator.name = "Evaluator SPBE KemenPANRB";
  evaluator.email = "evaluator@demo.go.id";
  evaluator.nip = fmt::format("198502142010011{:03}", serial++);
  evaluator.position = "Evaluator SPBE";
  evaluator.demo = true;
  auto evaluator_id = identity.CreateActive(evaluator, kDemoPassword, "", "");
  if (!evaluator_id.ok()) return evaluator_id.error();
  if (auto st = identity.Grant(*evaluator_id, ministry->id, Role::kEvaluator); !st.ok()) return st;
  if (auto st = detail::SeedEvaluation(db, config, org, kab->id, ministry->id, *evaluator_id); !st.ok()) return st;
  log::Info("demo seeded", {{"kabupaten", "Labuhanbatu (12.10)"}, {"accounts", serial - 1 + 3}});
  return Ok{};
}

}  // namespace spbe::demo
