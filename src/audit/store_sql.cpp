#include <soci/soci.h>

#include <string>

#include "audit/store.hpp"
#include "storage/rows.hpp"
#include "storage/statements.hpp"

namespace spbe::audit {
namespace {

using storage::Int64;
using storage::Text;

// PostgreSQL: a row lock until commit, without writing a row version of its own (the head is written once per entry,
// by Extend). SQLite's one writer needs no lock.
constexpr const char* kLockHeadPostgres = "SELECT last_hash FROM audit_head WHERE id = 1 FOR UPDATE";
constexpr const char* kReadHead = "SELECT last_hash FROM audit_head WHERE id = 1";
constexpr const char* kInsert =
    "INSERT INTO audit_log (at, actor_id, actor_kind, action, object_type, object_id, node_path, address, "
    "before_digest, after_digest, prev_hash, hash) VALUES (:at, :actor_id, :actor_kind, :action, :object_type, "
    ":object_id, :node_path, :address, :before, :after, :prev, :hash)";
constexpr const char* kSetHead = "UPDATE audit_head SET last_hash = :hash WHERE id = 1";
// PostgreSQL: the entry and the new head in one round trip, while the head's row lock is held.
const std::string kExtendPostgres =
    std::string("WITH entry AS (") + kInsert + ") UPDATE audit_head SET last_hash = :head WHERE id = 1";
constexpr const char* kColumns =
    "SELECT id, at, actor_id, actor_kind, action, object_type, object_id, node_path, address, before_digest, "
    "after_digest, prev_hash, hash FROM audit_log ";

constexpr const char* kHead = "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1";
constexpr const char* kCount = "SELECT COUNT(*) FROM audit_log";
constexpr const char* kActiveKey =
    "SELECT key_id, public_key, secret_sealed FROM audit_keys WHERE retired_at IS NULL ORDER BY created_at DESC, "
    "key_id LIMIT 1";
constexpr const char* kInsertKey =
    "INSERT INTO audit_keys (key_id, public_key, secret_sealed, created_at) VALUES (:id, :pub, :sealed, :now)";
constexpr const char* kInsertAnchor =
    "INSERT INTO audit_anchors (day, anchored_at, entry_id, entries, head_hash, key_id, signature) VALUES "
    "(:day, :at, :entry, :entries, :hash, :key, :sig)";
constexpr const char* kAnchorColumns =
    "SELECT id, day, anchored_at, entry_id, entries, head_hash, key_id, signature FROM audit_anchors ";
constexpr const char* kKeys = "SELECT key_id, public_key, created_at, retired_at FROM audit_keys ORDER BY created_at";
constexpr const char* kEntryHash = "SELECT hash FROM audit_log WHERE id = :id";

std::string FirstText(const soci::row& r) { return Text(r, 0); }

Entry ToEntry(const soci::row& r) {
  Entry e;
  e.id = Int64(r, 0);
  e.at = r.get<std::string>(1);
  if (r.get_indicator(2) == soci::i_ok) e.actor_id = Int64(r, 2);
  e.actor_kind = r.get<std::string>(3);
  e.action = r.get<std::string>(4);
  e.object_type = r.get<std::string>(5);
  e.object_id = r.get<std::string>(6);
  e.node_path = r.get<std::string>(7);
  e.address = r.get<std::string>(8);
  e.before_digest = r.get<std::string>(9);
  e.after_digest = r.get<std::string>(10);
  e.prev_hash = r.get<std::string>(11);
  e.hash = r.get<std::string>(12);
  return e;
}

Anchor ToAnchor(const soci::row& r) {
  return {Int64(r, 0), Text(r, 1), Text(r, 2), Int64(r, 3), Int64(r, 4), Text(r, 5), Text(r, 6), Text(r, 7)};
}

class SqlAuditStore final : public AuditStore {
 public:
  // The statements of every entry appended (audit.cpp's Append) are kept prepared.
  std::string LockHead(soci::session& s) const override {
    return storage::QueryRow(s, storage::IsSqlite(s) ? kReadHead : kLockHeadPostgres, FirstText).value_or("");
  }

  std::string HeadHash(soci::session& s) const override {
    return storage::QueryRow(s, kReadHead, FirstText).value_or("");
  }

  void Extend(soci::session& s, const Entry& e) const override {
    storage::Maybe<long long> actor{e.actor_id.value_or(0), !e.actor_id};
    if (storage::IsSqlite(s)) {
      storage::Execute(s, kInsert, e.at, actor, e.actor_kind, e.action, e.object_type, e.object_id, e.node_path,
                       e.address, e.before_digest, e.after_digest, e.prev_hash, e.hash);
      storage::Execute(s, kSetHead, e.hash);
    } else {
      storage::Execute(s, kExtendPostgres, e.at, actor, e.actor_kind, e.action, e.object_type, e.object_id, e.node_path,
                       e.address, e.before_digest, e.after_digest, e.prev_hash, e.hash, e.hash);
    }
  }

  void EachEntry(soci::session& s, const std::function<void(const Entry&)>& visit) const override {
    soci::rowset<soci::row> rows = s.prepare << std::string(kColumns) + "ORDER BY id";
    for (const auto& r : rows) visit(ToEntry(r));
  }

  std::vector<Entry> Find(soci::session& s, const Filter& f) const override {
    std::string prefix = f.node_path + "%";
    long long before = f.before_id;
    int limit = f.limit;
    int unplaced = f.include_unplaced ? 1 : 0;
    soci::rowset<soci::row> rows =
        (s.prepare << std::string(kColumns) +
                          "WHERE (node_path LIKE :prefix OR (:unplaced = 1 AND node_path = '')) AND (:action = '' OR "
                          "action = :action2) "
                          "AND (:otype = '' OR object_type = :otype2) AND (:oid = '' OR object_id = :oid2) "
                          "AND id < :before ORDER BY id DESC LIMIT :limit",
         soci::use(prefix, "prefix"), soci::use(unplaced, "unplaced"), soci::use(f.action, "action"),
         soci::use(f.action, "action2"), soci::use(f.object_type, "otype"), soci::use(f.object_type, "otype2"),
         soci::use(f.object_id, "oid"), soci::use(f.object_id, "oid2"), soci::use(before, "before"),
         soci::use(limit, "limit"));
    std::vector<Entry> out;
    for (const auto& r : rows) out.push_back(ToEntry(r));
    return out;
  }

  SigningKeyRow ActiveKey(soci::session& s) const override {
    SigningKeyRow k;
    soci::rowset<soci::row> rows = s.prepare << kActiveKey;
    for (const auto& r : rows) {
      k.key_id = Text(r, 0);
      k.public_key = Text(r, 1);
      k.secret_sealed = Text(r, 2);
    }
    return k;
  }

  void InsertKey(soci::session& s, const SigningKeyRow& k, const std::string& now) const override {
    s << kInsertKey, soci::use(k.key_id, "id"), soci::use(k.public_key, "pub"), soci::use(k.secret_sealed, "sealed"),
        soci::use(now, "now");
  }

  HeadRow Head(soci::session& s) const override {
    HeadRow h;
    soci::rowset<soci::row> rows = s.prepare << kHead;
    for (const auto& r : rows) {
      h.entry_id = Int64(r, 0);
      h.hash = Text(r, 1);
    }
    return h;
  }

  long long CountEntries(soci::session& s) const override {
    long long count = 0;
    s << kCount, soci::into(count);
    return count;
  }

  void InsertAnchor(soci::session& s, const Anchor& a) const override {
    long long entry = a.entry_id, entries = a.entries;
    s << kInsertAnchor, soci::use(a.day, "day"), soci::use(a.anchored_at, "at"), soci::use(entry, "entry"),
        soci::use(entries, "entries"), soci::use(a.head_hash, "hash"), soci::use(a.key_id, "key"),
        soci::use(a.signature, "sig");
  }

  std::vector<Anchor> Anchors(soci::session& s, int limit) const override {
    std::vector<Anchor> out;
    int n = limit;
    soci::rowset<soci::row> rows =
        (s.prepare << std::string(kAnchorColumns) + "ORDER BY id DESC LIMIT :n", soci::use(n, "n"));
    for (const auto& r : rows) out.push_back(ToAnchor(r));
    return out;
  }

  std::vector<AnchorKey> Keys(soci::session& s) const override {
    std::vector<AnchorKey> out;
    soci::rowset<soci::row> rows = s.prepare << kKeys;
    for (const auto& r : rows) out.push_back({Text(r, 0), Text(r, 1), Text(r, 2), Text(r, 3)});
    return out;
  }

  std::optional<std::string> EntryHash(soci::session& s, std::int64_t id) const override {
    soci::rowset<soci::row> rows = (s.prepare << kEntryHash, soci::use(id, "id"));
    for (const auto& r : rows) return Text(r, 0);
    return std::nullopt;
  }
};

}  // namespace

std::unique_ptr<AuditStore> MakeSqlAuditStore() { return std::make_unique<SqlAuditStore>(); }

const AuditStore& TrailStore() {
  static const std::unique_ptr<AuditStore> store = MakeSqlAuditStore();
  return *store;
}

}  // namespace spbe::audit
