#include "notify/inbox.hpp"

#include <soci/soci.h>

#include "platform/i18n.hpp"
#include "storage/rows.hpp"

namespace spbe::notify {
namespace {

using storage::Int64;

constexpr const char* kList =
    "SELECT id, subject, body, link, created_at, read_at FROM inbox_messages WHERE account_id = :account "
    "ORDER BY id DESC LIMIT :limit OFFSET :offset";
constexpr const char* kUnread = "SELECT COUNT(*) FROM inbox_messages WHERE account_id = :account AND read_at IS NULL";
constexpr const char* kMarkRead =
    "UPDATE inbox_messages SET read_at = :now WHERE id = :id AND account_id = :account AND read_at IS NULL";
constexpr const char* kLink = "SELECT link FROM inbox_messages WHERE id = :id AND account_id = :account";
constexpr const char* kMarkAllRead =
    "UPDATE inbox_messages SET read_at = :now WHERE account_id = :account AND read_at IS NULL";

Status Personal(const access::Actor& actor, std::string_view lang) {
  if (actor.account_id == 0) {
    return Error::Of(ErrorCode::kUnauthorized, i18n::Tr(lang, "notify_sign_in_to_read"));
  }
  return Ok{};
}

int CountUnread(soci::session& s, std::int64_t account) {
  long long n = 0;
  s << kUnread, soci::use(account, "account"), soci::into(n);
  return static_cast<int>(n);
}

}  // namespace

Result<InboxPage> InboxService::List(const access::Actor& actor, int page, std::string_view lang, int per_page) {
  if (auto st = Personal(actor, lang); !st.ok()) return st.error();
  page = std::max(page, 1);
  return db_.Read([&](soci::session& s) {
    InboxPage out;
    int limit = per_page + 1, offset = (page - 1) * per_page;
    std::int64_t account = actor.account_id;
    soci::rowset<soci::row> rows =
        (s.prepare << kList, soci::use(account, "account"), soci::use(limit, "limit"), soci::use(offset, "offset"));
    for (const auto& r : rows) {
      out.items.push_back({Int64(r, 0), r.get<std::string>(1), r.get<std::string>(2), r.get<std::string>(3),
                           r.get<std::string>(4),
                           r.get_indicator(5) == soci::i_null ? std::string() : r.get<std::string>(5)});
    }
    if (static_cast<int>(out.items.size()) > per_page) {
      out.items.pop_back();
      out.more = true;
    }
    out.unread = CountUnread(s, account);
    return out;
  });
}

int InboxService::Unread(const access::Actor& actor) {
  if (actor.account_id == 0) return 0;
  auto n = db_.Read([&](soci::session& s) { return CountUnread(s, actor.account_id); });
  return n.ok() ? *n : 0;
}

Result<std::string> InboxService::MarkRead(const access::Actor& actor, std::int64_t id, std::string_view lang) {
  if (auto st = Personal(actor, lang); !st.ok()) return st.error();
  std::string now = FormatUtc(clock_());
  return db_.WriteReturning<std::string>([&](soci::session& s) -> Result<std::string> {
    std::string link;
    soci::indicator ind = soci::i_null;
    std::int64_t account = actor.account_id;
    s << kLink, soci::use(id, "id"), soci::use(account, "account"), soci::into(link, ind);
    if (!s.got_data()) {
      return Error::Of(ErrorCode::kNotFound, i18n::Tr(lang, "notify_message_not_found"));
    }
    s << kMarkRead, soci::use(now, "now"), soci::use(id, "id"), soci::use(account, "account");
    return link;
  });
}

Result<int> InboxService::MarkAllRead(const access::Actor& actor, std::string_view lang) {
  if (auto st = Personal(actor, lang); !st.ok()) return st.error();
  std::string now = FormatUtc(clock_());
  return db_.WriteReturning<int>([&](soci::session& s) -> Result<int> {
    std::int64_t account = actor.account_id;
    int n = CountUnread(s, account);
    s << kMarkAllRead, soci::use(now, "now"), soci::use(account, "account");
    return n;
  });
}

}  // namespace spbe::notify
