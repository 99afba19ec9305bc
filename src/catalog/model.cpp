#include "catalog/model.hpp"

#include <re2/re2.h>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <cctype>
#include <charconv>
#include <map>
#include <set>

#include "platform/identifiers.hpp"

namespace spbe::catalog {
namespace {

// Patterns an agency admin writes for a form field, matched against what citizens type: RE2 (Debian's libre2), which
// runs in time linear in the input and never recurses, so no pattern and no input can hang or crash the server
// (std::regex backtracks exponentially on "(a+)+$" and overflows its stack on long input). A program size bound
// keeps "a{1000}{1000}" out.
std::unique_ptr<re2::RE2> CompilePattern(const std::string& pattern) {
  re2::RE2::Options options;
  options.set_log_errors(false);
  options.set_max_mem(1 << 20);
  auto re = std::make_unique<re2::RE2>(pattern, options);
  if (!re->ok() || re->ProgramSize() > 5000) return nullptr;
  return re;
}

bool ValidPattern(const std::string& pattern) { return CompilePattern(pattern) != nullptr; }

bool MatchesPattern(const std::string& text, const std::string& pattern) {
  auto re = CompilePattern(pattern);
  return re && re2::RE2::FullMatch(text, *re);
}

namespace json = boost::json;

template <typename E>
struct Named {
  E value;
  std::string_view name;
};

constexpr std::array<Named<FieldType>, 10> kFieldTypes = {{{FieldType::kText, "text"},
                                                           {FieldType::kLongText, "long_text"},
                                                           {FieldType::kNumber, "number"},
                                                           {FieldType::kDate, "date"},
                                                           {FieldType::kChoice, "choice"},
                                                           {FieldType::kNik, "nik"},
                                                           {FieldType::kRegion, "region"},
                                                           {FieldType::kEmail, "email"},
                                                           {FieldType::kPhone, "phone"},
                                                           {FieldType::kFile, "file"}}};
constexpr std::array<Named<StepAction>, 6> kActions = {{{StepAction::kVerify, "verify"},
                                                        {StepAction::kApprove, "approve"},
                                                        {StepAction::kForward, "forward"},
                                                        {StepAction::kReject, "reject"},
                                                        {StepAction::kReturn, "return"},
                                                        {StepAction::kNote, "note"}}};
constexpr std::array<Named<FileKind>, 3> kFileKinds = {
    {{FileKind::kPdf, "pdf"}, {FileKind::kJpeg, "jpeg"}, {FileKind::kPng, "png"}}};

template <typename E, std::size_t N>
std::string_view NameOf(const std::array<Named<E>, N>& table, E v) {
  for (const auto& row : table) {
    if (row.value == v) return row.name;
  }
  return "";
}

template <typename E, std::size_t N>
std::optional<E> Parse(const std::array<Named<E>, N>& table, std::string_view name) {
  for (const auto& row : table) {
    if (row.name == name) return row.value;
  }
  return std::nullopt;
}

bool IsIdentifier(std::string_view s) {
  if (s.empty() || s.size() > 40 || !std::islower(static_cast<unsigned char>(s[0]))) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_';
  });
}

std::optional<std::chrono::year_month_day> ParseIsoDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  int y = 0;
  unsigned m = 0, d = 0;
  if (std::from_chars(s.data(), s.data() + 4, y).ec != std::errc() ||
      std::from_chars(s.data() + 5, s.data() + 7, m).ec != std::errc() ||
      std::from_chars(s.data() + 8, s.data() + 10, d).ec != std::errc())
    return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)};
  if (!ymd.ok()) return std::nullopt;
  return ymd;
}

std::string FormatIsoDate(std::chrono::year_month_day d) {
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                     static_cast<unsigned>(d.day()));
}

// Reads a definition, collecting every problem with its path instead of stopping at the first.
class Reader {
 public:
  explicit Reader(std::string_view lang) : en_(lang == "en") {}

  void Fail(const std::string& path, std::string_view id, std::string_view en) {
    errors_.push_back({path, std::string(en_ ? en : id)});
  }
  std::vector<FieldError>& errors() { return errors_; }
  bool en() const { return en_; }

  const json::object* Object(const json::value* v, const std::string& path, bool required = true) {
    if (v && v->is_object()) return &v->as_object();
    if (v || required) Fail(path, "harus berupa objek", "must be an object");
    return nullptr;
  }
  const json::array* Array(const json::object& o, std::string_view key, const std::string& path,
                           bool required = false) {
    const json::value* v = o.if_contains(key);
    if (v && v->is_array()) return &v->as_array();
    if (v || required) Fail(path, "harus berupa daftar", "must be a list");
    return nullptr;
  }
  std::string String(const json::object& o, std::string_view key, const std::string& path, bool required = false,
                     std::size_t max = 4000) {
    const json::value* v = o.if_contains(key);
    if (!v || v->is_null()) {
      if (required) Fail(path, "wajib diisi", "is required");
      return {};
    }
    if (!v->is_string()) {
      Fail(path, "harus berupa teks", "must be text");
      return {};
    }
    std::string s(v->as_string());
    if (s.size() > max)
      Fail(path, fmt::format("paling banyak {} karakter", max), fmt::format("at most {} characters", max));
    if (required && s.empty()) Fail(path, "wajib diisi", "is required");
    return s;
  }
  // A LocalText is either a plain string (Indonesian) or {"id": ..., "en": ...}.
  LocalText Text(const json::object& o, std::string_view key, const std::string& path, bool required = false,
                 std::size_t max = 4000) {
    const json::value* v = o.if_contains(key);
    LocalText t;
    if (!v || v->is_null()) {
      if (required) Fail(path, "wajib diisi", "is required");
      return t;
    }
    if (v->is_string()) {
      t.id = v->as_string();
    } else if (v->is_object()) {
      t.id = String(v->as_object(), "id", path + ".id", required, max);
      t.en = String(v->as_object(), "en", path + ".en", false, max);
      return t;
    } else {
      Fail(path, "harus berupa teks atau {\"id\", \"en\"}", "must be text or {\"id\", \"en\"}");
      return t;
    }
    if (required && t.id.empty()) Fail(path, "wajib diisi", "is required");
    if (t.id.size() > max)
      Fail(path, fmt::format("paling banyak {} karakter", max), fmt::format("at most {} characters", max));
    return t;
  }
  std::optional<std::int64_t> Int(const json::object& o, std::string_view key, const std::string& path, std::int64_t lo,
                                  std::int64_t hi) {
    const json::value* v = o.if_contains(key);
    if (!v || v->is_null()) return std::nullopt;
    if (!v->is_int64() && !v->is_uint64()) {
      Fail(path, "harus berupa bilangan bulat", "must be a whole number");
      return std::nullopt;
    }
    std::int64_t n = v->is_int64() ? v->as_int64() : static_cast<std::int64_t>(v->as_uint64());
    if (n < lo || n > hi) {
      Fail(path, fmt::format("harus antara {} dan {}", lo, hi), fmt::format("must be between {} and {}", lo, hi));
      return std::nullopt;
    }
    return n;
  }
  bool Bool(const json::object& o, std::string_view key, const std::string& path) {
    const json::value* v = o.if_contains(key);
    if (!v || v->is_null()) return false;
    if (!v->is_bool()) {
      Fail(path, "harus true atau false", "must be true or false");
      return false;
    }
    return v->as_bool();
  }

 private:
  bool en_;
  std::vector<FieldError> errors_;
};

FormField ReadField(Reader& r, const json::object& o, const std::string& path) {
  FormField f;
  f.name = r.String(o, "name", path + ".name", true, 40);
  if (!f.name.empty() && !IsIdentifier(f.name)) {
    r.Fail(path + ".name", "huruf kecil, angka dan garis bawah, diawali huruf",
           "lower-case letters, digits and underscores, starting with a letter");
  }
  std::string type = r.String(o, "type", path + ".type", true, 20);
  if (auto t = ParseFieldType(type)) {
    f.type = *t;
  } else if (!type.empty()) {
    r.Fail(path + ".type", "jenis isian tidak dikenal", "unknown field type");
  }
  f.label = r.Text(o, "label", path + ".label", true, 200);
  f.help = r.Text(o, "help", path + ".help", false, 1000);
  f.required = r.Bool(o, "required", path + ".required");
  f.pattern = r.String(o, "pattern", path + ".pattern", false, 200);
  if (!f.pattern.empty() && !ValidPattern(f.pattern)) {
    r.Fail(path + ".pattern", "pola tidak valid", "not a valid pattern");
  }
  f.pattern_message = r.Text(o, "pattern_message", path + ".pattern_message", false, 300);
  f.min = r.Int(o, "min", path + ".min", -1'000'000'000'000, 1'000'000'000'000);
  f.max = r.Int(o, "max", path + ".max", -1'000'000'000'000, 1'000'000'000'000);
  if (f.min && f.max && *f.min > *f.max) r.Fail(path + ".max", "lebih kecil dari min", "is below min");
  for (const char* key : {"min_date", "max_date"}) {
    std::string d = r.String(o, key, path + "." + key, false, 10);
    if (!d.empty() && d != "today" && !ParseIsoDate(d)) {
      r.Fail(path + "." + key, "tanggal YYYY-MM-DD atau \"today\"", "a date YYYY-MM-DD or \"today\"");
    }
    (std::string_view(key) == "min_date" ? f.min_date : f.max_date) = d;
  }
  if (const auto* options = r.Array(o, "options", path + ".options")) {
    std::set<std::string> seen;
    for (std::size_t i = 0; i < options->size(); ++i) {
      std::string p = fmt::format("{}.options[{}]", path, i);
      const auto* opt = r.Object(&(*options)[i], p);
      if (!opt) continue;
      ChoiceOption c{r.String(*opt, "value", p + ".value", true, 100), r.Text(*opt, "label", p + ".label", true, 200)};
      if (!seen.insert(c.value).second) r.Fail(p + ".value", "nilai ganda", "duplicate value");
      f.options.push_back(std::move(c));
    }
  }
  if (f.type == FieldType::kChoice && f.options.empty()) {
    r.Fail(path + ".options", "pilihan wajib diisi untuk isian pilihan", "a choice field needs options");
  }
  std::string level = r.String(o, "region_level", path + ".region_level", false, 20);
  if (level == "kabupaten")
    f.region_level = RegionLevel::kKabupaten;
  else if (level == "kecamatan")
    f.region_level = RegionLevel::kKecamatan;
  else if (level.empty() || level == "kelurahan")
    f.region_level = RegionLevel::kKelurahan;
  else
    r.Fail(path + ".region_level", "kabupaten, kecamatan atau kelurahan", "kabupaten, kecamatan or kelurahan");
  if (const auto* accept = r.Array(o, "accept", path + ".accept")) {
    for (std::size_t i = 0; i < accept->size(); ++i) {
      auto kind = (*accept)[i].is_string() ? ParseFileKind((*accept)[i].as_string()) : std::nullopt;
      if (kind) {
        f.accept.push_back(*kind);
      } else {
        r.Fail(fmt::format("{}.accept[{}]", path, i), "pdf, jpeg atau png", "pdf, jpeg or png");
      }
    }
  }
  if (f.type == FieldType::kFile && f.accept.empty()) f.accept = {FileKind::kPdf, FileKind::kJpeg, FileKind::kPng};
  if (auto mb = r.Int(o, "max_bytes", path + ".max_bytes", 1024, 20 * 1024 * 1024)) f.max_bytes = *mb;
  return f;
}

Step ReadStep(Reader& r, const json::object& o, const std::string& path) {
  Step s;
  s.key = r.String(o, "key", path + ".key", true, 40);
  if (!s.key.empty() && !IsIdentifier(s.key)) {
    r.Fail(path + ".key", "huruf kecil, angka dan garis bawah, diawali huruf",
           "lower-case letters, digits and underscores, starting with a letter");
  }
  s.name = r.Text(o, "name", path + ".name", true, 200);
  if (auto node = r.Int(o, "node_id", path + ".node_id", 1, INT64_MAX)) {
    s.node_id = *node;
  } else if (!o.if_contains("node_id")) {
    r.Fail(path + ".node_id", "wajib diisi", "is required");
  }
  std::string role = r.String(o, "role", path + ".role", true, 30);
  if (auto parsed = access::ParseRole(role)) {
    s.role = *parsed;
  } else if (!role.empty()) {
    r.Fail(path + ".role", "peran tidak dikenal", "unknown role");
  }
  bool payment = o.if_contains("payment") && o.at("payment").is_bool() && o.at("payment").as_bool();
  if (const auto* actions = r.Array(o, "actions", path + ".actions", !payment)) {
    for (std::size_t i = 0; i < actions->size(); ++i) {
      auto a = (*actions)[i].is_string() ? ParseStepAction((*actions)[i].as_string()) : std::nullopt;
      if (a) {
        if (!s.Allows(*a)) s.actions.push_back(*a);
      } else {
        r.Fail(fmt::format("{}.actions[{}]", path, i), "tindakan tidak dikenal", "unknown action");
      }
    }
  }
  if (auto days = r.Int(o, "time_limit_days", path + ".time_limit_days", 1, 365)) {
    s.time_limit_days = static_cast<int>(*days);
  } else if (!o.if_contains("time_limit_days") && !payment) {
    r.Fail(path + ".time_limit_days", "wajib diisi", "is required");
  }
  s.next = r.String(o, "next", path + ".next", false, 40);
  if (const auto* pay = o.if_contains("payment")) {
    if (pay->is_bool()) {
      s.payment = pay->as_bool();
    } else {
      r.Fail(path + ".payment", "true atau false", "true or false");
    }
  }
  return s;
}

json::value TextJson(const LocalText& t) {
  if (t.en.empty()) return json::value(t.id);
  return json::object{{"id", t.id}, {"en", t.en}};
}

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

}  // namespace

std::string_view FieldTypeName(FieldType t) { return NameOf(kFieldTypes, t); }
std::optional<FieldType> ParseFieldType(std::string_view name) { return Parse(kFieldTypes, name); }
std::string_view StepActionName(StepAction a) { return NameOf(kActions, a); }
std::optional<StepAction> ParseStepAction(std::string_view name) { return Parse(kActions, name); }
std::string_view FileKindName(FileKind k) { return NameOf(kFileKinds, k); }
std::optional<FileKind> ParseFileKind(std::string_view name) { return Parse(kFileKinds, name); }

std::string_view FileKindMime(FileKind k) {
  switch (k) {
    case FileKind::kPdf:
      return "application/pdf";
    case FileKind::kJpeg:
      return "image/jpeg";
    case FileKind::kPng:
      return "image/png";
  }
  return "application/octet-stream";
}

std::optional<FileKind> SniffFileKind(std::string_view b) {
  if (b.size() >= 5 && b.substr(0, 5) == "%PDF-") return FileKind::kPdf;
  if (b.size() >= 3 && static_cast<unsigned char>(b[0]) == 0xFF && static_cast<unsigned char>(b[1]) == 0xD8 &&
      static_cast<unsigned char>(b[2]) == 0xFF)
    return FileKind::kJpeg;
  if (b.size() >= 8 && b.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8)) return FileKind::kPng;
  return std::nullopt;
}

bool Advances(StepAction a) {
  return a == StepAction::kVerify || a == StepAction::kApprove || a == StepAction::kForward;
}

bool Step::Allows(StepAction a) const { return std::find(actions.begin(), actions.end(), a) != actions.end(); }

const FormField* Form::Find(std::string_view name) const {
  for (const auto& f : fields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

const Step* Workflow::Find(std::string_view key) const {
  for (const auto& s : steps) {
    if (s.key == key) return &s;
  }
  return nullptr;
}

const std::vector<LifeEvent>& LifeEvents() {
  static const std::vector<LifeEvent> events = {
      {"kelahiran", "Kelahiran", "Birth"},
      {"kematian", "Kematian", "Death"},
      {"perkawinan", "Perkawinan", "Marriage"},
      {"pindah", "Pindah tempat tinggal", "Moving house"},
      {"pendidikan", "Pendidikan", "Education"},
      {"kesehatan", "Kesehatan", "Health"},
      {"usaha", "Usaha", "Business"},
      {"bangunan", "Bangunan", "Building"},
      {"kependudukan", "Kependudukan", "Civil registration"},
  };
  return events;
}

std::vector<FieldError> ValidateData(const Form& form, const boost::json::object& data, const FormContext& ctx,
                                     std::string_view lang, bool complete) {
  bool en = lang == "en";
  std::vector<FieldError> errors;
  auto fail = [&](const FormField& f, std::string id, std::string en_text) {
    errors.push_back({f.name, en ? std::move(en_text) : std::move(id)});
  };
  for (const auto& [key, value] : data) {
    if (!form.Find(key))
      errors.push_back({std::string(key), en ? "not a field of this form" : "bukan isian formulir ini"});
  }
  for (const auto& f : form.fields) {
    const json::value* v = data.if_contains(f.name);
    std::string text;
    if (v && v->is_string()) {
      text = v->as_string();
      while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
      std::size_t start = 0;
      while (start < text.size() && std::isspace(static_cast<unsigned char>(text[start]))) ++start;
      text.erase(0, start);
    } else if (v && f.type == FieldType::kNumber && (v->is_int64() || v->is_uint64())) {
      text = json::serialize(*v);
    } else if (v && f.type == FieldType::kFile && (v->is_int64() || v->is_uint64())) {
      text = json::serialize(*v);
    } else if (v && !v->is_null()) {
      fail(f, "jenis nilai tidak sesuai", "wrong kind of value");
      continue;
    }
    if (text.empty()) {
      if (f.required && complete) fail(f, "wajib diisi", "required");
      continue;
    }
    switch (f.type) {
      case FieldType::kText:
      case FieldType::kLongText: {
        // Characters, not bytes: names and addresses are UTF-8.
        std::int64_t chars = std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; });
        std::int64_t max = f.max.value_or(f.type == FieldType::kText ? 200 : 4000);
        if (f.min && chars < *f.min)
          fail(f, fmt::format("paling sedikit {} karakter", *f.min), fmt::format("at least {} characters", *f.min));
        else if (chars > max)
          fail(f, fmt::format("paling banyak {} karakter", max), fmt::format("at most {} characters", max));
        else if (!f.pattern.empty() && !MatchesPattern(text, f.pattern))
          fail(f, f.pattern_message.empty() ? "bentuknya tidak sesuai" : f.pattern_message.In("id"),
               f.pattern_message.empty() ? "not in the expected form" : f.pattern_message.In("en"));
        break;
      }
      case FieldType::kNumber: {
        std::int64_t n = 0;
        auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
        if (ec != std::errc() || p != text.data() + text.size())
          fail(f, "isi dengan bilangan bulat", "give a whole number");
        else if (f.min && n < *f.min)
          fail(f, fmt::format("paling kecil {}", *f.min), fmt::format("at least {}", *f.min));
        else if (f.max && n > *f.max)
          fail(f, fmt::format("paling besar {}", *f.max), fmt::format("at most {}", *f.max));
        break;
      }
      case FieldType::kDate: {
        auto d = ParseIsoDate(text);
        auto bound = [&](const std::string& b) { return b == "today" ? ctx.today : *ParseIsoDate(b); };
        if (!d)
          fail(f, "isi tanggal yang benar (TTTT-BB-HH)", "give a real date (YYYY-MM-DD)");
        else if (!f.min_date.empty() && *d < bound(f.min_date))
          fail(f, "tidak boleh sebelum " + FormatIsoDate(bound(f.min_date)),
               "may not be before " + FormatIsoDate(bound(f.min_date)));
        else if (!f.max_date.empty() && *d > bound(f.max_date))
          fail(f, "tidak boleh setelah " + FormatIsoDate(bound(f.max_date)),
               "may not be after " + FormatIsoDate(bound(f.max_date)));
        break;
      }
      case FieldType::kChoice:
        if (std::none_of(f.options.begin(), f.options.end(), [&](const ChoiceOption& o) { return o.value == text; }))
          fail(f, "pilih salah satu pilihan yang tersedia", "pick one of the options");
        break;
      case FieldType::kNik: {
        NikError why{};
        if (!ParseNik(text, ctx.region_exists, ctx.today, &why)) errors.push_back({f.name, NikErrorText(why, lang)});
        break;
      }
      case FieldType::kRegion: {
        int level = 1 + static_cast<int>(std::count(text.begin(), text.end(), '.'));
        if (level != static_cast<int>(f.region_level) ||
            !(ctx.region_offered ? ctx.region_offered(text) : ctx.region_exists(text)))
          fail(f, "pilih wilayah dari daftar", "pick a region from the list");
        break;
      }
      case FieldType::kEmail:
        if (!NormalizeEmail(text)) fail(f, "alamat surel tidak valid", "not a valid e-mail address");
        break;
      case FieldType::kPhone:
        if (!NormalizePhone(text))
          fail(f, "isi nomor ponsel, misalnya 0812 3456 7890", "give a mobile number such as 0812 3456 7890");
        break;
      case FieldType::kFile:
        break;  // an attachment id: the applications capability checks it belongs to the draft
    }
  }
  return errors;
}

// The fee: its kind and, for a formula, the tables and the rounding rule; every name the formula reads must be a
// required number field or a table over a required choice field that has a rate for each option.
void ReadFee(Reader& r, const json::object& fee, Definition& d) {
  std::string kind = r.String(fee, "kind", "fee.kind", true, 20);
  d.fee.basis = r.Text(fee, "basis", "fee.basis", false, 500);
  if (kind == "free") {
    d.fee.kind = FeeKind::kFree;
    return;
  }
  if (kind == "fixed") {
    d.fee.kind = FeeKind::kFixed;
    if (auto amount = r.Int(fee, "amount", "fee.amount", 1, 1'000'000'000'000)) {
      d.fee.amount = *amount;
    } else if (!fee.if_contains("amount")) {
      r.Fail("fee.amount", "wajib diisi untuk tarif tetap", "is required for a fixed fee");
    }
    return;
  }
  if (kind != "formula") {
    if (!kind.empty()) r.Fail("fee.kind", "free, fixed, atau formula", "free, fixed or formula");
    return;
  }
  d.fee.kind = FeeKind::kFormula;
  std::string text = r.String(fee, "formula", "fee.formula", true, 500);
  if (!text.empty()) {
    auto parsed = FeeFormula::Parse(text, r.en() ? "en" : "id");
    if (!parsed.ok()) {
      for (auto& e : parsed.error().fields) r.errors().push_back(std::move(e));
    } else {
      d.fee.formula = std::move(*parsed);
    }
  }
  if (const auto* tables = fee.if_contains("tables")) {
    if (!tables->is_object()) {
      r.Fail("fee.tables", "harus berupa objek", "must be an object");
    } else {
      for (const auto& [name, tv] : tables->as_object()) {
        std::string path = fmt::format("fee.tables.{}", std::string(name));
        const auto* to = r.Object(&tv, path);
        if (!to) continue;
        FeeTable t{std::string(name), r.String(*to, "by", path + ".by", true, 64), {}};
        if (const auto* values = r.Object(to->if_contains("values"), path + ".values")) {
          for (const auto& [k, v] : *values) {
            if (!v.is_int64() || v.as_int64() < 0) {
              r.Fail(path + ".values." + std::string(k), "harus berupa bilangan bulat rupiah", "must be whole rupiah");
              continue;
            }
            t.values[std::string(k)] = v.as_int64();
          }
        }
        const FormField* by = d.form.Find(t.by);
        if (!by || by->type != FieldType::kChoice) {
          r.Fail(path + ".by", "harus menyebut isian pilihan pada formulir", "must name a choice field of the form");
        } else {
          if (!by->required) r.Fail(path + ".by", "isian ini harus wajib diisi", "that field must be required");
          for (const auto& opt : by->options) {
            if (!t.values.count(opt.value)) {
              r.Fail(path + ".values", fmt::format("tarif untuk pilihan \"{}\" belum ada", opt.value),
                     fmt::format("no rate for the option \"{}\"", opt.value));
            }
          }
        }
        d.fee.tables.push_back(std::move(t));
      }
    }
  }
  if (const auto* rounding = r.Object(fee.if_contains("rounding"), "fee.rounding", false)) {
    std::string mode = r.String(*rounding, "mode", "fee.rounding.mode", false, 10);
    if (mode == "up") {
      d.fee.rounding = Rounding::kUp;
    } else if (mode == "down") {
      d.fee.rounding = Rounding::kDown;
    } else if (!mode.empty() && mode != "nearest") {
      r.Fail("fee.rounding.mode", "nearest, up, atau down", "nearest, up or down");
    }
    if (auto to = r.Int(*rounding, "to", "fee.rounding.to", 1, 1'000'000)) d.fee.round_to = *to;
  }
  if (auto minimum = r.Int(fee, "minimum", "fee.minimum", 0, 1'000'000'000'000)) d.fee.minimum = *minimum;
  if (d.fee.formula) {
    for (const auto& name : d.fee.formula->Names()) {
      bool table =
          std::any_of(d.fee.tables.begin(), d.fee.tables.end(), [&](const FeeTable& t) { return t.name == name; });
      const FormField* f = d.form.Find(name);
      if (table) continue;
      if (!f || f->type != FieldType::kNumber) {
        r.Fail("fee.formula", fmt::format("\"{}\" bukan isian angka ataupun tabel tarif", name),
               fmt::format("\"{}\" is neither a number field nor a table", name));
      } else if (!f->required) {
        r.Fail("fee.formula", fmt::format("isian \"{}\" harus wajib diisi", name),
               fmt::format("the field \"{}\" must be required", name));
      }
    }
  }
}

Result<Definition> ParseDefinition(const boost::json::value& v, std::string_view lang) {
  Reader r(lang);
  Definition d;
  const json::object* o = r.Object(&v, "definition");
  if (!o) return Error::Validation(std::move(r.errors()));
  d.name = r.Text(*o, "name", "name", true, 200);
  d.summary = r.Text(*o, "summary", "summary", false, 1000);
  if (const auto* events = r.Array(*o, "life_events", "life_events")) {
    for (std::size_t i = 0; i < events->size(); ++i) {
      const auto& e = (*events)[i];
      bool known = e.is_string() && std::any_of(LifeEvents().begin(), LifeEvents().end(),
                                                [&](const LifeEvent& l) { return l.key == e.as_string(); });
      if (known) {
        d.life_events.emplace_back(e.as_string());
      } else {
        r.Fail(fmt::format("life_events[{}]", i), "peristiwa hidup tidak dikenal", "unknown life event");
      }
    }
  }
  if (auto days = r.Int(*o, "time_limit_days", "time_limit_days", 1, 365)) {
    d.time_limit_days = static_cast<int>(*days);
  } else if (!o->if_contains("time_limit_days")) {
    r.Fail("time_limit_days", "wajib diisi", "is required");
  }
  d.deemed_granted = r.Bool(*o, "deemed_granted", "deemed_granted");

  if (const auto* st = r.Object(o->if_contains("standard"), "standard", false)) {
    if (const auto* basis = r.Array(*st, "legal_basis", "standard.legal_basis")) {
      for (std::size_t i = 0; i < basis->size(); ++i) {
        if ((*basis)[i].is_string() && !(*basis)[i].as_string().empty()) {
          d.standard.legal_basis.emplace_back((*basis)[i].as_string());
        } else {
          r.Fail(fmt::format("standard.legal_basis[{}]", i), "harus berupa teks", "must be text");
        }
      }
    }
    if (const auto* reqs = r.Array(*st, "requirements", "standard.requirements")) {
      for (std::size_t i = 0; i < reqs->size(); ++i) {
        json::object holder{{"t", (*reqs)[i]}};
        d.standard.requirements.push_back(r.Text(holder, "t", fmt::format("standard.requirements[{}]", i), true, 500));
      }
    }
    struct Part {
      const char* key;
      LocalText Standard::*member;
    };
    for (const Part& p : {Part{"output", &Standard::output}, Part{"facilities", &Standard::facilities},
                          Part{"competence", &Standard::competence}, Part{"supervision", &Standard::supervision},
                          Part{"complaints", &Standard::complaints}, Part{"staff", &Standard::staff},
                          Part{"guarantee", &Standard::guarantee}, Part{"security", &Standard::security},
                          Part{"evaluation", &Standard::evaluation}}) {
      d.standard.*p.member = r.Text(*st, p.key, std::string("standard.") + p.key, false, 2000);
    }
  }

  if (const auto* form = r.Object(o->if_contains("form"), "form", false)) {
    if (const auto* fields = r.Array(*form, "fields", "form.fields")) {
      std::set<std::string> names;
      for (std::size_t i = 0; i < fields->size(); ++i) {
        std::string path = fmt::format("form.fields[{}]", i);
        const auto* fo = r.Object(&(*fields)[i], path);
        if (!fo) continue;
        FormField f = ReadField(r, *fo, path);
        if (!f.name.empty() && !names.insert(f.name).second) r.Fail(path + ".name", "nama ganda", "duplicate name");
        d.form.fields.push_back(std::move(f));
      }
    }
  }

  if (const auto* wf = r.Object(o->if_contains("workflow"), "workflow", false)) {
    if (const auto* steps = r.Array(*wf, "steps", "workflow.steps")) {
      std::set<std::string> keys;
      for (std::size_t i = 0; i < steps->size(); ++i) {
        std::string path = fmt::format("workflow.steps[{}]", i);
        const auto* so = r.Object(&(*steps)[i], path);
        if (!so) continue;
        Step s = ReadStep(r, *so, path);
        if (!s.key.empty() && !keys.insert(s.key).second) r.Fail(path + ".key", "kunci ganda", "duplicate key");
        d.workflow.steps.push_back(std::move(s));
      }
    }
  }

  if (const auto* fee = r.Object(o->if_contains("fee"), "fee", false)) ReadFee(r, *fee, d);
  if (!r.errors().empty()) return Error::Validation(std::move(r.errors()));
  return d;
}

boost::json::object ToJson(const FormField& f) {
  json::object o{
      {"name", f.name}, {"type", FieldTypeName(f.type)}, {"label", TextJson(f.label)}, {"required", f.required}};
  if (!f.help.empty()) o["help"] = TextJson(f.help);
  if (!f.pattern.empty()) o["pattern"] = f.pattern;
  if (!f.pattern_message.empty()) o["pattern_message"] = TextJson(f.pattern_message);
  if (f.min) o["min"] = *f.min;
  if (f.max) o["max"] = *f.max;
  if (!f.min_date.empty()) o["min_date"] = f.min_date;
  if (!f.max_date.empty()) o["max_date"] = f.max_date;
  if (f.type == FieldType::kChoice) {
    json::array opts;
    for (const auto& c : f.options) opts.push_back({{"value", c.value}, {"label", TextJson(c.label)}});
    o["options"] = std::move(opts);
  }
  if (f.type == FieldType::kRegion) {
    o["region_level"] = f.region_level == RegionLevel::kKabupaten   ? "kabupaten"
                        : f.region_level == RegionLevel::kKecamatan ? "kecamatan"
                                                                    : "kelurahan";
  }
  if (f.type == FieldType::kFile) {
    json::array accept;
    for (auto k : f.accept) accept.emplace_back(FileKindName(k));
    o["accept"] = std::move(accept);
    o["max_bytes"] = f.max_bytes;
  }
  return o;
}

boost::json::object ToJson(const Definition& d) {
  json::object o{
      {"name", TextJson(d.name)}, {"time_limit_days", d.time_limit_days}, {"deemed_granted", d.deemed_granted}};
  if (!d.summary.empty()) o["summary"] = TextJson(d.summary);
  o["life_events"] = json::array(d.life_events.begin(), d.life_events.end());
  json::object st;
  st["legal_basis"] = json::array(d.standard.legal_basis.begin(), d.standard.legal_basis.end());
  json::array reqs;
  for (const auto& r : d.standard.requirements) reqs.push_back(TextJson(r));
  st["requirements"] = std::move(reqs);
  auto put = [&](const char* key, const LocalText& t) {
    if (!t.empty()) st[key] = TextJson(t);
  };
  put("output", d.standard.output);
  put("facilities", d.standard.facilities);
  put("competence", d.standard.competence);
  put("supervision", d.standard.supervision);
  put("complaints", d.standard.complaints);
  put("staff", d.standard.staff);
  put("guarantee", d.standard.guarantee);
  put("security", d.standard.security);
  put("evaluation", d.standard.evaluation);
  o["standard"] = std::move(st);
  json::array fields;
  for (const auto& f : d.form.fields) fields.push_back(ToJson(f));
  o["form"] = json::object{{"fields", std::move(fields)}};
  json::array steps;
  for (const auto& s : d.workflow.steps) {
    json::array actions;
    for (auto a : s.actions) actions.emplace_back(StepActionName(a));
    json::object so{{"key", s.key},
                    {"name", TextJson(s.name)},
                    {"node_id", s.node_id},
                    {"role", access::RoleName(s.role)},
                    {"actions", std::move(actions)},
                    {"time_limit_days", s.time_limit_days}};
    if (!s.next.empty()) so["next"] = s.next;
    if (s.payment) so["payment"] = true;
    steps.push_back(std::move(so));
  }
  o["workflow"] = json::object{{"steps", std::move(steps)}};
  json::object fee{{"kind", FeeKindName(d.fee.kind)}};
  if (d.fee.kind == FeeKind::kFixed) fee["amount"] = d.fee.amount;
  if (d.fee.kind == FeeKind::kFormula) {
    if (d.fee.formula) fee["formula"] = d.fee.formula->text();
    json::object tables;
    for (const auto& t : d.fee.tables) {
      json::object values;
      for (const auto& [k, v] : t.values) values[k] = v;
      tables[t.name] = json::object{{"by", t.by}, {"values", std::move(values)}};
    }
    if (!tables.empty()) fee["tables"] = std::move(tables);
    fee["rounding"] = json::object{{"mode", RoundingName(d.fee.rounding)}, {"to", d.fee.round_to}};
    if (d.fee.minimum > 0) fee["minimum"] = d.fee.minimum;
  }
  if (!d.fee.basis.empty()) fee["basis"] = TextJson(d.fee.basis);
  o["fee"] = std::move(fee);
  return o;
}

std::vector<FieldError> ValidateForPublish(const Definition& d, std::string_view lang) {
  bool en = lang == "en";
  std::vector<FieldError> errors;
  auto fail = [&](std::string path, const char* id, const char* en_text) {
    errors.push_back({std::move(path), en ? en_text : id});
  };
  if (d.standard.legal_basis.empty())
    fail("standard.legal_basis", "dasar hukum wajib dicantumkan", "give the legal basis");
  if (d.standard.output.empty()) fail("standard.output", "produk layanan wajib dicantumkan", "name the output");
  if (d.standard.complaints.empty())
    fail("standard.complaints", "saluran pengaduan wajib dicantumkan", "give the complaint channel");
  if (d.fee.kind != FeeKind::kFree && d.fee.basis.empty())
    fail("fee.basis", "tarif harus menyebut dasar hukumnya", "a fee must name the regulation that sets it");
  const auto& steps = d.workflow.steps;
  if (steps.empty()) {
    fail("workflow.steps", "alur kerja belum punya langkah", "the workflow has no steps");
    return errors;
  }
  // Follow "next" from the first step: every step once, no loop, ending at a step without "next".
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < steps.size(); ++i) index[steps[i].key] = i;
  std::set<std::size_t> visited;
  std::size_t at = 0;
  int total_days = 0;
  for (;;) {
    if (!visited.insert(at).second) {
      fail(fmt::format("workflow.steps[{}].next", at), "alur berputar dan tidak pernah selesai",
           "the workflow loops and never ends");
      break;
    }
    if (!steps[at].payment) total_days += steps[at].time_limit_days;  // the clock stands still while paying
    const std::string& next = steps[at].next;
    if (next.empty()) {
      if (steps[at].payment) {
        fail(fmt::format("workflow.steps[{}].next", at), "pembayaran tidak boleh menjadi langkah terakhir",
             "payment cannot be the last step");
      } else if (!steps[at].Allows(StepAction::kApprove))
        fail(fmt::format("workflow.steps[{}].actions", at), "langkah terakhir harus dapat menyetujui",
             "the last step must be able to approve");
      break;
    }
    auto it = index.find(next);
    if (it == index.end()) {
      fail(fmt::format("workflow.steps[{}].next", at), "langkah berikutnya tidak ada", "the next step does not exist");
      break;
    }
    at = it->second;
  }
  for (std::size_t i = 0; i < steps.size(); ++i) {
    std::string path = fmt::format("workflow.steps[{}]", i);
    if (!visited.count(i) && errors.empty())
      fail(path, "langkah ini tidak pernah dicapai dari langkah pertama", "this step is never reached from the first");
    if (steps[i].payment) {
      if (d.fee.kind == FeeKind::kFree)
        fail(path + ".payment", "layanan gratis tidak punya langkah pembayaran", "a free service has no payment step");
      if (i == 0)
        fail(path + ".payment", "pembayaran menyusul verifikasi berkas, bukan langkah pertama",
             "payment follows a check of the file; it cannot be the first step");
      continue;
    }
    if (std::none_of(steps[i].actions.begin(), steps[i].actions.end(), Advances))
      fail(path + ".actions", "langkah harus dapat meneruskan berkas (verify, approve atau forward)",
           "the step must be able to move the file on (verify, approve or forward)");
  }
  if (errors.empty() && total_days > d.time_limit_days)
    fail("time_limit_days", "batas waktu langkah-langkah melebihi batas waktu layanan",
         "the steps' time limits add up to more than the service's");
  return errors;
}

std::string Stem(std::string_view word_in) {
  std::string w;
  for (char c : word_in) w += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (w.size() <= 4) return w;
  auto strip_suffix = [&](std::string_view suf) {
    if (w.size() > suf.size() + 3 && w.compare(w.size() - suf.size(), suf.size(), suf) == 0) {
      w.resize(w.size() - suf.size());
      return true;
    }
    return false;
  };
  // Particles and possessives first, then derivational suffixes (Nazief-Adriani order, simplified).
  for (std::string_view s : {"lah", "kah", "tah", "pun"}) {
    if (strip_suffix(s)) break;
  }
  for (std::string_view s : {"nya", "ku", "mu"}) {
    if (strip_suffix(s)) break;
  }
  bool suffix = strip_suffix("kan") || strip_suffix("an") || (w.size() > 5 && strip_suffix("i"));
  (void)suffix;
  auto starts = [&](std::string_view p) { return w.size() > p.size() + 2 && w.compare(0, p.size(), p) == 0; };
  for (int round = 0; round < 2; ++round) {
    if (starts("meng") || starts("peng")) {
      w.erase(0, 4);
    } else if (starts("meny") || starts("peny")) {
      w = "s" + w.substr(4);
    } else if (starts("mem") || starts("pem")) {
      w = (IsVowel(w[3]) ? "p" : "") + w.substr(3);
    } else if (starts("men") || starts("pen")) {
      w = (IsVowel(w[3]) ? "t" : "") + w.substr(3);
    } else if (starts("ber") || starts("ter") || starts("per")) {
      w.erase(0, 3);
    } else if (starts("di") || starts("ke") || starts("se")) {
      w.erase(0, 2);
    } else if (starts("me") || starts("pe") || starts("be")) {
      w.erase(0, 2);
    } else {
      break;
    }
  }
  return w;
}

std::vector<std::string> SearchTerms(std::string_view text) {
  std::vector<std::string> out;
  std::string word;
  auto flush = [&] {
    if (word.size() >= 2) {
      std::string s = Stem(word);
      if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(std::move(s));
    }
    word.clear();
  };
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c)) || (c & 0x80)) {
      word += c;
    } else {
      flush();
    }
  }
  flush();
  return out;
}

std::string SearchText(const Definition& d, std::string_view agency_name) {
  std::string all = d.name.id + " " + d.name.en + " " + d.summary.id + " " + d.summary.en + " " + d.standard.output.id +
                    " " + d.standard.output.en + " " + std::string(agency_name);
  for (const auto& e : d.life_events) {
    for (const auto& l : LifeEvents()) {
      if (l.key == e) all += " " + std::string(l.id) + " " + std::string(l.en);
    }
  }
  std::string out = " ";
  for (const auto& t : SearchTerms(all)) out += t + " ";
  return out;
}

std::string_view FeeKindName(FeeKind k) {
  switch (k) {
    case FeeKind::kFixed:
      return "fixed";
    case FeeKind::kFormula:
      return "formula";
    case FeeKind::kFree:
      break;
  }
  return "free";
}

Result<std::int64_t> FeeFor(const Definition& d, const json::object& data, std::string_view lang) {
  bool en = lang == "en";
  switch (d.fee.kind) {
    case FeeKind::kFree:
      return std::int64_t{0};
    case FeeKind::kFixed:
      return d.fee.amount;
    case FeeKind::kFormula:
      break;
  }
  if (!d.fee.formula) return Error::Of(ErrorCode::kInternal, "a formula fee without a formula");
  std::map<std::string, FeeFormula::Fraction> values;
  for (const auto& name : d.fee.formula->Names()) {
    auto table =
        std::find_if(d.fee.tables.begin(), d.fee.tables.end(), [&](const FeeTable& t) { return t.name == name; });
    if (table != d.fee.tables.end()) {
      const auto* v = data.if_contains(table->by);
      auto rate = v && v->is_string() ? table->values.find(std::string(v->as_string())) : table->values.end();
      if (rate == table->values.end()) {
        return Error::Validation({{table->by, en ? "choose one of the options" : "pilih salah satu pilihan"}});
      }
      values[name] = {rate->second, 1};
      continue;
    }
    const auto* v = data.if_contains(name);
    std::int64_t n = 0;
    bool ok = false;
    if (v && v->is_int64()) {
      n = v->as_int64();
      ok = true;
    } else if (v && v->is_string()) {
      std::string_view t = v->as_string();
      auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), n);
      ok = ec == std::errc() && end == t.data() + t.size();
    }
    if (!ok) return Error::Validation({{name, en ? "a whole number is needed" : "isi dengan bilangan bulat"}});
    values[name] = {n, 1};
  }
  auto exact = d.fee.formula->Evaluate(values, lang);
  if (!exact.ok()) return exact.error();
  return std::max(d.fee.minimum, RoundRupiah(*exact, d.fee.rounding, d.fee.round_to));
}

std::string DescribeFormula(const Definition& d, std::string_view lang) {
  if (!d.fee.formula) return {};
  bool en = lang == "en";
  const std::string& text = d.fee.formula->text();
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    char c = text[i];
    if (std::islower(static_cast<unsigned char>(c))) {
      std::size_t start = i;
      while (i < text.size() && (std::islower(static_cast<unsigned char>(text[i])) ||
                                 std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '_')) {
        ++i;
      }
      std::string name = text.substr(start, i - start);
      auto table =
          std::find_if(d.fee.tables.begin(), d.fee.tables.end(), [&](const FeeTable& t) { return t.name == name; });
      if (table != d.fee.tables.end()) {
        const FormField* by = d.form.Find(table->by);
        out += (en ? "the rate by " : "tarif menurut ") + (by ? by->label.In(lang) : table->by);
      } else if (const FormField* f = d.form.Find(name)) {
        out += f->label.In(lang);
      } else {
        out += name;
      }
      continue;
    }
    if (c == '*') {
      out += "\u00d7";
    } else if (c == '/') {
      out += "\u00f7";
    } else {
      out += c;
    }
    ++i;
  }
  return out;
}

}  // namespace spbe::catalog
