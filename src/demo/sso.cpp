// The demo's single sign-on: "Aplikasi Perpustakaan Daerah" (spbe-rp-demo on localhost:8092, started by make demo)
// registered as a confidential client of the portal, with a client secret README.md prints (like the demo
// passwords, it lives in a database serve refuses without --demo).
#include "demo/detail.hpp"
#include "platform/limits.hpp"
#include "sso/service.hpp"

namespace spbe::demo::detail {

Status SeedSso(storage::Database& db, const Config& config, org::OrgService& org, identity::IdentityService& identity,
               const PiiVault& vault, std::int64_t kab, const std::map<std::string, std::int64_t>& node_of) {
  access::Actor admin;
  admin.platform = true;
  admin.grants = {{kab, access::Role::kAdminPlatform}};
  auto store = sso::MakeSqlSsoStore();
  Unlimited unlimited;
  sso::SsoService sso(db, *store, org, identity, vault, unlimited.limiter, unlimited.limits, SystemClock(),
                      sso::Options{config.public_url});
  sso::ClientSpec library;
  library.name = "Aplikasi Perpustakaan Daerah";
  library.node_id = node_of.count("diskominfo") ? node_of.at("diskominfo") : kab;
  library.redirect_uris = {"http://localhost:8092/masuk/selesai"};
  library.post_logout_redirect_uris = {"http://localhost:8092/"};
  library.scopes = {"openid", "profile", "email"};
  library.client_id = "perpustakaan-labuhanbatu";
  library.secret = "demo-rahasia-perpustakaan-labuhanbatu-2026";
  auto made = sso.CreateClient(admin, library, "id");
  if (!made.ok()) return Failed("sso client perpustakaan", made.error());
  return Ok{};
}

}  // namespace spbe::demo::detail
