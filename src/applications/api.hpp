#pragma once

#include "applications/service.hpp"
#include "http/router.hpp"

namespace spbe::applications {

/// The applications API: filing (idempotent), drafts and uploads, the applicant's and officers' view, the worklist,
/// actions, and public tracking.
void RegisterApi(http::Router& router, ApplicationsService& service);

}  // namespace spbe::applications
