#pragma once

#include "calendar/service.hpp"
#include "http/router.hpp"
#include "org/service.hpp"

namespace spbe::calendar {

/// The holiday calendar: GET /api/v1/calendar/holidays (public), and for platform admins PUT/DELETE
/// /api/v1/calendar/holidays/{date} and POST /api/v1/calendar/holidays/import (text/csv); agency admins set
/// PUT /api/v1/org/nodes/{id}/cuti-bersama.
void RegisterApi(http::Router& router, CalendarService& calendar, org::OrgService& org);

}  // namespace spbe::calendar
