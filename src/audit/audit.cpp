#include "audit/audit.hpp"

#include <algorithm>

#include "audit/store.hpp"
#include "platform/crypto.hpp"

namespace spbe::audit {
namespace {

constexpr const char* kGenesis = "0000000000000000000000000000000000000000000000000000000000000000";

void Append(soci::session& s, Entry e, const std::string& now) {
  const AuditStore& store = TrailStore();
  // A row lock on PostgreSQL until commit: one writer extends the chain at a time.
  std::string prev = store.LockHead(s);
  e.at = now;
  e.prev_hash = prev;
  e.hash = ChainHash(e, prev);
  store.Extend(s, e);
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
    const AuditStore& store = TrailStore();
    VerifyResult out;
    std::string prev = kGenesis;
    store.EachEntry(s, [&](const Entry& e) {
      ++out.entries;
      if (out.first_broken) return;
      if (e.prev_hash != prev) {
        out.first_broken = e.id;
        out.reason = "its link to the previous entry does not match (an entry before it was deleted or edited)";
      } else if (ChainHash(e, e.prev_hash) != e.hash) {
        out.first_broken = e.id;
        out.reason = "its content does not match its hash (the entry was edited)";
      }
      prev = e.hash;
    });
    std::string head = store.HeadHash(s);
    if (!out.first_broken && head != prev) {
      out.reason = "the newest entries were deleted (the chain head does not match the last entry)";
      out.first_broken = out.entries + 1;
    }
    return out;
  });
}

Result<std::vector<Entry>> List(storage::Database& db, const Filter& f) {
  return db.Read([&](soci::session& s) {
    Filter q = f;
    q.before_id = f.before_id > 0 ? f.before_id : (1LL << 62);
    q.limit = std::clamp(f.limit, 1, 500);
    return TrailStore().Find(s, q);
  });
}

}  // namespace spbe::audit
