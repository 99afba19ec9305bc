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
#include "audit/audit.hpp"
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
#include "reports/service.hpp"
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

// Reports of the past four months in every state, filed and handled through the real use cases with the clock set
// back: the desk verifies most within its limit, offices answer, ask for more, forward what is not theirs, close;
// reporters reply, rate and sometimes object. Routing rules send each category to its office.
Status SeedReports(storage::Database& db, const Config& config, org::OrgService& org,
                   identity::IdentityService& identity, catalog::CatalogService& catalog,
                   applications::ApplicationsService& files, calendar::CalendarService& calendar, const PiiVault& vault,
                   const notify::Notifier& notifier, std::int64_t kab, TimePoint& at, TimePoint now) {
  auto store = reports::MakeSqlReportStore();
  reports::Options options;
  options.files_dir = config.data_dir + "/files";
  Unlimited unlimited;  // the seed files many reports from one place within seconds
  reports::ReportsService desk_service(
      db, *store, org, catalog, files, calendar, vault, [&at] { return at; }, notifier, {}, {}, unlimited.limiter,
      unlimited.limits, options);
  auto actor = [&identity](const std::string& email) { return identity.ActorByEmail(email).value_or(access::Actor{}); };
  access::Actor desk = actor("pengaduan@demo.go.id");
  auto kab_node = org.Get(kab);
  if (!kab_node.ok()) return kab_node.error();
  std::map<std::string, std::int64_t> office_of;
  for (const auto& n : org.OfKindUnder(kab_node->path, NodeKind::kPerangkatDaerah)) office_of[n.slug] = n.id;
  for (const auto& n : org.OfKindUnder(kab_node->path, NodeKind::kKelurahanDesa)) office_of[n.slug] = n.id;
  // Who answers for an office: its verifier (the kelurahan's front desk); its head after an objection.
  auto handler = [&](std::int64_t node, bool head) {
    for (const auto& [slug, id] : office_of) {
      if (id != node) continue;
      if (slug == "padang-matinggi")
        return actor(head ? "kepala.padang-matinggi@demo.go.id" : "loket.padang-matinggi@demo.go.id");
      return actor((head ? "kepala." : "verifikator.") + slug + "@demo.go.id");
    }
    return access::Actor{};
  };
  struct Story {
    const char* kind;
    const char* category;
    const char* title;
    const char* body;
    const char* answer;
  };
  const Story kStories[] = {
      {"pengaduan", "infrastruktur", "Jalan berlubang di Jl. Sisingamangaraja",
       "Jalan di depan pasar berlubang besar sejak dua bulan. Sudah ada dua pengendara motor jatuh minggu ini.",
       "Tim pemeliharaan jalan sudah menambal lubang pada hari Kamis. Terima kasih atas laporannya."},
      {"pengaduan", "infrastruktur", "Lampu jalan padam di lingkungan kami",
       "Tiga lampu penerangan jalan di gang masuk perumahan padam sejak awal bulan, malam hari sangat gelap.",
       "Lampu sudah diganti oleh petugas penerangan jalan umum."},
      {"aspirasi", "infrastruktur", "Usul trotoar di depan sekolah",
       "Anak-anak berjalan di badan jalan karena tidak ada trotoar di depan SD. Mohon dibangun trotoar dan zebra "
       "cross.",
       "Usulan dimasukkan ke rencana kerja tahun depan; zebra cross dicat bulan ini."},
      {"pengaduan", "kesehatan", "Antrean puskesmas sangat lama",
       "Antre di puskesmas sejak pukul 07.00 dan baru dilayani pukul 12.00. Loket pendaftaran hanya satu.",
       "Puskesmas menambah satu loket dan membuka pendaftaran daring mulai bulan depan."},
      {"informasi", "kesehatan", "Jadwal imunisasi anak",
       "Mohon informasi jadwal imunisasi dasar di posyandu kelurahan untuk bulan ini.",
       "Jadwal imunisasi: Selasa minggu kedua di posyandu masing-masing lingkungan, pukul 08.00 sampai 11.00."},
      {"pengaduan", "kependudukan", "KTP elektronik belum jadi",
       "Saya merekam KTP elektronik tiga bulan lalu tetapi sampai sekarang belum bisa diambil.",
       "Blangko sudah tersedia; KTP dapat diambil di kantor Disdukcapil dengan membawa bukti perekaman."},
      {"informasi", "kependudukan", "Syarat pindah domisili",
       "Apa saja syarat mengurus surat pindah ke kabupaten lain?",
       "Syaratnya KK asli dan KTP; pengajuan dapat dilakukan daring melalui portal, tanpa biaya."},
      {"pengaduan", "perizinan", "Izin usaha lama diproses",
       "Permohonan izin usaha saya belum ada kabar setelah lewat batas waktu layanan.",
       "Berkas sudah diverifikasi dan izin terbit hari ini; mohon maaf atas keterlambatannya."},
      {"pengaduan", "lingkungan", "Sampah menumpuk di pinggir jalan",
       "Tumpukan sampah di dekat jembatan tidak diangkut selama seminggu dan mulai berbau.",
       "Sampah sudah diangkut dan jadwal pengangkutan ditambah menjadi dua kali seminggu."},
      {"aspirasi", "lingkungan", "Usul bank sampah di kelurahan",
       "Warga ingin membentuk bank sampah. Mohon pendampingan dari kelurahan.",
       "Kelurahan akan memfasilitasi pertemuan pembentukan bank sampah pada akhir bulan."},
      {"pengaduan", "sosial", "Bantuan sosial tidak tepat sasaran",
       "Beberapa keluarga mampu menerima bantuan sementara tetangga yang tidak mampu tidak terdaftar.",
       "Data penerima diverifikasi ulang bersama kelurahan; dua keluarga ditambahkan ke usulan."},
      {"pengaduan", "pungli", "Diminta uang tambahan saat mengurus surat",
       "Saat mengurus surat keterangan, saya diminta membayar Rp 50.000 tanpa kuitansi.",
       "Inspektorat memeriksa laporan ini; petugas yang bersangkutan sudah diberi sanksi dan layanan ditegaskan "
       "gratis."},
      {"aspirasi", "pendidikan", "Perpustakaan keliling",
       "Mohon perpustakaan keliling datang juga ke desa-desa di pinggir kabupaten.",
       "Terima kasih; usulan diteruskan untuk jadwal perpustakaan keliling semester depan."},
      {"informasi", "lainnya", "Jam layanan mal pelayanan publik", "Apakah mal pelayanan publik buka pada hari Sabtu?",
       "Mal pelayanan publik buka Senin sampai Jumat, 08.00 sampai 15.00."},
  };
  const char* regions[] = {"12.10.01", "12.10.01.1001", "12.10.01.1002", "", "12.10.01.1001"};
  struct Who {
    const char* identity;
    const char* email;  // the account that files it; "" files without signing in
    const char* name;
    const char* contact;
  };
  const Who kWho[] = {{"anonymous", "", "", ""},
                      {"shown", "warga1@demo.id", "Siti Rahmawati", "warga1@demo.id"},
                      {"confidential", "warga2@demo.id", "Andi Nasution", "081260000002"},
                      {"shown", "", "Budi Harahap", "budi.harahap@contoh.id"},
                      {"anonymous", "", "", ""},
                      {"confidential", "", "Rina Simatupang", "081377700012"}};
  std::mt19937 rng(1945);
  const int kReports = 320;
  int filed_count = 0;
  std::vector<std::string> numbers;
  auto later = [&](int min_hours, int spread) {
    at += std::chrono::hours(min_hours + static_cast<int>(rng() % static_cast<unsigned>(spread)));
    return at < now;
  };
  for (int i = 0; i < kReports; ++i) {
    const Story& story = kStories[rng() % std::size(kStories)];
    const Who& who = kWho[rng() % std::size(kWho)];
    // Older first: the newest are still at the desk.
    at = now - std::chrono::hours(24 * (kReports - i) * 120 / kReports) - std::chrono::minutes(rng() % 600);
    reports::Filing f;
    f.report = {story.kind,
                who.identity,
                story.title,
                story.body,
                regions[rng() % std::size(regions)],
                FormatUtc(at - std::chrono::hours(24)).substr(0, 10),
                who.name,
                who.contact,
                std::nullopt,
                std::nullopt};
    f.category = story.category;
    access::Actor reporter = who.email[0] ? actor(who.email) : access::Actor{};
    auto filed = desk_service.File(reporter, f, "", "id");
    if (!filed.ok()) return Failed("report", filed.error());
    ++filed_count;
    numbers.push_back(filed->tracking_number);
    std::string tn = filed->tracking_number, code = filed->access_code;
    int fate = static_cast<int>(rng() % 100);
    if (i > kReports - 12) continue;  // the last days' reports wait at the desk
    if (!later(4, 40)) continue;
    if (fate < 5) {
      auto r = desk_service.Act(desk, tn, "",
                                {"decline", "Bukan laporan pelayanan publik; silakan hubungi kepolisian."}, "id");
      if (!r.ok()) return Failed("decline", r.error());
      continue;
    }
    if (fate < 9 && numbers.size() > 5) {
      auto r = desk_service.Act(desk, tn, "", {"merge", "", 0, "", true, numbers[numbers.size() - 3]}, "id");
      if (r.ok()) continue;  // an earlier one that could not be merged into: handled as any other
    }
    std::string track = std::string(story.kind) == "informasi" ? "simple" : fate % 3 == 0 ? "dispute" : "simple";
    auto accepted = desk_service.Act(desk, tn, "", {"accept", "", 0, track, fate % 10 != 0, ""}, "id");
    if (!accepted.ok()) return Failed("accept", accepted.error());
    std::int64_t office = accepted->row.node_id;
    if (fate < 20 || !later(6, 80)) continue;  // still with the office
    if (fate < 30) {
      // Not ours: forwarded to the office that is responsible, never closed.
      std::int64_t other = office == office_of.at("dpupr") ? office_of.at("padang-matinggi") : office_of.at("dpupr");
      auto fw = desk_service.Act(handler(office, false), tn, "", {"forward", "Kewenangan instansi lain.", other}, "id");
      if (!fw.ok()) return Failed("forward", fw.error());
      office = other;
      if (!later(6, 60)) continue;
    }
    if (fate < 38) {
      auto ask = desk_service.Act(handler(office, false), tn, "",
                                  {"ask_more", "Mohon kirim foto lokasi dan alamat lengkapnya."}, "id");
      if (!ask.ok()) return Failed("ask_more", ask.error());
      if (fate < 33 || !later(12, 60)) continue;  // still waiting for the reporter
      auto reply = desk_service.Act(reporter, tn, code, {"reply", "Alamatnya di samping masjid, foto menyusul."}, "id");
      if (!reply.ok()) return Failed("reply", reply.error());
      if (!later(6, 60)) continue;
    }
    // Some offices answer late, past the track's limit: the dashboard's on-time share is not a perfect 100%.
    if (fate % 6 == 1 && !later(24 * 8, 24 * 12)) continue;
    bool close = fate % 4 == 0;
    auto answered = desk_service.Act(handler(office, false), tn, "", {close ? "close" : "answer", story.answer}, "id");
    if (!answered.ok()) return Failed("answer", answered.error());
    if (!later(2, 50)) continue;
    if (!close && fate % 7 == 0) {
      auto objected = desk_service.Act(reporter, tn, code, {"object", "Jawaban belum menyelesaikan masalah."}, "id");
      if (!objected.ok()) return Failed("object", objected.error());
      if (fate % 2 == 0 || !later(12, 60)) continue;  // reopened, at the head
      auto again = desk_service.Act(handler(office, true), tn, "",
                                    {"answer", "Kepala dinas meninjau ulang; perbaikan selesai minggu ini."}, "id");
      if (!again.ok()) return Failed("head answer", again.error());
      if (!later(2, 30)) continue;
    }
    if (rng() % 100 < 65) {
      int stars = 2 + static_cast<int>(rng() % 4);
      if (auto rated = desk_service.Rate(reporter, tn, code, stars, "", "id"); !rated.ok()) {
        return Failed("rate", rated.error());
      }
    }
  }
  // People support public reports they know too.
  for (const char* email : {"warga1@demo.id", "warga2@demo.id", "usaha1@demo.id"}) {
    access::Actor a = actor(email);
    for (std::size_t k = 0; k < numbers.size(); k += 3 + rng() % 4) (void)desk_service.Support(a, numbers[k], "id");
  }
  // The escalations a running server would have sent for the overdue ones.
  at = now;
  if (auto swept = desk_service.SweepOverdue(); !swept.ok()) return Failed("report sweep", swept.error());
  log::Info("demo reports seeded", {{"reports", filed_count}});
  return Ok{};
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
  Unlimited unlimited;
  applications::ApplicationsService files(db, *store, catalog, org, calendar, vault, clock, notifier, {},
                                          unlimited.limiter, unlimited.limits,
                                          applications::Options{config.data_dir + "/files"});
  auto payment_store = payments::MakeSqlPaymentStore();
  payments::PaymentsService money(db, *payment_store, org, files, unlimited.limiter, unlimited.limits, clock);
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
  files.SetOfficerOf([&identity](std::int64_t id) {
    auto who = identity.SignatoryOf(id);
    return applications::ApplicationsService::Signatory{who.name, who.position, who.nip};
  });
  // The demo's bank is spbe-bank-sim; its key lives with the demo data, and it collects for the whole kabupaten.
  auto bank_key = crypto::LoadOrCreateKeyFile(config.data_dir + "/keys/bank-sim.key");
  if (!bank_key) return Error::Of(ErrorCode::kInternal, "demo: cannot read or write keys/bank-sim.key");
  access::Actor system{0, access::AccountKind::kSystem, {{kab, Role::kAdminPlatform}}};
  system.platform = true;  // the seed acts as the platform, not as an account
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
  return SeedReports(db, config, org, identity, catalog, files, calendar, vault, notifier, kab, at, now);
}

}  // namespace

Status SeedDemo(storage::Database& db, const Config& config, bool history) {
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
      std::string short_name;  // "DPMPTSP": the demo officers are named after their office, as printed on documents
      for (char c : std::string(opd.slug)) short_name += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      if (auto st = officer(role + "." + opd.slug + "@demo.go.id", fmt::format("{} {}", o.position, short_name),
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
  if (auto st = officer("pengaduan@demo.go.id", "Pengelola Pengaduan Diskominfo", "Pengelola Pengaduan", kab->id,
                        Role::kPengaduan);
      !st.ok()) {
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
  if (auto st = SeedRoutes(db, node_of); !st.ok()) return st;
  if (auto st = SeedHistory(db, config, org, identity, *vault, kab->id, history); !st.ok()) return st;
  log::Info("demo seeded", {{"kabupaten", "Labuhanbatu (12.10)"}, {"accounts", serial - 1 + 3}});
  return Ok{};
}

}  // namespace spbe::app
