// Peer for the intake benchmark: fastify + better-sqlite3 (WAL, synchronous=FULL), one durable
// INSERT per ticket, answered 201 only after the commit. Same contract as intake-server.mjs.
// argv: database file, port file, seconds before it stops by itself.
import fs from 'node:fs';
import Fastify from 'fastify';
import Database from 'better-sqlite3';
import { CREATE_TICKETS, INSERT_SQLITE, invalid, ticket, problem } from './intake-common.mjs';

const [dbFile, portFile, seconds = '120'] = process.argv.slice(2);
const db = new Database(dbFile);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec(CREATE_TICKETS);
const insert = db.prepare(INSERT_SQLITE);

const app = Fastify({ logger: false, keepAliveTimeout: 60000 });
app.post('/api/v1/tickets', (req, reply) => {
  const bad = invalid(req.body);
  if (bad) return reply.code(bad).type('application/problem+json').send(problem(bad));
  const { row, body } = ticket(req.body);
  insert.run(...row);
  return reply.code(201).send(body);
});
app.get('/healthz', (req, reply) => reply.type('text/plain').send('ok')); // the HTTP floor
await app.listen({ host: '127.0.0.1', port: 0 });
fs.writeFileSync(portFile, String(app.server.address().port));
setTimeout(() => { db.close(); process.exit(0); }, Number(seconds) * 1000).unref();
