#include "architecture/model.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <set>

#include "platform/csv.hpp"
#include "platform/i18n.hpp"
#include "platform/resources.hpp"

namespace spbe::architecture {
namespace {

namespace json = boost::json;

bool In(const std::vector<std::string_view>& codes, std::string_view code) {
  return std::find(codes.begin(), codes.end(), code) != codes.end();
}

std::string Trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r' || s[b] == '\n')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r' || s[e - 1] == '\n')) --e;
  return std::string(s.substr(b, e - b));
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Well-formed UTF-8 without control characters (line breaks and tabs allowed where `multiline`).
bool CleanText(std::string_view s, bool multiline) {
  std::size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      bool allowed = c >= 0x20 || (multiline && (c == '\n' || c == '\r' || c == '\t'));
      if (!allowed || c == 0x7f) return false;
      ++i;
      continue;
    }
    std::size_t extra = (c & 0xe0) == 0xc0 ? 1 : (c & 0xf0) == 0xe0 ? 2 : (c & 0xf8) == 0xf0 ? 3 : 0;
    if (extra == 0 || c == 0xc0 || c == 0xc1 || c > 0xf4 || i + extra >= s.size()) return false;
    for (std::size_t k = 1; k <= extra; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xc0) != 0x80) return false;
    }
    i += extra + 1;
  }
  return true;
}

void CheckName(std::string& name, std::vector<FieldError>& errors, std::string_view lang) {
  name = Trim(name);
  if (name.empty()) {
    errors.push_back({"name", i18n::Tr(lang, "arch_error_name_required")});
  } else if (name.size() > kMaxName || !CleanText(name, false)) {
    errors.push_back({"name", i18n::Tr(lang, "arch_error_name_invalid")});
  }
}

void CheckShort(std::string& value, const char* field, std::vector<FieldError>& errors, std::string_view lang) {
  value = Trim(value);
  if (value.size() > kMaxName || !CleanText(value, false)) {
    errors.push_back({field, i18n::Tr(lang, "arch_error_text_invalid")});
  }
}

void CheckLong(std::string& value, const char* field, std::vector<FieldError>& errors, std::string_view lang) {
  value = Trim(value);
  if (value.size() > kMaxText || !CleanText(value, true)) {
    errors.push_back({field, i18n::Tr(lang, "arch_error_text_invalid")});
  }
}

void CheckCode(std::string& value, bool (*valid)(std::string_view), const char* field, const char* key,
               std::vector<FieldError>& errors, std::string_view lang) {
  value = Lower(Trim(value));
  if (!valid(value)) errors.push_back({field, i18n::Tr(lang, key)});
}

// A bus service address: "member/system/service", each part of a-z, 0-9 and '-'.
bool ValidAddress(std::string_view a) {
  if (a.empty() || a.size() > kMaxName) return false;
  int slashes = 0;
  for (char c : a) {
    if (c == '/') {
      ++slashes;
    } else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.')) {
      return false;
    }
  }
  return slashes == 2 && a.front() != '/' && a.back() != '/' && a.find("//") == std::string_view::npos;
}

void CheckAddresses(std::vector<std::string>& list, const char* field, std::vector<FieldError>& errors,
                    std::string_view lang) {
  std::vector<std::string> clean;
  for (auto& a : list) {
    std::string t = Lower(Trim(a));
    if (t.empty()) continue;
    if (std::find(clean.begin(), clean.end(), t) == clean.end()) clean.push_back(t);
  }
  list = std::move(clean);
  if (list.size() > kMaxListItems) {
    errors.push_back({field, i18n::Tr(lang, "arch_error_list_too_long")});
    return;
  }
  for (const auto& a : list) {
    if (!ValidAddress(a)) {
      errors.push_back({field, i18n::Tr(lang, "arch_error_bus_address", {{"address", a.substr(0, 60)}})});
      return;
    }
  }
}

}  // namespace

// ---- Vocabularies ----

const std::vector<std::string_view>& Statuses() {
  static const std::vector<std::string_view> v{"planned", "live", "retired"};
  return v;
}
const std::vector<std::string_view>& Hostings() {
  static const std::vector<std::string_view> v{"pdn", "own", "cloud"};
  return v;
}
const std::vector<std::string_view>& Sources() {
  static const std::vector<std::string_view> v{"built", "bought", "national"};
  return v;
}
const std::vector<std::string_view>& Classifications() {
  static const std::vector<std::string_view> v{"publik", "internal", "terbatas", "rahasia"};
  return v;
}
const std::vector<std::string_view>& Frequencies() {
  static const std::vector<std::string_view> v{"realtime",  "daily",  "weekly", "monthly",
                                               "quarterly", "yearly", "ad_hoc"};
  return v;
}
const std::vector<std::string_view>& InfrastructureKinds() {
  static const std::vector<std::string_view> v{"server_room", "data_centre", "network_link"};
  return v;
}

bool ValidStatus(std::string_view code) { return In(Statuses(), code); }
bool ValidHosting(std::string_view code) { return In(Hostings(), code); }
bool ValidSource(std::string_view code) { return In(Sources(), code); }
bool ValidClassification(std::string_view code) { return In(Classifications(), code); }
bool ValidFrequency(std::string_view code) { return In(Frequencies(), code); }
bool ValidInfrastructureKind(std::string_view code) { return In(InfrastructureKinds(), code); }

std::optional<Kind> ParseKind(std::string_view name) {
  for (auto k : {Kind::kApplications, Kind::kDatasets, Kind::kInfrastructure}) {
    if (KindName(k) == name) return k;
  }
  return std::nullopt;
}

std::string_view KindName(Kind k) {
  switch (k) {
    case Kind::kApplications:
      return "applications";
    case Kind::kDatasets:
      return "datasets";
    case Kind::kInfrastructure:
      return "infrastructure";
  }
  return "";
}

// ---- Functions ----

Result<std::vector<GovFunction>> ParseFunctions(std::string_view json_text) {
  boost::system::error_code ec;
  json::value doc = json::parse(json_text, ec);
  if (ec || !doc.is_object()) return Error::Of(ErrorCode::kInternal, "the function reference is not a JSON object");
  const json::value* list = doc.as_object().if_contains("functions");
  if (!list || !list->is_array()) return Error::Of(ErrorCode::kInternal, "the function reference has no functions");
  std::vector<GovFunction> out;
  std::set<std::string> seen;
  const json::array& items = list->as_array();
  for (const json::value& item : items) {
    const json::object* f = item.if_object();
    if (!f) return Error::Of(ErrorCode::kInternal, "a function is not an object");
    const json::value* code = f->if_contains("code");
    const json::value* name = f->if_contains("name");
    if (!code || !code->is_string() || !name || !name->is_object() || !name->as_object().contains("id") ||
        !name->as_object().at("id").is_string()) {
      return Error::Of(ErrorCode::kInternal, "a function lacks its code or Indonesian name");
    }
    GovFunction g;
    g.code = std::string(code->as_string());
    if (!seen.insert(g.code).second) return Error::Of(ErrorCode::kInternal, "function " + g.code + " twice");
    g.name_id = std::string(name->as_object().at("id").as_string());
    if (const auto* en = name->as_object().if_contains("en"); en && en->is_string()) {
      g.name_en = std::string(en->as_string());
    }
    if (const auto* group = f->if_contains("group"); group && group->is_string()) {
      g.group = std::string(group->as_string());
    }
    if (const auto* n = f->if_contains("national_app"); n && n->is_object()) {
      NationalApp a;
      const json::object& o = n->as_object();
      if (const auto* v = o.if_contains("name"); v && v->is_string()) a.name = std::string(v->as_string());
      if (const auto* v = o.if_contains("owner"); v && v->is_string()) a.owner = std::string(v->as_string());
      if (const auto* v = o.if_contains("url"); v && v->is_string()) a.url = std::string(v->as_string());
      if (!a.name.empty()) g.national_app = std::move(a);
    }
    out.push_back(std::move(g));
  }
  return out;
}

const std::vector<GovFunction>& Functions() {
  static const std::vector<GovFunction> loaded = [] {
    auto text = resources::Find("data/spbe/fungsi-pemerintahan.json");
    if (!text) return std::vector<GovFunction>{};
    auto parsed = ParseFunctions(*text);
    return parsed.ok() ? std::move(*parsed) : std::vector<GovFunction>{};
  }();
  return loaded;
}

const GovFunction* FindFunction(std::string_view code) {
  for (const auto& f : Functions()) {
    if (f.code == code) return &f;
  }
  return nullptr;
}

// ---- Checks ----

std::string NameKey(std::string_view name) {
  std::string out;
  bool space = false;
  for (char c : Trim(name)) {
    if (c == ' ' || c == '\t') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

std::vector<FieldError> CheckApplication(ApplicationInput& in, std::string_view lang) {
  std::vector<FieldError> errors;
  CheckName(in.name, errors, lang);
  in.function_code = Trim(in.function_code);
  for (char& c : in.function_code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const GovFunction* function = FindFunction(in.function_code);
  if (!function) errors.push_back({"function_code", i18n::Tr(lang, "arch_error_function")});
  CheckShort(in.owner_unit, "owner_unit", errors, lang);
  if (in.users < 0 || in.users > kMaxUsers) errors.push_back({"users", i18n::Tr(lang, "arch_error_users")});
  CheckCode(in.status, ValidStatus, "status", "arch_error_status", errors, lang);
  CheckCode(in.hosting, ValidHosting, "hosting", "arch_error_hosting", errors, lang);
  CheckCode(in.source, ValidSource, "source", "arch_error_source", errors, lang);
  CheckShort(in.national_app, "national_app", errors, lang);
  if (in.source == "national" && in.national_app.empty()) {
    if (function && function->national_app) {
      in.national_app = function->national_app->name;
    } else {
      errors.push_back({"national_app", i18n::Tr(lang, "arch_error_national_app")});
    }
  }
  std::vector<std::string> datasets;
  for (const auto& d : in.datasets) {
    std::string t = Trim(d);
    if (t.empty()) continue;
    if (std::none_of(datasets.begin(), datasets.end(), [&](const std::string& x) { return NameKey(x) == NameKey(t); }))
      datasets.push_back(t);
  }
  in.datasets = std::move(datasets);
  if (in.datasets.size() > kMaxListItems) errors.push_back({"datasets", i18n::Tr(lang, "arch_error_list_too_long")});
  CheckAddresses(in.bus_provides, "bus_provides", errors, lang);
  CheckAddresses(in.bus_uses, "bus_uses", errors, lang);
  if (in.yearly_cost < 0 || in.yearly_cost > kMaxCost) {
    errors.push_back({"yearly_cost", i18n::Tr(lang, "arch_error_cost")});
  }
  CheckLong(in.description, "description", errors, lang);
  return errors;
}

std::vector<FieldError> CheckDataset(DatasetInput& in, std::string_view lang) {
  std::vector<FieldError> errors;
  CheckName(in.name, errors, lang);
  CheckShort(in.owner, "owner", errors, lang);
  CheckCode(in.classification, ValidClassification, "classification", "arch_error_classification", errors, lang);
  CheckCode(in.update_frequency, ValidFrequency, "update_frequency", "arch_error_frequency", errors, lang);
  CheckCode(in.status, ValidStatus, "status", "arch_error_status", errors, lang);
  // Personal data is never open data (UU 27/2022), and neither is what is classified above internal.
  if (in.open && in.personal) errors.push_back({"open", i18n::Tr(lang, "arch_error_open_personal")});
  if (in.open && (in.classification == "terbatas" || in.classification == "rahasia")) {
    errors.push_back({"open", i18n::Tr(lang, "arch_error_open_classified")});
  }
  CheckLong(in.description, "description", errors, lang);
  return errors;
}

std::vector<FieldError> CheckInfrastructure(InfrastructureInput& in, std::string_view lang) {
  std::vector<FieldError> errors;
  CheckName(in.name, errors, lang);
  CheckCode(in.kind, ValidInfrastructureKind, "kind", "arch_error_kind", errors, lang);
  CheckShort(in.location, "location", errors, lang);
  CheckShort(in.capacity, "capacity", errors, lang);
  CheckShort(in.provider, "provider", errors, lang);
  CheckCode(in.status, ValidStatus, "status", "arch_error_status", errors, lang);
  CheckLong(in.description, "description", errors, lang);
  return errors;
}

// ---- Duplicates ----

std::vector<DuplicateGroup> FindDuplicates(const std::vector<Application>& applications,
                                           const std::map<std::int64_t, Government>& government_of,
                                           std::string_view lang) {
  std::map<std::pair<std::int64_t, std::string>, DuplicateGroup> groups;
  for (const auto& a : applications) {
    if (a.status != "live" && a.status != "planned") continue;
    auto gov = government_of.find(a.node_id);
    if (gov == government_of.end()) continue;
    DuplicateGroup& g = groups[{gov->second.id, a.function_code}];
    g.government = gov->second;
    g.function_code = a.function_code;
    g.applications.push_back({a.id, a.node_id, a.node_name, a.name, a.status, a.users, a.yearly_cost});
  }
  std::vector<DuplicateGroup> out;
  for (auto& [key, g] : groups) {
    std::set<std::int64_t> nodes;
    for (const auto& a : g.applications) nodes.insert(a.node_id);
    if (nodes.size() < 2) continue;
    g.agencies = static_cast<int>(nodes.size());
    std::sort(g.applications.begin(), g.applications.end(), [](const DuplicateApp& x, const DuplicateApp& y) {
      return x.agency != y.agency ? x.agency < y.agency : x.name < y.name;
    });
    for (const auto& a : g.applications) {
      g.users += a.users;
      g.yearly_cost += a.yearly_cost;
    }
    if (const GovFunction* f = FindFunction(g.function_code)) {
      g.function_name = f->Name(lang);
      g.national_app = f->national_app;
    } else {
      g.function_name = g.function_code;
    }
    out.push_back(std::move(g));
  }
  std::sort(out.begin(), out.end(), [](const DuplicateGroup& x, const DuplicateGroup& y) {
    if (x.government.name != y.government.name) return x.government.name < y.government.name;
    return x.function_code < y.function_code;
  });
  return out;
}

// ---- CSV ----

std::vector<std::string> SplitList(std::string_view text) {
  std::vector<std::string> out;
  std::string item;
  auto flush = [&] {
    std::string t = Trim(item);
    if (!t.empty()) out.push_back(std::move(t));
    item.clear();
  };
  for (char c : text) {
    if (c == ';' || c == '\n') {
      flush();
    } else {
      item += c;
    }
  }
  flush();
  return out;
}

std::string JoinList(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const auto& i : items) {
    if (!out.empty()) out += separator;
    out += i;
  }
  return out;
}

std::string LineText(std::string_view lang, int line, std::string_view column, std::string_view message) {
  return i18n::Tr(lang, "arch_csv_line",
                  {{"line", std::to_string(line)}, {"column", std::string(column)}, {"message", std::string(message)}});
}

Result<std::vector<CsvRecord>> SplitCsv(std::string_view text, std::string_view lang) {
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::vector<CsvRecord> out;
  int line = 1;
  std::size_t i = 0;
  while (i < text.size()) {
    CsvRecord rec;
    rec.line = line;
    rec.cells.emplace_back();
    bool quoted = false, was_quoted = false, ended = false;
    while (i < text.size() && !ended) {
      char c = text[i];
      if (quoted) {
        if (c == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            rec.cells.back() += '"';
            i += 2;
            continue;
          }
          quoted = false;
        } else {
          if (c == '\n') ++line;
          rec.cells.back() += c;
        }
        ++i;
      } else if (c == '"' && rec.cells.back().empty() && !was_quoted) {
        quoted = was_quoted = true;
        ++i;
      } else if (c == ',') {
        rec.cells.emplace_back();
        was_quoted = false;
        ++i;
      } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
        ++i;
      } else if (c == '\n') {
        ++line;
        ++i;
        ended = true;
      } else {
        rec.cells.back() += c;
        ++i;
      }
    }
    if (quoted) {
      return Error::Validation({{"csv", LineText(lang, rec.line, "-", i18n::Tr(lang, "arch_csv_unterminated"))}});
    }
    bool blank = rec.cells.size() == 1 && Trim(rec.cells.front()).empty();
    if (!blank) out.push_back(std::move(rec));
  }
  return out;
}

namespace {

// What the CSV export neutralised against formulas comes back as typed: a leading apostrophe before = + - @.
std::string Unneutralised(const std::string& cell) {
  if (cell.size() >= 2 && cell[0] == '\'' &&
      (cell[1] == '=' || cell[1] == '+' || cell[1] == '-' || cell[1] == '@' || cell[1] == '\t' || cell[1] == '\r')) {
    return cell.substr(1);
  }
  return cell;
}

const std::vector<std::string_view> kApplicationColumns{"instansi",
                                                        "nama",
                                                        "fungsi",
                                                        "unit_pemilik",
                                                        "pengguna",
                                                        "status",
                                                        "hosting",
                                                        "sumber",
                                                        "aplikasi_nasional",
                                                        "data",
                                                        "layanan_disediakan",
                                                        "layanan_digunakan",
                                                        "biaya_tahunan",
                                                        "keterangan"};
const std::vector<std::string_view> kDatasetColumns{"instansi",  "nama",    "pemilik", "klasifikasi", "data_pribadi",
                                                    "frekuensi", "terbuka", "status",  "keterangan"};
const std::vector<std::string_view> kInfrastructureColumns{"instansi",  "jenis",    "nama",   "lokasi",
                                                           "kapasitas", "penyedia", "status", "keterangan"};

// Which API member a CSV column feeds (field errors from the checks name members; a line error names the column).
const std::map<std::string, std::string, std::less<>> kColumnOfField{
    {"name", "nama"},
    {"function_code", "fungsi"},
    {"owner_unit", "unit_pemilik"},
    {"users", "pengguna"},
    {"status", "status"},
    {"hosting", "hosting"},
    {"source", "sumber"},
    {"national_app", "aplikasi_nasional"},
    {"datasets", "data"},
    {"bus_provides", "layanan_disediakan"},
    {"bus_uses", "layanan_digunakan"},
    {"yearly_cost", "biaya_tahunan"},
    {"description", "keterangan"},
    {"owner", "pemilik"},
    {"classification", "klasifikasi"},
    {"personal", "data_pribadi"},
    {"update_frequency", "frekuensi"},
    {"open", "terbuka"},
    {"kind", "jenis"},
    {"location", "lokasi"},
    {"capacity", "kapasitas"},
    {"provider", "penyedia"},
};

std::string ColumnOf(const std::string& field) {
  auto it = kColumnOfField.find(field);
  return it == kColumnOfField.end() ? field : it->second;
}

// A whole number as people type it in a spreadsheet: "120000000", "120.000.000", "Rp 120.000.000".
std::optional<long long> ParseAmount(std::string_view text) {
  std::string t = Trim(text);
  if (t.size() >= 2 && (t[0] == 'R' || t[0] == 'r') && (t[1] == 'p' || t[1] == 'P')) t = Trim(t.substr(2));
  if (t.empty()) return 0;
  long long v = 0;
  bool digit = false;
  for (char c : t) {
    if (c == '.' || c == ' ') continue;
    if (c < '0' || c > '9') return std::nullopt;
    if (v > kMaxCost) return std::nullopt;  // beyond every limit: refused, never wrapped
    v = v * 10 + (c - '0');
    digit = true;
  }
  if (!digit) return std::nullopt;
  return v;
}

std::optional<bool> ParseYesNo(std::string_view text) {
  std::string t = Lower(Trim(text));
  if (t == "ya" || t == "y" || t == "yes" || t == "true" || t == "1") return true;
  if (t == "tidak" || t == "t" || t == "no" || t == "false" || t == "0" || t.empty()) return false;
  return std::nullopt;
}

// A table's cells by column name, for one record.
struct Line {
  const CsvRecord* record = nullptr;
  const std::map<std::string, std::size_t>* index = nullptr;
  std::string Cell(const std::string& column) const {
    auto it = index->find(column);
    if (it == index->end() || it->second >= record->cells.size()) return "";
    return Unneutralised(record->cells[it->second]);
  }
  bool Has(const std::string& column) const { return index->count(column) > 0; }
};

template <class Input, class Fill, class Check>
Parsed<Input> ParseKindCsv(std::string_view text, std::string_view lang, const std::vector<std::string_view>& columns,
                           const std::vector<std::string_view>& required, Fill fill, Check check) {
  Parsed<Input> out;
  auto records = SplitCsv(text, lang);
  if (!records.ok()) {
    const auto& f = records.error().fields;
    out.errors.push_back({1, "csv", f.empty() ? records.error().detail : f.front().message});
    // The record's line is in the text; keep it as the error's line too.
    auto at = out.errors.back().detail.find_first_of("0123456789");
    if (at != std::string::npos) out.errors.back().line = std::atoi(out.errors.back().detail.c_str() + at);
    return out;
  }
  if (records->empty()) {
    out.errors.push_back({1, "csv", LineText(lang, 1, "-", i18n::Tr(lang, "arch_csv_header_missing"))});
    return out;
  }
  const CsvRecord& header = records->front();
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < header.cells.size(); ++i) {
    std::string name = Lower(Trim(header.cells[i]));
    if (std::find(columns.begin(), columns.end(), name) == columns.end()) {
      out.errors.push_back(
          {header.line, name, LineText(lang, header.line, name, i18n::Tr(lang, "arch_csv_column_unknown"))});
      continue;
    }
    if (!index.emplace(name, i).second) {
      out.errors.push_back(
          {header.line, name, LineText(lang, header.line, name, i18n::Tr(lang, "arch_csv_column_twice"))});
    }
  }
  for (auto r : required) {
    if (!index.count(std::string(r))) {
      out.errors.push_back(
          {header.line, std::string(r), LineText(lang, header.line, r, i18n::Tr(lang, "arch_csv_column_missing"))});
    }
  }
  if (!out.errors.empty()) return out;
  std::set<std::pair<std::string, std::string>> names;  // (agency, name key) within the file
  for (std::size_t r = 1; r < records->size(); ++r) {
    const CsvRecord& rec = (*records)[r];
    Line line{&rec, &index};
    if (rec.cells.size() > header.cells.size()) {
      out.errors.push_back({rec.line, "csv", LineText(lang, rec.line, "-", i18n::Tr(lang, "arch_csv_too_many_cells"))});
      continue;
    }
    ImportRow<Input> row;
    row.line = rec.line;
    row.agency = Lower(Trim(line.Cell("instansi")));
    std::vector<FieldError> errors;
    fill(line, row.input, errors);
    for (auto& e : check(row.input, lang)) errors.push_back(std::move(e));
    for (const auto& e : errors) {
      std::string column = ColumnOf(e.field);
      out.errors.push_back({rec.line, column, LineText(lang, rec.line, column, e.message)});
    }
    if (errors.empty()) {
      if (!names.insert({row.agency, NameKey(row.input.name)}).second) {
        out.errors.push_back(
            {rec.line, "nama", LineText(lang, rec.line, "nama", i18n::Tr(lang, "arch_csv_name_repeated"))});
        continue;
      }
      out.rows.push_back(std::move(row));
    }
  }
  if (!out.errors.empty()) out.rows.clear();
  return out;
}

void Amount(const Line& line, const char* column, const char* field, long long& into, std::vector<FieldError>& errors,
            std::string_view lang, const char* key) {
  if (!line.Has(column)) return;
  auto v = ParseAmount(line.Cell(column));
  if (!v) {
    errors.push_back({field, i18n::Tr(lang, key)});
  } else {
    into = *v;
  }
}

void YesNo(const Line& line, const char* column, const char* field, bool& into, std::vector<FieldError>& errors,
           std::string_view lang) {
  if (!line.Has(column)) return;
  auto v = ParseYesNo(line.Cell(column));
  if (!v) {
    errors.push_back({field, i18n::Tr(lang, "arch_error_yes_no")});
  } else {
    into = *v;
  }
}

void Text(const Line& line, const char* column, std::string& into) {
  if (line.Has(column)) into = line.Cell(column);
}

}  // namespace

const std::vector<std::string_view>& Columns(Kind k) {
  switch (k) {
    case Kind::kApplications:
      return kApplicationColumns;
    case Kind::kDatasets:
      return kDatasetColumns;
    case Kind::kInfrastructure:
      return kInfrastructureColumns;
  }
  return kApplicationColumns;
}

Parsed<ApplicationInput> ParseApplicationsCsv(std::string_view text, std::string_view lang) {
  return ParseKindCsv<ApplicationInput>(
      text, lang, kApplicationColumns, {"nama", "fungsi", "status"},
      [lang](const Line& line, ApplicationInput& in, std::vector<FieldError>& errors) {
        Text(line, "nama", in.name);
        Text(line, "fungsi", in.function_code);
        Text(line, "unit_pemilik", in.owner_unit);
        Amount(line, "pengguna", "users", in.users, errors, lang, "arch_error_users");
        Text(line, "status", in.status);
        Text(line, "hosting", in.hosting);
        Text(line, "sumber", in.source);
        Text(line, "aplikasi_nasional", in.national_app);
        if (line.Has("data")) in.datasets = SplitList(line.Cell("data"));
        if (line.Has("layanan_disediakan")) in.bus_provides = SplitList(line.Cell("layanan_disediakan"));
        if (line.Has("layanan_digunakan")) in.bus_uses = SplitList(line.Cell("layanan_digunakan"));
        Amount(line, "biaya_tahunan", "yearly_cost", in.yearly_cost, errors, lang, "arch_error_cost");
        Text(line, "keterangan", in.description);
      },
      [](ApplicationInput& in, std::string_view l) { return CheckApplication(in, l); });
}

Parsed<DatasetInput> ParseDatasetsCsv(std::string_view text, std::string_view lang) {
  return ParseKindCsv<DatasetInput>(
      text, lang, kDatasetColumns, {"nama", "klasifikasi"},
      [lang](const Line& line, DatasetInput& in, std::vector<FieldError>& errors) {
        Text(line, "nama", in.name);
        Text(line, "pemilik", in.owner);
        Text(line, "klasifikasi", in.classification);
        YesNo(line, "data_pribadi", "personal", in.personal, errors, lang);
        Text(line, "frekuensi", in.update_frequency);
        YesNo(line, "terbuka", "open", in.open, errors, lang);
        Text(line, "status", in.status);
        Text(line, "keterangan", in.description);
      },
      [](DatasetInput& in, std::string_view l) { return CheckDataset(in, l); });
}

Parsed<InfrastructureInput> ParseInfrastructureCsv(std::string_view text, std::string_view lang) {
  return ParseKindCsv<InfrastructureInput>(
      text, lang, kInfrastructureColumns, {"nama", "jenis"},
      [](const Line& line, InfrastructureInput& in, std::vector<FieldError>&) {
        Text(line, "jenis", in.kind);
        Text(line, "nama", in.name);
        Text(line, "lokasi", in.location);
        Text(line, "kapasitas", in.capacity);
        Text(line, "penyedia", in.provider);
        Text(line, "status", in.status);
        Text(line, "keterangan", in.description);
      },
      [](InfrastructureInput& in, std::string_view l) { return CheckInfrastructure(in, l); });
}

namespace {
CsvWriter Header(const std::vector<std::string_view>& columns) {
  CsvWriter w;
  for (auto c : columns) w.Text(c);
  w.EndRow();
  return w;
}
}  // namespace

std::string ApplicationsCsv(const std::vector<Application>& items) {
  CsvWriter w = Header(kApplicationColumns);
  for (const auto& a : items) {
    w.Text(a.node_slug)
        .Text(a.name)
        .Text(a.function_code)
        .Text(a.owner_unit)
        .Figure(a.users)
        .Text(a.status)
        .Text(a.hosting)
        .Text(a.source)
        .Text(a.national_app)
        .Text(JoinList(a.datasets, "; "))
        .Text(JoinList(a.bus_provides, "; "))
        .Text(JoinList(a.bus_uses, "; "))
        .Figure(a.yearly_cost)
        .Text(a.description)
        .EndRow();
  }
  return w.Take();
}

std::string DatasetsCsv(const std::vector<Dataset>& items) {
  CsvWriter w = Header(kDatasetColumns);
  for (const auto& d : items) {
    w.Text(d.node_slug)
        .Text(d.name)
        .Text(d.owner)
        .Text(d.classification)
        .Text(d.personal ? "ya" : "tidak")
        .Text(d.update_frequency)
        .Text(d.open ? "ya" : "tidak")
        .Text(d.status)
        .Text(d.description)
        .EndRow();
  }
  return w.Take();
}

std::string InfrastructureCsv(const std::vector<Infrastructure>& items) {
  CsvWriter w = Header(kInfrastructureColumns);
  for (const auto& i : items) {
    w.Text(i.node_slug)
        .Text(i.kind)
        .Text(i.name)
        .Text(i.location)
        .Text(i.capacity)
        .Text(i.provider)
        .Text(i.status)
        .Text(i.description)
        .EndRow();
  }
  return w.Take();
}

}  // namespace spbe::architecture
