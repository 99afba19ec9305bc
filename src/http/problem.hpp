#pragma once
/// RFC 9457 problem details: the one place that maps domain error codes to HTTP statuses and bodies.

#include "http/message.hpp"
#include "platform/result.hpp"

namespace spbe::http {

int StatusFor(ErrorCode code);

/// An application/problem+json response for `error`, titled in the request's language, carrying the request id
/// and, for validation errors, one entry per field.
Response Problem(const Request& req, const Error& error);
/// 401 with WWW-Authenticate: Bearer, "sign in first" in the user's language.
Response Unauthorized(const Request& req);

/// A problem for a bare HTTP status (404, 405, 413 ...), without a domain error behind it.
Response ProblemForStatus(const Request& req, int status, std::string detail = {});

}  // namespace spbe::http
