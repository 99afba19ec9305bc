#pragma once
/// The bus's routes: /interop/v1 (directory, keys, gateway) and /api/v1/interop (management); pages in pages.hpp.

#include "http/router.hpp"
#include "interop/service.hpp"
#include "platform/metrics.hpp"

namespace spbe::interop {

void RegisterApi(http::Router& router, InteropService& bus);
/// The gateway's routes, every method (api_gateway.cpp).
void RegisterGateway(http::Router& router, InteropService& bus);

}  // namespace spbe::interop
