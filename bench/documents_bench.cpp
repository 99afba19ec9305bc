// Documents rendered and signed per second, and verifications per second, through the documents capability on a
// seeded demo database: each output is rendered (libharu, libqrencode), stored by hash, signed with the agency's
// sealed Ed25519 key and recorded in its own unit of work, as an approval does. Writes one issued PDF and its id
// for the HTTP figures that follow (scripts/bench-documents).
//
//   bench_documents --data-dir DIR [--database postgresql://...] [--count N] [--threads T] [--out FILE]
#include <soci/soci.h>
#include <CLI/CLI.hpp>
#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <thread>

#include "app/app.hpp"
#include "catalog/service.hpp"
#include "documents/service.hpp"
#include "org/service.hpp"
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
  CLI::App cli{"bench_documents: documents rendered and signed per second, verifications per second"};
  Config config;
  int count = 400, threads = 2;
  std::string out = "bench-document.pdf";
  cli.add_option("--data-dir", config.data_dir, "a seeded demo data directory")->required();
  cli.add_option("--database", config.database_url, "postgresql://... (default: SQLite in the data directory)");
  cli.add_option("--count", count, "documents to issue per run")->capture_default_str();
  cli.add_option("--threads", threads, "threads issuing at once in the second run")->capture_default_str();
  cli.add_option("--out", out, "where to write one issued PDF (its id goes to OUT.id)")->capture_default_str();
  CLI11_PARSE(cli, argc, argv);
  crypto::InitCrypto();

  auto db = app::OpenDatabase(config);
  if (!db.ok()) return std::fprintf(stderr, "%s\n", db.error().detail.c_str()), 1;
  auto keys = PiiVault::OpenOrCreate(config.data_dir + "/keys/documents.key");
  if (!keys.ok()) return std::fprintf(stderr, "%s\n", keys.error().detail.c_str()), 1;
  auto org_store = org::MakeSqlOrgStore();
  org::OrgService org(**db, *org_store, [] { return FormatUtc(std::chrono::system_clock::now()); });
  auto catalog_store = catalog::MakeSqlCatalogStore();
  EveryStepStaffed staffed;
  catalog::CatalogService catalog(**db, *catalog_store, org, SystemClock(), staffed);
  auto store = documents::MakeSqlDocumentStore();
  documents::DocumentsService docs(**db, *store, org, *keys, SystemClock(),
                                   documents::Options{config.data_dir + "/documents", "https://portal.example"});
  auto sv = catalog.Published("izin-reklame");
  if (!sv.ok()) return std::fprintf(stderr, "seed the demo first\n"), 1;
  applications::ApplicationRow row;
  auto first = (*db)->Read([](soci::session& s) {
    long long id = 0;
    std::string tn;
    s << "SELECT id, tracking_number FROM applications ORDER BY id LIMIT 1", soci::into(id), soci::into(tn);
    return std::make_pair(static_cast<std::int64_t>(id), tn);
  });
  if (!first.ok() || first->first == 0) return std::fprintf(stderr, "no application to attach documents to\n"), 1;
  row.id = first->first;
  row.tracking_number = first->second;
  row.node_path = sv->service.node_path;

  std::atomic<int> serial{0};
  auto issue = [&]() -> Result<std::string> {
    int n = ++serial;
    applications::OutputRequest r{row,
                                  &*sv,
                                  boost::json::parse(R"({"nama_usaha": "CV Uji Beban )" + std::to_string(n) +
                                                     R"(", "jenis": "papan", "luas_m2": "3", "lama_bulan": "6"})")
                                      .as_object(),
                                  "Kepala Dinas Uji",
                                  "Kepala Dinas",
                                  "Berdasarkan pemeriksaan, permohonan ini DISETUJUI.",
                                  FormatUtc(std::chrono::system_clock::now())};
    auto record = docs.Prepare(r);
    if (!record.ok()) return record.error();
    return (*db)->WriteReturning<std::string>([&](soci::session& s) { return (*record)(s); });
  };
  auto timed = [&](int workers) {
    std::atomic<int> done{0}, failed{0};
    auto start = std::chrono::steady_clock::now();
    std::vector<std::thread> pool;
    for (int t = 0; t < workers; ++t) {
      pool.emplace_back([&] {
        while (done.fetch_add(1) < count) {
          if (!issue().ok()) ++failed;
        }
      });
    }
    for (auto& t : pool) t.join();
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("  documents rendered, signed and recorded, %d thread%s: %8.1f /s   (%d in %.2f s, %d failed)\n",
                workers, workers == 1 ? "" : "s", count / seconds, count, seconds, failed.load());
  };
  timed(1);
  timed(threads);

  auto sample = issue();
  if (!sample.ok()) return std::fprintf(stderr, "%s\n", sample.error().detail.c_str()), 1;
  auto bytes = docs.OfApplication(row.id);
  if (!bytes.ok()) return std::fprintf(stderr, "%s\n", bytes.error().detail.c_str()), 1;
  // The newest document of the application is the sample.
  std::ofstream(out, std::ios::binary) << bytes->second;
  std::ofstream(out + ".id") << bytes->first.id;

  auto start = std::chrono::steady_clock::now();
  const int checks = 5000;
  int valid = 0;
  for (int i = 0; i < checks; ++i) {
    auto found = docs.VerifyBytes(bytes->second);
    if (found.ok() && !found->empty() && found->front().signature_valid) ++valid;
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf(
      "  verifications of a %zu-byte PDF (hash, look-up, Ed25519 check, stored file re-hashed), 1 thread: "
      "%8.1f /s   (%d valid)\n",
      bytes->second.size(), checks / seconds, valid);
  return 0;
}
