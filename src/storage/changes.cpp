#include "storage/changes.hpp"

#include <algorithm>
#include <charconv>

namespace spbe::storage {
namespace {

thread_local ChangeScope* current_scope = nullptr;

constexpr std::size_t kPayloadLimit = 7000;  // NOTIFY takes up to 8000 bytes

}  // namespace

ChangeFeed::Subscription ChangeFeed::Subscribe(Subscriber s) {
  std::lock_guard lock(mu_);
  std::uint64_t id = next_id_++;
  subscribers_.emplace_back(id, std::move(s));
  return Subscription(this, id);
}

void ChangeFeed::Unsubscribe(std::uint64_t id) {
  std::lock_guard lock(mu_);
  std::erase_if(subscribers_, [id](const auto& p) { return p.first == id; });
}

void ChangeFeed::Publish(const std::vector<Change>& changes) {
  if (changes.empty()) return;
  std::lock_guard lock(mu_);
  for (const auto& c : changes) {
    for (const auto& [id, s] : subscribers_) s(c);
  }
}

void ChangeFeed::PublishEverything() {
  std::lock_guard lock(mu_);
  for (const auto& [id, s] : subscribers_) s(Change{});
}

void NoteChange(std::string_view topic, std::int64_t id) {
  if (current_scope) current_scope->notes_.push_back({std::string(topic), id});
}

ChangeScope::ChangeScope() : outer_(current_scope) { current_scope = this; }

ChangeScope::~ChangeScope() {
  current_scope = outer_;
  // A scope inside another (a unit that runs another's code) hands its notes outwards.
  if (outer_) {
    for (auto& n : notes_) outer_->notes_.push_back(std::move(n));
  }
}

std::vector<Change> ChangeScope::Take() {
  std::vector<Change> out = std::move(notes_);
  notes_.clear();
  std::sort(out.begin(), out.end(),
            [](const Change& a, const Change& b) { return a.topic != b.topic ? a.topic < b.topic : a.id < b.id; });
  out.erase(std::unique(out.begin(), out.end(),
                        [](const Change& a, const Change& b) { return a.topic == b.topic && a.id == b.id; }),
            out.end());
  return out;
}

std::vector<std::string> EncodeChanges(std::string_view origin, const std::vector<Change>& changes) {
  std::vector<std::string> out;
  std::string cur;
  for (const auto& c : changes) {
    std::string item = c.topic + ":" + std::to_string(c.id);
    if (!cur.empty() && cur.size() + 1 + item.size() > kPayloadLimit) {
      out.push_back(std::move(cur));
      cur.clear();
    }
    cur += cur.empty() ? std::string(origin) + "|" : ",";
    cur += item;
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

std::pair<std::string, std::vector<Change>> DecodeChanges(std::string_view payload) {
  std::pair<std::string, std::vector<Change>> out;
  auto bar = payload.find('|');
  if (bar == std::string_view::npos) return out;
  out.first = std::string(payload.substr(0, bar));
  std::string_view rest = payload.substr(bar + 1);
  while (!rest.empty()) {
    auto comma = rest.find(',');
    std::string_view item = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    auto colon = item.rfind(':');
    if (colon == std::string_view::npos || colon == 0) continue;
    std::int64_t id = 0;
    auto digits = item.substr(colon + 1);
    auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
    if (ec != std::errc() || p != digits.data() + digits.size() || id <= 0) continue;
    out.second.push_back({std::string(item.substr(0, colon)), id});
  }
  return out;
}

}  // namespace spbe::storage
