#pragma once
/// The database behind every repository: SQLite (embedded, one writer with group commit) or PostgreSQL, both
/// through SOCI. Reads lease a pooled connection; writes are units of work that are acknowledged only once
/// their transaction is durably committed.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>

#include "platform/result.hpp"
#include "storage/changes.hpp"

namespace soci {
class session;
}

namespace spbe::storage {

enum class Engine { kSqlite, kPostgres };

struct DatabaseOptions {
  Engine engine = Engine::kSqlite;
  std::string sqlite_path;   // for kSqlite
  std::string postgres_url;  // for kPostgres, a libpq URI
  int pool_size = 8;
  std::chrono::milliseconds lease_timeout{10000};
  int max_batch = 256;  // group commit: most units in one SQLite transaction
};

struct DatabaseStats {
  int pool_size = 0;
  int pool_in_use = 0;
  int pool_waiting = 0;
  std::uint64_t write_queue = 0;      // units waiting for the SQLite writer
  std::uint64_t commits = 0;          // transactions committed by writes
  std::uint64_t units_committed = 0;  // units of work in them
};

/// A unit of work: runs inside a transaction (on SQLite, inside a savepoint of a shared transaction).
/// Returning an Error, or throwing, undoes everything the unit wrote and nothing else.
using UnitOfWork = std::function<Status(soci::session&)>;

class Database {
 public:
  virtual ~Database() = default;

  /// Opens the pool (and the SQLite writer). Fails with kUnavailable when the database cannot be reached.
  static Result<std::unique_ptr<Database>> Open(const DatabaseOptions& options);

  virtual Engine engine() const = 0;

  /// Runs `fn(session)` on a leased connection, outside any explicit transaction. For reads.
  template <typename F>
  auto Read(F&& fn) -> Result<std::invoke_result_t<F, soci::session&>> {
    using R = std::invoke_result_t<F, soci::session&>;
    std::optional<R> out;
    Status leased = WithConnection([&](soci::session& s) { out.emplace(fn(s)); });
    if (!leased.ok()) return leased.error();
    return std::move(*out);
  }

  /// Runs one unit of work and returns after its commit is durable, or with the error that undid it.
  virtual Status Write(UnitOfWork unit) = 0;

  /// Write returning a value computed inside the unit.
  template <typename T, typename F>
  Result<T> WriteReturning(F&& fn) {
    std::optional<Result<T>> out;
    Status st = Write([&](soci::session& s) -> Status {
      out.emplace(fn(s));
      if (out->ok()) return Ok{};
      return out->error();
    });
    if (!st.ok()) return st.error();
    return std::move(*out);
  }

  /// True when the database answers a trivial query now.
  virtual bool Ping() = 0;

  virtual DatabaseStats Stats() const = 0;

  /// Leases a connection for `fn`; kUnavailable when none frees up in time or the database is gone.
  virtual Status WithConnection(const std::function<void(soci::session&)>& fn) = 0;

  /// What committed units of work noted as changed (storage/changes.hpp), for the caches kept over this database.
  ChangeFeed& changes() { return changes_; }

 protected:
  ChangeFeed changes_;
};

/// RAII transaction: rolls back on destruction unless Commit() was called.
class Transaction {
 public:
  /// `begin` is the statement that opens it ("BEGIN", or "BEGIN IMMEDIATE" for a SQLite writer).
  explicit Transaction(soci::session& s, const char* begin = "BEGIN");
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void Commit();
  /// PostgreSQL: runs `statements` (without values bound; ';'-terminated) and the COMMIT in one round trip.
  void CommitAfter(const std::string& statements);

 private:
  soci::session& s_;
  bool done_ = false;
};

/// RAII savepoint inside a transaction: rolled back to on destruction unless Release() was called.
class Savepoint {
 public:
  Savepoint(soci::session& s, std::string name);
  ~Savepoint();
  Savepoint(const Savepoint&) = delete;
  Savepoint& operator=(const Savepoint&) = delete;
  void Release();

 private:
  soci::session& s_;
  std::string name_;
  bool done_ = false;
};

/// A postgresql:// URI as a libpq keyword/value connection string (SOCI cannot take the URI form).
Result<std::string> PostgresConninfo(const std::string& url);

/// Splits a migration script into statements at semicolons outside quotes, comments and the BEGIN ... END body of a
/// CREATE TRIGGER.
std::vector<std::string> SplitSqlStatements(const std::string& script);

}  // namespace spbe::storage
