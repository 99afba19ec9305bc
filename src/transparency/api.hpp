#pragma once

#include "http/router.hpp"
#include "transparency/service.hpp"

namespace spbe::transparency {

/// The dashboard's open data (CC BY 4.0): GET /api/v1/stats/offices, /services and /trend as JSON, each with a .csv
/// twin (/api/v1/stats/offices.csv ...) carrying the same columns.
void RegisterApi(http::Router& router, TransparencyService& service);

}  // namespace spbe::transparency
