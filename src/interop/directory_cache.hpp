#pragma once
/// What the gateway reads of the directory on every call (the system behind a key, the service at an address, the
/// open grant of a pair), kept in this process while the directory's generation has not moved. Each lookup reads
/// the generation first, in the caller's session: one small query instead of three joins. A change made by any
/// process moves the generation in the change's own transaction (V019's triggers), so the next call reads afresh.

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

#include "interop/model.hpp"
#include "interop/store.hpp"

namespace soci {
class session;
}

namespace spbe::interop {

class DirectoryCache {
 public:
  /// At most `max_entries` answers are kept (absent ones too, so that unknown addresses cost no join either); past
  /// that the cache starts again empty.
  explicit DirectoryCache(const InteropStore& store, std::size_t max_entries = 20000);

  /// One call's view: the generation read once, then any number of lookups.
  class View {
   public:
    std::optional<SystemRow> SystemByKey(std::int64_t api_key_id);
    std::optional<ServiceRow> Service(const std::string& member, const std::string& system, const std::string& code);
    std::optional<GrantRow> OpenGrant(std::int64_t service_id, std::int64_t client_system_id);

   private:
    friend class DirectoryCache;
    View(DirectoryCache& cache, soci::session& s, std::int64_t generation)
        : cache_(cache), s_(s), generation_(generation) {}
    DirectoryCache& cache_;
    soci::session& s_;
    std::int64_t generation_;
  };
  View Begin(soci::session& s);

  struct Stats {
    std::uint64_t hits = 0, misses = 0, resets = 0;
  };
  Stats stats() const;

 private:
  // Finds `key` in `map` for the view's generation, or reads it with `load` and keeps it when the generation is
  // still the one the view read (a reader that saw an older generation never stores into a newer cache).
  template <typename Map, typename Key, typename Load>
  typename Map::mapped_type Find(Map& map, const Key& key, std::int64_t generation, Load&& load);
  void Renew(std::int64_t generation);  // with mu_ held

  const InteropStore& store_;
  std::size_t max_entries_;
  mutable std::mutex mu_;
  std::int64_t generation_ = -1;
  std::unordered_map<std::int64_t, std::optional<SystemRow>> systems_;
  std::unordered_map<std::string, std::optional<ServiceRow>> services_;
  std::map<std::pair<std::int64_t, std::int64_t>, std::optional<GrantRow>> grants_;
  Stats stats_;
};

}  // namespace spbe::interop
