// The SPBE evaluation against the real server on both engines: the demo kabupaten's coordinator opens a year,
// scores every indicator with evidence, submits; the ministry's evaluator (outside the kabupaten) keeps, changes and
// asks for more, and makes it final; the public result follows. Refusals: an officer of an agency for the pemda, an
// evaluator for their own agency, levels out of range, a draft submitted incomplete, changes after submission.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>

#include "app/app.hpp"
#include "testing/browser_session.hpp"
#include "testing/demo_server.hpp"

namespace spbe {
namespace {

namespace json = boost::json;
using testing::Headers;

class EvaluationApi : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    SPBE_SKIP_UNAVAILABLE(GetParam());
    demo_ = std::make_unique<testing::DemoServer>(GetParam());
    port_ = demo_->port();
    admin_ = demo_->As("admin@demo.go.id");  // admin_platform of the kabupaten: its SPBE coordinator
    evaluator_ = demo_->As("evaluator@demo.go.id");
    kab_ = demo_->NodeOf(admin_);
  }
  testing::HttpResponse Put(const std::string& target, const std::string& body, const Headers& who) {
    Headers h = who;
    h.emplace_back("Content-Type", "application/json");
    return testing::Send(port_, {"PUT", target, h, body});
  }
  json::object Body(const testing::HttpResponse& r) {
    json::value v = json::parse(r.body);
    return v.as_object();
  }
  // A new assessment of the kabupaten for a year the demo has not used.
  std::int64_t Open(int year) {
    auto r = testing::PostJson(port_, "/api/v1/spbe/assessments",
                               R"({"node_id": )" + std::to_string(kab_) + R"(, "year": )" + std::to_string(year) + "}",
                               admin_);
    EXPECT_EQ(r.status, 201) << r.body;
    return Body(r).at("id").as_int64();
  }
  std::string A(std::int64_t id) { return "/api/v1/spbe/assessments/" + std::to_string(id); }

  std::unique_ptr<testing::DemoServer> demo_;
  int port_ = 0;
  Headers admin_, evaluator_;
  std::int64_t kab_ = 0;
};

TEST_P(EvaluationApi, TheModelIsPublishedWithItsWeights) {
  auto r = testing::Get(port_, "/api/v1/spbe/models/current");
  ASSERT_EQ(r.status, 200) << r.body;
  auto m = Body(r);
  EXPECT_EQ(m.at("code"), "permenpanrb-59-2020");
  json::value domains_value = m.at("domains");
  const auto& domains = domains_value.as_array();
  ASSERT_EQ(domains.size(), 4u);
  EXPECT_EQ(domains.at(0).at("weight"), "13.00");
  EXPECT_EQ(domains.at(3).at("aspects").at(1).at("indicators").at(0).at("number"), 42);
  EXPECT_EQ(domains.at(3).at("aspects").at(1).at("indicators").at(0).at("criteria").as_array().size(), 5u);
}

TEST_P(EvaluationApi, SelfAssessedReviewedAndFinalWithTheIndexComputedExactly) {
  std::int64_t id = Open(2019);
  // Every indicator at 3 except 42-47 at 4: 100 x 3 + 18 x 1 = 318 / 100 = 3.18.
  for (int n = 1; n <= 47; ++n) {
    auto r =
        Put(A(id) + "/indicators/" + std::to_string(n),
            R"({"level": )" + std::to_string(n >= 42 ? 4 : 3) + R"(, "explanation": "Perbup ditetapkan."})", admin_);
    ASSERT_EQ(r.status, 200) << n << r.body;
  }
  auto link =
      testing::PostJson(port_, A(id) + "/indicators/1/evidence",
                        R"({"title": "Perbup Arsitektur SPBE", "url": "https://jdih.example.go.id/perbup"})", admin_);
  EXPECT_EQ(link.status, 201) << link.body;
  auto view = Body(testing::Get(port_, A(id), admin_));
  EXPECT_EQ(view.at("self").at("index"), "3.18");
  EXPECT_EQ(view.at("self").at("predikat"), "Good") << "the English client reads English";
  EXPECT_TRUE(view.at("final").at("index").is_null());
  auto submitted = testing::Send(port_, {"POST", A(id) + "/submit", admin_, ""});
  ASSERT_EQ(submitted.status, 200) << submitted.body;
  EXPECT_EQ(Body(submitted).at("state"), "submitted");
  // Submitted: the coordinator can no longer change a level.
  EXPECT_EQ(Put(A(id) + "/indicators/1", R"({"level": 5})", admin_).status, 409);

  // The evaluator's queue holds it; the decisions take it under review.
  auto queue = testing::Get(port_, "/api/v1/spbe/assessments?antrian=1", evaluator_);
  ASSERT_EQ(queue.status, 200);
  EXPECT_NE(queue.body.find("\"id\":" + std::to_string(id)), std::string::npos) << queue.body;
  auto review = [&](int n, const std::string& body) {
    return testing::PostJson(port_, A(id) + "/indicators/" + std::to_string(n) + "/review", body, evaluator_);
  };
  EXPECT_EQ(review(1, R"({"decision": "changed", "level": 2})").status, 422) << "a change needs its reason";
  ASSERT_EQ(review(1, R"({"decision": "changed", "level": 2, "note": "Belum berlaku di semua OPD."})").status, 200);
  ASSERT_EQ(review(2, R"({"decision": "more_evidence", "note": "Lampirkan SK tim."})").status, 200);
  for (int n = 3; n <= 47; ++n) ASSERT_EQ(review(n, R"({"decision": "kept"})").status, 200) << n;
  // Not final while indicator 2 waits for evidence; the coordinator may add evidence to it, not to the others.
  EXPECT_EQ(testing::Send(port_, {"POST", A(id) + "/finalize", evaluator_, ""}).status, 409);
  EXPECT_EQ(testing::PostJson(port_, A(id) + "/indicators/2/evidence",
                              R"({"title": "SK Tim SPBE", "url": "https://jdih.example.go.id/sk-tim"})", admin_)
                .status,
            201);
  EXPECT_EQ(testing::PostJson(port_, A(id) + "/indicators/3/evidence",
                              R"({"title": "Lain", "url": "https://jdih.example.go.id/lain"})", admin_)
                .status,
            409);
  ASSERT_EQ(review(2, R"({"decision": "kept"})").status, 200);
  auto final_answer = testing::Send(port_, {"POST", A(id) + "/finalize", evaluator_, ""});
  ASSERT_EQ(final_answer.status, 200) << final_answer.body;
  auto done = Body(final_answer);
  EXPECT_EQ(done.at("state"), "final");
  // 3.18 less one policy indicator (1.30) a level down: 318 - 1.3 = 316.7 / 100 = 3.167 -> 3.17, still Baik.
  EXPECT_EQ(done.at("final").at("index"), "3.17");
  EXPECT_EQ(done.at("self").at("index"), "3.18");
  EXPECT_EQ(done.at("final").at("domains").at(0).at("index"), "2.90");
  EXPECT_GE(demo_->Count("SELECT COUNT(*) FROM audit_log WHERE action IN ('spbe.self_level', 'spbe.submitted', "
                         "'spbe.reviewed', 'spbe.finalized')"),
            47 + 1 + 48 + 1);
  // The whole assessment as files: CSV (a header and a line per indicator), a workbook, the report.
  auto csv = testing::Get(port_, A(id) + "/export.csv", admin_);
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(std::count(csv.body.begin(), csv.body.end(), '\n'), 48) << csv.body.substr(0, 300);
  auto xlsx = testing::Get(port_, A(id) + "/export.xlsx", admin_);
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  auto pdf = testing::Get(port_, A(id) + "/report.pdf", evaluator_);
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-");
  // Final is for good.
  EXPECT_EQ(review(3, R"({"decision": "changed", "level": 1, "note": "x"})").status, 409);
}

TEST_P(EvaluationApi, WhoMayDoWhatIsDecidedFromTheActor) {
  std::int64_t id = Open(2020);
  Headers opd_admin = demo_->As("admin_instansi.dpmptsp@demo.go.id");
  Headers warga = demo_->As("warga1@demo.id");
  // An agency admin of an OPD is not the pemda's coordinator; a citizen sees nothing.
  EXPECT_EQ(testing::PostJson(port_, "/api/v1/spbe/assessments",
                              R"({"node_id": )" + std::to_string(kab_) + R"(, "year": 2021})", opd_admin)
                .status,
            403);
  EXPECT_EQ(Put(A(id) + "/indicators/1", R"({"level": 3})", opd_admin).status, 404)
      << "an OPD's admin does not see the pemda's assessment";
  EXPECT_EQ(testing::Get(port_, A(id), warga).status, 404);
  EXPECT_EQ(testing::Get(port_, A(id)).status, 401);
  // An OPD (not a pemda) is not evaluated on its own.
  auto opd =
      testing::PostJson(port_, "/api/v1/spbe/assessments",
                        R"({"node_id": )" + std::to_string(demo_->NodeOf(opd_admin)) + R"(, "year": 2021})", admin_);
  EXPECT_EQ(opd.status, 422) << opd.body;
  // The same year twice: refused.
  EXPECT_EQ(testing::PostJson(port_, "/api/v1/spbe/assessments",
                              R"({"node_id": )" + std::to_string(kab_) + R"(, "year": 2020})", admin_)
                .status,
            409);
  // An evaluator reads what was submitted, never a draft.
  EXPECT_EQ(testing::Get(port_, A(id), evaluator_).status, 404);
  // The kabupaten's own admin cannot review it, even with the draft submitted.
  for (int n = 1; n <= 47; ++n) Put(A(id) + "/indicators/" + std::to_string(n), R"({"level": 2})", admin_);
  ASSERT_EQ(testing::Send(port_, {"POST", A(id) + "/submit", admin_, ""}).status, 200);
  EXPECT_EQ(testing::PostJson(port_, A(id) + "/indicators/1/review", R"({"decision": "kept"})", admin_).status, 403);
  EXPECT_EQ(testing::Get(port_, A(id), evaluator_).status, 200) << "submitted: the evaluators read it";
  // Indicator numbers do not wrap round: 2^32 + 1 is not indicator 1.
  EXPECT_EQ(Put(A(id) + "/indicators/4294967297", R"({"level": 3})", admin_).status, 404);
  // Only the deployment's home platform admin loads a model; the same file again is not a second model.
  EXPECT_EQ(testing::PostJson(port_, "/api/v1/spbe/models", R"({"id": "x"})", opd_admin).status, 403);
  // Nonsense is a 422 or a 404, never a 500.
  EXPECT_EQ(Put(A(id) + "/indicators/99", R"({"level": 3})", admin_).status, 404);
  EXPECT_EQ(Put(A(999999) + "/indicators/1", R"({"level": 3})", admin_).status, 404);
  EXPECT_EQ(testing::PostJson(port_, A(id) + "/indicators/1/review", R"({"decision": "maybe"})", evaluator_).status,
            422);
  EXPECT_EQ(testing::PostJson(port_, A(id) + "/indicators/1/review",
                              R"({"decision": "changed", "level": 9, "note": "x"})", evaluator_)
                .status,
            422);
  EXPECT_EQ(testing::PostJson(port_, A(id) + "/indicators/1/interview",
                              R"({"note": ")" + std::string(5000, 'x') + R"("})", evaluator_)
                .status,
            422);
  EXPECT_EQ(testing::PostJson(port_, "/api/v1/spbe/assessments", R"({"node_id": "x", "year": 2021})", admin_).status,
            422);
  EXPECT_EQ(testing::PostJson(port_, "/api/v1/spbe/assessments",
                              R"({"node_id": )" + std::to_string(kab_) + R"(, "year": 1999})", admin_)
                .status,
            422);
}

TEST_P(EvaluationApi, ADraftIsSubmittedOnlyComplete) {
  std::int64_t id = Open(2021);
  EXPECT_EQ(Put(A(id) + "/indicators/1", R"({"level": 0})", admin_).status, 422);
  EXPECT_EQ(Put(A(id) + "/indicators/1", R"({"level": 6})", admin_).status, 422);
  EXPECT_EQ(Put(A(id) + "/indicators/1", R"({"level": 3, "explanation": ")" + std::string(5000, 'x') + R"("})", admin_)
                .status,
            422);
  ASSERT_EQ(Put(A(id) + "/indicators/1", R"({"level": 3})", admin_).status, 200);
  auto early = testing::Send(port_, {"POST", A(id) + "/submit", admin_, ""});
  EXPECT_EQ(early.status, 422);
  EXPECT_NE(early.body.find("indicators.47"), std::string::npos) << "each missing indicator is named";
  EXPECT_EQ(testing::PostJson(port_, A(id) + "/indicators/1/evidence",
                              R"x({"title": "x", "url": "javascript:alert(1)"})x", admin_)
                .status,
            422);
  // Targets and the plan: the coordinator's, for next year.
  EXPECT_EQ(Put(A(id) + "/indicators/1/target", R"({"level": 4})", admin_).status, 200);
  EXPECT_EQ(testing::PostJson(
                port_, A(id) + "/plan",
                R"({"indicator": 1, "action": "Perbup baru", "owner": "Diskominfo", "due_date": "2022-13-01"})", admin_)
                .status,
            422);
  EXPECT_EQ(testing::PostJson(
                port_, A(id) + "/plan",
                R"({"indicator": 1, "action": "Perbup baru", "owner": "Diskominfo", "due_date": "2022-06-30"})", admin_)
                .status,
            201);
}

TEST_P(EvaluationApi, TheDemoHasLastYearsFinalResultInPublicAndThisYearsDraft) {
  auto list = testing::Get(port_, "/api/v1/spbe/public");
  ASSERT_EQ(list.status, 200) << list.body;
  auto results = json::parse(list.body).as_array();
  ASSERT_EQ(results.size(), 1u);
  auto one = testing::Get(port_, "/api/v1/spbe/public/labuhanbatu");
  ASSERT_EQ(one.status, 200) << one.body;
  auto years = json::parse(one.body).at("years").as_array();
  ASSERT_EQ(years.size(), 1u);
  EXPECT_FALSE(years.at(0).at("index").is_null());
  // The live figures: the coordinator takes them for this year's draft.
  auto mine = json::parse(testing::Get(port_, "/api/v1/spbe/assessments", admin_).body).as_array();
  std::int64_t draft = 0;
  for (const auto& a : mine) {
    if (a.at("state") == "draft") draft = a.at("id").as_int64();
  }
  ASSERT_NE(draft, 0);
  auto taken = testing::PostJson(port_, A(draft) + "/live-evidence", R"({"date": "2026-01-15"})", admin_);
  ASSERT_EQ(taken.status, 200) << taken.body;
  EXPECT_EQ(json::parse(taken.body).at("attached"), 9) << "11, 15, 18, 28, 42, 43, 45, 46 and 47";
  auto view = Body(testing::Get(port_, A(draft), admin_));
  const auto& ind42 = view.at("indicators").at(41).at("evidence").as_array();
  ASSERT_FALSE(ind42.empty());
  EXPECT_EQ(ind42.back().at("kind"), "platform");
  EXPECT_TRUE(ind42.back().at("figures").as_object().contains("received"));
  EXPECT_EQ(testing::PostJson(port_, A(draft) + "/live-evidence", R"({"date": "2999-01-01"})", admin_).status, 422);
}

TEST_P(EvaluationApi, ThePagesCarryTheSameWork) {
  std::int64_t id = Open(2022);
  testing::BrowserSession coordinator(port_), evaluator(port_);
  ASSERT_TRUE(coordinator.SignIn("admin@demo.go.id", "demo-spbe-2026"));
  ASSERT_TRUE(evaluator.SignIn("evaluator@demo.go.id", "demo-spbe-2026"));
  std::string page = "/spbe/penilaian/" + std::to_string(id);
  auto saved = coordinator.PostForm(page + "/indikator/1", {{"level", "4"}, {"explanation", "Perbup berlaku."}});
  EXPECT_EQ(saved.status, 303) << saved.body;
  auto bad = coordinator.PostForm(page + "/indikator/1", {{"level", "9"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("id=\"level-error\""), std::string::npos) << "the error is next to the field";
  for (int n = 2; n <= 47; ++n) Put(A(id) + "/indicators/" + std::to_string(n), R"({"level": 3})", admin_);
  EXPECT_EQ(coordinator.PostForm(page + "/kirim", {}).status, 303);
  auto reviewed =
      evaluator.PostForm(page + "/indikator/1", {{"level", "3"}});  // the evaluator cannot score as the agency
  EXPECT_EQ(reviewed.status, 403);
  auto decided = evaluator.PostForm(
      page + "/indikator/1/reviu", {{"decision", "changed"}, {"level", "3"}, {"note", "Belum dievaluasi tiap tahun."}});
  EXPECT_EQ(decided.status, 303) << decided.body.substr(decided.body.find("<main"), 600);
  auto early = evaluator.PostForm(page + "/final", {});
  EXPECT_EQ(early.status, 409) << "shown on the page: not every indicator is decided";
  EXPECT_NE(early.body.find("form-error"), std::string::npos);
  auto view = evaluator.Get(page + "/indikator/1");
  EXPECT_EQ(view.status, 200);
  EXPECT_NE(view.body.find("Belum dievaluasi tiap tahun."), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Engines, EvaluationApi, ::testing::Values("sqlite", "postgresql"));

}  // namespace
}  // namespace spbe
