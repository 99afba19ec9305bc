#pragma once
/// Limits on how often one key (an account, an address, a tracking number ...) may do something: sign-in failures,
/// reset codes asked for, access codes tried, reports filed. One component for every such brake, answering "not now,
/// try again in N seconds" (429 with Retry-After at the HTTP edge).
///
/// A rule counts events in a sliding window (the current fixed window plus the previous one weighted by how much of it
/// still overlaps, as Cloudflare's and nginx's limiters estimate it): smooth at the window's edge, two counters per
/// key. Keys are hashed with a keyed hash before they are kept, so the counters never hold an address or an e-mail in
/// clear. On SQLite (one server process) the counters live in memory; when several processes share PostgreSQL they
/// live in the database (storage/limits_sql.hpp), so a limit holds across processes.

#include <chrono>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/clock.hpp"
#include "platform/result.hpp"

namespace spbe {

/// At most `max` events per `window`; `max` 0 means no limit.
struct LimitRule {
  std::string name;  // "signin_account_address": names the counter and the setting (limits.<name>)
  int max = 0;
  std::chrono::seconds window{3600};
};

/// "5/15m", "20/1h", "0" (off): events per window, the window in s, m, h or d. nullopt for anything else.
std::optional<LimitRule> ParseLimit(std::string_view name, std::string_view text);
/// The rule as ParseLimit reads it.
std::string FormatLimit(const LimitRule& rule);

struct LimitVerdict {
  bool allowed = true;
  std::chrono::seconds retry_after{0};  // when refused: how long until one more event fits
};

/// The counters behind the rules.
class LimitCounters {
 public:
  virtual ~LimitCounters() = default;
  /// Hits counted for the key in the window that starts at `window_start` and in the one before it.
  struct Window {
    double current = 0, previous = 0;
  };
  /// Reads the two windows; with `add` +1, counts one more in the current window first (atomically with the read);
  /// with -1 takes one back (never below zero); with 0 only reads.
  virtual Result<Window> Count(std::string_view rule, std::string_view key_hash, TimePoint window_start,
                               std::chrono::seconds window, int add) = 0;
  /// Forgets the key's counts under the rule.
  virtual Status Clear(std::string_view rule, std::string_view key_hash) = 0;
  /// Drops the keys whose windows no longer count at `now` (two windows after the last one started).
  virtual Result<int> Purge(TimePoint now) = 0;
  /// True when counting never waits on anything but memory (a network thread may count).
  virtual bool InMemory() const { return false; }
};

/// Counters in this process's memory: for SQLite, where one process serves the data directory. Bounded: windows that
/// have ended are dropped as new keys arrive.
std::unique_ptr<LimitCounters> MakeMemoryLimitCounters();

class Limiter {
 public:
  /// `hash_key` turns a key into what the counters keep (a keyed hash; the same in every process that shares them).
  Limiter(LimitCounters& counters, Clock clock, std::function<std::string(std::string_view)> hash_key);

  /// Whether one more event under `rule` for `key` would be allowed, without counting it.
  LimitVerdict Check(const LimitRule& rule, std::string_view key);
  /// Counts one event and tells whether it was within the rule.
  LimitVerdict Hit(const LimitRule& rule, std::string_view key);
  /// Takes back one event counted in the current window (an attempt counted as it began, which then succeeded).
  void Refund(const LimitRule& rule, std::string_view key);
  /// Forgets the key's events under the rule (a successful sign-in clears its failures).
  void Reset(const LimitRule& rule, std::string_view key);
  /// A rule and the key it counts, for checking or counting several at once.
  struct Keyed {
    const LimitRule& rule;
    std::string key;
  };
  /// The refusal (in `lang`) of the first rule that would not allow one more event, or nullopt when all would.
  std::optional<Error> Refuse(std::initializer_list<Keyed> keys, std::string_view lang);
  /// Counts one event under each rule (a failure after Refuse let the attempt through).
  void HitAll(std::initializer_list<Keyed> keys);
  /// Counts an attempt under each rule as it begins, before the slow check it guards, so that many attempts at once
  /// cannot all pass a check made before any was counted. The refusal of the first rule it exceeds, or nullopt.
  /// A successful attempt is then taken back with RefundAll (or the key Reset); a refused one takes itself back.
  std::optional<Error> Admit(std::initializer_list<Keyed> keys, std::string_view lang);
  void RefundAll(std::initializer_list<Keyed> keys);

  /// One guarded attempt (an access code tried), begun with Begin: counted as it begins, so that many at once cannot
  /// all pass a check made before any was counted; taken back when it Succeeded; an attempt that ends otherwise
  /// failed and stays counted. With counters in memory this is Admit and RefundAll. With counters shared between
  /// processes (PostgreSQL) the attempt is counted in this process's memory, which closes the race within the
  /// process, and the shared counts are only read; a failure is written to them as the attempt ends. A right answer
  /// then costs no write, and many processes together still stop a guesser after the rule's count of failures.
  class Attempt {
   public:
    Attempt(Attempt&& o) noexcept
        : refused(std::move(o.refused)), limiter_(o.limiter_), keys_(std::move(o.keys_)), done_(o.done_) {
      o.done_ = true;
    }
    Attempt(const Attempt&) = delete;
    Attempt& operator=(const Attempt&) = delete;
    Attempt& operator=(Attempt&&) = delete;
    ~Attempt();
    /// The refusal (in the caller's language) when the attempt may not go on.
    std::optional<Error> refused;
    /// The answer was right: the attempt is taken back.
    void Succeeded();

   private:
    friend class Limiter;
    struct Key {
      const LimitRule* rule;
      std::string key;  // hashed (hash_key_); empty for a rule that is off
    };
    Attempt(Limiter& limiter, std::initializer_list<Keyed> keys);
    Limiter& limiter_;
    std::vector<Key> keys_;
    bool done_ = false;
  };
  Attempt Begin(std::initializer_list<Keyed> keys, std::string_view lang);

  /// Drops ended windows; the server calls it every few minutes.
  void Purge();
  /// True when its counters are in this process's memory (see LimitCounters::InMemory).
  bool InMemory() const { return counters_.InMemory(); }

  /// The error for a refusal: kRateLimited with retry_after_s and a sentence in `lang` ("too many attempts; try
  /// again in 3 minutes").
  static Error Refusal(const LimitVerdict& verdict, std::string_view lang);
  /// The same, naming what there was too much of: `what` is already in `lang` (i18n::Tr(lang, "<key>")).
  static Error Refusal(const LimitVerdict& verdict, std::string_view lang, std::string_view what);
  /// The same with both texts given by the caller ("terlalu banyak laporan" / "too many reports"); prefer `what`
  /// from the catalogs.
  static Error Refusal(const LimitVerdict& verdict, std::string_view lang, std::string_view what_id,
                       std::string_view what_en);

 private:
  LimitVerdict Decide(const LimitRule& rule, std::string_view key, bool add) {
    return DecideOn(counters_, rule, key, add ? 1 : 0);
  }
  LimitVerdict DecideOn(LimitCounters& counters, const LimitRule& rule, std::string_view key, int add);
  /// The same for a key already hashed with hash_key_.
  LimitVerdict DecideHashed(LimitCounters& counters, const LimitRule& rule, std::string_view key_hash, int add);

  LimitCounters& counters_;
  std::unique_ptr<LimitCounters> local_;  // this process's share of an attempt, when counters_ are shared
  Clock clock_;
  std::function<std::string(std::string_view)> hash_key_;
};

/// The limits of the platform, each a setting `limits.<name>` ("N/window"; "0" turns it off), with its default.
struct Limits {
  // Sign-in: attempts of one account from one address lock that pair only, never the address for everyone behind
  // it (a kantor's NAT); attempts on one account from anywhere, and from one address against any account, have
  // higher ceilings that stop guessing at scale. A browser the account signed in from before (its device cookie) is
  // held only to the pair, so a stranger's guessing never locks the owner out. Successful attempts are taken back.
  LimitRule signin_account_address{"signin_account_address", 5, std::chrono::minutes(15)};
  LimitRule signin_account{"signin_account", 50, std::chrono::hours(1)};
  LimitRule signin_address{"signin_address", 200, std::chrono::hours(1)};
  // Password-reset and verification codes: how many may be asked for (a mail bomb, new codes to guess), and how
  // many wrong codes may be tried, per e-mail address and per caller's address.
  // (Wrong codes for one e-mail address are bounded by each code's own five tries and code_request_email: at most 15
  // guesses an hour. A per-address rule on top would let a stranger block someone's reset.)
  LimitRule code_request_email{"code_request_email", 3, std::chrono::hours(1)};
  LimitRule code_request_address{"code_request_address", 20, std::chrono::hours(1)};
  LimitRule code_confirm_address{"code_confirm_address", 50, std::chrono::hours(1)};
  // Registration from one address.
  LimitRule register_address{"register_address", 20, std::chrono::hours(1)};
  // Access codes (tracking an application or a report without signing in): wrong codes per number and per address.
  LimitRule access_code_number{"access_code_number", 10, std::chrono::hours(1)};
  LimitRule access_code_address{"access_code_address", 100, std::chrono::hours(1)};
  // Bank callbacks that fail their signature: kept as samples per sending address, the rest only counted.
  LimitRule unsigned_callback_samples{"unsigned_callback_samples", 10, std::chrono::hours(1)};
  // Reports filed by one account, or one address when not signed in.
  LimitRule reports_filed{"reports_filed", 20, std::chrono::hours(1)};
  // Single sign-on: failed client authentications at the token and revocation endpoints, per client (a guessed
  // secret) and per caller's address; failed code and refresh-token exchanges per client.
  LimitRule oauth_client_failures{"oauth_client_failures", 10, std::chrono::minutes(15)};
  LimitRule oauth_address_failures{"oauth_address_failures", 100, std::chrono::hours(1)};
  LimitRule oauth_grant_failures{"oauth_grant_failures", 100, std::chrono::hours(1)};

  /// Every rule, for settings and `config check`.
  std::vector<LimitRule*> All();
  /// Every rule turned off (max 0).
  static Limits Off();
};

/// A limiter that never refuses, with its rules, for the demo seed and tools that act for the operator.
struct Unlimited {
  std::unique_ptr<LimitCounters> counters = MakeMemoryLimitCounters();
  Limits limits = Limits::Off();
  Limiter limiter{*counters, SystemClock(), [](std::string_view k) { return std::string(k); }};
};

}  // namespace spbe
