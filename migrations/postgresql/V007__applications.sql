-- The working-day calendar: national holidays and cuti bersama (seeded from data/holidays.csv, maintained by
-- admins), and whether an agency serves on cuti bersama days.
CREATE TABLE holidays (
  date TEXT PRIMARY KEY, -- YYYY-MM-DD
  kind TEXT NOT NULL, -- libur_nasional, cuti_bersama
  name_id TEXT NOT NULL,
  name_en TEXT NOT NULL,
  source TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE node_settings (
  node_id BIGINT PRIMARY KEY REFERENCES org_nodes (id),
  cuti_bersama_working INTEGER NOT NULL DEFAULT 0
);

-- Applications (permohonan). A draft already has its tracking number; the form data is sealed (it holds NIKs
-- and other personal data, UU 27/2022). step_node_path/step_role say who may act now, for the worklist.
CREATE TABLE applications (
  id BIGSERIAL PRIMARY KEY,
  tracking_number TEXT NOT NULL UNIQUE,
  access_code_hash TEXT NOT NULL,
  service_id BIGINT NOT NULL REFERENCES services (id),
  version_id BIGINT NOT NULL REFERENCES service_versions (id),
  node_path TEXT NOT NULL, -- the service's agency
  applicant_id BIGINT NOT NULL REFERENCES accounts (id),
  status TEXT NOT NULL, -- draft, in_progress, returned, completed, rejected
  step TEXT NOT NULL DEFAULT '',
  step_node_path TEXT NOT NULL DEFAULT '',
  step_role TEXT NOT NULL DEFAULT '',
  step_started_at TEXT,
  step_due_at TEXT,
  claimed_by BIGINT REFERENCES accounts (id),
  data_sealed TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  submitted_at TEXT,
  due_at TEXT,
  paused_at TEXT, -- while with the applicant for a correction
  closed_at TEXT,
  overdue_level INTEGER NOT NULL DEFAULT 0, -- 1: the unit's head was told the step is overdue; 2: escalated to the OPD's head
  deemed_granted INTEGER NOT NULL DEFAULT 0 -- the version says an undecided file is granted at the time limit
);
-- The worklist: one index range per (role, node) a grant reaches, already in deadline order.
CREATE INDEX applications_worklist ON applications (step_role, step_node_path, status, step_due_at, id);
CREATE INDEX applications_applicant ON applications (applicant_id, id);
CREATE INDEX applications_overdue ON applications (status, step_due_at);
CREATE INDEX applications_deemed ON applications (deemed_granted, status, due_at);

-- The timeline: every step, action and note, with the office (never the person) shown to the applicant.
CREATE TABLE application_events (
  id BIGSERIAL PRIMARY KEY,
  application_id BIGINT NOT NULL REFERENCES applications (id),
  at TEXT NOT NULL,
  actor_id BIGINT,
  office_node_id BIGINT,
  step TEXT NOT NULL,
  action TEXT NOT NULL, -- submit, verify, approve, forward, reject, return, resubmit, note, claim, release
  note TEXT NOT NULL,
  internal INTEGER NOT NULL DEFAULT 0, -- notes between officers, not shown to the applicant
  due_at TEXT
);
CREATE INDEX application_events_application ON application_events (application_id, id);

-- Uploaded files: content addressed on disk (data_dir/files/ab/abcdef...), described here.
CREATE TABLE application_files (
  id BIGSERIAL PRIMARY KEY,
  application_id BIGINT NOT NULL REFERENCES applications (id),
  field TEXT NOT NULL,
  file_name TEXT NOT NULL,
  kind TEXT NOT NULL, -- pdf, jpeg, png (from the bytes)
  size BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX application_files_application ON application_files (application_id, field);

-- Idempotency-Key: the first answer to a key is kept and given again for a retry with the same request.
CREATE TABLE idempotency_keys (
  scope TEXT NOT NULL, -- e.g. "applications:<account id>"
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status INTEGER NOT NULL,
  response TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (scope, key)
);
