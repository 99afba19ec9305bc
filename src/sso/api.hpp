#pragma once
/// The single sign-on clients API under /api/v1/oauth2/clients.

#include "http/router.hpp"
#include "sso/service.hpp"

namespace spbe::sso {

void RegisterApi(http::Router& router, SsoService& sso);

}  // namespace spbe::sso
