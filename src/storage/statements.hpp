#pragma once
/// Statements parsed once per connection and run again with new values, for the paths that run most often.
///
/// SOCI's `s << sql, use(x)` parses the text on every call (on SQLite, `sqlite3_prepare_v2` was a third of a
/// filing's CPU) and `s.prepare << sql` on PostgreSQL costs a PREPARE, an EXECUTE and a DEALLOCATE round trip. Here
/// a `soci::statement` is prepared once per connection, kept in that connection's `Statements` (which the Database
/// puts in scope while a connection is leased, see StatementsScope), and executed again with the new values copied
/// into slots it is bound to: SOCI's own way of repeating a statement (its "statement preparation" idiom).
///
///   storage::Execute(s, kInsertEvent, app_id, e.at, storage::IdOrNull(e.actor_id), ...);
///   auto id = storage::QueryInt(s, kInsert, ...);            // RETURNING id, COUNT(*)
///   auto found = storage::QueryRow(s, kFind, ToAnswer, scope, key);  // its first row, or nullopt
///   storage::ForEachRow(s, kList, [&](const soci::row& r) { ... }, scope);
///
/// Parameters are bound by position, in the order their placeholders first appear, so each placeholder may be
/// written only once in the text. On a session no Database leased (a migration, a test's own session) the statement
/// is prepared, run and dropped, as SOCI would. A statement's text is the key: keep it a constant with placeholders,
/// never a text with values in it.

#include <soci/soci.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <typeinfo>
#include <unordered_map>
#include <utility>
#include <vector>

namespace spbe::storage {

/// A parameter bound as NULL when `null` is set.
template <typename T>
struct Maybe {
  T value{};
  bool null = false;
};
inline Maybe<std::string> TextOrNull(const std::string& s) { return {s, s.empty()}; }
inline Maybe<long long> IdOrNull(std::int64_t id) { return {id, id == 0}; }

/// Whether `s` is a SQLite connection (else PostgreSQL).
bool IsSqlite(soci::session& s);

namespace detail {

template <typename T>
struct Slot {
  T value{};
  soci::indicator ind = soci::i_ok;
};

// What a parameter of type P is kept as while bound: text as std::string, every integer as long long, bool as int.
template <typename P, typename = void>
struct Stored;
template <typename P>
struct Stored<P, std::enable_if_t<std::is_convertible_v<const P&, std::string_view>>> {
  using type = std::string;
  static void Put(Slot<type>& s, const P& p) {
    s.value.assign(std::string_view(p));
    s.ind = soci::i_ok;
  }
};
template <>
struct Stored<bool> {
  using type = int;
  static void Put(Slot<type>& s, bool p) {
    s.value = p ? 1 : 0;
    s.ind = soci::i_ok;
  }
};
template <typename P>
struct Stored<P, std::enable_if_t<std::is_integral_v<P> && !std::is_same_v<P, bool>>> {
  using type = long long;
  static void Put(Slot<type>& s, P p) {
    s.value = static_cast<long long>(p);
    s.ind = soci::i_ok;
  }
};
template <>
struct Stored<double> {
  using type = double;
  static void Put(Slot<type>& s, double p) {
    s.value = p;
    s.ind = soci::i_ok;
  }
};
template <typename T>
struct Stored<Maybe<T>> {
  using type = typename Stored<T>::type;
  static void Put(Slot<type>& s, const Maybe<T>& p) {
    Stored<T>::Put(s, p.value);
    if (p.null) s.ind = soci::i_null;
  }
};
template <typename P>
using StoredT = typename Stored<std::remove_cv_t<std::remove_reference_t<P>>>::type;

// What a statement gives back.
struct NoResult {};
struct IntResult {
  long long value = 0;
  soci::indicator ind = soci::i_null;
};
struct RowResult {
  soci::row row;
};

/// One prepared statement and the slots its parameters are bound to.
class Prepared {
 public:
  virtual ~Prepared() = default;
  /// After each use: on SQLite a statement not stepped to its end would keep its read snapshot open.
  void Reset();
  bool busy = false;  // running (a ForEachRow's rows are being read)

 protected:
  explicit Prepared(bool sqlite) : sqlite_(sqlite) {}
  bool sqlite_;
  std::optional<soci::statement> st_;
  template <typename R, typename... S>
  friend class Typed;
};

template <typename R, typename... S>
class Typed final : public Prepared {
 public:
  Typed(soci::session& s, const std::string& sql) : Prepared(IsSqlite(s)) {
    Prepare(s, sql, std::index_sequence_for<S...>{});
  }
  ~Typed() override { st_.reset(); }  // the statement first: it refers to the slots and the row below

  template <typename... P>
  void Assign(const P&... params) {
    AssignAll(std::index_sequence_for<S...>{}, params...);
  }

  /// Executes; returns whether a first row was fetched.
  bool Execute() { return st_->execute(true); }  // false would not step a statement with no values at all
  bool Fetch() { return st_->fetch(); }
  R& result() { return result_; }

 private:
  template <std::size_t... I>
  void Prepare(soci::session& s, const std::string& sql, std::index_sequence<I...>) {
    auto p = (s.prepare << sql);
    ((void)(p, soci::use(std::get<I>(slots_).value, std::get<I>(slots_).ind)), ...);
    if constexpr (std::is_same_v<R, IntResult>) p, soci::into(result_.value, result_.ind);
    if constexpr (std::is_same_v<R, RowResult>) p, soci::into(result_.row);
    st_.emplace(p);
  }
  template <std::size_t... I, typename... P>
  void AssignAll(std::index_sequence<I...>, const P&... params) {
    (Stored<std::remove_cv_t<P>>::Put(std::get<I>(slots_), params), ...);
  }

  std::tuple<Slot<S>...> slots_;
  R result_;
};

}  // namespace detail

/// One connection's prepared statements, by text.
class Statements {
 public:
  explicit Statements(soci::session& s) : session_(s) {}
  Statements(const Statements&) = delete;
  Statements& operator=(const Statements&) = delete;

  soci::session& session() const { return session_; }
  detail::Prepared* Find(std::string_view sql, const std::type_info& type) const;
  /// Takes `p` to keep, unless the statement kept for this text is running (then `p` stays the caller's).
  void Keep(std::string_view sql, const std::type_info& type, std::unique_ptr<detail::Prepared>& p);
  /// A statement whose run failed: SOCI leaves its values' buffers for the next run to overwrite (PostgreSQL leaks
  /// them), so it is not run again. It is dropped by the next Sweep: not now, inside a transaction that failed,
  /// where PostgreSQL would refuse its DEALLOCATE.
  void Discard(const detail::Prepared* p);
  /// At each lease, outside any transaction: drops the discarded statements.
  void Sweep() { discarded_.clear(); }
  /// Before the connection is reopened (its statements die with it) or closed.
  void Clear() {
    kept_.clear();
    discarded_.clear();
  }
  std::size_t size() const { return kept_.size(); }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  struct Entry {
    const std::type_info* type;
    std::unique_ptr<detail::Prepared> prepared;
  };
  soci::session& session_;
  std::unordered_map<std::string, Entry, Hash, std::equal_to<>> kept_;
  std::vector<std::unique_ptr<detail::Prepared>> discarded_;
};

/// While alive, statements run on `statements.session()` in this thread are kept in `statements`.
class StatementsScope {
 public:
  explicit StatementsScope(Statements& statements);
  ~StatementsScope();
  StatementsScope(const StatementsScope&) = delete;
  StatementsScope& operator=(const StatementsScope&) = delete;

 private:
  Statements* previous_;
};

/// The statements kept for `s` in this thread, or null.
Statements* StatementsFor(soci::session& s);

namespace detail {

template <typename R, typename... P, typename F>
void Run(soci::session& s, std::string_view sql, F&& on_result, const P&... params) {
  using T = Typed<R, StoredT<P>...>;
  Statements* kept = StatementsFor(s);
  T* t = kept ? static_cast<T*>(kept->Find(sql, typeid(T))) : nullptr;
  std::unique_ptr<Prepared> once;  // a statement run once and dropped, when it is not kept
  if (!t) {
    once = std::make_unique<T>(s, std::string(sql));
    t = static_cast<T*>(once.get());
    if (kept) kept->Keep(sql, typeid(T), once);
  }
  struct ResetAfter {
    T* t;
    ~ResetAfter() {
      t->Reset();
      t->busy = false;
    }
  } reset{t};
  t->busy = true;
  try {
    t->Assign(params...);
    on_result(*t, t->Execute());
  } catch (...) {
    if (kept && !once) kept->Discard(t);  // still alive until the next lease, for ResetAfter
    throw;
  }
}

}  // namespace detail

/// Runs a statement that returns nothing (INSERT, UPDATE, DELETE, SAVEPOINT ...).
template <typename... P>
void Execute(soci::session& s, std::string_view sql, const P&... params) {
  detail::Run<detail::NoResult>(
      s, sql, [](auto&, bool) {}, params...);
}

/// Runs a statement and reads the first column of its first row as an integer (RETURNING id, COUNT(*)); nullopt
/// when there is no row or the value is NULL.
template <typename... P>
std::optional<std::int64_t> QueryInt(soci::session& s, std::string_view sql, const P&... params) {
  std::optional<std::int64_t> out;
  detail::Run<detail::IntResult>(
      s, sql,
      [&](auto& t, bool got) {
        if (got && t.result().ind == soci::i_ok) out = t.result().value;
      },
      params...);
  return out;
}

/// Runs a query and gives what `to(const soci::row&)` makes of its first row; nullopt when there is none.
template <typename F, typename... P>
auto QueryRow(soci::session& s, std::string_view sql, F&& to, const P&... params)
    -> std::optional<std::invoke_result_t<F&, const soci::row&>> {
  std::optional<std::invoke_result_t<F&, const soci::row&>> out;
  detail::Run<detail::RowResult>(
      s, sql,
      [&](auto& t, bool got) {
        if (got) out = to(static_cast<const soci::row&>(t.result().row));
      },
      params...);
  return out;
}

/// Runs a query and calls `on_row(const soci::row&)` for each row (read it with storage/rows.hpp).
template <typename F, typename... P>
void ForEachRow(soci::session& s, std::string_view sql, F&& on_row, const P&... params) {
  detail::Run<detail::RowResult>(
      s, sql,
      [&](auto& t, bool got) {
        while (got) {
          on_row(static_cast<const soci::row&>(t.result().row));
          got = t.Fetch();
        }
      },
      params...);
}

}  // namespace spbe::storage
