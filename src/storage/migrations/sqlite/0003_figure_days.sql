-- Figures kept per reception and UTC day (issue 7: a report over 1,000,000 consultations in
-- under 300 ms). A day is "settled" two days after it ends; only settled days keep a tally
-- (FigureTally, encoded by storage/figure_tally_codec) and reports read recent days from the
-- tickets themselves. Every ticket's day has a row; the triggers below add one to `generation`
-- whenever something a figure is made of changes for a ticket of a settled day, and a tally is
-- current only while its tally_generation equals generation.
CREATE TABLE figure_days (
  reception_id TEXT NOT NULL,
  day INTEGER NOT NULL, -- days since 1970-01-01 UTC of the tickets' created_at
  organisation_id TEXT NOT NULL,
  generation INTEGER NOT NULL DEFAULT 0,
  tally_generation INTEGER,
  tally TEXT,
  PRIMARY KEY (reception_id, day)
) WITHOUT ROWID;
CREATE INDEX figure_days_organisation ON figure_days (organisation_id, day);

INSERT INTO figure_days (reception_id, day, organisation_id)
  SELECT reception_id, created_at / 86400000, organisation_id FROM tickets WHERE true
  GROUP BY reception_id, created_at / 86400000;

-- The rows a ticket's day needs: made when missing; bumped when the day is settled.
CREATE TRIGGER figure_days_ticket_insert AFTER INSERT ON tickets BEGIN
  INSERT INTO figure_days (reception_id, day, organisation_id)
    VALUES (NEW.reception_id, NEW.created_at / 86400000, NEW.organisation_id)
    ON CONFLICT (reception_id, day) DO UPDATE SET generation = generation + 1
    WHERE day <= CAST(strftime('%s', 'now') AS INTEGER) / 86400 - 2;
END;

CREATE TRIGGER figure_days_ticket_update
AFTER UPDATE OF status, served_at, category, region, channel, reception_id, organisation_id,
                created_at ON tickets BEGIN
  UPDATE figure_days SET generation = generation + 1
    WHERE reception_id = OLD.reception_id AND day = OLD.created_at / 86400000
      AND day <= CAST(strftime('%s', 'now') AS INTEGER) / 86400 - 2;
  INSERT INTO figure_days (reception_id, day, organisation_id)
    VALUES (NEW.reception_id, NEW.created_at / 86400000, NEW.organisation_id)
    ON CONFLICT (reception_id, day) DO UPDATE SET generation = generation + 1
    WHERE day <= CAST(strftime('%s', 'now') AS INTEGER) / 86400 - 2
      AND (NEW.reception_id <> OLD.reception_id OR NEW.created_at / 86400000 <> OLD.created_at / 86400000);
END;

CREATE TRIGGER figure_days_ticket_delete AFTER DELETE ON tickets BEGIN
  UPDATE figure_days SET generation = generation + 1
    WHERE reception_id = OLD.reception_id AND day = OLD.created_at / 86400000
      AND day <= CAST(strftime('%s', 'now') AS INTEGER) / 86400 - 2;
END;

-- Seats (their kinds), rooms (reaching one; the outcome) and feedback (the rating) count for
-- the day of their ticket.
CREATE TRIGGER figure_days_seat_insert AFTER INSERT ON ticket_seats BEGIN
  UPDATE figure_days SET generation = generation + 1
    WHERE (reception_id, day) = (SELECT reception_id, created_at / 86400000 FROM tickets
                                 WHERE id = NEW.ticket_id)
      AND day <= CAST(strftime('%s', 'now') AS INTEGER) / 86400 - 2;
END;
CREATE TRIGGER figure_days_seat_change AFTER UPDATE OF kind, ticket_id ON ticket_seats BEGIN
  UPDATE figure_days SET generation = generation + 1
    WHERE (reception_id, day) IN (SELECT reception_id, created_at / 86400000 FROM tickets
                                  WHERE id IN (OLD.ticket_id, NEW.ticket_id))
      AND day <= CAST(strftime('%s', 'now') AS INTEGER) / 86400 - 2;
END;
CREATE TRIGGER figure_days_seat_delete AFTER DELETE ON ticket_seats BEGIN
  UPDATE figure_days SET generation = generation + 1
    WHERE (reception_id, day) = (SELECT reception_id, created_at / 86400000 FROM tickets
                                 WHERE id = OLD.ticket_id)
      AND day <= CAST(strftime('%s', 'now') AS INTEGER) / 86400 - 2;
END;
CREATE TRIGGER figure_days_room_insert AFTER INSERT ON rooms BEGIN
  UPDATE figure_days SET generation = generation + 1
    WHERE (reception_id, day) = (SELECT reception_id, created_at / 86400000 FROM tickets
                                 WHERE id = NEW.ticket_id)
      AND day <= CAST(strftime('%s', 'now') AS INTEGER) / 86400 - 2;
END;
CREATE TRIGGER figure_days_room_outcome AFTER UPDATE OF outcome, ticket_id ON rooms BEGIN
  UPDATE figure_days SET generation = generation + 1
    WHERE (reception_id, day) IN (SELECT reception_id, created_at / 86400000 FROM tickets
                                  WHERE id IN (OLD.ticket_id, NEW.ticket_id))
      AND day <= CAST(strftime('%s', 'now') AS INTEGER) / 86400 - 2;
END;
CREATE TRIGGER figure_days_room_delete AFTER DELETE ON rooms BEGIN
  UPDATE figure_days SET generation = generation + 1
    WHERE (reception_id, day) = (SELECT reception_id, created_at / 86400000 FROM tickets
                                 WHERE id = OLD.ticket_id)
      AND day <= CAST(strftime('%s', 'now') AS INTEGER) / 86400 - 2;
END;
CREATE TRIGGER figure_days_feedback_insert AFTER INSERT ON feedback BEGIN
  UPDATE figure_days SET generation = generation + 1
    WHERE (reception_id, day) = (SELECT reception_id, created_at / 86400000 FROM tickets
                                 WHERE id = NEW.ticket_id)
      AND day <= CAST(strftime('%s', 'now') AS INTEGER) / 86400 - 2;
END;
CREATE TRIGGER figure_days_feedback_change AFTER UPDATE OF rating, ticket_id ON feedback BEGIN
  UPDATE figure_days SET generation = generation + 1
    WHERE (reception_id, day) IN (SELECT reception_id, created_at / 86400000 FROM tickets
                                  WHERE id IN (OLD.ticket_id, NEW.ticket_id))
      AND day <= CAST(strftime('%s', 'now') AS INTEGER) / 86400 - 2;
END;
CREATE TRIGGER figure_days_feedback_delete AFTER DELETE ON feedback BEGIN
  UPDATE figure_days SET generation = generation + 1
    WHERE (reception_id, day) = (SELECT reception_id, created_at / 86400000 FROM tickets
                                 WHERE id = OLD.ticket_id)
      AND day <= CAST(strftime('%s', 'now') AS INTEGER) / 86400 - 2;
END;
