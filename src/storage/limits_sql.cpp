#include "storage/limits_sql.hpp"

#include <soci/soci.h>

namespace spbe::storage {
namespace {

// One statement counts the hit and reads the window before it, so two processes never lose a hit between them.
constexpr const char* kHitPostgres =
    "WITH up AS (INSERT INTO rate_limits (rule, key, window_start, hits, expires_at) "
    "VALUES (:rule, :key, :start, 1, :expires) "
    "ON CONFLICT (rule, key, window_start) DO UPDATE SET hits = rate_limits.hits + 1 RETURNING hits) "
    "SELECT (SELECT hits FROM up), COALESCE((SELECT hits FROM rate_limits WHERE rule = :rule2 AND key = :key2 AND "
    "window_start = :previous), 0)";
constexpr const char* kHitSqlite =
    "INSERT INTO rate_limits (rule, key, window_start, hits, expires_at) VALUES (:rule, :key, :start, 1, :expires) "
    "ON CONFLICT (rule, key, window_start) DO UPDATE SET hits = hits + 1";
constexpr const char* kRead =
    "SELECT COALESCE(SUM(CASE WHEN window_start = :start THEN hits ELSE 0 END), 0), "
    "COALESCE(SUM(CASE WHEN window_start = :previous THEN hits ELSE 0 END), 0) FROM rate_limits "
    "WHERE rule = :rule AND key = :key AND window_start IN (:start2, :previous2)";
constexpr const char* kTakeBack =
    "UPDATE rate_limits SET hits = hits - 1 WHERE rule = :rule AND key = :key AND window_start = :start AND hits > 0";
constexpr const char* kClear = "DELETE FROM rate_limits WHERE rule = :rule AND key = :key";
constexpr const char* kPurge = "DELETE FROM rate_limits WHERE expires_at <= :now";

long long Seconds(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

class SqlCounters final : public LimitCounters {
 public:
  explicit SqlCounters(Database& db) : db_(db) {}

  Result<Window> Count(std::string_view rule_in, std::string_view key_in, TimePoint window_start,
                       std::chrono::seconds window, int add) override {
    std::string rule(rule_in), key(key_in);
    long long start = Seconds(window_start), previous = start - window.count();
    long long expires = start + 2 * window.count();
    if (add == 0) return Read(rule, key, start, previous);
    if (add < 0) {
      return db_.WriteReturning<Window>([&](soci::session& s) -> Result<Window> {
        NotWaitingForDisk(s);
        s << kTakeBack, soci::use(rule, "rule"), soci::use(key, "key"), soci::use(start, "start");
        return ReadIn(s, rule, key, start, previous);
      });
    }
    return db_.WriteReturning<Window>([&](soci::session& s) -> Result<Window> {
      NotWaitingForDisk(s);
      long long current = 0, before = 0;
      if (db_.engine() == Engine::kPostgres) {
        s << kHitPostgres, soci::use(rule, "rule"), soci::use(key, "key"), soci::use(start, "start"),
            soci::use(expires, "expires"), soci::use(rule, "rule2"), soci::use(key, "key2"),
            soci::use(previous, "previous"), soci::into(current), soci::into(before);
        return Window{static_cast<double>(current), static_cast<double>(before)};
      }
      s << kHitSqlite, soci::use(rule, "rule"), soci::use(key, "key"), soci::use(start, "start"),
          soci::use(expires, "expires");
      return ReadIn(s, rule, key, start, previous);
    });
  }

  Status Clear(std::string_view rule_in, std::string_view key_in) override {
    std::string rule(rule_in), key(key_in);
    return db_.Write([&](soci::session& s) -> Status {
      NotWaitingForDisk(s);
      s << kClear, soci::use(rule, "rule"), soci::use(key, "key");
      return Ok{};
    });
  }

  Result<int> Purge(TimePoint now_tp) override {
    long long now = Seconds(now_tp);
    return db_.WriteReturning<int>([&](soci::session& s) -> Result<int> {
      soci::statement st = (s.prepare << kPurge, soci::use(now, "now"));
      st.execute(true);
      return static_cast<int>(st.get_affected_rows());
    });
  }

 private:
  // A counter is a brake, not a record: on PostgreSQL its transaction commits without waiting for the WAL to reach the
  // disk (synchronous_commit off for this transaction only). A crash may forget the last fraction of a second of
  // counts; it can never corrupt anything, and every other write still waits for its fsync. On SQLite the counters
  // are in memory (platform/limits.hpp).
  void NotWaitingForDisk(soci::session& s) const {
    if (db_.engine() == Engine::kPostgres) s << "SET LOCAL synchronous_commit TO OFF";
  }
  static Window ReadIn(soci::session& s, const std::string& rule, const std::string& key, long long start,
                       long long previous) {
    long long current = 0, before = 0;
    s << kRead, soci::use(start, "start"), soci::use(previous, "previous"), soci::use(rule, "rule"),
        soci::use(key, "key"), soci::use(start, "start2"), soci::use(previous, "previous2"), soci::into(current),
        soci::into(before);
    return Window{static_cast<double>(current), static_cast<double>(before)};
  }
  Result<Window> Read(const std::string& rule, const std::string& key, long long start, long long previous) {
    auto w = db_.Read([&](soci::session& s) { return ReadIn(s, rule, key, start, previous); });
    if (!w.ok()) return w.error();
    return *w;
  }

  Database& db_;
};

}  // namespace

std::unique_ptr<LimitCounters> MakeSqlLimitCounters(Database& db) { return std::make_unique<SqlCounters>(db); }

}  // namespace spbe::storage
