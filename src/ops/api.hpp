#pragma once

#include <functional>
#include <string>

#include "http/router.hpp"
#include "http/views.hpp"
#include "ops/service.hpp"
#include "platform/metrics.hpp"

namespace spbe::ops {

struct ApiDeps {
  OpsService& service;
  Metrics& metrics;
  /// The OpenAPI document; called once, after every route is registered.
  std::function<std::string()> openapi;
  bool write_probe = false;
  /// The API reference page (/api/docs) is rendered in the portal's layout; the renderer's script is this asset.
  const http::Views* views = nullptr;
  std::string redoc_url;
};

/// /healthz, /readyz, /metrics, /api/v1/openapi.json, the API reference page /api/docs and, when enabled,
/// /api/v1/ops/write-probe.
void RegisterApi(http::Router& router, ApiDeps deps);

}  // namespace spbe::ops
