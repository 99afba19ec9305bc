-- Satisfaction survey answers (IKM, PermenPANRB 14/2017): once per completed application, anonymous in results.
-- The application is kept only as a keyed hash (the PII vault's blind index), enough to refuse a second answer
-- and never enough to say whose answer it is.
CREATE TABLE survey_responses (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  application_index TEXT NOT NULL UNIQUE,
  service_id INTEGER NOT NULL,
  node_path TEXT NOT NULL,  -- the service's node, for results per office
  day TEXT NOT NULL,        -- YYYY-MM-DD (UTC) of the answer, for periods
  a1 INTEGER NOT NULL, a2 INTEGER NOT NULL, a3 INTEGER NOT NULL, a4 INTEGER NOT NULL, a5 INTEGER NOT NULL,
  a6 INTEGER NOT NULL, a7 INTEGER NOT NULL, a8 INTEGER NOT NULL, a9 INTEGER NOT NULL
);
CREATE INDEX survey_responses_service_day ON survey_responses (service_id, day);
CREATE INDEX survey_responses_node_day ON survey_responses (node_path, day);
