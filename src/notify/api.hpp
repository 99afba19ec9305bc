#pragma once

#include "http/router.hpp"
#include "notify/inbox.hpp"

namespace spbe::notify {

/// `GET /api/v1/inbox`, `POST /api/v1/inbox/{id}/read`, `POST /api/v1/inbox/read`.
void RegisterApi(http::Router& router, InboxService& inbox);

}  // namespace spbe::notify
