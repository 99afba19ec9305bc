-- Reports from the public (pengaduan, aspirasi, permintaan informasi; SP4N-LAPOR!). A report is held by one node at
-- a time (node_path): the platform's desk until it is verified, then the office that must answer it. The reporter's
-- name and contact are sealed (UU 27/2022); an anonymous report keeps none.
CREATE TABLE report_categories (
  slug TEXT PRIMARY KEY,
  name_id TEXT NOT NULL,
  name_en TEXT NOT NULL,
  position INTEGER NOT NULL DEFAULT 0
);
INSERT INTO report_categories (slug, name_id, name_en, position) VALUES
  ('infrastruktur', 'Jalan, jembatan, dan infrastruktur', 'Roads, bridges and infrastructure', 1),
  ('kesehatan', 'Kesehatan', 'Health', 2),
  ('pendidikan', 'Pendidikan', 'Education', 3),
  ('kependudukan', 'Administrasi kependudukan', 'Civil registration', 4),
  ('perizinan', 'Perizinan dan pelayanan publik', 'Permits and public services', 5),
  ('lingkungan', 'Lingkungan dan kebersihan', 'Environment and sanitation', 6),
  ('sosial', 'Bantuan sosial', 'Social assistance', 7),
  ('pungli', 'Pungutan liar dan korupsi', 'Illegal levies and corruption', 8),
  ('lainnya', 'Lainnya', 'Other', 9);

CREATE TABLE reports (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  tracking_number TEXT NOT NULL UNIQUE,
  access_code_hash TEXT NOT NULL,
  kind TEXT NOT NULL, -- pengaduan, aspirasi, informasi
  identity TEXT NOT NULL, -- shown, confidential, anonymous
  category TEXT NOT NULL REFERENCES report_categories (slug),
  status TEXT NOT NULL, -- submitted, disposed, waiting_reporter, answered, reopened, closed, declined
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  region_code TEXT NOT NULL DEFAULT '',
  latitude REAL,
  longitude REAL,
  happened_on TEXT NOT NULL DEFAULT '',
  about_node_id INTEGER, -- the office the reporter named, if any
  service_id INTEGER, -- the service it is about, if any
  application_id INTEGER REFERENCES applications (id), -- the reporter's application it is about, if any
  reporter_account_id INTEGER REFERENCES accounts (id), -- NULL when anonymous or filed without signing in
  reporter_sealed TEXT NOT NULL DEFAULT '', -- {"name", "contact"} sealed; '' when anonymous
  node_id INTEGER NOT NULL REFERENCES org_nodes (id), -- who holds it now: the desk's node, then the office
  node_path TEXT NOT NULL,
  track TEXT NOT NULL DEFAULT '', -- simple, dispute, inspection: the time limit the desk chose
  is_public INTEGER NOT NULL DEFAULT 0, -- in the public feed (never when confidential)
  merged_into INTEGER REFERENCES reports (id),
  objected INTEGER NOT NULL DEFAULT 0,
  supports INTEGER NOT NULL DEFAULT 0,
  rating INTEGER, -- the reporter's rating of the answer, 1 to 5
  rating_note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  verify_due_at TEXT NOT NULL, -- the desk's limit
  verified_at TEXT,
  response_due_at TEXT, -- the office's first response
  first_response_at TEXT,
  due_at TEXT, -- the office's answer, by the track's limit
  answered_at TEXT, -- the latest answer
  closed_at TEXT,
  paused_at TEXT, -- while waiting for the reporter
  overdue_level INTEGER NOT NULL DEFAULT 0 -- 1: the office's head was told; 2: escalated above it
);
CREATE INDEX reports_queue ON reports (node_path, status, due_at, id);
CREATE INDEX reports_desk ON reports (status, verify_due_at, id);
CREATE INDEX reports_public ON reports (is_public, id);
CREATE INDEX reports_updated ON reports (updated_at);
CREATE INDEX reports_created ON reports (created_at);
CREATE INDEX reports_account ON reports (reporter_account_id, id);

-- What happened to a report: every verification, answer, request, forward and reply, with the office (never the
-- officer) shown to the reporter and the public; internal notes only to officers.
CREATE TABLE report_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  report_id INTEGER NOT NULL REFERENCES reports (id),
  at TEXT NOT NULL,
  actor_id INTEGER,
  role TEXT NOT NULL, -- desk, office, reporter, system
  office_node_id INTEGER,
  action TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  to_node_id INTEGER, -- disposed or forwarded to
  internal INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX report_events_report ON report_events (report_id, id);

-- Photos and documents, content addressed like application uploads. Location metadata is removed from photos
-- unless the reporter kept it.
CREATE TABLE report_files (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  report_id INTEGER NOT NULL REFERENCES reports (id),
  file_name TEXT NOT NULL,
  kind TEXT NOT NULL, -- pdf, jpeg, png (from the bytes)
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  location_kept INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE INDEX report_files_report ON report_files (report_id);

-- "+1": once per account and public report; the account only as a keyed hash.
CREATE TABLE report_supports (
  report_id INTEGER NOT NULL REFERENCES reports (id),
  supporter TEXT NOT NULL,
  at TEXT NOT NULL,
  PRIMARY KEY (report_id, supporter)
);

-- Routing rules kept by admins: reports of a category (or any, '') from a region (a Kemendagri code prefix, or any,
-- '') go to an office. The most specific rule proposes the office to the desk.
CREATE TABLE report_routes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  category TEXT NOT NULL DEFAULT '',
  region_prefix TEXT NOT NULL DEFAULT '',
  node_id INTEGER NOT NULL REFERENCES org_nodes (id),
  created_at TEXT NOT NULL,
  UNIQUE (category, region_prefix)
);
