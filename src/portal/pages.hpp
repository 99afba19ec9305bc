#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "http/router.hpp"
#include "http/views.hpp"
#include "portal/site.hpp"

namespace spbe::portal {

/// A service people file most, for the home page: its address, name and office.
struct Popular {
  std::string href, name, office;
};
/// The most-filed services in a language, most first (a few; may be empty).
using PopularServices = std::function<std::vector<Popular>(std::string_view lang)>;

/// The portal's public pages: home (/), with the catalogue's search box and the most-filed services.
void RegisterPages(http::Router& router, const http::Views& views, PopularServices popular);

/// Demo identity for `spbe seed-demo`: a fictional kabupaten and its Diskominfo.
Status SeedDemo(SiteService& site);

}  // namespace spbe::portal
