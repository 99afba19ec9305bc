-- The service connection bus between agencies (Sistem Penghubung Layanan; X-Road's model). A member is an agency
-- (a node of the tree) with a code unique on the bus; it registers its information systems; a system publishes
-- services; the provider grants client systems access; every exchange through the gateway is logged, chained by
-- hash, and the chain's head signed with the bus's key, as the audit trail is.
CREATE TABLE interop_members (
  node_id BIGINT PRIMARY KEY REFERENCES org_nodes (id),
  code TEXT NOT NULL UNIQUE,
  joined_at TEXT NOT NULL
);

CREATE TABLE interop_systems (
  id BIGSERIAL PRIMARY KEY,
  node_id BIGINT NOT NULL REFERENCES interop_members (node_id),
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  owner_unit TEXT NOT NULL DEFAULT '',
  contact TEXT NOT NULL DEFAULT '',
  api_key_id BIGINT REFERENCES api_keys (id), -- its credential (scope interop); NULL until one is issued
  created_at TEXT NOT NULL,
  UNIQUE (node_id, code)
);
CREATE INDEX interop_systems_key ON interop_systems (api_key_id);

CREATE TABLE interop_services (
  id BIGSERIAL PRIMARY KEY,
  system_id BIGINT NOT NULL REFERENCES interop_systems (id),
  code TEXT NOT NULL,
  name_id TEXT NOT NULL,
  name_en TEXT NOT NULL DEFAULT '',
  description_id TEXT NOT NULL DEFAULT '',
  description_en TEXT NOT NULL DEFAULT '',
  openapi TEXT NOT NULL, -- the provider's OpenAPI document (JSON), validated when uploaded
  provider_url TEXT NOT NULL DEFAULT '', -- where the bus forwards; set only by a platform admin
  timeout_ms INTEGER NOT NULL,
  rate_per_minute INTEGER NOT NULL, -- per client system
  max_body_bytes INTEGER NOT NULL,
  data_class TEXT NOT NULL, -- public, internal, personal (UU 27/2022: each grant names its legal basis)
  open_to_all INTEGER NOT NULL, -- 1: any member's system may call it; 0: only systems granted access
  keep_bodies_days INTEGER NOT NULL DEFAULT 0, -- bodies kept sealed in the log this long; 0: digests only
  status TEXT NOT NULL, -- active, withdrawn
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (system_id, code)
);

CREATE TABLE interop_grants (
  id BIGSERIAL PRIMARY KEY,
  service_id BIGINT NOT NULL REFERENCES interop_services (id),
  client_system_id BIGINT NOT NULL REFERENCES interop_systems (id),
  status TEXT NOT NULL, -- requested, active, refused, revoked
  purpose TEXT NOT NULL,
  legal_basis TEXT NOT NULL DEFAULT '',
  requested_by BIGINT,
  requested_at TEXT NOT NULL,
  decided_by BIGINT,
  decided_at TEXT,
  reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX interop_grants_pair ON interop_grants (service_id, client_system_id);
-- One open grant (asked for or in force) per client and service, even when two admins ask at once.
CREATE UNIQUE INDEX interop_grants_open ON interop_grants (service_id, client_system_id)
  WHERE status IN ('requested', 'active');

-- The message log: one entry per exchange, written before the answer reaches the client.
CREATE TABLE interop_log (
  id BIGSERIAL PRIMARY KEY,
  request_id TEXT NOT NULL UNIQUE,
  at TEXT NOT NULL,
  client_system_id BIGINT NOT NULL,
  service_id BIGINT NOT NULL,
  end_user TEXT NOT NULL DEFAULT '',
  method TEXT NOT NULL,
  path TEXT NOT NULL,
  status INTEGER NOT NULL,
  duration_us BIGINT NOT NULL,
  request_bytes BIGINT NOT NULL,
  response_bytes BIGINT NOT NULL,
  request_digest TEXT NOT NULL,
  response_digest TEXT NOT NULL,
  outcome TEXT NOT NULL, -- answered, refused, unreachable, timeout, too_large
  bodies_sealed TEXT NOT NULL DEFAULT '', -- both bodies sealed, when the service keeps them
  keep_until TEXT,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX interop_log_client ON interop_log (client_system_id, id);
CREATE INDEX interop_log_service ON interop_log (service_id, id);
CREATE TABLE interop_log_head (
  id INTEGER PRIMARY KEY,
  seq BIGINT NOT NULL,
  last_hash TEXT NOT NULL
);
INSERT INTO interop_log_head (id, seq, last_hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- The bus's Ed25519 keys: they sign what it forwards (RFC 9421), its receipts and the log's anchors; published as a
-- JWKS at /interop/v1/keys, a retired key still listed until nothing it signed is young enough to be checked.
CREATE TABLE interop_keys (
  key_id TEXT PRIMARY KEY,
  public_key TEXT NOT NULL,
  secret_sealed TEXT NOT NULL,
  created_at TEXT NOT NULL,
  retired_at TEXT
);
CREATE TABLE interop_log_anchors (
  id BIGSERIAL PRIMARY KEY,
  anchored_at TEXT NOT NULL,
  entry_id BIGINT NOT NULL,
  head_hash TEXT NOT NULL,
  key_id TEXT NOT NULL REFERENCES interop_keys (key_id),
  signature TEXT NOT NULL
);
