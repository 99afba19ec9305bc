// The year of filed history: applications of the past months in every state, filed, worked, paid at the demo bank
// and rated through the real use cases with the clock set back; then the demo complaints (reports.cpp).
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <chrono>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "app/wiring.hpp"
#include "applications/service.hpp"
#include "calendar/service.hpp"
#include "catalog/service.hpp"
#include "demo/detail.hpp"
#include "documents/service.hpp"
#include "payments/service.hpp"
#include "platform/clock.hpp"
#include "platform/crypto.hpp"
#include "platform/i18n.hpp"
#include "platform/limits.hpp"
#include "platform/log.hpp"
#include "surveys/service.hpp"

namespace spbe::demo {
namespace {

using access::Role;
using app::kDemoBankCode;
using detail::Failed;
using org::NodeKind;

// What the applicants apply for, with the form they fill in.
struct Demo {
  const char* slug;
  const char* data;
};

const Demo kKinds[] = {
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

constexpr int kCount = 300;

// A document signing key for every office and kelurahan of the kabupaten.
Status GenerateAgencyKeys(org::OrgService& org, documents::DocumentsService& docs, std::int64_t kab) {
  auto kab_node = org.Get(kab);
  if (!kab_node.ok()) return kab_node.error();
  for (auto kind : {NodeKind::kPerangkatDaerah, NodeKind::kKelurahanDesa}) {
    for (const auto& n : org.OfKindUnder(kab_node->path, kind)) {
      if (auto key = docs.GenerateKey(n.id); !key.ok()) return key.error();
    }
  }
  return Ok{};
}

// The demo's bank is spbe-bank-sim, registered with its public key; it collects for the whole kabupaten.
Status RegisterDemoBank(payments::PaymentsService& money, const crypto::SigningKey& bank_key, std::int64_t kab) {
  access::Actor system{0, access::AccountKind::kSystem, {{kab, Role::kAdminPlatform}}};
  system.platform = true;  // the seed acts as the platform, not as an account
  auto bank = money.RegisterBank(system,
                                 {kDemoBankCode, "Bank Simulator (demo)", kab,
                                  crypto::Base64Encode(bank_key.PublicKey()), "teller, ATM, mobile banking"},
                                 "en");
  if (!bank.ok()) return Error::Of(ErrorCode::kInternal, "demo bank: " + bank.error().detail);
  return Ok{};
}

// One run of the seed's applications: the services they go through, the clock set back, the dice that decide each
// file's fate, the applicants and the officers who act on them.
struct HistoryRun {
  applications::ApplicationsService& files;
  payments::PaymentsService& money;
  surveys::SurveysService& ratings;
  const std::optional<crypto::SigningKey>& bank_key;
  TimePoint& at;
  TimePoint now;
  std::vector<access::Actor> citizens;
  std::map<std::string, access::Actor> officers;
  std::mt19937 rng{2026};
  int reference = 0;
  int rated = 0;

  // Most bills of the past were paid at the bank a day or two after they were issued, through the real callback.
  Status pay(const applications::BillInfo& bill) {
    std::string body =
        boost::json::serialize(boost::json::object{{"billing_code", bill.billing_code},
                                                   {"amount", bill.amount},
                                                   {"bank_reference", fmt::format("SIM-DEMO-{:06}", ++reference)},
                                                   {"paid_at", FormatUtc(at)},
                                                   {"channel", "teller"}});
    auto paid = money.Callback({kDemoBankCode, crypto::Base64Encode(bank_key->Sign(body)), body, "127.0.0.1"}, "en");
    if (!paid.ok()) return paid.error();
    return Ok{};
  }
  // Who acts at a step: the demo officer holding the step's role at its node.
  const access::Actor* officer_for(const applications::FileView& v) const {
    for (const auto& [email, a] : officers) {
      for (const auto& g : a.grants) {
        if (access::RoleName(g.role) == v.row.step_role && access::InSubtree(g.node_id, v.row.step_node_path))
          return &a;
      }
    }
    return nullptr;
  }
  // Most applicants of completed files rated the service soon after: mostly content, with waiting times and
  // complaint handling the weak points, so the index and its elements have a real shape.
  void rate(const access::Actor& who, const std::string& tn) {
    if (rng() % 100 >= 70) return;
    std::array<int, surveys::kElements> a{};
    for (int e = 0; e < surveys::kElements; ++e) {
      int roll = static_cast<int>(rng() % 100);
      int weak = (e == 2 || e == 7) ? 25 : 0;  // waktu, pengaduan
      a[static_cast<std::size_t>(e)] = roll < 2 ? 1 : roll < 5 + weak / 2 ? 2 : roll < 35 + weak ? 3 : 4;
    }
    at += std::chrono::hours(2 + static_cast<int>(rng() % 30));
    if (ratings.Answer(who, tn, a, "id").ok()) ++rated;
  }

  Status File(int i);
  Status Work(const access::Actor& who, const std::string& tn, int steps_done);
};

// Files the i-th application with its attachments and submits it (a few stay drafts), then works it.
Status HistoryRun::File(int i) {
  const std::string pdf = "%PDF-1.4\n% demo attachment\n%%EOF\n";
  const std::string png("\x89PNG\r\n\x1a\n demo photo", 19);
  const Demo& kind = kKinds[i % std::size(kKinds)];
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
  if (fate < 5) return Ok{};  // left as a draft
  if (auto sent = files.Submit(who, tn, "id"); !sent.ok()) {
    return Error::Of(ErrorCode::kInternal, "demo history submit: " + sent.error().detail);
  }
  // Older files went further. Each action a working day or two after the last.
  int steps_done = fate < 15 ? 0 : fate < 25 ? 1 : 99;
  return Work(who, tn, steps_done);
}

// A submitted file's steps: each officer approves, verifies or forwards it, sometimes rejects or returns it; the
// applicant resubmits, pays the bill at the bank and rates the service.
Status HistoryRun::Work(const access::Actor& who, const std::string& tn, int steps_done) {
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
      if (auto r = files.Act(*officer, tn, "return", "Lampiran kurang jelas; unggah ulang (data demo)", "id"); !r.ok())
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
  return Ok{};
}

}  // namespace

// Applications of the past four months in every state, filed and worked through the real use cases with the clock
// set back, so the worklist, timelines and deadlines look like an office's (some on time, some overdue).
Status detail::SeedHistory(storage::Database& db, const Config& config, org::OrgService& org,
                           identity::IdentityService& identity, const PiiVault& vault, std::int64_t kab, bool history) {
  auto catalog_store = catalog::MakeSqlCatalogStore();
  app::IdentityStaffing staffing(identity);
  catalog::CatalogService catalog(db, *catalog_store, org, SystemClock(), staffing);
  TimePoint now = std::chrono::system_clock::now();
  TimePoint at = now;
  Clock clock = [&at] { return at; };
  auto calendar_store = calendar::MakeSqlCalendarStore();
  calendar::CalendarService calendar(db, *calendar_store, clock);
  auto store = applications::MakeSqlApplicationStore();
  // History tells nobody: no recipients, so no inbox entries or mail for files of months ago.
  i18n::Catalog texts = i18n::Catalog::FromResources();
  auto notify_store = notify::MakeSqlNotifyStore();
  notify::Notifier notifier(*notify_store, texts, config.public_url);
  Unlimited unlimited;
  // Every agency that issues outputs signs them with its own key.
  auto document_keys = PiiVault::OpenOrCreate(config.data_dir + "/keys/documents.key");
  if (!document_keys.ok()) return document_keys.error();
  auto document_store = documents::MakeSqlDocumentStore();
  documents::DocumentsService docs(db, *document_store, org, *document_keys, clock,
                                   documents::Options{config.data_dir + "/documents", config.public_url});
  if (auto st = GenerateAgencyKeys(org, docs, kab); !st.ok()) return st;
  app::NoRecipients nobody;
  app::IdentityOfficers signers(identity);
  app::DocumentOutputs outputs(docs);
  app::PaymentsBilling billing;
  applications::ApplicationsService files(db, *store, catalog, org, calendar, vault, clock, notifier,
                                          applications::Ports{nobody, signers, billing, outputs}, unlimited.limiter,
                                          unlimited.limits, applications::Options{config.data_dir + "/files"});
  auto payment_store = payments::MakeSqlPaymentStore();
  payments::PaymentsService money(db, *payment_store, org, files, unlimited.limiter, unlimited.limits, clock);
  billing.Bind(money);
  // The demo's bank is spbe-bank-sim; its key lives with the demo data, and it collects for the whole kabupaten.
  auto bank_key = crypto::LoadOrCreateKeyFile(config.data_dir + "/keys/bank-sim.key");
  if (!bank_key) return Error::Of(ErrorCode::kInternal, "demo: cannot read or write keys/bank-sim.key");
  if (auto st = RegisterDemoBank(money, *bank_key, kab); !st.ok()) return st;
  if (!history) return Ok{};
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
  auto survey_store = surveys::MakeSqlSurveyStore();
  surveys::SurveysService ratings(db, *survey_store, files, catalog, vault, clock);
  HistoryRun run{files, money, ratings, bank_key, at, now, std::move(citizens), std::move(officers)};
  for (int i = 0; i < kCount; ++i) {
    if (auto st = run.File(i); !st.ok()) return st;
  }
  log::Info("demo history seeded", {{"applications", kCount}, {"surveys", run.rated}});
  return SeedReports(db, config, org, identity, catalog, files, calendar, vault, notifier, kab, at, now);
}

}  // namespace spbe::demo
