#include "catalog/editor.hpp"

#include <boost/json.hpp>
#include <charconv>
#include <sstream>

#include "catalog/model.hpp"

namespace spbe::catalog {
namespace {

namespace json = boost::json;
using Posted = std::map<std::string, std::string>;

std::string Get(const Posted& form, const std::string& key) {
  auto it = form.find(key);
  return it == form.end() ? std::string() : it->second;
}

std::string Trim(std::string_view s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

// "x", or {"id", "en"} when English is given: the shape ToJson writes.
json::value Text(const std::string& id, const std::string& en) {
  if (Trim(en).empty()) return json::value(Trim(id));
  return json::object{{"id", Trim(id)}, {"en", Trim(en)}};
}

// An integer when it parses, else the text as typed (the parser then names it); absent when empty.
void PutNumber(json::object& o, const char* key, const std::string& raw) {
  std::string t = Trim(raw);
  if (t.empty()) {
    o.erase(key);
    return;
  }
  std::int64_t n = 0;
  auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), n);
  if (ec == std::errc() && end == t.data() + t.size()) {
    o[key] = n;
  } else {
    o[key] = t;
  }
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (auto t = Trim(line); !t.empty()) out.push_back(t);
  }
  return out;
}

// Choice options, one per line: "value = Label | English label".
json::array Options(const std::string& text) {
  json::array out;
  for (const auto& line : Lines(text)) {
    auto eq = line.find('=');
    std::string value = Trim(eq == std::string::npos ? line : line.substr(0, eq));
    std::string label = eq == std::string::npos ? value : Trim(line.substr(eq + 1));
    auto bar = label.find('|');
    std::string en = bar == std::string::npos ? "" : Trim(label.substr(bar + 1));
    if (bar != std::string::npos) label = Trim(label.substr(0, bar));
    out.push_back({{"value", value}, {"label", Text(label, en)}});
  }
  return out;
}

int Count(const Posted& form, const char* key, std::size_t at_least) {
  int n = std::atoi(Get(form, key).c_str());
  return std::clamp(n, static_cast<int>(at_least), 200);
}

const json::array* ArrayAt(const json::object& o, const char* outer, const char* inner) {
  const auto* a = o.if_contains(outer);
  if (!a || !a->is_object()) return nullptr;
  const auto* b = a->as_object().if_contains(inner);
  return b && b->is_array() ? &b->as_array() : nullptr;
}

json::array Fields(const json::object& base, const Posted& form) {
  const json::array* old = ArrayAt(base, "form", "fields");
  std::size_t had = old ? old->size() : 0;
  json::array out;
  int n = Count(form, "field_count", had);
  for (int i = 0; i < n; ++i) {
    std::string p = "field." + std::to_string(i) + ".";
    if (!Get(form, p + "remove").empty()) continue;
    std::string name = Trim(Get(form, p + "name"));
    bool existing = static_cast<std::size_t>(i) < had && (*old)[i].is_object();
    if (!existing && name.empty()) continue;  // the blank row for a new field, left blank
    json::object f = existing ? (*old)[i].as_object() : json::object{};
    f["name"] = name;
    std::string type = Get(form, p + "type");
    f["type"] = type;
    f["label"] = Text(Get(form, p + "label_id"), Get(form, p + "label_en"));
    f["required"] = !Get(form, p + "required").empty();
    if (Trim(Get(form, p + "help_id")).empty()) {
      f.erase("help");
    } else {
      f["help"] = Text(Get(form, p + "help_id"), Get(form, p + "help_en"));
    }
    PutNumber(f, "min", Get(form, p + "min"));
    PutNumber(f, "max", Get(form, p + "max"));
    if (type == "choice") {
      f["options"] = Options(Get(form, p + "options"));
    } else {
      f.erase("options");
    }
    out.push_back(std::move(f));
  }
  return out;
}

json::array Steps(const json::object& base, const Posted& form) {
  const json::array* old = ArrayAt(base, "workflow", "steps");
  std::size_t had = old ? old->size() : 0;
  json::array out;
  int n = Count(form, "step_count", had);
  for (int i = 0; i < n; ++i) {
    std::string p = "step." + std::to_string(i) + ".";
    if (!Get(form, p + "remove").empty()) continue;
    std::string key = Trim(Get(form, p + "key"));
    bool existing = static_cast<std::size_t>(i) < had && (*old)[i].is_object();
    if (!existing && key.empty()) continue;
    json::object s = existing ? (*old)[i].as_object() : json::object{};
    s["key"] = key;
    s["name"] = Text(Get(form, p + "name_id"), Get(form, p + "name_en"));
    PutNumber(s, "node_id", Get(form, p + "node_id"));
    s["role"] = Get(form, p + "role");
    json::array actions;
    for (auto a : {StepAction::kVerify, StepAction::kApprove, StepAction::kForward, StepAction::kReject,
                   StepAction::kReturn, StepAction::kNote}) {
      std::string name(StepActionName(a));
      if (!Get(form, p + "action." + name).empty()) actions.emplace_back(name);
    }
    s["actions"] = std::move(actions);
    PutNumber(s, "time_limit_days", Get(form, p + "time_limit_days"));
    if (Get(form, p + "payment").empty()) {
      s.erase("payment");
    } else {
      s["payment"] = true;
    }
    if (std::string next = Trim(Get(form, p + "next")); next.empty()) {
      s.erase("next");
    } else {
      s["next"] = next;
    }
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace

std::pair<std::string, std::string> TextParts(const json::value* v) {
  if (!v) return {};
  if (v->is_string()) return {std::string(v->as_string()), ""};
  if (v->is_object()) {
    const auto& o = v->as_object();
    auto part = [&o](const char* k) {
      const auto* p = o.if_contains(k);
      return p && p->is_string() ? std::string(p->as_string()) : std::string();
    };
    return {part("id"), part("en")};
  }
  return {};
}

const std::vector<const char*>& StandardTextKeys() {
  static const std::vector<const char*> keys = {"output", "facilities", "competence", "supervision", "complaints",
                                                "staff",  "guarantee",  "security",   "evaluation"};
  return keys;
}

json::object ApplyEditorForm(const json::object& base, const Posted& form) {
  json::object d = base;
  d["name"] = Text(Get(form, "name_id"), Get(form, "name_en"));
  if (Trim(Get(form, "summary_id")).empty()) {
    d.erase("summary");
  } else {
    d["summary"] = Text(Get(form, "summary_id"), Get(form, "summary_en"));
  }
  json::array events;
  for (const auto& e : LifeEvents()) {
    if (!Get(form, "life_event." + std::string(e.key)).empty()) events.emplace_back(e.key);
  }
  d["life_events"] = std::move(events);
  PutNumber(d, "time_limit_days", Get(form, "time_limit_days"));
  d["deemed_granted"] = !Get(form, "deemed_granted").empty();

  json::object st = d.contains("standard") && d["standard"].is_object() ? d["standard"].as_object() : json::object{};
  json::array basis;
  for (const auto& line : Lines(Get(form, "legal_basis"))) basis.emplace_back(line);
  st["legal_basis"] = std::move(basis);
  // Requirements: one per line, the English list line by line beside it.
  std::vector<std::string> req_id = Lines(Get(form, "requirements_id")), req_en = Lines(Get(form, "requirements_en"));
  json::array reqs;
  for (std::size_t i = 0; i < req_id.size(); ++i) reqs.push_back(Text(req_id[i], i < req_en.size() ? req_en[i] : ""));
  st["requirements"] = std::move(reqs);
  for (const char* key : StandardTextKeys()) {
    std::string k(key);
    if (Trim(Get(form, k + "_id")).empty()) {
      st.erase(k);
    } else {
      st[k] = Text(Get(form, k + "_id"), Get(form, k + "_en"));
    }
  }
  d["standard"] = std::move(st);

  json::object fee = d.contains("fee") && d["fee"].is_object() ? d["fee"].as_object() : json::object{};
  std::string kind = Get(form, "fee_kind");
  fee["kind"] = kind.empty() ? "free" : kind;
  if (kind == "fixed") {
    PutNumber(fee, "amount", Get(form, "fee_amount"));
  } else {
    fee.erase("amount");
  }
  if (kind == "formula") {
    // The rate tables are kept as they are (the form shows them); the rule itself is edited here.
    fee["formula"] = Trim(Get(form, "fee_formula"));
    json::object rounding{{"mode", Get(form, "fee_rounding").empty() ? "nearest" : Get(form, "fee_rounding")}};
    PutNumber(rounding, "to", Get(form, "fee_round_to"));
    fee["rounding"] = std::move(rounding);
    PutNumber(fee, "minimum", Get(form, "fee_minimum"));
  } else {
    for (const char* k : {"formula", "tables", "rounding", "minimum"}) fee.erase(k);
  }
  if (Trim(Get(form, "fee_basis_id")).empty()) {
    fee.erase("basis");
  } else {
    fee["basis"] = Text(Get(form, "fee_basis_id"), Get(form, "fee_basis_en"));
  }
  d["fee"] = std::move(fee);

  json::object f = d.contains("form") && d["form"].is_object() ? d["form"].as_object() : json::object{};
  f["fields"] = Fields(base, form);
  d["form"] = std::move(f);
  json::object w = d.contains("workflow") && d["workflow"].is_object() ? d["workflow"].as_object() : json::object{};
  w["steps"] = Steps(base, form);
  d["workflow"] = std::move(w);
  return d;
}

}  // namespace spbe::catalog
