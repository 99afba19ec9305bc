#pragma once
/// The audit trail (DESIGN.md "Trust"): who did what to which object, when, from where, with digests of the
/// object before and after; each entry chained to the previous by SHA-256 and written in the same unit of work as
/// the change it records.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "access/access.hpp"
#include "platform/result.hpp"
#include "storage/database.hpp"

namespace spbe::audit {

struct Entry {
  std::int64_t id = 0;
  std::string at;
  std::optional<std::int64_t> actor_id;  // nullopt: anonymous visitor or the system
  std::string actor_kind;                // "warga", "asn", ..., "anonymous", "system"
  std::string action;                    // "identity.register", "org.create_node", ...
  std::string object_type;               // "account", "org_node", ...
  std::string object_id;
  std::string node_path;  // the object's node, for subtree filtering ("" when none)
  std::string address;
  std::string before_digest;  // SHA-256 of the object's state before ("" when created)
  std::string after_digest;   // ... and after ("" when deleted)
  std::string prev_hash;
  std::string hash;
};

/// The hash of an entry given the previous one's: SHA-256 over prev_hash and every field, unambiguously joined.
std::string ChainHash(const Entry& e, const std::string& prev_hash);

/// Appends an entry inside the caller's unit of work; fills at (from `now`), prev_hash and hash.
void Record(soci::session& s, const access::Actor& actor, Entry e, const std::string& now);
/// For changes made by the system itself (migrations, CLI, demo seed).
void RecordSystem(soci::session& s, Entry e, const std::string& now);

/// SHA-256 of a snapshot text (e.g. the object's JSON), for before/after digests.
std::string Digest(std::string_view snapshot);

struct VerifyResult {
  std::int64_t entries = 0;
  std::optional<std::int64_t> first_broken;  // id of the first entry whose hash or link does not hold
  std::string reason;
};

/// Walks the whole chain in id order.
Result<VerifyResult> Verify(storage::Database& db);

struct Filter {
  std::string node_path;         // subtree; "" for all
  bool include_unplaced = true;  // also entries with no node (citizen accounts, site settings): root readers only
  std::string action;            // exact; "" for all
  std::string object_type, object_id;
  int limit = 100;
  std::int64_t before_id = 0;  // paging: entries with smaller ids; 0 for the newest
};
Result<std::vector<Entry>> List(storage::Database& db, const Filter& f);

}  // namespace spbe::audit
