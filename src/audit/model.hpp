#pragma once
/// The audit trail's data: its entries, a filter over them, and the signed anchors of its chain with their keys.

#include <cstdint>
#include <optional>
#include <string>

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

struct Filter {
  std::string node_path;         // subtree; "" for all
  bool include_unplaced = true;  // also entries with no node (citizen accounts, site settings): root readers only
  std::string action;            // exact; "" for all
  std::string object_type, object_id;
  int limit = 100;
  std::int64_t before_id = 0;  // paging: entries with smaller ids; 0 for the newest
};

struct Anchor {
  std::int64_t id = 0;
  std::string day;            // UTC date of anchoring, "2026-12-02"
  std::string anchored_at;    // RFC 3339 UTC
  std::int64_t entry_id = 0;  // the newest entry when anchored (0: an empty trail)
  std::int64_t entries = 0;   // how many entries the chain held then
  std::string head_hash;      // that entry's hash
  std::string key_id;
  std::string signature;  // base64 Ed25519 over AnchorMessage
};

struct AnchorKey {
  std::string key_id;      // first 16 hex digits of SHA-256 of the public key
  std::string public_key;  // base64 of the 32 bytes
  std::string created_at, retired_at;
};

}  // namespace spbe::audit
