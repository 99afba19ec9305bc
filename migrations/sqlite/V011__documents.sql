-- Outputs issued as signed documents. Each agency (node) has Ed25519 signing keys: the private key sealed at rest
-- under a key outside the database, one active at a time; a rotated key is retired, never deleted, so what it
-- signed still verifies.
CREATE TABLE signing_keys (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  node_id INTEGER NOT NULL REFERENCES org_nodes (id),
  node_path TEXT NOT NULL,
  provider TEXT NOT NULL DEFAULT 'local',  -- local (our own key); a certified provider (BSrE) would sign remotely
  public_key TEXT NOT NULL,                -- base64, 32 bytes
  secret_sealed TEXT NOT NULL,             -- sealed 64-byte secret; '' for a remote provider
  status TEXT NOT NULL,                    -- active, retired
  created_at TEXT NOT NULL,
  retired_at TEXT
);
CREATE INDEX signing_keys_node ON signing_keys (node_path, status);

CREATE TABLE documents (
  id TEXT PRIMARY KEY,                     -- public, unguessable: what the QR code points to
  application_id INTEGER NOT NULL REFERENCES applications (id),
  node_path TEXT NOT NULL,
  title TEXT NOT NULL,
  recipient TEXT NOT NULL,                 -- as printed; shown masked on the public page
  sha256 TEXT NOT NULL,                    -- of the PDF's exact bytes
  key_id INTEGER NOT NULL REFERENCES signing_keys (id),
  signature TEXT NOT NULL,                 -- base64 Ed25519 signature of the 32-byte SHA-256
  signer_name TEXT NOT NULL,
  signer_position TEXT NOT NULL,
  agency TEXT NOT NULL,
  issued_at TEXT NOT NULL,
  status TEXT NOT NULL,                    -- valid, revoked
  revoked_at TEXT,
  revoked_reason TEXT
);
CREATE INDEX documents_sha256 ON documents (sha256);
CREATE INDEX documents_application ON documents (application_id);
