#pragma once

#include "catalog/service.hpp"
#include "http/router.hpp"

namespace spbe::catalog {

/// The service API: GET /api/v1/services (search), GET /api/v1/services/{id} (the published standard, form and
/// steps), and for agency admins POST /api/v1/services, GET/PUT /api/v1/services/{id}/draft,
/// POST /api/v1/services/{id}/publish.
void RegisterApi(http::Router& router, CatalogService& service);

/// A version as the API shows it, texts in `lang` where a choice is needed (both languages are kept in "form").
boost::json::object ServiceJson(const ServiceView& v, std::string_view lang);

}  // namespace spbe::catalog
