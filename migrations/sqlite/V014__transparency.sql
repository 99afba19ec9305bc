-- The public performance dashboard's read model (transparency capability: /kinerja and /api/v1/stats/offices,
-- /services, /trend). Figures are kept per day and per month, so the figures of a period are sums over a few rows
-- per month and service, never a scan of every application. Only the rollup (src/transparency/rollup.cpp) writes
-- these tables: it recomputes whole days from the source tables (applications, survey_responses, reports), deleting
-- and inserting each day, then its month, inside one unit of work, so recomputing a day twice, or in two processes,
-- gives the same rows.
--
-- Days are the agency's local date (WIB, WITA or WIT from its node's time zone), so a file submitted at 23:30 WIT
-- counts on that day in Jayapura. IKM answers are the exception: survey_responses keeps only the UTC date of an
-- answer, and that date is used as it is.

-- Applications per local day, service and the service's agency (applications.node_path). Received and still open
-- (not decided now) count on the day submitted; completed, rejected and on time (closed_at <= due_at, the published
-- limit already counted in working days with the clock stopped) on the day decided. completion_days is the histogram
-- of the files decided that day: how many took each number of working days (the agency's calendar) from the day
-- submitted, as "days:files" pairs in order ("0:3 1:5 7:1"). Merging the histograms of a period gives its median and
-- 90th percentile exactly.
CREATE TABLE stats_applications_daily (
  day TEXT NOT NULL, -- YYYY-MM-DD, local
  service_id INTEGER NOT NULL,
  node_path TEXT NOT NULL,
  received INTEGER NOT NULL,
  open_now INTEGER NOT NULL,
  completed INTEGER NOT NULL,
  rejected INTEGER NOT NULL,
  on_time INTEGER NOT NULL,
  completion_days TEXT NOT NULL,
  PRIMARY KEY (day, service_id, node_path)
);

-- IKM answers summed per day (the answer's UTC date), service and agency: the index of any period is computed from
-- the summed totals with the regulation's formula.
CREATE TABLE stats_ikm_daily (
  day TEXT NOT NULL,
  service_id INTEGER NOT NULL,
  node_path TEXT NOT NULL,
  respondents INTEGER NOT NULL,
  s1 INTEGER NOT NULL, s2 INTEGER NOT NULL, s3 INTEGER NOT NULL, s4 INTEGER NOT NULL, s5 INTEGER NOT NULL,
  s6 INTEGER NOT NULL, s7 INTEGER NOT NULL, s8 INTEGER NOT NULL, s9 INTEGER NOT NULL,
  PRIMARY KEY (day, service_id, node_path)
);

-- Reports per local day received and the office holding each now (reports.node_path): the figures of a period are
-- those of the reports received in it, so an answer given later updates the day the report came in. Answered: an
-- answer was given (answered_at), or the report was closed without one (closed_at); on time: by due_at. First
-- response: how many have one, and the working days to it summed (for the average). Merged duplicates count once,
-- as the report they joined.
CREATE TABLE stats_reports_daily (
  day TEXT NOT NULL,
  node_path TEXT NOT NULL,
  received INTEGER NOT NULL,
  declined INTEGER NOT NULL,
  answered INTEGER NOT NULL,
  answered_on_time INTEGER NOT NULL,
  first_answered INTEGER NOT NULL,
  first_answer_days INTEGER NOT NULL,
  PRIMARY KEY (day, node_path)
);

-- The same figures summed per month (YYYY-MM), rewritten from the days of the month whenever one of them is: a period
-- reads whole months here and only its partial months' days above, so a year is about twelve rows per service.
CREATE TABLE stats_applications_monthly (
  month TEXT NOT NULL,
  service_id INTEGER NOT NULL,
  node_path TEXT NOT NULL,
  received INTEGER NOT NULL,
  open_now INTEGER NOT NULL,
  completed INTEGER NOT NULL,
  rejected INTEGER NOT NULL,
  on_time INTEGER NOT NULL,
  completion_days TEXT NOT NULL,
  PRIMARY KEY (month, service_id, node_path)
);
CREATE TABLE stats_ikm_monthly (
  month TEXT NOT NULL,
  service_id INTEGER NOT NULL,
  node_path TEXT NOT NULL,
  respondents INTEGER NOT NULL,
  s1 INTEGER NOT NULL, s2 INTEGER NOT NULL, s3 INTEGER NOT NULL, s4 INTEGER NOT NULL, s5 INTEGER NOT NULL,
  s6 INTEGER NOT NULL, s7 INTEGER NOT NULL, s8 INTEGER NOT NULL, s9 INTEGER NOT NULL,
  PRIMARY KEY (month, service_id, node_path)
);
CREATE TABLE stats_reports_monthly (
  month TEXT NOT NULL,
  node_path TEXT NOT NULL,
  received INTEGER NOT NULL,
  declined INTEGER NOT NULL,
  answered INTEGER NOT NULL,
  answered_on_time INTEGER NOT NULL,
  first_answered INTEGER NOT NULL,
  first_answer_days INTEGER NOT NULL,
  PRIMARY KEY (month, node_path)
);

-- The rollup's progress, one row: the newest applications.updated_at and reports.updated_at and the highest
-- survey_responses.id rolled up, when the read model was last built in full (NULL: build it), and the lease of a
-- process building it now.
CREATE TABLE stats_rollup (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  applications_mark TEXT NOT NULL DEFAULT '',
  reports_mark TEXT NOT NULL DEFAULT '',
  surveys_mark INTEGER NOT NULL DEFAULT 0,
  built_at TEXT,
  building_until TEXT
);
INSERT INTO stats_rollup (id) VALUES (1);

-- The rollup's range scans: rows changed since a mark, and the rows of a day by submission and by decision.
CREATE INDEX applications_updated ON applications (updated_at);
CREATE INDEX applications_submitted ON applications (submitted_at);
CREATE INDEX applications_closed ON applications (closed_at);
CREATE INDEX survey_responses_day ON survey_responses (day);
