-- The register of mediators (issue 10; Law No. 401-IV, Arts 9, 14, 16): professional
-- mediators (their organisation, training certificate number and date) and public ones (their
-- akimat), each with a status (active, suspended, excluded: since when and why). A mediator's
-- specialisations, languages and regions are child rows in the order kept, each once: the
-- directory's filters probe their (mediator_id, value) keys, the list is read in name order
-- (mediators_name). Dates are "YYYY-MM-DD" text on both backends; times are UTC
-- milliseconds. Names and ids sort by code point on both (PostgreSQL: COLLATE "C", on the
-- ids that refer to a mediator too, so that the joins and probes keep to the indexes).
CREATE TABLE mediators (
  id TEXT PRIMARY KEY,
  user_id TEXT UNIQUE REFERENCES users (id),
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('professional', 'public')),
  keeper TEXT NOT NULL,
  certificate_number TEXT,
  certificate_date TEXT,
  status TEXT NOT NULL CHECK (status IN ('active', 'suspended', 'excluded')),
  status_since TEXT,
  status_reason TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  CHECK ((certificate_number IS NULL) = (certificate_date IS NULL))
);
CREATE INDEX mediators_name ON mediators (name, id);

CREATE TABLE mediator_specialisations (
  mediator_id TEXT NOT NULL REFERENCES mediators (id),
  position INTEGER NOT NULL,
  specialisation TEXT NOT NULL CHECK (specialisation IN ('civil', 'family', 'labour',
    'commercial', 'administrative', 'criminal')),
  PRIMARY KEY (mediator_id, position),
  UNIQUE (mediator_id, specialisation)
);

CREATE TABLE mediator_languages (
  mediator_id TEXT NOT NULL REFERENCES mediators (id),
  position INTEGER NOT NULL,
  language TEXT NOT NULL CHECK (language IN ('kk', 'ru', 'en')),
  PRIMARY KEY (mediator_id, position),
  UNIQUE (mediator_id, language)
);

CREATE TABLE mediator_regions (
  mediator_id TEXT NOT NULL REFERENCES mediators (id),
  position INTEGER NOT NULL,
  region TEXT NOT NULL REFERENCES regions (code),
  PRIMARY KEY (mediator_id, position),
  UNIQUE (mediator_id, region)
);
