#include "platform/limits.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <mutex>
#include <unordered_map>

#include "platform/i18n.hpp"

namespace spbe {

std::optional<LimitRule> ParseLimit(std::string_view name, std::string_view text) {
  LimitRule rule{std::string(name), 0, std::chrono::hours(1)};
  if (text == "0") return rule;
  auto slash = text.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 2 > text.size()) return std::nullopt;
  int max = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + slash, max);
  if (ec != std::errc() || p != text.data() + slash || max < 0 || max > 1000000) return std::nullopt;
  std::string_view span = text.substr(slash + 1);
  char unit = span.back();
  std::string_view digits = span.substr(0, span.size() - 1);
  long long n = 1;
  if (!digits.empty()) {
    auto [q, ec2] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
    if (ec2 != std::errc() || q != digits.data() + digits.size() || n <= 0 || n > 366 * 24 * 3600) {
      return std::nullopt;
    }
  }
  long long seconds = 0;
  switch (unit) {
    case 's':
      seconds = n;
      break;
    case 'm':
      seconds = n * 60;
      break;
    case 'h':
      seconds = n * 3600;
      break;
    case 'd':
      seconds = n * 86400;
      break;
    default:
      return std::nullopt;
  }
  if (seconds > 366LL * 86400) return std::nullopt;
  rule.max = max;
  rule.window = std::chrono::seconds(seconds);
  return rule;
}

std::string FormatLimit(const LimitRule& rule) {
  if (rule.max == 0) return "0";
  long long s = rule.window.count();
  if (s % 86400 == 0) return fmt::format("{}/{}d", rule.max, s / 86400);
  if (s % 3600 == 0) return fmt::format("{}/{}h", rule.max, s / 3600);
  if (s % 60 == 0) return fmt::format("{}/{}m", rule.max, s / 60);
  return fmt::format("{}/{}s", rule.max, s);
}

std::vector<LimitRule*> Limits::All() {
  return {&signin_account_address,    &signin_account,       &signin_address,
          &code_request_email,        &code_request_address, &code_confirm_address,
          &register_address,          &access_code_number,   &access_code_address,
          &unsigned_callback_samples, &reports_filed,        &oauth_client_failures,
          &oauth_address_failures,    &oauth_grant_failures};
}

Limits Limits::Off() {
  Limits l;
  for (LimitRule* r : l.All()) r->max = 0;
  return l;
}

namespace {

class MemoryCounters final : public LimitCounters {
 public:
  Result<Window> Count(std::string_view rule, std::string_view key_hash, TimePoint window_start,
                       std::chrono::seconds window, int add) override {
    std::lock_guard lock(mu_);
    // Swept when the map has doubled since the last sweep: amortised, never a scan per event.
    if (add > 0 && counts_.size() >= purge_at_) {
      PurgeLocked(window_start);
      purge_at_ = std::max(kPurgeAt, counts_.size() * 2);
    }
    std::string key = Key(rule, key_hash);
    auto& slots = counts_[key];
    TimePoint previous_start = window_start - window;
    // Two slots: the current window and the one before; older counts no longer matter.
    if (slots.current_start != window_start) {
      slots.previous = slots.current_start == previous_start ? slots.current : 0;
      slots.previous_start = previous_start;
      slots.current = 0;
      slots.current_start = window_start;
      slots.window = window;
    }
    if (add > 0) ++slots.current;
    if (add < 0 && slots.current > 0) --slots.current;
    Window w{static_cast<double>(slots.current), static_cast<double>(slots.previous)};
    if (slots.current == 0 && slots.previous == 0) counts_.erase(key);
    return w;
  }
  Status Clear(std::string_view rule, std::string_view key_hash) override {
    std::lock_guard lock(mu_);
    counts_.erase(Key(rule, key_hash));
    return Ok{};
  }
  Result<int> Purge(TimePoint now) override {
    std::lock_guard lock(mu_);
    return PurgeLocked(now);
  }
  bool InMemory() const override { return true; }

 private:
  // A key's windows, once this many are held, are swept for ended ones before another is added.
  static constexpr std::size_t kPurgeAt = 100000;
  struct Slots {
    TimePoint current_start{}, previous_start{};
    std::chrono::seconds window{0};
    long long current = 0, previous = 0;
  };
  static std::string Key(std::string_view rule, std::string_view key_hash) {
    std::string k(rule);
    k += '\n';
    k += key_hash;
    return k;
  }
  int PurgeLocked(TimePoint now) {
    // Two windows after its start a window weighs nothing: neither current nor previous.
    int dropped = 0;
    for (auto it = counts_.begin(); it != counts_.end();) {
      if (it->second.current_start + 2 * it->second.window <= now) {
        it = counts_.erase(it);
        ++dropped;
      } else {
        ++it;
      }
    }
    return dropped;
  }
  std::mutex mu_;
  std::unordered_map<std::string, Slots> counts_;
  std::size_t purge_at_ = kPurgeAt;
};

}  // namespace

std::unique_ptr<LimitCounters> MakeMemoryLimitCounters() { return std::make_unique<MemoryCounters>(); }

Limiter::Limiter(LimitCounters& counters, Clock clock, std::function<std::string(std::string_view)> hash_key)
    : counters_(counters),
      local_(MakeMemoryLimitCounters()),
      clock_(std::move(clock)),
      hash_key_(std::move(hash_key)) {}

Limiter::Attempt::Attempt(Limiter& limiter, std::initializer_list<Keyed> keys) : limiter_(limiter) {
  // Each key is hashed once for the whole attempt: it is counted as it begins and again as it ends.
  for (const auto& k : keys) {
    bool counts = k.rule.max > 0 && k.rule.window.count() > 0;
    keys_.push_back({&k.rule, counts ? limiter.hash_key_(k.key) : std::string()});
  }
}

Limiter::Attempt Limiter::Begin(std::initializer_list<Keyed> keys, std::string_view lang) {
  Attempt a(*this, keys);
  // In memory the attempt is counted in the counters themselves; when they are shared, in this process's memory
  // first, and the shared counts are only read.
  LimitCounters& counting = counters_.InMemory() ? counters_ : *local_;
  for (const auto& k : a.keys_) {
    auto v = DecideHashed(counting, *k.rule, k.key, 1);
    if (!v.allowed && !a.refused) a.refused = Refusal(v, lang);
  }
  if (&counting != &counters_) {
    for (const auto& k : a.keys_) {
      if (a.refused) break;
      auto v = DecideHashed(counters_, *k.rule, k.key, 0);
      if (!v.allowed) a.refused = Refusal(v, lang);
    }
  }
  // A refused attempt tried nothing: it takes its counts back, so that what is counted is what was tried. Otherwise a
  // burst of right answers (a citizen's page opened on several devices, a portal behind one address) would each add
  // a count that nothing takes back, and lock the number for the whole window.
  if (a.refused) {
    for (const auto& k : a.keys_) DecideHashed(counting, *k.rule, k.key, -1);
  }
  a.done_ = a.refused.has_value();  // a refused attempt tried nothing: it counts for nothing
  return a;
}

void Limiter::Attempt::Succeeded() {
  if (done_) return;
  done_ = true;
  LimitCounters& counted = limiter_.counters_.InMemory() ? limiter_.counters_ : *limiter_.local_;
  for (const auto& k : keys_) limiter_.DecideHashed(counted, *k.rule, k.key, -1);
}

Limiter::Attempt::~Attempt() {
  if (done_ || limiter_.counters_.InMemory()) return;  // in memory, the failure is already counted
  // A failure: this process's count stays, and the shared counters learn of it.
  try {
    for (const auto& k : keys_) limiter_.DecideHashed(limiter_.counters_, *k.rule, k.key, 1);
  } catch (const std::exception&) {
    // the counters are a brake, not a door: a failure that could not be written is not the request's failure
  }
}

LimitVerdict Limiter::Check(const LimitRule& rule, std::string_view key) { return Decide(rule, key, false); }
LimitVerdict Limiter::Hit(const LimitRule& rule, std::string_view key) { return Decide(rule, key, true); }

void Limiter::Refund(const LimitRule& rule, std::string_view key) {
  if (rule.max <= 0 || rule.window.count() <= 0) return;
  auto since_epoch = std::chrono::duration_cast<std::chrono::seconds>(clock_().time_since_epoch());
  TimePoint window_start{since_epoch - since_epoch % rule.window};
  (void)counters_.Count(rule.name, hash_key_(key), window_start, rule.window, -1);
}

std::optional<Error> Limiter::Admit(std::initializer_list<Keyed> keys, std::string_view lang) {
  std::optional<Error> refused;
  for (const auto& k : keys) {
    auto v = Hit(k.rule, k.key);
    if (!v.allowed && !refused) refused = Refusal(v, lang);
  }
  // A refused attempt tried nothing: it takes its counts back, so that what is counted is what was tried. Otherwise a
  // burst of right answers (a citizen's page opened on several devices, a portal behind one address) would each add
  // a count that nothing takes back, and lock the number for the whole window.
  if (refused) RefundAll(keys);
  return refused;
}

void Limiter::RefundAll(std::initializer_list<Keyed> keys) {
  for (const auto& k : keys) Refund(k.rule, k.key);
}

LimitVerdict Limiter::DecideOn(LimitCounters& counters, const LimitRule& rule, std::string_view key, int add) {
  if (rule.max <= 0 || rule.window.count() <= 0) return {};
  return DecideHashed(counters, rule, hash_key_(key), add);
}

LimitVerdict Limiter::DecideHashed(LimitCounters& counters, const LimitRule& rule, std::string_view key_hash, int add) {
  if (rule.max <= 0 || rule.window.count() <= 0) return {};
  TimePoint now = clock_();
  auto since_epoch = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch());
  auto window = rule.window;
  auto start_s = since_epoch - since_epoch % window;
  TimePoint window_start{start_s};
  auto counted = counters.Count(rule.name, key_hash, window_start, window, add);
  // The counters are a brake, not a door: when they cannot be read (the database is away) nothing is refused here,
  // the request fails on its own database work instead.
  if (!counted.ok()) return {};
  double elapsed = std::chrono::duration<double>(now - window_start).count() / static_cast<double>(window.count());
  double weight = std::clamp(1.0 - elapsed, 0.0, 1.0);
  double estimate = counted->current + counted->previous * weight;
  // Checking asks whether one more would fit; counting has already added it.
  double limit = static_cast<double>(rule.max);
  bool counting = add > 0;
  bool allowed = counting ? estimate <= limit : estimate + 1 <= limit;
  if (allowed) return {};
  // Wait until the estimate falls low enough: the previous window's share shrinks linearly through the current one;
  // when the current window alone is over, only its end helps.
  double need = (counting ? estimate - limit : estimate + 1 - limit);
  double wait_s;
  if (counted->previous > 0 && counted->current + (counting ? 0 : 1) <= limit) {
    wait_s = need / counted->previous * static_cast<double>(window.count());
  } else {
    wait_s = std::chrono::duration<double>(window_start + window - now).count();
    // ... and then the window now current becomes the previous one, still weighing on the next.
    double carried = counted->current + (counting ? 0 : 1);
    if (carried > limit) wait_s += (carried - limit) / carried * static_cast<double>(window.count());
  }
  auto retry = std::chrono::seconds(static_cast<long long>(std::ceil(std::max(1.0, wait_s))));
  return {false, std::min(retry, window * 2)};
}

std::optional<Error> Limiter::Refuse(std::initializer_list<Keyed> keys, std::string_view lang) {
  for (const auto& k : keys) {
    if (auto v = Check(k.rule, k.key); !v.allowed) return Refusal(v, lang);
  }
  return std::nullopt;
}

void Limiter::HitAll(std::initializer_list<Keyed> keys) {
  for (const auto& k : keys) Hit(k.rule, k.key);
}

void Limiter::Reset(const LimitRule& rule, std::string_view key) { (void)counters_.Clear(rule.name, hash_key_(key)); }

void Limiter::Purge() { (void)counters_.Purge(clock_()); }

Error Limiter::Refusal(const LimitVerdict& verdict, std::string_view lang) {
  return Refusal(verdict, lang, i18n::Tr(lang, "platform_too_many_attempts"));
}

Error Limiter::Refusal(const LimitVerdict& verdict, std::string_view lang, std::string_view what) {
  long long s = std::max<long long>(1, verdict.retry_after.count());
  std::string when;
  if (s < 90) {
    when = i18n::Tr(lang, "platform_seconds", {{"count", std::to_string(s)}});
  } else if (s < 90 * 60) {
    long long m = (s + 59) / 60;
    when = i18n::Tr(lang, "platform_minutes", {{"count", std::to_string(m)}});
  } else {
    long long h = (s + 3599) / 3600;
    when = i18n::Tr(lang, "platform_hours", {{"count", std::to_string(h)}});
  }
  Error e = Error::Of(ErrorCode::kRateLimited,
                      i18n::Tr(lang, "platform_try_again_in", {{"what", std::string(what)}, {"when", when}}));
  e.retry_after_s = static_cast<int>(std::min<long long>(s, 1 << 30));
  return e;
}

Error Limiter::Refusal(const LimitVerdict& verdict, std::string_view lang, std::string_view what_id,
                       std::string_view what_en) {
  return Refusal(verdict, lang, lang == "en" ? what_en : what_id);
}

}  // namespace spbe
