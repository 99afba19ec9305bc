#include "interop/directory_cache.hpp"

#include <soci/soci.h>

namespace spbe::interop {

DirectoryCache::DirectoryCache(const InteropStore& store, std::size_t max_entries)
    : store_(store), max_entries_(max_entries) {}

DirectoryCache::View DirectoryCache::Begin(soci::session& s) { return View(*this, s, store_.DirectoryGeneration(s)); }

void DirectoryCache::Renew(std::int64_t generation) {
  systems_.clear();
  services_.clear();
  grants_.clear();
  generation_ = generation;
  ++stats_.resets;
}

template <typename Map, typename Key, typename Load>
typename Map::mapped_type DirectoryCache::Find(Map& map, const Key& key, std::int64_t generation, Load&& load) {
  {
    std::lock_guard lock(mu_);
    // A newer generation empties the cache; an older one (a view begun before a change) reads past it.
    if (generation > generation_) Renew(generation);
    if (generation == generation_) {
      auto it = map.find(key);
      if (it != map.end()) {
        ++stats_.hits;
        return it->second;
      }
    }
    ++stats_.misses;
  }
  auto value = load();
  std::lock_guard lock(mu_);
  if (generation == generation_) {
    if (systems_.size() + services_.size() + grants_.size() >= max_entries_) Renew(generation);
    map.emplace(key, value);
  }
  return value;
}

DirectoryCache::Stats DirectoryCache::stats() const {
  std::lock_guard lock(mu_);
  return stats_;
}

std::optional<SystemRow> DirectoryCache::View::SystemByKey(std::int64_t api_key_id) {
  return cache_.Find(cache_.systems_, api_key_id, generation_,
                     [&] { return cache_.store_.SystemByKey(s_, api_key_id); });
}

std::optional<ServiceRow> DirectoryCache::View::Service(const std::string& member, const std::string& system,
                                                        const std::string& code) {
  // Each part length-prefixed: whatever the caller typed, two different addresses never share a key.
  std::string key = std::to_string(member.size()) + ":" + member + std::to_string(system.size()) + ":" + system + code;
  return cache_.Find(cache_.services_, key, generation_, [&] {
    auto row = cache_.store_.ServiceByCodes(s_, member, system, code);
    if (row) row->openapi.clear();  // the document is the directory's to show, not the gateway's to keep
    return row;
  });
}

std::optional<GrantRow> DirectoryCache::View::OpenGrant(std::int64_t service_id, std::int64_t client_system_id) {
  return cache_.Find(cache_.grants_, std::make_pair(service_id, client_system_id), generation_,
                     [&] { return cache_.store_.OpenGrant(s_, service_id, client_system_id); });
}

}  // namespace spbe::interop
