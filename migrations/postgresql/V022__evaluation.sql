-- The SPBE maturity evaluation (PermenPANRB 59/2020, or a later model loaded as data). A model is kept as the file
-- it was loaded from; an assessment keeps the model it was made under, so a later regulation never rewrites an old
-- result. Levels, reviews, evidence and the next year's targets are per indicator number of that model.
CREATE TABLE spbe_models (
  id BIGSERIAL PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,             -- "permenpanrb-59-2020"
  name TEXT NOT NULL,
  document TEXT NOT NULL,                -- the model file as loaded (JSON)
  sha256 TEXT NOT NULL,
  is_current INTEGER NOT NULL DEFAULT 0, -- the one new assessments use
  loaded_at TEXT NOT NULL,
  loaded_by BIGINT REFERENCES accounts (id)  -- NULL: spbe migrate
);

CREATE TABLE spbe_assessments (
  id BIGSERIAL PRIMARY KEY,
  node_id BIGINT NOT NULL REFERENCES org_nodes (id),  -- the agency evaluated: a pemda or a ministry
  year INTEGER NOT NULL,
  model_id BIGINT NOT NULL REFERENCES spbe_models (id),
  state TEXT NOT NULL,                   -- draft, submitted, under_review, final
  evidence_as_of TEXT NOT NULL,          -- the date (YYYY-MM-DD) the live evidence's figures are taken at
  evaluator_id BIGINT REFERENCES accounts (id),
  created_by BIGINT REFERENCES accounts (id),
  created_at TEXT NOT NULL,
  submitted_at TEXT,
  finalized_at TEXT,
  updated_at TEXT NOT NULL,
  UNIQUE (node_id, year)
);
CREATE INDEX spbe_assessments_state ON spbe_assessments (state);

CREATE TABLE spbe_answers (
  assessment_id BIGINT NOT NULL REFERENCES spbe_assessments (id),
  indicator INTEGER NOT NULL,
  self_level INTEGER,                     -- the agency's own
  explanation TEXT NOT NULL DEFAULT '',
  final_level INTEGER,                    -- the evaluator's
  review TEXT NOT NULL DEFAULT '',        -- '', kept, changed, more_evidence
  review_note TEXT NOT NULL DEFAULT '',   -- the reason of a change, or what evidence is asked for
  interview_note TEXT NOT NULL DEFAULT '',
  target_level INTEGER,                   -- next year's target (peta rencana)
  updated_at TEXT NOT NULL,
  PRIMARY KEY (assessment_id, indicator)
);

CREATE TABLE spbe_evidence (
  id BIGSERIAL PRIMARY KEY,
  assessment_id BIGINT NOT NULL REFERENCES spbe_assessments (id),
  indicator INTEGER NOT NULL,
  kind TEXT NOT NULL,                     -- link, file, platform
  title TEXT NOT NULL,
  url TEXT NOT NULL DEFAULT '',           -- a link; for platform evidence the page that reproduces the figures
  file_sha256 TEXT NOT NULL DEFAULT '',   -- a file, kept by its hash
  file_name TEXT NOT NULL DEFAULT '',
  content_type TEXT NOT NULL DEFAULT '',
  size_bytes BIGINT NOT NULL DEFAULT 0,
  figures TEXT NOT NULL DEFAULT '',       -- platform evidence: the figures as JSON
  as_of TEXT NOT NULL DEFAULT '',
  added_by BIGINT REFERENCES accounts (id),
  added_at TEXT NOT NULL,
  removed_at TEXT
);
CREATE INDEX spbe_evidence_assessment ON spbe_evidence (assessment_id, indicator);

CREATE TABLE spbe_plan_actions (
  id BIGSERIAL PRIMARY KEY,
  assessment_id BIGINT NOT NULL REFERENCES spbe_assessments (id),
  indicator INTEGER NOT NULL,
  action TEXT NOT NULL,
  owner TEXT NOT NULL,
  due_date TEXT NOT NULL,                 -- YYYY-MM-DD
  created_by BIGINT REFERENCES accounts (id),
  created_at TEXT NOT NULL,
  removed_at TEXT
);
CREATE INDEX spbe_plan_actions_assessment ON spbe_plan_actions (assessment_id, indicator);
