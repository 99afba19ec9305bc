#include "storage/database.hpp"

#include <libpq-fe.h>
#include <poll.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <unistd.h>
#include <atomic>
#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>
#include <cctype>
#include <cerrno>
#include <condition_variable>
#include <deque>
#include <exception>
#include <future>
#include <mutex>
#include <random>
#include <thread>
#include <vector>

#include "platform/log.hpp"
#include "storage/statements.hpp"

namespace spbe::storage {

namespace {

// Transaction control. On SQLite it is kept prepared like any statement (the group-commit writer runs a savepoint
// and its release per unit); PostgreSQL cannot prepare it, and it is one short round trip there.
void Control(soci::session& s, const std::string& sql) {
  if (IsSqlite(s)) {
    Execute(s, sql);
  } else {
    s << sql;
  }
}

}  // namespace

Transaction::Transaction(soci::session& s, const char* begin) : s_(s) { Control(s_, begin); }
Transaction::~Transaction() {
  if (done_) return;
  try {
    Control(s_, "ROLLBACK");
  } catch (const std::exception& e) {
    log::Error("rollback failed", {{"error", e.what()}});
  }
}
void Transaction::Commit() {
  Control(s_, "COMMIT");
  done_ = true;
}
void Transaction::CommitAfter(const std::string& statements) {
  if (statements.empty()) return Commit();
  s_ << statements + "COMMIT";  // one simple query: a failure skips the COMMIT and the destructor rolls back
  done_ = true;
}

Savepoint::Savepoint(soci::session& s, std::string name) : s_(s), name_(std::move(name)) {
  Control(s_, "SAVEPOINT " + name_);
}
Savepoint::~Savepoint() {
  if (done_) return;
  try {
    Control(s_, "ROLLBACK TO SAVEPOINT " + name_);
    Control(s_, "RELEASE SAVEPOINT " + name_);
  } catch (const std::exception& e) {
    log::Error("rollback to savepoint failed", {{"error", e.what()}});
  }
}
void Savepoint::Release() {
  Control(s_, "RELEASE SAVEPOINT " + name_);
  done_ = true;
}

namespace {

std::string UpperWords(std::string_view text) {
  std::string out;
  for (char c : text) out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// Whether `cur` is a CREATE TRIGGER whose BEGIN ... END body is still open: the semicolons inside it end the body's
// statements, not the trigger's. The body is open until the last word before the semicolon is END.
bool InTriggerBody(const std::string& cur) {
  auto first = cur.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return false;
  std::string head = UpperWords(std::string_view(cur).substr(first, 40));
  if (head.rfind("CREATE TRIGGER", 0) != 0 && head.rfind("CREATE TEMP TRIGGER", 0) != 0) return false;
  auto last = cur.find_last_not_of(" \t\r\n");
  std::string tail = UpperWords(std::string_view(cur).substr(0, last + 1));
  bool ends = tail.size() >= 3 && tail.compare(tail.size() - 3, 3, "END") == 0 &&
              (tail.size() == 3 || !std::isalnum(static_cast<unsigned char>(tail[tail.size() - 4])));
  return !ends;
}

}  // namespace

std::vector<std::string> SplitSqlStatements(const std::string& script) {
  std::vector<std::string> out;
  std::string cur;
  bool in_quote = false;
  for (std::size_t i = 0; i < script.size(); ++i) {
    char c = script[i];
    if (!in_quote && c == '-' && i + 1 < script.size() && script[i + 1] == '-') {
      while (i < script.size() && script[i] != '\n') ++i;
      cur += '\n';
      continue;
    }
    if (c == '\'') in_quote = !in_quote;
    if (c == ';' && !in_quote && !InTriggerBody(cur)) {
      auto first = cur.find_first_not_of(" \t\r\n");
      if (first != std::string::npos) out.push_back(cur.substr(first));
      cur.clear();
      continue;
    }
    cur += c;
  }
  auto first = cur.find_first_not_of(" \t\r\n");
  if (first != std::string::npos) out.push_back(cur.substr(first));
  return out;
}

namespace {

using Clock = std::chrono::steady_clock;

// libpq keyword value, quoted as libpq wants ('...' with \\ and \' escaped).
std::string Quoted(std::string_view v) {
  std::string out = "'";
  for (char c : v) {
    if (c == '\\' || c == '\'') out += '\\';
    out += c;
  }
  return out + "'";
}

}  // namespace

Result<std::string> PostgresConninfo(const std::string& url) {
  auto u = boost::urls::parse_uri(url);
  if (!u || (u->scheme() != "postgresql" && u->scheme() != "postgres")) {
    return Error::Of(ErrorCode::kValidation, "not a postgresql:// URL");
  }
  std::string out;
  auto add = [&](const char* key, std::string_view value) {
    if (value.empty()) return;
    out += (out.empty() ? "" : " ") + std::string(key) + "=" + Quoted(value);
  };
  add("host", std::string(u->host()));
  add("port", std::string(u->port()));
  add("user", std::string(u->user()));
  add("password", std::string(u->password()));
  std::string path = u->path();
  add("dbname", path.empty() ? "" : std::string_view(path).substr(1));
  for (auto p : u->params()) add(std::string(p.key).c_str(), std::string(p.value));
  return out;
}

namespace {

/// A fixed set of open sessions handed out one caller at a time. Broken PostgreSQL connections are reopened
/// when next leased, so the pool heals after the database comes back.
class SessionPool {
 public:
  using Factory = std::function<std::unique_ptr<soci::session>()>;
  using OnConnect = std::function<void(soci::session&)>;  // per-connection settings, again after a reconnect

  SessionPool(Factory factory, int size, std::chrono::milliseconds lease_timeout, OnConnect on_connect = {})
      : factory_(std::move(factory)), on_connect_(std::move(on_connect)), lease_timeout_(lease_timeout) {
    for (int i = 0; i < size; ++i) {
      sessions_.push_back(factory_());
      statements_.push_back(std::make_unique<Statements>(*sessions_.back()));
      if (on_connect_) on_connect_(*sessions_.back());
      free_.push_back(i);
    }
  }

  Status Run(const std::function<void(soci::session&)>& fn) {
    int idx;
    {
      std::unique_lock lock(mu_);
      ++waiting_;
      bool got = cv_.wait_for(lock, lease_timeout_, [&] { return !free_.empty(); });
      --waiting_;
      if (!got) return Error::Of(ErrorCode::kUnavailable, "no database connection became free in time");
      idx = free_.back();
      free_.pop_back();
    }
    struct GiveBack {
      SessionPool* p;
      int i;
      ~GiveBack() {
        {
          std::lock_guard lock(p->mu_);
          p->free_.push_back(i);
        }
        p->cv_.notify_one();
      }
    } give_back{this, idx};
    soci::session& s = *sessions_[idx];
    if (!s.is_connected()) {
      statements_[idx]->Clear();  // prepared on the connection that broke
      try {
        s.reconnect();
        if (on_connect_) on_connect_(s);
      } catch (const std::exception& e) {
        return Error::Of(ErrorCode::kUnavailable, std::string("database unreachable: ") + e.what());
      }
    }
    statements_[idx]->Sweep();
    StatementsScope kept(*statements_[idx]);
    fn(s);
    return Ok{};
  }

  /// True when a pooled connection answers a trivial query now.
  bool Ping() {
    bool ok = false;
    Status st = Run([&](soci::session& s) {
      try {
        int one = 0;
        s << "SELECT 1", soci::into(one);
        ok = one == 1;
      } catch (const std::exception&) {
        ok = false;  // the connection is marked broken and reopened on its next lease
      }
    });
    return st.ok() && ok;
  }

  int size() const { return static_cast<int>(sessions_.size()); }
  int in_use() const {
    std::lock_guard lock(mu_);
    return static_cast<int>(sessions_.size() - free_.size());
  }
  int waiting() const {
    std::lock_guard lock(mu_);
    return waiting_;
  }

 private:
  Factory factory_;
  OnConnect on_connect_;
  std::chrono::milliseconds lease_timeout_;
  std::vector<std::unique_ptr<soci::session>> sessions_;
  std::vector<std::unique_ptr<Statements>> statements_;  // after sessions_: dropped before the connections close
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<int> free_;
  int waiting_ = 0;
};

// True when an exception from the database means the connection itself failed (worth reporting as unavailable).
bool IsConnectionFailure(soci::session& s) { return !s.is_connected(); }

Status RunUnit(const UnitOfWork& unit, soci::session& s) {
  try {
    return unit(s);
  } catch (const soci::soci_error& e) {
    if (IsConnectionFailure(s)) return Error::Of(ErrorCode::kUnavailable, std::string("database: ") + e.what());
    throw;
  }
}

/// Before SQLite's first use in the process: each connection is used by one thread at a time (the pool and the
/// writer see to that), so SQLite's own per-connection mutexes are not needed, and its allocation statistics
/// (one mutex shared by every connection, taken on every malloc) are never read. Both were a fifth of a filing's
/// CPU. When something initialised SQLite before us, it keeps its settings.
void ConfigureSqlite() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sqlite_api::sqlite3_config(SQLITE_CONFIG_MULTITHREAD) != SQLITE_OK) return;
    sqlite_api::sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  });
}

std::unique_ptr<soci::session> OpenSqlite(const std::string& path) {
  ConfigureSqlite();
  auto s = std::make_unique<soci::session>(soci::sqlite3, "db=\"" + path + "\" timeout=30");
  *s << "PRAGMA journal_mode=WAL";
  *s << "PRAGMA synchronous=FULL";
  *s << "PRAGMA foreign_keys=ON";
  *s << "PRAGMA busy_timeout=30000";
  return s;
}

constexpr const char* kChangesChannel = "spbe_changes";

// A text as a PostgreSQL escape-string literal, the same whatever standard_conforming_strings says.
std::string QuotedLiteral(std::string_view text) {
  std::string out = "E'";
  for (char c : text) {
    if (c == '\0') continue;  // a literal cannot hold it
    if (c == '\'' || c == '\\') out += c;
    out += c;
  }
  return out + "'";
}

/// This Database's name in the notes it sends, so that its own listener skips what it already published. Two
/// Database objects in one process (tests standing for two servers) have different names.
std::string NewOrigin() {
  std::random_device rd;
  return std::to_string(::getpid()) + "-" + std::to_string(rd()) + std::to_string(rd());
}

/// Hears the notes other processes' commits send (LISTEN spbe_changes) on a connection of its own, and publishes
/// them to this process's feed. While it cannot hear, the feed is not trusted; after hearing again, everything is
/// published as changed.
class ChangeListener {
 public:
  ChangeListener(std::string conninfo, std::string origin, ChangeFeed& feed)
      : conninfo_(std::move(conninfo)), origin_(std::move(origin)), feed_(feed) {
    feed_.SetTrusted(false);
    conn_ = Connect();  // the first LISTEN before the server answers anything, when the database is there
    if (conn_) feed_.SetTrusted(true);
    thread_ = std::thread([this] { Loop(); });
  }
  ~ChangeListener() {
    stop_ = true;
    thread_.join();
    if (conn_) PQfinish(conn_);
  }

 private:
  PGconn* Connect() {
    PGconn* c = PQconnectdb(conninfo_.c_str());
    if (PQstatus(c) == CONNECTION_OK) {
      PGresult* r = PQexec(c, (std::string("LISTEN ") + kChangesChannel).c_str());
      bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
      PQclear(r);
      if (ok) return c;
    }
    PQfinish(c);
    return nullptr;
  }

  void Loop() {
    while (!stop_) {
      if (!conn_) {
        conn_ = Connect();
        if (!conn_) {
          std::this_thread::sleep_for(std::chrono::milliseconds(200));
          continue;
        }
        // Heard again: what changed meanwhile is unknown, so everything is dropped before the feed is trusted.
        feed_.PublishEverything();
        feed_.SetTrusted(true);
        log::Info("change listener connected");
      }
      pollfd p{PQsocket(conn_), POLLIN, 0};
      int n = ::poll(&p, 1, 200);
      if (n < 0 && errno != EINTR) n = 0;
      if (n > 0 && (!PQconsumeInput(conn_) || PQstatus(conn_) != CONNECTION_OK)) {
        feed_.SetTrusted(false);
        log::Warn("change listener lost its connection", {{"error", std::string(PQerrorMessage(conn_))}});
        PQfinish(conn_);
        conn_ = nullptr;
        continue;
      }
      while (PGnotify* note = PQnotifies(conn_)) {
        auto [origin, changes] = DecodeChanges(note->extra ? note->extra : "");
        PQfreemem(note);
        if (origin != origin_) feed_.Publish(changes);
      }
    }
  }

  std::string conninfo_, origin_;
  ChangeFeed& feed_;
  PGconn* conn_ = nullptr;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

class PostgresDatabase final : public Database {
 public:
  PostgresDatabase(const DatabaseOptions& o, std::string conninfo)
      : pool_([conninfo] { return std::make_unique<soci::session>(soci::postgresql, conninfo); }, o.pool_size,
              o.lease_timeout,
              // NOTICEs ("relation already exists, skipping") would otherwise land on stderr.
              [](soci::session& s) { s << "SET client_min_messages TO WARNING"; }),
        origin_(NewOrigin()),
        listener_(conninfo, origin_, changes_) {}

  Engine engine() const override { return Engine::kPostgres; }

  Status Write(UnitOfWork unit) override {
    Status result = Ok{};
    std::vector<Change> noted;
    Status leased = pool_.Run([&](soci::session& s) {
      try {
        ChangeScope scope;
        Transaction tx(s);
        result = RunUnit(unit, s);
        if (result.ok()) {
          noted = scope.Take();
          // Delivered to the other processes' listeners when, and only if, the transaction commits; sent with the
          // COMMIT, so that a unit that noted changes costs no round trip more.
          std::string notify;
          for (const auto& payload : EncodeChanges(origin_, noted)) {
            notify += std::string("SELECT pg_notify('") + kChangesChannel + "', " + QuotedLiteral(payload) + ");";
          }
          tx.CommitAfter(notify);
          commits_++;
          units_++;
        }
      } catch (const soci::soci_error& e) {
        if (!IsConnectionFailure(s)) throw;
        result = Error::Of(ErrorCode::kUnavailable, std::string("database: ") + e.what());
      }
    });
    if (!leased.ok()) return leased;
    // Committed: this process's caches drop their copies before the writer is answered.
    if (result.ok()) changes_.Publish(noted);
    return result;
  }

  bool Ping() override { return pool_.Ping(); }

  DatabaseStats Stats() const override {
    return {pool_.size(), pool_.in_use(), pool_.waiting(), 0, commits_.load(), units_.load()};
  }

  Status WithConnection(const std::function<void(soci::session&)>& fn) override {
    try {
      return pool_.Run(fn);
    } catch (const soci::soci_error& e) {
      // A read that failed because the server went away is "unavailable", not a bug.
      return Error::Of(ErrorCode::kUnavailable, std::string("database: ") + e.what());
    }
  }

 private:
  SessionPool pool_;
  std::atomic<std::uint64_t> commits_{0}, units_{0};
  std::string origin_;
  ChangeListener listener_;  // last: stops before the rest goes
};

/// SQLite: many readers, and one writer thread that commits every unit queued meanwhile in one transaction
/// (each unit in a savepoint). With synchronous=FULL the COMMIT returns after the fsync, so callers are
/// answered only once their unit is on disk; one fsync serves the whole batch.
class SqliteDatabase final : public Database {
 public:
  explicit SqliteDatabase(const DatabaseOptions& o)
      : options_(o),
        pool_([path = o.sqlite_path] { return OpenSqlite(path); }, o.pool_size, o.lease_timeout),
        writer_session_(OpenSqlite(o.sqlite_path)),
        writer_statements_(*writer_session_),
        writer_([this] { WriterLoop(); }) {}

  ~SqliteDatabase() override {
    {
      std::lock_guard lock(mu_);
      stopping_ = true;
    }
    cv_.notify_one();
    writer_.join();
  }

  Engine engine() const override { return Engine::kSqlite; }

  Status Write(UnitOfWork unit) override {
    Pending p{std::move(unit), {}};
    auto fut = p.done.get_future();
    {
      std::lock_guard lock(mu_);
      if (stopping_) return Error::Of(ErrorCode::kUnavailable, "database is closing");
      queue_.push_back(std::move(p));
      queued_.store(queue_.size());
    }
    cv_.notify_one();
    return fut.get();  // rethrows a bug's exception from the unit in the caller's thread
  }

  bool Ping() override { return pool_.Ping() && writer_alive_.load(); }

  DatabaseStats Stats() const override {
    return {pool_.size(), pool_.in_use(), pool_.waiting(), queued_.load(), commits_.load(), units_.load()};
  }

  Status WithConnection(const std::function<void(soci::session&)>& fn) override { return pool_.Run(fn); }

 private:
  struct Pending {
    UnitOfWork unit;
    std::promise<Status> done;
  };

  void WriterLoop() {
    std::vector<Pending> batch;
    for (;;) {
      {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) break;  // stopping and drained
        while (!queue_.empty() && static_cast<int>(batch.size()) < options_.max_batch) {
          batch.push_back(std::move(queue_.front()));
          queue_.pop_front();
        }
        queued_.store(queue_.size());
      }
      CommitBatch(batch);
      batch.clear();
    }
    writer_alive_ = false;
  }

  void CommitBatch(std::vector<Pending>& batch) {
    soci::session& s = *writer_session_;
    writer_statements_.Sweep();
    StatementsScope kept(writer_statements_);
    std::vector<std::optional<Status>> results(batch.size());
    std::vector<std::exception_ptr> bugs(batch.size());
    ChangeScope scope;  // a unit undone by its savepoint may leave notes: dropping a copy too many is harmless
    try {
      Transaction tx(s, "BEGIN IMMEDIATE");
      for (std::size_t i = 0; i < batch.size(); ++i) {
        Savepoint sp(s, "unit");
        try {
          results[i] = batch[i].unit(s);
        } catch (...) {
          bugs[i] = std::current_exception();
          continue;  // the savepoint's destructor undoes this unit only
        }
        if (results[i]->ok()) sp.Release();
      }
      tx.Commit();
    } catch (const std::exception& e) {
      // The shared transaction itself failed (disk full, I/O error): nothing of the batch is durable.
      log::Error("group commit failed", {{"error", e.what()}, {"units", batch.size()}});
      for (auto& p : batch) {
        p.done.set_value(Error::Of(ErrorCode::kUnavailable, std::string("database write failed: ") + e.what()));
      }
      return;
    }
    // Committed: this process's caches drop their copies before any writer of the batch is answered.
    changes_.Publish(scope.Take());
    std::uint64_t ok_units = 0;
    for (std::size_t i = 0; i < batch.size(); ++i) ok_units += !bugs[i] && results[i]->ok();
    commits_++;
    units_ += ok_units;
    for (std::size_t i = 0; i < batch.size(); ++i) {
      if (bugs[i]) {
        batch[i].done.set_exception(bugs[i]);
      } else {
        batch[i].done.set_value(std::move(*results[i]));
      }
    }
  }

  DatabaseOptions options_;
  SessionPool pool_;
  std::unique_ptr<soci::session> writer_session_;
  Statements writer_statements_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Pending> queue_;
  bool stopping_ = false;
  std::atomic<std::uint64_t> queued_{0}, commits_{0}, units_{0};
  std::atomic<bool> writer_alive_{true};
  std::thread writer_;  // last: starts after everything it uses exists
};

}  // namespace

Result<std::unique_ptr<Database>> Database::Open(const DatabaseOptions& options) {
  try {
    if (options.engine == Engine::kPostgres) {
      // SOCI splits its connection string on '=' and spaces, so a URI must become libpq keywords first.
      auto conninfo = PostgresConninfo(options.postgres_url);
      if (!conninfo.ok()) return conninfo.error();
      return std::unique_ptr<Database>(new PostgresDatabase(options, *conninfo));
    }
    return std::unique_ptr<Database>(new SqliteDatabase(options));
  } catch (const std::exception& e) {
    return Error::Of(ErrorCode::kUnavailable, std::string("cannot open database: ") + e.what());
  }
}

}  // namespace spbe::storage
