// Satisfaction surveys through the real server on each engine: the applicant of a completed file answers once, and
// the published index for the service changes exactly as the formula says; officers of the office also see each
// element; a survey of someone else's file, or before completion, is refused.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <boost/json.hpp>

#include "platform/clock.hpp"
#include "testing/demo_server.hpp"

namespace spbe {
namespace {

namespace json = boost::json;
using testing::Headers;

class SurveysApi : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    SPBE_SKIP_UNAVAILABLE(GetParam());
    demo_ = std::make_unique<testing::DemoServer>(GetParam());
    service_ = demo_->PublishOneStepService("izin-uji-survei", "Izin Uji Survei");
    ASSERT_FALSE(service_.empty());
  }
  std::string File(const std::string& who) {
    auto filed =
        testing::PostJson(demo_->port(), "/api/v1/applications",
                          R"({"service_id": "izin-uji-survei", "data": {"nama_usaha": "Warung"}})", demo_->As(who));
    EXPECT_EQ(filed.status, 201) << filed.body;
    return std::string(json::parse(filed.body).at("tracking_number").as_string());
  }
  void Approve(const std::string& tn) {
    auto r = testing::PostJson(demo_->port(), "/api/v1/applications/" + tn + "/actions", R"({"action": "approve"})",
                               demo_->As("kepala.dpmptsp@demo.go.id"));
    ASSERT_EQ(r.status, 200) << r.body;
  }
  testing::HttpResponse Answer(const std::string& tn, const std::string& who, const std::string& answers) {
    return testing::PostJson(demo_->port(), "/api/v1/applications/" + tn + "/survey", R"({"answers": )" + answers + "}",
                             demo_->As(who));
  }
  std::string Period() {
    std::string today = FormatUtc(std::chrono::system_clock::now()).substr(0, 10);
    return "?service_id=" + service_ + "&from=" + today + "&to=" + today;
  }
  json::value Stats(const Headers& who = {}) {
    auto r = testing::Get(demo_->port(), "/api/v1/stats/ikm" + Period(), who);
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body);
  }

  std::unique_ptr<testing::DemoServer> demo_;
  std::string service_;
};

TEST_P(SurveysApi, AnswersOnceAndTheIndexFollowsTheFormula) {
  std::string tn = File("warga1@demo.id");
  EXPECT_EQ(Answer(tn, "warga1@demo.id", "[4,4,4,4,4,4,4,4,4]").status, 409) << "not completed yet";
  Approve(tn);
  EXPECT_TRUE(Stats().at("ikm").is_null()) << "nobody answered yet";
  EXPECT_EQ(Answer(tn, "warga2@demo.id", "[4,4,4,4,4,4,4,4,4]").status, 404) << "someone else's file";
  auto bad = Answer(tn, "warga1@demo.id", "[4,4,0,4,4,4,4,4]");
  EXPECT_EQ(bad.status, 422) << bad.body;
  auto wrong = Answer(tn, "warga1@demo.id", "[4,4,0,4,4,4,4,4,9]");
  EXPECT_EQ(wrong.status, 422);
  EXPECT_NE(wrong.body.find("answers[2]"), std::string::npos) << wrong.body;
  EXPECT_NE(wrong.body.find("answers[8]"), std::string::npos) << wrong.body;

  ASSERT_EQ(Answer(tn, "warga1@demo.id", "[4,3,3,4,3,3,4,2,3]").status, 201);
  EXPECT_EQ(Answer(tn, "warga1@demo.id", "[4,4,4,4,4,4,4,4,4]").status, 409) << "once per application";
  // 29 points over 9 elements: 29 / 9 x 25 = 80.555... -> 80.56, grade B.
  auto one = Stats();
  EXPECT_EQ(one.at("respondents").as_int64(), 1);
  EXPECT_EQ(one.at("ikm"), "80.56");
  EXPECT_EQ(one.at("grade"), "B");
  EXPECT_EQ(one.at("population").as_int64(), 1);
  EXPECT_FALSE(one.as_object().contains("elements")) << "the public sees the index, not the elements";
  auto officer = Stats(demo_->As("kepala.dpmptsp@demo.go.id"));
  EXPECT_DOUBLE_EQ(officer.at("elements").at("pengaduan").as_double(), 2.0) << "what to fix";

  // A second respondent answers 4 everywhere: (29 + 36) / 18 x 25 = 90.277... -> 90.28, grade A.
  std::string tn2 = File("warga2@demo.id");
  Approve(tn2);
  ASSERT_EQ(Answer(tn2, "warga2@demo.id", "[4,4,4,4,4,4,4,4,4]").status, 201);
  auto two = Stats();
  EXPECT_EQ(two.at("ikm"), "90.28");
  EXPECT_EQ(two.at("grade"), "A");
  EXPECT_EQ(two.at("recommended_sample").as_int64(), 2);
  EXPECT_FALSE(two.at("undersampled").as_bool());

  // The published report, as CSV and PDF, with each element.
  auto csv = testing::Get(demo_->port(), "/api/v1/stats/ikm/report.csv" + Period());
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_NE(csv.body.find("ikm,90.28"), std::string::npos) << csv.body;
  EXPECT_NE(csv.body.find("U8,\"Penanganan pengaduan, saran, dan masukan\",3.0000,0.3333"), std::string::npos)
      << csv.body;
  auto pdf = testing::Get(demo_->port(), "/api/v1/stats/ikm/report.pdf" + Period());
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.body.rfind("%PDF-", 0), 0u);
  EXPECT_EQ(testing::Get(demo_->port(), "/api/v1/stats/ikm/report.csv?from=x&to=2026-01-01").status, 422);

  // Nothing in the stored answers says whose they are.
  auto stored = *demo_->app().database().Read([](soci::session& s) {
    std::string key;
    s << "SELECT application_index FROM survey_responses ORDER BY id LIMIT 1", soci::into(key);
    return key;
  });
  EXPECT_EQ(stored.find(tn.substr(0, 4)), std::string::npos) << "a keyed hash, not the tracking number";
}

INSTANTIATE_TEST_SUITE_P(Engines, SurveysApi, ::testing::ValuesIn(testing::Engines()));

}  // namespace
}  // namespace spbe
