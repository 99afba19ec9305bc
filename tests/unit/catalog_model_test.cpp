#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "catalog/editor.hpp"
#include "catalog/model.hpp"
#include "platform/i18n.hpp"

namespace spbe::catalog {
namespace {

namespace json = boost::json;

json::value Minimal() {
  return json::parse(R"({
    "name": {"id": "Surat Keterangan Usaha", "en": "Business Statement Letter"},
    "time_limit_days": 3,
    "standard": {"legal_basis": ["PP 17/2018"], "output": "Surat Keterangan Usaha", "complaints": "Menu Pengaduan"},
    "form": {"fields": [
      {"name": "nama", "type": "text", "label": "Nama", "required": true, "max": 10},
      {"name": "nik", "type": "nik", "label": "NIK", "required": true},
      {"name": "luas", "type": "number", "label": "Luas", "min": 1, "max": 100},
      {"name": "sejak", "type": "date", "label": "Sejak", "max_date": "today"},
      {"name": "jenis", "type": "choice", "label": "Jenis", "options": [{"value": "a", "label": "A"}]},
      {"name": "lokasi", "type": "region", "region_level": "kecamatan", "label": "Lokasi"},
      {"name": "surel", "type": "email", "label": "Surel"},
      {"name": "hp", "type": "phone", "label": "HP"},
      {"name": "kode", "type": "text", "label": "Kode", "pattern": "[A-Z]{3}", "pattern_message": {"id": "tiga huruf besar", "en": "three capitals"}}
    ]},
    "workflow": {"steps": [
      {"key": "periksa", "name": "Periksa", "node_id": 7, "role": "loket", "actions": ["forward", "return"], "time_limit_days": 1, "next": "putus"},
      {"key": "putus", "name": "Putus", "node_id": 7, "role": "kepala", "actions": ["approve", "reject"], "time_limit_days": 2}
    ]},
    "fee": {"kind": "free"}
  })");
}

std::string Fields(const std::vector<FieldError>& errors) {
  std::string out;
  for (const auto& e : errors) out += e.field + "=" + e.message + ";";
  return out;
}

TEST(CatalogDefinition, RoundTripsThroughJson) {
  auto d = ParseDefinition(Minimal(), "id");
  ASSERT_TRUE(d.ok()) << Fields(d.error().fields);
  EXPECT_EQ(d->form.fields.size(), 9u);
  EXPECT_EQ(d->workflow.steps[1].role, access::Role::kKepala);
  auto again = ParseDefinition(json::value(ToJson(*d)), "id");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(json::serialize(ToJson(*again)), json::serialize(ToJson(*d)));
  EXPECT_TRUE(ValidateForPublish(*d, "id").empty()) << Fields(ValidateForPublish(*d, "id"));
}

TEST(CatalogDefinition, EveryProblemIsNamedByItsPathInTheUsersLanguage) {
  auto v = Minimal();
  auto& fields = v.as_object()["form"].as_object()["fields"].as_array();
  fields[0].as_object()["type"] = "colour";
  fields[1].as_object()["name"] = "Bad Name";
  fields[4].as_object()["options"] = json::array();
  fields.push_back(json::object{{"name", "nama"}, {"type", "text"}, {"label", "Lagi"}});
  v.as_object()["workflow"].as_object()["steps"].as_array()[0].as_object()["role"] = "lurah";
  auto d = ParseDefinition(v, "en");
  ASSERT_FALSE(d.ok());
  std::string all = Fields(d.error().fields);
  EXPECT_NE(all.find("form.fields[0].type=unknown field type"), std::string::npos) << all;
  EXPECT_NE(all.find("form.fields[1].name=lower-case"), std::string::npos) << all;
  EXPECT_NE(all.find("form.fields[4].options=a choice field needs options"), std::string::npos) << all;
  EXPECT_NE(all.find("form.fields[9].name=duplicate name"), std::string::npos) << all;
  EXPECT_NE(all.find("workflow.steps[0].role=unknown role"), std::string::npos) << all;
  auto id = ParseDefinition(v, "id");
  EXPECT_NE(Fields(id.error().fields).find("jenis isian tidak dikenal"), std::string::npos);
}

TEST(CatalogWorkflow, ADefinitionThatCannotFinishIsRefused) {
  auto d = *ParseDefinition(Minimal(), "en");
  auto loop = d;
  loop.workflow.steps[1].next = "periksa";
  EXPECT_NE(Fields(ValidateForPublish(loop, "en")).find("loops and never ends"), std::string::npos);

  auto dangling = d;
  dangling.workflow.steps[0].next = "nowhere";
  EXPECT_NE(Fields(ValidateForPublish(dangling, "en")).find("steps[0].next=the next step does not exist"),
            std::string::npos);

  auto orphan = d;
  Step extra = d.workflow.steps[0];
  extra.key = "lupa";
  extra.next = "";
  orphan.workflow.steps.push_back(extra);
  EXPECT_NE(Fields(ValidateForPublish(orphan, "en")).find("steps[2]=this step is never reached"), std::string::npos);

  auto no_approve = d;
  no_approve.workflow.steps[1].actions = {StepAction::kReject, StepAction::kNote};
  std::string problems = Fields(ValidateForPublish(no_approve, "en"));
  EXPECT_NE(problems.find("the last step must be able to approve"), std::string::npos) << problems;
  EXPECT_NE(problems.find("steps[1].actions=the step must be able to move the file on"), std::string::npos);

  auto too_long = d;
  too_long.workflow.steps[1].time_limit_days = 3;  // 1 + 3 > 3
  EXPECT_NE(Fields(ValidateForPublish(too_long, "en")).find("time_limit_days=the steps' time limits add up"),
            std::string::npos);

  auto empty = d;
  empty.workflow.steps.clear();
  empty.standard.legal_basis.clear();
  problems = Fields(ValidateForPublish(empty, "id"));
  EXPECT_NE(problems.find("workflow.steps=alur kerja belum punya langkah"), std::string::npos) << problems;
  EXPECT_NE(problems.find("standard.legal_basis=dasar hukum wajib"), std::string::npos) << problems;
}

class CatalogForm : public ::testing::Test {
 protected:
  Form form_ = ParseDefinition(Minimal(), "en")->form;
  FormContext ctx_{[](std::string_view code) { return code == "12" || code == "12.10" || code == "12.10.01"; },
                   std::chrono::year_month_day{std::chrono::year(2026), std::chrono::month(11), std::chrono::day(22)}};
  std::string Check(std::string json_text, bool complete = true, std::string_view lang = "en") {
    return Fields(ValidateData(form_, json::parse(json_text).as_object(), ctx_, lang, complete));
  }
};

TEST_F(CatalogForm, GoodDataPasses) {
  EXPECT_EQ(Check(R"({"nama": " Budi ", "nik": "1210011505900003", "luas": 50, "sejak": "2020-01-31", "jenis": "a",
                      "lokasi": "12.10.01", "surel": "budi@mail.example", "hp": "0812 3456 7890", "kode": "ABC"})"),
            "");
  EXPECT_EQ(Check(R"({"nama": "Budi", "nik": "1210011505900003", "luas": "50"})"), "") << "numbers may come as text";
}

TEST_F(CatalogForm, EachFieldSaysWhatIsWrong) {
  std::string all = Check(R"({"nama": "Budi Santoso Panjang", "nik": "1299011505900003", "luas": 0,
                              "sejak": "2026-11-23", "jenis": "z", "lokasi": "12.10", "surel": "budi@",
                              "hp": "12345", "kode": "abc", "lain": "x"})");
  for (const char* expected :
       {"nama=at most 10 characters", "nik=", "luas=at least 1", "sejak=may not be after 2026-11-22",
        "jenis=pick one of the options", "lokasi=pick a region from the list", "surel=not a valid e-mail address",
        "hp=give a mobile number", "kode=three capitals", "lain=not a field of this form"}) {
    EXPECT_NE(all.find(expected), std::string::npos) << expected << " in " << all;
  }
  EXPECT_NE(Check(R"({"nik": "1210011505900003", "sejak": "2026-02-30"})").find("sejak=give a real date"),
            std::string::npos);
  EXPECT_NE(Check(R"({"nik": "1210011505900003", "kode": "abc"})", true, "id").find("kode=tiga huruf besar"),
            std::string::npos);
}

TEST_F(CatalogForm, RequiredFieldsAreRequiredOnlyWhenSubmitting) {
  EXPECT_NE(Check(R"({})").find("nama=required"), std::string::npos);
  EXPECT_EQ(Check(R"({})", /*complete=*/false), "");
  EXPECT_NE(Check(R"({"nama": "   "})").find("nama=required"), std::string::npos) << "blank is empty";
}

TEST(CatalogSearch, IndonesianAffixesAreIgnored) {
  EXPECT_EQ(Stem("kelahiran"), "lahir");
  EXPECT_EQ(Stem("Perizinan"), "izin");
  EXPECT_EQ(Stem("pengusaha"), "usaha");
  EXPECT_EQ(Stem("bangunan"), "bangun");
  EXPECT_EQ(Stem("membangun"), "bangun");
  EXPECT_EQ(Stem("kematian"), "mati");
  EXPECT_EQ(Stem("bidan"), "bidan") << "a short word keeps its ending";
  auto terms = SearchTerms("Akta Kelahiran, akta-KELAHIRAN!");
  ASSERT_EQ(terms.size(), 2u);
  EXPECT_EQ(terms[0], "akta");
  EXPECT_EQ(terms[1], "lahir");
  auto d = *ParseDefinition(Minimal(), "id");
  d.life_events = {"usaha"};
  std::string text = SearchText(d, "Kelurahan Padang Matinggi");
  EXPECT_NE(text.find(" usaha "), std::string::npos);
  EXPECT_NE(text.find(" business "), std::string::npos) << "English words are searchable too";
  EXPECT_NE(text.find(" padang "), std::string::npos) << "the agency's name is searchable";
}

TEST(CatalogFiles, KindsAreRecognisedFromTheBytesNotTheName) {
  EXPECT_EQ(SniffFileKind("%PDF-1.7\n..."), FileKind::kPdf);
  EXPECT_EQ(SniffFileKind(std::string("\xFF\xD8\xFF\xE0", 4)), FileKind::kJpeg);
  EXPECT_EQ(SniffFileKind(std::string("\x89PNG\r\n\x1a\n....", 12)), FileKind::kPng);
  EXPECT_EQ(SniffFileKind("MZ\x90\x00 pretending.pdf"), std::nullopt);
  EXPECT_EQ(SniffFileKind(""), std::nullopt);
}

TEST(Rupiah, GroupsThousandsWithDots) {
  EXPECT_EQ(i18n::FormatRupiah(0), "Rp 0");
  EXPECT_EQ(i18n::FormatRupiah(750), "Rp 750");
  EXPECT_EQ(i18n::FormatRupiah(750000), "Rp 750.000");
  EXPECT_EQ(i18n::FormatRupiah(1250000), "Rp 1.250.000");
}

}  // namespace
}  // namespace spbe::catalog

// ---- the editor's form ----

namespace spbe::catalog {
namespace {

TEST(EditorForm, KeepsWhatTheFormDoesNotShowAddsAndRemovesRows) {
  auto base = boost::json::parse(R"({"name": "Izin", "time_limit_days": 5,
    "form": {"fields": [
      {"name": "kode", "type": "text", "label": "Kode", "required": true, "pattern": "[A-Z]{3}"},
      {"name": "lama", "type": "text", "label": "Lama", "required": false},
      {"name": "berkas", "type": "file", "label": "Berkas", "required": true, "accept": ["pdf"], "max_bytes": 1000}]},
    "workflow": {"steps": [{"key": "a", "name": "A", "node_id": 3, "role": "loket", "actions": ["forward"],
                            "time_limit_days": 1, "next": "b"}]}})")
                  .as_object();
  std::map<std::string, std::string> form = {{"name_id", "Izin Usaha"},
                                             {"name_en", "Business Permit"},
                                             {"time_limit_days", "7"},
                                             {"life_event.usaha", "1"},
                                             {"legal_basis", "Perda 1/2024\n\n  Perbup 2/2025  \n"},
                                             {"fee_kind", "fixed"},
                                             {"fee_amount", "50000"},
                                             {"fee_basis_id", "Perda 1/2024"},
                                             {"field_count", "4"},
                                             {"field.0.name", "kode"},
                                             {"field.0.type", "text"},
                                             {"field.0.label_id", "Kode izin"},
                                             {"field.0.required", "1"},
                                             {"field.1.name", "lama"},
                                             {"field.1.type", "text"},
                                             {"field.1.label_id", "Lama"},
                                             {"field.1.remove", "1"},
                                             {"field.2.name", "berkas"},
                                             {"field.2.type", "file"},
                                             {"field.2.label_id", "Berkas"},
                                             {"field.2.max", "x1"},
                                             {"field.3.name", "jenis"},
                                             {"field.3.type", "choice"},
                                             {"field.3.label_id", "Jenis"},
                                             {"field.3.options", "mikro = Usaha mikro | Micro business\nkecil\n"},
                                             {"step_count", "2"},
                                             {"step.0.key", "a"},
                                             {"step.0.name_id", "A"},
                                             {"step.0.node_id", "3"},
                                             {"step.0.role", "verifikator"},
                                             {"step.0.action.verify", "1"},
                                             {"step.0.action.approve", "1"},
                                             {"step.0.time_limit_days", "2"},
                                             {"step.0.payment", "1"},
                                             {"step.1.key", ""},
                                             {"step.1.name_id", "ignored: blank key"}};
  auto d = ApplyEditorForm(base, form);
  EXPECT_EQ(boost::json::serialize(d.at("name")), R"({"id":"Izin Usaha","en":"Business Permit"})");
  EXPECT_EQ(d.at("time_limit_days").as_int64(), 7);
  EXPECT_EQ(boost::json::serialize(d.at("life_events")), R"(["usaha"])");
  EXPECT_EQ(boost::json::serialize(d.at("standard").at("legal_basis")), R"(["Perda 1/2024","Perbup 2/2025"])");
  EXPECT_EQ(d.at("fee").at("amount").as_int64(), 50000);
  const auto& fields = d.at("form").at("fields").as_array();
  ASSERT_EQ(fields.size(), 3u) << "one removed, one added";
  EXPECT_EQ(fields[0].at("pattern").as_string(), "[A-Z]{3}") << "kept though the form does not show it";
  EXPECT_EQ(fields[0].at("label").as_string(), "Kode izin");
  EXPECT_EQ(fields[1].at("accept").as_array().size(), 1u);
  EXPECT_EQ(fields[1].at("max").as_string(), "x1") << "kept as typed so the parser names it";
  EXPECT_EQ(
      boost::json::serialize(fields[2].at("options")),
      R"([{"value":"mikro","label":{"id":"Usaha mikro","en":"Micro business"}},{"value":"kecil","label":"kecil"}])");
  const auto& steps = d.at("workflow").at("steps").as_array();
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_EQ(boost::json::serialize(steps[0].at("actions")), R"(["verify","approve"])");
  EXPECT_FALSE(steps[0].as_object().contains("next")) << "no next step chosen: the last";
  EXPECT_EQ(steps[0].at("role").as_string(), "verifikator");
  EXPECT_TRUE(steps[0].at("payment").as_bool()) << "the payment box";

  // And the parser names the bad number by its path.
  auto parsed = ParseDefinition(d, "id");
  ASSERT_FALSE(parsed.ok());
  bool named = false;
  for (const auto& f : parsed.error().fields) named |= f.field == "form.fields[1].max";
  EXPECT_TRUE(named) << parsed.error().detail;
}

}  // namespace
}  // namespace spbe::catalog

namespace spbe::catalog {
namespace {

TEST(EditorForm, AFormulaFeeKeepsItsTablesAndTakesItsRuleFromTheForm) {
  auto base = boost::json::parse(R"({"name": "Reklame", "fee": {"kind": "formula", "formula": "a * tarif",
      "tables": {"tarif": {"by": "jenis", "values": {"x": 1}}}, "rounding": {"mode": "up", "to": 1000}}})")
                  .as_object();
  auto d = ApplyEditorForm(base, {{"name_id", "Reklame"},
                                  {"fee_kind", "formula"},
                                  {"fee_formula", " a * tarif * 2 "},
                                  {"fee_rounding", "down"},
                                  {"fee_round_to", "500"},
                                  {"fee_minimum", "1000"}});
  EXPECT_EQ(boost::json::serialize(d.at("fee")),
            R"({"kind":"formula","formula":"a * tarif * 2","tables":{"tarif":{"by":"jenis","values":{"x":1}}},)"
            R"("rounding":{"mode":"down","to":500},"minimum":1000})");
  auto fixed = ApplyEditorForm(base, {{"name_id", "Reklame"}, {"fee_kind", "fixed"}, {"fee_amount", "5000"}});
  EXPECT_EQ(boost::json::serialize(fixed.at("fee")), R"({"kind":"fixed","amount":5000})");
}

}  // namespace
}  // namespace spbe::catalog
