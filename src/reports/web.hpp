#pragma once

#include "http/router.hpp"
#include "http/views.hpp"
#include "org/service.hpp"
#include "reports/service.hpp"

namespace spbe::reports {

/// The reports API under /api/v1/reports (filing, the reporter's view by code, the public feed, actions, rating,
/// support, queues) and /api/v1/report-routes (routing rules).
void RegisterApi(http::Router& router, ReportsService& reports);

/// The pages: /lapor (file a report), /lapor/lacak (the reporter's view by number and code), /laporan (the public
/// feed).
void RegisterPages(http::Router& router, const http::Views& views, ReportsService& reports, org::OrgService& org);

/// The back office: /pengaduan (the desk's and offices' queues, a report's page and actions, routing rules).
void RegisterOfficePages(http::Router& router, const http::Views& views, ReportsService& reports, org::OrgService& org);

}  // namespace spbe::reports
