-- Mediation cases (issue 10, the Law of the RK No. 401-IV "On Mediation"). A case is one
-- aggregate, read and written whole: `body` is the whole core::mediation::Case as JSON
-- (storage/mediation_case_codec); the columns beside it are derived from it when it is
-- written, so lists and figures read them without decoding (stages and dates only, never
-- content: Art. 8). `version` grows by one with each write (optimistic concurrency).
-- Times are UTC milliseconds.
CREATE TABLE mediation_cases (
  id TEXT PRIMARY KEY,
  stage TEXT NOT NULL CHECK (stage IN ('screening', 'inviting', 'choosing_mediator',
                                       'contracting', 'running', 'ended')),
  source TEXT NOT NULL CHECK (source IN ('party', 'centre', 'consultation')),
  ticket_id TEXT,
  opened_by TEXT NOT NULL,
  opened_at INTEGER NOT NULL,
  category TEXT NOT NULL,
  ending_ground TEXT,
  ended_at INTEGER,
  started_at INTEGER,
  version INTEGER NOT NULL CHECK (version > 0),
  body TEXT NOT NULL
);
CREATE INDEX mediation_cases_stage ON mediation_cases (stage, opened_at);
CREATE INDEX mediation_cases_opened ON mediation_cases (opened_at);

-- Who may see a case's content: its parties, their representatives and its mediators, as
-- the service says at each write (a coordinator is not listed: they see summaries only).
CREATE TABLE mediation_case_people (
  case_id TEXT NOT NULL REFERENCES mediation_cases (id),
  user_id TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('party', 'representative', 'mediator')),
  PRIMARY KEY (case_id, user_id, role)
);
CREATE INDEX mediation_case_people_user ON mediation_case_people (user_id);

-- One row, never changed. A write that finds a case not at the version it read inserts this
-- row's twin and fails on the primary key, which both backends report as a conflict: the
-- whole unit of work rolls back (storage/sql/changes.cpp, CaseSaved).
CREATE TABLE mediation_case_stale (id INTEGER PRIMARY KEY);
INSERT INTO mediation_case_stale (id) VALUES (1);
