// The demo's SPBE evaluation: the kabupaten's final assessment of last year (self-assessed by the coordinator,
// reviewed by the ministry's evaluator with some levels changed, targets and a plan set for this year) and this
// year's in progress (a draft with most indicators scored). The platform's live figures are attached by the running
// server when the coordinator takes them: its dashboard read model is built there, not by the seed.
#include "demo/detail.hpp"
#include "evaluation/service.hpp"

namespace spbe::demo::detail {
namespace {

using evaluation::Review;

// Last year's levels, indicator 1..47: the agency's own, and the evaluator's where it differs (0: kept).
constexpr int kSelf[47] = {3, 3, 2, 3, 2, 2, 3, 2, 2, 3,  // kebijakan internal
                           3, 2, 2, 2,                    // perencanaan strategis
                           3, 2, 3, 3,                    // teknologi informasi dan komunikasi
                           3, 2,                          // penyelenggara
                           2, 2, 2, 1, 2, 1, 1, 3,        // penerapan manajemen
                           1, 2, 1,                       // audit TIK
                           3, 3, 3, 3, 3, 4, 2, 2, 3, 2,  // layanan administrasi pemerintahan
                           4, 3, 3, 4, 3, 3};             // layanan publik
constexpr int kChanged[47] = {0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                              0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
// This year's draft (0: not scored yet).
constexpr int kThisYear[47] = {3, 3, 3, 3, 2, 2, 3, 3, 2, 3, 3, 3, 2, 2, 3, 2, 3, 4, 3, 2, 2, 3, 2, 2,
                               2, 0, 0, 0, 0, 0, 0, 3, 3, 3, 3, 3, 4, 0, 0, 0, 0, 4, 0, 0, 4, 0, 0};

Status Check(const char* what, const Status& st) { return st.ok() ? st : Status(Failed(what, st.error())); }

}  // namespace

Status SeedEvaluation(storage::Database& db, const Config& config, org::OrgService& org, std::int64_t kab,
                      std::int64_t ministry, std::int64_t evaluator_id) {
  auto store = evaluation::MakeSqlEvaluationStore();
  auto now = std::chrono::system_clock::now();
  if (auto st = evaluation::EvaluationService::EnsureShippedModel(db, *store, now); !st.ok()) {
    return Failed("spbe model", st.error());
  }
  int year = static_cast<int>(LocalDate(now, TimeZone::kWib).year());
  access::Actor coordinator;
  coordinator.platform = true;
  coordinator.grants = {{kab, access::Role::kAdminPlatform}};
  access::Actor evaluator{evaluator_id, access::AccountKind::kAsn, {{ministry, access::Role::kEvaluator}}};
  std::string files = config.data_dir + "/files";

  {
    // Last year's, worked through in the autumn of that year.
    TimePoint then = now - std::chrono::days(330);
    evaluation::EvaluationService spbe(db, *store, org, nullptr, files, [then] { return then; });
    auto a = spbe.Create(coordinator, kab, year - 1, "id");
    if (!a.ok()) return Failed("spbe assessment last year", a.error());
    std::int64_t id = a->row.id;
    for (int n = 1; n <= 47; ++n) {
      std::string why = n <= 10 ? "Kebijakan internal ditetapkan dengan Peraturan Bupati dan berlaku untuk seluruh "
                                  "perangkat daerah."
                                : "Dilaksanakan sesuai Peraturan Bupati tentang SPBE; dokumen pendukung terlampir.";
      if (auto st = Check("self level", spbe.SetSelf(coordinator, id, n, kSelf[n - 1], why, "id")); !st.ok()) {
        return st;
      }
    }
    for (auto [n, title, url] :
         {std::tuple{1, "Perbup Labuhanbatu tentang Arsitektur SPBE (JDIH)", "https://jdih.labuhanbatukab.go.id/"},
          std::tuple{11, "Dokumen Arsitektur SPBE Kabupaten 2024-2028", "https://diskominfo.labuhanbatukab.go.id/"},
          std::tuple{42, "Kanal SP4N-LAPOR! Kabupaten Labuhanbatu", "https://www.lapor.go.id/"}}) {
      auto added = spbe.AddLink(coordinator, id, n, title, url, "id");
      if (!added.ok()) return Failed("evidence link", added.error());
    }
    if (auto st = Check("submit", spbe.Submit(coordinator, id, "id")); !st.ok()) return st;
    for (int n = 1; n <= 47; ++n) {
      bool changed = kChanged[n - 1] != 0;
      auto st = spbe.ReviewIndicator(evaluator, id, n, changed ? Review::kChanged : Review::kKept, kChanged[n - 1],
                                     changed ? "Bukti belum menunjukkan penerapan di seluruh perangkat daerah; "
                                               "tingkat disesuaikan setelah wawancara."
                                             : "",
                                     "id");
      if (auto checked = Check("review", st); !checked.ok()) return checked;
    }
    if (auto st = Check("interview", spbe.NoteInterview(evaluator, id, 15,
                                                        "Wawancara dengan Kepala Diskominfo: aplikasi masih dibangun "
                                                        "per perangkat daerah tanpa mengacu arsitektur.",
                                                        "id"));
        !st.ok()) {
      return st;
    }
    if (auto st = Check("final", spbe.Finalize(evaluator, id, "id")); !st.ok()) return st;
    // Targets for this year and the plan that should reach them.
    for (auto [n, level] : {std::pair{4, 3}, {15, 3}, {26, 2}, {27, 2}, {29, 2}, {31, 2}}) {
      if (auto st = Check("target", spbe.SetTarget(coordinator, id, n, level, "id")); !st.ok()) return st;
    }
    for (auto [n, action, owner] :
         {std::tuple{15, "Konsolidasi aplikasi persuratan ke SRIKANDI", "Diskominfo"},
          std::tuple{29, "Audit infrastruktur SPBE oleh auditor internal", "Inspektorat Daerah"},
          std::tuple{26, "Portal manajemen pengetahuan SPBE", "Diskominfo"}}) {
      auto made = spbe.AddPlanAction(coordinator, id, n, action, owner, std::to_string(year) + "-09-30", "id");
      if (!made.ok()) return Failed("plan action", made.error());
    }
  }
  {
    evaluation::EvaluationService spbe(db, *store, org, nullptr, files, SystemClock());
    auto a = spbe.Create(coordinator, kab, year, "id");
    if (!a.ok()) return Failed("spbe assessment this year", a.error());
    for (int n = 1; n <= 47; ++n) {
      if (!kThisYear[n - 1]) continue;
      auto st = spbe.SetSelf(coordinator, a->row.id, n, kThisYear[n - 1],
                             "Diperbarui dari penilaian tahun lalu; lihat bukti dukung.", "id");
      if (auto checked = Check("self level", st); !checked.ok()) return checked;
    }
  }
  return Ok{};
}

}  // namespace spbe::demo::detail
