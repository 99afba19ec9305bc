-- The audit trail: every state change, written in the same transaction, each entry chained to the previous one by
-- SHA-256 (hash = SHA-256(prev_hash | fields)), so an edited or deleted entry breaks the chain (spbe audit verify).
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  actor_id INTEGER,
  actor_kind TEXT NOT NULL,
  action TEXT NOT NULL,
  object_type TEXT NOT NULL,
  object_id TEXT NOT NULL,
  node_path TEXT NOT NULL,
  address TEXT NOT NULL,
  before_digest TEXT NOT NULL,
  after_digest TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_log_node ON audit_log (node_path);
CREATE INDEX audit_log_object ON audit_log (object_type, object_id);

-- The chain's head, one row: updating it first serialises concurrent writers on PostgreSQL.
CREATE TABLE audit_head (
  id INTEGER PRIMARY KEY,
  seq INTEGER NOT NULL,
  last_hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, last_hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
