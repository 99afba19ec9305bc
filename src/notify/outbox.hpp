#pragma once
/// The notification outbox's sender: messages are written in the same transaction as what caused them
/// (registration, activation ...), and this worker delivers them afterwards, retrying with growing delays. Claims
/// are leases, with FOR UPDATE SKIP LOCKED on PostgreSQL, so several processes never send one message twice.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "notify/store.hpp"
#include "platform/clock.hpp"
#include "platform/mail.hpp"
#include "platform/pii.hpp"
#include "platform/text_gateway.hpp"
#include "storage/database.hpp"

namespace spbe::notify {

class OutboxWorker {
 public:
  /// `mailer` or `gateway` may be null: the messages of that channel then wait in the outbox until one is
  /// configured. `vault` opens the sealed phone numbers of short messages.
  OutboxWorker(storage::Database& db, const NotifyStore& store, Mailer* mailer, TextGateway* gateway,
               const PiiVault& vault, Clock clock, std::chrono::milliseconds interval = std::chrono::milliseconds(500));
  ~OutboxWorker();
  OutboxWorker(const OutboxWorker&) = delete;
  OutboxWorker& operator=(const OutboxWorker&) = delete;

  void Start();
  void Stop();

  /// One pass: claims due messages, sends them, records the outcome. Returns how many were delivered.
  int RunOnce();

 private:
  storage::Database& db_;
  const NotifyStore& store_;
  Status Deliver(long long id, const std::string& channel, const std::string& recipient, const std::string& subject,
                 const std::string& body);

  Mailer* mailer_;
  TextGateway* gateway_;
  const PiiVault& vault_;
  Clock clock_;
  std::chrono::milliseconds interval_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace spbe::notify
