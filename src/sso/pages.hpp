#pragma once
/// Single sign-on's pages: /sso/kelola (a platform admin's applications) and /profil/aplikasi (a person's).

#include "http/router.hpp"
#include "http/views.hpp"
#include "org/service.hpp"
#include "sso/service.hpp"

namespace spbe::sso {

void RegisterPages(http::Router& router, const http::Views& views, SsoService& sso, org::OrgService& org);

}  // namespace spbe::sso
