#pragma once

#include "architecture/service.hpp"
#include "http/router.hpp"
#include "http/views.hpp"

namespace spbe::architecture {

/// /arsitektur (an agency's inventory with its forms, import and export links), /arsitektur/aplikasi/{id} (an
/// application's form) and /arsitektur/duplikasi (consolidation candidates).
void RegisterPages(http::Router& router, const http::Views& views, ArchitectureService& service);

}  // namespace spbe::architecture
