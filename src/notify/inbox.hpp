#pragma once
/// The in-app inbox: every message sent to an account (notify::Notifier) is also kept here, so a citizen without
/// e-mail, or on a phone with no signal for SMS, still sees what happened to their file when they next open the
/// portal. Only the account itself reads its inbox.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "access/access.hpp"
#include "notify/store.hpp"
#include "platform/clock.hpp"
#include "platform/result.hpp"
#include "storage/database.hpp"

namespace spbe::notify {

struct InboxPage {
  std::vector<InboxMessage> items;
  int unread = 0;
  bool more = false;  // another page follows
};

class InboxService {
 public:
  InboxService(storage::Database& db, const NotifyStore& store, Clock clock)
      : db_(db), store_(store), clock_(std::move(clock)) {}

  /// The actor's messages, newest first, `per_page` at a time; kUnauthorized for the anonymous and for systems.
  Result<InboxPage> List(const access::Actor& actor, int page, std::string_view lang, int per_page = 20);
  /// How many are unread (the badge in the menu); 0 for the anonymous.
  int Unread(const access::Actor& actor);
  /// Marks one message read and gives its link; kNotFound when it is not the actor's.
  Result<std::string> MarkRead(const access::Actor& actor, std::int64_t id, std::string_view lang);
  /// Marks every message of the actor read; returns how many were unread.
  Result<int> MarkAllRead(const access::Actor& actor, std::string_view lang);

 private:
  storage::Database& db_;
  const NotifyStore& store_;
  Clock clock_;
};

}  // namespace spbe::notify
