-- Professional conferences (issue 9), the scheduled record: the conference, its ordered
-- agenda with each item's minutes, its participants (moderators and invited specialists by
-- account; guests by name and e-mail, their link stored only as its key, their account
-- bound when they first open it) and the proposals made in it. Times are UTC milliseconds.
CREATE TABLE conferences (
  id TEXT PRIMARY KEY,
  organisation_id TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  language TEXT NOT NULL CHECK (language IN ('kk', 'ru', 'en')),
  starts_at BIGINT NOT NULL,
  ends_at BIGINT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('scheduled', 'cancelled', 'ended')),
  ended_at BIGINT,
  created_by TEXT NOT NULL REFERENCES users (id),
  created_at BIGINT NOT NULL
);
CREATE INDEX conferences_organisation ON conferences (organisation_id);

CREATE TABLE conference_agenda (
  conference_id TEXT NOT NULL REFERENCES conferences (id),
  position INTEGER NOT NULL,
  id TEXT NOT NULL,
  title TEXT NOT NULL,
  minutes TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (conference_id, position)
);
CREATE UNIQUE INDEX conference_agenda_item ON conference_agenda (conference_id, id);

CREATE TABLE conference_participants (
  conference_id TEXT NOT NULL REFERENCES conferences (id),
  position INTEGER NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('moderator', 'speaker', 'guest')),
  user_id TEXT,
  name TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  language TEXT NOT NULL CHECK (language IN ('kk', 'ru', 'en')),
  token_hash TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (conference_id, position)
);
CREATE INDEX conference_participants_user ON conference_participants (user_id);
CREATE UNIQUE INDEX conference_participants_token ON conference_participants (token_hash)
  WHERE token_hash <> '';

CREATE TABLE conference_proposals (
  id TEXT PRIMARY KEY,
  conference_id TEXT NOT NULL REFERENCES conferences (id),
  agenda_item_id TEXT,
  text TEXT NOT NULL,
  owner_id TEXT,
  owner_name TEXT NOT NULL DEFAULT '',
  due_date TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'done', 'dropped')),
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  closed_at BIGINT
);
CREATE INDEX conference_proposals_conference ON conference_proposals (conference_id);
CREATE INDEX conference_proposals_status ON conference_proposals (status, due_date);
