// The service catalogue through the real server on each engine, with the demo deployment: search, the published
// standard, drafts and publishing with its refusals, and the public pages.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <boost/json.hpp>

#include "app/app.hpp"
#include "demo/seed.hpp"
#include "testing/http_client.hpp"
#include "testing/test_env.hpp"

namespace spbe {
namespace {

namespace json = boost::json;
using Headers = std::vector<std::pair<std::string, std::string>>;

class CatalogApi : public ::testing::TestWithParam<std::string> {
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
  Headers As(const std::string& user, const std::string& lang = "id") {
    auto r =
        testing::PostJson(port_, "/api/v1/auth/login", R"({"username":")" + user + R"(","password":"demo-spbe-2026"})");
    return {{"Authorization", "Bearer " + std::string(json::parse(r.body).at("token").as_string())},
            {"Accept-Language", lang}};
  }
  json::value GetJson(const std::string& target, Headers h = {}) {
    auto r = testing::Get(port_, target, h);
    EXPECT_EQ(r.status, 200) << target << ": " << r.body;
    return json::parse(r.body);
  }
  testing::HttpResponse Put(const std::string& target, const std::string& body, Headers h) {
    h.push_back({"Content-Type", "application/json"});
    return testing::Send(port_, {"PUT", target, h, body});
  }
  std::vector<std::string> Slugs(const json::value& v) {
    std::vector<std::string> out;
    for (const auto& i : v.at("items").as_array()) out.emplace_back(i.at("slug").as_string());
    return out;
  }

  std::unique_ptr<testing::TestDatabase> db_;
  std::unique_ptr<testing::TestServer> server_;
  int port_ = 0;
};

TEST_P(CatalogApi, SearchFindsServicesByWordsAgencyAndLifeEvent) {
  EXPECT_EQ(Slugs(GetJson("/api/v1/services?q=kelahiran")), std::vector<std::string>{"akta-kelahiran"});
  EXPECT_EQ(Slugs(GetJson("/api/v1/services?q=lahir")), std::vector<std::string>{"akta-kelahiran"});
  EXPECT_EQ(Slugs(GetJson("/api/v1/services?q=birth%20certificate")), std::vector<std::string>{"akta-kelahiran"});
  EXPECT_EQ(GetJson("/api/v1/services?q=perizinan").at("total").as_int64(), 2);
  EXPECT_EQ(GetJson("/api/v1/services?q=tidak%20ada%20layanan%20ini").at("total").as_int64(), 0);
  auto business = GetJson("/api/v1/services?event=usaha");
  EXPECT_EQ(business.at("total").as_int64(), 4);
  EXPECT_EQ(GetJson("/api/v1/services?event=bangunan").at("total").as_int64(), 1);
  EXPECT_EQ(GetJson("/api/v1/services").at("total").as_int64(), 6);

  std::int64_t disdukcapil = 0;
  auto roots = GetJson("/api/v1/org/nodes");
  std::int64_t kab_id = 0;
  for (const auto& r : roots.as_array()) {
    if (r.at("slug") == "labuhanbatu") kab_id = r.at("id").as_int64();
  }
  auto kab = GetJson("/api/v1/org/nodes/" + std::to_string(kab_id));
  for (const auto& c : kab.at("children").as_array()) {
    if (c.at("slug") == "disdukcapil") disdukcapil = c.at("id").as_int64();
  }
  EXPECT_EQ(Slugs(GetJson("/api/v1/services?node_id=" + std::to_string(disdukcapil))),
            std::vector<std::string>{"akta-kelahiran"});
  auto first = GetJson("/api/v1/services?page=1&q=usaha");
  EXPECT_EQ(first.at("items").as_array().size(), 4u);
  EXPECT_EQ(GetJson("/api/v1/services?page=2&q=usaha").at("items").as_array().size(), 0u);
}

TEST_P(CatalogApi, AServiceShowsItsWholeStandardItsFormAndItsSteps) {
  auto v = GetJson("/api/v1/services/izin-praktik-bidan", {{"Accept-Language", "en"}});
  EXPECT_EQ(v.at("name"), "Midwife Practice Permit");
  EXPECT_EQ(v.at("status"), "published");
  const auto& st = v.at("standard").as_object();
  for (const char* component :
       {"legal_basis", "requirements", "procedure", "time_limit_days", "fee", "output", "facilities", "competence",
        "supervision", "complaints", "staff", "guarantee", "security", "evaluation"}) {
    EXPECT_TRUE(st.contains(component)) << "component " << component << " missing from the standard";
  }
  std::string requirements = json::serialize(st.at("requirements"));
  EXPECT_NE(requirements.find("Scan of the STR"), std::string::npos) << "required uploads are requirements";
  const auto& procedure = st.at("procedure").as_array();
  ASSERT_EQ(procedure.size(), 3u);
  EXPECT_EQ(procedure[1].at("office"), "Dinas Kesehatan") << "a step may belong to another agency";
  EXPECT_EQ(st.at("time_limit_days").as_int64(), 10);
  const auto& fields = v.at("form").at("fields").as_array();
  ASSERT_GE(fields.size(), 9u);
  EXPECT_EQ(fields[1].at("name"), "nik");
  EXPECT_EQ(fields[1].at("type"), "nik");
  EXPECT_EQ(fields[1].at("required"), true);
  bool file = false;
  for (const auto& f : fields) {
    if (f.at("type") == "file") file = f.at("accept").as_array().size() > 0 && f.at("max_bytes").as_int64() > 0;
  }
  EXPECT_TRUE(file) << "file fields say what they accept";
  EXPECT_EQ(testing::Get(port_, "/api/v1/services/tidak-ada").status, 404);
  EXPECT_EQ(GetJson("/api/v1/services/" + std::to_string(v.at("id").as_int64())).at("slug"), "izin-praktik-bidan");
}

TEST_P(CatalogApi, EditingMakesADraftAndPublishingFreezesANewVersion) {
  Headers admin = As("admin_instansi.dpmptsp@demo.go.id", "en");
  auto before = GetJson("/api/v1/services/izin-reklame");
  std::int64_t id = before.at("id").as_int64();
  std::string url = "/api/v1/services/" + std::to_string(id);
  EXPECT_EQ(testing::Get(port_, url + "/draft", admin).status, 404) << "no draft yet";

  // The draft starts from the published definition, with a shorter time limit.
  json::object def;
  auto published = json::parse(testing::Get(port_, url, admin).body).as_object();
  def["name"] = published["name"];
  def["time_limit_days"] = 4;
  def["standard"] = json::parse(R"({"legal_basis": ["Perda Pajak Reklame"], "output": "Izin", "complaints": "Lapor"})");
  json::array steps = published["workflow"].as_object()["steps"].as_array();
  for (auto& s : steps) {
    s.as_object().erase("office");
    s.as_object()["time_limit_days"] = 2;
  }
  def["workflow"] = json::object{{"steps", steps}};
  def["form"] = published["form"];
  def["fee"] = json::parse(R"({"kind": "fixed", "amount": 300000, "basis": "Perda"})");
  auto saved = Put(url + "/draft", json::serialize(def), admin);
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(json::parse(saved.body).at("status"), "draft");
  EXPECT_EQ(GetJson(url).at("time_limit_days").as_int64(), 5) << "the public still sees the published version";

  auto bad =
      Put(url + "/draft",
          R"({"name": "X", "time_limit_days": 0, "form": {"fields": [{"name": "a", "type": "colour", "label": "A"}]}})",
          admin);
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("form.fields[0].type"), std::string::npos) << bad.body;
  EXPECT_NE(bad.body.find("\"field\":\"time_limit_days\""), std::string::npos) << bad.body;

  auto done = testing::Send(port_, {"POST", url + "/publish", admin, ""});
  ASSERT_EQ(done.status, 200) << done.body;
  auto now = GetJson(url);
  EXPECT_EQ(now.at("version").as_int64(), 2);
  EXPECT_EQ(now.at("time_limit_days").as_int64(), 4);
  auto versions = server_->app().database().Read([&](soci::session& s) {
    std::string statuses;
    soci::rowset<std::string> rows =
        (s.prepare << "SELECT status FROM service_versions WHERE service_id = :id ORDER BY version",
         soci::use(id, "id"));
    for (const auto& r : rows) statuses += r + " ";
    return statuses;
  });
  EXPECT_EQ(*versions, "superseded published ") << "version 1 is kept for the applications filed under it";
  EXPECT_EQ(testing::Send(port_, {"POST", url + "/publish", admin, ""}).status, 404) << "nothing left to publish";
}

TEST_P(CatalogApi, ADraftThatCannotFinishOrThatNobodyCanWorkIsNotPublished) {
  Headers admin = As("admin_instansi.dpmptsp@demo.go.id", "en");
  auto me = GetJson("/api/v1/me", admin);
  std::int64_t node = me.at("grants").at(0).at("node_id").as_int64();
  std::string n = std::to_string(node);
  std::string def = R"({"name": "Layanan Baru", "time_limit_days": 5,
      "standard": {"legal_basis": ["Perbup"], "output": "Surat", "complaints": "Lapor"},
      "workflow": {"steps": [
        {"key": "a", "name": "A", "node_id": )" +
                    n + R"(, "role": "evaluator", "actions": ["verify"], "time_limit_days": 1, "next": "b"},
        {"key": "b", "name": "B", "node_id": )" +
                    n + R"(, "role": "kepala", "actions": ["approve"], "time_limit_days": 1, "next": "a"}]}})";
  auto created =
      testing::PostJson(port_, "/api/v1/services",
                        R"({"node_id": )" + n + R"(, "slug": "layanan-baru", "definition": )" + def + "}", admin);
  ASSERT_EQ(created.status, 201) << created.body;
  std::string url = "/api/v1/services/" + std::to_string(json::parse(created.body).at("id").as_int64());
  auto refused = testing::Send(port_, {"POST", url + "/publish", admin, ""});
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find("loops and never ends"), std::string::npos) << refused.body;
  EXPECT_NE(refused.body.find("workflow.steps[0].role"), std::string::npos) << "nobody holds evaluator there";
  EXPECT_EQ(testing::Get(port_, url).status, 404) << "not published, not public";

  auto again =
      testing::PostJson(port_, "/api/v1/services",
                        R"({"node_id": )" + n + R"(, "slug": "layanan-baru", "definition": )" + def + "}", admin);
  EXPECT_EQ(again.status, 422);
  EXPECT_NE(again.body.find("\"field\":\"slug\""), std::string::npos) << again.body;

  // Another agency's admin neither sees nor edits it; a citizen cannot create one.
  Headers dinkes = As("admin_instansi.dinkes@demo.go.id");
  EXPECT_EQ(testing::Get(port_, url + "/draft", dinkes).status, 404);
  EXPECT_EQ(Put(url + "/draft", def, dinkes).status, 404);
  EXPECT_EQ(testing::PostJson(port_, "/api/v1/services",
                              R"({"node_id": )" + n + R"(, "slug": "layanan-warga", "definition": )" + def + "}",
                              As("warga1@demo.id"))
                .status,
            403);
}

TEST_P(CatalogApi, PublicPagesListAndShowServices) {
  auto list = testing::Get(port_, "/layanan?q=bidan");
  EXPECT_EQ(list.status, 200);
  EXPECT_NE(list.body.find("Izin Praktik Bidan"), std::string::npos);
  EXPECT_EQ(list.body.find("Akta Kelahiran"), std::string::npos);
  auto page = testing::Get(port_, "/layanan/izin-praktik-bidan");
  EXPECT_EQ(page.status, 200);
  for (const char* text : {"Dasar hukum", "Persyaratan", "Sistem, mekanisme, dan prosedur", "Jangka waktu penyelesaian",
                           "Biaya/tarif", "Produk pelayanan", "Sarana, prasarana", "Kompetensi pelaksana",
                           "Pengawasan internal", "Penanganan pengaduan", "Jumlah pelaksana", "Jaminan pelayanan",
                           "Jaminan keamanan", "Evaluasi kinerja pelaksana", "Dinas Kesehatan", "10 hari kerja"}) {
    EXPECT_NE(page.body.find(text), std::string::npos) << text;
  }
  EXPECT_NE(page.body.find("<title>Izin Praktik Bidan"), std::string::npos);
  EXPECT_EQ(testing::Get(port_, "/layanan/tidak-ada").status, 404);
}

INSTANTIATE_TEST_SUITE_P(Engines, CatalogApi, ::testing::ValuesIn(testing::Engines()));

}  // namespace
}  // namespace spbe
