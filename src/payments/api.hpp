#pragma once

#include "http/router.hpp"
#include "http/views.hpp"
#include "payments/service.hpp"

namespace spbe::payments {

/// Banks (admins): POST/GET /api/v1/banks, POST /api/v1/banks/{id}/revoke. The bank protocol (signed bodies):
/// POST /api/v1/payments/inquiry and /api/v1/payments/callback. The applicant: POST
/// /api/v1/applications/{tracking_number}/bill reissues an expired billing code.
void RegisterApi(http::Router& router, PaymentsService& payments);

/// The finance officer's page /keuangan: banks, refused callbacks, the daily reconciliation; admins add a bank.
void RegisterPages(http::Router& router, const http::Views& views, PaymentsService& payments);

}  // namespace spbe::payments
