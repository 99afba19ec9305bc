#include "catalog/api_contract.hpp"

namespace spbe::catalog::api {

namespace json = boost::json;

namespace {

// The two shapes of a LocalText: in an answer both languages are there; a definition may leave English out.
struct TextPair {
  std::string id, en;
};
BOOST_DESCRIBE_STRUCT(TextPair, (), (id, en))
struct TextPairInput {
  std::string id;
  std::optional<std::string> en;
};
BOOST_DESCRIBE_STRUCT(TextPairInput, (), (id, en))

// The schema of a LocalText member: Indonesian text, or both languages.
json::object Text(std::string_view description, bool answer = true) {
  json::object pair = answer ? http::contract::Schema<TextPair>(true) : http::contract::Schema<TextPairInput>();
  json::object s{{"anyOf", json::array{json::object{{"type", "string"}}, std::move(pair)}}};
  if (!description.empty()) s["description"] = description;
  return s;
}

json::array Names(std::initializer_list<const char*> names) {
  json::array a;
  for (const char* n : names) a.emplace_back(n);
  return a;
}

json::array FieldTypes() {
  return Names({"text", "long_text", "number", "date", "choice", "nik", "region", "email", "phone", "file"});
}
json::array Roles() {
  return Names({"loket", "verifikator", "teknis", "kepala", "admin_instansi", "admin_platform", "auditor", "evaluator",
                "bendahara", "pengaduan"});
}
json::array Actions() { return Names({"verify", "approve", "forward", "reject", "return", "note"}); }
json::array LifeEventKeys() {
  json::array a;
  for (const auto& e : LifeEvents()) a.emplace_back(e.key);
  return a;
}

json::object Enum(json::array values) { return {{"enum", std::move(values)}}; }
json::object Items(json::object keywords) { return {{"items", std::move(keywords)}}; }
json::object Say(std::string_view description) { return {{"description", description}}; }

// A LocalText as the definition's JSON has it (catalog/model.cpp writes the same).
json::value TextValue(const LocalText& t) {
  if (t.en.empty()) return json::value(t.id);
  return json::object{{"id", t.id}, {"en", t.en}};
}
std::optional<json::value> OptionalText(const LocalText& t) {
  if (t.empty()) return std::nullopt;
  return TextValue(t);
}

FieldView Field(const FormField& f) {
  FieldView o{f.name, std::string(FieldTypeName(f.type)), TextValue(f.label), f.required};
  o.help = OptionalText(f.help);
  if (!f.pattern.empty()) o.pattern = f.pattern;
  o.pattern_message = OptionalText(f.pattern_message);
  o.min = f.min;
  o.max = f.max;
  if (!f.min_date.empty()) o.min_date = f.min_date;
  if (!f.max_date.empty()) o.max_date = f.max_date;
  if (f.type == FieldType::kChoice) {
    o.options.emplace();
    for (const auto& c : f.options) o.options->push_back({c.value, TextValue(c.label)});
  }
  if (f.type == FieldType::kRegion) {
    o.region_level = f.region_level == RegionLevel::kKabupaten   ? "kabupaten"
                     : f.region_level == RegionLevel::kKecamatan ? "kecamatan"
                                                                 : "kelurahan";
  }
  if (f.type == FieldType::kFile) {
    o.accept.emplace();
    for (auto k : f.accept) o.accept->emplace_back(FileKindName(k));
    o.max_bytes = f.max_bytes;
  }
  if (f.prefill) {
    json::object fill;
    for (const auto& [target, member] : f.prefill->fill) fill[target] = member;
    o.prefill = PrefillView{f.prefill->service, f.prefill->path, std::move(fill)};
  }
  return o;
}

FeeView Fee(const Definition& d) {
  FeeView fee{std::string(FeeKindName(d.fee.kind))};
  if (d.fee.kind == FeeKind::kFixed) fee.amount = d.fee.amount;
  if (d.fee.kind == FeeKind::kFormula) {
    if (d.fee.formula) fee.formula = d.fee.formula->text();
    json::object tables;
    for (const auto& t : d.fee.tables) {
      json::object values;
      for (const auto& [k, v] : t.values) values[k] = v;
      tables[t.name] = http::contract::Write(FeeTableView{t.by, std::move(values)});
    }
    if (!tables.empty()) fee.tables = std::move(tables);
    fee.rounding = RoundingView{std::string(RoundingName(d.fee.rounding)), d.fee.round_to};
    if (d.fee.minimum > 0) fee.minimum = d.fee.minimum;
  }
  fee.basis = OptionalText(d.fee.basis);
  return fee;
}

StandardView Standard(const ServiceView& v, std::string_view lang) {
  const Definition& d = v.definition;
  const auto& st = d.standard;
  StandardView out;
  out.legal_basis = st.legal_basis;
  // The components that are data, shown beside the text ones so the standard is complete (UU 25/2009 art. 21).
  for (const auto& r : st.requirements) out.requirements.push_back(r.In(lang));
  for (const auto& f : d.form.fields) {
    if (f.type == FieldType::kFile && f.required) out.requirements.push_back(f.label.In(lang));
  }
  out.output = OptionalText(st.output);
  out.facilities = OptionalText(st.facilities);
  out.competence = OptionalText(st.competence);
  out.supervision = OptionalText(st.supervision);
  out.complaints = OptionalText(st.complaints);
  out.staff = OptionalText(st.staff);
  out.guarantee = OptionalText(st.guarantee);
  out.security = OptionalText(st.security);
  out.evaluation = OptionalText(st.evaluation);
  for (std::size_t i = 0; i < d.workflow.steps.size(); ++i) {
    const Step& s = d.workflow.steps[i];
    out.procedure.push_back({s.key, s.name.In(lang), v.step_offices[i], s.time_limit_days});
  }
  out.time_limit_days = d.time_limit_days;
  out.fee = Fee(d);
  return out;
}

}  // namespace

ServiceSummary Summary(const ServiceView& v, std::string_view lang) {
  const Definition& d = v.definition;
  FeeSummary fee{std::string(FeeKindName(d.fee.kind)), d.fee.amount, std::nullopt, std::nullopt};
  if (d.fee.kind == FeeKind::kFormula) {
    fee.amount.reset();
    fee.formula = d.fee.formula ? d.fee.formula->text() : "";
    fee.description = DescribeFormula(d, lang);
  }
  return {v.service.id,    v.service.slug,     v.version.version,
          d.name.In(lang), d.summary.In(lang), {v.service.node_id, v.service.node_name},
          d.life_events,   d.time_limit_days,  std::move(fee)};
}

ServiceDetail Detail(const ServiceView& v, std::string_view lang) {
  ServiceSummary s = Summary(v, lang);
  const Definition& d = v.definition;
  ServiceDetail out{s.id,
                    s.slug,
                    s.version,
                    s.name,
                    s.summary,
                    s.agency,
                    s.life_events,
                    s.time_limit_days,
                    s.fee,
                    v.version.status,
                    v.version.published_at,
                    d.deemed_granted,
                    Standard(v, lang),
                    {},
                    {}};
  for (const auto& f : d.form.fields) out.form.fields.push_back(Field(f));
  for (std::size_t i = 0; i < d.workflow.steps.size(); ++i) {
    const Step& s = d.workflow.steps[i];
    StepView step{s.key, TextValue(s.name), s.node_id, std::string(access::RoleName(s.role)), {}, s.time_limit_days};
    for (auto a : s.actions) step.actions.emplace_back(StepActionName(a));
    if (!s.next.empty()) step.next = s.next;
    if (s.payment) step.payment = true;
    step.office = v.step_offices[i];
    out.workflow.steps.push_back(std::move(step));
  }
  return out;
}

// ---- schema notes ----

json::object FeeSummary::Notes() {
  return {{"kind", Enum(Names({"free", "fixed", "formula"}))},
          {"amount", Say("whole rupiah (free: 0); absent for a formula")},
          {"formula", Say("the published rule, for a formula")},
          {"description", Say("the rule in words, with the form's labels")}};
}

json::object ServiceSummary::Notes() {
  return {{"version", Say("the version's number, from 1")},
          {"life_events", Items(Enum(LifeEventKeys()))},
          {"time_limit_days", Say("working days, the whole service")}};
}

json::object SearchPage::Notes() {
  return {{"total", Say("matching services on every page")}, {"items", Say("at most 20, best match first")}};
}

json::object ProcedureStep::Notes() {
  return {{"step", Say("the step's key")},
          {"office", Say("the node that acts, which may be another agency")},
          {"time_limit_days", Say("working days")}};
}

json::object FeeTableView::Notes() {
  return {{"by", Say("the choice field whose value picks the rate")},
          {"values", {{"additionalProperties", {{"type", "integer"}}}, {"description", "option -> whole rupiah"}}}};
}

json::object RoundingView::Notes() {
  return {{"mode", Enum(Names({"nearest", "up", "down"}))}, {"to", Say("a multiple of this many rupiah")}};
}

json::object FeeView::Notes() {
  return {{"kind", Enum(Names({"free", "fixed", "formula"}))},
          {"amount", Say("whole rupiah, for a fixed fee")},
          {"formula", Say("+ - * / and parentheses over number fields, tables and numbers")},
          {"tables",
           {{"additionalProperties", http::contract::Schema<FeeTableView>(true)},
            {"description", "rates by the name the formula uses"}}},
          {"minimum", Say("the least a formula's fee may be")},
          {"basis", Text("the regulation that sets the fee")}};
}

json::object StandardView::Notes() {
  return {{"legal_basis", Say("1 dasar hukum, one regulation per entry")},
          {"requirements", Say("2 persyaratan: the text ones, then the form's required uploads")},
          {"output", Text("6 produk pelayanan")},
          {"facilities", Text("7 sarana, prasarana, dan/atau fasilitas")},
          {"competence", Text("8 kompetensi pelaksana")},
          {"supervision", Text("9 pengawasan internal")},
          {"complaints", Text("10 penanganan pengaduan, saran, dan masukan")},
          {"staff", Text("11 jumlah pelaksana")},
          {"guarantee", Text("12 jaminan pelayanan")},
          {"security", Text("13 jaminan keamanan dan keselamatan pelayanan")},
          {"evaluation", Text("14 evaluasi kinerja pelaksana")},
          {"procedure", Say("3 sistem, mekanisme, dan prosedur: the workflow's steps")},
          {"time_limit_days", Say("4 jangka waktu penyelesaian, working days")},
          {"fee", Say("5 biaya/tarif")}};
}

json::object ChoiceView::Notes() { return {{"label", Text("")}}; }

json::object FieldView::Notes() {
  return {
      {"name", Say("the key in the application's data")},
      {"type", Enum(FieldTypes())},
      {"label", Text("")},
      {"help", Text("")},
      {"pattern", Say("text: a whole-value regular expression (ECMAScript)")},
      {"pattern_message", Text("what to say when the pattern does not match")},
      {"min", Say("number: the smallest value; text: the fewest characters")},
      {"max", Say("number: the largest value; text: the most characters")},
      {"min_date", Say("date: YYYY-MM-DD or today")},
      {"max_date", Say("date: YYYY-MM-DD or today")},
      {"options", Say("choice fields")},
      {"region_level", {{"enum", Names({"kabupaten", "kecamatan", "kelurahan"})}, {"description", "region fields"}}},
      {"accept", {{"items", Enum(Names({"pdf", "jpeg", "png"}))}, {"description", "file fields"}}},
      {"max_bytes", Say("file fields")}};
}

json::object StepView::Notes() {
  return {{"name", Text("")},
          {"node_id", Say("who acts: this role on this node or above it")},
          {"role", Enum(Roles())},
          {"actions", Items(Enum(Actions()))},
          {"time_limit_days", Say("working days")},
          {"next", Say("the next step's key; absent at the last step")},
          {"payment", Say("true at a payment step: the bank's callback moves the file on")},
          {"office", Say("the name of the node that acts")}};
}

json::object ServiceDetail::Notes() {
  json::object notes = ServiceSummary::Notes();
  notes["status"] = Enum(Names({"draft", "published", "superseded"}));
  notes["published_at"] = Say("empty for a draft");
  notes["deemed_granted"] = Say("fiktif positif: granted when undecided within the time limit");
  notes["form"] = Say("both languages, as defined");
  return notes;
}

json::object ChoiceInput::Notes() { return {{"value", {{"maxLength", 100}}}, {"label", Text("", false)}}; }

json::object FieldInput::Notes() {
  return {{"name", {{"pattern", "^[a-z][a-z0-9_]*$"}, {"maxLength", 40}}},
          {"type", Enum(FieldTypes())},
          {"label", Text("", false)},
          {"help", Text("", false)},
          {"pattern", Say("text: a whole-value regular expression (ECMAScript)")},
          {"pattern_message", Text("", false)},
          {"min", Say("number: the smallest value; text: the fewest characters")},
          {"max", Say("number: the largest value; text: the most characters")},
          {"min_date", Say("YYYY-MM-DD or today")},
          {"max_date", Say("YYYY-MM-DD or today")},
          {"options", Say("required for a choice field")},
          {"region_level", {{"enum", Names({"kabupaten", "kecamatan", "kelurahan"})}, {"default", "kelurahan"}}},
          {"accept", {{"items", Enum(Names({"pdf", "jpeg", "png"}))}, {"description", "default: all three"}}},
          {"max_bytes", Say("default: 2 MiB")}};
}

json::object StepInput::Notes() {
  return {{"key", {{"pattern", "^[a-z][a-z0-9_]*$"}, {"maxLength", 40}}},
          {"name", Text("", false)},
          {"node_id", {{"minimum", 1}, {"description", "who acts: this role on this node or above it"}}},
          {"role", Enum(Roles())},
          {"actions", {{"items", Enum(Actions())}, {"description", "required except at a payment step"}}},
          {"time_limit_days",
           {{"minimum", 1}, {"maximum", 365}, {"description", "working days; required except at a payment step"}}},
          {"next", Say("the next step's key; absent at the last step")},
          {"payment", Say("a payment step: nobody acts, the bank's callback moves the file on")}};
}

json::object RoundingInput::Notes() {
  return {{"mode", {{"enum", Names({"nearest", "up", "down"})}, {"default", "nearest"}}},
          {"to", {{"minimum", 1}, {"maximum", 1000000}, {"default", 1}}}};
}

json::object FeeInput::Notes() {
  return {{"kind", Enum(Names({"free", "fixed", "formula"}))},
          {"amount", {{"minimum", 1}, {"description", "whole rupiah; required for a fixed fee"}}},
          {"formula", {{"maxLength", 500}, {"description", "required for a formula: luas_m2 * tarif * lama_bulan"}}},
          {"tables",
           {{"additionalProperties", http::contract::Schema<FeeTableView>()},
            {"description", "rates by the name the formula uses, each picked by a required choice field"}}},
          {"minimum", {{"minimum", 0}}},
          {"basis", Text("the regulation that sets the fee (required to publish a fee)", false)}};
}

json::object StandardInput::Notes() {
  json::object notes{{"requirements", Items(Text("", false))}};
  for (const char* key : {"output", "facilities", "competence", "supervision", "complaints", "staff", "guarantee",
                          "security", "evaluation"}) {
    notes[key] = Text("", false);
  }
  return notes;
}

json::object DefinitionInput::Notes() {
  return {{"name", Text("", false)},
          {"summary", Text("", false)},
          {"life_events", Items(Enum(LifeEventKeys()))},
          {"time_limit_days", {{"minimum", 1}, {"maximum", 365}, {"description", "working days, the whole service"}}},
          {"deemed_granted", Say("fiktif positif: granted when undecided within the time limit")}};
}

DefinitionInput ExampleDefinition() {
  DefinitionInput d;
  d.name = json::object{{"id", "Izin Praktik Bidan"}, {"en", "Midwife Practice Permit"}};
  d.summary = json::value("Izin bagi bidan untuk berpraktik mandiri");
  d.life_events = std::vector<std::string>{"kesehatan"};
  d.time_limit_days = 10;
  d.standard = StandardInput{std::vector<std::string>{"Permenkes Nomor 28 Tahun 2017"},
                             std::nullopt,
                             json::value("Surat Izin Praktik Bidan"),
                             std::nullopt,
                             std::nullopt,
                             std::nullopt,
                             json::value("Lapor ke loket pengaduan DPMPTSP")};
  FieldInput nik{"nik", "nik", json::value("NIK")};
  nik.required = true;
  FieldInput str{"str", "file", json::value("Scan STR")};
  str.required = true;
  d.form = FormInput{std::vector<FieldInput>{nik, str}};
  StepInput verify{"verifikasi", json::value("Verifikasi berkas"), 12, "verifikator"};
  verify.actions = std::vector<std::string>{"verify", "return", "reject"};
  verify.time_limit_days = 3;
  verify.next = "persetujuan";
  StepInput approve{"persetujuan", json::value("Persetujuan"), 12, "kepala"};
  approve.actions = std::vector<std::string>{"approve", "reject"};
  approve.time_limit_days = 2;
  d.workflow = WorkflowInput{std::vector<StepInput>{verify, approve}};
  d.fee = FeeInput{"free"};
  return d;
}

}  // namespace spbe::catalog::api
