#include "notify/inbox.hpp"

#include <algorithm>

#include "platform/i18n.hpp"

namespace spbe::notify {
namespace {

Status Personal(const access::Actor& actor, std::string_view lang) {
  if (actor.account_id == 0) {
    return Error::Of(ErrorCode::kUnauthorized, i18n::Tr(lang, "notify_sign_in_to_read"));
  }
  return Ok{};
}

}  // namespace

Result<InboxPage> InboxService::List(const access::Actor& actor, int page, std::string_view lang, int per_page) {
  if (auto st = Personal(actor, lang); !st.ok()) return st.error();
  page = std::max(page, 1);
  return db_.Read([&](soci::session& s) {
    InboxPage out;
    int limit = per_page + 1, offset = (page - 1) * per_page;
    std::int64_t account = actor.account_id;
    out.items = store_.Inbox(s, account, limit, offset);
    if (static_cast<int>(out.items.size()) > per_page) {
      out.items.pop_back();
      out.more = true;
    }
    out.unread = store_.CountUnread(s, account);
    return out;
  });
}

int InboxService::Unread(const access::Actor& actor) {
  if (actor.account_id == 0) return 0;
  auto n = db_.Read([&](soci::session& s) { return store_.CountUnread(s, actor.account_id); });
  return n.ok() ? *n : 0;
}

Result<std::string> InboxService::MarkRead(const access::Actor& actor, std::int64_t id, std::string_view lang) {
  if (auto st = Personal(actor, lang); !st.ok()) return st.error();
  std::string now = FormatUtc(clock_());
  return db_.WriteReturning<std::string>([&](soci::session& s) -> Result<std::string> {
    std::int64_t account = actor.account_id;
    auto link = store_.LinkOf(s, id, account);
    if (!link) {
      return Error::Of(ErrorCode::kNotFound, i18n::Tr(lang, "notify_message_not_found"));
    }
    store_.MarkRead(s, id, account, now);
    return *link;
  });
}

Result<int> InboxService::MarkAllRead(const access::Actor& actor, std::string_view lang) {
  if (auto st = Personal(actor, lang); !st.ok()) return st.error();
  std::string now = FormatUtc(clock_());
  return db_.WriteReturning<int>([&](soci::session& s) -> Result<int> {
    std::int64_t account = actor.account_id;
    int n = store_.CountUnread(s, account);
    store_.MarkAllRead(s, account, now);
    return n;
  });
}

}  // namespace spbe::notify
