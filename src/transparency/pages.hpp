#pragma once

#include "http/router.hpp"
#include "http/views.hpp"
#include "transparency/service.hpp"

namespace spbe::transparency {

/// The public dashboard page GET /kinerja (a period form, summary, monthly charts, tables per office and per
/// service). Its open data is transparency/api.hpp.
void RegisterPages(http::Router& router, const http::Views& views, TransparencyService& service);

}  // namespace spbe::transparency
