-- Virtual receptions (issue 3): categories, receptions and permanent lines, the duty roster,
-- tickets and their seats, rooms and members, chat messages, notes, attachments, feedback.
-- Times are UTC milliseconds since the Unix epoch. Lists (categories, channels, kinds,
-- holidays) are comma-separated words; weekly hours are "weekday:from-to" items
-- ("1:540-1080,2:540-1080"), see storage/list_codec.hpp. Citizens, message senders and
-- uploaders are not foreign keys: guests and the system speak in rooms too.

CREATE TABLE categories (
  code TEXT PRIMARY KEY
);
INSERT INTO categories (code) VALUES
  ('family'), ('civil'), ('labour'), ('housing'), ('health'), ('consumer'), ('corruption'),
  ('other');

CREATE TABLE receptions (
  id TEXT PRIMARY KEY,
  organisation_id TEXT NOT NULL REFERENCES organisations (id),
  kind TEXT NOT NULL CHECK (kind IN ('event', 'permanent')),
  title_kk TEXT NOT NULL,
  title_ru TEXT NOT NULL,
  title_en TEXT NOT NULL,
  description_kk TEXT NOT NULL,
  description_ru TEXT NOT NULL,
  description_en TEXT NOT NULL,
  starts_at INTEGER NOT NULL,
  ends_at INTEGER NOT NULL,
  categories TEXT NOT NULL DEFAULT '',
  channels TEXT NOT NULL DEFAULT '',
  hours TEXT NOT NULL DEFAULT '',
  holidays TEXT NOT NULL DEFAULT '',
  slot_minutes INTEGER NOT NULL DEFAULT 0,
  closed_at INTEGER,
  created_by TEXT NOT NULL REFERENCES users (id),
  created_at INTEGER NOT NULL
);
CREATE INDEX receptions_ends ON receptions (ends_at);
CREATE INDEX receptions_organisation ON receptions (organisation_id, ends_at);
-- One permanent line per organisation.
CREATE UNIQUE INDEX receptions_permanent_line ON receptions (organisation_id)
  WHERE kind = 'permanent';

CREATE TABLE duty_shifts (
  reception_id TEXT NOT NULL REFERENCES receptions (id) ON DELETE CASCADE,
  specialist_id TEXT NOT NULL REFERENCES users (id),
  kinds TEXT NOT NULL DEFAULT '',
  from_at INTEGER NOT NULL,
  to_at INTEGER NOT NULL,
  PRIMARY KEY (reception_id, specialist_id, from_at)
);
CREATE INDEX duty_shifts_specialist ON duty_shifts (specialist_id, to_at);

CREATE TABLE tickets (
  id TEXT PRIMARY KEY,
  reception_id TEXT NOT NULL REFERENCES receptions (id),
  organisation_id TEXT NOT NULL REFERENCES organisations (id),
  citizen_id TEXT,
  region TEXT NOT NULL,
  language TEXT NOT NULL CHECK (language IN ('kk', 'ru', 'en')),
  category TEXT NOT NULL,
  description TEXT NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('chat', 'voice', 'video', 'phone')),
  contact TEXT,
  priority INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL CHECK (status IN ('scheduled', 'waiting', 'in_room', 'deferred', 'closed',
                                         'no_show', 'abandoned')),
  slot_at INTEGER,
  secret_hash TEXT NOT NULL DEFAULT '',
  room_id TEXT, -- rooms.id; rooms point back with a foreign key
  created_at INTEGER NOT NULL,
  served_at INTEGER,
  ended_at INTEGER
);
CREATE INDEX tickets_reception_status ON tickets (reception_id, status, created_at);
CREATE INDEX tickets_organisation ON tickets (organisation_id, created_at);
CREATE INDEX tickets_citizen ON tickets (citizen_id, created_at);
CREATE UNIQUE INDEX tickets_secret ON tickets (secret_hash) WHERE secret_hash <> '';

CREATE TABLE ticket_seats (
  ticket_id TEXT NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  kind TEXT NOT NULL,
  specialist_id TEXT REFERENCES users (id),
  joined_at INTEGER,
  PRIMARY KEY (ticket_id, position),
  UNIQUE (ticket_id, kind)
);

CREATE TABLE rooms (
  id TEXT PRIMARY KEY,
  ticket_id TEXT NOT NULL UNIQUE REFERENCES tickets (id),
  reception_id TEXT NOT NULL REFERENCES receptions (id),
  organisation_id TEXT NOT NULL REFERENCES organisations (id),
  created_at INTEGER NOT NULL,
  closed_at INTEGER,
  outcome TEXT CHECK (outcome IN ('advice_given', 'referred_to_mediation', 'referred_to_court',
                                  'referred_to_public_body', 'follow_up_needed',
                                  'not_resolved')),
  summary TEXT NOT NULL DEFAULT '',
  duration_seconds INTEGER NOT NULL DEFAULT 0,
  last_seq INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX rooms_open ON rooms (reception_id, created_at) WHERE closed_at IS NULL;

CREATE TABLE room_members (
  room_id TEXT NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
  user_id TEXT NOT NULL,
  kind TEXT, -- NULL: the citizen
  joined_at INTEGER NOT NULL,
  left_at INTEGER,
  last_read_seq INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (room_id, user_id)
);
CREATE INDEX room_members_user ON room_members (user_id);

CREATE TABLE attachments (
  id TEXT PRIMARY KEY,
  room_id TEXT NOT NULL REFERENCES rooms (id),
  uploader_id TEXT NOT NULL,
  file_name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX attachments_room ON attachments (room_id);

CREATE TABLE messages (
  room_id TEXT NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  sender_id TEXT NOT NULL,
  client_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('text', 'attachment', 'system')),
  body TEXT NOT NULL,
  attachment_id TEXT REFERENCES attachments (id),
  at INTEGER NOT NULL,
  PRIMARY KEY (room_id, seq)
);
-- A resend is not stored twice; messages without a client id (system ones) are all kept.
CREATE UNIQUE INDEX messages_client ON messages (room_id, sender_id, client_id)
  WHERE client_id <> '';

CREATE TABLE notes (
  id TEXT PRIMARY KEY,
  room_id TEXT NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
  author_id TEXT NOT NULL REFERENCES users (id),
  body TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX notes_room ON notes (room_id, at);

CREATE TABLE feedback (
  ticket_id TEXT PRIMARY KEY REFERENCES tickets (id),
  reception_id TEXT NOT NULL REFERENCES receptions (id),
  organisation_id TEXT NOT NULL REFERENCES organisations (id),
  rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
  comment TEXT NOT NULL DEFAULT '',
  proposal TEXT NOT NULL DEFAULT '',
  at INTEGER NOT NULL
);
CREATE INDEX feedback_proposals ON feedback (organisation_id, at) WHERE proposal <> '';
