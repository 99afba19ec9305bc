#pragma once
/// The audit trail (DESIGN.md "Trust"): who did what to which object, when, from where, with digests of the
/// object before and after; each entry chained to the previous by SHA-256 and written in the same unit of work as
/// the change it records.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "access/access.hpp"
#include "audit/model.hpp"
#include "platform/result.hpp"
#include "storage/database.hpp"

namespace spbe::audit {

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

/// The entries the filter selects, newest first.
Result<std::vector<Entry>> List(storage::Database& db, const Filter& f);

}  // namespace spbe::audit
