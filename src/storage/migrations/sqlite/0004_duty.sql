-- Who is on duty survives a restart (issue 8): set when a specialist goes on or off duty, or
-- misses an offer; read when the server starts to rebuild the desks.
ALTER TABLE users ADD COLUMN on_duty INTEGER NOT NULL DEFAULT 0;
