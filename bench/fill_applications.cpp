// Fills a database with many applications for the benchmarks (worklist and tracking with 100,000 files): filed
// under a published service, at its first step, with deadlines spread over the past and the coming weeks. Rows go
// through the applications store, as the server writes them, a thousand per unit of work.
//
//   fill_applications --data-dir DIR [--database postgresql://...] [--service SLUG] [--count N] [--numbers FILE]
//
// Each file has its "submit" event (what tracking shows) and the access code BENCH1; --numbers writes the first
// thousand tracking numbers filled, one per line, for the tracking benchmark.
#include <soci/soci.h>
#include <CLI/CLI.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <random>

#include "app/app.hpp"
#include "applications/model.hpp"
#include "applications/store.hpp"
#include "catalog/service.hpp"
#include "org/service.hpp"
#include "platform/config.hpp"
#include "platform/crypto.hpp"
#include "platform/pii.hpp"

namespace {
// The bench files straight into the store: every step counts as staffed.
struct EveryStepStaffed final : spbe::catalog::Staffing {
  int OfficersWhoMay(spbe::access::Role, const std::string&) override { return 1; }
};
}  // namespace

int main(int argc, char** argv) {
  using namespace spbe;
  CLI::App cli{"fill_applications: many applications for the benchmarks"};
  Config config;
  std::string slug = "izin-praktik-bidan";
  int count = 100000;
  cli.add_option("--data-dir", config.data_dir, "data directory (keys, SQLite file)")->required();
  cli.add_option("--database", config.database_url, "postgresql://... (default: SQLite in the data directory)");
  cli.add_option("--service", slug, "published service to file under")->capture_default_str();
  cli.add_option("--count", count, "how many applications")->capture_default_str();
  std::string numbers_path;
  cli.add_option("--numbers", numbers_path, "file to write the first 1,000 tracking numbers to");
  CLI11_PARSE(cli, argc, argv);

  auto db = app::OpenDatabase(config);
  if (!db.ok()) return std::fprintf(stderr, "%s\n", db.error().detail.c_str()), 1;
  auto vault = PiiVault::OpenOrCreate(config.data_dir + "/keys/pii.key");
  if (!vault.ok()) return std::fprintf(stderr, "%s\n", vault.error().detail.c_str()), 1;
  auto org_store = org::MakeSqlOrgStore();
  org::OrgService org(**db, *org_store, [] { return FormatUtc(std::chrono::system_clock::now()); });
  auto catalog_store = catalog::MakeSqlCatalogStore();
  EveryStepStaffed staffed;
  catalog::CatalogService catalog(**db, *catalog_store, org, SystemClock(), staffed);
  auto sv = catalog.Published(slug);
  if (!sv.ok()) return std::fprintf(stderr, "no published service %s\n", slug.c_str()), 1;
  const auto& first = sv->definition.workflow.steps.front();
  auto node = org.Get(first.node_id);
  if (!node.ok()) return std::fprintf(stderr, "the first step's node is missing\n"), 1;
  std::int64_t applicant = 0;
  {
    auto r = (*db)->Read([](soci::session& s) {
      long long id = 0;
      s << "SELECT id FROM accounts WHERE email = 'warga1@demo.id'", soci::into(id);
      return id;
    });
    if (!r.ok() || *r == 0) return std::fprintf(stderr, "seed the demo first (warga1@demo.id)\n"), 1;
    applicant = *r;
  }
  auto store = applications::MakeSqlApplicationStore();
  std::string sealed = vault->Seal(R"({"nama_lengkap": "Bidan Uji Beban", "nik": "1210015203880002"})");
  std::mt19937 rng(7);
  auto now = std::chrono::system_clock::now();
  auto started = std::chrono::steady_clock::now();
  const int kBatch = 1000;
  std::vector<std::string> numbers;
  std::uint32_t serial = 0;
  for (int done = 0; done < count; done += kBatch) {
    Status st = (*db)->Write([&](soci::session& s) -> Status {
      for (int i = done; i < std::min(count, done + kBatch); ++i) {
        applications::ApplicationRow row;
        auto filed = now - std::chrono::hours(rng() % (24 * 90));
        std::string ymd = FormatUtc(filed);
        // Past the numbers the demo history took (random ones): the next free serial.
        do {
          row.tracking_number = applications::MakeTrackingNumber(
              std::stoi(ymd.substr(0, 4)), static_cast<unsigned>(std::stoi(ymd.substr(5, 2))), serial++);
        } while (store->TrackingNumberTaken(s, row.tracking_number));
        row.access_code_hash = crypto::Sha256Hex(row.tracking_number + ":BENCH1");
        row.service_id = sv->service.id;
        row.version_id = sv->version.id;
        row.node_path = sv->service.node_path;
        row.applicant_id = applicant;
        row.status = "in_progress";
        row.step = first.key;
        row.step_node_path = node->path;
        row.step_role = access::RoleName(first.role);
        row.step_started_at = row.submitted_at = row.created_at = row.updated_at = FormatUtc(filed);
        row.step_due_at = FormatUtc(filed + std::chrono::hours(24 * 3));
        row.due_at = FormatUtc(filed + std::chrono::hours(24 * 14));
        row.data_sealed = sealed;
        row.id = store->Insert(s, row);
        applications::EventRow submitted;
        submitted.application_id = row.id;
        submitted.at = row.submitted_at;
        submitted.actor_id = applicant;
        submitted.step = first.key;
        submitted.action = "submit";
        submitted.due_at = row.step_due_at;
        store->AddEvent(s, submitted);
        if (numbers.size() < 1000) numbers.push_back(applications::FormatTrackingNumber(row.tracking_number));
      }
      return Ok{};
    });
    if (!st.ok()) return std::fprintf(stderr, "%s\n", st.error().detail.c_str()), 1;
  }
  // What autovacuum would do soon after a bulk load: fresh statistics for the planner.
  (void)(*db)->Write([](soci::session& s) -> Status {
    s << "ANALYZE applications";
    return Ok{};
  });
  if (!numbers_path.empty()) {
    std::FILE* f = std::fopen(numbers_path.c_str(), "w");
    if (!f) return std::fprintf(stderr, "cannot write %s\n", numbers_path.c_str()), 1;
    for (const auto& n : numbers) std::fprintf(f, "%s\n", n.c_str());
    std::fclose(f);
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf("filled %d applications under %s in %.1f s\n", count, slug.c_str(), secs);
  return 0;
}
