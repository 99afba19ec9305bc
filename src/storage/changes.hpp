#pragma once
/// What units of work changed, told to whoever keeps a copy of it (a cache) once the change is committed.
///
/// A store that writes a row a cache may hold notes it inside its unit of work (`NoteChange("applications", id)`).
/// The database publishes the unit's notes after its transaction has committed and before the writer is answered,
/// so a request that starts after an answer never meets the old copy in this process. When several processes share
/// PostgreSQL, the same notes travel in the transaction as a NOTIFY, delivered when it commits; each process's
/// listener publishes them as they arrive. While a listener cannot hear (its connection is lost), the feed says so
/// (`Trusted()` false) and caches answer from the database; when it hears again, everything is published as changed,
/// since notes may have been missed meanwhile.
///
/// Noting is cheap (a push onto the thread's list); publishing calls every subscriber in the committing thread, so
/// subscribers only drop entries and never block.

#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace spbe::storage {

struct Change {
  std::string topic;    // the table, e.g. "applications"
  std::int64_t id = 0;  // its row; 0 with an empty topic: anything may have changed
};

class ChangeFeed {
 public:
  /// Called with every published change, in the thread that publishes it.
  using Subscriber = std::function<void(const Change&)>;

  /// Until the returned handle goes (a cache subscribes for its own life; the feed outlives it).
  class Subscription;
  [[nodiscard]] Subscription Subscribe(Subscriber s);
  void Publish(const std::vector<Change>& changes);
  /// Anything may have changed (notes were missed): every subscriber drops everything.
  void PublishEverything();

  /// False while changes made by other processes may go unheard; caches must not answer from memory then.
  bool Trusted() const { return trusted_.load(std::memory_order_acquire); }
  void SetTrusted(bool trusted) { trusted_.store(trusted, std::memory_order_release); }

 private:
  void Unsubscribe(std::uint64_t id);

  std::mutex mu_;  // guards subscribers_ against a Subscribe during a Publish (both rare next to reads)
  std::vector<std::pair<std::uint64_t, Subscriber>> subscribers_;
  std::uint64_t next_id_ = 1;
  std::atomic<bool> trusted_{true};
};

class ChangeFeed::Subscription {
 public:
  Subscription() = default;
  Subscription(ChangeFeed* feed, std::uint64_t id) : feed_(feed), id_(id) {}
  Subscription(Subscription&& o) noexcept : feed_(std::exchange(o.feed_, nullptr)), id_(o.id_) {}
  Subscription& operator=(Subscription&& o) noexcept {
    if (this != &o) {
      if (feed_) feed_->Unsubscribe(id_);
      feed_ = std::exchange(o.feed_, nullptr);
      id_ = o.id_;
    }
    return *this;
  }
  ~Subscription() {
    if (feed_) feed_->Unsubscribe(id_);
  }

 private:
  ChangeFeed* feed_ = nullptr;
  std::uint64_t id_ = 0;
};

/// Inside a unit of work: row `id` of `topic` changed. Published when the unit's transaction commits; outside a unit
/// of work (tools writing directly), nothing.
void NoteChange(std::string_view topic, std::int64_t id);

/// Collects the notes of the units of work run on this thread while it lives (the database opens one around a unit,
/// or around a group commit's batch).
class ChangeScope {
 public:
  ChangeScope();
  ~ChangeScope();
  ChangeScope(const ChangeScope&) = delete;
  ChangeScope& operator=(const ChangeScope&) = delete;
  /// The notes so far, each once, and forgets them.
  std::vector<Change> Take();

 private:
  friend void NoteChange(std::string_view, std::int64_t);
  std::vector<Change> notes_;
  ChangeScope* outer_;
};

/// The notes as one NOTIFY payload per 7,000 bytes ("applications:12,org_nodes:3"), prefixed by `origin` and '|'.
std::vector<std::string> EncodeChanges(std::string_view origin, const std::vector<Change>& changes);
/// A payload back into its origin and notes; malformed items are skipped.
std::pair<std::string, std::vector<Change>> DecodeChanges(std::string_view payload);

}  // namespace spbe::storage
