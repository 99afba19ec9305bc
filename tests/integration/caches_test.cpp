// The caches in front of the database never show what a committed write has changed: an officer's action is seen by
// the citizen's very next tracking request (from the network thread's copy as well as the worker's), a signed-out
// token and a revoked grant stop at once, on both engines; and a second server sharing PostgreSQL hears the change
// through its listener.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <boost/json.hpp>
#include <chrono>
#include <future>
#include <thread>

#include "app/app.hpp"
#include "catalog/store.hpp"
#include "demo/seed.hpp"
#include "org/store.hpp"
#include "testing/http_client.hpp"
#include "testing/test_env.hpp"
#include "transparency/service.hpp"
#include "transparency/store.hpp"

namespace spbe {
namespace {

namespace json = boost::json;
using Headers = std::vector<std::pair<std::string, std::string>>;

constexpr const char* kBidanData =
    R"({"nama_lengkap": "Siti Rahmawati, A.Md.Keb", "nik": "1210015203880002", "nomor_str": "STR-12345678",
        "str_berlaku_sampai": "2030-01-01", "tempat_praktik": "mandiri", "alamat_praktik": "Jl. Merdeka 1",
        "kelurahan": "12.10.01.1001", "telepon": "081260000001"})";

class Caches : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    SPBE_SKIP_UNAVAILABLE(GetParam());
    db_ = std::make_unique<testing::TestDatabase>(GetParam());
    db_->config.demo = true;
    testing::MigrateOrDie(db_->config);
    {
      auto database = app::OpenDatabase(db_->config);
      ASSERT_TRUE(database.ok());
      ASSERT_TRUE(demo::Seed(**database, db_->config).ok());
    }
    server_ = std::make_unique<testing::TestServer>(db_->config, false);
  }
  Headers As(int port, const std::string& user) {
    auto r =
        testing::PostJson(port, "/api/v1/auth/login", R"({"username":")" + user + R"(","password":"demo-spbe-2026"})");
    EXPECT_EQ(r.status, 200) << r.body;
    return {{"Authorization", "Bearer " + std::string(json::parse(r.body).at("token").as_string())},
            {"Accept-Language", "en"}};
  }
  /// Files a bidan licence as warga1 (draft, its scan, submit): its tracking number and access code.
  std::pair<std::string, std::string> File(int port) {
    Headers citizen = As(port, "warga1@demo.id");
    auto r = testing::PostJson(
        port, "/api/v1/applications",
        R"({"service_id": "izin-praktik-bidan", "submit": false, "data": )" + std::string(kBidanData) + "}", citizen);
    EXPECT_EQ(r.status, 201) << r.body;
    auto filed = json::parse(r.body);
    std::string tn(filed.at("tracking_number").as_string()), code(filed.at("access_code").as_string());
    std::string b = "xyzBOUNDARYxyz";
    std::string body = "--" + b + "\r\nContent-Disposition: form-data; name=\"field\"\r\n\r\nscan_str\r\n--" + b +
                       "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"str.pdf\"\r\nContent-Type: "
                       "application/pdf\r\n\r\n%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n\r\n--" +
                       b + "--\r\n";
    Headers with = citizen;
    with.push_back({"Content-Type", "multipart/form-data; boundary=" + b});
    EXPECT_EQ(testing::Send(port, {"POST", "/api/v1/applications/" + tn + "/files", with, body}).status, 201);
    EXPECT_EQ(testing::Send(port, {"POST", "/api/v1/applications/" + tn + "/submit", citizen, ""}).status, 200);
    return {tn, code};
  }
  json::value Track(int port, const std::string& tn, const std::string& code) {
    auto r = testing::Get(port, "/api/v1/track/" + tn + "?code=" + code, {{"Accept-Language", "en"}});
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body);
  }
  static std::string Actions(const json::value& tracked) {
    std::string out;
    for (const auto& e : tracked.at("timeline").as_array()) out += std::string(e.at("action").as_string()) + " ";
    return out;
  }
  int port() { return server_->port(); }

  std::unique_ptr<testing::TestDatabase> db_;
  std::unique_ptr<testing::TestServer> server_;
};

TEST_P(Caches, AnOfficersActionIsSeenByTheCitizensVeryNextTrackRequest) {
  auto [tn, code] = File(port());
  // Read twice: the first answer is read from the database and kept, the second comes from the copy on the network
  // thread. Both show the file at its first step.
  for (int i = 0; i < 2; ++i) {
    auto t = Track(port(), tn, code);
    EXPECT_EQ(t.at("status"), "in_progress");
    EXPECT_EQ(Actions(t), "submit ");
  }
  Headers verifier = As(port(), "verifikator.dpmptsp@demo.go.id");
  auto returned = testing::PostJson(port(), "/api/v1/applications/" + tn + "/actions",
                                    R"({"action":"return","note":"Pindaian STR buram"})", verifier);
  ASSERT_EQ(returned.status, 200) << returned.body;
  // No wait, no retry: the answer to the officer came after the copy was dropped.
  auto t = Track(port(), tn, code);
  EXPECT_EQ(t.at("status"), "returned");
  EXPECT_EQ(Actions(t), "submit return ");
  // The page a citizen opens shows the same.
  auto page = testing::Get(port(), "/lacak?nomor=" + tn + "&kode=" + code, {{"Accept-Language", "en"}});
  EXPECT_EQ(page.status, 200);
  // A burst of right answers for one number (a page opened on several phones) never locks it: what is counted is what
  // was tried, and right codes are taken back.
  for (int i = 0; i < 30; ++i) {
    ASSERT_EQ(testing::Get(port(), "/api/v1/track/" + tn + "?code=" + code).status, 200) << i;
  }
}

TEST_P(Caches, ASignedOutTokenAndARevokedGrantStopAtOnce) {
  Headers citizen = As(port(), "warga1@demo.id");
  for (int i = 0; i < 2; ++i) EXPECT_EQ(testing::Get(port(), "/api/v1/me", citizen).status, 200);
  ASSERT_EQ(testing::Send(port(), {"POST", "/api/v1/auth/logout", citizen, ""}).status / 100, 2);
  EXPECT_EQ(testing::Get(port(), "/api/v1/me", citizen).status, 401) << "a signed-out token is not remembered";

  // An officer whose only grant is taken away leaves the worklist at once.
  Headers officer = As(port(), "verifikator.dpmptsp@demo.go.id");
  EXPECT_EQ(testing::Get(port(), "/api/v1/worklist", officer).status, 200);
  auto grant_id = *server_->app().database().Read([](soci::session& s) {
    long long id = 0;
    s << "SELECT g.id FROM account_grants g JOIN accounts a ON a.id = g.account_id WHERE a.email = "
         "'verifikator.dpmptsp@demo.go.id'",
        soci::into(id);
    return id;
  });
  ASSERT_GT(grant_id, 0);
  Headers admin = As(port(), "admin_instansi.dpmptsp@demo.go.id");
  auto revoked = testing::Send(port(), {"DELETE", "/api/v1/grants/" + std::to_string(grant_id), admin, ""});
  ASSERT_EQ(revoked.status / 100, 2) << revoked.body;
  EXPECT_EQ(testing::Get(port(), "/api/v1/worklist", officer).status, 403) << "the revoked grant is not remembered";
}

TEST_P(Caches, ASecondServerSharingPostgresqlHearsTheChange) {
  if (GetParam() != "postgresql") GTEST_SKIP() << "one server process serves a SQLite data directory";
  testing::TestServer second(db_->config, false);
  auto [tn, code] = File(port());
  for (int i = 0; i < 2; ++i) EXPECT_EQ(Track(second.port(), tn, code).at("status"), "in_progress");
  Headers verifier = As(port(), "verifikator.dpmptsp@demo.go.id");
  ASSERT_EQ(testing::PostJson(port(), "/api/v1/applications/" + tn + "/actions", R"({"action":"return","note":"x"})",
                              verifier)
                .status,
            200);
  // The change travels as a NOTIFY delivered at the commit; the second server's listener publishes it as it reads it.
  auto start = std::chrono::steady_clock::now();
  std::string status;
  while (std::chrono::steady_clock::now() - start < std::chrono::seconds(2)) {
    status = std::string(Track(second.port(), tn, code).at("status").as_string());
    if (status == "returned") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  EXPECT_EQ(status, "returned");
  auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  EXPECT_LT(waited.count(), 500) << "heard within half a second";
  // And a token signed out on one server stops on the other.
  Headers citizen = As(port(), "warga2@demo.id");
  EXPECT_EQ(testing::Get(second.port(), "/api/v1/me", citizen).status, 200);
  ASSERT_EQ(testing::Send(port(), {"POST", "/api/v1/auth/logout", citizen, ""}).status / 100, 2);
  start = std::chrono::steady_clock::now();
  int me = 200;
  while (me == 200 && std::chrono::steady_clock::now() - start < std::chrono::seconds(2)) {
    me = testing::Get(second.port(), "/api/v1/me", citizen).status;
  }
  EXPECT_EQ(me, 401);
}

// /kinerja after the rollup changed the read model: one visitor renders the page again, and the others of that
// moment are answered with the rendering before it instead of all recomputing the figures at once.
TEST(KinerjaRendering, OneRequestRendersAgainWhileTheOthersGetThePreviousRendering) {
  testing::TestDatabase env("sqlite");
  testing::MigrateOrDie(env.config);
  auto db = app::OpenDatabase(env.config);
  ASSERT_TRUE(db.ok());
  struct NoStaff : catalog::Staffing {
    int OfficersWhoMay(access::Role, const std::string&) override { return 1; }
  } staffing;
  auto org_store = org::MakeSqlOrgStore();
  auto catalog_store = catalog::MakeSqlCatalogStore();
  auto store = transparency::MakeSqlTransparencyStore();
  org::OrgService org(**db, *org_store, [] { return std::string("2026-12-01T00:00:00Z"); });
  catalog::CatalogService catalog(**db, *catalog_store, org, SystemClock(), staffing);
  transparency::TransparencyService dashboard(**db, *store, org, catalog, SystemClock());
  transparency::Period period{Date{std::chrono::year(2026) / 1 / 1}, Date{std::chrono::year(2026) / 11 / 30}};
  auto page = [&](std::string text) { return [text](const transparency::Figures&) { return text; }; };

  ASSERT_EQ(*dashboard.Rendered(period, "id", page("first")), "first");
  EXPECT_EQ(*dashboard.Rendered(period, "id", page("not rendered: kept")), "first");

  (*db)->changes().Publish({{"stats", 1}});  // the rollup wrote the read model
  std::promise<void> started, release;
  auto slow = std::async(std::launch::async, [&] {
    return *dashboard.Rendered(period, "id", [&](const transparency::Figures&) {
      started.set_value();
      release.get_future().wait();
      return std::string("second");
    });
  });
  started.get_future().wait();
  // Meanwhile: the rendering before, at once, without rendering again.
  bool rendered = false;
  auto meanwhile = dashboard.Rendered(period, "id", [&](const transparency::Figures&) {
    rendered = true;
    return std::string("third");
  });
  EXPECT_EQ(*meanwhile, "first");
  EXPECT_FALSE(rendered);
  release.set_value();
  EXPECT_EQ(slow.get(), "second");
  EXPECT_EQ(*dashboard.Rendered(period, "id", page("not rendered: kept")), "second");
  // Another language is a page of its own.
  EXPECT_EQ(*dashboard.Rendered(period, "en", page("english")), "english");
}

INSTANTIATE_TEST_SUITE_P(Engines, Caches, ::testing::ValuesIn(testing::Engines()));

}  // namespace
}  // namespace spbe
