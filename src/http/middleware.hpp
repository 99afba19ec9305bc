#pragma once
/// The standard middleware every server runs, outermost first in the order the composition root adds them.

#include "http/router.hpp"
#include "platform/metrics.hpp"

namespace spbe::http {

/// One JSON log line per request (id, method, route, status, bytes, duration) and the request metrics.
Middleware AccessLog(Metrics& metrics);

/// Takes a sane incoming X-Request-Id or makes one; echoes it on the response.
Middleware RequestId();

/// CSP, nosniff, Referrer-Policy, frame-ancestors and friends on every response.
Middleware SecurityHeaders();

/// Negotiates the language (?lang=, cookie, Accept-Language); an explicit ?lang= is remembered in a cookie.
Middleware Language();

/// gzip for text responses over a small size when the client accepts it.
Middleware Compression();

/// A valid X-Request-Id: 1-64 characters of [A-Za-z0-9._-].
bool ValidRequestId(std::string_view id);

}  // namespace spbe::http
