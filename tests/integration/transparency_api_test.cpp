// The public dashboard through the real server on each engine: applications filed and decided through the API, a
// survey answered, history and reports written as the sources hold them; after a pass of the rollup the figures of
// /api/v1/stats/... and /kinerja are exactly what the rows say (counts by the agency's local day, median and 90th
// percentile in working days, the share on time, IKM by the regulation's formula), and they follow later changes.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <boost/json.hpp>

#include "app/app.hpp"
#include "platform/clock.hpp"
#include "platform/identifiers.hpp"
#include "platform/working_days.hpp"
#include "surveys/model.hpp"
#include "testing/demo_server.hpp"
#include "transparency/rollup.hpp"

namespace spbe {
namespace {

namespace json = boost::json;
using testing::Headers;

class TransparencyApi : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    SPBE_SKIP_UNAVAILABLE(GetParam());
    demo_ = std::make_unique<testing::DemoServer>(GetParam());
    service_ = demo_->PublishOneStepService("izin-uji-kinerja", "Izin Uji Kinerja");
    ASSERT_FALSE(service_.empty());
  }
  std::string File(const std::string& who) {
    auto filed =
        testing::PostJson(demo_->port(), "/api/v1/applications",
                          R"({"service_id": "izin-uji-kinerja", "data": {"nama_usaha": "Warung"}})", demo_->As(who));
    EXPECT_EQ(filed.status, 201) << filed.body;
    return std::string(json::parse(filed.body).at("tracking_number").as_string());
  }
  void Decide(const std::string& tn, const std::string& action) {
    auto r = testing::PostJson(demo_->port(), "/api/v1/applications/" + tn + "/actions",
                               R"({"action": ")" + action + R"(", "note": "Persyaratan tidak lengkap"})",
                               demo_->As("kepala.dpmptsp@demo.go.id"));
    ASSERT_EQ(r.status, 200) << r.body;
  }
  void Answer(const std::string& tn, const std::string& who, const std::string& answers) {
    auto r = testing::PostJson(demo_->port(), "/api/v1/applications/" + tn + "/survey",
                               R"({"answers": )" + answers + "}", demo_->As(who));
    ASSERT_EQ(r.status, 201) << r.body;
  }
  void Exec(const std::string& sql) {
    auto st = demo_->app().database().Write([&](soci::session& s) -> Status {
      s << sql;
      return Ok{};
    });
    ASSERT_TRUE(st.ok()) << sql << ": " << st.error().detail;
  }
  transparency::RollupReport RollUp() {
    auto r = demo_->app().RollUpStats();
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().detail);
    return r.ok() ? *r : transparency::RollupReport{};
  }
  json::object Get(const std::string& target) {
    auto r = testing::Get(demo_->port(), target);
    EXPECT_EQ(r.status, 200) << target << ": " << r.body;
    return r.status == 200 ? json::parse(r.body).as_object() : json::object{};
  }
  // The row of our service in /api/v1/stats/services for a period.
  json::object ServiceRow(const std::string& from, const std::string& to) {
    auto all = Get("/api/v1/stats/services?from=" + from + "&to=" + to);
    for (const auto& row : all["services"].as_array()) {
      if (std::to_string(row.at("service_id").as_int64()) == service_) return row.as_object();
    }
    ADD_FAILURE() << "no row for service " << service_ << " in " << json::serialize(all);
    return {};
  }
  // Yesterday to tomorrow in WIB (the demo's agencies), so a test running across midnight still sees today.
  std::pair<std::string, std::string> AroundToday() {
    auto today = std::chrono::sys_days(LocalDate(std::chrono::system_clock::now(), TimeZone::kWib));
    return {FormatDate(Date(today - std::chrono::days(1))), FormatDate(Date(today + std::chrono::days(1)))};
  }

  std::unique_ptr<testing::DemoServer> demo_;
  std::string service_;
};

TEST_P(TransparencyApi, FiguresOfFilesDecidedThroughTheApi) {
  std::string a = File("warga1@demo.id"), b = File("warga2@demo.id"), c = File("usaha1@demo.id");
  std::string open = File("warga1@demo.id");
  Decide(a, "approve");
  Decide(b, "approve");
  Decide(c, "reject");
  Answer(a, "warga1@demo.id", "[4,3,3,4,3,3,4,2,3]");
  Answer(b, "warga2@demo.id", "[4,4,4,4,4,4,4,4,4]");
  RollUp();

  auto [from, to] = AroundToday();
  auto row = ServiceRow(from, to);
  EXPECT_EQ(row["service"], "Izin Uji Kinerja");
  EXPECT_EQ(row["applications_received"].as_int64(), 4);
  EXPECT_EQ(row["applications_completed"].as_int64(), 2);
  EXPECT_EQ(row["applications_rejected"].as_int64(), 1);
  EXPECT_EQ(row["applications_in_progress"].as_int64(), 1);
  EXPECT_EQ(row["completion_median_working_days"].as_int64(), 0) << "decided the day they came in";
  EXPECT_EQ(row["completion_p90_working_days"].as_int64(), 0);
  EXPECT_EQ(row["decided_on_time"].as_int64(), 3);
  EXPECT_EQ(row["on_time_percent"], "100.0");
  // IKM from the summed totals: (29 + 36) points / (9 x 2 respondents) x 25 = 90.277... -> 90.28, grade A.
  surveys::Totals totals;
  totals.Add({4, 3, 3, 4, 3, 3, 4, 2, 3});
  totals.Add({4, 4, 4, 4, 4, 4, 4, 4, 4});
  auto expected = surveys::Compute(totals);
  ASSERT_TRUE(expected);
  EXPECT_EQ(expected->Converted(), "90.28");
  EXPECT_EQ(row["ikm"], json::value(expected->Converted()));
  EXPECT_EQ(row["ikm_grade"], "A");
  EXPECT_EQ(row["ikm_respondents"].as_int64(), 2);
  EXPECT_EQ(row["ikm_recommended_sample"].as_int64(), surveys::RecommendedSample(2));
  EXPECT_FALSE(row["ikm_undersampled"].as_bool());
  // The published IKM of the surveys capability, from the source rows, agrees.
  auto ikm = Get("/api/v1/stats/ikm?service_id=" + service_ + "&from=" + from + "&to=" + to);
  EXPECT_EQ(ikm["ikm"], row["ikm"]);

  // The office's row sums its services (here only ours has files); the whole sums every office.
  auto offices = Get("/api/v1/stats/offices?from=" + from + "&to=" + to);
  EXPECT_EQ(offices["licence"], "CC BY 4.0");
  ASSERT_EQ(offices["offices"].as_array().size(), 1u) << json::serialize(offices);
  const auto& office = offices["offices"].as_array()[0].as_object();
  EXPECT_EQ(office.at("node_id").as_int64(), demo_->NodeOf(demo_->As("kepala.dpmptsp@demo.go.id")));
  EXPECT_EQ(office.at("applications_received").as_int64(), 4);
  EXPECT_EQ(office.at("ikm"), "90.28");
  EXPECT_EQ(offices["total"].at("applications_completed").as_int64(), 2);

  // A later decision shows after the next pass.
  Decide(open, "approve");
  auto report = RollUp();
  EXPECT_FALSE(report.built) << "an incremental pass";
  auto after = ServiceRow(from, to);
  EXPECT_EQ(after["applications_completed"].as_int64(), 3);
  EXPECT_EQ(after["applications_in_progress"].as_int64(), 0);
  EXPECT_EQ(after["ikm_recommended_sample"].as_int64(), surveys::RecommendedSample(3));
  EXPECT_TRUE(after["ikm_undersampled"].as_bool()) << "2 respondents of 3 completed files, 3 recommended";
  EXPECT_EQ(RollUp().days, 0) << "nothing changed since";

  // The page shows the same, in Indonesian; the CSV twin carries the same row.
  auto page = testing::Get(demo_->port(), "/kinerja?from=" + from + "&to=" + to);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Izin Uji Kinerja"), std::string::npos);
  EXPECT_NE(page.body.find("90,28"), std::string::npos) << "decimal comma in Indonesian";
  EXPECT_NE(page.body.find(R"(role="img")"), std::string::npos);
  EXPECT_NE(page.body.find("/api/v1/stats/services.csv?from=" + from), std::string::npos);
  EXPECT_NE(page.body.find("CC BY 4.0"), std::string::npos);
  auto csv = testing::Get(demo_->port(), "/api/v1/stats/services.csv?from=" + from + "&to=" + to);
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.Header("content-type").value_or(""), "text/csv; charset=utf-8");
  EXPECT_EQ(csv.body.rfind("service_id,service,node_id,office,applications_received,", 0), 0u) << csv.body;
  EXPECT_NE(csv.body.find(service_ + ",Izin Uji Kinerja,"), std::string::npos) << csv.body;
  EXPECT_NE(csv.body.find(",4,3,1,0,0,0,4,100.0,90.28,A,2,3,true\r\n"), std::string::npos) << csv.body;
}

TEST_P(TransparencyApi, HistoryCountsByLocalWorkingDaysAndReportsByDayReceived) {
  // A file filed through the API lends its service, version, agency and applicant to rows written as history.
  std::string seed = *NormalizeTrackingNumber(File("warga1@demo.id"));
  std::string now = FormatUtc(std::chrono::system_clock::now());
  auto history = [&](const std::string& tn, const std::string& status, const std::string& submitted,
                     const std::string& closed, const std::string& due) {
    Exec(
        "INSERT INTO applications (tracking_number, access_code_hash, service_id, version_id, node_path, "
        "applicant_id, status, data_sealed, created_at, updated_at, submitted_at, due_at, closed_at) SELECT '" +
        tn + "', access_code_hash, service_id, version_id, node_path, applicant_id, '" + status + "', data_sealed, '" +
        submitted + "', '" + now + "', '" + submitted + "', '" + due + "', " +
        (closed.empty() ? "NULL" : "'" + closed + "'") + " FROM applications WHERE tracking_number = '" + seed + "'");
  };
  // November 2026 has no holidays; times are 10:00 WIB unless said.
  history("H1", "completed", "2026-11-09T03:00:00Z", "2026-11-12T03:00:00Z", "2026-11-16T16:59:59Z");  // Mon-Thu: 3
  history("H2", "completed", "2026-11-06T03:00:00Z", "2026-11-09T03:00:00Z", "2026-11-13T16:59:59Z");  // Fri-Mon: 1
  history("H3", "completed", "2026-11-02T03:00:00Z", "2026-11-11T03:00:00Z", "2026-11-09T16:59:59Z");  // 7, late
  history("H4", "rejected", "2026-11-10T03:00:00Z", "2026-11-10T08:00:00Z", "2026-11-17T16:59:59Z");   // 0
  // 01:30 WIB on Friday the 13th, though still the 12th in UTC.
  history("H5", "in_progress", "2026-11-12T18:30:00Z", "", "2026-11-20T16:59:59Z");

  // Reports held by DPMPTSP, received on Monday the 16th: one answered by its limit, one after it (and closed), one
  // declined by the desk; first responses after 2 and 4 working days.
  std::int64_t node = demo_->NodeOf(demo_->As("kepala.dpmptsp@demo.go.id"));
  std::string path = *demo_->app().database().Read([&](soci::session& s) {
    std::string p;
    long long id = node;
    s << "SELECT path FROM org_nodes WHERE id = :id", soci::use(id, "id"), soci::into(p);
    return p;
  });
  auto report = [&](const std::string& tn, const std::string& status, const std::string& created,
                    const std::string& first, const std::string& answered, const std::string& closed) {
    auto text = [](const std::string& v) { return v.empty() ? std::string("NULL") : "'" + v + "'"; };
    Exec(
        "INSERT INTO reports (tracking_number, access_code_hash, kind, identity, category, status, title, body, "
        "node_id, node_path, created_at, updated_at, verify_due_at, first_response_at, due_at, answered_at, "
        "closed_at) VALUES ('" +
        tn + "', 'x', 'pengaduan', 'anonymous', 'lainnya', '" + status + "', 'Judul', 'Isi', " + std::to_string(node) +
        ", '" + path + "', '" + created + "', '" + now + "', '2026-11-19T16:59:59Z', " + text(first) +
        ", '2026-11-23T16:59:59Z', " + text(answered) + ", " + text(closed) + ")");
  };
  report("R1", "answered", "2026-11-16T02:00:00Z", "2026-11-18T02:00:00Z", "2026-11-19T02:00:00Z", "");
  report("R2", "closed", "2026-11-16T03:00:00Z", "2026-11-20T02:00:00Z", "2026-11-27T02:00:00Z",
         "2026-11-27T03:00:00Z");
  report("R3", "declined", "2026-11-16T04:00:00Z", "", "", "2026-11-16T05:00:00Z");
  RollUp();

  auto week = ServiceRow("2026-11-02", "2026-11-13");
  EXPECT_EQ(week["applications_received"].as_int64(), 5);
  EXPECT_EQ(week["applications_completed"].as_int64(), 3);
  EXPECT_EQ(week["applications_rejected"].as_int64(), 1);
  EXPECT_EQ(week["applications_in_progress"].as_int64(), 1);
  // Working days 0, 1, 3, 7: the median is the 2nd (1), the 90th percentile the 4th (7).
  EXPECT_EQ(week["completion_median_working_days"].as_int64(), 1);
  EXPECT_EQ(week["completion_p90_working_days"].as_int64(), 7);
  EXPECT_EQ(week["decided_on_time"].as_int64(), 3);
  EXPECT_EQ(week["on_time_percent"], "75.0");
  EXPECT_EQ(ServiceRow("2026-11-13", "2026-11-13")["applications_received"].as_int64(), 1) << "the local day";
  EXPECT_EQ(ServiceRow("2026-11-12", "2026-11-12")["applications_received"].as_int64(), 0);
  EXPECT_EQ(ServiceRow("2026-11-12", "2026-11-12")["applications_completed"].as_int64(), 1);

  auto offices = Get("/api/v1/stats/offices?from=2026-11-16&to=2026-11-16");
  ASSERT_EQ(offices["offices"].as_array().size(), 1u) << json::serialize(offices);
  const auto& office = offices["offices"].as_array()[0].as_object();
  EXPECT_EQ(office.at("reports_received").as_int64(), 3);
  EXPECT_EQ(office.at("reports_declined").as_int64(), 1);
  EXPECT_EQ(office.at("reports_answered").as_int64(), 2);
  EXPECT_EQ(office.at("reports_answered_on_time").as_int64(), 1);
  EXPECT_EQ(office.at("reports_on_time_percent"), "50.0");
  EXPECT_EQ(office.at("reports_first_response_avg_working_days"), "3.0");

  // The monthly trend of the office: November holds the history; October is there, empty. The file filed through
  // the API counts in the month of its own local day, whatever day the test runs on.
  auto submitted = demo_->app().database().Read([&](soci::session& s) {
    std::string at;
    s << "SELECT submitted_at FROM applications WHERE tracking_number = :tn", soci::use(seed, "tn"), soci::into(at);
    return at;
  });
  ASSERT_TRUE(submitted.ok());
  auto filed_at = ParseUtc(*submitted);
  ASSERT_TRUE(filed_at) << *submitted;
  bool filed_in_november = FormatDate(LocalDate(*filed_at, TimeZone::kWib)).rfind("2026-11-", 0) == 0;
  auto trend = Get("/api/v1/stats/trend?from=2026-10-01&to=2026-11-30&node_id=" + std::to_string(node));
  const auto& months = trend["months"].as_array();
  ASSERT_EQ(months.size(), 2u);
  EXPECT_EQ(months[0].at("month"), "2026-10");
  EXPECT_EQ(months[0].at("applications_received").as_int64(), 0);
  EXPECT_EQ(months[1].at("month"), "2026-11");
  EXPECT_EQ(months[1].at("applications_received").as_int64(), filed_in_november ? 6 : 5)
      << "the five of history, and the one filed through the API when its local day is in November 2026";
  EXPECT_EQ(months[1].at("reports_received").as_int64(), 3);

  // Built again from nothing (after seed-demo, or a change to the holiday calendar), the figures are the same.
  Exec("UPDATE stats_rollup SET built_at = NULL");
  auto rebuilt = RollUp();
  EXPECT_TRUE(rebuilt.built);
  auto again = ServiceRow("2026-11-02", "2026-11-13");
  EXPECT_EQ(json::serialize(again), json::serialize(week));

  // A report answered later updates the day it was received.
  Exec(
      "UPDATE reports SET status = 'answered', answered_at = '2026-11-20T02:00:00Z', first_response_at = "
      "'2026-11-17T02:00:00Z', updated_at = '" +
      FormatUtc(std::chrono::system_clock::now()) + "' WHERE tracking_number = 'R3'");
  RollUp();
  auto changed = Get("/api/v1/stats/offices?from=2026-11-16&to=2026-11-16")["offices"].as_array()[0].as_object();
  EXPECT_EQ(changed.at("reports_declined").as_int64(), 0);
  EXPECT_EQ(changed.at("reports_answered_on_time").as_int64(), 2);
  EXPECT_EQ(changed.at("reports_first_response_avg_working_days"), "2.3") << "(2 + 4 + 1) / 3";
}

TEST_P(TransparencyApi, ReportsFiledAndAnsweredThroughTheApi) {
  // Two reports from the public: the desk sends both to DPUPR, which answers one the same day and asks the other's
  // reporter for more; one the desk declines.
  auto file = [&](const std::string& title) {
    auto r = testing::PostJson(demo_->port(), "/api/v1/reports",
                               R"({"kind": "pengaduan", "identity": "anonymous", "category": "infrastruktur", )"
                               R"("title": ")" +
                                   title + R"(", "body": "Papan jembatan di desa kami patah sejak minggu lalu."})");
    EXPECT_EQ(r.status, 201) << r.body;
    return std::string(json::parse(r.body).at("tracking_number").as_string());
  };
  auto act = [&](const std::string& tn, const std::string& body, const Headers& who) {
    auto r = testing::PostJson(demo_->port(), "/api/v1/reports/" + tn + "/actions", body, who);
    EXPECT_EQ(r.status, 200) << body << ": " << r.body;
  };
  Headers desk = demo_->As("pengaduan@demo.go.id");
  Headers office = demo_->As("verifikator.dpupr@demo.go.id");
  std::string answered = file("Jembatan rusak"), asked = file("Jalan berlubang"), declined = file("Bukan laporan");
  act(answered, R"({"action": "accept", "track": "simple"})", desk);
  act(asked, R"({"action": "accept", "track": "simple"})", desk);
  act(declined, R"({"action": "decline", "note": "Bukan laporan pelayanan publik"})", desk);
  act(answered, R"({"action": "answer", "note": "Papan jembatan sudah diganti."})", office);
  act(asked, R"({"action": "ask_more", "note": "Di ruas jalan mana?"})", office);
  RollUp();

  auto [from, to] = AroundToday();
  auto offices = Get("/api/v1/stats/offices?from=" + from + "&to=" + to);
  std::int64_t dpupr = demo_->Count("SELECT id FROM org_nodes WHERE slug = 'dpupr'");
  const json::object* pu = nullptr;
  for (const auto& o : offices["offices"].as_array()) {
    if (o.at("node_id").as_int64() == dpupr) pu = &o.as_object();
  }
  ASSERT_NE(pu, nullptr) << json::serialize(offices);
  EXPECT_EQ(pu->at("reports_received").as_int64(), 2) << "the office holding them now";
  EXPECT_EQ(pu->at("reports_answered").as_int64(), 1);
  EXPECT_EQ(pu->at("reports_answered_on_time").as_int64(), 1);
  EXPECT_EQ(pu->at("reports_on_time_percent"), "100.0");
  EXPECT_EQ(pu->at("reports_first_response_avg_working_days"), "0.0") << "both had a first response the same day";
  // The declined one stays with the desk, counted as received and declined.
  EXPECT_EQ(offices["total"].at("reports_received").as_int64(), 3);
  EXPECT_EQ(offices["total"].at("reports_declined").as_int64(), 1);
}

TEST_P(TransparencyApi, BadPeriodsAreFieldErrors) {
  for (const std::string target :
       {"/api/v1/stats/offices?from=2026-02-30&to=2026-03-01", "/api/v1/stats/services.csv?from=2026-03-01",
        "/api/v1/stats/trend?from=x&to=y", "/api/v1/stats/offices?from=2026-03-02&to=2026-03-01"}) {
    auto r = testing::Get(demo_->port(), target);
    EXPECT_EQ(r.status, 422) << target;
    EXPECT_EQ(r.Header("content-type").value_or(""), "application/problem+json") << target;
    EXPECT_NE(r.body.find(R"("field":")"), std::string::npos) << r.body;
  }
  auto node = testing::Get(demo_->port(), "/api/v1/stats/trend?node_id=abc&service_id=-1");
  EXPECT_EQ(node.status, 422);
  EXPECT_NE(node.body.find("node_id"), std::string::npos);
  EXPECT_NE(node.body.find("service_id"), std::string::npos);
  auto page = testing::Get(demo_->port(), "/kinerja?from=2026-13-01&to=2026-01-01");
  EXPECT_EQ(page.status, 422);
  EXPECT_NE(page.body.find("error-summary"), std::string::npos);
  // Without a period: the last twelve months.
  auto fallback = Get("/api/v1/stats/trend");
  EXPECT_EQ(fallback["months"].as_array().size(), 12u);
}

INSTANTIATE_TEST_SUITE_P(Engines, TransparencyApi, ::testing::ValuesIn(testing::Engines()));

}  // namespace
}  // namespace spbe
