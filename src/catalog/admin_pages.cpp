// The agency admin's pages for services: /admin/layanan lists the services of the admin's agency and starts new
// ones; /admin/layanan/{id} edits the draft (the standard, the fee, the form's fields, the workflow's steps) with
// no JavaScript, saves it, and publishes it, showing every problem next to the part it concerns.
#include <boost/json.hpp>
#include <cstdlib>
#include <functional>
#include <set>

#include "catalog/editor.hpp"
#include "catalog/pages.hpp"
#include "http/forms.hpp"
#include "org/service.hpp"
#include "platform/i18n.hpp"

namespace spbe::catalog {

using http::Request;
using http::Response;

namespace {

namespace json = boost::json;
using Posted = std::map<std::string, std::string>;

// The nodes whose services the actor manages (an admin grant's node and its subtree).
std::vector<std::int64_t> AdminNodes(const access::Actor& actor) {
  std::vector<std::int64_t> out;
  for (const auto& g : actor.grants) {
    if (g.role == access::Role::kAdminInstansi || g.role == access::Role::kAdminPlatform) out.push_back(g.node_id);
  }
  return out;
}

// Every node of the deployment, depth-first, for the step's "who acts" list: a step may belong to another agency.
std::vector<std::pair<org::Node, int>> AllNodes(org::OrgService& org) {
  std::vector<std::pair<org::Node, int>> out;
  std::function<void(const org::Node&, int)> walk = [&](const org::Node& n, int depth) {
    out.emplace_back(n, depth);
    if (n.kind == org::NodeKind::kKelurahanDesa) return;
    if (auto kids = org.Children(n.id); kids.ok()) {
      for (const auto& k : *kids) walk(k, depth + 1);
    }
  };
  if (auto roots = org.Roots(); roots.ok()) {
    for (const auto& r : *roots) walk(r, 0);
  }
  return out;
}

std::string Str(const json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  if (!v) return {};
  if (v->is_string()) return std::string(v->as_string());
  if (v->is_int64()) return std::to_string(v->as_int64());
  if (v->is_uint64()) return std::to_string(v->as_uint64());
  return {};
}

const json::object& Obj(const json::object& o, const char* key) {
  static const json::object empty;
  const auto* v = o.if_contains(key);
  return v && v->is_object() ? v->as_object() : empty;
}

const json::array& Arr(const json::object& o, const char* key) {
  static const json::array empty;
  const auto* v = o.if_contains(key);
  return v && v->is_array() ? v->as_array() : empty;
}

bool Has(const json::array& a, std::string_view s) {
  for (const auto& v : a) {
    if (v.is_string() && v.as_string() == s) return true;
  }
  return false;
}

// Errors by the definition's path ("form.fields[2].type") gathered under the part of the page they belong to.
struct Placed {
  std::map<std::string, std::vector<std::string>> by_part;  // "general", "standard", "fee", "field.2", "step.1"
};

std::string PartOf(const std::string& path) {
  auto index = [&](const char* prefix, const char* part) -> std::string {
    std::string p(prefix);
    if (path.rfind(p, 0) != 0) return {};
    auto close = path.find(']', p.size());
    return close == std::string::npos ? std::string(part)
                                      : std::string(part) + "." + path.substr(p.size(), close - p.size());
  };
  if (auto f = index("form.fields[", "field"); !f.empty()) return f;
  if (auto s = index("workflow.steps[", "step"); !s.empty()) return s;
  if (path.rfind("workflow", 0) == 0) return "steps";
  if (path.rfind("form", 0) == 0) return "fields";
  if (path.rfind("standard", 0) == 0) return "standard";
  if (path.rfind("fee", 0) == 0) return "fee";
  return "general";
}

json::array RoundingOptions(const std::string& mode, const i18n::Catalog& t, std::string_view lang) {
  json::array out;
  for (const char* m : {"nearest", "up", "down"}) {
    out.push_back({{"value", m},
                   {"label", t.Text(lang, std::string("fee_round_") + m)},
                   {"selected", mode == m || (mode.empty() && std::string_view(m) == "nearest")}});
  }
  return out;
}

// The rate tables as lines a person reads: "tarif (jenis): papan = 25000; baliho = 15000;".
std::string FeeTablesText(const json::object& fee) {
  std::string out;
  for (const auto& [name, table] : Obj(fee, "tables")) {
    if (!table.is_object()) continue;
    out += std::string(name) + " (" + Str(table.as_object(), "by") + "):";
    for (const auto& [k, v] : Obj(table.as_object(), "values")) {
      out += " " + std::string(k) + " = " + (v.is_int64() ? std::to_string(v.as_int64()) : "?") + ";";
    }
    out += "\n";
  }
  return out;
}

// The form's fields as rows of the editor, and one blank row for a new field.
json::array FieldRows(const json::array& fs, const json::object& d, const i18n::Catalog& t, const std::string& lang,
                      auto errors_of) {
  json::array fields;
  for (std::size_t i = 0; i <= fs.size(); ++i) {  // and one blank row for a new field
    bool blank = i == fs.size();
    const json::object& f = blank ? Obj(d, "-") : fs[i].as_object();
    auto [label_id, label_en] = TextParts(f.if_contains("label"));
    auto [help_id, help_en] = TextParts(f.if_contains("help"));
    std::string type = blank ? "text" : Str(f, "type");
    json::array types;
    for (auto ft : {FieldType::kText, FieldType::kLongText, FieldType::kNumber, FieldType::kDate, FieldType::kChoice,
                    FieldType::kNik, FieldType::kRegion, FieldType::kEmail, FieldType::kPhone, FieldType::kFile}) {
      std::string name(FieldTypeName(ft));
      types.push_back({{"value", name}, {"label", t.Text(lang, "field_type_" + name)}, {"selected", name == type}});
    }
    std::string options;
    for (const auto& o : Arr(f, "options")) {
      if (!o.is_object()) continue;
      auto [oid, oen] = TextParts(o.as_object().if_contains("label"));
      options += Str(o.as_object(), "value") + " = " + oid + (oen.empty() ? "" : " | " + oen) + "\n";
    }
    const auto* req_v = f.if_contains("required");
    fields.push_back({{"i", i},
                      {"n", i + 1},
                      {"blank", blank},
                      {"name", Str(f, "name")},
                      {"types", std::move(types)},
                      {"label_id", label_id},
                      {"label_en", label_en},
                      {"help_id", help_id},
                      {"help_en", help_en},
                      {"required", req_v && req_v->is_bool() && req_v->as_bool()},
                      {"min", Str(f, "min")},
                      {"max", Str(f, "max")},
                      {"options", options},
                      {"errors", errors_of("field." + std::to_string(i))}});
  }
  return fields;
}

// The workflow's steps as rows of the editor, and one blank row for a new step.
json::array StepRows(const json::array& ss, const json::object& d, const std::vector<std::pair<org::Node, int>>& nodes,
                     const i18n::Catalog& t, const std::string& lang, auto errors_of) {
  json::array steps;
  for (std::size_t i = 0; i <= ss.size(); ++i) {
    bool blank = i == ss.size();
    const json::object& s = blank ? Obj(d, "-") : ss[i].as_object();
    auto [sname_id, sname_en] = TextParts(s.if_contains("name"));
    std::string node_id = Str(s, "node_id"), role = blank ? "verifikator" : Str(s, "role"), next = Str(s, "next");
    json::array node_opts, role_opts, action_opts, next_opts;
    for (const auto& [n, depth] : nodes) {
      node_opts.push_back({{"value", n.id},
                           {"label", std::string(static_cast<std::size_t>(depth) * 2, ' ') + n.name},
                           {"selected", std::to_string(n.id) == node_id}});
    }
    for (auto r : {access::Role::kLoket, access::Role::kVerifikator, access::Role::kTeknis, access::Role::kKepala}) {
      std::string name(access::RoleName(r));
      role_opts.push_back({{"value", name}, {"selected", name == role}});
    }
    for (auto a : {StepAction::kVerify, StepAction::kApprove, StepAction::kForward, StepAction::kReject,
                   StepAction::kReturn, StepAction::kNote}) {
      std::string name(StepActionName(a));
      action_opts.push_back(
          {{"value", name}, {"label", t.Text(lang, "action_" + name)}, {"checked", Has(Arr(s, "actions"), name)}});
    }
    for (const auto& other : ss) {
      std::string key = Str(other.as_object(), "key");
      if (key == Str(s, "key")) continue;
      next_opts.push_back({{"value", key}, {"selected", key == next}});
    }
    steps.push_back({{"i", i},
                     {"n", i + 1},
                     {"blank", blank},
                     {"key", Str(s, "key")},
                     {"name_id", sname_id},
                     {"name_en", sname_en},
                     {"nodes", std::move(node_opts)},
                     {"roles", std::move(role_opts)},
                     {"actions", std::move(action_opts)},
                     {"days", blank ? "1" : Str(s, "time_limit_days")},
                     {"next_options", std::move(next_opts)},
                     {"is_last", next.empty()},
                     {"payment", s.contains("payment") && s.at("payment").is_bool() && s.at("payment").as_bool()},
                     {"errors", errors_of("step." + std::to_string(i))}});
  }
  return steps;
}

// The list of the admin's services, with the form that starts a new one.
auto ListPage(const http::Views& views, CatalogService& service, org::OrgService& org) {
  return [&views, &service, &org](const Request& req, int status, json::object extra) -> Response {
    auto nodes = AdminNodes(req.actor());
    if (nodes.empty()) return views.ErrorPage(req, 403);
    const auto& t = views.catalog();
    json::array rows, homes;
    std::set<std::int64_t> seen;
    for (auto node : nodes) {
      if (auto subtree = org.Subtree(req.actor(), node); subtree.ok()) {
        for (const auto& n : *subtree) homes.push_back({{"id", n.id}, {"name", n.name}});
      }
      auto services = service.ServicesUnder(req.actor(), node);
      if (!services.ok()) continue;
      for (const auto& v : *services) {
        if (!seen.insert(v.service.id).second) continue;
        bool draft = v.version.status == "draft";
        rows.push_back({{"id", v.service.id},
                        {"name", v.definition.name.In(req.lang)},
                        {"slug", v.service.slug},
                        {"agency", v.service.node_name},
                        {"version", v.version.version},
                        {"published", v.service.published_version_id != 0},
                        {"status", t.Text(req.lang, "service_status_" + v.version.status)},
                        {"has_draft", draft}});
      }
    }
    json::object data{{"rows", rows}, {"none", rows.empty()}, {"homes", homes}};
    for (auto& [k, v] : extra) data[k] = v;
    return views.Page(req, status, "catalog/admin_list", std::move(data), "services_admin_title");
  };
}

// The editor, from a definition as JSON (the saved draft, or what was just posted with its problems).
auto EditPage(const http::Views& views, org::OrgService& org) {
  return [&views, &org](const Request& req, int status, const ServiceView& v, const json::object& d,
                        const std::vector<FieldError>& problems, json::object extra) -> Response {
    const auto& t = views.catalog();
    std::string lang = req.lang;
    Placed placed;
    json::array summary;
    for (const auto& p : problems) {
      std::string part = PartOf(p.field);
      placed.by_part[part].push_back(p.message);
      std::string anchor = part;
      std::replace(anchor.begin(), anchor.end(), '.', '-');
      summary.push_back({{"path", p.field}, {"message", p.message}, {"anchor", anchor}});
    }
    auto errors_of = [&placed](const std::string& part) {
      json::array out;
      if (auto it = placed.by_part.find(part); it != placed.by_part.end()) {
        for (const auto& m : it->second) out.emplace_back(m);
      }
      return out;
    };
    auto [name_id, name_en] = TextParts(d.if_contains("name"));
    auto [summary_id, summary_en] = TextParts(d.if_contains("summary"));
    json::array events;
    for (const auto& e : LifeEvents()) {
      events.push_back(
          {{"key", e.key}, {"label", t.Text(lang, e.label)}, {"checked", Has(Arr(d, "life_events"), e.key)}});
    }
    const json::object& st = Obj(d, "standard");
    std::string basis, req_id, req_en;
    for (const auto& b : Arr(st, "legal_basis")) {
      if (b.is_string()) basis += std::string(b.as_string()) + "\n";
    }
    for (const auto& r : Arr(st, "requirements")) {
      auto [i, e] = TextParts(&r);
      req_id += i + "\n";
      req_en += e + "\n";
    }
    json::array texts;
    for (const char* key : StandardTextKeys()) {
      auto [i, e] = TextParts(st.if_contains(key));
      texts.push_back({{"key", key}, {"label", t.Text(lang, std::string("sp_") + key)}, {"id", i}, {"en", e}});
    }
    const json::object& fee = Obj(d, "fee");
    auto [fee_basis_id, fee_basis_en] = TextParts(fee.if_contains("basis"));

    const json::array& fs = Arr(Obj(d, "form"), "fields");
    json::array fields = FieldRows(fs, d, t, lang, errors_of);

    auto nodes = AllNodes(org);
    const json::array& ss = Arr(Obj(d, "workflow"), "steps");
    json::array steps = StepRows(ss, d, nodes, t, lang, errors_of);
    const auto* dg = d.if_contains("deemed_granted");
    json::object data{{"id", v.service.id},
                      {"slug", v.service.slug},
                      {"agency", v.service.node_name},
                      {"version", v.version.version},
                      {"is_draft", v.version.status == "draft"},
                      {"published", v.service.published_version_id != 0},
                      {"name_id", name_id},
                      {"name_en", name_en},
                      {"summary_id", summary_id},
                      {"summary_en", summary_en},
                      {"time_limit_days", Str(d, "time_limit_days")},
                      {"deemed_granted", dg && dg->is_bool() && dg->as_bool()},
                      {"life_events", std::move(events)},
                      {"legal_basis", basis},
                      {"requirements_id", req_id},
                      {"requirements_en", req_en},
                      {"texts", std::move(texts)},
                      {"fee_free", Str(fee, "kind") != "fixed" && Str(fee, "kind") != "formula"},
                      {"fee_fixed", Str(fee, "kind") == "fixed"},
                      {"fee_formula_kind", Str(fee, "kind") == "formula"},
                      {"fee_formula", Str(fee, "formula")},
                      {"fee_round_to", Str(Obj(fee, "rounding"), "to")},
                      {"fee_minimum", Str(fee, "minimum")},
                      {"fee_roundings", RoundingOptions(Str(Obj(fee, "rounding"), "mode"), views.catalog(), lang)},
                      {"fee_tables", FeeTablesText(fee)},
                      {"fee_amount", Str(fee, "amount")},
                      {"fee_basis_id", fee_basis_id},
                      {"fee_basis_en", fee_basis_en},
                      {"fields", std::move(fields)},
                      {"field_count", fs.size() + 1},
                      {"steps", std::move(steps)},
                      {"step_count", ss.size() + 1},
                      {"has_problems", !summary.empty()},
                      {"problems", std::move(summary)},
                      {"general_errors", errors_of("general")},
                      {"standard_errors", errors_of("standard")},
                      {"fee_errors", errors_of("fee")},
                      {"fields_errors", errors_of("fields")},
                      {"steps_errors", errors_of("steps")},
                      {"page_title", t.Text(lang, "services_admin_edit") + ": " + name_id}};
    for (auto& [k, val] : extra) data[k] = val;
    return views.Page(req, status, "catalog/admin_edit", std::move(data), "services_admin_edit");
  };
}

// A refusal's problems by field; a refusal without any is one problem of the whole definition.
std::vector<FieldError> ProblemsOf(const Error& e) {
  std::vector<FieldError> out = e.fields;
  if (out.empty()) out.push_back({"", e.detail});
  return out;
}

http::Handler AdminServiceList(const http::Views& views, CatalogService& service, org::OrgService& org) {
  auto list_page = ListPage(views, service, org);
  return [list_page, &views](Request& req) {
    if (req.actor().anonymous()) return Response::Redirect("/masuk?kembali=/admin/layanan");
    json::object extra;
    if (req.Query("ok")) extra["notice"] = views.catalog().Text(req.lang, "services_admin_created");
    return list_page(req, 200, std::move(extra));
  };
}

http::Handler CreateService(const http::Views& views, CatalogService& service, org::OrgService& org) {
  auto list_page = ListPage(views, service, org);
  return [list_page, &service](Request& req) {
    if (req.actor().anonymous()) return Response::Redirect("/masuk?kembali=/admin/layanan");
    Posted form = http::ParseForm(req.body);
    json::object def{{"name", form["name_id"]}, {"time_limit_days", 5}, {"workflow", {{"steps", json::array()}}}};
    auto created = service.Create(req.actor(), std::atoll(form["node_id"].c_str()), form["slug"], def, req.lang);
    if (!created.ok()) {
      json::array list;
      for (const auto& f : created.error().fields) list.push_back({{"field", f.field}, {"message", f.message}});
      if (list.empty()) list.push_back({{"field", "-"}, {"message", created.error().detail}});
      return list_page(req, created.error().code == ErrorCode::kForbidden ? 403 : 422,
                       {{"has_errors", true},
                        {"error_list", std::move(list)},
                        {"new_slug", form["slug"]},
                        {"new_name", form["name_id"]}});
    }
    return Response::Redirect("/admin/layanan/" + std::to_string(created->service.id) + "?baru=1");
  };
}

http::Handler ServiceEditor(const http::Views& views, CatalogService& service, org::OrgService& org) {
  auto edit_page = EditPage(views, org);
  return [edit_page, &service, &views](Request& req) {
    if (req.actor().anonymous()) return Response::Redirect("/masuk?kembali=/admin/layanan");
    auto v = service.Editable(req.actor(), std::atoll(req.params["id"].c_str()), req.lang);
    if (!v.ok()) return views.ErrorPage(req, 404);
    json::object extra;
    const auto& t = views.catalog();
    if (auto ok = req.Query("ok")) extra["notice"] = t.Text(req.lang, "services_admin_" + *ok);
    if (req.Query("baru")) extra["notice"] = t.Text(req.lang, "services_admin_created");
    return edit_page(req, 200, *v, ToJson(v->definition), {}, std::move(extra));
  };
}

// Save the draft: the posted form over what is being edited. Problems come back beside their parts, with the
// posted values kept.
http::Handler SaveDraft(const http::Views& views, CatalogService& service, org::OrgService& org) {
  auto edit_page = EditPage(views, org);
  return [edit_page, &service, &views](Request& req) {
    if (req.actor().anonymous()) return Response::Redirect("/masuk?kembali=/admin/layanan");
    std::int64_t id = std::atoll(req.params["id"].c_str());
    auto v = service.Editable(req.actor(), id, req.lang);
    if (!v.ok()) return views.ErrorPage(req, 404);
    json::object d = ApplyEditorForm(ToJson(v->definition), http::ParseForm(req.body));
    auto saved = service.SaveDraft(req.actor(), id, d, req.lang);
    if (!saved.ok()) {
      if (saved.error().code == ErrorCode::kForbidden) return views.ErrorPage(req, 403);
      return edit_page(req, 422, *v, d, ProblemsOf(saved.error()), {});
    }
    return Response::Redirect("/admin/layanan/" + std::to_string(id) + "?ok=saved");
  };
}

http::Handler PublishService(const http::Views& views, CatalogService& service, org::OrgService& org) {
  auto edit_page = EditPage(views, org);
  return [edit_page, &service, &views](Request& req) {
    if (req.actor().anonymous()) return Response::Redirect("/masuk?kembali=/admin/layanan");
    std::int64_t id = std::atoll(req.params["id"].c_str());
    auto published = service.Publish(req.actor(), id, req.lang);
    if (published.ok()) return Response::Redirect("/admin/layanan/" + std::to_string(id) + "?ok=published");
    if (published.error().code == ErrorCode::kForbidden) return views.ErrorPage(req, 403);
    auto v = service.Editable(req.actor(), id, req.lang);
    if (!v.ok()) return views.ErrorPage(req, 404);
    return edit_page(req, 422, *v, ToJson(v->definition), ProblemsOf(published.error()), {});
  };
}

}  // namespace

void RegisterAdminPages(http::Router& router, const http::Views& views, CatalogService& service, org::OrgService& org) {
  router.Add("GET", "/admin/layanan", AdminServiceList(views, service, org));
  router.Add("POST", "/admin/layanan", CreateService(views, service, org));
  router.Add("GET", "/admin/layanan/{id}", ServiceEditor(views, service, org));
  router.Add("POST", "/admin/layanan/{id}/draf", SaveDraft(views, service, org));
  router.Add("POST", "/admin/layanan/{id}/terbitkan", PublishService(views, service, org));
}

}  // namespace spbe::catalog
