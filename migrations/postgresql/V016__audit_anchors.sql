-- Signed anchors of the audit chain (audit/anchors.hpp): each day, and on `spbe audit anchor`, the chain's head is
-- signed with the platform's Ed25519 key and published at GET /api/v1/audit/anchors. Copies kept elsewhere catch a
-- chain that someone with write access to the database edited and then recomputed (spbe audit verify --anchors).
CREATE TABLE audit_keys (
  key_id TEXT PRIMARY KEY,
  public_key TEXT NOT NULL,
  secret_sealed TEXT NOT NULL,
  created_at TEXT NOT NULL,
  retired_at TEXT
);
CREATE TABLE audit_anchors (
  id BIGSERIAL PRIMARY KEY,
  day TEXT NOT NULL,
  anchored_at TEXT NOT NULL,
  entry_id BIGINT NOT NULL,
  entries BIGINT NOT NULL,
  head_hash TEXT NOT NULL,
  key_id TEXT NOT NULL REFERENCES audit_keys (key_id),
  signature TEXT NOT NULL
);
CREATE INDEX audit_anchors_day ON audit_anchors (day);
