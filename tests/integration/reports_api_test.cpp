// Reports from the public through the real server on each engine: an anonymous report keeps no identity and comes
// back once for a retried request; the desk accepts it with the office a routing rule proposes; another agency's
// officer cannot act on it; the office answers; the reporter rates it with the access code; the public feed shows it
// without personal data. No wrong door: an office forwards what is not its own and loses it; one objection reopens
// a report at the office's head. +1 once per account; photos lose their location; overdue reports escalate once.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <boost/json.hpp>

#include "app/app.hpp"
#include "testing/demo_server.hpp"

namespace spbe {
namespace {

namespace json = boost::json;
using testing::Headers;

constexpr const char* kAnonymous =
    R"({"kind": "pengaduan", "identity": "anonymous", "category": "infrastruktur", "title": "Jembatan rusak",
        "body": "Papan jembatan di desa kami patah. NIK saya 1210015203880002, telepon 0812-6000-0001.",
        "region_code": "12.10.01.1001"})";

class ReportsApi : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    SPBE_SKIP_UNAVAILABLE(GetParam());
    demo_ = std::make_unique<testing::DemoServer>(GetParam());
  }
  testing::HttpResponse File(const std::string& body, Headers who = {}) {
    return testing::PostJson(demo_->port(), "/api/v1/reports", body, std::move(who));
  }
  std::pair<std::string, std::string> Filed(const std::string& body, Headers who = {}) {
    auto r = File(body, std::move(who));
    EXPECT_EQ(r.status, 201) << r.body;
    auto o = json::parse(r.body);
    return {std::string(o.at("tracking_number").as_string()), std::string(o.at("access_code").as_string())};
  }
  testing::HttpResponse Act(const std::string& tn, const std::string& body, const Headers& who) {
    return testing::PostJson(demo_->port(), "/api/v1/reports/" + tn + "/actions", body, who);
  }
  json::value View(const std::string& tn, const Headers& who = {}, const std::string& code = "") {
    auto r = testing::Get(demo_->port(), "/api/v1/reports/" + tn + (code.empty() ? "" : "?code=" + code), who);
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body);
  }
  std::int64_t Office(const std::string& slug) {
    return demo_->Count("SELECT id FROM org_nodes WHERE slug = '" + slug + "'");
  }

  std::unique_ptr<testing::DemoServer> demo_;
};

TEST_P(ReportsApi, AnonymousReportIsVerifiedAnsweredRatedAndPublishedWithoutPersonalData) {
  Headers retry = {{"Idempotency-Key", "lapor-1"}, {"Accept-Language", "en"}};
  auto [tn, code] = Filed(kAnonymous, retry);
  auto again = File(kAnonymous, retry);
  EXPECT_EQ(again.status, 201);
  EXPECT_EQ(json::parse(again.body).at("tracking_number").as_string(), tn) << "a retry files nothing new";
  EXPECT_EQ(demo_->Count("SELECT COUNT(*) FROM reports"), 1);
  EXPECT_EQ(File(R"({"kind": "aspirasi", "identity": "anonymous", "category": "lainnya", "title": "Lain lagi",
                     "body": "Permintaan yang lain sama sekali dengan kunci yang sama."})",
                 retry)
                .status,
            409);
  // Anonymous: no account, no name or contact, no address in the audit trail.
  EXPECT_EQ(demo_->Count("SELECT COUNT(*) FROM reports WHERE reporter_account_id IS NULL AND reporter_sealed = ''"), 1);
  EXPECT_EQ(demo_->Count("SELECT COUNT(*) FROM audit_log WHERE action = 'reports.submit' AND address = '' AND "
                         "actor_id IS NULL"),
            1);
  EXPECT_EQ(testing::Get(demo_->port(), "/api/v1/reports/" + tn + "?code=WRONG1").status, 404);
  EXPECT_EQ(View(tn, {}, code).at("status"), "submitted");

  Headers desk = demo_->As("pengaduan@demo.go.id");
  auto at_desk = View(tn, desk);
  EXPECT_EQ(at_desk.at("proposed_office").at("id").as_int64(), Office("dpupr")) << "the infrastructure rule";
  EXPECT_EQ(at_desk.at("marker"), "on_time");
  Headers dinkes = demo_->As("verifikator.dinkes@demo.go.id");
  EXPECT_EQ(Act(tn, R"({"action": "accept"})", dinkes).status, 404) << "not the desk: not even seen";
  auto accepted = Act(tn, R"({"action": "accept", "track": "simple"})", desk);
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_EQ(json::parse(accepted.body).at("office"), "Dinas Pekerjaan Umum dan Penataan Ruang");
  EXPECT_EQ(Act(tn, R"({"action": "accept"})", desk).status, 409) << "verified once";

  EXPECT_EQ(Act(tn, R"({"action": "answer", "note": "bukan kami"})", dinkes).status, 404)
      << "another agency's officer cannot act, whatever URL";
  Headers pu = demo_->As("verifikator.dpupr@demo.go.id");
  auto no_note = Act(tn, R"({"action": "answer"})", pu);
  EXPECT_EQ(no_note.status, 422);
  auto answered = Act(tn, R"({"action": "answer", "note": "Papan jembatan sudah diganti hari Kamis."})", pu);
  ASSERT_EQ(answered.status, 200) << answered.body;
  EXPECT_EQ(json::parse(answered.body).at("status"), "answered");

  EXPECT_EQ(
      testing::PostJson(demo_->port(), "/api/v1/reports/" + tn + "/rating", R"({"rating": 4, "code": "X"})").status,
      404);
  EXPECT_EQ(testing::PostJson(demo_->port(), "/api/v1/reports/" + tn + "/rating",
                              R"({"rating": 9, "code": ")" + code + R"("})")
                .status,
            422);
  EXPECT_EQ(testing::PostJson(demo_->port(), "/api/v1/reports/" + tn + "/rating",
                              R"({"rating": 4, "code": ")" + code + R"("})")
                .status,
            204);
  EXPECT_EQ(testing::PostJson(demo_->port(), "/api/v1/reports/" + tn + "/rating",
                              R"({"rating": 5, "code": ")" + code + R"("})")
                .status,
            409)
      << "rated once";

  auto feed = json::parse(testing::Get(demo_->port(), "/api/v1/reports?kind=pengaduan").body);
  ASSERT_EQ(feed.at("total").as_int64(), 1);
  const auto& item = feed.at("items").at(0);
  EXPECT_EQ(item.at("tracking_number").as_string(), tn);
  std::string body(item.at("body").as_string());
  EXPECT_EQ(body.find("1210015203880002"), std::string::npos) << body;
  EXPECT_EQ(body.find("0812"), std::string::npos) << body;
  EXPECT_NE(body.find("[nomor disamarkan]"), std::string::npos) << body;
  EXPECT_FALSE(item.as_object().contains("reporter_contact"));
  EXPECT_FALSE(item.as_object().contains("files"));
  EXPECT_EQ(item.at("status"), "answered");
  auto single = json::parse(testing::Get(demo_->port(), "/api/v1/reports/" + tn).body);
  EXPECT_EQ(single.at("body"), item.at("body"));
  std::string timeline = json::serialize(single.at("timeline"));
  EXPECT_NE(timeline.find("Papan jembatan sudah diganti"), std::string::npos) << "the office's answer is public";
}

TEST_P(ReportsApi, ConfidentialReporterIsKnownOnlyToTheHandlingOfficeAndNeverPublic) {
  Headers warga = demo_->As("warga1@demo.id");
  auto [tn, code] = Filed(R"({"kind": "pengaduan", "identity": "confidential", "category": "pungli",
      "title": "Diminta uang tambahan", "body": "Petugas meminta Rp 50.000 tanpa kuitansi saat mengurus surat.",
      "name": "Siti Rahmawati", "contact": "0812 6000 0001"})",
                          warga);
  Headers desk = demo_->As("pengaduan@demo.go.id");
  ASSERT_EQ(Act(tn, R"({"action": "accept", "publish": true})", desk).status, 200);
  auto office = View(tn, demo_->As("verifikator.inspektorat@demo.go.id"));
  EXPECT_EQ(office.at("reporter_name"), "Siti Rahmawati");
  EXPECT_EQ(office.at("reporter_contact"), "+6281260000001");
  EXPECT_FALSE(office.at("public").as_bool()) << "confidential is never published, whatever the desk ticked";
  EXPECT_EQ(testing::Get(demo_->port(), "/api/v1/reports/" + tn).status, 404) << "not public";
  EXPECT_EQ(json::parse(testing::Get(demo_->port(), "/api/v1/reports").body).at("total").as_int64(), 0);
  // The reporter sees it signed in, without the code, and was told it went to the office.
  EXPECT_EQ(View(tn, warga).at("status"), "disposed");
  EXPECT_GE(demo_->Count("SELECT COUNT(*) FROM inbox_messages m JOIN accounts a ON a.id = m.account_id "
                         "WHERE a.email = 'warga1@demo.id'"),
            2)
      << "received, then sent to the office";
}

TEST_P(ReportsApi, NoWrongDoorOneObjectionAndTheHeadAnswers) {
  auto [tn, code] = Filed(kAnonymous);
  Headers desk = demo_->As("pengaduan@demo.go.id");
  ASSERT_EQ(Act(tn, R"({"action": "accept", "to_node_id": )" + std::to_string(Office("dinkes")) + "}", desk).status,
            200);
  Headers dinkes = demo_->As("verifikator.dinkes@demo.go.id");
  EXPECT_EQ(Act(tn, R"({"action": "forward"})", dinkes).status, 422) << "forward names the office";
  auto fw = Act(tn,
                R"({"action": "forward", "note": "Jembatan kewenangan PU", "to_node_id": )" +
                    std::to_string(Office("dpupr")) + "}",
                dinkes);
  ASSERT_EQ(fw.status, 200) << fw.body;
  EXPECT_EQ(Act(tn, R"({"action": "answer", "note": "sudah"})", dinkes).status, 404) << "no longer theirs";
  Headers pu = demo_->As("verifikator.dpupr@demo.go.id");
  // Asking for more stops the clock; the reply starts it again with the deadline moved on.
  ASSERT_EQ(Act(tn, R"({"action": "ask_more", "note": "Di sebelah mana jembatannya?"})", pu).status, 200);
  EXPECT_EQ(Act(tn, R"({"action": "answer", "note": "x"})", pu).status, 409) << "waiting for the reporter";
  auto reply = Act(tn, R"({"action": "reply", "note": "Di samping masjid", "code": ")" + code + R"("})", {});
  ASSERT_EQ(reply.status, 200) << reply.body;
  ASSERT_EQ(Act(tn, R"({"action": "answer", "note": "Diperbaiki"})", pu).status, 200);
  auto object = Act(tn, R"({"action": "object", "note": "Belum diperbaiki", "code": ")" + code + R"("})", {});
  ASSERT_EQ(object.status, 200) << object.body;
  EXPECT_EQ(json::parse(object.body).at("status"), "reopened");
  EXPECT_EQ(Act(tn, R"({"action": "answer", "note": "Sudah"})", pu).status, 403) << "the head answers an objection";
  ASSERT_EQ(Act(tn, R"({"action": "answer", "note": "Kepala dinas meninjau: diganti besok"})",
                demo_->As("kepala.dpupr@demo.go.id"))
                .status,
            200);
  EXPECT_EQ(Act(tn, R"({"action": "object", "note": "Lagi", "code": ")" + code + R"("})", {}).status, 409)
      << "one objection";
  EXPECT_EQ(demo_->Count("SELECT COUNT(*) FROM report_events e JOIN reports r ON r.id = e.report_id "
                         "WHERE e.action = 'forward' AND e.to_node_id = " +
                         std::to_string(Office("dpupr"))),
            1);
  // There is no "close as not ours": the model has no such action and close needs what was done.
  EXPECT_EQ(Act(tn, R"({"action": "reject", "note": "bukan kami"})", pu).status, 422);
}

TEST_P(ReportsApi, SupportOncePerAccountAndOnlyForPublicReports) {
  auto [tn, code] = Filed(kAnonymous);
  Headers warga = demo_->As("warga2@demo.id");
  auto support = [&](const Headers& who) {
    return testing::PostJson(demo_->port(), "/api/v1/reports/" + tn + "/support", "", who);
  };
  EXPECT_EQ(support(warga).status, 404) << "not verified yet, so not public";
  ASSERT_EQ(Act(tn, R"({"action": "accept"})", demo_->As("pengaduan@demo.go.id")).status, 200);
  EXPECT_EQ(support({}).status, 401);
  auto first = support(warga);
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(json::parse(first.body).at("supports").as_int64(), 1);
  EXPECT_EQ(support(warga).status, 409);
  EXPECT_EQ(json::parse(support(demo_->As("warga1@demo.id")).body).at("supports").as_int64(), 2);
}

TEST_P(ReportsApi, PhotosLoseTheirLocationUnlessTheReporterKeepsIt) {
  std::string exif("Exif\0\0MM GPSLatitude 2.1 N", 26);
  std::string app1 = std::string("\xFF\xE1", 2) + static_cast<char>(0) + static_cast<char>(exif.size() + 2) + exif;
  std::string jpeg = std::string("\xFF\xD8", 2) + app1 + std::string("\xFF\xDA\x00\x02pixels\xFF\xD9", 12);
  auto file = [&](bool keep) {
    std::string boundary = "----spbe-test";
    std::string report = std::string(R"({"kind": "pengaduan", "identity": "anonymous", "category": "lingkungan",
        "title": "Sampah menumpuk", "body": "Sampah di pinggir jalan tidak diangkut seminggu.", "keep_location": )") +
                         (keep ? "true" : "false") + "}";
    std::string body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"report\"\r\n\r\n" + report +
                       "\r\n--" + boundary +
                       "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"foto.jpg\"\r\n"
                       "Content-Type: image/jpeg\r\n\r\n" +
                       jpeg + "\r\n--" + boundary + "--\r\n";
    auto r = testing::Send(
        demo_->port(),
        {"POST", "/api/v1/reports", {{"Content-Type", "multipart/form-data; boundary=" + boundary}}, body});
    EXPECT_EQ(r.status, 201) << r.body;
    auto o = json::parse(r.body);
    std::string tn(o.at("tracking_number").as_string()), code(o.at("access_code").as_string());
    auto v = View(tn, {}, code);
    std::string id = std::to_string(v.at("files").at(0).at("id").as_int64());
    auto bytes = testing::Get(demo_->port(), "/api/v1/reports/" + tn + "/files/" + id + "?code=" + code);
    EXPECT_EQ(bytes.status, 200);
    EXPECT_EQ(testing::Get(demo_->port(), "/api/v1/reports/" + tn + "/files/" + id).status, 404)
        << "not for anyone without the code";
    return bytes.body;
  };
  std::string stripped = file(false);
  EXPECT_EQ(stripped.find("GPS"), std::string::npos);
  EXPECT_NE(stripped.find("pixels"), std::string::npos) << "the picture stays";
  EXPECT_NE(file(true).find("GPSLatitude"), std::string::npos) << "kept when the reporter chose to";
}

TEST_P(ReportsApi, OverdueReportsEscalateOnceAndRoutingRulesAreTheDesksToKeep) {
  auto [tn, code] = Filed(kAnonymous);
  EXPECT_EQ(demo_->app().SweepReportsOverdue().value(), 0);
  auto moved = demo_->app().database().Write([](soci::session& s) -> Status {
    s << "UPDATE reports SET verify_due_at = '2026-01-05T16:59:59Z'";
    return Ok{};
  });
  ASSERT_TRUE(moved.ok());
  EXPECT_EQ(demo_->app().SweepReportsOverdue().value(), 1);
  EXPECT_EQ(demo_->Count("SELECT COUNT(*) FROM inbox_messages m JOIN accounts a ON a.id = m.account_id WHERE "
                         "a.email = 'pengaduan@demo.go.id' AND m.subject LIKE '%" +
                         tn + "%'"),
            1)
      << "the desk is told";
  EXPECT_EQ(demo_->app().SweepReportsOverdue().value(), 1) << "past its limit twice over: the platform's admin";
  EXPECT_EQ(demo_->app().SweepReportsOverdue().value(), 0) << "each notice once";

  Headers desk = demo_->As("pengaduan@demo.go.id");
  EXPECT_EQ(testing::Get(demo_->port(), "/api/v1/report-routes", demo_->As("warga1@demo.id")).status, 403);
  auto bad = testing::PostJson(demo_->port(), "/api/v1/report-routes",
                               R"({"category": "nope", "region_prefix": "99.99", "node_id": 0})", desk);
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("region_prefix"), std::string::npos);
  auto put = testing::PostJson(demo_->port(), "/api/v1/report-routes",
                               R"({"category": "infrastruktur", "region_prefix": "12.10.01.1001", "node_id": )" +
                                   std::to_string(Office("padang-matinggi")) + "}",
                               desk);
  ASSERT_EQ(put.status, 201) << put.body;
  EXPECT_EQ(View(tn, desk).at("proposed_office").at("id").as_int64(), Office("padang-matinggi"))
      << "the longer region prefix wins within the category";
}

TEST_P(ReportsApi, AReportAboutAnApplicationLinksToTheApplicantsOwnFile) {
  ASSERT_FALSE(demo_->PublishOneStepService("izin-uji-lapor", "Izin Uji Lapor").empty());
  auto app = testing::PostJson(demo_->port(), "/api/v1/applications",
                               R"({"service_id": "izin-uji-lapor", "data": {"nama_usaha": "Warung Siti"}})",
                               demo_->As("warga1@demo.id"));
  ASSERT_EQ(app.status, 201) << app.body;
  std::string file(json::parse(app.body).at("tracking_number").as_string());
  std::string report = R"({"kind": "pengaduan", "identity": "shown", "category": "perizinan",
      "title": "Surat domisili lama", "body": "Permohonan surat domisili saya belum diproses.",
      "name": "Siti", "contact": "warga1@demo.id", "application": ")" +
                       file + R"("})";
  auto other = File(report, demo_->As("warga2@demo.id"));
  EXPECT_EQ(other.status, 422) << "not their file";
  EXPECT_NE(other.body.find("application"), std::string::npos);
  auto [tn, code] = Filed(report, demo_->As("warga1@demo.id"));
  auto desk_view = View(tn, demo_->As("pengaduan@demo.go.id"));
  EXPECT_EQ(desk_view.at("application").as_string(), file);
  EXPECT_EQ(desk_view.at("about_office"), "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu")
      << "the file's office, when none was named";
  EXPECT_EQ(desk_view.at("service"), "Izin Uji Lapor");
}

TEST_P(ReportsApi, AReportAboutAServiceNamesItsAgencyForTheDesk) {
  auto bad = File(R"({"kind": "aspirasi", "identity": "anonymous", "category": "lainnya", "title": "Usul jam layanan",
      "body": "Mohon loket dibuka juga hari Sabtu pagi untuk pekerja.", "service_id": "tidak-ada"})");
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("service_id"), std::string::npos);
  auto [tn, code] = Filed(R"({"kind": "aspirasi", "identity": "anonymous", "category": "lainnya",
      "title": "Usul jam layanan", "body": "Mohon loket dibuka juga hari Sabtu pagi untuk pekerja.",
      "service_id": "izin-reklame"})");
  auto desk = View(tn, demo_->As("pengaduan@demo.go.id"));
  EXPECT_EQ(desk.at("service"), "Billboard Permit") << "in the desk officer's language";
  EXPECT_EQ(desk.at("about_office"), "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu");
  EXPECT_EQ(desk.at("proposed_office").at("id").as_int64(), Office("dpmptsp"))
      << "the service's agency before the catch-all rule for any category";
}

TEST_P(ReportsApi, AFloodFromOneAddressIsBrakedButARetryIsAnsweredAsBefore) {
  demo_.reset();
  demo_ = std::make_unique<testing::DemoServer>(GetParam(), [](Config& c) { c.limits.reports_filed.max = 3; });
  Headers key = {{"Idempotency-Key", "flood-1"}};
  auto first = File(kAnonymous, key);
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(File(kAnonymous).status, 201);
  EXPECT_EQ(File(kAnonymous).status, 201);
  auto braked = File(kAnonymous, {{"Accept-Language", "en"}});
  EXPECT_EQ(braked.status, 429) << braked.body;
  EXPECT_TRUE(braked.Header("retry-after").has_value());
  EXPECT_NE(braked.body.find("too many reports"), std::string::npos);
  auto retry = File(kAnonymous, key);
  EXPECT_EQ(retry.status, 201) << "a retry of an acknowledged report is answered, not braked";
  EXPECT_EQ(json::parse(retry.body).at("tracking_number"), json::parse(first.body).at("tracking_number"));
  EXPECT_EQ(demo_->Count("SELECT COUNT(*) FROM reports"), 3);
  // A signed-in citizen is counted by account, not by the shared address.
  EXPECT_EQ(File(kAnonymous, demo_->As("warga1@demo.id")).status, 201);
}

INSTANTIATE_TEST_SUITE_P(Engines, ReportsApi, ::testing::ValuesIn(testing::Engines()));

}  // namespace
}  // namespace spbe
