#pragma once
/// What the notify capability needs from storage: the in-app inbox and the outbox of messages to send. Every call
/// runs on the caller's session (inside its unit of work for writes).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace soci {
class session;
}

namespace spbe::notify {

struct InboxMessage {
  std::int64_t id = 0;
  std::string subject, body, link, created_at, read_at;
};

/// A message of the outbox due for sending.
struct OutboxMessage {
  long long id;
  std::string channel, recipient, subject, body;
  int attempts;
};

class NotifyStore {
 public:
  virtual ~NotifyStore() = default;

  // The inbox.
  virtual void AddToInbox(soci::session& s, std::int64_t account_id, const std::string& subject,
                          const std::string& body, const std::string& link, const std::string& now) const = 0;
  /// An account's messages, newest first.
  virtual std::vector<InboxMessage> Inbox(soci::session& s, std::int64_t account_id, int limit, int offset) const = 0;
  virtual int CountUnread(soci::session& s, std::int64_t account_id) const = 0;
  /// The link of one of the account's messages; nullopt when it is not the account's.
  virtual std::optional<std::string> LinkOf(soci::session& s, std::int64_t id, std::int64_t account_id) const = 0;
  virtual void MarkRead(soci::session& s, std::int64_t id, std::int64_t account_id, const std::string& now) const = 0;
  virtual void MarkAllRead(soci::session& s, std::int64_t account_id, const std::string& now) const = 0;

  // The outbox.
  /// Queues a message in the caller's unit of work: it is sent only if that unit commits (the outbox pattern).
  /// `channel`: "email" (recipient is an address), "sms" or "whatsapp" (recipient is the phone number sealed by the
  /// PiiVault).
  virtual void Enqueue(soci::session& s, const std::string& channel, const std::string& recipient,
                       const std::string& subject, const std::string& body, const std::string& now) const = 0;
  /// Unsent messages with fewer than `max_attempts`, not claimed at `now`, of the channels that have a relay (`mail`:
  /// e-mail, `phone`: the others), at most `batch` by id. `lock`: FOR UPDATE SKIP LOCKED (PostgreSQL).
  virtual std::vector<OutboxMessage> Due(soci::session& s, bool lock, int max_attempts, const std::string& now,
                                         bool mail, bool phone, int batch) const = 0;
  virtual void Claim(soci::session& s, long long id, const std::string& until) const = 0;
  virtual void MarkSent(soci::session& s, long long id, const std::string& now) const = 0;
  virtual void MarkFailed(soci::session& s, long long id, const std::string& error,
                          const std::string& retry_at) const = 0;
};

std::unique_ptr<NotifyStore> MakeSqlNotifyStore();

}  // namespace spbe::notify
