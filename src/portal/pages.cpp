#include "portal/pages.hpp"

#include <boost/json.hpp>

namespace spbe::portal {

using http::Request;

namespace {

http::Handler Home(const http::Views& views, const PopularServices& popular) {
  return [&views, popular](Request& req) {
    boost::json::array items;
    if (popular) {
      for (const auto& p : popular(req.lang)) {
        items.push_back({{"href", p.href}, {"name", p.name}, {"office", p.office}});
      }
    }
    boost::json::object data{{"popular_any", !items.empty()}, {"popular", std::move(items)}};
    return views.Page(req, 200, "portal/home", std::move(data), "home_title");
  };
}

}  // namespace

void RegisterPages(http::Router& router, const http::Views& views, PopularServices popular) {
  router.Add("GET", "/", Home(views, popular));
}

Status SeedDemo(SiteService& site) {
  return site.Update({{kGovernment, "Pemerintah Kabupaten Labuhanbatu (Demo)"},
                      {kOperator, "Dinas Komunikasi dan Informatika (Demo)"},
                      {kEmail, "layanan@demo.go.id"},
                      {kPhone, "(0624) 000000"},
                      {kAddress, "Jl. Contoh No. 1, Rantauprapat (alamat demo)"}});
}

}  // namespace spbe::portal
