#pragma once
/// Signed anchors of the audit trail. The hash chain catches an edited or deleted entry, but not someone who can write
/// the database and recomputes every hash after their edit. So each day (and on `spbe audit anchor`) the chain's head
/// is signed with the platform's Ed25519 key and published (GET /api/v1/audit/anchors, public): copies kept elsewhere
/// (an inspectorate, an archive, a newspaper) pin the history, and `spbe audit verify --anchors FILE` checks the
/// chain against them.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "audit/model.hpp"
#include "audit/store.hpp"
#include "platform/clock.hpp"
#include "platform/pii.hpp"
#include "platform/result.hpp"
#include "storage/database.hpp"

namespace spbe::audit {

/// The exact bytes an anchor's signature covers.
std::string AnchorMessage(const Anchor& a);

/// The anchors and the keys that signed them as JSON ({"anchors": [...], "keys": [...]}): what the API publishes and
/// what `verify --anchors` reads back.
std::string AnchorsJson(const std::vector<Anchor>& anchors, const std::vector<AnchorKey>& keys);

class Anchors {
 public:
  /// `vault` seals the platform's signing key at rest (keys/audit.key).
  Anchors(storage::Database& db, const AuditStore& store, const PiiVault& vault, Clock clock)
      : db_(db), store_(store), vault_(vault), clock_(std::move(clock)) {}

  /// Signs the chain's head now (making the platform's key on first use).
  Result<Anchor> AnchorNow();
  /// Anchors unless the newest anchor is from today (UTC); returns the new anchor, or nullopt when none was due.
  Result<std::optional<Anchor>> AnchorIfDue();
  /// The newest anchors first, at most `limit`, and every key that signed any.
  Result<std::vector<Anchor>> List(int limit);
  Result<std::vector<AnchorKey>> Keys();

 private:
  storage::Database& db_;
  const AuditStore& store_;
  const PiiVault& vault_;
  Clock clock_;
};

struct AnchorCheck {
  int anchors = 0;                        // anchors in the file
  std::optional<std::int64_t> first_bad;  // id of the first anchor the database or its signature contradicts
  std::string reason;
};

/// Checks anchors kept elsewhere (AnchorsJson text) against the database: each anchor's signature by the key the file
/// names, and that the entry it pins still carries the hash it pinned. Run after audit::Verify.
Result<AnchorCheck> CheckAnchors(storage::Database& db, std::string_view anchors_json);

}  // namespace spbe::audit
