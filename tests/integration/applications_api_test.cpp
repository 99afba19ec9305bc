// Applications through the real server on each engine, with the demo deployment: the whole journey of a file across
// two agencies, idempotent filing, uploads checked by their content, claims, and audited reveals.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <boost/json.hpp>
#include <regex>

#include "app/app.hpp"
#include "demo/seed.hpp"
#include "platform/clock.hpp"
#include "testing/browser_session.hpp"
#include "testing/http_client.hpp"
#include "testing/test_env.hpp"

namespace spbe {
namespace {

namespace json = boost::json;
using Headers = std::vector<std::pair<std::string, std::string>>;

constexpr const char* kBidanData =
    R"({"nama_lengkap": "Siti Rahmawati, A.Md.Keb", "nik": "1210015203880002", "nomor_str": "STR-12345678",
        "str_berlaku_sampai": "2030-01-01", "tempat_praktik": "mandiri", "alamat_praktik": "Jl. Merdeka 1",
        "kelurahan": "12.10.01.1001", "telepon": "081260000001"})";

class ApplicationsApi : public ::testing::TestWithParam<std::string> {
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
    port_ = server_->port();
  }
  Headers As(const std::string& user, const std::string& lang = "en") {
    auto r =
        testing::PostJson(port_, "/api/v1/auth/login", R"({"username":")" + user + R"(","password":"demo-spbe-2026"})");
    return {{"Authorization", "Bearer " + std::string(json::parse(r.body).at("token").as_string())},
            {"Accept-Language", lang}};
  }
  testing::HttpResponse Upload(const std::string& tn, const std::string& field, const std::string& bytes,
                               const Headers& h, const std::string& name = "dokumen.pdf") {
    std::string b = "xyzBOUNDARYxyz";
    std::string body = "--" + b + "\r\nContent-Disposition: form-data; name=\"field\"\r\n\r\n" + field + "\r\n--" + b +
                       "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name +
                       "\"\r\nContent-Type: application/pdf\r\n\r\n" + bytes + "\r\n--" + b + "--\r\n";
    Headers with = h;
    with.push_back({"Content-Type", "multipart/form-data; boundary=" + b});
    return testing::Send(port_, {"POST", "/api/v1/applications/" + tn + "/files", with, body});
  }
  json::value Act(const std::string& tn, const Headers& h, const std::string& action, const std::string& note = "",
                  int expect = 200) {
    auto r = testing::PostJson(port_, "/api/v1/applications/" + tn + "/actions",
                               json::serialize(json::object{{"action", action}, {"note", note}}), h);
    EXPECT_EQ(r.status, expect) << action << ": " << r.body;
    return json::parse(r.body);
  }
  std::string Draft(const Headers& who, const std::string& data = kBidanData) {
    auto r = testing::PostJson(port_, "/api/v1/applications",
                               R"({"service_id": "izin-praktik-bidan", "submit": false, "data": )" + data + "}", who);
    EXPECT_EQ(r.status, 201) << r.body;
    return std::string(json::parse(r.body).at("tracking_number").as_string());
  }
  bool InWorklist(const Headers& who, const std::string& tn, const std::string& query = "") {
    auto r = testing::Get(port_, "/api/v1/worklist" + query, who);
    return r.body.find(tn) != std::string::npos;
  }
  int Count(const std::string& sql) {
    return *server_->app().database().Read([&](soci::session& s) {
      long long n = 0;
      s << sql, soci::into(n);
      return static_cast<int>(n);
    });
  }

  const std::string pdf_ = "%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n";
  std::unique_ptr<testing::TestDatabase> db_;
  std::unique_ptr<testing::TestServer> server_;
  int port_ = 0;
};

TEST_P(ApplicationsApi, AFileTravelsThroughTwoAgenciesWithACorrectionOnTheWay) {
  Headers citizen = As("warga1@demo.id");
  Headers verifier = As("verifikator.dpmptsp@demo.go.id");
  Headers dinkes = As("teknis.dinkes@demo.go.id");
  Headers head = As("kepala.dpmptsp@demo.go.id");
  Headers other_agency = As("verifikator.disdukcapil@demo.go.id");

  // Straight filing is refused: the STR scan must be attached to a draft first.
  auto direct =
      testing::PostJson(port_, "/api/v1/applications",
                        std::string(R"({"service_id": "izin-praktik-bidan", "data": )") + kBidanData + "}", citizen);
  EXPECT_EQ(direct.status, 422);
  EXPECT_NE(direct.body.find("\"field\":\"scan_str\""), std::string::npos) << direct.body;

  std::string tn = Draft(citizen);
  ASSERT_EQ(Upload(tn, "scan_str", pdf_, citizen).status, 201);
  auto submitted = testing::Send(port_, {"POST", "/api/v1/applications/" + tn + "/submit", citizen, ""});
  ASSERT_EQ(submitted.status, 200) << submitted.body;
  EXPECT_EQ(json::parse(submitted.body).at("status"), "in_progress");
  EXPECT_FALSE(json::parse(submitted.body).at("due_date").is_null());

  EXPECT_TRUE(InWorklist(verifier, tn));
  EXPECT_FALSE(InWorklist(dinkes, tn)) << "not at Dinas Kesehatan's step yet";
  EXPECT_FALSE(InWorklist(other_agency, tn));
  EXPECT_EQ(testing::Get(port_, "/api/v1/applications/" + tn, other_agency).status, 404)
      << "a Disdukcapil officer cannot open a DPMPTSP file";
  Act(tn, dinkes, "approve", "", 403);

  auto officer_view = json::parse(testing::Get(port_, "/api/v1/applications/" + tn, verifier).body);
  std::string fields = json::serialize(officer_view.at("fields"));
  EXPECT_EQ(fields.find("1210015203880002"), std::string::npos) << "the NIK is masked for officers";
  EXPECT_NE(fields.find("1210********0002"), std::string::npos) << fields;

  auto returned = Act(tn, verifier, "return", "Pindaian STR buram; unggah ulang yang terbaca");
  EXPECT_EQ(returned.at("status"), "returned");
  EXPECT_FALSE(InWorklist(verifier, tn)) << "with the applicant, off the worklist";
  EXPECT_TRUE(InWorklist(verifier, tn, "?status=returned"));
  auto mine = json::parse(testing::Get(port_, "/api/v1/applications/" + tn, citizen).body);
  EXPECT_EQ(mine.at("to_fix"), "Pindaian STR buram; unggah ulang yang terbaca");
  EXPECT_EQ(Act(tn, verifier, "verify", "", 403).at("status").as_int64(), 403) << "nothing to do while returned";

  ASSERT_EQ(Upload(tn, "scan_str", pdf_ + "% rescanned\n", citizen).status, 201);
  ASSERT_EQ(testing::Send(port_, {"POST", "/api/v1/applications/" + tn + "/submit", citizen, ""}).status, 200);
  auto verified = Act(tn, verifier, "verify");
  EXPECT_EQ(verified.at("step").at("office"), "Dinas Kesehatan");
  EXPECT_TRUE(InWorklist(dinkes, tn));
  Act(tn, dinkes, "approve", "Direkomendasikan: sarana praktik memenuhi syarat");
  auto done = Act(tn, head, "approve");
  EXPECT_EQ(done.at("status"), "completed");

  auto timeline = json::parse(testing::Get(port_, "/api/v1/applications/" + tn, citizen).body).at("timeline");
  std::vector<std::string> actions;
  for (const auto& e : timeline.as_array()) actions.emplace_back(e.at("action").as_string());
  EXPECT_EQ(actions, (std::vector<std::string>{"draft", "submit", "return", "resubmit", "verify", "approve", "approve",
                                               "issued"}));
  EXPECT_EQ(timeline.at(5).at("office"), "Dinas Kesehatan");
  std::string all = json::serialize(timeline);
  EXPECT_EQ(all.find("Verifikator"), std::string::npos) << "offices, never persons";

  EXPECT_GE(Count("SELECT COUNT(*) FROM notification_outbox WHERE recipient = 'warga1@demo.id' AND subject LIKE "
                  "'%perlu diperbaiki%'"),
            1);
  EXPECT_GE(Count("SELECT COUNT(*) FROM notification_outbox WHERE recipient = 'warga1@demo.id' AND subject LIKE "
                  "'%selesai%'"),
            1);
}

TEST_P(ApplicationsApi, TrackingNeedsTheAccessCodeAndShowsNoPersonalData) {
  Headers citizen = As("warga1@demo.id");
  auto r = testing::PostJson(
      port_, "/api/v1/applications",
      R"({"service_id": "izin-praktik-bidan", "submit": false, "data": )" + std::string(kBidanData) + "}", citizen);
  auto filed = json::parse(r.body);
  std::string tn(filed.at("tracking_number").as_string()), code(filed.at("access_code").as_string());
  ASSERT_EQ(Upload(tn, "scan_str", pdf_, citizen).status, 201);
  ASSERT_EQ(testing::Send(port_, {"POST", "/api/v1/applications/" + tn + "/submit", citizen, ""}).status, 200);
  auto t = testing::Get(port_, "/api/v1/track/" + tn + "?code=" + code);
  ASSERT_EQ(t.status, 200) << t.body;
  EXPECT_NE(t.body.find("Verifikasi berkas"), std::string::npos);
  for (const char* secret : {"1210015203880002", "Siti", "081260000001", "Merdeka"}) {
    EXPECT_EQ(t.body.find(secret), std::string::npos) << secret << " leaked: " << t.body;
  }
  std::string lower = code;
  for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  EXPECT_EQ(testing::Get(port_, "/api/v1/track/" + tn + "?code=" + lower).status, 200) << "codes ignore case";
  EXPECT_EQ(testing::Get(port_, "/api/v1/track/" + tn + "?code=AAAAAA").status, 404);
  std::string typo = tn;
  typo[5] = typo[5] == '1' ? '2' : '1';
  EXPECT_EQ(testing::Get(port_, "/api/v1/track/" + typo + "?code=" + code).status, 404);
}

TEST_P(ApplicationsApi, TheSameIdempotencyKeyNeverFilesTwice) {
  Headers citizen = As("warga1@demo.id");
  citizen.push_back({"Idempotency-Key", "6f1c1d1e-retry-over-3g"});
  std::string body =
      R"({"service_id": "izin-praktik-bidan", "submit": false, "data": )" + std::string(kBidanData) + "}";
  auto first = testing::PostJson(port_, "/api/v1/applications", body, citizen);
  auto again = testing::PostJson(port_, "/api/v1/applications", body, citizen);
  ASSERT_EQ(first.status, 201);
  EXPECT_EQ(again.status, 201);
  EXPECT_EQ(json::parse(first.body).at("tracking_number"), json::parse(again.body).at("tracking_number"));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM applications"), 1);
  std::string other = R"({"service_id": "izin-praktik-bidan", "submit": false, "data": {"nama_lengkap": "Lain"}})";
  EXPECT_EQ(testing::PostJson(port_, "/api/v1/applications", other, citizen).status, 409);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM applications"), 1);
  // Another person's same key is their own.
  Headers someone = As("warga2@demo.id");
  someone.push_back({"Idempotency-Key", "6f1c1d1e-retry-over-3g"});
  EXPECT_EQ(testing::PostJson(port_, "/api/v1/applications", body, someone).status, 201);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM applications"), 2);
}

TEST_P(ApplicationsApi, UploadsAreJudgedByTheirBytes) {
  Headers citizen = As("warga1@demo.id");
  std::string tn = Draft(citizen);
  auto fake = Upload(tn, "scan_str", "MZ\x90 this is a program", citizen, "str.pdf");
  EXPECT_EQ(fake.status, 422);
  EXPECT_NE(fake.body.find("whatever the file name says"), std::string::npos) << fake.body;
  std::string jpeg("\xFF\xD8\xFF\xE0 jpeg bytes", 15);
  EXPECT_EQ(Upload(tn, "surat_keterangan_tempat", jpeg, citizen, "surat.pdf").status, 422) << "this field takes PDF";
  EXPECT_EQ(Upload(tn, "scan_str", jpeg, citizen, "str.jpg").status, 201);
  std::string big = pdf_ + std::string(3 * 1024 * 1024, 'x');
  auto too_big = Upload(tn, "scan_str", big, citizen);
  EXPECT_EQ(too_big.status, 422);
  EXPECT_NE(too_big.body.find("larger than 2048 KB"), std::string::npos) << too_big.body;
  EXPECT_EQ(Upload(tn, "nama_lengkap", pdf_, citizen).status, 422) << "not a file field";
  EXPECT_EQ(Upload(tn, "scan_str", pdf_, As("warga2@demo.id")).status, 404) << "someone else's draft";
  auto view = json::parse(testing::Get(port_, "/api/v1/applications/" + tn, citizen).body);
  ASSERT_EQ(view.at("files").as_array().size(), 1u);
  std::int64_t id = view.at("files").at(0).at("id").as_int64();
  auto bytes = testing::Get(port_, "/api/v1/applications/" + tn + "/files/" + std::to_string(id), citizen);
  EXPECT_EQ(bytes.status, 200);
  EXPECT_EQ(bytes.body, jpeg);
  EXPECT_EQ(bytes.Header("content-type"), "image/jpeg");
}

TEST_P(ApplicationsApi, AClaimedFileIsTheClaimantsAndRevealsAreAudited) {
  Headers citizen = As("warga1@demo.id");
  std::string tn = Draft(citizen);
  Upload(tn, "scan_str", pdf_, citizen);
  testing::Send(port_, {"POST", "/api/v1/applications/" + tn + "/submit", citizen, ""});
  Headers verifier = As("verifikator.dpmptsp@demo.go.id");
  auto claimed = Act(tn, verifier, "claim");
  EXPECT_EQ(claimed.at("claimed"), true);
  std::string actions = json::serialize(claimed.at("actions"));
  EXPECT_NE(actions.find("release"), std::string::npos);
  EXPECT_NE(actions.find("verify"), std::string::npos);
  // A second verifier of DPMPTSP (the front desk officer, given the role by the platform admin) finds it taken.
  Headers loket = As("loket.dpmptsp@demo.go.id");
  auto me = json::parse(testing::Get(port_, "/api/v1/me", loket).body);
  std::string grant =
      R"({"node_id":)" + std::to_string(me.at("grants").at(0).at("node_id").as_int64()) + R"(,"role":"verifikator"})";
  ASSERT_EQ(testing::PostJson(port_, "/api/v1/officers/" + std::to_string(me.at("id").as_int64()) + "/grants", grant,
                              As("admin@demo.go.id"))
                .status,
            201);
  EXPECT_TRUE(InWorklist(loket, tn)) << "visible to every officer who may act, claimed or not";
  EXPECT_EQ(Act(tn, loket, "verify", "", 409).at("detail"), "another officer has claimed this file");
  EXPECT_EQ(Act(tn, loket, "claim", "", 409).at("status").as_int64(), 409);
  EXPECT_EQ(Act(tn, verifier, "note", "", 422).at("errors").at(0).at("field"), "note");
  Act(tn, verifier, "release");
  EXPECT_EQ(json::parse(testing::Get(port_, "/api/v1/applications/" + tn, verifier).body).at("claimed"), false);
  Act(tn, loket, "claim");  // released: now anyone who may act can take it

  // The head over the step frees a claim and hands the file to someone who may act; nobody else may.
  Headers head = As("kepala.dpmptsp@demo.go.id");
  auto assign = [&](const Headers& who, const std::string& to, int expect) {
    auto r = testing::PostJson(port_, "/api/v1/applications/" + tn + "/actions",
                               R"({"action": "assign", "to": ")" + to + R"("})", who);
    EXPECT_EQ(r.status, expect) << r.body;
    return r;
  };
  EXPECT_NE(assign(head, "warga1@demo.id", 422).body.find("\"field\":\"to\""), std::string::npos);
  assign(verifier, "verifikator.dpmptsp@demo.go.id", 403);
  Act(tn, head, "release");
  EXPECT_EQ(json::parse(testing::Get(port_, "/api/v1/applications/" + tn, head).body).at("claimed"), false);
  assign(head, "verifikator.dpmptsp@demo.go.id", 200);
  Act(tn, loket, "verify", "", 409);
  EXPECT_EQ(Act(tn, verifier, "verify").at("step").at("key"), "rekomendasi");

  auto reveal = testing::PostJson(port_, "/api/v1/applications/" + tn + "/reveal", R"({"field":"nik"})", verifier);
  ASSERT_EQ(reveal.status, 200) << reveal.body;
  EXPECT_EQ(json::parse(reveal.body).at("value"), "1210015203880002");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'applications.reveal'"), 1);
  EXPECT_EQ(testing::PostJson(port_, "/api/v1/applications/" + tn + "/reveal", R"({"field":"nama_lengkap"})", verifier)
                .status,
            422);
}

TEST_P(ApplicationsApi, MovingAHolidayRecountsRunningDeadlines) {
  Headers citizen = As("warga1@demo.id");
  std::string tn = Draft(citizen);
  Upload(tn, "scan_str", pdf_, citizen);
  ASSERT_EQ(testing::Send(port_, {"POST", "/api/v1/applications/" + tn + "/submit", citizen, ""}).status, 200);
  auto step_due = [&] {
    return std::string(json::parse(testing::Get(port_, "/api/v1/applications/" + tn, citizen).body)
                           .at("step")
                           .at("due_at")
                           .as_string());
  };
  std::string before = step_due();  // the end of a working day, WIB: 16:59:59Z of that date
  std::string day = before.substr(0, 10);
  Headers admin = As("admin@demo.go.id");
  admin.push_back({"Content-Type", "application/json"});
  auto put = testing::Send(port_, {"PUT", "/api/v1/calendar/holidays/" + day, admin,
                                   R"({"kind": "libur_nasional", "name_id": "Libur yang dipindahkan"})"});
  ASSERT_EQ(put.status, 204) << put.body;
  std::string moved = step_due();
  EXPECT_GT(moved, before) << "a new holiday on the due day pushes the deadline to the next working day";
  ASSERT_EQ(testing::Send(port_, {"DELETE", "/api/v1/calendar/holidays/" + day, admin, ""}).status, 204);
  EXPECT_EQ(step_due(), before) << "and taking it away brings it back";

  auto bad = testing::Send(port_, {"POST",
                                   "/api/v1/calendar/holidays/import",
                                   {admin[0], {"Content-Type", "text/csv"}, {"Accept-Language", "en"}},
                                   "date,kind,name_id,name_en,source\n2031-02-30,libur_nasional,X,X,x\n"});
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("line 2"), std::string::npos) << bad.body;
  EXPECT_EQ(testing::Send(port_, {"PUT",
                                  "/api/v1/calendar/holidays/" + day,
                                  {As("admin_instansi.dpmptsp@demo.go.id")[0], {"Content-Type", "application/json"}},
                                  R"({"kind": "libur_nasional", "name_id": "X"})"})
                .status,
            403)
      << "only the platform keeps the national calendar";
}

TEST_P(ApplicationsApi, AnOverdueStepTellsTheHeadOnceAndEscalatesWhenOverdueAgain) {
  Headers citizen = As("warga1@demo.id");
  std::string tn = Draft(citizen);
  Upload(tn, "scan_str", pdf_, citizen);
  ASSERT_EQ(testing::Send(port_, {"POST", "/api/v1/applications/" + tn + "/submit", citizen, ""}).status, 200);
  std::string digits;
  for (char c : tn) {
    if (c != '-') digits += c;
  }
  auto set = [&](const std::string& started, const std::string& due) {
    ASSERT_TRUE(server_->app()
                    .database()
                    .Write([&](soci::session& s) -> Status {
                      s << "UPDATE applications SET step_started_at = :a, step_due_at = :b WHERE tracking_number = :t",
                          soci::use(started, "a"), soci::use(due, "b"), soci::use(digits, "t");
                      return Ok{};
                    })
                    .ok());
  };
  auto to_head = [&](const char* like) {
    return Count(std::string("SELECT COUNT(*) FROM notification_outbox WHERE recipient = 'kepala.dpmptsp@demo.go.id' "
                             "AND subject LIKE '") +
                 like + "'");
  };
  EXPECT_EQ(*server_->app().SweepOverdue(), 0) << "nothing is overdue yet";
  // Verification (2 working days) started a week ago, due three days ago: the head hears of it, once.
  TimePoint now = std::chrono::system_clock::now();
  set(FormatUtc(now - std::chrono::hours(24 * 4)), FormatUtc(now - std::chrono::hours(1)));
  EXPECT_EQ(*server_->app().SweepOverdue(), 1);
  EXPECT_EQ(to_head("%melewati batas waktu%"), 1);
  EXPECT_EQ(*server_->app().SweepOverdue(), 0) << "told once";
  // Started a month ago: overdue by the step's own length again, escalated to the OPD's head.
  set(FormatUtc(now - std::chrono::hours(24 * 30)), FormatUtc(now - std::chrono::hours(24 * 25)));
  EXPECT_EQ(*server_->app().SweepOverdue(), 1);
  EXPECT_EQ(to_head("Eskalasi%"), 1);
  EXPECT_EQ(*server_->app().SweepOverdue(), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'applications.escalate'"), 1);
  // Acted on, the file starts a new step with a fresh deadline: nothing more to say.
  Act(tn, As("verifikator.dpmptsp@demo.go.id"), "verify");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM applications WHERE overdue_level = 0 AND tracking_number = '" + digits + "'"),
            1);
}

TEST_P(ApplicationsApi, AnUndecidedFileOfAFiktifPositifServiceIsGrantedAtItsTimeLimit) {
  Headers admin = As("admin_instansi.dpmptsp@demo.go.id");
  auto me = json::parse(testing::Get(port_, "/api/v1/me", admin).body);
  std::string node = std::to_string(me.at("grants").at(0).at("node_id").as_int64());
  std::string def = R"({"name": "Izin Lingkungan Uji", "time_limit_days": 5, "deemed_granted": true,
      "standard": {"legal_basis": ["UU 30/2014 pasal 53"], "output": "Izin", "complaints": "Lapor"},
      "form": {"fields": [{"name": "nama", "type": "text", "label": "Nama", "required": true}]},
      "workflow": {"steps": [{"key": "putus", "name": "Putus", "node_id": )" +
                    node + R"(, "role": "kepala", "actions": ["approve", "reject"], "time_limit_days": 5}]}})";
  auto created = testing::PostJson(
      port_, "/api/v1/services",
      R"({"node_id": )" + node + R"(, "slug": "izin-lingkungan-uji", "definition": )" + def + "}", admin);
  ASSERT_EQ(created.status, 201) << created.body;
  std::string id = std::to_string(json::parse(created.body).at("id").as_int64());
  ASSERT_EQ(testing::Send(port_, {"POST", "/api/v1/services/" + id + "/publish", admin, ""}).status, 200);

  Headers citizen = As("warga1@demo.id");
  auto filed = testing::PostJson(port_, "/api/v1/applications",
                                 R"({"service_id": "izin-lingkungan-uji", "data": {"nama": "Warga"}})", citizen);
  ASSERT_EQ(filed.status, 201) << filed.body;
  std::string tn(json::parse(filed.body).at("tracking_number").as_string());
  EXPECT_EQ(*server_->app().GrantUndecided(), 0) << "still within its time limit";
  ASSERT_TRUE(server_->app()
                  .database()
                  .Write([&](soci::session& s) -> Status {
                    s << "UPDATE applications SET due_at = '2026-01-02T16:59:59Z' WHERE deemed_granted = 1";
                    return Ok{};
                  })
                  .ok());
  EXPECT_EQ(*server_->app().GrantUndecided(), 1);
  EXPECT_EQ(*server_->app().GrantUndecided(), 0) << "granted once";
  auto view = json::parse(testing::Get(port_, "/api/v1/applications/" + tn, citizen).body);
  EXPECT_EQ(view.at("status"), "completed");
  std::string timeline = json::serialize(view.at("timeline"));
  EXPECT_NE(timeline.find("deemed_granted"), std::string::npos) << timeline;
  EXPECT_NE(timeline.find("UU 30/2014"), std::string::npos) << "the reason names the legal basis";
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'applications.deemed_granted'"), 1);
  // A service without the rule is never granted by the clock.
  std::string bidan = Draft(citizen);
  Upload(bidan, "scan_str", pdf_, citizen);
  testing::Send(port_, {"POST", "/api/v1/applications/" + bidan + "/submit", citizen, ""});
  ASSERT_TRUE(server_->app()
                  .database()
                  .Write([&](soci::session& s) -> Status {
                    s << "UPDATE applications SET due_at = '2026-01-02T16:59:59Z'";
                    return Ok{};
                  })
                  .ok());
  EXPECT_EQ(*server_->app().GrantUndecided(), 0);
}

TEST_P(ApplicationsApi, ARegionFieldTakesOnlyThePlacesTheFormOffers) {
  Headers citizen = As("usaha1@demo.id");
  // Gambir (Jakarta) is a real kecamatan, but not one of this kabupaten's: refused as an unknown one would be.
  auto elsewhere =
      testing::PostJson(port_, "/api/v1/applications",
                        R"({"service_id": "izin-reklame", "submit": false, "data": {"nama_usaha": "CV Sawit",
                                         "jenis": "papan", "luas_m2": 3, "lama_bulan": 6, "lokasi": "31.71.01"}})",
                        citizen);
  EXPECT_EQ(elsewhere.status, 422) << elsewhere.body;
  EXPECT_NE(elsewhere.body.find("\"lokasi\""), std::string::npos) << elsewhere.body;
  auto here = testing::PostJson(port_, "/api/v1/applications",
                                R"({"service_id": "izin-reklame", "submit": false, "data": {"nama_usaha": "CV Sawit",
                                    "jenis": "papan", "luas_m2": 3, "lama_bulan": 6, "lokasi": "12.10.01"}})",
                                citizen);
  EXPECT_EQ(here.status, 201) << here.body;
}

TEST_P(ApplicationsApi, TheApplyFormSentTwiceFilesOnceAndShowsTheFirstReceiptAgain) {
  testing::BrowserSession citizen(port_);
  ASSERT_TRUE(citizen.SignIn("warga2@demo.id", "demo-spbe-2026"));
  int before = Count("SELECT COUNT(*) FROM applications");
  std::vector<std::pair<std::string, std::string>> fields{{"idempotency_key", "9f1c2b7e4d6a8b0c"},
                                                          {"nama", "Warga Dua"},
                                                          {"nik", "1210011708920005"},
                                                          {"alamat", "Jl. Demo 3"},
                                                          {"keperluan", "melamar kerja"},
                                                          {"aksi", "ajukan"}};
  std::vector<testing::BrowserSession::FilePart> ktp{{"ktp", "ktp.pdf", "application/pdf", pdf_}};
  auto first = citizen.PostMultipart("/layanan/surat-keterangan-domisili/ajukan", fields, ktp);
  ASSERT_EQ(first.status, 200) << first.body.substr(0, 2000);
  auto again = citizen.PostMultipart("/layanan/surat-keterangan-domisili/ajukan", fields, ktp);
  ASSERT_EQ(again.status, 200);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM applications"), before + 1) << "one filing for one form";
  std::smatch a, b;
  std::regex number(R"(\d{4}-\d{4}-\d{4})");
  ASSERT_TRUE(std::regex_search(first.body, a, number));
  ASSERT_TRUE(std::regex_search(again.body, b, number));
  EXPECT_EQ(a[0].str(), b[0].str()) << "the same receipt";
  // An unknown action is refused, and writes nothing.
  fields.back().second = "hapus";
  fields.front().second = "another-key-0001";
  EXPECT_EQ(citizen.PostMultipart("/layanan/surat-keterangan-domisili/ajukan", fields, ktp).status, 400);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM applications"), before + 1);
}

TEST_P(ApplicationsApi, TheFeeIsComputedFromThePublishedFormulaAndNobodyTypesIt) {
  auto svc = json::parse(testing::Get(port_, "/api/v1/services/izin-reklame").body);
  EXPECT_EQ(svc.at("fee").at("kind"), "formula");
  EXPECT_EQ(svc.at("fee").at("formula"), "luas_m2 * tarif * lama_bulan");
  Headers citizen = As("usaha1@demo.id");
  auto draft = testing::PostJson(port_, "/api/v1/applications",
                                 R"({"service_id": "izin-reklame", "submit": false, "data": {"nama_usaha": "CV Sawit",
                                     "jenis": "papan", "luas_m2": 3, "lama_bulan": 6, "lokasi": "12.10.01"}})",
                                 citizen);
  ASSERT_EQ(draft.status, 201) << draft.body;
  std::string tn(json::parse(draft.body).at("tracking_number").as_string());
  EXPECT_EQ(json::parse(draft.body).at("fee_amount").as_int64(), 0) << "a draft is priced when submitted";
  ASSERT_EQ(Upload(tn, "desain", pdf_, citizen).status, 201);
  auto sent = testing::Send(port_, {"POST", "/api/v1/applications/" + tn + "/submit", citizen, ""});
  ASSERT_EQ(sent.status, 200) << sent.body;
  // 3 m² × Rp 25.000 × 6 months = Rp 450.000, already a multiple of 1.000 and above the minimum.
  EXPECT_EQ(json::parse(sent.body).at("fee_amount").as_int64(), 450000);
  auto view = json::parse(testing::Get(port_, "/api/v1/applications/" + tn, citizen).body);
  EXPECT_EQ(view.at("fee").at("amount").as_int64(), 450000);

  // The amount is not data: a "fee_amount" in the data is refused as an unknown field, never stored as the fee.
  auto sneaky =
      testing::PostJson(port_, "/api/v1/applications",
                        R"({"service_id": "izin-reklame", "submit": false, "data": {"fee_amount": 1}})", citizen);
  EXPECT_EQ(sneaky.status, 422) << sneaky.body;

  // Returned, corrected to a smaller billboard: the fee follows the corrected data.
  Headers verifier = As("verifikator.dpmptsp@demo.go.id");
  Act(tn, verifier, "return", "Luas tidak sesuai desain");
  auto put = testing::Send(port_, {"PUT",
                                   "/api/v1/applications/" + tn + "/data",
                                   {citizen[0], citizen[1], {"Content-Type", "application/json"}},
                                   R"({"data": {"nama_usaha": "CV Sawit", "jenis": "baliho", "luas_m2": 2,
                                      "lama_bulan": 3, "lokasi": "12.10.01"}})"});
  ASSERT_EQ(put.status, 204) << put.body;
  auto again = testing::Send(port_, {"POST", "/api/v1/applications/" + tn + "/submit", citizen, ""});
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(json::parse(again.body).at("fee_amount").as_int64(), 100000) << "Rp 90.000, raised to the minimum";
}

INSTANTIATE_TEST_SUITE_P(Engines, ApplicationsApi, ::testing::ValuesIn(testing::Engines()));

}  // namespace
}  // namespace spbe
