// The fields of a service's form as the form page shows them: each with its value, its error, its note, and what
// its kind needs (the choices, the places the service offers, the files it takes).
#include "applications/form_fields.hpp"

namespace spbe::applications {

namespace {

namespace json = boost::json;
using catalog::FieldType;

std::string Lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string Accept(const catalog::FormField& f) {
  std::string out;
  for (auto k : f.accept) {
    out += (out.empty() ? "" : ",") + std::string(catalog::FileKindMime(k));
    out += k == catalog::FileKind::kPdf ? ",.pdf" : k == catalog::FileKind::kJpeg ? ",.jpg,.jpeg" : ",.png";
  }
  return out;
}

std::string Kinds(const catalog::FormField& f) {
  std::string out;
  for (auto k : f.accept) out += (out.empty() ? "" : ", ") + Lower(std::string(catalog::FileKindName(k)));
  return out;
}

}  // namespace

json::array FormFields(org::OrgService& org, const catalog::ServiceView& sv, const json::object& values,
                       const std::map<std::string, std::string>& errors, const std::vector<FileRow>& files,
                       const std::map<std::string, std::string>& notes, std::string_view lang) {
  json::array out;
  for (const auto& f : sv.definition.form.fields) {
    std::string value;
    if (auto* v = values.if_contains(f.name); v && v->is_string()) value = std::string(v->as_string());
    if (auto* v = values.if_contains(f.name); v && v->is_int64() && f.type != FieldType::kFile)
      value = std::to_string(v->as_int64());
    json::object o{{"name", f.name},          {"id", "f-" + f.name},    {"label", f.label.In(lang)},
                   {"help", f.help.In(lang)}, {"required", f.required}, {"value", value}};
    auto it = errors.find(f.name);
    if (it != errors.end()) o["error"] = it->second;
    if (auto n = notes.find(f.name); n != notes.end()) o["note"] = n->second;
    if (f.prefill) o["prefill"] = true;
    switch (f.type) {
      case FieldType::kLongText:
        o["is_textarea"] = true;
        break;
      case FieldType::kChoice: {
        json::array options;
        for (const auto& c : f.options) {
          options.push_back({{"value", c.value}, {"label", c.label.In(lang)}, {"selected", c.value == value}});
        }
        o["is_choice"] = true;
        o["options"] = std::move(options);
        break;
      }
      case FieldType::kRegion: {
        json::array options;
        auto kab = org.Enclosing(sv.service.node_path, org::NodeKind::kKabupatenKota);
        if (f.region_level == catalog::RegionLevel::kKelurahan && kab) {
          for (const auto& n : org.OfKindUnder(kab->path, org::NodeKind::kKelurahanDesa)) {
            if (!n.region_code.empty())
              options.push_back({{"value", n.region_code}, {"label", n.name}, {"selected", n.region_code == value}});
          }
        } else if (f.region_level == catalog::RegionLevel::kKecamatan && kab) {
          for (const auto& r : org.RegionsUnder(kab->region_code)) {
            options.push_back({{"value", r.code}, {"label", r.name}, {"selected", r.code == value}});
          }
        } else if (kab) {
          for (const auto& r : org.RegionsUnder(kab->region_code.substr(0, 2))) {
            options.push_back({{"value", r.code}, {"label", r.name}, {"selected", r.code == value}});
          }
        }
        o["is_choice"] = true;
        o["options"] = std::move(options);
        break;
      }
      case FieldType::kFile: {
        o["is_file"] = true;
        o["accept"] = Accept(f);
        o["kinds"] = Kinds(f);
        o["max_kb"] = f.max_bytes / 1024;
        for (const auto& file : files) {
          if (file.field == f.name) o["attached"] = file.file_name;  // the newest wins
        }
        break;
      }
      default: {
        o["is_input"] = true;
        const char* type = f.type == FieldType::kNumber  ? "number"
                           : f.type == FieldType::kDate  ? "date"
                           : f.type == FieldType::kEmail ? "email"
                           : f.type == FieldType::kPhone ? "tel"
                                                         : "text";
        o["input_type"] = type;
        if (f.type == FieldType::kNik) o["inputmode"] = "numeric";
        if (f.type == FieldType::kPhone) o["autocomplete"] = "tel";
        if (f.type == FieldType::kEmail) o["autocomplete"] = "email";
        if (f.type == FieldType::kNumber && f.min) o["min"] = *f.min;
        if (f.type == FieldType::kNumber && f.max) o["max"] = *f.max;
      }
    }
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace spbe::applications
