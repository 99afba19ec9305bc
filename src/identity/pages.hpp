#pragma once

#include "http/router.hpp"
#include "http/views.hpp"
#include "identity/service.hpp"

namespace spbe::identity {

/// Citizen pages: /daftar (register), /verifikasi (e-mail code), /masuk (sign in), /keluar (sign out), /profil.
/// `secure_cookies`: the portal is served over https, so the session cookie gets the Secure attribute.
void RegisterPages(http::Router& router, const http::Views& views, IdentityService& service, bool secure_cookies);

/// /admin for agency and platform admins: their subtree (add nodes), their officers (create with activation
/// link) and API keys (issue, shown once; revoke). Everything decided by the same services as the API.
void RegisterAdminPages(http::Router& router, const http::Views& views, IdentityService& service, org::OrgService& org,
                        std::string public_url);

}  // namespace spbe::identity
