#pragma once

#include "audit/anchors.hpp"
#include "audit/model.hpp"
#include "http/router.hpp"
#include "org/service.hpp"
#include "platform/result.hpp"
#include "storage/database.hpp"

namespace spbe::audit {

/// GET /api/v1/audit: auditors (and platform admins) browse and filter the trail of their subtree; nobody else sees
/// it. GET /api/v1/audit/anchors: the signed anchors of the chain, public.
void RegisterApi(http::Router& router, storage::Database& db, org::OrgService& org, Anchors& anchors);

/// The filter the actor may run, or the error to answer: the requested node (or the actor's own audit node) must
/// be one the actor can audit. Shared with the /audit page.
Result<Filter> Scope(const http::Request& req, org::OrgService& org);

}  // namespace spbe::audit
