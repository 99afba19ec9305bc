#pragma once

#include "http/router.hpp"
#include "identity/service.hpp"

namespace spbe::identity {

/// /api/v1/auth/{register,verify-email,login,logout,activate,password-reset}, /api/v1/me, /api/v1/officers.
/// `public_url` is where activation links in e-mails point.
void RegisterApi(http::Router& router, IdentityService& service, std::string public_url);
/// Part of RegisterApi (api_me.cpp): /api/v1/auth/logout and the signed-in person's own /api/v1/me.
void RegisterOwnAccountApi(http::Router& router, IdentityService& service);
/// Part of RegisterApi (api_officers.cpp): /api/v1/officers, /api/v1/grants, /api/v1/api-keys.
void RegisterOfficersApi(http::Router& router, IdentityService& service, std::string public_url);

/// Lets request handlers ask who is calling (req.actor()): resolves the session token lazily through the service.
http::Middleware Authentication(IdentityService& service);

}  // namespace spbe::identity
