#include "http/router.hpp"

#include <gtest/gtest.h>

namespace spbe::http {
namespace {

Handler Named(std::string name) {
  return [name](Request&) { return Response::Text(200, name); };
}

TEST(Router, MatchesLiteralBeforeParameter) {
  Router r;
  r.Add("GET", "/services/{id}", Named("param"));
  r.Add("GET", "/services/search", Named("literal"));
  auto m = r.Find("GET", "/services/search");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->pattern, "/services/search");
  m = r.Find("GET", "/services/42");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.params.at("id"), "42");
}

TEST(Router, TailParameterTakesTheRest) {
  Router r;
  r.Add("GET", "/static/{path*}", Named("static"));
  auto m = r.Find("GET", "/static/css/app.css");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.params.at("path"), "css/app.css");
  EXPECT_EQ(r.Find("GET", "/static").route, nullptr);
}

TEST(Router, ReportsAllowedMethodsWhenOnlyTheMethodIsWrong) {
  Router r;
  r.Add("GET", "/a", Named("get"));
  r.Add("DELETE", "/a", Named("delete"));
  auto m = r.Find("PUT", "/a");
  EXPECT_EQ(m.route, nullptr);
  EXPECT_EQ(m.allowed, (std::vector<std::string>{"GET", "DELETE"}));
  EXPECT_TRUE(r.Find("PUT", "/b").allowed.empty());
}

TEST(Router, HeadIsServedByGet) {
  Router r;
  r.Add("GET", "/a", Named("get"));
  EXPECT_NE(r.Find("HEAD", "/a").route, nullptr);
}

TEST(Router, RefusesDuplicatesAndUndocumentedApiRoutes) {
  Router r;
  r.Add("GET", "/a", Named("a"));
  EXPECT_THROW(r.Add("GET", "/a", Named("again")), std::logic_error);
  EXPECT_THROW(r.Add("GET", "/api/v1/x", Named("x")), std::logic_error);
  EXPECT_NO_THROW(r.Add("GET", "/api/v1/x", Named("x"), {.openapi = R"({"responses":{}})"}));
}

TEST(Router, TrailingSlashAndEmptySegmentsMatchTheSameRoute) {
  Router r;
  r.Add("GET", "/a/b", Named("ab"));
  EXPECT_NE(r.Find("GET", "/a/b/").route, nullptr);
  EXPECT_NE(r.Find("GET", "//a//b").route, nullptr);
  EXPECT_EQ(r.Find("GET", "/a").route, nullptr);
}

}  // namespace
}  // namespace spbe::http
