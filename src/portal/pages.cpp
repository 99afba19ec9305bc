#include "portal/pages.hpp"

#include <boost/json.hpp>

namespace spbe::portal {

using http::Request;
using http::Response;

void Register(http::Router& router, const http::Views& views, SiteService& site) {
  router.Add("GET", "/", [&views, &site](Request& req) {
    auto info = site.Get();
    if (!info.ok()) return views.ErrorPage(req, 503);
    boost::json::object data{
        {"government", info->government}, {"operator", info->operator_name},
        {"email", info->email},           {"phone", info->phone},
        {"address", info->address},       {"has_contact", !(info->email.empty() && info->phone.empty())}};
    return views.Page(req, 200, "portal/home", std::move(data), "home_title");
  });
}

Status SeedDemo(SiteService& site) {
  return site.Update({{kGovernment, "Pemerintah Kabupaten Contoh"},
                      {kOperator, "Dinas Komunikasi dan Informatika Kabupaten Contoh"},
                      {kEmail, "layanan@kabupaten-contoh.example"},
                      {kPhone, "(0624) 21000"},
                      {kAddress, "Jl. Merdeka No. 1, Kabupaten Contoh"}});
}

}  // namespace spbe::portal
