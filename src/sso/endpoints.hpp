#pragma once
/// The OpenID Connect provider's standard endpoints: /.well-known/openid-configuration and /oauth2/*.

#include "http/router.hpp"
#include "http/views.hpp"
#include "sso/service.hpp"

namespace spbe::sso {

void RegisterEndpoints(http::Router& router, SsoService& sso, const http::Views& views, bool secure_cookies);

}  // namespace spbe::sso
