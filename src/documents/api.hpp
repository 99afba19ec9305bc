#pragma once

#include <string>

#include "applications/service.hpp"
#include "documents/service.hpp"
#include "http/router.hpp"
#include "platform/result.hpp"

namespace spbe::documents {

/// Public: GET /api/v1/documents/{id} and POST /api/v1/documents/verify. Signed in: GET
/// /api/v1/applications/{tracking_number}/document, for whoever may see the file; POST /api/v1/documents/{id}/revoke
/// for the agency's head or admin; an agency's numbering at /api/v1/org/nodes/{id}/document-numbering.
void RegisterApi(http::Router& router, DocumentsService& documents, applications::ApplicationsService& applications);

/// The file's output as a PDF download, for those who may see the file (the applications capability decides who that
/// is). Shared with the pages.
Result<http::Response> PdfOf(DocumentsService& documents, applications::ApplicationsService& applications,
                             const http::Request& req, const std::string& tn);

}  // namespace spbe::documents
