#pragma once

#include "audit/anchors.hpp"
#include "http/router.hpp"
#include "http/views.hpp"
#include "org/service.hpp"
#include "storage/database.hpp"

namespace spbe::audit {

/// GET /api/v1/audit and the /audit page: auditors (and platform admins) browse and filter the trail of their
/// subtree; nobody else sees it. GET /api/v1/audit/anchors: the signed anchors of the chain, public.
void RegisterWeb(http::Router& router, const http::Views& views, storage::Database& db, org::OrgService& org,
                 Anchors& anchors);

}  // namespace spbe::audit
