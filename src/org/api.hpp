#pragma once

#include "http/router.hpp"
#include "org/service.hpp"

namespace spbe::org {

/// GET /api/v1/org/nodes (roots), GET /api/v1/org/nodes/{id} (a node and its children), POST /api/v1/org/nodes.
void RegisterApi(http::Router& router, OrgService& service);

}  // namespace spbe::org
