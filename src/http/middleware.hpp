#pragma once
/// The standard middleware every server runs, outermost first in the order the composition root adds them.

#include "http/router.hpp"
#include "platform/cidr.hpp"
#include "platform/metrics.hpp"

namespace spbe::http {

/// One JSON log line per request (id, method, route, status, bytes, duration) and the request metrics.
Middleware AccessLog(Metrics& metrics);

/// Takes a sane incoming X-Request-Id or makes one; echoes it on the response.
Middleware RequestId();

/// CSP, nosniff, Referrer-Policy, frame-ancestors and friends on every response.
Middleware SecurityHeaders();

/// The client's address: the peer's, or, when the peer is one of `trusted_proxies`, the nearest address in
/// X-Forwarded-For that is not one of them. The peer stays in Request::peer_address.
Middleware ClientAddress(std::vector<Cidr> trusted_proxies);
/// The rule ClientAddress applies, for tests.
std::string ClientAddressOf(std::string_view peer, std::optional<std::string_view> forwarded_for,
                            const std::vector<Cidr>& trusted);

/// Negotiates the language (?lang=, cookie, Accept-Language); an explicit ?lang= is remembered in a cookie.
Middleware Language();

/// gzip for text responses over a small size when the client accepts it.
Middleware Compression();

/// A valid X-Request-Id: 1-64 characters of [A-Za-z0-9._-].
bool ValidRequestId(std::string_view id);

}  // namespace spbe::http
