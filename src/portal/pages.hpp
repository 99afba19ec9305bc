#pragma once

#include "http/router.hpp"
#include "http/views.hpp"
#include "portal/site.hpp"

namespace spbe::portal {

/// The portal's public pages: home (/) for now; later capabilities add theirs.
void Register(http::Router& router, const http::Views& views);

/// Demo identity for `spbe seed-demo`: a fictional kabupaten and its Diskominfo.
Status SeedDemo(SiteService& site);

}  // namespace spbe::portal
