-- A tamper-evident audit trail (issue 8, Law of the RK No. 94-V): each entry, once sealed,
-- holds the id of the entry before it and a SHA-256 over that entry's hash and its own
-- fields (the address excepted: it is personal data that may have to be erased).
-- Editing or deleting a sealed entry breaks the chain; `kelisim audit verify` finds where.
ALTER TABLE audit_events ADD COLUMN prev_id INTEGER;
ALTER TABLE audit_events ADD COLUMN hash TEXT;
CREATE INDEX audit_events_unsealed ON audit_events (id) WHERE hash IS NULL;
CREATE INDEX audit_events_actor ON audit_events (actor_id, id);


