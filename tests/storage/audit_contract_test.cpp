// The hash-chained audit trail, on SQLite and PostgreSQL: written with every change, and any edit or deletion found.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <thread>

#include "app/app.hpp"
#include "audit/audit.hpp"
#include "testing/test_env.hpp"

namespace spbe::audit {
namespace {

class AuditContract : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    SPBE_SKIP_UNAVAILABLE(GetParam());
    env_ = std::make_unique<testing::TestDatabase>(GetParam());
    testing::MigrateOrDie(env_->config);
    auto db = app::OpenDatabase(env_->config);
    ASSERT_TRUE(db.ok());
    db_ = std::move(*db);
  }
  void Add(int n, const std::string& action = "test.change") {
    for (int i = 0; i < n; ++i) {
      ASSERT_TRUE(db_->Write([&](soci::session& s) -> Status {
                       Entry e;
                       e.action = action;
                       e.object_type = "thing";
                       e.object_id = std::to_string(i);
                       e.node_path = "/1/2/";
                       access::Actor actor{7, access::AccountKind::kAsn, {}, "10.0.0.9"};
                       Record(s, actor, e, "2026-11-22T10:00:00Z");
                       return Ok{};
                     })
                      .ok());
    }
  }
  void Exec(const std::string& sql) {
    ASSERT_TRUE(db_->Write([&](soci::session& s) -> Status {
                     s << sql;
                     return Ok{};
                   })
                    .ok());
  }
  std::unique_ptr<testing::TestDatabase> env_;
  std::unique_ptr<storage::Database> db_;
};

TEST_P(AuditContract, AnIntactChainVerifies) {
  Add(5);
  auto v = Verify(*db_);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->entries, 5);
  EXPECT_FALSE(v->first_broken) << v->reason;
  auto list = List(*db_, {.node_path = "/1/"});
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 5u);
  EXPECT_EQ(list->front().actor_id, 7);
  EXPECT_EQ(list->front().address, "10.0.0.9");
  EXPECT_TRUE(List(*db_, {.node_path = "/9/"})->empty());
}

TEST_P(AuditContract, AnEditedEntryIsNamed) {
  Add(5);
  Exec("UPDATE audit_log SET action = 'test.innocent' WHERE id = 3");
  auto v = Verify(*db_);
  ASSERT_TRUE(v->first_broken);
  EXPECT_EQ(*v->first_broken, 3);
  EXPECT_NE(v->reason.find("edited"), std::string::npos);
}

TEST_P(AuditContract, ADeletedEntryIsNamedByItsSuccessor) {
  Add(5);
  Exec("DELETE FROM audit_log WHERE id = 2");
  auto v = Verify(*db_);
  ASSERT_TRUE(v->first_broken);
  EXPECT_EQ(*v->first_broken, 3);
}

TEST_P(AuditContract, DeletingTheNewestEntriesIsNoticed) {
  Add(5);
  Exec("DELETE FROM audit_log WHERE id >= 4");
  auto v = Verify(*db_);
  EXPECT_TRUE(v->first_broken);
}

TEST_P(AuditContract, ConcurrentWritersKeepOneChain) {
  std::vector<std::thread> threads;
  for (int t = 0; t < 16; ++t) threads.emplace_back([&] { Add(5); });
  for (auto& t : threads) t.join();
  auto v = Verify(*db_);
  EXPECT_EQ(v->entries, 80);
  EXPECT_FALSE(v->first_broken) << v->reason;
}

INSTANTIATE_TEST_SUITE_P(Engines, AuditContract, ::testing::ValuesIn(testing::Engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace spbe::audit
