#pragma once

#include "http/router.hpp"
#include "http/views.hpp"
#include "transparency/service.hpp"

namespace spbe::transparency {

/// The public dashboard page GET /kinerja (a period form, summary, monthly charts, tables per office and per
/// service), and its open data (CC BY 4.0): GET /api/v1/stats/offices, /services and /trend as JSON, each with a
/// .csv twin (/api/v1/stats/offices.csv ...) carrying the same columns.
void RegisterWeb(http::Router& router, const http::Views& views, TransparencyService& service);

}  // namespace spbe::transparency
