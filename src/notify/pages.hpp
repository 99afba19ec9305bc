#pragma once

#include "http/router.hpp"
#include "http/views.hpp"
#include "notify/inbox.hpp"

namespace spbe::notify {

/// The page /kotak-masuk: the account's messages; opening one marks it read and follows its link.
void RegisterPages(http::Router& router, const http::Views& views, InboxService& inbox);

}  // namespace spbe::notify
