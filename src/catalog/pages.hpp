#pragma once

#include "catalog/service.hpp"
#include "http/router.hpp"
#include "http/views.hpp"

namespace spbe::catalog {

/// Public pages: /layanan (the catalogue: words, agency, life event) and /layanan/{slug} (the standard in full).
void RegisterPages(http::Router& router, const http::Views& views, CatalogService& service);

}  // namespace spbe::catalog
