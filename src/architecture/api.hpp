#pragma once

#include "architecture/service.hpp"
#include "http/router.hpp"

namespace spbe::architecture {

/// /api/v1/architecture: applications, datasets and infrastructure (list, record, change, retire), import and export,
/// duplicates, and the public reference list of government functions.
void RegisterApi(http::Router& router, ArchitectureService& service);

}  // namespace spbe::architecture
