#include "notify/outbox.hpp"

#include <soci/soci.h>

#include "platform/log.hpp"
#include "storage/rows.hpp"

namespace spbe::notify {
namespace {

using storage::Int64;

constexpr int kBatch = 20;
constexpr int kMaxAttempts = 10;
constexpr auto kLease = std::chrono::seconds(120);

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

struct Due {
  long long id;
  std::string channel, recipient, subject, body;
  int attempts;
};

constexpr const char* kEnqueue =
    "INSERT INTO notification_outbox (channel, recipient, subject, body, created_at) "
    "VALUES (:channel, :recipient, :subject, :body, :now)";

}  // namespace

void Enqueue(soci::session& s, std::string_view channel, const std::string& recipient, const std::string& subject,
             const std::string& body, const std::string& now) {
  std::string ch(channel);
  s << kEnqueue, soci::use(ch, "channel"), soci::use(recipient, "recipient"), soci::use(subject, "subject"),
      soci::use(body, "body"), soci::use(now, "now");
}

OutboxWorker::OutboxWorker(storage::Database& db, Mailer* mailer, TextGateway* gateway, const PiiVault& vault,
                           Clock clock, std::chrono::milliseconds interval)
    : db_(db), mailer_(mailer), gateway_(gateway), vault_(vault), clock_(std::move(clock)), interval_(interval) {}

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
  const char* due_sql = db_.engine() == storage::Engine::kPostgres ? kDuePostgres : kDueSqlite;
  auto claimed = db_.WriteReturning<std::vector<Due>>([&](soci::session& s) -> Result<std::vector<Due>> {
    std::vector<Due> due;
    int max = kMaxAttempts, batch = kBatch, mail = mailer_ ? 1 : 0, phone = gateway_ ? 1 : 0;
    soci::rowset<soci::row> rows = (s.prepare << due_sql, soci::use(max, "max"), soci::use(now_text, "now"),
                                    soci::use(mail, "mail"), soci::use(phone, "phone"), soci::use(batch, "batch"));
    for (const auto& r : rows) {
      due.push_back({Int64(r, 0), r.get<std::string>(1), r.get<std::string>(2), r.get<std::string>(3),
                     r.get<std::string>(4), static_cast<int>(Int64(r, 5))});
    }
    for (const auto& d : due) s << kClaim, soci::use(until, "until"), soci::use(d.id, "id");
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
        s << kSent, soci::use(at, "now"), soci::use(d.id, "id");
      } else {
        // 30 s, 1 min, 2 min ... after each failure.
        std::string retry = FormatUtc(done + std::chrono::seconds(30LL << std::min(d.attempts, 10)));
        std::string error = st.error().detail;
        s << kFailed, soci::use(error, "error"), soci::use(retry, "retry_at"), soci::use(d.id, "id");
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
