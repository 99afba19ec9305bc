#pragma once

#include "applications/service.hpp"
#include "documents/service.hpp"
#include "http/router.hpp"
#include "http/views.hpp"

namespace spbe::documents {

/// Public: /verifikasi/{id} (what the QR code opens), /verifikasi-dokumen (upload a PDF to check it), GET
/// /api/v1/documents/{id} and POST /api/v1/documents/verify. Signed in: the file's PDF at /permohonan/{tn}/dokumen
/// and GET /api/v1/applications/{tracking_number}/document, for whoever may see the file; POST
/// /api/v1/documents/{id}/revoke for the agency's head or admin.
void RegisterWeb(http::Router& router, const http::Views& views, DocumentsService& documents,
                 applications::ApplicationsService& applications);

}  // namespace spbe::documents
