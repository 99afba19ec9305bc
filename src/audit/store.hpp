#pragma once
/// What the audit capability needs from storage: the trail (audit_log and its head) and the signed anchors of its
/// chain with their keys. Every call runs on the caller's session (inside its unit of work for writes).

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "audit/model.hpp"

namespace soci {
class session;
}

namespace spbe::audit {

/// The platform's signing key as stored; every field empty when there is none.
struct SigningKeyRow {
  std::string key_id, public_key, secret_sealed;
};

/// The newest entry of the trail; 0 and "" when it is empty.
struct HeadRow {
  std::int64_t entry_id = 0;
  std::string hash;
};

class AuditStore {
 public:
  virtual ~AuditStore() = default;

  // The trail.
  /// Takes the chain's head for this unit of work (a row lock on PostgreSQL until commit): one writer extends the
  /// chain at a time. Returns the hash of the chain's last entry, read in the same statement.
  virtual std::string LockHead(soci::session& s) const = 0;
  /// The hash of the chain's last entry as the head records it.
  virtual std::string HeadHash(soci::session& s) const = 0;
  /// Appends `e` and makes its hash the head (one statement on PostgreSQL, where the head is locked meanwhile).
  virtual void Extend(soci::session& s, const Entry& e) const = 0;
  /// Every entry in id order, one at a time.
  virtual void EachEntry(soci::session& s, const std::function<void(const Entry&)>& visit) const = 0;
  /// The entries of the filter, newest first: under `node_path` (and without a node when `include_unplaced`), of the
  /// action and object when given, with ids below `before_id`, at most `limit`.
  virtual std::vector<Entry> Find(soci::session& s, const Filter& f) const = 0;

  // The anchors.
  virtual SigningKeyRow ActiveKey(soci::session& s) const = 0;
  virtual void InsertKey(soci::session& s, const SigningKeyRow& k, const std::string& now) const = 0;
  virtual HeadRow Head(soci::session& s) const = 0;
  virtual long long CountEntries(soci::session& s) const = 0;
  virtual void InsertAnchor(soci::session& s, const Anchor& a) const = 0;
  /// The newest anchors first, at most `limit`.
  virtual std::vector<Anchor> Anchors(soci::session& s, int limit) const = 0;
  /// Every key that signed, oldest first.
  virtual std::vector<AnchorKey> Keys(soci::session& s) const = 0;
  /// The hash of an entry; nullopt when it is gone.
  virtual std::optional<std::string> EntryHash(soci::session& s, std::int64_t id) const = 0;
};

std::unique_ptr<AuditStore> MakeSqlAuditStore();

/// The SQL store of the trail's free functions (Record, RecordSystem, Verify, List, CheckAnchors): they run inside
/// every capability's units of work, which hold no audit store of their own.
const AuditStore& TrailStore();

}  // namespace spbe::audit
