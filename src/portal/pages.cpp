#include "portal/pages.hpp"

namespace spbe::portal {

using http::Request;

void Register(http::Router& router, const http::Views& views) {
  router.Add("GET", "/", [&views](Request& req) { return views.Page(req, 200, "portal/home", {}, "home_title"); });
}

Status SeedDemo(SiteService& site) {
  return site.Update({{kGovernment, "Pemerintah Kabupaten Contoh"},
                      {kOperator, "Dinas Komunikasi dan Informatika Kabupaten Contoh"},
                      {kEmail, "layanan@kabupaten-contoh.example"},
                      {kPhone, "(0624) 21000"},
                      {kAddress, "Jl. Merdeka No. 1, Kabupaten Contoh"}});
}

}  // namespace spbe::portal
