#pragma once
/// The bus's pages: the directory (/interop) and each service's page (pages.cpp), the admins' console
/// (/interop/kelola, console_pages.cpp).

#include "http/router.hpp"
#include "http/views.hpp"
#include "interop/service.hpp"
#include "org/service.hpp"

namespace spbe::interop {

void RegisterPages(http::Router& router, const http::Views& views, InteropService& bus, org::OrgService& org);
void RegisterConsolePages(http::Router& router, const http::Views& views, InteropService& bus, org::OrgService& org);

}  // namespace spbe::interop
