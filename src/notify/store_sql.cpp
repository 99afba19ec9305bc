#include <soci/soci.h>

#include "notify/store.hpp"
#include "storage/rows.hpp"
#include "storage/statements.hpp"

namespace spbe::notify {
namespace {

using storage::Int64;

constexpr const char* kInboxInsert =
    "INSERT INTO inbox_messages (account_id, subject, body, link, created_at) "
    "VALUES (:account, :subject, :body, :link, :now)";
constexpr const char* kList =
    "SELECT id, subject, body, link, created_at, read_at FROM inbox_messages WHERE account_id = :account "
    "ORDER BY id DESC LIMIT :limit OFFSET :offset";
constexpr const char* kUnread = "SELECT COUNT(*) FROM inbox_messages WHERE account_id = :account AND read_at IS NULL";
constexpr const char* kMarkRead =
    "UPDATE inbox_messages SET read_at = :now WHERE id = :id AND account_id = :account AND read_at IS NULL";
constexpr const char* kLink = "SELECT link FROM inbox_messages WHERE id = :id AND account_id = :account";
constexpr const char* kMarkAllRead =
    "UPDATE inbox_messages SET read_at = :now WHERE account_id = :account AND read_at IS NULL";

// A channel's messages wait while it has no relay (`:mail`, `:phone` = 0), rather than failing their attempts away.
constexpr const char* kDueSqlite =
    "SELECT id, channel, recipient, subject, body, attempts FROM notification_outbox WHERE sent_at IS NULL "
    "AND attempts < :max AND (claimed_until IS NULL OR claimed_until < :now) AND (:mail = 1 OR channel <> 'email') AND "
    "(:phone = 1 OR channel = 'email') "
    "ORDER BY id LIMIT :batch";
constexpr const char* kDuePostgres =
    "SELECT id, channel, recipient, subject, body, attempts FROM notification_outbox WHERE sent_at IS NULL "
    "AND attempts < :max AND (claimed_until IS NULL OR claimed_until < :now) AND (:mail = 1 OR channel <> 'email') AND "
    "(:phone = 1 OR channel = 'email') "
    "ORDER BY id LIMIT :batch FOR UPDATE SKIP LOCKED";
constexpr const char* kClaim = "UPDATE notification_outbox SET claimed_until = :until WHERE id = :id";
constexpr const char* kSent =
    "UPDATE notification_outbox SET sent_at = :now, claimed_until = NULL, last_error = NULL WHERE id = :id";
constexpr const char* kFailed =
    "UPDATE notification_outbox SET attempts = attempts + 1, last_error = :error, claimed_until = :retry_at "
    "WHERE id = :id";
constexpr const char* kEnqueue =
    "INSERT INTO notification_outbox (channel, recipient, subject, body, created_at) "
    "VALUES (:channel, :recipient, :subject, :body, :now)";

class SqlNotifyStore final : public NotifyStore {
 public:
  void AddToInbox(soci::session& s, std::int64_t account_id, const std::string& subject, const std::string& body,
                  const std::string& link, const std::string& now) const override {
    storage::Execute(s, kInboxInsert, account_id, subject, body, link, now);
  }

  std::vector<InboxMessage> Inbox(soci::session& s, std::int64_t account_id, int limit, int offset) const override {
    std::vector<InboxMessage> out;
    soci::rowset<soci::row> rows =
        (s.prepare << kList, soci::use(account_id, "account"), soci::use(limit, "limit"), soci::use(offset, "offset"));
    for (const auto& r : rows) {
      out.push_back({Int64(r, 0), r.get<std::string>(1), r.get<std::string>(2), r.get<std::string>(3),
                     r.get<std::string>(4),
                     r.get_indicator(5) == soci::i_null ? std::string() : r.get<std::string>(5)});
    }
    return out;
  }

  int CountUnread(soci::session& s, std::int64_t account_id) const override {
    long long n = 0;
    s << kUnread, soci::use(account_id, "account"), soci::into(n);
    return static_cast<int>(n);
  }

  std::optional<std::string> LinkOf(soci::session& s, std::int64_t id, std::int64_t account_id) const override {
    std::string link;
    soci::indicator ind = soci::i_null;
    s << kLink, soci::use(id, "id"), soci::use(account_id, "account"), soci::into(link, ind);
    if (!s.got_data()) return std::nullopt;
    return link;
  }

  void MarkRead(soci::session& s, std::int64_t id, std::int64_t account_id, const std::string& now) const override {
    s << kMarkRead, soci::use(now, "now"), soci::use(id, "id"), soci::use(account_id, "account");
  }

  void MarkAllRead(soci::session& s, std::int64_t account_id, const std::string& now) const override {
    s << kMarkAllRead, soci::use(now, "now"), soci::use(account_id, "account");
  }

  void Enqueue(soci::session& s, const std::string& channel, const std::string& recipient, const std::string& subject,
               const std::string& body, const std::string& now) const override {
    storage::Execute(s, kEnqueue, channel, recipient, subject, body, now);
  }

  std::vector<OutboxMessage> Due(soci::session& s, bool lock, int max_attempts, const std::string& now, bool mail,
                                 bool phone, int batch) const override {
    std::vector<OutboxMessage> due;
    int max = max_attempts, mail_on = mail ? 1 : 0, phone_on = phone ? 1 : 0;
    soci::rowset<soci::row> rows =
        (s.prepare << (lock ? kDuePostgres : kDueSqlite), soci::use(max, "max"), soci::use(now, "now"),
         soci::use(mail_on, "mail"), soci::use(phone_on, "phone"), soci::use(batch, "batch"));
    for (const auto& r : rows) {
      due.push_back({Int64(r, 0), r.get<std::string>(1), r.get<std::string>(2), r.get<std::string>(3),
                     r.get<std::string>(4), static_cast<int>(Int64(r, 5))});
    }
    return due;
  }

  void Claim(soci::session& s, long long id, const std::string& until) const override {
    s << kClaim, soci::use(until, "until"), soci::use(id, "id");
  }

  void MarkSent(soci::session& s, long long id, const std::string& now) const override {
    s << kSent, soci::use(now, "now"), soci::use(id, "id");
  }

  void MarkFailed(soci::session& s, long long id, const std::string& error,
                  const std::string& retry_at) const override {
    s << kFailed, soci::use(error, "error"), soci::use(retry_at, "retry_at"), soci::use(id, "id");
  }
};

}  // namespace

std::unique_ptr<NotifyStore> MakeSqlNotifyStore() { return std::make_unique<SqlNotifyStore>(); }

}  // namespace spbe::notify
