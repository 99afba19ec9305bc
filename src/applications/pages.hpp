#pragma once

#include "applications/service.hpp"
#include "http/router.hpp"
#include "http/views.hpp"

#include <functional>
#include <optional>
#include <string>

namespace spbe::applications {

/// What the applicant's own account already says of them, for a new form to start from (nothing when unknown).
struct KnownApplicant {
  std::string name, email, phone, nik;
};
using ApplicantFacts = std::function<std::optional<KnownApplicant>(const access::Actor&)>;
/// Where a number typed into /lacak leads when it is not an application's (a complaint's page), or nothing.
using TrackElsewhere = std::function<std::optional<std::string>(const access::Actor&, std::string_view number,
                                                                std::string_view code, std::string_view lang)>;
/// What the applicant's pages take from other capabilities.
struct PageLinks {
  ApplicantFacts known;
  TrackElsewhere elsewhere;
  Lookups* lookups = nullptr;  // the bus, for fields that fill others (none: those are typed)
};

/// The applicant's pages: /layanan/{slug}/ajukan (the form, with files), /permohonan (mine), /permohonan/{tn}
/// (status and timeline), /permohonan/{tn}/ubah (draft or correction), attachments; and /lacak (public tracking).
void RegisterPages(http::Router& router, const http::Views& views, ApplicationsService& service,
                   catalog::CatalogService& catalog, org::OrgService& org, PageLinks links);

/// The back office: /kerja (worklist) and /kerja/{tn} (a file, its attachments, actions and reveals).
void RegisterOfficePages(http::Router& router, const http::Views& views, ApplicationsService& service,
                         catalog::CatalogService& catalog);

}  // namespace spbe::applications
