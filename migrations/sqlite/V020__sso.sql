-- Single sign-on: this platform as an OpenID Connect provider for other government applications. Secrets, codes and
-- tokens are kept only as their SHA-256; signing keys sealed with the data key.
CREATE TABLE sso_clients (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  client_id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  node_id INTEGER NOT NULL REFERENCES org_nodes (id), -- the agency that owns the application
  logo_url TEXT NOT NULL DEFAULT '',
  redirect_uris TEXT NOT NULL,                        -- one per line, matched exactly
  post_logout_redirect_uris TEXT NOT NULL DEFAULT '',
  scopes TEXT NOT NULL,                               -- space-separated: what it may ask for
  is_public INTEGER NOT NULL DEFAULT 0,                  -- 1: no secret (a browser or mobile application)
  secret_hash TEXT,
  id_token_alg TEXT NOT NULL DEFAULT 'RS256',
  nik_legal_basis TEXT NOT NULL DEFAULT '',           -- set by a platform admin; the nik scope needs it
  created_by INTEGER REFERENCES accounts (id),       -- NULL: the platform itself (the demo seed)
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  disabled_at TEXT
);
CREATE INDEX sso_clients_node ON sso_clients (node_id);

-- Signing keys of ID tokens. A retired key is still published until publish_until (its last tokens expired).
CREATE TABLE sso_keys (
  kid TEXT PRIMARY KEY,
  alg TEXT NOT NULL,           -- RS256 or EdDSA
  public_jwk TEXT NOT NULL,    -- JSON
  private_sealed TEXT NOT NULL,
  created_at TEXT NOT NULL,
  retired_at TEXT,
  publish_until TEXT
);

-- The subject identifier each account has towards every application: random, never reused, not the account's id.
CREATE TABLE sso_subjects (
  account_id INTEGER PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
  sub TEXT NOT NULL UNIQUE
);

-- One authorization: the code the browser carried, and the family of tokens it led to. Revoking it revokes them all.
CREATE TABLE sso_grants (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  client_id INTEGER NOT NULL REFERENCES sso_clients (id),
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  session_hash TEXT NOT NULL,   -- the portal session it was made in
  scope TEXT NOT NULL,
  nonce TEXT NOT NULL DEFAULT '',
  auth_time TEXT NOT NULL,
  code_hash TEXT NOT NULL UNIQUE,
  redirect_uri TEXT NOT NULL,
  code_challenge TEXT NOT NULL,
  code_expires_at TEXT NOT NULL,
  code_used_at TEXT,
  created_at TEXT NOT NULL,
  revoked_at TEXT,
  revoked_reason TEXT
);
CREATE INDEX sso_grants_account ON sso_grants (account_id, client_id);

CREATE TABLE sso_tokens (
  token_hash TEXT PRIMARY KEY,
  grant_id INTEGER NOT NULL REFERENCES sso_grants (id) ON DELETE CASCADE,
  kind TEXT NOT NULL,           -- access or refresh
  expires_at TEXT NOT NULL,
  created_at TEXT NOT NULL,
  used_at TEXT,                 -- a refresh token exchanged for the next one
  revoked_at TEXT
);
CREATE INDEX sso_tokens_grant ON sso_tokens (grant_id);

-- What a person agreed to share with an application; asked again when it asks for more.
CREATE TABLE sso_consents (
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  client_id INTEGER NOT NULL REFERENCES sso_clients (id),
  scope TEXT NOT NULL,
  granted_at TEXT NOT NULL,
  PRIMARY KEY (account_id, client_id)
);
