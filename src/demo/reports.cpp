// The demo complaints: reports of the past four months in every state, filed at the desk and handled by the
// offices through the real use cases with the clock set back.
#include <chrono>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "app/wiring.hpp"
#include "demo/detail.hpp"
#include "platform/clock.hpp"
#include "platform/limits.hpp"
#include "platform/log.hpp"
#include "reports/service.hpp"

namespace spbe::demo {
namespace {

using detail::Failed;
using org::NodeKind;

// What people report, and what the office answers.
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
    {"informasi", "kependudukan", "Syarat pindah domisili", "Apa saja syarat mengurus surat pindah ke kabupaten lain?",
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

// Where it happened ("" for nowhere in particular).
const char* const kRegions[] = {"12.10.01", "12.10.01.1001", "12.10.01.1002", "", "12.10.01.1001"};

// Who files it, and how they want to be known.
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

constexpr int kReports = 320;

// One run of the seed's reports: the desk's service, the clock it sets back, the dice that decide each report's fate,
// the offices by slug and the tracking numbers filed so far.
struct ReportRun {
  reports::ReportsService& desk_service;
  identity::IdentityService& identity;
  TimePoint& at;
  TimePoint now;
  access::Actor desk;
  std::map<std::string, std::int64_t> office_of;
  std::mt19937 rng{1945};
  int filed_count = 0;
  std::vector<std::string> numbers;

  access::Actor actor(const std::string& email) const { return identity.ActorByEmail(email).value_or(access::Actor{}); }
  // Who answers for an office: its verifier (the kelurahan's front desk); its head after an objection.
  access::Actor handler(std::int64_t node, bool head) const {
    for (const auto& [slug, id] : office_of) {
      if (id != node) continue;
      if (slug == "padang-matinggi")
        return actor(head ? "kepala.padang-matinggi@demo.go.id" : "loket.padang-matinggi@demo.go.id");
      return actor((head ? "kepala." : "verifikator.") + slug + "@demo.go.id");
    }
    return access::Actor{};
  }
  // Moves the clock on by a few hours; false once it reaches the present.
  bool later(int min_hours, int spread) {
    at += std::chrono::hours(min_hours + static_cast<int>(rng() % static_cast<unsigned>(spread)));
    return at < now;
  }

  Status File(int i);
  Status Work(const Story& story, const access::Actor& reporter, const std::string& tn, const std::string& code,
              int fate);
  void Support();
};

// Files the i-th report, one of the stories told by one of the reporters, then works it as far as its fate goes.
Status ReportRun::File(int i) {
  const Story& story = kStories[rng() % std::size(kStories)];
  const Who& who = kWho[rng() % std::size(kWho)];
  // Older first: the newest are still at the desk.
  at = now - std::chrono::hours(24 * (kReports - i) * 120 / kReports) - std::chrono::minutes(rng() % 600);
  reports::Filing f;
  f.report = {story.kind,
              who.identity,
              story.title,
              story.body,
              kRegions[rng() % std::size(kRegions)],
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
  if (i > kReports - 12) return Ok{};  // the last days' reports wait at the desk
  return Work(story, reporter, tn, code, fate);
}

// A filed report's way through the desk (declined, merged or accepted), its office (forwarded, asked for more,
// answered or closed) and its reporter (reply, objection, rating), each a little later, until the present.
Status ReportRun::Work(const Story& story, const access::Actor& reporter, const std::string& tn,
                       const std::string& code, int fate) {
  if (!later(4, 40)) return Ok{};
  if (fate < 5) {
    auto r = desk_service.Act(desk, tn, "", {"decline", "Bukan laporan pelayanan publik; silakan hubungi kepolisian."},
                              "id");
    if (!r.ok()) return Failed("decline", r.error());
    return Ok{};
  }
  if (fate < 9 && numbers.size() > 5) {
    auto r = desk_service.Act(desk, tn, "", {"merge", "", 0, "", true, numbers[numbers.size() - 3]}, "id");
    if (r.ok()) return Ok{};  // an earlier one that could not be merged into: handled as any other
  }
  std::string track = std::string(story.kind) == "informasi" ? "simple" : fate % 3 == 0 ? "dispute" : "simple";
  auto accepted = desk_service.Act(desk, tn, "", {"accept", "", 0, track, fate % 10 != 0, ""}, "id");
  if (!accepted.ok()) return Failed("accept", accepted.error());
  std::int64_t office = accepted->row.node_id;
  if (fate < 20 || !later(6, 80)) return Ok{};  // still with the office
  if (fate < 30) {
    // Not ours: forwarded to the office that is responsible, never closed.
    std::int64_t other = office == office_of.at("dpupr") ? office_of.at("padang-matinggi") : office_of.at("dpupr");
    auto fw = desk_service.Act(handler(office, false), tn, "", {"forward", "Kewenangan instansi lain.", other}, "id");
    if (!fw.ok()) return Failed("forward", fw.error());
    office = other;
    if (!later(6, 60)) return Ok{};
  }
  if (fate < 38) {
    auto ask = desk_service.Act(handler(office, false), tn, "",
                                {"ask_more", "Mohon kirim foto lokasi dan alamat lengkapnya."}, "id");
    if (!ask.ok()) return Failed("ask_more", ask.error());
    if (fate < 33 || !later(12, 60)) return Ok{};  // still waiting for the reporter
    auto reply = desk_service.Act(reporter, tn, code, {"reply", "Alamatnya di samping masjid, foto menyusul."}, "id");
    if (!reply.ok()) return Failed("reply", reply.error());
    if (!later(6, 60)) return Ok{};
  }
  // Some offices answer late, past the track's limit: the dashboard's on-time share is not a perfect 100%.
  if (fate % 6 == 1 && !later(24 * 8, 24 * 12)) return Ok{};
  bool close = fate % 4 == 0;
  auto answered = desk_service.Act(handler(office, false), tn, "", {close ? "close" : "answer", story.answer}, "id");
  if (!answered.ok()) return Failed("answer", answered.error());
  if (!later(2, 50)) return Ok{};
  if (!close && fate % 7 == 0) {
    auto objected = desk_service.Act(reporter, tn, code, {"object", "Jawaban belum menyelesaikan masalah."}, "id");
    if (!objected.ok()) return Failed("object", objected.error());
    if (fate % 2 == 0 || !later(12, 60)) return Ok{};  // reopened, at the head
    auto again = desk_service.Act(handler(office, true), tn, "",
                                  {"answer", "Kepala dinas meninjau ulang; perbaikan selesai minggu ini."}, "id");
    if (!again.ok()) return Failed("head answer", again.error());
    if (!later(2, 30)) return Ok{};
  }
  if (rng() % 100 < 65) {
    int stars = 2 + static_cast<int>(rng() % 4);
    if (auto rated = desk_service.Rate(reporter, tn, code, stars, "", "id"); !rated.ok()) {
      return Failed("rate", rated.error());
    }
  }
  return Ok{};
}

// People support public reports they know too.
void ReportRun::Support() {
  for (const char* email : {"warga1@demo.id", "warga2@demo.id", "usaha1@demo.id"}) {
    access::Actor a = actor(email);
    for (std::size_t k = 0; k < numbers.size(); k += 3 + rng() % 4) (void)desk_service.Support(a, numbers[k], "id");
  }
}

}  // namespace

// Reports of the past four months in every state, filed and handled through the real use cases with the clock set
// back: the desk verifies most within its limit, offices answer, ask for more, forward what is not theirs, close;
// reporters reply, rate and sometimes object. Routing rules send each category to its office.
Status detail::SeedReports(storage::Database& db, const Config& config, org::OrgService& org,
                           identity::IdentityService& identity, catalog::CatalogService& catalog,
                           applications::ApplicationsService& files, calendar::CalendarService& calendar,
                           const PiiVault& vault, const notify::Notifier& notifier, std::int64_t kab, TimePoint& at,
                           TimePoint now) {
  auto store = reports::MakeSqlReportStore();
  reports::Options options;
  options.files_dir = config.data_dir + "/files";
  Unlimited unlimited;       // the seed files many reports from one place within seconds
  app::NoRecipients nobody;  // history tells nobody
  reports::ReportsService desk_service(
      db, *store, org, catalog, files, calendar, vault, [&at] { return at; }, notifier, nobody, unlimited.limiter,
      unlimited.limits, options);
  ReportRun run{desk_service, identity, at, now};
  run.desk = run.actor("pengaduan@demo.go.id");
  auto kab_node = org.Get(kab);
  if (!kab_node.ok()) return kab_node.error();
  for (const auto& n : org.OfKindUnder(kab_node->path, NodeKind::kPerangkatDaerah)) run.office_of[n.slug] = n.id;
  for (const auto& n : org.OfKindUnder(kab_node->path, NodeKind::kKelurahanDesa)) run.office_of[n.slug] = n.id;
  for (int i = 0; i < kReports; ++i) {
    if (auto st = run.File(i); !st.ok()) return st;
  }
  run.Support();
  // The escalations a running server would have sent for the overdue ones.
  at = now;
  if (auto swept = desk_service.SweepOverdue(); !swept.ok()) return Failed("report sweep", swept.error());
  log::Info("demo reports seeded", {{"reports", run.filed_count}});
  return Ok{};
}

}  // namespace spbe::demo
