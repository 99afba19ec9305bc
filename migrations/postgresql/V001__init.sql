-- Foundation schema. schema_migrations itself is created by the migrator.

-- Synthetic durability probe (POST /api/v1/ops/write-probe): one row per acknowledged probe write.
CREATE TABLE ops_write_probe (
  id BIGSERIAL PRIMARY KEY,
  client_key TEXT NOT NULL UNIQUE,
  payload TEXT NOT NULL,
  created_at TEXT NOT NULL
);

-- Who runs this portal (name, contact), shown in every page's header and footer.
CREATE TABLE site_settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
