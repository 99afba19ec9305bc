#include "audit/pages.hpp"

#include <boost/json.hpp>

#include "audit/api.hpp"
#include "audit/audit.hpp"
#include "platform/local_time.hpp"

namespace spbe::audit {

using http::Request;
using http::Response;

namespace {

http::Handler AuditLog(const http::Views& views, storage::Database& db, org::OrgService& org) {
  return [&db, &org, &views](Request& req) {
    if (req.actor().anonymous()) return Response::Redirect("/masuk");
    auto filter = Scope(req, org);
    if (!filter.ok()) return views.ErrorPage(req, 403);
    auto entries = List(db, *filter);
    if (!entries.ok()) return views.ErrorPage(req, 503);
    boost::json::array rows;
    for (const auto& e : *entries) {
      rows.push_back({{"id", e.id},
                      {"at", LocalDateTimeText(e.at, views.zone(), req.lang)},
                      {"who", e.actor_id ? e.actor_kind + " #" + std::to_string(*e.actor_id) : e.actor_kind},
                      {"action", e.action},
                      {"object", e.object_type + " " + e.object_id},
                      {"address", e.address},
                      {"hash", e.hash.substr(0, 12)}});
    }
    boost::json::object data{{"rows", std::move(rows)},
                             {"has_rows", !entries->empty()},
                             {"action", filter->action},
                             {"object_type", filter->object_type},
                             {"object_id", filter->object_id}};
    if (entries->size() == static_cast<std::size_t>(filter->limit)) {
      data["older"] = "/audit?before_id=" + std::to_string(entries->back().id) + "&action=" + filter->action +
                      "&object_type=" + filter->object_type + "&object_id=" + filter->object_id;
    }
    return views.Page(req, 200, "audit/list", std::move(data), "audit_title");
  };
}

}  // namespace

void RegisterPages(http::Router& router, const http::Views& views, storage::Database& db, org::OrgService& org) {
  router.Add("GET", "/audit", AuditLog(views, db, org));
}

}  // namespace spbe::audit
