#pragma once

#include "http/router.hpp"
#include "http/views.hpp"
#include "notify/inbox.hpp"

namespace spbe::notify {

/// `GET /api/v1/inbox`, `POST /api/v1/inbox/{id}/read`, `POST /api/v1/inbox/read`, and the page /kotak-masuk.
void RegisterWeb(http::Router& router, const http::Views& views, InboxService& inbox);

}  // namespace spbe::notify
