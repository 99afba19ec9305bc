#include "platform/i18n.hpp"

#include <gtest/gtest.h>

namespace spbe::i18n {
namespace {

TEST(Negotiate, IndonesianByDefault) { EXPECT_EQ(Negotiate(std::nullopt, std::nullopt, std::nullopt), "id"); }

TEST(Negotiate, ExplicitChoiceThenCookieThenAcceptLanguage) {
  EXPECT_EQ(Negotiate("en", "id", "id"), "en");
  EXPECT_EQ(Negotiate(std::nullopt, "en", "id"), "en");
  EXPECT_EQ(Negotiate(std::nullopt, std::nullopt, "en-US,en;q=0.9"), "en");
  EXPECT_EQ(Negotiate("xx", std::nullopt, "en"), "en");  // unsupported choice falls through
}

TEST(Negotiate, AcceptLanguageByQuality) {
  EXPECT_EQ(Negotiate(std::nullopt, std::nullopt, "en;q=0.5, id;q=0.8"), "id");
  EXPECT_EQ(Negotiate(std::nullopt, std::nullopt, "fr, en;q=0.3"), "en");
  EXPECT_EQ(Negotiate(std::nullopt, std::nullopt, "fr, de"), "id");
  EXPECT_EQ(Negotiate(std::nullopt, std::nullopt, "in-ID"), "id");
  EXPECT_EQ(Negotiate(std::nullopt, std::nullopt, "en;q=0"), "id");
}

TEST(Catalog, EveryLanguageHasEveryKey) {
  auto c = Catalog::FromResources();
  const auto& id = c.All("id");
  ASSERT_GT(id.size(), 10u);
  for (const auto& lang : c.Languages()) {
    const auto& other = c.All(lang);
    for (const auto& [k, v] : id) EXPECT_TRUE(other.count(k)) << lang << " lacks " << k;
    for (const auto& [k, v] : other) EXPECT_TRUE(id.count(k)) << "id lacks " << k;
  }
}

TEST(Catalog, FallsBackToIndonesianThenTheKey) {
  auto c = Catalog::FromResources();
  EXPECT_EQ(c.Text("en", "nav_home"), "Home");
  EXPECT_EQ(c.Text("fr", "nav_home"), "Beranda");
  EXPECT_EQ(c.Text("en", "no_such_key"), "no_such_key");
}

}  // namespace
}  // namespace spbe::i18n
