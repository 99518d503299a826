// What the intake peers (intake-server.mjs, intake-fastify-sqlite.mjs, intake-fastify-pg.mjs)
// share: the tickets table, the validation of POST /api/v1/tickets, the row to INSERT and the
// 201 body. Each peer answers 201 only after its one INSERT per ticket has committed.
import crypto from 'node:crypto';

// created_at is milliseconds since 1970: BIGINT in PostgreSQL, INTEGER affinity in SQLite.
export const CREATE_TICKETS = `CREATE TABLE IF NOT EXISTS tickets (
  id TEXT PRIMARY KEY, reception_id TEXT NOT NULL, region TEXT NOT NULL, language TEXT NOT NULL,
  category TEXT NOT NULL, description TEXT NOT NULL, channel TEXT NOT NULL, kinds TEXT NOT NULL,
  status TEXT NOT NULL, created_at BIGINT NOT NULL)`;
export const INSERT_SQLITE = `INSERT INTO tickets VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'waiting', ?)`;
export const INSERT_PG = `INSERT INTO tickets VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'waiting', $9)`;

// A parsed request body → the HTTP status to refuse it with, or null when it is a ticket.
export function invalid(t) {
  if (t === null || typeof t !== 'object') return 400;
  if (typeof t.description !== 'string' || t.description.length > 4000 || t.consent !== true ||
      !Array.isArray(t.kinds) || t.kinds.length === 0) return 422;
  return null;
}

// A valid ticket → { row: the INSERT's parameters, body: the 201 answer once committed }.
export function ticket(t) {
  const id = crypto.randomBytes(12).toString('hex');
  const now = Date.now();
  return {
    row: [id, t.reception_id ?? '', t.region, t.language, t.category, t.description, t.channel,
          t.kinds.join(','), now],
    body: { ticket: { id, reception_id: t.reception_id, status: 'waiting',
                      created_at: new Date(now).toISOString() }, link: null },
  };
}

export const problem = (status) => ({ status });
