#pragma once
/// A bounded in-memory copy of what the database holds, keyed by text, each entry standing for one row of a topic
/// (storage/changes.hpp) and dropped when a committed unit of work notes that row as changed.
///
/// A copy read from the database is kept only if no change to its row (or to everything) was heard between the
/// lookup that missed and the Put: a read that began before an officer's commit cannot put the old status back
/// after the commit's change has been published. While the feed is not trusted (a PostgreSQL listener that lost
/// its connection), nothing is answered from memory and nothing is kept.

#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "storage/changes.hpp"

namespace spbe::storage {

template <typename V>
class CommittedCache {
 public:
  /// When a read missed: what Put needs to know whether the copy is still the latest.
  struct Ticket {
    std::uint64_t generation = 0;
    bool keep = false;
  };

  CommittedCache(ChangeFeed& feed, std::string topic, std::size_t limit)
      : feed_(feed), topic_(std::move(topic)), limit_(limit) {
    subscription_ = feed_.Subscribe([this](const Change& c) {
      if (!c.topic.empty() && c.topic != topic_) return;
      std::lock_guard lock(mu_);
      std::uint64_t g = ++generation_;
      if (c.topic.empty()) {
        everything_at_ = g;
        by_key_.clear();
        keys_of_.clear();
        return;
      }
      stripes_[Stripe(c.id)] = g;
      auto [from, to] = keys_of_.equal_range(c.id);
      for (auto it = from; it != to; ++it) by_key_.erase(it->second);
      keys_of_.erase(from, to);
    });
  }

  /// The copy under `key`, or null; on a miss `ticket` is filled for the Put of what the caller reads instead.
  std::shared_ptr<const V> Find(const std::string& key, Ticket& ticket) {
    bool trusted = feed_.Trusted();
    std::lock_guard lock(mu_);
    if (trusted) {
      if (auto it = by_key_.find(key); it != by_key_.end()) return it->second.value;
    }
    ticket = {generation_, trusted};
    return nullptr;
  }

  /// Keeps `value`, the copy of row `id` read after Find gave `ticket`, unless that row changed meanwhile.
  void Put(const std::string& key, std::int64_t id, std::shared_ptr<const V> value, const Ticket& ticket) {
    if (!ticket.keep || !feed_.Trusted()) return;
    std::lock_guard lock(mu_);
    if (stripes_[Stripe(id)] > ticket.generation || everything_at_ > ticket.generation) return;
    if (by_key_.size() >= limit_) {  // bounded: start again rather than track ages on every hit
      by_key_.clear();
      keys_of_.clear();
    }
    auto [it, added] = by_key_.insert_or_assign(key, Entry{id, std::move(value)});
    if (added) keys_of_.emplace(id, key);
  }

  std::size_t size() {
    std::lock_guard lock(mu_);
    return by_key_.size();
  }

 private:
  static constexpr std::size_t kStripes = 4096;
  static std::size_t Stripe(std::int64_t id) { return static_cast<std::size_t>(id) % kStripes; }

  struct Entry {
    std::int64_t id = 0;
    std::shared_ptr<const V> value;
  };

  ChangeFeed& feed_;
  std::string topic_;
  std::size_t limit_;
  std::mutex mu_;
  std::unordered_map<std::string, Entry> by_key_;
  std::unordered_multimap<std::int64_t, std::string> keys_of_;  // several keys may stand for one row
  // When a row of the stripe last changed, in changes heard: a Put whose ticket is older is refused.
  std::array<std::uint64_t, kStripes> stripes_{};
  std::uint64_t generation_ = 0, everything_at_ = 0;
  ChangeFeed::Subscription subscription_;  // last: unsubscribed before the maps go
};

}  // namespace spbe::storage
