-- Kemendagri region codes (provinces, kabupaten/kota, kecamatan; villages when imported), loaded from the npm
-- package idn-area-data (data ODbL) by `spbe migrate`. level: 1 province .. 4 kelurahan/desa.
CREATE TABLE regions (
  code TEXT PRIMARY KEY,
  parent_code TEXT,
  level INTEGER NOT NULL,
  name TEXT NOT NULL
);
CREATE INDEX regions_parent ON regions (parent_code);

-- Which reference data set is loaded, by checksum, so an unchanged set is not loaded again.
CREATE TABLE reference_data (
  name TEXT PRIMARY KEY,
  checksum TEXT NOT NULL,
  loaded_at TEXT NOT NULL
);

-- The government tree. path is "/<root id>/.../<id>/", so a subtree is one prefix match.
CREATE TABLE org_nodes (
  id BIGSERIAL PRIMARY KEY,
  parent_id BIGINT REFERENCES org_nodes (id),
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  slug TEXT NOT NULL,
  region_code TEXT, -- checked against regions by the domain: villages are not always loaded
  timezone TEXT NOT NULL,
  path TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX org_nodes_sibling_slug ON org_nodes (COALESCE(parent_id, 0), slug);
CREATE INDEX org_nodes_path ON org_nodes (path);
