#include "audit/audit.hpp"

#include <soci/soci.h>

#include <algorithm>

#include "platform/crypto.hpp"
#include "storage/rows.hpp"

namespace spbe::audit {
namespace {

using storage::Int64;

constexpr const char* kLockHead = "UPDATE audit_head SET seq = seq + 1 WHERE id = 1";
constexpr const char* kReadHead = "SELECT last_hash FROM audit_head WHERE id = 1";
constexpr const char* kInsert =
    "INSERT INTO audit_log (at, actor_id, actor_kind, action, object_type, object_id, node_path, address, "
    "before_digest, after_digest, prev_hash, hash) VALUES (:at, :actor_id, :actor_kind, :action, :object_type, "
    ":object_id, :node_path, :address, :before, :after, :prev, :hash)";
constexpr const char* kSetHead = "UPDATE audit_head SET last_hash = :hash WHERE id = 1";
constexpr const char* kColumns =
    "SELECT id, at, actor_id, actor_kind, action, object_type, object_id, node_path, address, before_digest, "
    "after_digest, prev_hash, hash FROM audit_log ";
constexpr const char* kGenesis = "0000000000000000000000000000000000000000000000000000000000000000";

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

void Append(soci::session& s, Entry e, const std::string& now) {
  s << kLockHead;  // row lock on PostgreSQL until commit: one writer extends the chain at a time
  std::string prev;
  s << kReadHead, soci::into(prev);
  e.at = now;
  e.prev_hash = prev;
  e.hash = ChainHash(e, prev);
  long long actor = e.actor_id.value_or(0);
  soci::indicator actor_ind = e.actor_id ? soci::i_ok : soci::i_null;
  s << kInsert, soci::use(e.at, "at"), soci::use(actor, actor_ind, "actor_id"), soci::use(e.actor_kind, "actor_kind"),
      soci::use(e.action, "action"), soci::use(e.object_type, "object_type"), soci::use(e.object_id, "object_id"),
      soci::use(e.node_path, "node_path"), soci::use(e.address, "address"), soci::use(e.before_digest, "before"),
      soci::use(e.after_digest, "after"), soci::use(e.prev_hash, "prev"), soci::use(e.hash, "hash");
  s << kSetHead, soci::use(e.hash, "hash");
}

}  // namespace

std::string ChainHash(const Entry& e, const std::string& prev_hash) {
  // Length-prefixed fields: no two different entries serialise alike.
  std::string buf;
  auto add = [&](std::string_view v) {
    buf += std::to_string(v.size());
    buf += ':';
    buf += v;
  };
  add(prev_hash);
  add(e.at);
  add(e.actor_id ? std::to_string(*e.actor_id) : "");
  add(e.actor_kind);
  add(e.action);
  add(e.object_type);
  add(e.object_id);
  add(e.node_path);
  add(e.address);
  add(e.before_digest);
  add(e.after_digest);
  return crypto::Sha256Hex(buf);
}

std::string Digest(std::string_view snapshot) { return crypto::Sha256Hex(snapshot); }

void Record(soci::session& s, const access::Actor& actor, Entry e, const std::string& now) {
  if (actor.api_key_id != 0) {
    e.actor_kind = "api_key:" + std::to_string(actor.api_key_id);
  } else if (actor.platform) {
    e.actor_kind = "system";
  } else if (actor.anonymous()) {
    e.actor_kind = "anonymous";
  } else {
    e.actor_id = actor.account_id;
    e.actor_kind = std::string(access::AccountKindName(actor.kind));
  }
  e.address = actor.address;
  Append(s, std::move(e), now);
}

void RecordSystem(soci::session& s, Entry e, const std::string& now) {
  e.actor_kind = "system";
  Append(s, std::move(e), now);
}

Result<VerifyResult> Verify(storage::Database& db) {
  return db.Read([](soci::session& s) {
    VerifyResult out;
    std::string prev = kGenesis;
    soci::rowset<soci::row> rows = s.prepare << std::string(kColumns) + "ORDER BY id";
    for (const auto& r : rows) {
      Entry e = ToEntry(r);
      ++out.entries;
      if (out.first_broken) continue;
      if (e.prev_hash != prev) {
        out.first_broken = e.id;
        out.reason = "its link to the previous entry does not match (an entry before it was deleted or edited)";
      } else if (ChainHash(e, e.prev_hash) != e.hash) {
        out.first_broken = e.id;
        out.reason = "its content does not match its hash (the entry was edited)";
      }
      prev = e.hash;
    }
    std::string head;
    s << kReadHead, soci::into(head);
    if (!out.first_broken && head != prev) {
      out.reason = "the newest entries were deleted (the chain head does not match the last entry)";
      out.first_broken = out.entries + 1;
    }
    return out;
  });
}

Result<std::vector<Entry>> List(storage::Database& db, const Filter& f) {
  return db.Read([&](soci::session& s) {
    std::string prefix = f.node_path + "%";
    long long before = f.before_id > 0 ? f.before_id : (1LL << 62);
    int limit = std::clamp(f.limit, 1, 500);
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
  });
}

}  // namespace spbe::audit
