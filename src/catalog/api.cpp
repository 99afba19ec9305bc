#include "catalog/api.hpp"

#include <boost/json.hpp>
#include <cstdlib>

#include "catalog/api_contract.hpp"
#include "http/json.hpp"
#include "http/operation.hpp"
#include "http/problem.hpp"

namespace spbe::catalog {

using http::Request;
using http::Response;

namespace {

namespace json = boost::json;
using http::Unauthorized;

struct NewServiceBody {
  std::int64_t node_id = 0;
  std::string slug;
  json::object definition;
  static json::object Notes() {
    json::object definition = http::contract::Schema<api::DefinitionInput>();
    definition["description"] = "The service's definition, as PUT /api/v1/services/{id}/draft takes it";
    return {{"node_id", {{"description", "the agency the service belongs to"}}},
            {"slug",
             {{"pattern", "^[a-z0-9][a-z0-9-]{1,58}[a-z0-9]$"}, {"description", "its address: izin-praktik-bidan"}}},
            {"definition", std::move(definition)}};
  }
};
BOOST_DESCRIBE_STRUCT(NewServiceBody, (), (node_id, slug, definition))

std::int64_t IntParam(const std::optional<std::string>& s) { return s ? std::atoll(s->c_str()) : 0; }

http::Handler SearchServices(CatalogService& service) {
  return [&service](Request& req) {
    auto page = std::max<std::int64_t>(1, IntParam(req.Query("page")));
    auto found = service.Search(req.Query("q").value_or(""), IntParam(req.Query("node_id")),
                                req.Query("event").value_or(""), static_cast<int>(page));
    if (!found.ok()) return http::Problem(req, found.error());
    api::SearchPage out{found->total, page, {}};
    for (const auto& v : found->items) out.items.push_back(api::Summary(v, req.lang));
    return http::Reply(200, out);
  };
}

http::Handler GetPublished(CatalogService& service) {
  return [&service](Request& req) {
    auto v = service.Published(req.params["id"]);
    if (!v.ok()) return http::Problem(req, v.error());
    return http::Reply(200, api::Detail(*v, req.lang));
  };
}

http::Handler CreateService(CatalogService& service) {
  return [&service](Request& req) {
    if (req.actor().anonymous()) return Unauthorized(req);
    auto in = http::ReadBody<NewServiceBody>(req);
    if (!in.ok()) return http::Problem(req, in.error());
    auto v = service.Create(req.actor(), in->node_id, in->slug, json::value(std::move(in->definition)), req.lang);
    if (!v.ok()) return http::Problem(req, v.error());
    return http::Reply(201, api::Detail(*v, req.lang));
  };
}

http::Handler GetDraft(CatalogService& service) {
  return [&service](Request& req) {
    if (req.actor().anonymous()) return Unauthorized(req);
    auto v = service.Draft(req.actor(), IntParam(req.params["id"]), req.lang);
    if (!v.ok()) return http::Problem(req, v.error());
    return http::Reply(200, api::Detail(*v, req.lang));
  };
}

// The body is the definition itself, handed as it is to the service: ParseDefinition names every wrong member by
// its path (form.fields[2].type), which a contract read would not.
http::Handler SaveDraft(CatalogService& service) {
  return [&service](Request& req) {
    if (req.actor().anonymous()) return Unauthorized(req);
    auto body = http::ParseJsonObject(req);
    if (!body.ok()) return http::Problem(req, body.error());
    auto v = service.SaveDraft(req.actor(), IntParam(req.params["id"]), json::value(std::move(*body)), req.lang);
    if (!v.ok()) return http::Problem(req, v.error());
    return http::Reply(200, api::Detail(*v, req.lang));
  };
}

http::Handler Publish(CatalogService& service) {
  return [&service](Request& req) {
    if (req.actor().anonymous()) return Unauthorized(req);
    auto v = service.Publish(req.actor(), IntParam(req.params["id"]), req.lang);
    if (!v.ok()) return http::Problem(req, v.error());
    return http::Reply(200, api::Detail(*v, req.lang));
  };
}

json::object LifeEventSchema() {
  json::array keys;
  for (const auto& e : LifeEvents()) keys.emplace_back(e.key);
  return {{"type", "string"}, {"enum", std::move(keys)}};
}

}  // namespace

json::object ServiceJson(const ServiceView& v, std::string_view lang) {
  return http::contract::Write(api::Detail(v, lang));
}

void RegisterApi(http::Router& router, CatalogService& service) {
  router.DescribeTag("catalog", "The service catalogue: published service standards, drafts and publishing.");
  router.Add("GET", "/api/v1/services", SearchServices(service),
             http::Operation("searchServices", "catalog", "Search the published services")
                 .Describe("Words match in Bahasa Indonesia or English, affixes ignored (kelahiran finds lahir); "
                           "with words, a match in the name ranks before one in the summary. 20 to a page.")
                 .Public()
                 .Query("q", {{"type", "string"}}, "Words to look for")
                 .Query("node_id", http::IntegerSchema(), "An agency: the services of its subtree")
                 .Query("event", LifeEventSchema(), "A life event")
                 .Query("page", {{"type", "integer"}, {"minimum", 1}, {"default", 1}}, "The page, from 1")
                 .Reply<api::SearchPage>(200, "Matching services")
                 .Problems({{400, "The request's target cannot be read"}})
                 .Options());

  router.Add("GET", "/api/v1/services/{id}", GetPublished(service),
             http::Operation("getPublishedService", "catalog",
                             "A published service: its standar pelayanan in full, its form and its steps")
                 .Public()
                 .Path("id", {{"type", "string"}}, "The service's id or slug")
                 .Reply<api::ServiceDetail>(200, "The service's published version")
                 .Problems({{404, "No such published service"}})
                 .Options());

  router.Add("POST", "/api/v1/services", CreateService(service),
             http::Operation("createService", "catalog", "Create a service of an agency, with its first draft")
                 .Describe("For the agency's admins. The draft is not public until it is published.")
                 .Body<NewServiceBody>(
                     NewServiceBody{12, "izin-praktik-bidan", http::contract::Write(api::ExampleDefinition())})
                 .Reply<api::ServiceDetail>(201, "Created, as a draft")
                 .Problems({{400, "Body is not JSON"},
                            {401, "Not signed in"},
                            {403, "Not an admin of that node"},
                            {422, "Field errors name the path, e.g. form.fields[2].type; a slug taken"}})
                 .Options());

  router.Add("GET", "/api/v1/services/{id}/draft", GetDraft(service),
             http::Operation("getServiceDraft", "catalog", "The service's draft")
                 .Describe("For the agency's admins, heads and auditors; to anyone else the service does not exist.")
                 .Scope("services.read")
                 .Path("id", http::IntegerSchema(), "The service's id")
                 .Reply<api::ServiceDetail>(200, "The draft")
                 .Problems({{401, "Not signed in"}, {404, "No such service in the caller's reach, or no draft"}})
                 .Options());

  router.Add("PUT", "/api/v1/services/{id}/draft", SaveDraft(service),
             http::Operation("saveServiceDraft", "catalog", "Replace the service's draft")
                 .Describe("For the agency's admins; the published version is untouched until the draft is "
                           "published. The definition's shape is checked here; whether it can be published, when "
                           "publishing.")
                 .Path("id", http::IntegerSchema(), "The service's id")
                 .Body<api::DefinitionInput>(api::ExampleDefinition())
                 .Reply<api::ServiceDetail>(200, "The saved draft")
                 .Problems({{400, "Body is not JSON"},
                            {401, "Not signed in"},
                            {403, "May read the draft, not change it"},
                            {404, "No such service in the caller's reach"},
                            {422, "Field errors name the path, e.g. form.fields[2].type"}})
                 .Options());

  router.Add("POST", "/api/v1/services/{id}/publish", Publish(service),
             http::Operation("publishService", "catalog", "Publish the service's draft")
                 .Describe("For the agency's admins. The draft becomes the version new applications are filed "
                           "under; files already filed keep theirs.")
                 .Path("id", http::IntegerSchema(), "The service's id")
                 .Reply<api::ServiceDetail>(200, "The published version")
                 .Problems({{401, "Not signed in"},
                            {403, "May read the draft, not publish it"},
                            {404, "No such service in the caller's reach, or no draft"},
                            {409, "The draft changed meanwhile"},
                            {422, "The definition cannot finish, or a step has no one who may act"}})
                 .Options());
}

}  // namespace spbe::catalog
