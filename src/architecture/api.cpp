// The inventory's JSON API (/api/v1/architecture): named handlers, each reading its contract, calling one use case,
// and answering from its contract.
#include "architecture/api.hpp"

#include <boost/json.hpp>
#include <cstdlib>

#include "architecture/api_contract.hpp"
#include "http/ids.hpp"
#include "http/json.hpp"
#include "http/operation.hpp"
#include "http/problem.hpp"
#include "platform/i18n.hpp"

namespace spbe::architecture {

using http::Request;
using http::Response;

namespace {

namespace json = boost::json;
using http::Operation;

constexpr const char* kTag = "architecture";
constexpr const char* kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

std::int64_t PositiveId(std::string_view text) { return http::ParseId(text); }

std::int64_t PathId(const Request& req) {
  auto it = req.params.find("id");
  return it == req.params.end() ? 0 : PositiveId(it->second);
}

// The node a request is about (?node_id=), or a field error naming it.
Result<std::int64_t> NodeParam(const Request& req) {
  std::int64_t id = PositiveId(req.Query("node_id").value_or(""));
  if (id == 0) return Error::Validation({{"node_id", i18n::Tr(req.lang, "arch_error_node_id")}});
  return id;
}

Result<ListFilter> FilterOf(const Request& req) {
  auto node = NodeParam(req);
  if (!node.ok()) return node.error();
  ListFilter f;
  f.node_id = *node;
  f.status = req.Query("status").value_or("");
  f.function_code = req.Query("function").value_or("");
  if (!f.status.empty() && !ValidStatus(f.status)) {
    return Error::Validation({{"status", i18n::Tr(req.lang, "arch_error_status")}});
  }
  if (!f.function_code.empty() && !FindFunction(f.function_code)) {
    return Error::Validation({{"function", i18n::Tr(req.lang, "arch_error_function")}});
  }
  return f;
}

Result<std::string> IdempotencyKey(const Request& req) {
  std::string key(req.Header("idempotency-key").value_or(""));
  if (key.size() > 100) {
    return Error::Validation({{"Idempotency-Key", i18n::Tr(req.lang, "arch_error_idempotency_key")}});
  }
  return key;
}

std::optional<NationalAppOut> NationalOut(const std::optional<NationalApp>& n) {
  if (!n) return std::nullopt;
  return NationalAppOut{n->name, n->owner, n->url};
}

// ---- Applications ----

ApplicationInput InputOf(const ApplicationBody& b) {
  ApplicationInput in;
  in.name = b.name;
  in.function_code = b.function_code;
  in.owner_unit = b.owner_unit.value_or("");
  // A number outside what the domain keeps stays outside it (refused by name), never wrapped into range.
  in.users = b.users.value_or(0);
  in.status = b.status.value_or("live");
  in.hosting = b.hosting.value_or("own");
  in.source = b.source.value_or("built");
  in.national_app = b.national_app.value_or("");
  in.datasets = b.datasets.value_or(std::vector<std::string>{});
  in.bus_provides = b.bus_provides.value_or(std::vector<std::string>{});
  in.bus_uses = b.bus_uses.value_or(std::vector<std::string>{});
  in.yearly_cost = b.yearly_cost.value_or(0);
  in.description = b.description.value_or("");
  return in;
}

ApplicationOut OutOf(const Application& a, std::string_view lang) {
  ApplicationOut o;
  o.id = a.id;
  o.node_id = a.node_id;
  o.agency = a.node_name;
  o.agency_slug = a.node_slug;
  o.name = a.name;
  o.function_code = a.function_code;
  const GovFunction* f = FindFunction(a.function_code);
  o.function_name = f ? f->Name(lang) : a.function_code;
  o.owner_unit = a.owner_unit;
  o.users = a.users;
  o.status = a.status;
  o.hosting = a.hosting;
  o.source = a.source;
  o.national_app = a.national_app;
  o.datasets = a.datasets;
  o.bus_provides = a.bus_provides;
  o.bus_uses = a.bus_uses;
  o.yearly_cost = a.yearly_cost;
  o.description = a.description;
  o.created_at = a.created_at;
  o.updated_at = a.updated_at;
  return o;
}

DatasetInput InputOf(const DatasetBody& b) {
  DatasetInput in;
  in.name = b.name;
  in.owner = b.owner.value_or("");
  in.classification = b.classification;
  in.personal = b.personal.value_or(false);
  in.update_frequency = b.update_frequency.value_or("ad_hoc");
  in.open = b.open.value_or(false);
  in.status = b.status.value_or("live");
  in.description = b.description.value_or("");
  return in;
}

DatasetOut OutOf(const Dataset& d, std::string_view) {
  return {d.id,       d.node_id,          d.node_name, d.node_slug, d.name,        d.owner,      d.classification,
          d.personal, d.update_frequency, d.open,      d.status,    d.description, d.created_at, d.updated_at};
}

InfrastructureInput InputOf(const InfrastructureBody& b) {
  InfrastructureInput in;
  in.kind = b.kind;
  in.name = b.name;
  in.location = b.location.value_or("");
  in.capacity = b.capacity.value_or("");
  in.provider = b.provider.value_or("");
  in.status = b.status.value_or("live");
  in.description = b.description.value_or("");
  return in;
}

InfrastructureOut OutOf(const Infrastructure& i, std::string_view) {
  return {i.id,       i.node_id,  i.node_name, i.node_slug,   i.kind,       i.name,      i.location,
          i.capacity, i.provider, i.status,    i.description, i.created_at, i.updated_at};
}

// The handlers of one kind, written once: Body and Out are its contracts, the members its use cases.
template <class Body, class Item>
struct KindHandlers {
  using List = Result<std::vector<Item>> (ArchitectureService::*)(const access::Actor&, const ListFilter&,
                                                                  std::string_view);
  using Create = Result<Item> (ArchitectureService::*)(const access::Actor&, std::int64_t,
                                                       decltype(InputOf(std::declval<Body>())), std::string_view,
                                                       std::string_view);
  using Update = Result<Item> (ArchitectureService::*)(const access::Actor&, std::int64_t,
                                                       decltype(InputOf(std::declval<Body>())), std::string_view);
  using Retire = Result<Item> (ArchitectureService::*)(const access::Actor&, std::int64_t, std::string_view);

  static http::Handler ListHandler(ArchitectureService& svc, List list) {
    return [&svc, list](Request& req) {
      if (req.actor().anonymous()) return http::Unauthorized(req);
      auto f = FilterOf(req);
      if (!f.ok()) return http::Problem(req, f.error());
      auto items = (svc.*list)(req.actor(), *f, req.lang);
      if (!items.ok()) return http::Problem(req, items.error());
      std::vector<decltype(OutOf(std::declval<Item>(), ""))> out;
      for (const auto& i : *items) out.push_back(OutOf(i, req.lang));
      return http::Reply(200, out);
    };
  }
  static http::Handler CreateHandler(ArchitectureService& svc, Create create) {
    return [&svc, create](Request& req) {
      if (req.actor().anonymous()) return http::Unauthorized(req);
      auto key = IdempotencyKey(req);
      if (!key.ok()) return http::Problem(req, key.error());
      auto body = http::ReadBody<Body>(req);
      if (!body.ok()) return http::Problem(req, body.error());
      if (!body->node_id || *body->node_id <= 0) {
        return http::Problem(req, Error::Validation({{"node_id", i18n::Tr(req.lang, "arch_error_node_id")}}));
      }
      auto item = (svc.*create)(req.actor(), *body->node_id, InputOf(*body), *key, req.lang);
      if (!item.ok()) return http::Problem(req, item.error());
      return http::Reply(201, OutOf(*item, req.lang));
    };
  }
  static http::Handler UpdateHandler(ArchitectureService& svc, Update update) {
    return [&svc, update](Request& req) {
      if (req.actor().anonymous()) return http::Unauthorized(req);
      auto body = http::ReadBody<Body>(req);
      if (!body.ok()) return http::Problem(req, body.error());
      auto item = (svc.*update)(req.actor(), PathId(req), InputOf(*body), req.lang);
      if (!item.ok()) return http::Problem(req, item.error());
      return http::Reply(200, OutOf(*item, req.lang));
    };
  }
  static http::Handler RetireHandler(ArchitectureService& svc, Retire retire) {
    return [&svc, retire](Request& req) {
      if (req.actor().anonymous()) return http::Unauthorized(req);
      auto item = (svc.*retire)(req.actor(), PathId(req), req.lang);
      if (!item.ok()) return http::Problem(req, item.error());
      return http::Reply(200, OutOf(*item, req.lang));
    };
  }
};

// ---- Import, export, duplicates, functions ----

http::Handler ImportHandler(ArchitectureService& svc) {
  return [&svc](Request& req) {
    if (req.actor().anonymous()) return http::Unauthorized(req);
    auto node = NodeParam(req);
    if (!node.ok()) return http::Problem(req, node.error());
    auto kind = ParseKind(req.Query("kind").value_or(""));
    if (!kind) return http::Problem(req, Error::Validation({{"kind", i18n::Tr(req.lang, "arch_error_kind_param")}}));
    auto report = svc.Import(req.actor(), *node, *kind, req.body, req.lang);
    if (!report.ok()) return http::Problem(req, report.error());
    if (!report->errors.empty()) {
      // problem+json, each error naming its line and column besides the message.
      std::vector<FieldError> fields;
      for (const auto& e : report->errors) fields.push_back({e.field, e.detail});
      Response r = http::Problem(req, Error::Validation(std::move(fields), i18n::Tr(req.lang, "arch_import_refused")));
      boost::system::error_code ec;
      json::value doc = json::parse(r.body, ec);
      if (ec || !doc.is_object() || !doc.as_object().contains("errors") || !doc.at("errors").is_array()) return r;
      json::array& errors = doc.as_object()["errors"].as_array();
      for (std::size_t i = 0; i < errors.size() && i < report->errors.size(); ++i) {
        errors[i].as_object()["line"] = report->errors[i].line;
        errors[i].as_object()["detail"] = report->errors[i].detail;
      }
      r.body = json::serialize(doc);
      return r;
    }
    return http::Reply(200, ImportOut{report->created, report->updated, report->unchanged});
  };
}

http::Handler ExportCsvHandler(ArchitectureService& svc) {
  return [&svc](Request& req) {
    if (req.actor().anonymous()) return http::Unauthorized(req);
    auto node = NodeParam(req);
    if (!node.ok()) return http::Problem(req, node.error());
    auto kind = ParseKind(req.Query("kind").value_or("applications"));
    if (!kind) return http::Problem(req, Error::Validation({{"kind", i18n::Tr(req.lang, "arch_error_kind_param")}}));
    auto csv = svc.ExportCsv(req.actor(), *node, *kind, req.lang);
    if (!csv.ok()) return http::Problem(req, csv.error());
    Response r = Response::Text(200, std::move(*csv), "text/csv; charset=utf-8");
    r.Set("Content-Disposition",
          "attachment; filename=\"arsitektur-" + std::string(KindName(*kind)) + "-" + std::to_string(*node) + ".csv\"");
    return r;
  };
}

http::Handler ExportXlsxHandler(ArchitectureService& svc) {
  return [&svc](Request& req) {
    if (req.actor().anonymous()) return http::Unauthorized(req);
    auto node = NodeParam(req);
    if (!node.ok()) return http::Problem(req, node.error());
    auto xlsx = svc.ExportXlsx(req.actor(), *node, req.lang);
    if (!xlsx.ok()) return http::Problem(req, xlsx.error());
    Response r = Response::Text(200, std::move(*xlsx), kXlsxType);
    r.Set("Content-Disposition", "attachment; filename=\"arsitektur-" + std::to_string(*node) + ".xlsx\"");
    return r;
  };
}

http::Handler DuplicatesHandler(ArchitectureService& svc) {
  return [&svc](Request& req) {
    if (req.actor().anonymous()) return http::Unauthorized(req);
    auto node = NodeParam(req);
    if (!node.ok()) return http::Problem(req, node.error());
    auto view = svc.Duplicates(req.actor(), *node, req.lang);
    if (!view.ok()) return http::Problem(req, view.error());
    DuplicatesOut out;
    out.government_id = view->government.id;
    out.government = view->government.name;
    for (const auto& g : view->groups) {
      DuplicateGroupOut o;
      o.function_code = g.function_code;
      o.function_name = g.function_name;
      o.agencies = g.agencies;
      o.users = g.users;
      o.yearly_cost = g.yearly_cost;
      for (const auto& a : g.applications) {
        o.applications.push_back({a.id, a.node_id, a.agency, a.name, a.status, a.users, a.yearly_cost});
      }
      if (auto n = NationalOut(g.national_app)) o.national_app = *n;
      out.groups.push_back(std::move(o));
    }
    return http::Reply(200, out);
  };
}

http::Handler FunctionsHandler() {
  return [](Request&) {
    std::vector<FunctionOut> out;
    for (const auto& f : Functions()) {
      FunctionOut o{f.code, f.name_id, f.name_en, f.group, std::nullopt};
      if (auto n = NationalOut(f.national_app)) o.national_app = *n;
      out.push_back(std::move(o));
    }
    auto r = http::Reply(200, out);
    r.Set("Cache-Control", "public, max-age=3600");
    return r;
  };
}

template <class Body, class Item>
void RegisterKind(http::Router& router, ArchitectureService& svc, const std::string& plural, const std::string& noun,
                  const std::string& op, typename KindHandlers<Body, Item>::List list,
                  typename KindHandlers<Body, Item>::Create create, typename KindHandlers<Body, Item>::Update update,
                  typename KindHandlers<Body, Item>::Retire retire, const Body& example) {
  using H = KindHandlers<Body, Item>;
  using Out = decltype(OutOf(std::declval<Item>(), ""));
  const std::string base = "/api/v1/architecture/" + plural;
  router.Add("GET", base, H::ListHandler(svc, list),
             Operation("list" + op, kTag, "The " + noun + " of an agency and the agencies under it")
                 .Describe("For the agency's officers and the SPBE evaluators; systems with an API key holding the "
                           "`architecture.read` scope.")
                 .Scope("architecture.read")
                 .Query("node_id", http::IntegerSchema(), "The agency (a node of the tree)", true)
                 .Query("status", {{"type", "string"}, {"enum", Codes(Statuses())}}, "Only items of this status")
                 .Query("function", {{"type", "string"}}, "Applications only: of this government function")
                 .template Reply<std::vector<Out>>(200, "The " + noun)
                 .Problems({{401, "Not signed in"},
                            {403, "Not an officer of that agency, or no such agency"},
                            {422, "No node_id, or a status or function that does not exist"}})
                 .Options());
  router.Add("POST", base, H::CreateHandler(svc, create),
             Operation("create" + op.substr(0, op.size() - (op.back() == 's' ? 1 : 0)), kTag,
                       "Record one of the " + noun + " of an agency")
                 .Describe("For the agency's admins. Names are unique within the agency whatever their case. "
                           "Audited.")
                 .Header("Idempotency-Key", "The same key again answers the first item instead of recording twice")
                 .template Body<Body>(example)
                 .template Reply<Out>(201, "Recorded")
                 .Problems({{400, "Body is not JSON"},
                            {401, "Not signed in"},
                            {403, "Not an admin of that agency, or no such agency"},
                            {409, "The Idempotency-Key was used for another item"},
                            {422, "Field errors (a name taken, a code not in the list, a number out of range)"}})
                 .Options());
  router.Add(
      "PUT", base + "/{id}", H::UpdateHandler(svc, update),
      Operation("update" + op.substr(0, op.size() - (op.back() == 's' ? 1 : 0)), kTag, "Change one of the " + noun)
          .Describe("Every member is replaced (node_id is ignored). Audited.")
          .Path("id", http::IntegerSchema(), "The item's id")
          .template Body<Body>()
          .template Reply<Out>(200, "Changed")
          .Problems({{400, "Body is not JSON"},
                     {401, "Not signed in"},
                     {403, "An officer who may read but not keep the agency's inventory"},
                     {404, "No such item in the caller's reach"},
                     {422, "Field errors"}})
          .Options());
  router.Add("POST", base + "/{id}/retire", H::RetireHandler(svc, retire),
             Operation("retire" + op.substr(0, op.size() - (op.back() == 's' ? 1 : 0)), kTag,
                       "Mark one of the " + noun + " retired")
                 .Describe("It stays in the inventory, with status retired. Audited.")
                 .Path("id", http::IntegerSchema(), "The item's id")
                 .template Reply<Out>(200, "Retired")
                 .Problems({{401, "Not signed in"},
                            {403, "An officer who may read but not keep the agency's inventory"},
                            {404, "No such item in the caller's reach"}})
                 .Options());
}

}  // namespace

void RegisterApi(http::Router& router, ArchitectureService& svc) {
  router.DescribeTag(kTag,
                     "The government's IT architecture inventory (arsitektur SPBE): each agency's applications, data "
                     "sets and infrastructure, imported and exported as CSV or a workbook, and the applications of "
                     "one function that several agencies run (consolidation candidates).");
  ApplicationBody app_example;
  app_example.node_id = 12;
  app_example.name = "e-Surat DPUPR";
  app_example.function_code = "ADM.01";
  app_example.users = 85;
  app_example.status = "live";
  app_example.hosting = "own";
  app_example.source = "built";
  app_example.yearly_cost = 45000000;
  RegisterKind<ApplicationBody, Application>(
      router, svc, "applications", "applications", "ArchitectureApplications", &ArchitectureService::Applications,
      &ArchitectureService::CreateApplication, &ArchitectureService::UpdateApplication,
      &ArchitectureService::RetireApplication, app_example);
  DatasetBody data_example;
  data_example.node_id = 12;
  data_example.name = "Data Penduduk";
  data_example.classification = "terbatas";
  data_example.personal = true;
  data_example.update_frequency = "daily";
  RegisterKind<DatasetBody, Dataset>(router, svc, "datasets", "data sets", "ArchitectureDatasets",
                                     &ArchitectureService::Datasets, &ArchitectureService::CreateDataset,
                                     &ArchitectureService::UpdateDataset, &ArchitectureService::RetireDataset,
                                     data_example);
  InfrastructureBody infra_example;
  infra_example.node_id = 12;
  infra_example.kind = "server_room";
  infra_example.name = "Ruang Server Diskominfo";
  infra_example.capacity = std::string("8 rak, 20 kVA");
  RegisterKind<InfrastructureBody, Infrastructure>(
      router, svc, "infrastructure", "infrastructure items", "ArchitectureInfrastructure",
      &ArchitectureService::Infrastructures, &ArchitectureService::CreateInfrastructure,
      &ArchitectureService::UpdateInfrastructure, &ArchitectureService::RetireInfrastructure, infra_example);

  router.Add("GET", "/api/v1/architecture/duplicates", DuplicatesHandler(svc),
             Operation("listArchitectureDuplicates", kTag, "Consolidation candidates of the agency's government")
                 .Describe("Live and planned applications of one government function run by two or more agencies of "
                           "the government the node belongs to, with their users and yearly costs side by side and "
                           "the function's national general application where there is one.")
                 .Scope("architecture.read")
                 .Query("node_id", http::IntegerSchema(), "An agency of the government", true)
                 .Reply<DuplicatesOut>(200, "The groups")
                 .Problems({{401, "Not signed in"}, {403, "Not an officer of that agency"}, {422, "No node_id"}})
                 .Options());
  router.Add("GET", "/api/v1/architecture/export.csv", ExportCsvHandler(svc),
             Operation("exportArchitectureCsv", kTag, "One list of the inventory as CSV")
                 .Describe("The columns POST /api/v1/architecture/import reads, `instansi` (the agency's slug) first.")
                 .Scope("architecture.read")
                 .Query("node_id", http::IntegerSchema(), "The agency (and those under it)", true)
                 .Query("kind", {{"type", "string"}, {"enum", {"applications", "datasets", "infrastructure"}}},
                        "Which list (applications when left out)")
                 .ReplyContent(200, "The list", "text/csv", {{"type", "string"}})
                 .Problems({{401, "Not signed in"}, {403, "Not an officer of that agency"}, {422, "No node_id"}})
                 .Options());
  router.Add("GET", "/api/v1/architecture/export.xlsx", ExportXlsxHandler(svc),
             Operation("exportArchitectureXlsx", kTag, "The inventory as one workbook")
                 .Describe("Three sheets: Aplikasi, Data, Infrastruktur, with the CSV's columns.")
                 .Scope("architecture.read")
                 .Query("node_id", http::IntegerSchema(), "The agency (and those under it)", true)
                 .ReplyContent(200, "The workbook", kXlsxType, http::BinarySchema())
                 .Problems({{401, "Not signed in"}, {403, "Not an officer of that agency"}, {422, "No node_id"}})
                 .Options());
  router.Add(
      "POST", "/api/v1/architecture/import", ImportHandler(svc),
      Operation("importArchitecture", kTag, "Import one list of the inventory from CSV")
          .Describe("For the agency's admins. A header row names the columns (those of the export); each line "
                    "records or changes the item of its name in the agency its `instansi` column names (the node "
                    "itself when empty). All or nothing: when a line is wrong nothing is written and every wrong line "
                    "is named (`errors[].line`, `errors[].field`, `errors[].detail`). Importing the same file again "
                    "changes nothing. Audited.")
          .Query("node_id", http::IntegerSchema(), "The agency", true)
          .Query("kind", {{"type", "string"}, {"enum", {"applications", "datasets", "infrastructure"}}}, "Which list",
                 true)
          .BodyContent("text/csv", {{"type", "string"}}, nullptr)
          .Reply<ImportOut>(200, "Imported")
          .Problems({{401, "Not signed in"},
                     {403, "Not an admin of that agency, or no such agency"},
                     {422, "Lines that are wrong, each by line and column; or no node_id or kind"}})
          .Options());
  router.Add("GET", "/api/v1/architecture/functions", FunctionsHandler(),
             Operation("listGovernmentFunctions", kTag, "The reference list of government functions")
                 .Describe("The functions an application serves (`function_code`), each with its national general "
                           "application where there is one.")
                 .Public()
                 .Reply<std::vector<FunctionOut>>(200, "The functions")
                 .Problems({{400, "The query string cannot be read"}})
                 .Options(true));
}

}  // namespace spbe::architecture
