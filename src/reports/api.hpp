#pragma once
/// The parts of the reports API that RegisterApi (reports/web.hpp) adds after the reports themselves.

#include "http/router.hpp"
#include "reports/service.hpp"

namespace spbe::reports {

/// The reporter's rating, +1 from the public, a report's attachments (api_follow_up.cpp).
void RegisterFollowUpApi(http::Router& router, ReportsService& reports);

/// The categories of reports and the desk's routing rules (api_routing.cpp).
void RegisterRoutingApi(http::Router& router, ReportsService& reports);

}  // namespace spbe::reports
