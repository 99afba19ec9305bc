#pragma once

#include "applications/service.hpp"
#include "documents/service.hpp"
#include "http/router.hpp"
#include "http/views.hpp"

namespace spbe::documents {

/// Public: /verifikasi/{id} (what the QR code opens), /verifikasi-dokumen (upload a PDF to check it) and the root
/// certificate /verifikasi/ca. Signed in: the file's PDF at /permohonan/{tn}/dokumen, for whoever may see the file;
/// the agency admin's numbering page /admin/penomoran; revoking from the officer's file page (/dokumen/{id}/cabut).
void RegisterPages(http::Router& router, const http::Views& views, DocumentsService& documents,
                   applications::ApplicationsService& applications);

}  // namespace spbe::documents
