-- Payments by billing code (anti-pungli): a bill is issued for the fee of an application at its payment step and is
-- paid only through a bank's signed callback. Every callback, accepted or refused, is kept for the finance officer.

-- Banks that collect bills: a bank registered on a node collects the bills of that node's subtree.
CREATE TABLE banks (
  id BIGSERIAL PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,          -- what the bank sends as X-Bank-Code
  name TEXT NOT NULL,
  node_id BIGINT NOT NULL REFERENCES org_nodes (id),
  node_path TEXT NOT NULL,
  public_key TEXT NOT NULL,           -- Ed25519, base64 of 32 bytes
  channels TEXT NOT NULL DEFAULT '',  -- shown to citizens: "teller, ATM, mobile banking"
  status TEXT NOT NULL,               -- active, revoked
  created_by BIGINT,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);

CREATE TABLE bills (
  id BIGSERIAL PRIMARY KEY,
  billing_code TEXT NOT NULL UNIQUE,  -- 16 digits, the last a Damm check digit
  application_id BIGINT NOT NULL REFERENCES applications (id),
  node_path TEXT NOT NULL,            -- the agency the money is for
  step TEXT NOT NULL,
  amount BIGINT NOT NULL,            -- whole rupiah, the application's fee
  status TEXT NOT NULL,               -- unpaid, paid, replaced (expired and reissued)
  issued_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  paid_at TEXT
);
CREATE INDEX bills_application ON bills (application_id, id);

CREATE TABLE payments (
  id BIGSERIAL PRIMARY KEY,
  bill_id BIGINT NOT NULL UNIQUE REFERENCES bills (id),
  bank_id BIGINT NOT NULL REFERENCES banks (id),
  bank_reference TEXT NOT NULL,
  amount BIGINT NOT NULL,
  channel TEXT NOT NULL DEFAULT '',
  paid_at TEXT NOT NULL,              -- as the bank says
  received_at TEXT NOT NULL,
  body_sha256 TEXT NOT NULL,
  UNIQUE (bank_id, bank_reference)
);

CREATE TABLE payment_callbacks (
  id BIGSERIAL PRIMARY KEY,
  received_at TEXT NOT NULL,
  bank_code TEXT NOT NULL DEFAULT '',
  bank_reference TEXT NOT NULL DEFAULT '',
  billing_code TEXT NOT NULL DEFAULT '',
  amount BIGINT,
  outcome TEXT NOT NULL,              -- accepted, duplicate, refused
  reason TEXT NOT NULL DEFAULT '',
  body_sha256 TEXT NOT NULL,
  address TEXT NOT NULL DEFAULT ''
);
CREATE INDEX payment_callbacks_received ON payment_callbacks (received_at);
