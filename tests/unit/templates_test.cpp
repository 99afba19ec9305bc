#include "platform/templates.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "http/static_files.hpp"
#include "http/views.hpp"
#include "platform/crypto.hpp"

namespace spbe {
namespace {

// What a deployment would supply: a government's name that needs escaping, nothing unread, WIB.
struct ExampleContext final : http::PageContext {
  boost::json::object Site() const override { return {{"government", "Pemerintah <Kab> Contoh"}}; }
  int Unread(const http::Request&) const override { return 0; }
  TimeZone Zone() const override { return TimeZone::kWib; }
};

class Views : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { crypto::InitCrypto(); }
  Templates templates = Templates::FromResources();
  i18n::Catalog catalog = i18n::Catalog::FromResources();
  http::StaticFiles assets = http::StaticFiles::FromResources();
  ExampleContext context;
  http::Views views{templates, catalog, assets, context};
};

TEST_F(Views, PageIsInTheRequestLanguageWithLayoutAndEscapedData) {
  http::Request req;
  req.path = "/";
  req.lang = "en";
  auto res = views.Page(req, 200, "portal/home", {}, "home_title");
  EXPECT_EQ(res.status, 200);
  EXPECT_NE(res.body.find("<html lang=\"en\">"), std::string::npos);
  EXPECT_NE(res.body.find("<title>Home · SPBE Terpadu · Pemerintah &lt;Kab&gt; Contoh</title>"), std::string::npos);
  EXPECT_NE(res.body.find("hreflang=\"id\""), std::string::npos);
  EXPECT_NE(res.body.find("<footer"), std::string::npos);
  EXPECT_EQ(res.body.find("<Kab>"), std::string::npos);
}

TEST_F(Views, ErrorPagesCarryTheRequestIdAndApiErrorsAreProblems) {
  http::Request req;
  req.path = "/nope";
  req.request_id = "req-1";
  auto page = views.ErrorPage(req, 404);
  EXPECT_EQ(page.status, 404);
  EXPECT_NE(page.body.find("Halaman tidak ditemukan"), std::string::npos);
  EXPECT_NE(page.body.find("req-1"), std::string::npos);
  req.api = true;
  EXPECT_EQ(views.ErrorPage(req, 404).Header("Content-Type"), "application/problem+json");
}

TEST(Templates, UnknownTemplateIsABug) {
  auto templates = Templates::FromResources();
  EXPECT_THROW(templates.Render("no/such", boost::json::object{}), std::logic_error);
}

}  // namespace
}  // namespace spbe
