// The inventory's pages: /arsitektur (an agency's applications, data sets and infrastructure, with forms to add them,
// an import form and export links), /arsitektur/aplikasi/{id} (an application's form) and /arsitektur/duplikasi (the
// consolidation candidates of the agency's government). Plain forms: every task works without JavaScript.
#include "architecture/pages.hpp"

#include <boost/json.hpp>

#include "http/forms.hpp"
#include "http/ids.hpp"
#include "http/multipart.hpp"
#include "http/problem.hpp"
#include "platform/i18n.hpp"

namespace spbe::architecture {

using http::Request;
using http::Response;

namespace {

namespace json = boost::json;

constexpr const char* kSignIn = "/masuk?kembali=/arsitektur";

std::int64_t PositiveId(std::string_view text) { return http::ParseId(text); }

// A whole number typed in a form ("" is 0); -1 for anything else, which the domain refuses by name.
long long Number(const std::string& text) {
  std::string digits;
  for (char c : text) {
    if (c == '.' || c == ' ') continue;
    digits += c;
  }
  if (digits.empty()) return 0;
  if (digits.size() > 18) return -1;
  for (char c : digits) {
    if (c < '0' || c > '9') return -1;
  }
  return std::stoll(digits);
}

int StatusOf(const Error& e) { return e.code == ErrorCode::kValidation ? 422 : http::StatusFor(e.code); }

json::array Options(const std::vector<std::string_view>& codes, const std::string& selected, const i18n::Catalog& t,
                    std::string_view lang, const std::string& prefix) {
  json::array out;
  for (auto c : codes) {
    out.push_back({{"code", c}, {"label", t.Text(lang, prefix + std::string(c))}, {"selected", c == selected}});
  }
  return out;
}

json::array FunctionOptions(const std::string& selected, std::string_view lang) {
  json::array out;
  for (const auto& f : Functions()) {
    out.push_back({{"code", f.code}, {"label", f.code + " " + f.Name(lang)}, {"selected", f.code == selected}});
  }
  return out;
}

json::object Refused(const Error& e, const std::string& form, json::object typed, std::string_view lang) {
  json::object errors;
  for (const auto& f : e.fields) errors[f.field] = f.message;
  json::object out{{form + "_errors", std::move(errors)}, {form + "_typed", std::move(typed)}, {form + "_open", true}};
  out[form + "_error"] = e.fields.empty() ? e.detail : i18n::Tr(lang, "arch_form_has_errors");
  return out;
}

json::object Typed(const std::map<std::string, std::string>& form, std::initializer_list<const char*> names) {
  json::object out;
  for (const char* n : names) {
    auto it = form.find(n);
    out[n] = it == form.end() ? "" : it->second;
  }
  return out;
}

ApplicationInput ApplicationFrom(const std::map<std::string, std::string>& f) {
  ApplicationInput in;
  in.name = http::FormField(f, "name");
  in.function_code = http::FormField(f, "function_code");
  in.owner_unit = http::FormField(f, "owner_unit");
  in.users = Number(http::FormField(f, "users"));
  in.status = http::FormField(f, "status");
  in.hosting = http::FormField(f, "hosting");
  in.source = http::FormField(f, "source");
  in.national_app = http::FormField(f, "national_app");
  in.datasets = SplitList(http::FormField(f, "datasets"));
  in.bus_provides = SplitList(http::FormField(f, "bus_provides"));
  in.bus_uses = SplitList(http::FormField(f, "bus_uses"));
  in.yearly_cost = Number(http::FormField(f, "yearly_cost"));
  in.description = http::FormField(f, "description");
  return in;
}

class Pages {
 public:
  Pages(const http::Views& views, ArchitectureService& svc) : views_(views), svc_(svc) {}

  // The inventory of the node the request names (or the first the actor may read), with `extra` for the forms.
  Response Inventory(const Request& req, int status, std::int64_t node_id, json::object extra) const {
    const auto& t = views_.catalog();
    const auto& actor = req.actor();
    auto nodes = svc_.ReadableNodes(actor);
    if (!nodes.ok()) return views_.FailurePage(req, nodes.error());
    if (nodes->empty()) {
      return views_.FailurePage(req, Error::Of(ErrorCode::kForbidden, i18n::Tr(req.lang, "arch_forbidden_node")));
    }
    if (node_id == 0) node_id = nodes->front().id;
    auto node = svc_.ReadableNode(actor, node_id, req.lang);
    if (!node.ok()) return views_.FailurePage(req, node.error());
    ListFilter f;
    f.node_id = node_id;
    auto apps = svc_.Applications(actor, f, req.lang);
    auto datasets = svc_.Datasets(actor, f, req.lang);
    auto infra = svc_.Infrastructures(actor, f, req.lang);
    if (!apps.ok() || !datasets.ok() || !infra.ok()) return views_.ErrorPage(req, 503);
    bool manages = svc_.MayManage(actor, node->path);
    json::array node_rows, app_rows, data_rows, infra_rows;
    for (const auto& n : *nodes) {
      node_rows.push_back({{"id", n.id}, {"name", n.name}, {"selected", n.id == node_id}});
    }
    for (const auto& a : *apps) {
      const GovFunction* fn = FindFunction(a.function_code);
      app_rows.push_back({{"id", a.id},
                          {"name", a.name},
                          {"agency", a.node_name},
                          {"function", fn ? fn->Name(req.lang) : a.function_code},
                          {"users", a.users},
                          {"status", t.Text(req.lang, "arch_status_" + a.status)},
                          {"hosting", t.Text(req.lang, "arch_hosting_" + a.hosting)},
                          {"source", t.Text(req.lang, "arch_source_" + a.source)},
                          {"national_app", a.national_app},
                          {"cost", i18n::FormatRupiah(a.yearly_cost)},
                          {"retired", a.status == "retired"},
                          {"manages", manages}});
    }
    for (const auto& d : *datasets) {
      data_rows.push_back({{"id", d.id},
                           {"name", d.name},
                           {"agency", d.node_name},
                           {"owner", d.owner},
                           {"classification", t.Text(req.lang, "arch_class_" + d.classification)},
                           {"personal", d.personal},
                           {"frequency", t.Text(req.lang, "arch_freq_" + d.update_frequency)},
                           {"open", d.open},
                           {"status", t.Text(req.lang, "arch_status_" + d.status)},
                           {"retired", d.status == "retired"},
                           {"manages", manages}});
    }
    for (const auto& i : *infra) {
      infra_rows.push_back({{"id", i.id},
                            {"name", i.name},
                            {"agency", i.node_name},
                            {"kind", t.Text(req.lang, "arch_kind_" + i.kind)},
                            {"location", i.location},
                            {"capacity", i.capacity},
                            {"provider", i.provider},
                            {"status", t.Text(req.lang, "arch_status_" + i.status)},
                            {"retired", i.status == "retired"},
                            {"manages", manages}});
    }
    std::string id = std::to_string(node_id);
    json::object data{{"nodes", node_rows},
                      {"node_id", node_id},
                      {"node_name", node->name},
                      {"manages", manages},
                      {"applications", app_rows},
                      {"no_applications", app_rows.empty()},
                      {"datasets", data_rows},
                      {"no_datasets", data_rows.empty()},
                      {"infrastructure", infra_rows},
                      {"no_infrastructure", infra_rows.empty()},
                      {"functions", FunctionOptions("", req.lang)},
                      {"statuses", Options(Statuses(), "live", t, req.lang, "arch_status_")},
                      {"hostings", Options(Hostings(), "own", t, req.lang, "arch_hosting_")},
                      {"sources", Options(Sources(), "built", t, req.lang, "arch_source_")},
                      {"classifications", Options(Classifications(), "internal", t, req.lang, "arch_class_")},
                      {"frequencies", Options(Frequencies(), "ad_hoc", t, req.lang, "arch_freq_")},
                      {"kinds", Options(InfrastructureKinds(), "server_room", t, req.lang, "arch_kind_")},
                      {"export_applications", "/api/v1/architecture/export.csv?kind=applications&node_id=" + id},
                      {"export_datasets", "/api/v1/architecture/export.csv?kind=datasets&node_id=" + id},
                      {"export_infrastructure", "/api/v1/architecture/export.csv?kind=infrastructure&node_id=" + id},
                      {"export_xlsx", "/api/v1/architecture/export.xlsx?node_id=" + id},
                      {"duplicates", "/arsitektur/duplikasi?node_id=" + id}};
    if (auto done = req.Query("tersimpan")) data["saved"] = true;
    if (auto imported = req.Query("diimpor")) {
      data["imported"] = i18n::Tr(req.lang, "arch_import_done", {{"counts", *imported}});
    }
    for (auto& [k, v] : extra) data[k] = v;
    // A refused form keeps the choices that were made.
    if (const auto* typed = data.if_contains("app_typed"); typed && typed->is_object()) {
      auto choice = [&](const char* name) {
        const auto* v = typed->as_object().if_contains(name);
        return v && v->is_string() ? std::string(v->as_string()) : std::string();
      };
      data["functions"] = FunctionOptions(choice("function_code"), req.lang);
      data["statuses"] = Options(Statuses(), choice("status"), t, req.lang, "arch_status_");
      data["hostings"] = Options(Hostings(), choice("hosting"), t, req.lang, "arch_hosting_");
      data["sources"] = Options(Sources(), choice("source"), t, req.lang, "arch_source_");
    }
    return views_.Page(req, status, "architecture/inventory", std::move(data), "arch_title");
  }

  http::Handler Show() const {
    return [self = *this](Request& req) {
      if (req.actor().anonymous()) return Response::Redirect(kSignIn);
      return self.Inventory(req, 200, PositiveId(req.Query("node_id").value_or("")), {});
    };
  }

  http::Handler AddApplication() const {
    return [self = *this](Request& req) {
      if (req.actor().anonymous()) return Response::Redirect(kSignIn);
      auto form = http::ParseForm(req.body);
      std::int64_t node = PositiveId(http::FormField(form, "node_id"));
      auto made = self.svc_.CreateApplication(req.actor(), node, ApplicationFrom(form), "", req.lang);
      if (!made.ok()) {
        if (made.error().code == ErrorCode::kForbidden) return self.views_.FailurePage(req, made.error());
        return self.Inventory(
            req, StatusOf(made.error()), node,
            Refused(made.error(), "app",
                    Typed(form, {"name", "function_code", "owner_unit", "users", "status", "hosting", "source",
                                 "national_app", "datasets", "bus_provides", "bus_uses", "yearly_cost", "description"}),
                    req.lang));
      }
      return Response::Redirect("/arsitektur?node_id=" + std::to_string(node) + "&tersimpan=1#aplikasi");
    };
  }

  http::Handler AddDataset() const {
    return [self = *this](Request& req) {
      if (req.actor().anonymous()) return Response::Redirect(kSignIn);
      auto form = http::ParseForm(req.body);
      std::int64_t node = PositiveId(http::FormField(form, "node_id"));
      DatasetInput in;
      in.name = http::FormField(form, "name");
      in.owner = http::FormField(form, "owner");
      in.classification = http::FormField(form, "classification");
      in.personal = http::FormField(form, "personal") == "1";
      in.update_frequency = http::FormField(form, "update_frequency");
      in.open = http::FormField(form, "open") == "1";
      in.description = http::FormField(form, "description");
      auto made = self.svc_.CreateDataset(req.actor(), node, in, "", req.lang);
      if (!made.ok()) {
        if (made.error().code == ErrorCode::kForbidden) return self.views_.FailurePage(req, made.error());
        return self.Inventory(req, StatusOf(made.error()), node,
                              Refused(made.error(), "data", Typed(form, {"name", "owner", "description"}), req.lang));
      }
      return Response::Redirect("/arsitektur?node_id=" + std::to_string(node) + "&tersimpan=1#data");
    };
  }

  http::Handler AddInfrastructure() const {
    return [self = *this](Request& req) {
      if (req.actor().anonymous()) return Response::Redirect(kSignIn);
      auto form = http::ParseForm(req.body);
      std::int64_t node = PositiveId(http::FormField(form, "node_id"));
      InfrastructureInput in;
      in.kind = http::FormField(form, "kind");
      in.name = http::FormField(form, "name");
      in.location = http::FormField(form, "location");
      in.capacity = http::FormField(form, "capacity");
      in.provider = http::FormField(form, "provider");
      in.description = http::FormField(form, "description");
      auto made = self.svc_.CreateInfrastructure(req.actor(), node, in, "", req.lang);
      if (!made.ok()) {
        if (made.error().code == ErrorCode::kForbidden) return self.views_.FailurePage(req, made.error());
        return self.Inventory(
            req, StatusOf(made.error()), node,
            Refused(made.error(), "infra", Typed(form, {"name", "location", "capacity", "provider", "description"}),
                    req.lang));
      }
      return Response::Redirect("/arsitektur?node_id=" + std::to_string(node) + "&tersimpan=1#infrastruktur");
    };
  }

  // Retiring any kind: the item's page of the inventory comes back.
  template <class Item>
  http::Handler Retire(Result<Item> (ArchitectureService::*retire)(const access::Actor&, std::int64_t,
                                                                   std::string_view),
                       const char* anchor) const {
    return [self = *this, retire, anchor](Request& req) {
      if (req.actor().anonymous()) return Response::Redirect(kSignIn);
      auto done = (self.svc_.*retire)(req.actor(), PositiveId(req.params["id"]), req.lang);
      if (!done.ok()) return self.views_.FailurePage(req, done.error());
      return Response::Redirect("/arsitektur?node_id=" + std::to_string(done->node_id) + "&tersimpan=1#" + anchor);
    };
  }

  Response ApplicationPage(const Request& req, int status, const Application& a, json::object extra) const {
    const auto& t = views_.catalog();
    json::object typed{{"name", a.name},
                       {"owner_unit", a.owner_unit},
                       {"users", std::to_string(a.users)},
                       {"national_app", a.national_app},
                       {"datasets", JoinList(a.datasets, "\n")},
                       {"bus_provides", JoinList(a.bus_provides, "\n")},
                       {"bus_uses", JoinList(a.bus_uses, "\n")},
                       {"yearly_cost", std::to_string(a.yearly_cost)},
                       {"description", a.description}};
    json::object data{{"app", {{"id", a.id}, {"name", a.name}, {"agency", a.node_name}, {"node_id", a.node_id}}},
                      {"app_typed", typed},
                      {"manages", svc_.MayManage(req.actor(), a.node_path)},
                      {"retired", a.status == "retired"},
                      {"functions", FunctionOptions(a.function_code, req.lang)},
                      {"statuses", Options(Statuses(), a.status, t, req.lang, "arch_status_")},
                      {"hostings", Options(Hostings(), a.hosting, t, req.lang, "arch_hosting_")},
                      {"sources", Options(Sources(), a.source, t, req.lang, "arch_source_")}};
    for (auto& [k, v] : extra) data[k] = v;
    return views_.Page(req, status, "architecture/application", std::move(data), "arch_application_title");
  }

  http::Handler EditApplication() const {
    return [self = *this](Request& req) {
      if (req.actor().anonymous()) return Response::Redirect(kSignIn);
      auto a = self.svc_.GetApplication(req.actor(), PositiveId(req.params["id"]), req.lang);
      if (!a.ok()) return self.views_.FailurePage(req, a.error());
      return self.ApplicationPage(req, 200, *a, {});
    };
  }

  http::Handler SaveApplication() const {
    return [self = *this](Request& req) {
      if (req.actor().anonymous()) return Response::Redirect(kSignIn);
      std::int64_t id = PositiveId(req.params["id"]);
      auto form = http::ParseForm(req.body);
      auto saved = self.svc_.UpdateApplication(req.actor(), id, ApplicationFrom(form), req.lang);
      if (!saved.ok()) {
        if (saved.error().code != ErrorCode::kValidation) return self.views_.FailurePage(req, saved.error());
        auto a = self.svc_.GetApplication(req.actor(), id, req.lang);
        if (!a.ok()) return self.views_.FailurePage(req, a.error());
        json::object extra = Refused(saved.error(), "app",
                                     Typed(form, {"name", "owner_unit", "users", "national_app", "datasets",
                                                  "bus_provides", "bus_uses", "yearly_cost", "description"}),
                                     req.lang);
        return self.ApplicationPage(req, 422, *a, std::move(extra));
      }
      return Response::Redirect("/arsitektur/aplikasi/" + std::to_string(id) + "?tersimpan=1");
    };
  }

  http::Handler ImportFile() const {
    return [self = *this](Request& req) {
      if (req.actor().anonymous()) return Response::Redirect(kSignIn);
      auto parts = http::ParseMultipart(req);
      if (!parts.ok()) return self.views_.FailurePage(req, parts.error());
      auto field = [&](const char* name) {
        const http::Part* p = http::FindPart(*parts, name);
        return p ? p->body : std::string();
      };
      std::int64_t node = PositiveId(field("node_id"));
      auto kind = ParseKind(field("kind"));
      const http::Part* file = http::FindPart(*parts, "file");
      if (!kind || !file || file->body.empty()) {
        return self.Inventory(req, 422, node, {{"import_error", i18n::Tr(req.lang, "arch_import_choose")}});
      }
      auto report = self.svc_.Import(req.actor(), node, *kind, file->body, req.lang);
      if (!report.ok()) {
        if (report.error().code == ErrorCode::kForbidden) return self.views_.FailurePage(req, report.error());
        return self.Inventory(req, StatusOf(report.error()), node, {{"import_error", report.error().Headline()}});
      }
      if (!report->errors.empty()) {
        json::array lines;
        for (const auto& e : report->errors) lines.push_back(json::string(e.detail));
        return self.Inventory(req, 422, node,
                              {{"import_error", i18n::Tr(req.lang, "arch_import_refused")}, {"import_lines", lines}});
      }
      std::string counts = std::to_string(report->created) + "/" + std::to_string(report->updated) + "/" +
                           std::to_string(report->unchanged);
      return Response::Redirect("/arsitektur?node_id=" + std::to_string(node) + "&diimpor=" + http::UrlEncode(counts) +
                                "#impor");
    };
  }

  http::Handler DuplicatesPage() const {
    return [self = *this](Request& req) {
      if (req.actor().anonymous()) return Response::Redirect("/masuk?kembali=/arsitektur/duplikasi");
      std::int64_t node = PositiveId(req.Query("node_id").value_or(""));
      if (node == 0) {
        auto nodes = self.svc_.ReadableNodes(req.actor());
        if (!nodes.ok()) return self.views_.FailurePage(req, nodes.error());
        if (nodes->empty()) {
          return self.views_.FailurePage(req,
                                         Error::Of(ErrorCode::kForbidden, i18n::Tr(req.lang, "arch_forbidden_node")));
        }
        node = nodes->front().id;
      }
      auto view = self.svc_.Duplicates(req.actor(), node, req.lang);
      if (!view.ok()) return self.views_.FailurePage(req, view.error());
      json::array groups;
      for (const auto& g : view->groups) {
        json::array apps;
        for (const auto& a : g.applications) {
          apps.push_back({{"id", a.id},
                          {"agency", a.agency},
                          {"name", a.name},
                          {"status", self.views_.catalog().Text(req.lang, "arch_status_" + a.status)},
                          {"users", a.users},
                          {"cost", i18n::FormatRupiah(a.yearly_cost)}});
        }
        json::object group{{"code", g.function_code}, {"function", g.function_name},
                           {"agencies", g.agencies},  {"applications", apps},
                           {"users", g.users},        {"cost", i18n::FormatRupiah(g.yearly_cost)}};
        if (g.national_app) {
          group["national"] = i18n::Tr(req.lang, "arch_national_app_sentence",
                                       {{"name", g.national_app->name}, {"owner", g.national_app->owner}});
        }
        groups.push_back(std::move(group));
      }
      json::object data{{"government", view->government.name},
                        {"groups", groups},
                        {"no_groups", groups.empty()},
                        {"back", "/arsitektur?node_id=" + std::to_string(node)}};
      return self.views_.Page(req, 200, "architecture/duplicates", std::move(data), "arch_duplicates_title");
    };
  }

 private:
  const http::Views& views_;
  ArchitectureService& svc_;
};

}  // namespace

void RegisterPages(http::Router& router, const http::Views& views, ArchitectureService& service) {
  const Pages p(views, service);  // each handler keeps a copy (two references)
  router.Add("GET", "/arsitektur", p.Show());
  router.Add("POST", "/arsitektur/aplikasi", p.AddApplication());
  router.Add("POST", "/arsitektur/data", p.AddDataset());
  router.Add("POST", "/arsitektur/infrastruktur", p.AddInfrastructure());
  router.Add("POST", "/arsitektur/impor", p.ImportFile());
  router.Add("GET", "/arsitektur/aplikasi/{id}", p.EditApplication());
  router.Add("POST", "/arsitektur/aplikasi/{id}", p.SaveApplication());
  router.Add("POST", "/arsitektur/aplikasi/{id}/pensiun",
             p.Retire(&ArchitectureService::RetireApplication, "aplikasi"));
  router.Add("POST", "/arsitektur/data/{id}/pensiun", p.Retire(&ArchitectureService::RetireDataset, "data"));
  router.Add("POST", "/arsitektur/infrastruktur/{id}/pensiun",
             p.Retire(&ArchitectureService::RetireInfrastructure, "infrastruktur"));
  router.Add("GET", "/arsitektur/duplikasi", p.DuplicatesPage());
}

}  // namespace spbe::architecture
