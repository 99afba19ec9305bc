// Routing rules: the rules that propose which office a report goes to, listed, put and deleted by the desk and
// admins.
#include "reports/service.hpp"

#include <algorithm>

#include "audit/audit.hpp"
#include "platform/i18n.hpp"

namespace spbe::reports {

Result<std::vector<RouteView>> ReportsService::Routes(const access::Actor& actor, std::string_view lang) {
  auto roots = org_.Roots();
  if (!roots.ok()) return roots.error();
  bool may = std::any_of(roots->begin(), roots->end(), [&](const org::Node& r) {
    return access::Allowed(actor, access::Action::kReportRoutesManage, r.path);
  });
  if (!may) {
    return Error::Of(ErrorCode::kForbidden, i18n::Tr(lang, "reports_routes_forbidden"));
  }
  auto rows = db_.Read([&](soci::session& s) { return store_.Routes(s); });
  if (!rows.ok()) return rows.error();
  auto categories = Categories();
  std::vector<RouteView> out;
  for (const auto& r : *rows) {
    RouteView v{r, "", NodeName(r.node_id)};
    for (const auto& c : categories) {
      if (c.slug == r.category) v.category_name = lang == "en" ? c.name_en : c.name_id;
    }
    out.push_back(std::move(v));
  }
  return out;
}

Result<Route> ReportsService::PutRoute(const access::Actor& actor, const Route& route, std::string_view lang) {
  auto existing = Routes(actor, lang);
  if (!existing.ok()) return existing.error();
  std::vector<FieldError> errors;
  auto categories = Categories();
  if (!route.category.empty() &&
      std::none_of(categories.begin(), categories.end(), [&](const Category& c) { return c.slug == route.category; })) {
    errors.push_back({"category", i18n::Tr(lang, "reports_category_unknown")});
  }
  if (!route.region_prefix.empty() && !org_.RegionExists(route.region_prefix)) {
    errors.push_back({"region_prefix", i18n::Tr(lang, "reports_region_unknown")});
  }
  auto offices = Offices();
  if (std::none_of(offices.begin(), offices.end(), [&](const Office& o) { return o.id == route.node_id; })) {
    errors.push_back({"node_id", i18n::Tr(lang, "reports_office_choose")});
  }
  if (!errors.empty()) return Error::Validation(std::move(errors));
  std::string now = FormatUtc(clock_());
  auto node = org_.Get(route.node_id);
  if (!node.ok()) return node.error();
  return db_.WriteReturning<Route>([&](soci::session& s) -> Result<Route> {
    Route out = route;
    out.id = store_.PutRoute(s, route, now);
    audit::Entry e;
    e.action = "reports.route_put";
    e.object_type = "report_route";
    e.object_id = std::to_string(out.id);
    e.node_path = node->path;
    e.after_digest = audit::Digest(route.category + "|" + route.region_prefix + "|" + std::to_string(route.node_id));
    audit::Record(s, actor, e, now);
    return out;
  });
}

spbe::Status ReportsService::DeleteRoute(const access::Actor& actor, std::int64_t id, std::string_view lang) {
  auto existing = Routes(actor, lang);
  if (!existing.ok()) return existing.error();
  std::string now = FormatUtc(clock_());
  return db_.Write([&](soci::session& s) -> spbe::Status {
    if (!store_.DeleteRoute(s, id)) {
      return Error::Of(ErrorCode::kNotFound, i18n::Tr(lang, "reports_route_not_found"));
    }
    audit::Entry e;
    e.action = "reports.route_delete";
    e.object_type = "report_route";
    e.object_id = std::to_string(id);
    audit::Record(s, actor, e, now);
    return Ok{};
  });
}

}  // namespace spbe::reports
