// The IT architecture inventory against the real server on both engines: recording, listing, changing and retiring
// each kind of item; another agency's officers refused (404 for its items, 403 for its node); an import with a bad
// line writing nothing and naming the line; an import repeated changing nothing; the CSV export read back by the
// import; the workbook; the demo's duplicates with SRIKANDI named; and bad values answered 422, never 500.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "app/app.hpp"
#include "architecture/service.hpp"
#include "testing/demo_server.hpp"

namespace spbe {
namespace {

namespace json = boost::json;
using testing::Headers;

class ArchitectureApi : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    SPBE_SKIP_UNAVAILABLE(GetParam());
    demo_ = std::make_unique<testing::DemoServer>(GetParam());
    port_ = demo_->port();
    dpupr_admin_ = demo_->As("admin_instansi.dpupr@demo.go.id");
    dpupr_loket_ = demo_->As("loket.dpupr@demo.go.id");
    dinkes_admin_ = demo_->As("admin_instansi.dinkes@demo.go.id");
    platform_ = demo_->As("admin@demo.go.id");
    dpupr_ = demo_->NodeOf(dpupr_admin_);
    dinkes_ = demo_->NodeOf(dinkes_admin_);
    kab_ = demo_->NodeOf(platform_);
  }
  testing::HttpResponse Post(const std::string& target, const std::string& body, Headers who,
                             const std::string& type = "application/json") {
    who.emplace_back("Content-Type", type);
    return testing::Send(port_, {"POST", target, who, body});
  }
  testing::HttpResponse Put(const std::string& target, const std::string& body, Headers who) {
    who.emplace_back("Content-Type", "application/json");
    return testing::Send(port_, {"PUT", target, who, body});
  }
  testing::HttpResponse Import(std::int64_t node, const std::string& kind, const std::string& csv, const Headers& who) {
    return Post("/api/v1/architecture/import?node_id=" + std::to_string(node) + "&kind=" + kind, csv, who, "text/csv");
  }
  std::string App(const std::string& name, const std::string& extra = "") {
    return R"({"node_id": )" + std::to_string(dpupr_) + R"(, "name": ")" + name +
           R"(", "function_code": "ADM.17", "users": 12, "yearly_cost": 7500000)" + extra + "}";
  }
  static json::value Body(const testing::HttpResponse& r) { return json::parse(r.body); }

  std::unique_ptr<testing::DemoServer> demo_;
  int port_ = 0;
  Headers dpupr_admin_, dpupr_loket_, dinkes_admin_, platform_;
  std::int64_t dpupr_ = 0, dinkes_ = 0, kab_ = 0;
};

TEST_P(ArchitectureApi, AnAgencyRecordsListsChangesAndRetiresItsApplications) {
  auto made = Post("/api/v1/architecture/applications", App("Aplikasi Rapat DPUPR"), dpupr_admin_);
  ASSERT_EQ(made.status, 201) << made.body;
  auto app = Body(made).as_object();
  std::int64_t id = app.at("id").as_int64();
  EXPECT_EQ(app.at("agency_slug"), "dpupr");
  EXPECT_EQ(app.at("status"), "live");
  EXPECT_EQ(app.at("yearly_cost").as_int64(), 7500000);

  // Rupiah above 2^31 survive the round trip on both engines (SQLite's INTEGER was read as 32 bits once).
  auto costly =
      Post("/api/v1/architecture/applications",
           R"({"node_id": )" + std::to_string(dpupr_) +
               R"(, "name": "Sistem Mahal", "function_code": "ADM.17", "users": 1, "yearly_cost": 3000000000})",
           dpupr_admin_);
  ASSERT_EQ(costly.status, 201) << costly.body;
  auto costly_id = Body(costly).at("id").as_int64();
  auto read_back =
      testing::Get(port_, "/api/v1/architecture/applications?node_id=" + std::to_string(dpupr_), dpupr_admin_);
  EXPECT_NE(read_back.body.find("3000000000"), std::string::npos) << read_back.body.substr(0, 400);
  EXPECT_NE(costly_id, 0);

  // The same name in another case is the same application.
  EXPECT_EQ(Post("/api/v1/architecture/applications", App("aplikasi rapat dpupr"), dpupr_admin_).status, 422);

  // Every officer of the agency reads it; only its admins keep it.
  auto listed = testing::Get(
      port_, "/api/v1/architecture/applications?node_id=" + std::to_string(dpupr_) + "&function=ADM.17", dpupr_loket_);
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_NE(listed.body.find("Aplikasi Rapat DPUPR"), std::string::npos);
  EXPECT_EQ(Put("/api/v1/architecture/applications/" + std::to_string(id), App("X"), dpupr_loket_).status, 403);

  auto changed = Put("/api/v1/architecture/applications/" + std::to_string(id),
                     App("Aplikasi Rapat DPUPR", R"(, "status": "planned", "hosting": "cloud")"), dpupr_admin_);
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(Body(changed).at("hosting"), "cloud");
  auto retired = Post("/api/v1/architecture/applications/" + std::to_string(id) + "/retire", "", dpupr_admin_);
  ASSERT_EQ(retired.status, 200) << retired.body;
  EXPECT_EQ(Body(retired).at("status"), "retired");
  EXPECT_EQ(demo_->Count("SELECT COUNT(*) FROM audit_log WHERE object_type = 'arch_application' AND object_id = '" +
                         std::to_string(id) + "'"),
            3);

  // Data sets and infrastructure the same way.
  auto data =
      Post("/api/v1/architecture/datasets",
           R"({"node_id": )" + std::to_string(dpupr_) +
               R"(, "name": "Data Jembatan", "classification": "publik", "open": true, "update_frequency": "yearly"})",
           dpupr_admin_);
  ASSERT_EQ(data.status, 201) << data.body;
  auto infra = Post("/api/v1/architecture/infrastructure",
                    R"({"node_id": )" + std::to_string(dpupr_) +
                        R"(, "kind": "network_link", "name": "Link DPUPR", "capacity": "50 Mbps"})",
                    dpupr_admin_);
  ASSERT_EQ(infra.status, 201) << infra.body;
  auto infra_id = std::to_string(Body(infra).at("id").as_int64());
  EXPECT_EQ(Post("/api/v1/architecture/infrastructure/" + infra_id + "/retire", "", dpupr_admin_).status, 200);
  auto infra_list = testing::Get(
      port_, "/api/v1/architecture/infrastructure?node_id=" + std::to_string(dpupr_) + "&status=retired", dpupr_loket_);
  EXPECT_NE(infra_list.body.find("Link DPUPR"), std::string::npos);
}

TEST_P(ArchitectureApi, ARetryWithTheSameIdempotencyKeyRecordsOnce) {
  Headers keyed = dpupr_admin_;
  keyed.emplace_back("Idempotency-Key", "arsitektur-uji-1");
  auto first = Post("/api/v1/architecture/applications", App("Aplikasi Sekali"), keyed);
  auto second = Post("/api/v1/architecture/applications", App("Aplikasi Sekali"), keyed);
  ASSERT_EQ(first.status, 201) << first.body;
  ASSERT_EQ(second.status, 201) << second.body;
  EXPECT_EQ(Body(first).at("id"), Body(second).at("id"));
  EXPECT_EQ(Post("/api/v1/architecture/applications", App("Aplikasi Lain"), keyed).status, 409);
}

TEST_P(ArchitectureApi, AnotherAgencysOfficersAreRefused) {
  auto made = Post("/api/v1/architecture/applications", App("Aplikasi Milik DPUPR"), dpupr_admin_);
  ASSERT_EQ(made.status, 201);
  auto id = std::to_string(Body(made).at("id").as_int64());
  EXPECT_EQ(Put("/api/v1/architecture/applications/" + id, App("Diambil"), dinkes_admin_).status, 404);
  EXPECT_EQ(Post("/api/v1/architecture/applications/" + id + "/retire", "", dinkes_admin_).status, 404);
  EXPECT_EQ(
      testing::Get(port_, "/api/v1/architecture/applications?node_id=" + std::to_string(dpupr_), dinkes_admin_).status,
      403);
  EXPECT_EQ(Post("/api/v1/architecture/applications", App("Titipan"), dinkes_admin_).status, 403);
  EXPECT_EQ(Import(dpupr_, "applications", "nama,fungsi,status\nX,ADM.17,live\n", dinkes_admin_).status, 403);
  EXPECT_EQ(
      testing::Get(port_, "/api/v1/architecture/export.csv?node_id=" + std::to_string(dpupr_), dinkes_admin_).status,
      403);
  EXPECT_EQ(testing::Get(port_, "/api/v1/architecture/applications?node_id=" + std::to_string(dpupr_)).status, 401);
  // The platform admin reaches every agency.
  EXPECT_EQ(Put("/api/v1/architecture/applications/" + id, App("Aplikasi Milik DPUPR"), platform_).status, 200);
}

TEST_P(ArchitectureApi, AnImportWithABadLineWritesNothingAndNamesTheLine) {
  int before = demo_->Count("SELECT COUNT(*) FROM arch_applications");
  std::string csv =
      "nama,fungsi,status,pengguna,biaya_tahunan\n"
      "Aplikasi Baik,ADM.17,live,10,1000000\n"
      "Aplikasi Salah,ADM.17,hidup,10,1000000\n";
  auto refused = Import(dpupr_, "applications", csv, dpupr_admin_);
  ASSERT_EQ(refused.status, 422) << refused.body;
  auto errors = Body(refused).at("errors").as_array();
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].at("line").as_int64(), 3);
  EXPECT_EQ(errors[0].at("field"), "status");
  EXPECT_EQ(demo_->Count("SELECT COUNT(*) FROM arch_applications"), before);

  // A data set the agency does not have is named too, and still nothing stays.
  auto unknown =
      Import(dpupr_, "applications", "nama,fungsi,status,data\nAplikasi Data,ADM.17,live,Data Hilang\n", dpupr_admin_);
  ASSERT_EQ(unknown.status, 422) << unknown.body;
  EXPECT_EQ(Body(unknown).at("errors").at(0).at("line").as_int64(), 2);
  EXPECT_EQ(demo_->Count("SELECT COUNT(*) FROM arch_applications"), before);
}

TEST_P(ArchitectureApi, ImportingTheSameFileAgainChangesNothing) {
  std::string csv =
      "instansi,nama,fungsi,status,pengguna,biaya_tahunan\n"
      "dpupr,Aplikasi Impor A,ADM.17,live,10,1000000\n"
      ",Aplikasi Impor B,ADM.19,planned,0,2000000\n";
  auto first = Import(dpupr_, "applications", csv, dpupr_admin_);
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(Body(first).at("created").as_int64(), 2);
  int audited = demo_->Count("SELECT COUNT(*) FROM audit_log WHERE object_type = 'arch_application'");
  auto again = Import(dpupr_, "applications", csv, dpupr_admin_);
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(Body(again).at("created").as_int64(), 0);
  EXPECT_EQ(Body(again).at("updated").as_int64(), 0);
  EXPECT_EQ(Body(again).at("unchanged").as_int64(), 2);
  EXPECT_EQ(demo_->Count("SELECT COUNT(*) FROM audit_log WHERE object_type = 'arch_application'"), audited);
  // An agency outside the node imported into is a line error.
  auto outside = Import(dpupr_, "applications", "instansi,nama,fungsi,status\ndinkes,X,ADM.17,live\n", dpupr_admin_);
  EXPECT_EQ(outside.status, 422);
}

TEST_P(ArchitectureApi, TheCsvExportReadsBackAndTheWorkbookOpens) {
  auto csv = testing::Get(port_, "/api/v1/architecture/export.csv?kind=applications&node_id=" + std::to_string(kab_),
                          platform_);
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_NE(csv.body.find("e-Surat DPUPR"), std::string::npos);
  EXPECT_NE(csv.Header("content-type").value_or("").find("text/csv"), std::string::npos);
  int before = demo_->Count("SELECT COUNT(*) FROM arch_applications");
  auto back = Import(kab_, "applications", csv.body, platform_);
  ASSERT_EQ(back.status, 200) << back.body;
  EXPECT_EQ(Body(back).at("created").as_int64(), 0);
  EXPECT_EQ(Body(back).at("updated").as_int64(), 0);
  EXPECT_EQ(Body(back).at("unchanged").as_int64(), before);

  auto xlsx = testing::Get(port_, "/api/v1/architecture/export.xlsx?node_id=" + std::to_string(kab_), platform_);
  ASSERT_EQ(xlsx.status, 200) << xlsx.body;
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  // The sheet names are in the workbook's directory (xl/workbook.xml is stored, its names readable in the zip).
  EXPECT_NE(xlsx.body.find("xl/worksheets/sheet3.xml"), std::string::npos);
  EXPECT_NE(xlsx.body.find("xl/workbook.xml"), std::string::npos);
}

TEST_P(ArchitectureApi, TheDemosLetterArchivesAreConsolidationCandidatesWithSrikandiNamed) {
  auto dup = testing::Get(port_, "/api/v1/architecture/duplicates?node_id=" + std::to_string(dinkes_), dinkes_admin_);
  ASSERT_EQ(dup.status, 200) << dup.body;
  auto groups = Body(dup).at("groups").as_array();
  const json::object* letters = nullptr;
  const json::object* attendance = nullptr;
  for (const auto& g : groups) {
    if (g.at("function_code") == "ADM.01") letters = &g.as_object();
    if (g.at("function_code") == "ADM.07") attendance = &g.as_object();
  }
  ASSERT_NE(letters, nullptr) << dup.body;
  EXPECT_EQ(letters->at("agencies").as_int64(), 3);
  std::set<std::string> names;
  for (const auto& a : letters->at("applications").as_array()) names.insert(std::string(a.at("name").as_string()));
  EXPECT_EQ(names, (std::set<std::string>{"e-Surat DPUPR", "Arsip Digital Dinsos", "e-Arsip Surat Dinkes"}));
  EXPECT_EQ(letters->at("national_app").at("name"), "SRIKANDI");
  ASSERT_NE(attendance, nullptr);
  EXPECT_EQ(attendance->at("applications").as_array().size(), 2u);
  EXPECT_TRUE(attendance->at("national_app").is_null());

  // The page says it in a sentence, with the costs in rupiah.
  auto page = testing::Get(port_, "/arsitektur/duplikasi?node_id=" + std::to_string(dinkes_), dinkes_admin_);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("SRIKANDI (ANRI dan Kementerian PANRB)"), std::string::npos);
  EXPECT_NE(page.body.find("Rp 45.000.000"), std::string::npos);
}

TEST_P(ArchitectureApi, HugeEmptyAndWrongValuesAre422NotServerErrors) {
  const std::string node = std::to_string(dpupr_);
  for (const std::string& body :
       {std::string("{}"), std::string(R"({"node_id": )") + node + R"(, "name": "", "function_code": "ADM.17"})",
        App(std::string(5000, 'x')), App("Besar", R"(, "users": -5)"),
        App("Besar", R"(, "yearly_cost": 99999999999999999999)"), App("Besar", R"(, "yearly_cost": 1e30)"),
        App("Besar", R"(, "status": "hidup")"), App("Besar", R"(, "bus_uses": ["bukan alamat"])"),
        App("Besar", R"(, "datasets": ["Tidak Ada"])"), App("Besar", R"(, "users": "banyak")"),
        std::string(R"({"node_id": "x", "name": "a", "function_code": "ADM.17"})")}) {
    auto r = Post("/api/v1/architecture/applications", body, dpupr_admin_);
    EXPECT_EQ(r.status, 422) << body.substr(0, 200) << " -> " << r.body;
  }
  EXPECT_EQ(Import(dpupr_, "applications", "", dpupr_admin_).status, 422);
  EXPECT_EQ(Import(dpupr_, "applications", "\"unterminated", dpupr_admin_).status, 422);
  EXPECT_EQ(Import(dpupr_, "robots", "nama\nx\n", dpupr_admin_).status, 422);
  EXPECT_EQ(
      Import(dpupr_, "applications", "nama,fungsi,status\n" + std::string(300, 'n') + ",ADM.17,live\n", dpupr_admin_)
          .status,
      422);
  EXPECT_EQ(testing::Get(port_, "/api/v1/architecture/applications", dpupr_admin_).status, 422);
  EXPECT_EQ(testing::Get(port_, "/api/v1/architecture/applications?node_id=" + node + "&status=x", dpupr_admin_).status,
            422);
  auto functions = testing::Get(port_, "/api/v1/architecture/functions");
  ASSERT_EQ(functions.status, 200);
  EXPECT_NE(functions.body.find("SRIKANDI"), std::string::npos);
}

TEST_P(ArchitectureApi, TheSummaryCountsTheWholeSubtreeForTheEvaluation) {
  auto kab = demo_->app().architecture().Summary(kab_);
  ASSERT_TRUE(kab.ok()) << kab.error().detail;
  EXPECT_EQ(kab->applications, 59);
  EXPECT_EQ(kab->live, 53);
  EXPECT_EQ(kab->planned, 4);
  EXPECT_EQ(kab->retired, 2);
  EXPECT_EQ(kab->national, 15);
  EXPECT_EQ(kab->duplicate_groups, 3);  // letters, attendance, and Dinkes's staff system beside SIASN
  EXPECT_EQ(kab->datasets, 17);
  EXPECT_EQ(kab->open_datasets, 5);
  EXPECT_EQ(kab->personal_datasets, 8);
  EXPECT_EQ(kab->infrastructure, 6);
  EXPECT_GT(kab->yearly_cost, 0);
  auto dinkes = demo_->app().architecture().Summary(dinkes_);
  ASSERT_TRUE(dinkes.ok());
  EXPECT_EQ(dinkes->applications, 9);
  EXPECT_EQ(dinkes->duplicate_groups, 0);  // one agency alone has no duplicates
  EXPECT_FALSE(demo_->app().architecture().Summary(999999).ok());
}

INSTANTIATE_TEST_SUITE_P(Engines, ArchitectureApi, ::testing::Values("sqlite", "postgresql"));

}  // namespace
}  // namespace spbe
