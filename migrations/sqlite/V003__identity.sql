-- Accounts of citizens (warga), businesses (pelaku_usaha), officers (asn) and systems. NIK and phone are sealed
-- (XChaCha20-Poly1305, key outside the database) and found by a keyed hash; see platform/pii.hpp.
CREATE TABLE accounts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  email TEXT UNIQUE,
  email_verified_at TEXT,
  phone_sealed TEXT,
  phone_index TEXT UNIQUE,
  nik_sealed TEXT,
  nik_index TEXT UNIQUE,
  nip TEXT UNIQUE,
  position TEXT,
  nib TEXT,
  npwp TEXT,
  password_hash TEXT,
  status TEXT NOT NULL,
  demo INTEGER NOT NULL DEFAULT 0, -- 1: a demo account with the published demo password
  totp_secret_sealed TEXT,
  totp_enabled INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- A role on a node of the government tree reaches the node's subtree.
CREATE TABLE account_grants (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  account_id INTEGER NOT NULL REFERENCES accounts (id),
  node_id INTEGER NOT NULL REFERENCES org_nodes (id),
  role TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (account_id, node_id, role)
);

-- Sign-in sessions: only the SHA-256 of the token is kept.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id),
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX sessions_account ON sessions (account_id);

-- One-time codes (e-mail verification, password reset, officer activation), kept hashed.
CREATE TABLE one_time_codes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  account_id INTEGER NOT NULL REFERENCES accounts (id),
  purpose TEXT NOT NULL,
  code_hash TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE INDEX one_time_codes_account ON one_time_codes (account_id, purpose);

-- Messages waiting to be sent (e-mail, SMS), written in the same transaction as what caused them.
CREATE TABLE notification_outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  channel TEXT NOT NULL,
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  sent_at TEXT,
  attempts INTEGER NOT NULL DEFAULT 0
);

-- Failed sign-ins per account ("u:<username>") and per address ("a:<ip>"), for growing delays.
CREATE TABLE login_throttle (
  key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  blocked_until TEXT NOT NULL
);

-- API keys of other systems: bound to a node and scopes; only the SHA-256 of the key is kept, found by its prefix.
CREATE TABLE api_keys (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  node_id INTEGER NOT NULL REFERENCES org_nodes (id),
  name TEXT NOT NULL,
  scopes TEXT NOT NULL,
  prefix TEXT NOT NULL UNIQUE,
  key_hash TEXT NOT NULL,
  created_by INTEGER,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
