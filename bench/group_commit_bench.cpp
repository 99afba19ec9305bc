// Durable writes per second on SQLite: 64 concurrent writers through the group-commit writer, against a plain
// loop of one transaction per write on the same kind of file. Prints the figures and their ratio.
// Usage: bench_group_commit [seconds=5] [writers=64] [dir=/tmp]
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "platform/crypto.hpp"
#include "storage/database.hpp"

using namespace spbe;
using Clock = std::chrono::steady_clock;

namespace {

constexpr const char* kTable = "CREATE TABLE bench (id INTEGER PRIMARY KEY, writer INTEGER NOT NULL, v TEXT NOT NULL)";
constexpr const char* kInsert = "INSERT INTO bench (writer, v) VALUES (:w, :v)";

double GroupCommit(const std::string& path, double seconds, int writers) {
  storage::DatabaseOptions o;
  o.sqlite_path = path;
  o.pool_size = 2;
  auto db = storage::Database::Open(o);
  if (!db.ok()) throw std::runtime_error(db.error().detail);
  (void)(*db)->Write([](soci::session& s) -> Status {
    s << kTable;
    return Ok{};
  });
  std::atomic<long long> done{0};
  std::atomic<bool> stop{false};
  std::vector<std::thread> threads;
  auto start = Clock::now();
  for (int w = 0; w < writers; ++w) {
    threads.emplace_back([&, w] {
      std::string v = "payload-" + std::to_string(w);
      v.resize(300, 'x');  // a row of about the size of a filing's
      while (!stop.load(std::memory_order_relaxed)) {
        auto st = (*db)->Write([&](soci::session& s) -> Status {
          s << kInsert, soci::use(w, "w"), soci::use(v, "v");
          return Ok{};
        });
        if (st.ok()) done.fetch_add(1, std::memory_order_relaxed);
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop = true;
  for (auto& t : threads) t.join();
  double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  auto stats = (*db)->Stats();
  std::printf("group commit:  %8.0f writes/s  (%lld writes in %.1f s, %llu commits, %.1f units per commit)\n",
              done / elapsed, done.load(), elapsed, static_cast<unsigned long long>(stats.commits),
              stats.commits ? static_cast<double>(stats.units_committed) / stats.commits : 0.0);
  return done / elapsed;
}

double PlainLoop(const std::string& path, double seconds) {
  soci::session s(soci::sqlite3, "db=" + path);
  s << "PRAGMA journal_mode=WAL";
  s << "PRAGMA synchronous=FULL";
  s << kTable;
  long long done = 0;
  int w = 0;
  std::string v(300, 'x');  // a row of about the size of a filing's
  auto start = Clock::now();
  auto end = start + std::chrono::duration<double>(seconds);
  while (Clock::now() < end) {
    s << "BEGIN IMMEDIATE";
    s << kInsert, soci::use(w, "w"), soci::use(v, "v");
    s << "COMMIT";
    ++done;
  }
  double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  std::printf("plain loop:    %8.0f writes/s  (%lld writes in %.1f s, one transaction each)\n", done / elapsed, done,
              elapsed);
  return done / elapsed;
}

}  // namespace

int main(int argc, char** argv) {
  double seconds = argc > 1 ? std::stod(argv[1]) : 5;
  int writers = argc > 2 ? std::stoi(argv[2]) : 64;
  std::filesystem::path dir = argc > 3 ? argv[3] : std::filesystem::temp_directory_path();
  crypto::InitCrypto();
  auto base = dir / ("spbe-bench-" + crypto::RandomHex(4));
  std::filesystem::create_directories(base);
  std::printf("SQLite durable writes (WAL, synchronous=FULL), %d concurrent writers vs one loop, %.0f s each, in %s\n",
              writers, seconds, base.c_str());
  double plain = PlainLoop((base / "plain.db").string(), seconds);
  double grouped = GroupCommit((base / "group.db").string(), seconds, writers);
  std::printf("ratio group/plain: %.1fx\n", plain > 0 ? grouped / plain : 0.0);
  std::filesystem::remove_all(base);
  return 0;
}
