#include <gtest/gtest.h>

#include "platform/compress.hpp"
#include "storage/database.hpp"
#include "storage/migrations.hpp"

namespace spbe::storage {
namespace {

TEST(SplitSql, SplitsAtSemicolonsOutsideQuotesAndComments) {
  auto s =
      SplitSqlStatements("-- a; comment\nCREATE TABLE a (x TEXT DEFAULT ';');\n\nINSERT INTO a VALUES ('it''s;');\n");
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0], "CREATE TABLE a (x TEXT DEFAULT ';')");
  EXPECT_EQ(s[1], "INSERT INTO a VALUES ('it''s;')");
  EXPECT_TRUE(SplitSqlStatements("  -- only a comment\n").empty());
}

TEST(SplitSql, KeepsATriggersBodyWhole) {
  auto s = SplitSqlStatements(
      "CREATE TRIGGER t AFTER UPDATE ON a BEGIN\n  UPDATE b SET n = n + 1;\n  UPDATE c SET legend = 'x;y';\nEND;\n"
      "create trigger u after delete on a begin delete from b; end;\nINSERT INTO backend VALUES (1);");
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0],
            "CREATE TRIGGER t AFTER UPDATE ON a BEGIN\n  UPDATE b SET n = n + 1;\n  UPDATE c SET legend = 'x;y';\nEND");
  EXPECT_EQ(s[1], "create trigger u after delete on a begin delete from b; end");
  EXPECT_EQ(s[2], "INSERT INTO backend VALUES (1)");
}

TEST(Migrations, BothEnginesKnowTheSameNumberedVersions) {
  auto sqlite = KnownMigrations(Engine::kSqlite);
  auto pg = KnownMigrations(Engine::kPostgres);
  ASSERT_FALSE(sqlite.empty());
  ASSERT_EQ(sqlite.size(), pg.size());
  for (std::size_t i = 0; i < sqlite.size(); ++i) {
    EXPECT_EQ(sqlite[i].version, static_cast<int>(i) + 1) << "versions must be numbered 1, 2, 3 ... without gaps";
    EXPECT_EQ(sqlite[i].version, pg[i].version);
    EXPECT_EQ(sqlite[i].name, pg[i].name);
  }
}

TEST(Gzip, RoundTripsAndRejectsCorruptData) {
  std::string text = "Layanan publik " + std::string(1000, 'x');
  auto z = Gzip(text);
  EXPECT_LT(z.size(), text.size());
  EXPECT_EQ(Gunzip(z), text);
  EXPECT_THROW(Gunzip(z.substr(0, z.size() / 2)), std::runtime_error);
}

}  // namespace
}  // namespace spbe::storage
