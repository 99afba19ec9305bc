#include <boost/json.hpp>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "http/json.hpp"
#include "http/operation.hpp"
#include "http/problem.hpp"
#include "reports/api.hpp"

namespace spbe::reports {

using http::Request;
using http::Response;

namespace {

namespace json = boost::json;

struct CategoryAnswer {
  std::string slug;
  std::string name_id;
  std::string name_en;
};
BOOST_DESCRIBE_STRUCT(CategoryAnswer, (), (slug, name_id, name_en))

struct RuleAnswer {
  std::int64_t id = 0;
  std::string category;
  std::string category_name;
  std::string region_prefix;
  std::int64_t node_id = 0;
  std::string office;
  static json::object Notes() {
    return {{"category", {{"description", "empty: any category"}}},
            {"region_prefix", {{"description", "a Kemendagri code; empty: any region"}}},
            {"node_id", {{"description", "the office the reports go to"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(RuleAnswer, (), (id, category, category_name, region_prefix, node_id, office))

struct RuleBody {
  std::optional<std::string> category;
  std::optional<std::string> region_prefix;
  std::int64_t node_id = 0;
  static json::object Notes() {
    return {{"category", {{"description", "a category's slug; empty or absent: any"}}},
            {"region_prefix", {{"description", "a Kemendagri region code; empty or absent: any"}}},
            {"node_id", {{"description", "the office (perangkat daerah, kecamatan, kelurahan/desa) to propose"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(RuleBody, (), (category, region_prefix, node_id))

struct SavedRule {
  std::int64_t id = 0;
  std::string category;
  std::string region_prefix;
  std::int64_t node_id = 0;
};
BOOST_DESCRIBE_STRUCT(SavedRule, (), (id, category, region_prefix, node_id))

http::Handler ListReportCategories(ReportsService& reports) {
  return [&reports](Request&) {
    std::vector<CategoryAnswer> out;
    for (const auto& c : reports.Categories()) out.push_back({c.slug, c.name_id, c.name_en});
    return http::Reply(200, out);
  };
}

http::Handler ListReportRoutes(ReportsService& reports) {
  return [&reports](Request& req) {
    if (req.actor().anonymous()) return http::Unauthorized(req);
    auto routes = reports.Routes(req.actor(), req.lang);
    if (!routes.ok()) return http::Problem(req, routes.error());
    std::vector<RuleAnswer> out;
    for (const auto& v : *routes) {
      out.push_back({v.route.id, v.route.category, v.category_name, v.route.region_prefix, v.route.node_id, v.office});
    }
    return http::Reply(200, out);
  };
}

http::Handler PutReportRoute(ReportsService& reports) {
  return [&reports](Request& req) {
    if (req.actor().anonymous()) return http::Unauthorized(req);
    auto body = http::ReadBody<RuleBody>(req);
    if (!body.ok()) return http::Problem(req, body.error());
    auto r = reports.PutRoute(
        req.actor(), {0, body->category.value_or(""), body->region_prefix.value_or(""), body->node_id}, req.lang);
    if (!r.ok()) return http::Problem(req, r.error());
    return http::Reply(201, SavedRule{r->id, r->category, r->region_prefix, r->node_id});
  };
}

http::Handler DeleteReportRoute(ReportsService& reports) {
  return [&reports](Request& req) {
    if (req.actor().anonymous()) return http::Unauthorized(req);
    auto st = reports.DeleteRoute(req.actor(), std::atoll(req.params["id"].c_str()), req.lang);
    if (!st.ok()) return http::Problem(req, st.error());
    Response r;
    r.status = 204;
    return r;
  };
}

}  // namespace

void RegisterRoutingApi(http::Router& router, ReportsService& reports) {
  router.Add(
      "GET", "/api/v1/report-categories", ListReportCategories(reports),
      http::Operation("listReportCategories", "reports", "The categories of reports")
          .Public()
          .Reply<std::vector<CategoryAnswer>>(200, "Categories", {{"infrastruktur", "Infrastruktur", "Infrastructure"}})
          .Problems({{400, "The request target does not parse"}})
          .Options());

  router.Add("GET", "/api/v1/report-routes", ListReportRoutes(reports),
             http::Operation("listReportRoutes", "reports", "The routing rules that propose an office to the desk")
                 .Describe("category x region -> office. For the complaint desk and the platform's admins.")
                 .Reply<std::vector<RuleAnswer>>(200, "Rules")
                 .Problems({{401, "Not signed in"}, {403, "Not the complaint desk or an admin"}})
                 .Options());

  router.Add("POST", "/api/v1/report-routes", PutReportRoute(reports),
             http::Operation("putReportRoute", "reports",
                             "Add a routing rule, or replace the one for the same category and region")
                 .Describe("A rule for the report's category wins over one for any category; among those, the "
                           "longest region prefix. For the complaint desk and the platform's admins.")
                 .Body<RuleBody>(RuleBody{"infrastruktur", "12.10.01", 42})
                 .Reply<SavedRule>(201, "The rule")
                 .Problems({{400, "Body is not JSON"},
                            {401, "Not signed in"},
                            {403, "Not the complaint desk or an admin"},
                            {422, "Field errors (no such category, region or office)"}})
                 .Options());

  router.Add("DELETE", "/api/v1/report-routes/{id}", DeleteReportRoute(reports),
             http::Operation("deleteReportRoute", "reports", "Remove a routing rule")
                 .Path("id", http::IntegerSchema(), "The rule's id")
                 .ReplyEmpty(204, "Removed")
                 .Problems({{401, "Not signed in"}, {403, "Not the complaint desk or an admin"}, {404, "No such rule"}})
                 .Options());
}

}  // namespace spbe::reports
