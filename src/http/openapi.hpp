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

/// One operation's description for a route: its tag and summary, parameters (a JSON array or nullptr), request body
/// content (a JSON object keyed by media type, or nullptr) and responses (the members of the responses object).
std::string OperationDoc(std::string_view tag, std::string_view summary, const char* parameters,
                         const char* request_content, const std::string& responses);
/// A responses member for an error answered as problem+json: `"404": {...}`.
std::string ProblemDoc(const char* status, const char* description);

/// Throws std::logic_error when a route's declared operation is not a JSON object with "responses".
std::string OpenApiDocument(const Router& router, const ApiInfo& info);

}  // namespace spbe::http
