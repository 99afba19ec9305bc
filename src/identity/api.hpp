#pragma once

#include "http/router.hpp"
#include "identity/service.hpp"

namespace spbe::identity {

/// /api/v1/auth/{register,verify-email,login,logout} and /api/v1/me.
void RegisterApi(http::Router& router, IdentityService& service);

/// Lets request handlers ask who is calling (req.actor()): resolves the session token lazily through the service.
http::Middleware Authentication(IdentityService& service);

}  // namespace spbe::identity
