-- The service catalogue. A service belongs to a node of the government tree; what it publishes (standar
-- pelayanan, form, workflow, fee) lives in versions: editing makes a draft, publishing freezes it, and an
-- application keeps the version it was filed under.
CREATE TABLE services (
  id BIGSERIAL PRIMARY KEY,
  node_id BIGINT NOT NULL REFERENCES org_nodes (id),
  slug TEXT NOT NULL UNIQUE,
  published_version_id BIGINT, -- what citizens apply under now; NULL until first published
  created_at TEXT NOT NULL
);
CREATE INDEX services_node ON services (node_id);

CREATE TABLE service_versions (
  id BIGSERIAL PRIMARY KEY,
  service_id BIGINT NOT NULL REFERENCES services (id),
  version INTEGER NOT NULL,
  status TEXT NOT NULL, -- draft, published, superseded
  name TEXT NOT NULL,
  name_en TEXT NOT NULL,
  life_events TEXT NOT NULL, -- " usaha bangunan ": one prefix match finds an event
  time_limit_days INTEGER NOT NULL,
  definition TEXT NOT NULL, -- JSON, see catalog::Definition
  search_text TEXT NOT NULL, -- " stem stem ... " (catalog::SearchText)
  created_at TEXT NOT NULL,
  created_by BIGINT,
  published_at TEXT,
  published_by BIGINT,
  UNIQUE (service_id, version)
);
CREATE INDEX service_versions_status ON service_versions (status, service_id);
