-- The government's IT architecture inventory (arsitektur SPBE): each agency's applications, data sets and
-- infrastructure. Names are unique per node whatever their case (name_key: lower case, spaces collapsed), so an
-- import upserts by (node, name) and repeating it changes nothing.
CREATE TABLE arch_applications (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  node_id INTEGER NOT NULL REFERENCES org_nodes (id),
  name TEXT NOT NULL,
  name_key TEXT NOT NULL,
  function_code TEXT NOT NULL, -- data/spbe/fungsi-pemerintahan.json
  owner_unit TEXT NOT NULL DEFAULT '',
  users INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL, -- planned, live, retired
  hosting TEXT NOT NULL, -- pdn, own, cloud
  source TEXT NOT NULL, -- built, bought, national
  national_app TEXT NOT NULL DEFAULT '',
  bus_provides TEXT NOT NULL DEFAULT '', -- service addresses on the bus, one a line
  bus_uses TEXT NOT NULL DEFAULT '',
  yearly_cost BIGINT NOT NULL DEFAULT 0, -- rupiah (BIGINT: SOCI reads a SQLite INTEGER column as a 32-bit int)
  description TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  created_by INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  updated_by INTEGER NOT NULL DEFAULT 0,
  UNIQUE (node_id, name_key)
);
CREATE INDEX arch_applications_function ON arch_applications (function_code);

CREATE TABLE arch_datasets (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  node_id INTEGER NOT NULL REFERENCES org_nodes (id),
  name TEXT NOT NULL,
  name_key TEXT NOT NULL,
  owner TEXT NOT NULL DEFAULT '',
  classification TEXT NOT NULL, -- publik, internal, terbatas, rahasia
  personal INTEGER NOT NULL DEFAULT 0, -- 1: personal data (UU 27/2022)
  update_frequency TEXT NOT NULL, -- realtime, daily, weekly, monthly, quarterly, yearly, ad_hoc
  is_open INTEGER NOT NULL DEFAULT 0, -- 1: published as open data
  status TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  created_by INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  updated_by INTEGER NOT NULL DEFAULT 0,
  UNIQUE (node_id, name_key)
);

-- The data sets an application holds (both of one node).
CREATE TABLE arch_application_datasets (
  application_id INTEGER NOT NULL REFERENCES arch_applications (id),
  dataset_id INTEGER NOT NULL REFERENCES arch_datasets (id),
  PRIMARY KEY (application_id, dataset_id)
);
CREATE INDEX arch_application_datasets_dataset ON arch_application_datasets (dataset_id);

CREATE TABLE arch_infrastructure (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  node_id INTEGER NOT NULL REFERENCES org_nodes (id),
  kind TEXT NOT NULL, -- server_room, data_centre, network_link
  name TEXT NOT NULL,
  name_key TEXT NOT NULL,
  location TEXT NOT NULL DEFAULT '',
  capacity TEXT NOT NULL DEFAULT '', -- as people state it: "8 rak, 20 kVA", "100 Mbps"
  provider TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  created_by INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  updated_by INTEGER NOT NULL DEFAULT 0,
  UNIQUE (node_id, name_key)
);
