// The inventory's pure rules: the function reference, the checks of each item, duplicates across agencies of one
// government, and CSV in (all or nothing, every bad line named) and out.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "architecture/model.hpp"

namespace spbe::architecture {
namespace {

TEST(ArchitectureModel, TheFunctionReferenceIsEmbeddedAndNamesSrikandiForLetters) {
  ASSERT_GE(Functions().size(), 40u);
  const GovFunction* letters = FindFunction("ADM.01");
  ASSERT_NE(letters, nullptr);
  ASSERT_TRUE(letters->national_app);
  EXPECT_EQ(letters->national_app->name, "SRIKANDI");
  EXPECT_EQ(letters->national_app->owner, "ANRI dan Kementerian PANRB");
  const GovFunction* attendance = FindFunction("ADM.07");
  ASSERT_NE(attendance, nullptr);
  EXPECT_FALSE(attendance->national_app);
  EXPECT_EQ(FindFunction("XYZ.99"), nullptr);
}

TEST(ArchitectureModel, ABrokenReferenceIsRefused) {
  EXPECT_FALSE(ParseFunctions("not json").ok());
  EXPECT_FALSE(ParseFunctions(R"({"functions": [{"code": "A"}]})").ok());
  EXPECT_FALSE(
      ParseFunctions(R"({"functions": [{"code": "A", "name": {"id": "x"}}, {"code": "A", "name": {"id": "y"}}]})")
          .ok());
  auto one = ParseFunctions(R"({"functions": [{"code": "A", "name": {"id": "x", "en": "y"}, "group": "g"}]})");
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->front().Name("en"), "y");
}

ApplicationInput Letters(const std::string& name) {
  ApplicationInput in;
  in.name = name;
  in.function_code = "adm.01";
  in.users = 40;
  in.yearly_cost = 45'000'000;
  return in;
}

TEST(ArchitectureModel, AnApplicationIsCheckedFieldByField) {
  ApplicationInput ok = Letters("  e-Surat DPUPR ");
  EXPECT_TRUE(CheckApplication(ok, "id").empty());
  EXPECT_EQ(ok.name, "e-Surat DPUPR");
  EXPECT_EQ(ok.function_code, "ADM.01");

  ApplicationInput bad;
  bad.name = std::string(201, 'a');
  bad.function_code = "ZZZ";
  bad.users = -1;
  bad.status = "dead";
  bad.hosting = "basement";
  bad.source = "stolen";
  bad.yearly_cost = kMaxCost + 1;
  bad.bus_uses = {"not an address"};
  auto errors = CheckApplication(bad, "id");
  std::set<std::string> fields;
  for (const auto& e : errors) fields.insert(e.field);
  EXPECT_EQ(fields, (std::set<std::string>{"name", "function_code", "users", "status", "hosting", "source",
                                           "yearly_cost", "bus_uses"}));
  ApplicationInput control = Letters("x\x01y");
  EXPECT_FALSE(CheckApplication(control, "id").empty());
  ApplicationInput broken_utf8 = Letters("\xc3");
  EXPECT_FALSE(CheckApplication(broken_utf8, "id").empty());
}

TEST(ArchitectureModel, ANationalApplicationTakesItsFunctionsNameWhenNoneIsGiven) {
  ApplicationInput in = Letters("SRIKANDI Labuhanbatu");
  in.source = "national";
  EXPECT_TRUE(CheckApplication(in, "id").empty());
  EXPECT_EQ(in.national_app, "SRIKANDI");
  ApplicationInput attendance = Letters("Presensi");
  attendance.function_code = "ADM.07";
  attendance.source = "national";
  auto errors = CheckApplication(attendance, "id");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors.front().field, "national_app");
}

TEST(ArchitectureModel, PersonalOrClassifiedDataIsNeverOpen) {
  DatasetInput d;
  d.name = "Data Kependudukan";
  d.classification = "rahasia";
  d.personal = true;
  d.open = true;
  auto errors = CheckDataset(d, "id");
  EXPECT_EQ(errors.size(), 2u);
  d.personal = false;
  d.classification = "publik";
  EXPECT_TRUE(CheckDataset(d, "id").empty());
  InfrastructureInput i;
  i.name = "Ruang Server";
  i.kind = "garage";
  EXPECT_EQ(CheckInfrastructure(i, "id").size(), 1u);
}

TEST(ArchitectureModel, NamesAreKeyedWhateverTheirCaseAndSpacing) {
  EXPECT_EQ(NameKey("  SIMPEG   Dinkes "), "simpeg dinkes");
  EXPECT_EQ(NameKey("simpeg dinkes"), NameKey("SIMPEG Dinkes"));
}

Application App(std::int64_t id, std::int64_t node, const std::string& agency, const std::string& function,
                const std::string& status, long long users, long long cost) {
  Application a;
  a.id = id;
  a.node_id = node;
  a.node_name = agency;
  a.name = "app " + std::to_string(id);
  a.function_code = function;
  a.status = status;
  a.users = users;
  a.yearly_cost = cost;
  return a;
}

TEST(ArchitectureModel, DuplicatesAreOneFunctionInSeveralAgenciesOfOneGovernment) {
  std::map<std::int64_t, Government> gov{
      {11, {1, "Kab A", "/1/"}}, {12, {1, "Kab A", "/1/"}}, {13, {1, "Kab A", "/1/"}}, {21, {2, "Kab B", "/2/"}}};
  std::vector<Application> apps{
      App(1, 11, "Dinkes", "ADM.01", "live", 95, 42'000'000),
      App(2, 12, "DPUPR", "ADM.01", "live", 85, 45'000'000),
      App(3, 13, "Dinsos", "ADM.01", "planned", 40, 28'000'000),
      App(4, 21, "Dinas lain", "ADM.01", "live", 10, 1),         // another government: not a duplicate of these
      App(5, 11, "Dinkes", "ADM.07", "live", 1150, 96'000'000),  // one agency twice is not a duplicate
      App(6, 11, "Dinkes", "ADM.07", "live", 10, 1'000'000),
      App(7, 12, "DPUPR", "ADM.07", "retired", 80, 5'000'000),  // retired: left out
      App(8, 99, "Unknown", "ADM.01", "live", 1, 1),            // a node without a government: left out
  };
  auto groups = FindDuplicates(apps, gov, "id");
  ASSERT_EQ(groups.size(), 1u);
  const auto& g = groups.front();
  EXPECT_EQ(g.function_code, "ADM.01");
  EXPECT_EQ(g.government.id, 1);
  EXPECT_EQ(g.agencies, 3);
  ASSERT_EQ(g.applications.size(), 3u);
  EXPECT_EQ(g.applications.front().agency, "DPUPR");  // by agency name
  EXPECT_EQ(g.users, 220);
  EXPECT_EQ(g.yearly_cost, 115'000'000);
  ASSERT_TRUE(g.national_app);
  EXPECT_EQ(g.national_app->name, "SRIKANDI");
}

TEST(ArchitectureModel, CsvIsSplitAsRfc4180SaysWithABomAndQuotedLineBreaks) {
  auto records = SplitCsv(
      "\xEF\xBB\xBF"
      "a,b\r\n\"x, \"\"y\"\"\",\"line\nbreak\"\r\n\r\nlast,\n",
      "id");
  ASSERT_TRUE(records.ok());
  ASSERT_EQ(records->size(), 3u);
  EXPECT_EQ((*records)[0].cells, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ((*records)[1].cells, (std::vector<std::string>{"x, \"y\"", "line\nbreak"}));
  EXPECT_EQ((*records)[2].line, 5);  // the quoted line break moved the lines on
  EXPECT_EQ((*records)[2].cells, (std::vector<std::string>{"last", ""}));
  EXPECT_FALSE(SplitCsv("a,b\n\"open", "id").ok());
}

TEST(ArchitectureModel, AnImportNamesEveryBadLineAndKeepsNothing) {
  std::string csv =
      "nama,fungsi,status,pengguna,biaya_tahunan\n"
      "e-Surat DPUPR,ADM.01,live,85,Rp 45.000.000\n"
      "Arsip Dinsos,ADM.01,hidup,40,1000\n"
      "Presensi,ZZZ.01,live,banyak,1\n"
      "e-surat dpupr,ADM.01,live,1,1\n";
  auto parsed = ParseApplicationsCsv(csv, "id");
  EXPECT_TRUE(parsed.rows.empty());
  ASSERT_EQ(parsed.errors.size(), 4u);
  EXPECT_EQ(parsed.errors[0].line, 3);
  EXPECT_EQ(parsed.errors[0].field, "status");
  EXPECT_EQ(parsed.errors[0].detail.rfind("baris 3: kolom status", 0), 0u) << parsed.errors[0].detail;
  EXPECT_EQ(parsed.errors[1].line, 4);
  EXPECT_EQ(parsed.errors[2].line, 4);
  EXPECT_EQ(parsed.errors[3].line, 5);  // the same name again, whatever its case
  EXPECT_EQ(parsed.errors[3].field, "nama");
}

TEST(ArchitectureModel, AHeaderIsRequiredAndUnknownColumnsAreRefused) {
  EXPECT_EQ(ParseApplicationsCsv("", "id").errors.size(), 1u);
  auto missing = ParseApplicationsCsv("nama,status\nx,live\n", "en");
  ASSERT_EQ(missing.errors.size(), 1u);
  EXPECT_EQ(missing.errors[0].field, "fungsi");
  EXPECT_EQ(missing.errors[0].line, 1);
  auto unknown = ParseDatasetsCsv("nama,klasifikasi,warna\nx,publik,merah\n", "id");
  ASSERT_EQ(unknown.errors.size(), 1u);
  EXPECT_EQ(unknown.errors[0].field, "warna");
}

TEST(ArchitectureModel, AnExportReadsBackAsItWasWritten) {
  Application a;
  a.node_slug = "dpupr";
  a.name = "-e-Surat, \"DPUPR\"";  // a formula-looking start, a comma and quotes
  a.function_code = "ADM.01";
  a.users = 85;
  a.status = "live";
  a.hosting = "own";
  a.source = "built";
  a.datasets = {"Data Surat", "Data Arsip"};
  a.bus_uses = {"disdukcapil-labuhanbatu/siak/penduduk"};
  a.yearly_cost = 45'000'000;
  a.description = "baris satu\nbaris dua";
  auto parsed = ParseApplicationsCsv(ApplicationsCsv({a}), "id");
  ASSERT_TRUE(parsed.errors.empty()) << parsed.errors.front().detail;
  ASSERT_EQ(parsed.rows.size(), 1u);
  const auto& in = parsed.rows.front().input;
  EXPECT_EQ(parsed.rows.front().agency, "dpupr");
  EXPECT_EQ(in.name, a.name);
  EXPECT_EQ(in.users, 85);
  EXPECT_EQ(in.yearly_cost, 45'000'000);
  EXPECT_EQ(in.datasets, a.datasets);
  EXPECT_EQ(in.bus_uses, a.bus_uses);
  EXPECT_EQ(in.description, a.description);

  Dataset d;
  d.node_slug = "dinkes";
  d.name = "Data Pasien";
  d.classification = "rahasia";
  d.personal = true;
  d.update_frequency = "realtime";
  auto data = ParseDatasetsCsv(DatasetsCsv({d}), "id");
  ASSERT_EQ(data.rows.size(), 1u);
  EXPECT_TRUE(data.rows.front().input.personal);
  EXPECT_EQ(data.rows.front().input.update_frequency, "realtime");

  Infrastructure i;
  i.kind = "network_link";
  i.name = "Link PDN";
  i.capacity = "100 Mbps";
  auto infra = ParseInfrastructureCsv(InfrastructureCsv({i}), "id");
  ASSERT_EQ(infra.rows.size(), 1u);
  EXPECT_EQ(infra.rows.front().input.capacity, "100 Mbps");
}

}  // namespace
}  // namespace spbe::architecture
