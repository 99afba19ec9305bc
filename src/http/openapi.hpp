#pragma once
/// The OpenAPI 3.1 document, assembled from the router's API routes and the operation each one declares, so the
/// description cannot name a route that does not exist or omit one that does.

#include <string>
#include <string_view>

#include "http/router.hpp"

namespace spbe::http {

struct ApiInfo {
  std::string title = "SPBE Terpadu API";
  std::string version;
  std::string server_url;
};

/// Throws std::logic_error when a route's declared operation is not a JSON object with "responses".
std::string OpenApiDocument(const Router& router, const ApiInfo& info);

}  // namespace spbe::http
