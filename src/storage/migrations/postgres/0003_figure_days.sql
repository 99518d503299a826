-- Figures kept per reception and UTC day (issue 7: a report over 1,000,000 consultations in
-- under 300 ms). A day is "settled" two days after it ends; only settled days keep a tally
-- (FigureTally, encoded by storage/figure_tally_codec) and reports read recent days from the
-- tickets themselves. Every ticket's day has a row; the triggers below add one to `generation`
-- whenever something a figure is made of changes for a ticket of a settled day, and a tally is
-- current only while its tally_generation equals generation.
CREATE TABLE figure_days (
  reception_id TEXT NOT NULL,
  day BIGINT NOT NULL, -- days since 1970-01-01 UTC of the tickets' created_at
  organisation_id TEXT NOT NULL,
  generation BIGINT NOT NULL DEFAULT 0,
  tally_generation BIGINT,
  tally TEXT,
  PRIMARY KEY (reception_id, day)
);
CREATE INDEX figure_days_organisation ON figure_days (organisation_id, day);

INSERT INTO figure_days (reception_id, day, organisation_id)
  SELECT reception_id, created_at / 86400000, min(organisation_id) FROM tickets
  GROUP BY reception_id, created_at / 86400000;

-- The last settled day: two days before today (UTC), by the database's clock.
CREATE FUNCTION figure_settled_day() RETURNS BIGINT LANGUAGE sql STABLE AS
  $$ SELECT floor(extract(epoch FROM now()) / 86400)::bigint - 2 $$;

-- Inserts are seen a statement at a time (the group commit inserts up to 64 tickets in one
-- statement), through their transition tables: one call per statement, not per row. A recent
-- day's row is only made when missing (DO NOTHING neither writes nor locks it); a settled
-- day's generation is bumped.
CREATE FUNCTION figure_days_tickets_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO figure_days (reception_id, day, organisation_id)
    SELECT reception_id, created_at / 86400000, min(organisation_id) FROM added
    WHERE created_at / 86400000 > figure_settled_day()
    GROUP BY reception_id, created_at / 86400000
    ON CONFLICT (reception_id, day) DO NOTHING;
  INSERT INTO figure_days (reception_id, day, organisation_id, generation)
    SELECT reception_id, created_at / 86400000, min(organisation_id), 1 FROM added
    WHERE created_at / 86400000 <= figure_settled_day()
    GROUP BY reception_id, created_at / 86400000
    ON CONFLICT (reception_id, day) DO UPDATE SET generation = figure_days.generation + 1;
  RETURN NULL;
END $$;

-- Seats (their kinds), rooms (reaching one) and feedback (the rating) added to tickets of a
-- settled day.
CREATE FUNCTION figure_days_of_tickets_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE figure_days f SET generation = f.generation + 1
  FROM (SELECT DISTINCT t.reception_id, t.created_at / 86400000 AS day
        FROM added a JOIN tickets t ON t.id = a.ticket_id
        WHERE t.created_at / 86400000 <= figure_settled_day()) d
  WHERE f.reception_id = d.reception_id AND f.day = d.day;
  RETURN NULL;
END $$;

-- Changes and deletions, a row at a time (rare on settled days; the WHEN clauses keep the
-- recent tickets' status changes, the hot path, from calling anything).
CREATE FUNCTION figure_day_bump(p_ticket TEXT) RETURNS void LANGUAGE sql AS $$
  UPDATE figure_days f SET generation = f.generation + 1 FROM tickets t
  WHERE t.id = p_ticket AND f.reception_id = t.reception_id
    AND f.day = t.created_at / 86400000 AND f.day <= figure_settled_day()
$$;

CREATE FUNCTION figure_days_ticket_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE figure_days SET generation = generation + 1
  WHERE reception_id = OLD.reception_id AND day = OLD.created_at / 86400000
    AND day <= figure_settled_day();
  IF TG_OP = 'UPDATE' THEN
    IF NEW.reception_id <> OLD.reception_id OR NEW.created_at <> OLD.created_at THEN
      INSERT INTO figure_days (reception_id, day, organisation_id, generation)
        VALUES (NEW.reception_id, NEW.created_at / 86400000, NEW.organisation_id, 1)
        ON CONFLICT (reception_id, day) DO UPDATE SET generation = figure_days.generation + 1;
    END IF;
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION figure_days_of_ticket_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM figure_day_bump(OLD.ticket_id);
  IF TG_OP = 'UPDATE' THEN
    IF NEW.ticket_id <> OLD.ticket_id THEN PERFORM figure_day_bump(NEW.ticket_id); END IF;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER figure_days_tickets_added AFTER INSERT ON tickets
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION figure_days_tickets_added();
CREATE TRIGGER figure_days_ticket_update
  AFTER UPDATE OF status, served_at, category, region, channel, reception_id, organisation_id,
                  created_at ON tickets
  FOR EACH ROW WHEN (OLD.created_at / 86400000 <= figure_settled_day()
                     OR NEW.reception_id <> OLD.reception_id OR NEW.created_at <> OLD.created_at)
  EXECUTE FUNCTION figure_days_ticket_changed();
CREATE TRIGGER figure_days_ticket_delete AFTER DELETE ON tickets
  FOR EACH ROW WHEN (OLD.created_at / 86400000 <= figure_settled_day())
  EXECUTE FUNCTION figure_days_ticket_changed();
CREATE TRIGGER figure_days_seats_added AFTER INSERT ON ticket_seats
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT
  EXECUTE FUNCTION figure_days_of_tickets_added();
CREATE TRIGGER figure_days_seats_changed AFTER DELETE OR UPDATE OF kind, ticket_id ON ticket_seats
  FOR EACH ROW EXECUTE FUNCTION figure_days_of_ticket_changed();
CREATE TRIGGER figure_days_rooms_added AFTER INSERT ON rooms
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT
  EXECUTE FUNCTION figure_days_of_tickets_added();
CREATE TRIGGER figure_days_rooms_changed AFTER DELETE OR UPDATE OF outcome, ticket_id ON rooms
  FOR EACH ROW EXECUTE FUNCTION figure_days_of_ticket_changed();
CREATE TRIGGER figure_days_feedback_added AFTER INSERT ON feedback
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT
  EXECUTE FUNCTION figure_days_of_tickets_added();
CREATE TRIGGER figure_days_feedback_changed AFTER DELETE OR UPDATE OF rating, ticket_id ON feedback
  FOR EACH ROW EXECUTE FUNCTION figure_days_of_ticket_changed();
