// Problem details, middleware and static files, exercised through the plain Request/Response types.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

#include "http/middleware.hpp"
#include "http/problem.hpp"
#include "http/static_files.hpp"
#include "platform/compress.hpp"
#include "platform/crypto.hpp"

namespace spbe::http {
namespace {

Response Through(const Middleware& m, Request& req, Response answer) {
  return m(req, [&](Request&) { return answer; });
}

TEST(Problem, ValidationErrorsNameTheFieldInTheRequestLanguage) {
  Request req;
  req.path = "/api/v1/x";
  req.request_id = "abc";
  req.lang = "en";
  auto res = Problem(req, Error::Validation({{"nik", "must be 16 digits"}}));
  EXPECT_EQ(res.status, 422);
  EXPECT_EQ(res.Header("Content-Type"), "application/problem+json");
  auto j = boost::json::parse(res.body).as_object();
  EXPECT_EQ(j["title"], "The data is not valid");
  EXPECT_EQ(j["status"], 422);
  EXPECT_EQ(j["request_id"], "abc");
  EXPECT_EQ(j["instance"], "/api/v1/x");
  EXPECT_EQ(j["errors"].as_array()[0].as_object()["field"], "nik");
  req.lang = "id";
  j = boost::json::parse(Problem(req, Error::Of(ErrorCode::kNotFound, "x")).body).as_object();
  EXPECT_EQ(j["title"], "Tidak ditemukan");
}

TEST(Problem, InternalDetailsAreNeverShown) {
  Request req;
  auto res = Problem(req, Error::Of(ErrorCode::kInternal, "SELECT * FROM secrets failed"));
  EXPECT_EQ(res.status, 500);
  EXPECT_EQ(res.body.find("secrets"), std::string::npos);
}

TEST(Problem, CodesMapToStatuses) {
  EXPECT_EQ(StatusFor(ErrorCode::kValidation), 422);
  EXPECT_EQ(StatusFor(ErrorCode::kUnauthorized), 401);
  EXPECT_EQ(StatusFor(ErrorCode::kForbidden), 403);
  EXPECT_EQ(StatusFor(ErrorCode::kConflict), 409);
  EXPECT_EQ(StatusFor(ErrorCode::kRateLimited), 429);
  EXPECT_EQ(StatusFor(ErrorCode::kUnavailable), 503);
}

TEST(Middleware, RequestIdKeepsASaneIncomingIdAndReplacesABadOne) {
  crypto::InitCrypto();
  Request req;
  req.headers = {{"x-request-id", "trace-42.a_b"}};
  auto res = Through(RequestId(), req, Response::Text(200, "ok"));
  EXPECT_EQ(res.Header("X-Request-Id"), "trace-42.a_b");
  Request bad;
  bad.headers = {{"x-request-id", "<script>"}};
  res = Through(RequestId(), bad, Response::Text(200, "ok"));
  ASSERT_TRUE(res.Header("X-Request-Id"));
  EXPECT_EQ(res.Header("X-Request-Id")->size(), 24u);
  EXPECT_TRUE(ValidRequestId(*res.Header("X-Request-Id")));
}

TEST(Middleware, SecurityHeadersOnEveryResponse) {
  Request req;
  auto res = Through(SecurityHeaders(), req, Response::Text(404, "x"));
  auto csp = res.Header("Content-Security-Policy");
  ASSERT_TRUE(csp);
  EXPECT_NE(csp->find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_NE(csp->find("script-src 'self'"), std::string::npos);
  EXPECT_EQ(res.Header("X-Content-Type-Options"), "nosniff");
  EXPECT_TRUE(res.Header("Referrer-Policy"));
}

TEST(Middleware, CompressionGzipsLargeTextOnlyWhenAccepted) {
  std::string big(5000, 'a');
  Request req;
  req.headers = {{"accept-encoding", "gzip, br"}};
  auto res = Through(Compression(), req, Response::Html(200, big));
  EXPECT_EQ(res.Header("Content-Encoding"), "gzip");
  EXPECT_EQ(Gunzip(res.body), big);

  Request no_gzip;
  res = Through(Compression(), no_gzip, Response::Html(200, big));
  EXPECT_FALSE(res.Header("Content-Encoding"));

  res = Through(Compression(), req, Response::Text(200, big, "image/png"));
  EXPECT_FALSE(res.Header("Content-Encoding"));
  res = Through(Compression(), req, Response::Html(200, "small"));
  EXPECT_FALSE(res.Header("Content-Encoding"));
}

TEST(Middleware, ExplicitLanguageIsRememberedInACookie) {
  Request req;
  req.query = {{"lang", "en"}};
  std::string seen;
  auto res = Language()(req, [&](Request& r) {
    seen = r.lang;
    return Response::Html(200, "x");
  });
  EXPECT_EQ(seen, "en");
  EXPECT_EQ(res.Header("Content-Language"), "en");
  ASSERT_TRUE(res.Header("Set-Cookie"));
  EXPECT_EQ(res.Header("Set-Cookie")->rfind("lang=en;", 0), 0u);

  Request from_cookie;
  from_cookie.headers = {{"cookie", "a=b; lang=en"}};
  res = Language()(from_cookie, [&](Request& r) {
    seen = r.lang;
    return Response::Html(200, "x");
  });
  EXPECT_EQ(seen, "en");
  EXPECT_FALSE(res.Header("Set-Cookie"));
}

TEST(StaticFiles, VersionedUrlsAreImmutableAndEtagsRevalidate) {
  crypto::InitCrypto();
  auto files = StaticFiles::FromResources();
  std::string url = files.Url("css/app.css");
  auto v = url.substr(url.find("?v=") + 3);
  Request req;
  req.query = {{"v", v}};
  auto res = files.Serve(req, "css/app.css");
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(res.Header("Cache-Control"), "public, max-age=31536000, immutable");
  auto etag = std::string(*res.Header("ETag"));

  Request again;
  again.headers = {{"if-none-match", etag}};
  auto not_modified = files.Serve(again, "css/app.css");
  EXPECT_EQ(not_modified.status, 304);
  EXPECT_TRUE(not_modified.body.empty());

  Request gz;
  gz.headers = {{"accept-encoding", "gzip"}};
  auto zipped = files.Serve(gz, "css/app.css");
  EXPECT_EQ(zipped.Header("Content-Encoding"), "gzip");
  EXPECT_EQ(Gunzip(zipped.body), res.body);
  EXPECT_EQ(zipped.Header("Cache-Control"), "public, no-cache");  // unversioned URL revalidates

  EXPECT_EQ(files.Serve(req, "css/nope.css").status, 404);
}

TEST(RequestParsing, DecodesPathAndQuery) {
  Request r;
  r.target = "/layanan/izin%20usaha?q=akta+kelahiran&lang=en&flag";
  ASSERT_TRUE(r.ParseTarget());
  EXPECT_EQ(r.path, "/layanan/izin usaha");
  EXPECT_EQ(r.Query("lang"), "en");
  EXPECT_EQ(r.Query("flag"), "");
  EXPECT_FALSE(r.Query("none"));
  Request bad;
  bad.target = "http://[bad";
  EXPECT_FALSE(bad.ParseTarget());
}

// Targets with nothing to decode are read without Boost.URL: the result must be what Boost.URL reads, whatever the
// target, and what is not plain still goes to it.
TEST(RequestParsing, PlainTargetsReadAsBoostUrlReadsThem) {
  for (std::string target : {"/",
                             "/healthz",
                             "/api/v1/track/2612-7884-4216?code=K7PQ4M2X",
                             "/a/./b/../c",
                             "//x",
                             "/x?a",
                             "/x?=v",
                             "/x?a=b=c&d=&e",
                             "/x?a&&b",
                             "/x?",
                             "/x?a&",
                             "/x?q=a+b",
                             "/x?q=a%20b",
                             "/x%2Fy",
                             "/x?q=%ZZ",
                             "/x y",
                             "/x?#f",
                             "/x#f",
                             "/~user/_v1.2-3",
                             "/x?lang=en&lang=id",
                             "*",
                             "",
                             "/x?a=b;c",
                             "/\xff"}) {
    Request r;
    r.target = target;
    bool ours = r.ParseTarget();
    auto parsed = boost::urls::parse_origin_form(target);
    ASSERT_EQ(ours, parsed.has_value()) << target;
    if (!ours) continue;
    EXPECT_EQ(r.path, std::string(parsed->path())) << target;
    std::vector<std::pair<std::string, std::string>> query;
    for (auto p : parsed->params()) query.emplace_back(std::string(p.key), p.has_value ? std::string(p.value) : "");
    EXPECT_EQ(r.query, query) << target;
  }
}

}  // namespace
}  // namespace spbe::http
