// The demo deployment that `make demo` serves: a kabupaten modelled on Labuhanbatu (12.10). Names of people,
// addresses and numbers are made up; the published password makes every account here unfit for production,
// which is why `spbe serve` refuses a database holding them unless --demo is given.
#include <fmt/format.h>

#include <boost/json.hpp>
#include <map>
#include "app/app.hpp"

#include <algorithm>
#include <random>

#include "applications/service.hpp"
#include "calendar/service.hpp"
#include "catalog/service.hpp"
#include "documents/service.hpp"
#include "identity/service.hpp"
#include "org/service.hpp"
#include "payments/service.hpp"
#include "platform/clock.hpp"
#include "platform/crypto.hpp"
#include "platform/log.hpp"
#include "platform/resources.hpp"
#include "portal/pages.hpp"
#include "portal/site.hpp"
#include "surveys/service.hpp"

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

// The demo services (data/demo/services.json): each step names its office by slug, resolved to the node here.
Status SeedServices(storage::Database& db, org::OrgService& org, identity::IdentityService& identity,
                    const std::map<std::string, std::int64_t>& node_of) {
  auto text = resources::Find("data/demo/services.json");
  if (!text) return Error::Of(ErrorCode::kInternal, "data/demo/services.json is not embedded");
  auto store = catalog::MakeSqlCatalogStore();
  catalog::CatalogService catalog(db, *store, org, SystemClock(), [&identity](Role role, const std::string& path) {
    return identity.ActiveOfficersWith(role, path);
  });
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

Error Failed(const std::string& what, const Error& e) {
  return Error::Of(ErrorCode::kInternal, "demo history, " + what + ": " + e.detail);
}

// Applications of the past four months in every state, filed and worked through the real use cases with the clock
// set back, so the worklist, timelines and deadlines look like an office's (some on time, some overdue).
Status SeedHistory(storage::Database& db, const Config& config, org::OrgService& org,
                   identity::IdentityService& identity, const PiiVault& vault, std::int64_t kab, bool history) {
  auto catalog_store = catalog::MakeSqlCatalogStore();
  auto who_may = [&identity](Role role, const std::string& path) { return identity.ActiveOfficersWith(role, path); };
  catalog::CatalogService catalog(db, *catalog_store, org, SystemClock(), who_may);
  TimePoint now = std::chrono::system_clock::now();
  TimePoint at = now;
  Clock clock = [&at] { return at; };
  calendar::CalendarService calendar(db, clock);
  auto store = applications::MakeSqlApplicationStore();
  // History tells nobody: no recipients, so no inbox entries or mail for files of months ago.
  i18n::Catalog texts = i18n::Catalog::FromResources();
  notify::Notifier notifier(texts, config.public_url);
  applications::ApplicationsService files(db, *store, catalog, org, calendar, vault, clock, notifier, {},
                                          applications::Options{config.data_dir + "/files"});
  auto payment_store = payments::MakeSqlPaymentStore();
  payments::PaymentsService money(db, *payment_store, org, files, clock);
  files.SetBillIssuer([&money](soci::session& s, const applications::ApplicationRow& row, const std::string& t) {
    return money.Issue(s, row, t);
  });
  // Every agency that issues outputs signs them with its own key.
  auto document_keys = PiiVault::OpenOrCreate(config.data_dir + "/keys/documents.key");
  if (!document_keys.ok()) return document_keys.error();
  auto document_store = documents::MakeSqlDocumentStore();
  documents::DocumentsService docs(db, *document_store, org, *document_keys, clock,
                                   documents::Options{config.data_dir + "/documents", config.public_url});
  auto kab_node = org.Get(kab);
  if (!kab_node.ok()) return kab_node.error();
  for (auto kind : {NodeKind::kPerangkatDaerah, NodeKind::kKelurahanDesa}) {
    for (const auto& n : org.OfKindUnder(kab_node->path, kind)) {
      if (auto key = docs.GenerateKey(n.id); !key.ok()) return key.error();
    }
  }
  files.SetOutputIssuer([&docs](const applications::OutputRequest& r) { return docs.Prepare(r); });
  files.SetOfficerOf([&identity](std::int64_t id) { return identity.NameAndPosition(id); });
  // The demo's bank is spbe-bank-sim; its key lives with the demo data, and it collects for the whole kabupaten.
  auto bank_key = crypto::LoadOrCreateKeyFile(config.data_dir + "/keys/bank-sim.key");
  if (!bank_key) return Error::Of(ErrorCode::kInternal, "demo: cannot read or write keys/bank-sim.key");
  access::Actor system{0, access::AccountKind::kSystem, {{kab, Role::kAdminPlatform}}};
  system.api_key_id = -1;  // the seed acts as the platform, not as an account
  auto bank = money.RegisterBank(system,
                                 {kDemoBankCode, "Bank Simulator (demo)", kab,
                                  crypto::Base64Encode(bank_key->PublicKey()), "teller, ATM, mobile banking"},
                                 "en");
  if (!bank.ok()) return Error::Of(ErrorCode::kInternal, "demo bank: " + bank.error().detail);
  if (!history) return Ok{};
  files.SetBillOf([&money](std::int64_t id) { return money.CurrentBill(id); });
  // Most bills of the past were paid at the bank a day or two after they were issued, through the real callback.
  int reference = 0;
  auto pay = [&](const applications::BillInfo& bill) -> Status {
    std::string body =
        boost::json::serialize(boost::json::object{{"billing_code", bill.billing_code},
                                                   {"amount", bill.amount},
                                                   {"bank_reference", fmt::format("SIM-DEMO-{:06}", ++reference)},
                                                   {"paid_at", FormatUtc(at)},
                                                   {"channel", "teller"}});
    auto paid = money.Callback({kDemoBankCode, crypto::Base64Encode(bank_key->Sign(body)), body, "127.0.0.1"}, "en");
    if (!paid.ok()) return paid.error();
    return Ok{};
  };
  auto actor = [&identity](const char* email) {
    auto a = identity.ActorByEmail(email);
    return a.value_or(access::Actor{});
  };
  std::vector<access::Actor> citizens = {actor("warga1@demo.id"), actor("warga2@demo.id"), actor("usaha1@demo.id")};
  std::map<std::string, access::Actor> officers;
  for (const char* email :
       {"loket.padang-matinggi@demo.go.id", "kepala.padang-matinggi@demo.go.id", "verifikator.dpmptsp@demo.go.id",
        "teknis.dpmptsp@demo.go.id", "kepala.dpmptsp@demo.go.id", "verifikator.disdukcapil@demo.go.id",
        "kepala.disdukcapil@demo.go.id", "teknis.dinkes@demo.go.id"}) {
    officers[email] = actor(email);
  }
  // Who acts at a step: the demo officer holding the step's role at its node.
  auto officer_for = [&](const applications::FileView& v) -> const access::Actor* {
    for (const auto& [email, a] : officers) {
      for (const auto& g : a.grants) {
        if (access::RoleName(g.role) == v.row.step_role && access::InSubtree(g.node_id, v.row.step_node_path))
          return &a;
      }
    }
    return nullptr;
  };
  const std::string pdf = "%PDF-1.4\n% demo attachment\n%%EOF\n";
  const std::string png("\x89PNG\r\n\x1a\n demo photo", 19);
  struct Demo {
    const char* slug;
    const char* data;
  };
  const Demo kinds[] = {
      {"izin-praktik-bidan",
       R"({"nama_lengkap": "Bidan Demo", "nik": "1210015203880002", "nomor_str": "STR-DEMO-001",
           "str_berlaku_sampai": "2031-12-31", "tempat_praktik": "klinik", "alamat_praktik": "Jl. Demo 1",
           "kelurahan": "12.10.01.1001", "telepon": "081260000001"})"},
      {"akta-kelahiran",
       R"({"nama_anak": "Anak Demo", "tanggal_lahir": "2026-06-01", "tempat_lahir": "Rantauprapat",
           "jenis_kelamin": "P", "nik_ibu": "1210015203880002"})"},
      {"persetujuan-bangunan-gedung",
       R"({"nama_pemohon": "Pemohon Demo", "nik": "1210011708920005", "fungsi": "hunian", "luas_m2": "72",
           "jumlah_lantai": "1", "lokasi": "12.10.01"})"},
      {"izin-reklame",
       R"({"nama_usaha": "CV Sawit Makmur", "jenis": "papan", "luas_m2": "8", "lama_bulan": "6", "lokasi": "12.10.01"})"},
      {"surat-keterangan-usaha",
       R"({"nama": "Pemilik Demo", "nik": "1210010304850001", "jenis_usaha": "warung makan",
           "alamat_usaha": "Jl. Demo 2", "sejak": "2019-03-01"})"},
      {"surat-keterangan-domisili",
       R"({"nama": "Warga Demo", "nik": "1210011708920005", "alamat": "Jl. Demo 3", "keperluan": "melamar kerja"})"},
  };
  std::mt19937 rng(2026);
  const int kCount = 300;
  // Most applicants of completed files rated the service soon after: mostly content, with waiting times and
  // complaint handling the weak points, so the index and its elements have a real shape.
  surveys::SurveysService ratings(db, files, catalog, vault, clock);
  int rated = 0;
  auto rate = [&](const access::Actor& who, const std::string& tn) {
    if (rng() % 100 >= 70) return;
    std::array<int, surveys::kElements> a{};
    for (int e = 0; e < surveys::kElements; ++e) {
      int roll = static_cast<int>(rng() % 100);
      int weak = (e == 2 || e == 7) ? 25 : 0;  // waktu, pengaduan
      a[static_cast<std::size_t>(e)] = roll < 2 ? 1 : roll < 5 + weak / 2 ? 2 : roll < 35 + weak ? 3 : 4;
    }
    at += std::chrono::hours(2 + static_cast<int>(rng() % 30));
    if (ratings.Answer(who, tn, a, "id").ok()) ++rated;
  };
  for (int i = 0; i < kCount; ++i) {
    const Demo& kind = kinds[i % std::size(kinds)];
    const access::Actor& who = citizens[static_cast<std::size_t>(i) % citizens.size()];
    at = now - std::chrono::hours(24 * (1 + static_cast<int>(rng() % 120))) - std::chrono::minutes(rng() % 600);
    auto data = boost::json::parse(kind.data).as_object();
    auto filed = files.Create(who, kind.slug, data, false, "", "id");
    if (!filed.ok()) return Error::Of(ErrorCode::kInternal, std::string("demo history: ") + filed.error().detail);
    std::string tn = filed->tracking_number;
    auto v = files.Get(who, tn, "id");
    if (!v.ok()) return v.error();
    for (const auto& f : v->service.definition.form.fields) {
      if (f.type != catalog::FieldType::kFile || !f.required) continue;
      bool pdf_ok = std::find(f.accept.begin(), f.accept.end(), catalog::FileKind::kPdf) != f.accept.end();
      auto up = files.Upload(who, tn, f.name, pdf_ok ? "dokumen.pdf" : "foto.png", pdf_ok ? pdf : png, "id");
      if (!up.ok()) return Error::Of(ErrorCode::kInternal, "demo history upload: " + up.error().detail);
    }
    int fate = static_cast<int>(rng() % 100);
    if (fate < 5) continue;  // left as a draft
    if (auto sent = files.Submit(who, tn, "id"); !sent.ok()) {
      return Error::Of(ErrorCode::kInternal, "demo history submit: " + sent.error().detail);
    }
    // Older files went further. Each action a working day or two after the last.
    int steps_done = fate < 15 ? 0 : fate < 25 ? 1 : 99;
    for (int step = 0; step < steps_done; ++step) {
      auto cur = files.Get(who, tn, "id");
      if (!cur.ok() || cur->row.status != "in_progress") break;
      const access::Actor* officer = officer_for(*cur);
      if (!officer) break;
      at += std::chrono::hours(20 + static_cast<int>(rng() % 60));
      if (at > now) break;
      std::string action = "approve";
      const catalog::Step* s = cur->service.definition.workflow.Find(cur->row.step);
      if (s && !s->Allows(catalog::StepAction::kApprove)) {
        action = s->Allows(catalog::StepAction::kVerify) ? "verify" : "forward";
      }
      int roll = static_cast<int>(rng() % 100);
      if (roll < 8 && s && s->Allows(catalog::StepAction::kReject)) {
        if (auto r = files.Act(*officer, tn, "reject", "Persyaratan tidak terpenuhi (data demo)", "id"); !r.ok())
          return Failed("reject", r.error());
        break;
      }
      if (roll < 18 && s && s->Allows(catalog::StepAction::kReturn)) {
        if (auto r = files.Act(*officer, tn, "return", "Lampiran kurang jelas; unggah ulang (data demo)", "id");
            !r.ok())
          return Failed("return", r.error());
        if (rng() % 2 == 0) break;  // still with the applicant
        at += std::chrono::hours(24 + static_cast<int>(rng() % 48));
        if (at > now) break;
        if (auto r = files.Submit(who, tn, "id"); !r.ok()) return Failed("resubmit", r.error());
        continue;
      }
      auto acted = files.Act(*officer, tn, action, "", "id");
      if (!acted.ok()) return Failed(action, acted.error());
      if (acted->row.status == "completed") rate(who, tn);
      if (acted->row.status == "awaiting_payment") {
        auto with_bill = files.Get(who, tn, "id");
        if (!with_bill.ok() || !with_bill->bill || rng() % 100 < 15) break;  // some still unpaid
        at += std::chrono::hours(6 + static_cast<int>(rng() % 40));
        if (at > now) break;
        if (auto st = pay(*with_bill->bill); !st.ok()) return Failed("pay", st.error());
      }
    }
  }
  log::Info("demo history seeded", {{"applications", kCount}, {"surveys", rated}});
  return Ok{};
}

}  // namespace

Status SeedDemo(storage::Database& db, const Config& config, bool history) {
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
  std::map<std::string, std::int64_t> node_of;  // by slug, for the services' steps
  for (auto [slug, name, code] : {std::tuple{"padang-matinggi", "Kelurahan Padang Matinggi", "12.10.01.1001"},
                                  std::tuple{"siringo-ringo", "Kelurahan Siringo-Ringo", "12.10.01.1002"}}) {
    auto k = add(kec->id, NodeKind::kKelurahanDesa, name, slug, code);
    if (!k.ok()) return k.error();
    node_of[slug] = k->id;
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
    node_of[opd.slug] = node->id;
    for (const auto& o : kOfficers) {
      std::string role(access::RoleName(o.role));
      if (auto st = officer(role + "." + opd.slug + "@demo.go.id", fmt::format("{} {}", o.position, opd.slug),
                            std::string(o.position), node->id, o.role);
          !st.ok()) {
        return st;
      }
    }
  }
  // Technical reviewers where the demo services have a technical step, and the staff of a kelurahan.
  for (auto [email, name, position, slug, role] :
       {std::tuple{"teknis.dpmptsp@demo.go.id", "Penata Teknis dpmptsp", "Penata Teknis Bangunan", "dpmptsp",
                   Role::kTeknis},
        std::tuple{"teknis.dinkes@demo.go.id", "Tenaga Teknis dinkes", "Tenaga Teknis Kesehatan", "dinkes",
                   Role::kTeknis},
        std::tuple{"loket.padang-matinggi@demo.go.id", "Petugas Loket Padang Matinggi", "Petugas Pelayanan",
                   "padang-matinggi", Role::kLoket},
        std::tuple{"kepala.padang-matinggi@demo.go.id", "Lurah Padang Matinggi", "Lurah", "padang-matinggi",
                   Role::kKepala}}) {
    if (auto st = officer(email, name, position, node_of[slug], role); !st.ok()) return st;
  }
  if (auto st =
          officer("admin@demo.go.id", "Admin Platform Diskominfo", "Pranata Komputer", kab->id, Role::kAdminPlatform);
      !st.ok()) {
    return st;
  }
  if (auto st = officer("bendahara@demo.go.id", "Bendahara Penerimaan BPKAD", "Bendahara Penerimaan", kab->id,
                        Role::kBendahara);
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
  if (auto st = SeedServices(db, org, identity, node_of); !st.ok()) return st;
  if (auto st = SeedHistory(db, config, org, identity, *vault, kab->id, history); !st.ok()) return st;
  log::Info("demo seeded", {{"kabupaten", "Labuhanbatu (12.10)"}, {"accounts", serial - 1 + 3}});
  return Ok{};
}

}  // namespace spbe::app
