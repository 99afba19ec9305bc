// Contract of the storage layer, written once and run on SQLite always and on PostgreSQL when SPBE_TEST_PG is set.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <atomic>
#include <thread>

#include "app/app.hpp"
#include "ops/probe_store.hpp"
#include "ops/service.hpp"
#include "portal/site.hpp"
#include "storage/migrations.hpp"
#include "storage/rows.hpp"
#include "storage/statements.hpp"
#include "testing/test_env.hpp"

namespace spbe {
namespace {

class DatabaseContract : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    SPBE_SKIP_UNAVAILABLE(GetParam());
    env_ = std::make_unique<testing::TestDatabase>(GetParam());
    auto db = app::OpenDatabase(env_->config);
    ASSERT_TRUE(db.ok()) << db.error().detail;
    db_ = std::move(*db);
  }
  void Migrate() {
    auto n = storage::Migrate(*db_);
    ASSERT_TRUE(n.ok()) << n.error().detail;
  }
  long long CountProbes() {
    auto n = db_->Read([&](soci::session& s) { return probes_->Count(s); });
    EXPECT_TRUE(n.ok());
    return n.ok() ? *n : -1;
  }
  Status InsertProbe(const std::string& key) {
    return db_->Write([&](soci::session& s) -> Status {
      probes_->Insert(s, {key, "p"}, "2026-01-01T00:00:00Z");
      return Ok{};
    });
  }

  std::unique_ptr<testing::TestDatabase> env_;
  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<ops::ProbeStore> probes_ = ops::MakeSqlProbeStore();
};

TEST_P(DatabaseContract, MigrateAppliesEveryVersionOnceAndIsSafeToRepeat) {
  auto before = storage::ReadSchemaState(*db_);
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(before->current, 0);
  auto first = storage::Migrate(*db_);
  ASSERT_TRUE(first.ok()) << first.error().detail;
  EXPECT_EQ(*first, before->latest);
  auto second = storage::Migrate(*db_);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(*second, 0);
  auto after = storage::ReadSchemaState(*db_);
  EXPECT_EQ(after->current, after->latest);
  EXPECT_TRUE(storage::CheckSchema(*db_).ok());
}

TEST_P(DatabaseContract, RefusesASchemaOlderThanTheBinary) {
  auto st = storage::CheckSchema(*db_);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.error().detail.find("spbe migrate"), std::string::npos) << st.error().detail;
}

TEST_P(DatabaseContract, RefusesASchemaNewerThanTheBinary) {
  Migrate();
  ASSERT_TRUE(db_->Write([](soci::session& s) -> Status {
                   s << "INSERT INTO schema_migrations (version, name, checksum, applied_at) "
                        "VALUES (999, 'future', 'x', '2099-01-01T00:00:00Z')";
                   return Ok{};
                 })
                  .ok());
  auto st = storage::CheckSchema(*db_);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.error().detail.find("newer"), std::string::npos) << st.error().detail;
  EXPECT_NE(st.error().detail.find("999"), std::string::npos) << st.error().detail;
}

TEST_P(DatabaseContract, RefusesAMigrationEditedAfterItWasApplied) {
  Migrate();
  ASSERT_TRUE(db_->Write([](soci::session& s) -> Status {
                   s << "UPDATE schema_migrations SET checksum = 'tampered' WHERE version = 1";
                   return Ok{};
                 })
                  .ok());
  auto st = storage::CheckSchema(*db_);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.error().detail.find("V001"), std::string::npos) << st.error().detail;
}

TEST_P(DatabaseContract, AWriteIsVisibleOnceAcknowledged) {
  Migrate();
  ASSERT_TRUE(InsertProbe("a").ok());
  EXPECT_EQ(CountProbes(), 1);
}

TEST_P(DatabaseContract, AUnitThatFailsLeavesNothingBehind) {
  Migrate();
  auto st = db_->Write([&](soci::session& s) -> Status {
    probes_->Insert(s, {"half", "p"}, "2026-01-01T00:00:00Z");
    return Error::Of(ErrorCode::kConflict, "changed my mind");
  });
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, ErrorCode::kConflict);
  EXPECT_EQ(CountProbes(), 0);
}

TEST_P(DatabaseContract, AUnitThatThrowsLeavesNothingBehindAndTheBugReachesTheCaller) {
  Migrate();
  EXPECT_THROW((void)db_->Write([&](soci::session& s) -> Status {
    probes_->Insert(s, {"half", "p"}, "2026-01-01T00:00:00Z");
    throw std::runtime_error("bug");
  }),
               std::runtime_error);
  EXPECT_EQ(CountProbes(), 0);
  ASSERT_TRUE(InsertProbe("after").ok());  // the database is still usable
  EXPECT_EQ(CountProbes(), 1);
}

TEST_P(DatabaseContract, AConstraintViolationSinksOnlyItsOwnUnit) {
  Migrate();
  ASSERT_TRUE(InsertProbe("dup").ok());
  EXPECT_THROW((void)InsertProbe("dup"), soci::soci_error);
  ASSERT_TRUE(InsertProbe("fine").ok());
  EXPECT_EQ(CountProbes(), 2);
}

TEST_P(DatabaseContract, ConcurrentWritersAreAllDurableAndOneFailureSinksNoNeighbour) {
  Migrate();
  constexpr int kWriters = 64, kEach = 10;
  std::atomic<int> ok{0}, refused{0};
  std::vector<std::thread> threads;
  for (int w = 0; w < kWriters; ++w) {
    threads.emplace_back([&, w] {
      for (int i = 0; i < kEach; ++i) {
        bool fail = (w * kEach + i) % 7 == 0;
        auto st = db_->Write([&](soci::session& s) -> Status {
          probes_->Insert(s, {"w" + std::to_string(w) + "-" + std::to_string(i), "p"}, "2026-01-01T00:00:00Z");
          if (fail) return Error::Of(ErrorCode::kConflict, "no");
          return Ok{};
        });
        (st.ok() ? ok : refused)++;
      }
    });
  }
  for (auto& t : threads) t.join();
  int expected_refused = 0;
  for (int n = 0; n < kWriters * kEach; ++n) expected_refused += n % 7 == 0;
  EXPECT_EQ(refused.load(), expected_refused);
  EXPECT_EQ(ok.load(), kWriters * kEach - expected_refused);
  EXPECT_EQ(CountProbes(), ok.load());
  auto stats = db_->Stats();
  int migrations = static_cast<int>(storage::KnownMigrations(db_->engine()).size());
  EXPECT_EQ(static_cast<int>(stats.units_committed), ok.load() + migrations);
}

TEST_P(DatabaseContract, TransactionRollsBackUnlessCommitted) {
  Migrate();
  auto st = db_->WithConnection([&](soci::session& s) {
    {
      storage::Transaction tx(s);
      probes_->Insert(s, {"rolled-back", "p"}, "2026-01-01T00:00:00Z");
    }
    {
      storage::Transaction tx(s);
      probes_->Insert(s, {"kept", "p"}, "2026-01-01T00:00:00Z");
      tx.Commit();
    }
  });
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(CountProbes(), 1);
  auto kept = db_->Read([&](soci::session& s) { return probes_->FindByKey(s, "kept"); });
  EXPECT_TRUE(kept.ok() && kept->has_value());
}

TEST_P(DatabaseContract, ProbeServiceRecordsOnceperKey) {
  Migrate();
  ops::OpsService ops(*db_, *probes_, [] { return std::string("2026-11-22T10:00:00Z"); });
  auto first = ops.RecordProbe({"k1", "hello"});
  ASSERT_TRUE(first.ok());
  EXPECT_TRUE(first->created);
  auto again = ops.RecordProbe({"k1", "other"});
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->created);
  EXPECT_EQ(again->id, first->id);
  EXPECT_EQ(again->payload, "hello");
  EXPECT_EQ(again->created_at, "2026-11-22T10:00:00Z");
  auto bad = ops.RecordProbe({"bad key!", ""});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().fields.at(0).field, "key");
  EXPECT_EQ(CountProbes(), 1);
  EXPECT_TRUE(ops.Ready());
}

TEST_P(DatabaseContract, SiteSettingsInsertThenUpdate) {
  Migrate();
  auto store = portal::MakeSqlSiteStore();
  portal::SiteService site(*db_, *store);
  auto empty = site.Get();
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->government, "");  // unset: pages leave it out
  ASSERT_TRUE(site.Update({{portal::kGovernment, "Pemerintah Kota A"}}).ok());
  ASSERT_TRUE(site.Update({{portal::kGovernment, "Pemerintah Kota B"}, {portal::kEmail, "a@b.example"}}).ok());
  auto info = site.Get();
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->government, "Pemerintah Kota B");
  EXPECT_EQ(info->email, "a@b.example");
}

// Kept statements (storage/statements.hpp): prepared once per connection, run again with new values and NULLs,
// and never holding a connection's view of the data back (on SQLite, a statement not stepped to its end would).
TEST_P(DatabaseContract, KeptStatementsRunAgainWithNewValuesAndHoldNothingOpen) {
  Migrate();
  bool sqlite = db_->engine() == storage::Engine::kSqlite;
  ASSERT_TRUE(db_->Write([&](soci::session& s) -> Status {
                   s << std::string("CREATE TABLE kept_test (id ") +
                            (sqlite ? "INTEGER PRIMARY KEY" : "BIGSERIAL PRIMARY KEY") +
                            ", k TEXT NOT NULL UNIQUE, v TEXT, n BIGINT)";
                   return Ok{};
                 })
                  .ok());
  constexpr const char* kInsert = "INSERT INTO kept_test (k, v, n) VALUES (:k, :v, :n) RETURNING id";
  constexpr const char* kRows = "SELECT k, v, n FROM kept_test WHERE id >= :from ORDER BY id";
  constexpr const char* kCount = "SELECT COUNT(*) FROM kept_test";
  auto insert = [&](const std::string& k, const std::string& v, std::int64_t n) {
    return db_->Write([&](soci::session& s) -> Status {
      auto id = storage::QueryInt(s, kInsert, k, storage::TextOrNull(v), storage::IdOrNull(n));
      return id ? Status(Ok{}) : Status(Error::Of(ErrorCode::kInternal, "no id"));
    });
  };
  ASSERT_TRUE(db_->Write([&](soci::session& s) -> Status {
                   EXPECT_NE(storage::StatementsFor(s), nullptr);  // the writer's connection keeps its statements
                   std::size_t before = storage::StatementsFor(s)->size();
                   for (int i = 0; i < 3; ++i) {
                     auto id = storage::QueryInt(s, kInsert, "k" + std::to_string(i),
                                                 storage::TextOrNull(i == 1 ? "" : "v"), storage::IdOrNull(i));
                     EXPECT_TRUE(id.has_value());
                   }
                   EXPECT_EQ(storage::StatementsFor(s)->size(), before + 1);  // one statement, three runs
                   return Ok{};
                 })
                  .ok());

  std::vector<std::string> seen;
  auto read = db_->WithConnection([&](soci::session& s) {
    storage::ForEachRow(
        s, kRows,
        [&](const soci::row& r) {
          seen.push_back(storage::Text(r, 0) + "=" + (storage::IsNull(r, 1) ? "NULL" : storage::Text(r, 1)) + "/" +
                         (storage::IsNull(r, 2) ? "NULL" : std::to_string(storage::Int64(r, 2))));
          // The same text again from inside its own rows gets a statement of its own.
          int inner = 0;
          storage::ForEachRow(
              s, kRows, [&](const soci::row&) { ++inner; }, 0);
          EXPECT_EQ(inner, 3);
        },
        0);
    // Only the first row is read here; the statement must still let go of this connection's snapshot.
    EXPECT_EQ(storage::QueryInt(s, "SELECT n FROM kept_test WHERE n IS NOT NULL ORDER BY id"), 1);
    ASSERT_TRUE(insert("from-the-writer", "v", 7).ok());  // another connection commits meanwhile
    EXPECT_EQ(storage::QueryInt(s, kCount), 4);           // and this one sees it at once
  });
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(seen, (std::vector<std::string>{"k0=v/NULL", "k1=NULL/1", "k2=v/2"}));

  // A run that fails (a duplicate key) undoes its unit; the statement is prepared afresh for the next run.
  EXPECT_THROW((void)insert("k0", "again", 1), soci::soci_error);
  ASSERT_TRUE(insert("k9", "v", 9).ok());
  auto n = db_->Read([&](soci::session& s) { return storage::QueryInt(s, kCount); });
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 5);
}

INSTANTIATE_TEST_SUITE_P(Engines, DatabaseContract, ::testing::ValuesIn(testing::Engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace spbe
