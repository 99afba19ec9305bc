#pragma once

#include "applications/service.hpp"
#include "http/router.hpp"
#include "http/views.hpp"

namespace spbe::applications {

/// The applicant's pages: /layanan/{slug}/ajukan (the form, with files), /permohonan (mine), /permohonan/{tn}
/// (status and timeline), /permohonan/{tn}/ubah (draft or correction), attachments; and /lacak (public tracking).
void RegisterPages(http::Router& router, const http::Views& views, ApplicationsService& service,
                   catalog::CatalogService& catalog, org::OrgService& org);

/// The back office: /kerja (worklist) and /kerja/{tn} (a file, its attachments, actions and reveals).
void RegisterOfficePages(http::Router& router, const http::Views& views, ApplicationsService& service,
                         catalog::CatalogService& catalog);

}  // namespace spbe::applications
