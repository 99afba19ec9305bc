#include "platform/config.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace spbe {
namespace {

struct TomlFile {
  std::string path;
  explicit TomlFile(const std::string& text) {
    path = (std::filesystem::temp_directory_path() / ("spbe-config-" + std::to_string(::getpid()) + "-" +
                                                      std::to_string(reinterpret_cast<std::uintptr_t>(this)) + ".toml"))
               .string();
    std::ofstream(path) << text;
  }
  ~TomlFile() { std::filesystem::remove(path); }
};

TEST(Config, DefaultsServeOnPort8080WithSqliteInDataDir) {
  auto c = LoadConfig({});
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->port, 8080);
  EXPECT_FALSE(c->UsesPostgres());
  EXPECT_EQ(c->SqlitePath(), "./data/spbe.db");
  EXPECT_EQ(c->body_limit, 10u << 20);
}

TEST(Config, FlagsBeatEnvironmentWhichBeatsTheFile) {
  TomlFile f("data_dir = \"/srv/file\"\n[server]\nport = 9000\nbind = \"10.0.0.1\"\nidle_timeout = 30\n");
  ConfigSources s;
  s.file = f.path;
  s.env = {{"SPBE_PORT", "9100"}, {"SPBE_BIND", "127.0.0.2"}};
  s.flags = {{"server.port", "9200"}};
  auto c = LoadConfig(s);
  ASSERT_TRUE(c.ok()) << c.error().detail;
  EXPECT_EQ(c->data_dir, "/srv/file");  // file only
  EXPECT_EQ(c->idle_timeout_s, 30);     // file only
  EXPECT_EQ(c->bind, "127.0.0.2");      // env over file
  EXPECT_EQ(c->port, 9200);             // flag over env
}

TEST(Config, BadValueNamesTheSettingAndWhereItCameFrom) {
  ConfigSources s;
  s.env = {{"SPBE_PORT", "70000"}};
  auto c = LoadConfig(s);
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.error().detail.find("server.port"), std::string::npos) << c.error().detail;
  EXPECT_NE(c.error().detail.find("SPBE_PORT"), std::string::npos) << c.error().detail;
  EXPECT_NE(c.error().detail.find("70000"), std::string::npos) << c.error().detail;

  s.env.clear();
  s.flags = {{"database.url", "mysql://x"}};
  c = LoadConfig(s);
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.error().detail.find("--database"), std::string::npos) << c.error().detail;
}

TEST(Config, UnknownOrMistypedFileSettingsStopTheStart) {
  TomlFile unknown("[server]\nprot = 9000\n");
  auto c = LoadConfig({.file = unknown.path});
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.error().detail.find("server.prot"), std::string::npos) << c.error().detail;

  TomlFile broken("[server\nport = 1\n");
  c = LoadConfig({.file = broken.path});
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.error().detail.find("line"), std::string::npos) << c.error().detail;

  TomlFile wrong_type("[server]\nport = [1, 2]\n");
  c = LoadConfig({.file = wrong_type.path});
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.error().detail.find("server.port"), std::string::npos) << c.error().detail;
}

TEST(Config, BodyLimitAcceptsUnits) {
  auto c = LoadConfig({.flags = {{"server.body_limit", "512KiB"}}});
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->body_limit, 512u * 1024);
  c = LoadConfig({.flags = {{"server.body_limit", "2MiB"}}});
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->body_limit, 2u << 20);
  EXPECT_FALSE(LoadConfig({.flags = {{"server.body_limit", "ten"}}}).ok());
  EXPECT_FALSE(LoadConfig({.flags = {{"server.body_limit", "0"}}}).ok());
}

TEST(Config, DescribeMasksThePasswordInTheDatabaseUrl) {
  auto c = LoadConfig({.flags = {{"database.url", "postgresql://spbe:s3cret@db:5432/spbe"}}});
  ASSERT_TRUE(c.ok());
  std::string d = DescribeConfig(*c);
  EXPECT_EQ(d.find("s3cret"), std::string::npos);
  EXPECT_NE(d.find("postgresql://spbe:***@db:5432/spbe"), std::string::npos) << d;
}

TEST(Config, EverySettingHasAnEnvironmentVariableAndHelp) {
  for (const auto& s : Settings()) {
    EXPECT_EQ(s.env.rfind("SPBE_", 0), 0u) << s.key;
    EXPECT_FALSE(s.help.empty()) << s.key;
  }
}

}  // namespace
}  // namespace spbe
