// What a hostile user tried and found, each tried again against the real server on both engines: a citizen's form
// post to an admin page, guessing reset and access codes, an open redirect, the session cookie used from another
// site, a whole office locked out by one person's typos, registration telling who has an account, API keys that
// ignored their scopes, officers opening a citizen's draft, unsigned bank callbacks filling the disk, formulas in
// CSV exports, an attachment losing its sandbox, a rewritten audit history, and files anyone on the host could read.
#include <gtest/gtest.h>
#include <soci/soci.h>
#include <sys/stat.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <future>

#include "app/app.hpp"
#include "audit/anchors.hpp"
#include "audit/audit.hpp"
#include "platform/blobs.hpp"
#include "platform/crypto.hpp"
#include "storage/rows.hpp"
#include "testing/browser_session.hpp"
#include "testing/demo_server.hpp"
#include "testing/process.hpp"
#include "transparency/rollup.hpp"

namespace spbe {
namespace {

namespace json = boost::json;
using testing::Headers;

constexpr const char* kPassword = "demo-spbe-2026";

class Trust : public ::testing::TestWithParam<std::string> {
 protected:
  void Start(const std::function<void(Config&)>& configure = {}) {
    demo_ = std::make_unique<testing::DemoServer>(GetParam(), configure);
    port_ = demo_->port();
  }
  void SetUp() override { SPBE_SKIP_UNAVAILABLE(GetParam()); }
  bool Alive() { return testing::Get(port_, "/healthz").status == 200; }
  std::unique_ptr<testing::DemoServer> demo_;
  int port_ = 0;
};

TEST_P(Trust, ErrorPathsOfTheAdminPagesAnswerAndTheServerStaysUp) {
  Start();
  testing::BrowserSession citizen(port_);
  ASSERT_TRUE(citizen.SignIn("warga1@demo.id", kPassword));
  auto key = citizen.PostForm("/admin/kunci-api", {{"name", "x"}});
  EXPECT_EQ(key.status, 403) << key.body;
  ASSERT_TRUE(Alive()) << "a citizen's post to an admin form took the server down";
  testing::BrowserSession admin(port_);
  ASSERT_TRUE(admin.SignIn("admin_instansi.dpmptsp@demo.go.id", kPassword));
  for (const auto& [target, fields] :
       std::vector<std::pair<std::string, std::vector<std::pair<std::string, std::string>>>>{
           {"/admin/simpul", {{"name", ""}, {"parent_id", "x"}, {"kind", "planet"}}},
           {"/admin/petugas", {{"name", ""}, {"email", "bukan-surel"}, {"nip", "1"}, {"node_id", "-5"}}},
           {"/admin/peran", {{"officer_id", "999999"}, {"node_id", "0"}, {"role", "raja"}}},
           {"/admin/peran/abc/cabut", {}},
           {"/admin/petugas/999999/nonaktifkan", {}},
           {"/admin/kunci-api", {{"name", ""}, {"scope_admin", "on"}}},
           {"/admin/kunci-api/-1/cabut", {}}}) {
    auto r = admin.PostForm(target, fields);
    EXPECT_TRUE(r.status == 403 || r.status == 404 || r.status == 422) << target << ": " << r.status;
    EXPECT_NE(r.body.find("<form"), std::string::npos) << target << ": the page comes back with its forms";
    ASSERT_TRUE(Alive()) << target;
  }
}

TEST_P(Trust, ResetCodesAreNeitherMailBombsNorGuessable) {
  Start();
  Headers en = {{"Accept-Language", "en"}};
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(testing::PostJson(port_, "/api/v1/auth/password-reset", R"({"email":"warga1@demo.id"})", en).status, 202);
  }
  auto braked = testing::PostJson(port_, "/api/v1/auth/password-reset", R"({"email":"warga1@demo.id"})", en);
  EXPECT_EQ(braked.status, 429) << braked.body;
  ASSERT_TRUE(braked.Header("retry-after"));
  EXPECT_GT(std::stoi(*braked.Header("retry-after")), 0);
  EXPECT_EQ(braked.Header("content-type").value_or(""), "application/problem+json");
  EXPECT_NE(braked.body.find("try again in"), std::string::npos);
  EXPECT_EQ(demo_->Count("SELECT COUNT(*) FROM notification_outbox WHERE recipient = 'warga1@demo.id'"), 3);
  // Guessing: five wrong codes kill the code; the right one no longer works.
  auto confirm = [&](const std::string& email, const std::string& code) {
    return testing::PostJson(
        port_, "/api/v1/auth/password-reset/confirm",
        R"({"email":")" + email + R"(","code":")" + code + R"(","password":"kata-sandi-baru-yang-panjang"})", en);
  };
  auto body = demo_->app().database().Read([](soci::session& s) {
    std::string b;
    s << "SELECT body FROM notification_outbox WHERE recipient = 'warga1@demo.id' ORDER BY id DESC", soci::into(b);
    return b;
  });
  ASSERT_TRUE(body.ok());
  auto digits = body->find_first_of("0123456789");
  ASSERT_NE(digits, std::string::npos);
  std::string code = body->substr(digits, 6);
  std::string wrong = code == "000000" ? "111111" : "000000";
  for (int i = 0; i < 5; ++i) EXPECT_EQ(confirm("warga1@demo.id", wrong).status, 422);
  EXPECT_EQ(confirm("warga1@demo.id", code).status, 422) << "the code died after five wrong tries";
  EXPECT_EQ(
      testing::PostJson(port_, "/api/v1/auth/login", R"({"username":"warga1@demo.id","password":"demo-spbe-2026"})")
          .status,
      200)
      << "the password is unchanged";
  // One address guessing codes for many people is braked (50 an hour).
  int limited = 0;
  for (int i = 0; i < 52; ++i)
    limited += confirm("orang" + std::to_string(i) + "@mail.example", "123456").status == 429;
  EXPECT_EQ(limited, 8) << "with the six tries above, the 51st attempt of the hour onwards";
}

TEST_P(Trust, TheReturnPathAfterSignInStaysOnThisSite) {
  Start();
  for (const char* evil : {"/\t/evil.example/", "//evil.example/", "https://evil.example/", "/\\evil.example"}) {
    testing::BrowserSession b(port_);
    auto r = b.PostForm("/masuk", {{"username", "warga1@demo.id"}, {"password", kPassword}, {"kembali", evil}});
    ASSERT_EQ(r.status, 303) << evil;
    std::string to = r.Header("location").value_or("");
    EXPECT_EQ(to.rfind("/", 0), 0u) << evil << " -> " << to;
    EXPECT_NE(to.substr(0, 2), "//") << evil << " -> " << to;
    EXPECT_EQ(to.find("evil"), std::string::npos) << evil << " -> " << to;
  }
  testing::BrowserSession b(port_);
  auto kept =
      b.PostForm("/masuk", {{"username", "warga1@demo.id"}, {"password", kPassword}, {"kembali", "/permohonan"}});
  EXPECT_EQ(kept.Header("location").value_or(""), "/permohonan");
}

TEST_P(Trust, TheSessionCookieAloneNeverChangesAnythingThroughTheApi) {
  Start();
  testing::BrowserSession admin(port_);
  ASSERT_TRUE(admin.SignIn("admin@demo.go.id", kPassword));
  std::int64_t officer = demo_->Count("SELECT id FROM accounts WHERE email = 'loket.dinsos@demo.go.id'");
  std::string target = "/api/v1/officers/" + std::to_string(officer) + "/disable";
  auto forged = admin.Send({"POST",
                            target,
                            {{"Content-Type", "application/x-www-form-urlencoded"}, {"Origin", "http://evil.example"}},
                            "x=1"});
  EXPECT_EQ(forged.status, 403) << forged.body;
  auto no_token = admin.Send({"POST", target, {{"Origin", "http://127.0.0.1:" + std::to_string(port_)}}, ""});
  EXPECT_EQ(no_token.status, 403) << "same origin, but no X-CSRF-Token";
  EXPECT_EQ(demo_->Count("SELECT COUNT(*) FROM accounts WHERE email = 'loket.dinsos@demo.go.id' AND status = 'active'"),
            1);
  // The portal's own page script, with the token and from the portal: obeyed. A bearer token needs neither.
  std::string csrf = admin.CsrfToken();
  auto own = admin.Send(
      {"POST", target, {{"X-CSRF-Token", csrf}, {"Origin", "http://127.0.0.1:" + std::to_string(port_)}}, ""});
  EXPECT_EQ(own.status, 200) << own.body;
  auto enable = testing::Send(
      port_, {"POST", "/api/v1/officers/" + std::to_string(officer) + "/enable", demo_->As("admin@demo.go.id"), ""});
  EXPECT_EQ(enable.status, 200) << enable.body;
}

TEST_P(Trust, FailuresLockOnePersonFromOneAddressNeverAWholeOffice) {
  Start([](Config& c) { c.trusted_proxies = "127.0.0.1"; });
  auto login = [&](const std::string& user, const std::string& password, const std::string& client) {
    return testing::PostJson(port_, "/api/v1/auth/login",
                             R"({"username":")" + user + R"(","password":")" + password + R"("})",
                             {{"X-Forwarded-For", client}, {"Accept-Language", "en"}});
  };
  for (int i = 0; i < 5; ++i) EXPECT_EQ(login("warga1@demo.id", "salah-tebak", "203.0.113.7").status, 401);
  auto locked = login("warga1@demo.id", kPassword, "203.0.113.7");
  EXPECT_EQ(locked.status, 429);
  EXPECT_TRUE(locked.Header("retry-after"));
  EXPECT_EQ(login("warga2@demo.id", kPassword, "203.0.113.7").status, 200) << "someone else at the same office";
  EXPECT_EQ(login("warga1@demo.id", kPassword, "198.51.100.20").status, 200) << "the same person from home";
  // The same account written otherwise is the same account; a forged line before the proxy's is not the client.
  auto spaced =
      testing::PostJson(port_, "/api/v1/auth/login", R"({"username":"  WARGA1@demo.id ","password":"demo-spbe-2026"})",
                        {{"X-Forwarded-For", "203.0.113.7"}});
  EXPECT_EQ(spaced.status, 429) << spaced.body;
  auto two_lines =
      testing::PostJson(port_, "/api/v1/auth/login", R"({"username":"warga1@demo.id","password":"demo-spbe-2026"})",
                        {{"X-Forwarded-For", "1.2.3.77"}, {"X-Forwarded-For", "203.0.113.7"}});
  EXPECT_EQ(two_lines.status, 429) << "the proxy's own line names the client";
  // Many attempts at once are counted as they begin: no more than the lock allows get through to the password.
  std::vector<std::future<int>> burst;
  for (int i = 0; i < 20; ++i) {
    burst.push_back(
        std::async(std::launch::async, [&] { return login("warga2@demo.id", "salah-tebak", "198.51.100.99").status; }));
  }
  int checked = 0;
  for (auto& f : burst) checked += f.get() == 401;
  EXPECT_LE(checked, 5) << "attempts that reached the password check";
}

TEST_P(Trust, AStrangersGuessingNeverLocksTheOwnerOutOfAKnownBrowser) {
  Start([](Config& c) {
    c.trusted_proxies = "127.0.0.1";
    c.limits.signin_account.max = 6;
  });
  // The owner signs in once from this browser: it is remembered.
  testing::BrowserSession owner(port_);
  ASSERT_TRUE(owner.SignIn("warga1@demo.id", kPassword));
  ASSERT_TRUE(owner.cookies().count("spbe_device"));
  ASSERT_EQ(owner.PostForm("/keluar", {}).status, 303);
  // Strangers from many addresses exhaust the account's ceiling.
  for (int i = 0; i < 8; ++i) {
    testing::PostJson(port_, "/api/v1/auth/login", R"({"username":"warga1@demo.id","password":"salah-tebak"})",
                      {{"X-Forwarded-For", "192.0.2." + std::to_string(i)}});
  }
  EXPECT_EQ(
      testing::PostJson(port_, "/api/v1/auth/login", R"({"username":"warga1@demo.id","password":"demo-spbe-2026"})",
                        {{"X-Forwarded-For", "198.51.100.1"}})
          .status,
      429)
      << "an unknown browser waits";
  EXPECT_TRUE(owner.SignIn("warga1@demo.id", kPassword)) << "the owner's own browser does not";
}

TEST_P(Trust, WithoutATrustedProxyTheForwardedHeaderIsIgnored) {
  Start();
  auto login = [&](const std::string& client) {
    return testing::PostJson(port_, "/api/v1/auth/login", R"({"username":"warga1@demo.id","password":"salah-tebak"})",
                             {{"X-Forwarded-For", client}});
  };
  for (int i = 0; i < 5; ++i) login("203.0.113." + std::to_string(i));  // each claims another address
  EXPECT_EQ(
      testing::PostJson(port_, "/api/v1/auth/login", R"({"username":"warga1@demo.id","password":"demo-spbe-2026"})")
          .status,
      429)
      << "the five failures all came from the peer's own address";
}

TEST_P(Trust, RegistrationAnswersTheSameForATakenAndAFreeAddress) {
  Start();
  auto reg = [&](const std::string& email, const std::string& nik) {
    return testing::PostJson(port_, "/api/v1/auth/register",
                             R"({"name":"Budi Santoso","email":")" + email +
                                 R"(","password":"kuda-lumping-di-sawah","nik":")" + nik + R"("})");
  };
  auto taken = reg("warga1@demo.id", "1210011505900003");
  auto fresh = reg("orang.baru@mail.example", "1210015505900004");
  EXPECT_EQ(taken.status, 201) << taken.body;
  EXPECT_EQ(fresh.status, 201) << fresh.body;
  EXPECT_EQ(taken.body, fresh.body);
  EXPECT_EQ(taken.body.find("terdaftar"), std::string::npos);
  EXPECT_EQ(demo_->Count("SELECT COUNT(*) FROM notification_outbox WHERE recipient = 'warga1@demo.id'"), 1)
      << "the owner of the taken address is told";
}

TEST_P(Trust, ApiKeysActWithinTheirScopesAndNodeOnly) {
  Start();
  Headers dpmptsp_admin = demo_->As("admin_instansi.dpmptsp@demo.go.id");
  Headers dinkes_admin = demo_->As("admin_instansi.dinkes@demo.go.id");
  auto issue = [&](const Headers& admin, const std::string& scopes) {
    std::int64_t node = demo_->NodeOf(admin);
    auto r = testing::PostJson(port_, "/api/v1/api-keys",
                               R"({"node_id":)" + std::to_string(node) + R"(,"name":"Sistem","scopes":)" + scopes + "}",
                               admin);
    EXPECT_EQ(r.status, 201) << r.body;
    return Headers{{"Authorization", "Bearer " + std::string(json::parse(r.body).at("key").as_string())}};
  };
  // An agency admin cannot give a system what it may not do itself (the audit trail is the auditors').
  auto audit_key = testing::PostJson(
      port_, "/api/v1/api-keys",
      R"({"node_id":)" + std::to_string(demo_->NodeOf(dpmptsp_admin)) + R"(,"name":"Sistem","scopes":["audit.read"]})",
      dpmptsp_admin);
  EXPECT_EQ(audit_key.status, 422) << audit_key.body;
  Headers reader = issue(dpmptsp_admin, R"(["applications.read"])");
  Headers nothing = issue(dpmptsp_admin, R"(["stats.read"])");
  Headers elsewhere = issue(dinkes_admin, R"(["applications.read"])");
  std::string service = demo_->PublishOneStepService("izin-uji-kunci", "Izin Uji Kunci");
  auto filed = testing::PostJson(port_, "/api/v1/applications",
                                 R"({"service_id": "izin-uji-kunci", "data": {"nama_usaha": "Warung"}})",
                                 demo_->As("warga1@demo.id"));
  ASSERT_EQ(filed.status, 201) << filed.body;
  std::string tn(json::parse(filed.body).at("tracking_number").as_string());
  EXPECT_EQ(testing::Get(port_, "/api/v1/applications/" + tn, reader).status, 200);
  EXPECT_EQ(testing::Get(port_, "/api/v1/applications/" + tn, nothing).status, 404) << "not its scope";
  EXPECT_EQ(testing::Get(port_, "/api/v1/applications/" + tn, elsewhere).status, 404) << "another agency's key";
  // A key never acts: not as an officer, not as a person.
  EXPECT_NE(
      testing::PostJson(port_, "/api/v1/applications/" + tn + "/actions", R"({"action":"approve"})", reader).status,
      200);
  EXPECT_NE(testing::PostJson(port_, "/api/v1/applications",
                              R"({"service_id": "izin-uji-kunci", "data": {"nama_usaha": "Warung"}})", reader)
                .status,
            201);
  // A key on a page is nobody.
  auto page = testing::Get(port_, "/kerja/" + tn, reader);
  EXPECT_NE(page.status, 200);
  // The scopes are documented.
  auto doc = testing::Get(port_, "/api/v1/openapi.json").body;
  EXPECT_NE(doc.find("applications.read"), std::string::npos);
  EXPECT_NE(doc.find("\"apiKey\""), std::string::npos);
}

TEST_P(Trust, EveryOperationIsDocumentedEvenWhenItSharesItsPath) {
  Start();
  auto doc = json::parse(testing::Get(port_, "/api/v1/openapi.json").body);
  const auto& paths = doc.at("paths").as_object();
  for (const auto& [path, method] : std::vector<std::pair<std::string, std::string>>{{"/api/v1/applications", "post"},
                                                                                     {"/api/v1/applications", "get"},
                                                                                     {"/api/v1/reports", "post"},
                                                                                     {"/api/v1/reports", "get"},
                                                                                     {"/api/v1/api-keys", "post"},
                                                                                     {"/api/v1/api-keys", "get"}}) {
    ASSERT_TRUE(paths.contains(path)) << path;
    EXPECT_TRUE(paths.at(path).as_object().contains(method)) << method << " " << path;
  }
}

TEST_P(Trust, ACitizensDraftIsTheirsAlone) {
  Start();
  std::string service = demo_->PublishOneStepService("izin-uji-draf", "Izin Uji Draf");
  auto draft =
      testing::PostJson(port_, "/api/v1/applications",
                        R"({"service_id": "izin-uji-draf", "submit": false, "data": {"nama_usaha": "Warung"}})",
                        demo_->As("warga1@demo.id"));
  ASSERT_EQ(draft.status, 201) << draft.body;
  std::string tn(json::parse(draft.body).at("tracking_number").as_string());
  EXPECT_EQ(testing::Get(port_, "/api/v1/applications/" + tn, demo_->As("warga1@demo.id")).status, 200);
  for (const char* officer :
       {"kepala.dpmptsp@demo.go.id", "admin_instansi.dpmptsp@demo.go.id", "auditor@demo.go.id", "admin@demo.go.id"}) {
    EXPECT_EQ(testing::Get(port_, "/api/v1/applications/" + tn, demo_->As(officer)).status, 404) << officer;
  }
}

TEST_P(Trust, AccessCodesCannotBeGuessedAndACodeNeverRevealsAConfidentialReporter) {
  Start();
  std::string service = demo_->PublishOneStepService("izin-uji-kode", "Izin Uji Kode");
  auto filed = testing::PostJson(port_, "/api/v1/applications",
                                 R"({"service_id": "izin-uji-kode", "data": {"nama_usaha": "Warung"}})",
                                 demo_->As("warga1@demo.id"));
  ASSERT_EQ(filed.status, 201);
  auto j = json::parse(filed.body);
  std::string tn(j.at("tracking_number").as_string()), code(j.at("access_code").as_string());
  int refused = 0;
  for (int i = 0; i < 10; ++i)
    refused += testing::Get(port_, "/api/v1/track/" + tn + "?code=ZZZZZ" + char('A' + i)).status == 404;
  EXPECT_EQ(refused, 10);
  auto braked = testing::Get(port_, "/api/v1/track/" + tn + "?code=" + code);
  EXPECT_EQ(braked.status, 429) << "while guessing is braked, even the right code waits";
  EXPECT_TRUE(braked.Header("retry-after"));

  auto report = testing::PostJson(
      port_, "/api/v1/reports",
      R"({"kind": "pengaduan", "identity": "confidential", "category": "perizinan", "title": "Pungutan liar",
          "body": "Petugas meminta uang tambahan di loket.", "name": "Siti Rahmawati", "contact": "siti@mail.example"})",
      demo_->As("warga2@demo.id"));
  ASSERT_EQ(report.status, 201) << report.body;
  auto r = json::parse(report.body);
  auto seen = testing::Get(port_, "/api/v1/reports/" + std::string(r.at("tracking_number").as_string()) +
                                      "?code=" + std::string(r.at("access_code").as_string()));
  ASSERT_EQ(seen.status, 200) << seen.body;
  EXPECT_EQ(seen.body.find("siti@mail.example"), std::string::npos) << seen.body;
  EXPECT_EQ(seen.body.find("Rahmawati"), std::string::npos) << seen.body;
  EXPECT_NE(seen.body.find("si***@mail.example"), std::string::npos) << "enough for the reporter to recognise";
}

TEST_P(Trust, UnsignedBankCallbacksAreCountedAndOnlySampled) {
  Start();
  for (int i = 0; i < 60; ++i) {
    auto r =
        testing::Send(port_, {"POST",
                              "/api/v1/payments/callback",
                              {{"Content-Type", "application/json"},
                               {"X-Bank-Code", "BANKSIM"},
                               {"X-Signature", crypto::Base64Encode(std::string(64, 'x'))}},
                              R"({"billing_code":"1","amount":1,"bank_reference":"R)" + std::to_string(i) + "\"}"});
    EXPECT_EQ(r.status, 401);
  }
  EXPECT_EQ(demo_->Count("SELECT COUNT(*) FROM payment_callbacks"), 10) << "a sample kept, not one row each";
  auto metrics = testing::Get(port_, "/metrics").body;
  EXPECT_NE(metrics.find("spbe_payment_callbacks_unsigned_total 60"), std::string::npos);
  EXPECT_NE(metrics.find("spbe_payment_callbacks_unsigned_dropped_total 50"), std::string::npos);
}

TEST_P(Trust, CsvExportsNeverCarryAFormula) {
  Start();
  std::string service = demo_->PublishOneStepService("izin-rumus", "=1+2 Izin Rumus");
  ASSERT_FALSE(service.empty());
  ASSERT_EQ(testing::PostJson(port_, "/api/v1/applications",
                              R"({"service_id": "izin-rumus", "data": {"nama_usaha": "Warung"}})",
                              demo_->As("warga1@demo.id"))
                .status,
            201);
  ASSERT_TRUE(demo_->app().RollUpStats().ok());
  auto csv = testing::Get(port_, "/api/v1/stats/services.csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.body.find(",=1+2 Izin Rumus"), std::string::npos) << csv.body;
  EXPECT_NE(csv.body.find(",'=1+2 Izin Rumus,"), std::string::npos) << csv.body;
}

TEST_P(Trust, AnAttachmentKeepsItsSandbox) {
  Start();
  Headers citizen = demo_->As("warga2@demo.id");
  auto draft = testing::PostJson(
      port_, "/api/v1/applications",
      R"({"service_id": "persetujuan-bangunan-gedung", "submit": false, "data": {"nama_pemohon": "Andi Nasution",
          "nik": "1210011708920005", "fungsi": "hunian", "luas_m2": 72, "jumlah_lantai": 1, "lokasi": "12.10.01"}})",
      citizen);
  ASSERT_EQ(draft.status, 201) << draft.body;
  std::string tn(json::parse(draft.body).at("tracking_number").as_string());
  std::string b = "trustBOUNDARY";
  std::string body = "--" + b + "\r\nContent-Disposition: form-data; name=\"field\"\r\n\r\ngambar_teknis\r\n--" + b +
                     "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\nContent-Type: "
                     "application/pdf\r\n\r\n%PDF-1.4\n%%EOF\n\r\n--" +
                     b + "--\r\n";
  Headers with = citizen;
  with.push_back({"Content-Type", "multipart/form-data; boundary=" + b});
  auto up = testing::Send(port_, {"POST", "/api/v1/applications/" + tn + "/files", with, body});
  ASSERT_EQ(up.status, 201) << up.body;
  std::int64_t id = json::parse(up.body).at("id").as_int64();
  auto file = testing::Get(port_, "/api/v1/applications/" + tn + "/files/" + std::to_string(id), citizen);
  ASSERT_EQ(file.status, 200);
  EXPECT_NE(file.Header("content-security-policy").value_or("").find("sandbox"), std::string::npos)
      << file.Header("content-security-policy").value_or("(none)");
}

TEST_P(Trust, ADataDirectoryOnlyItsOwnerCanRead) {
  Start();
  namespace fs = std::filesystem;
  const Config& c = demo_->config();
  auto mode = [](const fs::path& p) { return fs::status(p).permissions() & fs::perms::all; };
  EXPECT_EQ(mode(c.data_dir), fs::perms::owner_all);
  if (!c.UsesPostgres()) {
    EXPECT_EQ(mode(c.SqlitePath()), fs::perms::owner_read | fs::perms::owner_write);
  }
  EXPECT_EQ(mode(c.data_dir + "/keys/pii.key"), fs::perms::owner_read | fs::perms::owner_write);
  // A stored upload, whatever the umask of the process that wrote it.
  ASSERT_TRUE(StoreBlob(c.data_dir + "/files", "%PDF-1.4 uji").ok());
  for (auto& entry : fs::recursive_directory_iterator(c.data_dir + "/files")) {
    if (entry.is_regular_file()) {
      EXPECT_EQ(mode(entry.path()), fs::perms::owner_read | fs::perms::owner_write) << entry.path();
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Engines, Trust, ::testing::ValuesIn(testing::Engines()));

// A history rewritten by someone who can write the database, its chain recomputed so `audit verify` passes: the
// anchors kept elsewhere still catch it.
TEST(TrustCli, AnchorsCatchARecomputedAuditChain) {
  testing::TempDir dir;
  std::string data = dir.path() + "/data";
  ASSERT_EQ(testing::RunSpbe({"migrate", "--data-dir", data}), 0);
  ASSERT_EQ(testing::RunSpbe({"seed-demo", "--data-dir", data}), 0);
  std::string out;
  ASSERT_EQ(testing::RunSpbe({"audit", "anchor", "--data-dir", data}, &out), 0) << out;
  EXPECT_NE(out.find("anchored"), std::string::npos);
  Config config;
  config.data_dir = data;
  std::string anchors_file = dir.path() + "/anchors.json";
  {
    auto db = app::OpenDatabase(config);
    ASSERT_TRUE(db.ok());
    auto vault = app::OpenAuditKeyVault(config);
    ASSERT_TRUE(vault.ok());
    auto store = audit::MakeSqlAuditStore();
    audit::Anchors anchors(**db, *store, *vault, SystemClock());
    std::ofstream(anchors_file) << audit::AnchorsJson(*anchors.List(100), *anchors.Keys());
  }
  ASSERT_EQ(testing::RunSpbe({"audit", "verify", "--data-dir", data, "--anchors", anchors_file}, &out), 0) << out;
  EXPECT_NE(out.find("agrees with all 1 anchors"), std::string::npos) << out;

  // Rewrite entry 3 and recompute every hash after it, as an insider with the database would.
  {
    auto db = app::OpenDatabase(config);
    ASSERT_TRUE(db.ok());
    auto st = (*db)->Write([](soci::session& s) -> Status {
      s << "UPDATE audit_log SET action = 'identity.nothing_happened' WHERE id = 3";
      soci::rowset<soci::row> rows =
          s.prepare << "SELECT id, at, actor_id, actor_kind, action, object_type, object_id, node_path, address, "
                       "before_digest, after_digest FROM audit_log ORDER BY id";
      std::string prev(64, '0');
      std::vector<std::pair<long long, std::pair<std::string, std::string>>> fixed;
      for (const auto& r : rows) {
        audit::Entry e;
        e.id = storage::Int64(r, 0);
        e.at = r.get<std::string>(1);
        if (r.get_indicator(2) == soci::i_ok) e.actor_id = storage::Int64(r, 2);
        e.actor_kind = r.get<std::string>(3);
        e.action = r.get<std::string>(4);
        e.object_type = r.get<std::string>(5);
        e.object_id = r.get<std::string>(6);
        e.node_path = r.get<std::string>(7);
        e.address = r.get<std::string>(8);
        e.before_digest = r.get<std::string>(9);
        e.after_digest = r.get<std::string>(10);
        std::string hash = audit::ChainHash(e, prev);
        fixed.push_back({e.id, {prev, hash}});
        prev = hash;
      }
      for (auto& [id, link] : fixed) {
        s << "UPDATE audit_log SET prev_hash = :p, hash = :h WHERE id = :id", soci::use(link.first, "p"),
            soci::use(link.second, "h"), soci::use(id, "id");
      }
      s << "UPDATE audit_head SET last_hash = :h WHERE id = 1", soci::use(prev, "h");
      return Ok{};
    });
    ASSERT_TRUE(st.ok()) << st.error().detail;
  }
  EXPECT_EQ(testing::RunSpbe({"audit", "verify", "--data-dir", data}, &out), 0)
      << "the recomputed chain holds: " << out;
  EXPECT_EQ(testing::RunSpbe({"audit", "verify", "--data-dir", data, "--anchors", anchors_file}, &out), 1) << out;
  EXPECT_NE(out.find("CONTRADICTS"), std::string::npos) << out;
  // An altered anchor file is caught too.
  std::ifstream in(anchors_file);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto pos = text.find("\"entries\":");
  ASSERT_NE(pos, std::string::npos);
  text.insert(pos + 10, "1");
  std::ofstream(anchors_file) << text;
  EXPECT_EQ(testing::RunSpbe({"audit", "verify", "--data-dir", data, "--anchors", anchors_file}, &out), 1) << out;
}

}  // namespace
}  // namespace spbe
