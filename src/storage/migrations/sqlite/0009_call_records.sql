-- Calls (issue 9): what happened to a consultation's call, for its record and the figures —
-- started, ended (with its length), joined, left, removed, separate sessions, mode changes,
-- call-back requests, TURN used. No media and no address is ever stored.
CREATE TABLE call_records (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  room_id TEXT NOT NULL REFERENCES rooms (id),
  at INTEGER NOT NULL,
  kind TEXT NOT NULL,
  user_id TEXT NOT NULL DEFAULT '',
  detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX call_records_room ON call_records (room_id, id);
