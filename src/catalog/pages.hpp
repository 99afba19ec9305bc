#pragma once

#include "catalog/service.hpp"
#include "http/router.hpp"
#include "http/views.hpp"
#include "org/service.hpp"

namespace spbe::catalog {

/// Public pages: /layanan (the catalogue: words, agency, life event) and /layanan/{slug} (the standard in full).
void RegisterPages(http::Router& router, const http::Views& views, CatalogService& service);

/// Admin pages: /admin/layanan (the agency's services, a new one) and /admin/layanan/{id} (edit the draft: standard,
/// fee, form fields, workflow steps; save; publish).
void RegisterAdminPages(http::Router& router, const http::Views& views, CatalogService& service, org::OrgService& org);

}  // namespace spbe::catalog
