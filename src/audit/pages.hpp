#pragma once

#include "http/router.hpp"
#include "http/views.hpp"
#include "org/service.hpp"
#include "storage/database.hpp"

namespace spbe::audit {

/// The /audit page: auditors (and platform admins) browse and filter the trail of their subtree.
void RegisterPages(http::Router& router, const http::Views& views, storage::Database& db, org::OrgService& org);

}  // namespace spbe::audit
