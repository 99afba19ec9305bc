-- Limits (platform/limits.hpp): events per key and fixed window, shared by every server process on PostgreSQL.
-- The key is a keyed hash of the account, address or number it counts; times are Unix seconds.
CREATE TABLE rate_limits (
  rule TEXT NOT NULL,
  key TEXT NOT NULL,
  window_start BIGINT NOT NULL,
  hits BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  PRIMARY KEY (rule, key, window_start)
);
CREATE INDEX rate_limits_expiry ON rate_limits (expires_at);
-- The sign-in brake before it: replaced by the limits above.
DROP TABLE login_throttle;
-- Browsers that signed in to an account (the SHA-256 of their device cookie): held only to the per-address lock,
-- never to the brakes a stranger's guessing could trip for the whole account.
CREATE TABLE signin_devices (
  token_hash TEXT PRIMARY KEY,
  account_id BIGINT NOT NULL REFERENCES accounts (id),
  created_at TEXT NOT NULL
);
CREATE INDEX signin_devices_account ON signin_devices (account_id);
