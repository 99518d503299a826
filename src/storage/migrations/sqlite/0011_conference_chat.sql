-- A conference's chat (issue 9, "chat alongside"): what the people let in wrote, numbered per
-- conference (seq from 1, as stored) so that a page that reconnects asks for what came after
-- the last one it has. A message is stored once per (sender, client_id): a page that sends
-- again after a lost acknowledgement gets the stored one back. The sender's name is kept as
-- it was shown (guests have no directory entry). Times are UTC milliseconds.
CREATE TABLE conference_messages (
  conference_id TEXT NOT NULL REFERENCES conferences (id),
  seq INTEGER NOT NULL,
  id TEXT NOT NULL UNIQUE,
  sender_id TEXT NOT NULL,
  sender_name TEXT NOT NULL DEFAULT '',
  client_id TEXT NOT NULL,
  body TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (conference_id, seq)
);
CREATE UNIQUE INDEX conference_messages_resend
  ON conference_messages (conference_id, sender_id, client_id);
