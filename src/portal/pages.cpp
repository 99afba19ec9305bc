#include "portal/pages.hpp"

namespace spbe::portal {

using http::Request;

void Register(http::Router& router, const http::Views& views) {
  router.Add("GET", "/", [&views](Request& req) { return views.Page(req, 200, "portal/home", {}, "home_title"); });
}

Status SeedDemo(SiteService& site) {
  return site.Update({{kGovernment, "Pemerintah Kabupaten Labuhanbatu (Demo)"},
                      {kOperator, "Dinas Komunikasi dan Informatika (Demo)"},
                      {kEmail, "layanan@demo.go.id"},
                      {kPhone, "(0624) 000000"},
                      {kAddress, "Jl. Contoh No. 1, Rantauprapat (alamat demo)"}});
}

}  // namespace spbe::portal
