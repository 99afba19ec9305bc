// Reading a service definition from JSON, every problem with its path (the form's fields, the workflow's steps,
// the standard; the fee in fee_rules.cpp), and writing one back as JSON.
#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <cstdint>
#include <set>

#include "catalog/model.hpp"
#include "catalog/model_detail.hpp"
#include "platform/i18n.hpp"

namespace spbe::catalog {

using detail::ParseIsoDate;
using detail::Reader;
using detail::ReadFee;
using detail::ValidPattern;

namespace {

namespace json = boost::json;

bool IsIdentifier(std::string_view s) {
  if (s.empty() || s.size() > 40 || !std::islower(static_cast<unsigned char>(s[0]))) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_';
  });
}

// "prefill": {"service": "member/system/service", "path": "/penduduk/{value}", "fill": {"nama_ayah": "nama"}}. That
// the filled fields exist is checked with the whole form (CheckPrefills).
void ReadPrefill(Reader& r, const json::object& o, const std::string& field_path, FormField& f) {
  const std::string_view lang = r.lang();
  std::string path = field_path + ".prefill";
  Prefill p;
  p.service = r.String(o, "service", path + ".service", true, 130);
  int slashes = static_cast<int>(std::count(p.service.begin(), p.service.end(), '/'));
  if (!p.service.empty() && (slashes != 2 || p.service.front() == '/' || p.service.back() == '/' ||
                             p.service.find("//") != std::string::npos)) {
    r.Fail(path + ".service", i18n::Tr(lang, "catalog_prefill_service"));
  }
  p.path = r.String(o, "path", path + ".path", true, 300);
  if (!p.path.empty() && (p.path.front() != '/' || p.path.find("{value}") == std::string::npos)) {
    r.Fail(path + ".path", i18n::Tr(lang, "catalog_prefill_path"));
  }
  if (f.type != FieldType::kText && f.type != FieldType::kNik) {
    r.Fail(path, i18n::Tr(lang, "catalog_prefill_type"));
  }
  if (const auto* fill = r.Object(o.if_contains("fill"), path + ".fill")) {
    for (const auto& [target, member] : *fill) {
      if (!member.is_string() || member.as_string().empty() || member.as_string().size() > 60) {
        r.Fail(path + ".fill." + std::string(target), i18n::Tr(lang, "catalog_must_be_text"));
        continue;
      }
      p.fill.emplace_back(std::string(target), std::string(member.as_string()));
    }
    if (p.fill.empty() || p.fill.size() > 20) r.Fail(path + ".fill", i18n::Tr(lang, "catalog_prefill_fill"));
  }
  f.prefill = std::move(p);
}

// Every field a prefill fills exists, is a text field, and is not the asking field itself.
void CheckPrefills(Reader& r, const Form& form) {
  for (std::size_t i = 0; i < form.fields.size(); ++i) {
    const auto& f = form.fields[i];
    if (!f.prefill) continue;
    for (const auto& [target, member] : f.prefill->fill) {
      const FormField* t = form.Find(target);
      if (!t || t == &f ||
          (t->type != FieldType::kText && t->type != FieldType::kLongText && t->type != FieldType::kDate &&
           t->type != FieldType::kChoice)) {
        r.Fail(fmt::format("form.fields[{}].prefill.fill.{}", i, target), i18n::Tr(r.lang(), "catalog_prefill_target"));
      }
    }
  }
}

FormField ReadField(Reader& r, const json::object& o, const std::string& path) {
  const std::string_view lang = r.lang();
  FormField f;
  f.name = r.String(o, "name", path + ".name", true, 40);
  if (!f.name.empty() && !IsIdentifier(f.name)) {
    r.Fail(path + ".name", i18n::Tr(lang, "catalog_identifier_invalid"));
  }
  std::string type = r.String(o, "type", path + ".type", true, 20);
  if (auto t = ParseFieldType(type)) {
    f.type = *t;
  } else if (!type.empty()) {
    r.Fail(path + ".type", i18n::Tr(lang, "catalog_field_type_unknown"));
  }
  f.label = r.Text(o, "label", path + ".label", true, 200);
  f.help = r.Text(o, "help", path + ".help", false, 1000);
  f.required = r.Bool(o, "required", path + ".required");
  f.pattern = r.String(o, "pattern", path + ".pattern", false, 200);
  if (!f.pattern.empty() && !ValidPattern(f.pattern)) {
    r.Fail(path + ".pattern", i18n::Tr(lang, "catalog_pattern_invalid"));
  }
  f.pattern_message = r.Text(o, "pattern_message", path + ".pattern_message", false, 300);
  f.min = r.Int(o, "min", path + ".min", -1'000'000'000'000, 1'000'000'000'000);
  f.max = r.Int(o, "max", path + ".max", -1'000'000'000'000, 1'000'000'000'000);
  if (f.min && f.max && *f.min > *f.max) r.Fail(path + ".max", i18n::Tr(lang, "catalog_max_below_min"));
  for (const char* key : {"min_date", "max_date"}) {
    std::string d = r.String(o, key, path + "." + key, false, 10);
    if (!d.empty() && d != "today" && !ParseIsoDate(d)) {
      r.Fail(path + "." + key, i18n::Tr(lang, "catalog_date_bound_invalid"));
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
      if (!seen.insert(c.value).second) r.Fail(p + ".value", i18n::Tr(lang, "catalog_option_duplicate"));
      f.options.push_back(std::move(c));
    }
  }
  if (f.type == FieldType::kChoice && f.options.empty()) {
    r.Fail(path + ".options", i18n::Tr(lang, "catalog_options_required"));
  }
  std::string level = r.String(o, "region_level", path + ".region_level", false, 20);
  if (level == "kabupaten")
    f.region_level = RegionLevel::kKabupaten;
  else if (level == "kecamatan")
    f.region_level = RegionLevel::kKecamatan;
  else if (level.empty() || level == "kelurahan")
    f.region_level = RegionLevel::kKelurahan;
  else
    r.Fail(path + ".region_level", i18n::Tr(lang, "catalog_region_level_invalid"));
  if (const auto* accept = r.Array(o, "accept", path + ".accept")) {
    for (std::size_t i = 0; i < accept->size(); ++i) {
      auto kind = (*accept)[i].is_string() ? ParseFileKind((*accept)[i].as_string()) : std::nullopt;
      if (kind) {
        f.accept.push_back(*kind);
      } else {
        r.Fail(fmt::format("{}.accept[{}]", path, i), i18n::Tr(lang, "catalog_file_kind_invalid"));
      }
    }
  }
  if (f.type == FieldType::kFile && f.accept.empty()) f.accept = {FileKind::kPdf, FileKind::kJpeg, FileKind::kPng};
  if (auto mb = r.Int(o, "max_bytes", path + ".max_bytes", 1024, 20 * 1024 * 1024)) f.max_bytes = *mb;
  if (const auto* p = r.Object(o.if_contains("prefill"), path + ".prefill", false)) ReadPrefill(r, *p, path, f);
  return f;
}

Step ReadStep(Reader& r, const json::object& o, const std::string& path) {
  const std::string_view lang = r.lang();
  Step s;
  s.key = r.String(o, "key", path + ".key", true, 40);
  if (!s.key.empty() && !IsIdentifier(s.key)) {
    r.Fail(path + ".key", i18n::Tr(lang, "catalog_identifier_invalid"));
  }
  s.name = r.Text(o, "name", path + ".name", true, 200);
  if (auto node = r.Int(o, "node_id", path + ".node_id", 1, INT64_MAX)) {
    s.node_id = *node;
  } else if (!o.if_contains("node_id")) {
    r.Fail(path + ".node_id", i18n::Tr(lang, "catalog_required"));
  }
  std::string role = r.String(o, "role", path + ".role", true, 30);
  if (auto parsed = access::ParseRole(role)) {
    s.role = *parsed;
  } else if (!role.empty()) {
    r.Fail(path + ".role", i18n::Tr(lang, "catalog_role_unknown"));
  }
  bool payment = o.if_contains("payment") && o.at("payment").is_bool() && o.at("payment").as_bool();
  if (const auto* actions = r.Array(o, "actions", path + ".actions", !payment)) {
    for (std::size_t i = 0; i < actions->size(); ++i) {
      auto a = (*actions)[i].is_string() ? ParseStepAction((*actions)[i].as_string()) : std::nullopt;
      if (a) {
        if (!s.Allows(*a)) s.actions.push_back(*a);
      } else {
        r.Fail(fmt::format("{}.actions[{}]", path, i), i18n::Tr(lang, "catalog_action_unknown"));
      }
    }
  }
  if (auto days = r.Int(o, "time_limit_days", path + ".time_limit_days", 1, 365)) {
    s.time_limit_days = static_cast<int>(*days);
  } else if (!o.if_contains("time_limit_days") && !payment) {
    r.Fail(path + ".time_limit_days", i18n::Tr(lang, "catalog_required"));
  }
  s.next = r.String(o, "next", path + ".next", false, 40);
  if (const auto* pay = o.if_contains("payment")) {
    if (pay->is_bool()) {
      s.payment = pay->as_bool();
    } else {
      r.Fail(path + ".payment", i18n::Tr(lang, "catalog_true_or_false"));
    }
  }
  return s;
}

json::value TextJson(const LocalText& t) {
  if (t.en.empty()) return json::value(t.id);
  return json::object{{"id", t.id}, {"en", t.en}};
}

}  // namespace

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
        r.Fail(fmt::format("life_events[{}]", i), i18n::Tr(lang, "catalog_life_event_unknown"));
      }
    }
  }
  if (auto days = r.Int(*o, "time_limit_days", "time_limit_days", 1, 365)) {
    d.time_limit_days = static_cast<int>(*days);
  } else if (!o->if_contains("time_limit_days")) {
    r.Fail("time_limit_days", i18n::Tr(lang, "catalog_required"));
  }
  d.deemed_granted = r.Bool(*o, "deemed_granted", "deemed_granted");

  if (const auto* st = r.Object(o->if_contains("standard"), "standard", false)) {
    if (const auto* basis = r.Array(*st, "legal_basis", "standard.legal_basis")) {
      for (std::size_t i = 0; i < basis->size(); ++i) {
        if ((*basis)[i].is_string() && !(*basis)[i].as_string().empty()) {
          d.standard.legal_basis.emplace_back((*basis)[i].as_string());
        } else {
          r.Fail(fmt::format("standard.legal_basis[{}]", i), i18n::Tr(lang, "catalog_must_be_text"));
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
        if (!f.name.empty() && !names.insert(f.name).second)
          r.Fail(path + ".name", i18n::Tr(lang, "catalog_field_name_duplicate"));
        d.form.fields.push_back(std::move(f));
      }
      CheckPrefills(r, d.form);
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
        if (!s.key.empty() && !keys.insert(s.key).second)
          r.Fail(path + ".key", i18n::Tr(lang, "catalog_step_key_duplicate"));
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
  if (f.prefill) {
    json::object fill;
    for (const auto& [target, member] : f.prefill->fill) fill[target] = member;
    o["prefill"] = {{"service", f.prefill->service}, {"path", f.prefill->path}, {"fill", std::move(fill)}};
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

}  // namespace spbe::catalog
