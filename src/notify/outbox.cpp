#include "notify/outbox.hpp"

#include "platform/log.hpp"

namespace spbe::notify {
namespace {

constexpr int kBatch = 20;
constexpr int kMaxAttempts = 10;
constexpr auto kLease = std::chrono::seconds(120);

}  // namespace

OutboxWorker::OutboxWorker(storage::Database& db, const NotifyStore& store, Mailer* mailer, TextGateway* gateway,
                           const PiiVault& vault, Clock clock, std::chrono::milliseconds interval)
    : db_(db),
      store_(store),
      mailer_(mailer),
      gateway_(gateway),
      vault_(vault),
      clock_(std::move(clock)),
      interval_(interval) {}

OutboxWorker::~OutboxWorker() { Stop(); }

void OutboxWorker::Start() {
  thread_ = std::thread([this] {
    std::unique_lock lock(mu_);
    while (!stop_) {
      lock.unlock();
      try {
        while (RunOnce() == kBatch) {
        }
      } catch (const std::exception& e) {
        log::Error("outbox pass failed", {{"error", e.what()}});
      }
      lock.lock();
      cv_.wait_for(lock, interval_, [this] { return stop_; });
    }
  });
}

void OutboxWorker::Stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

int OutboxWorker::RunOnce() {
  TimePoint now = clock_();
  std::string now_text = FormatUtc(now), until = FormatUtc(now + kLease);
  bool lock = db_.engine() == storage::Engine::kPostgres;
  auto claimed =
      db_.WriteReturning<std::vector<OutboxMessage>>([&](soci::session& s) -> Result<std::vector<OutboxMessage>> {
        std::vector<OutboxMessage> due =
            store_.Due(s, lock, kMaxAttempts, now_text, mailer_ != nullptr, gateway_ != nullptr, kBatch);
        for (const auto& d : due) store_.Claim(s, d.id, until);
        return due;
      });
  if (!claimed.ok()) {
    log::Warn("outbox claim failed", {{"error", claimed.error().detail}});
    return 0;
  }
  int sent = 0;
  for (const auto& d : *claimed) {
    Status st = Deliver(d.id, d.channel, d.recipient, d.subject, d.body);
    TimePoint done = clock_();
    Status recorded = db_.Write([&](soci::session& s) -> Status {
      if (st.ok()) {
        std::string at = FormatUtc(done);
        store_.MarkSent(s, d.id, at);
      } else {
        // 30 s, 1 min, 2 min ... after each failure.
        std::string retry = FormatUtc(done + std::chrono::seconds(30LL << std::min(d.attempts, 10)));
        std::string error = st.error().detail;
        store_.MarkFailed(s, d.id, error, retry);
      }
      return Ok{};
    });
    if (st.ok() && recorded.ok()) ++sent;
    if (!st.ok())
      log::Warn("message not delivered",
                {{"outbox_id", static_cast<std::int64_t>(d.id)}, {"error", st.error().detail}});
  }
  return sent;
}

Status OutboxWorker::Deliver(long long id, const std::string& channel, const std::string& recipient,
                             const std::string& subject, const std::string& body) {
  if (channel == "email") {
    if (!mailer_) return Error::Of(ErrorCode::kUnavailable, "no mail relay configured");
    return mailer_->Send({recipient, subject, body});
  }
  if (!gateway_) return Error::Of(ErrorCode::kUnavailable, "no text gateway configured");
  auto phone = vault_.Open(recipient);
  if (!phone.ok()) return Error::Of(ErrorCode::kInternal, "the phone number cannot be opened");
  return gateway_->Send({channel, *phone, body, "outbox-" + std::to_string(id)});
}

}  // namespace spbe::notify
