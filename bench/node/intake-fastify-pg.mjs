// Peer for the intake benchmark: fastify + node-postgres (a pool of 10), one INSERT per ticket
// (autocommit: durable with PostgreSQL's default synchronous_commit=on), answered 201 only after
// the commit. Same contract as intake-server.mjs.
// argv: PostgreSQL URL, port file, seconds before it stops by itself.
import fs from 'node:fs';
import Fastify from 'fastify';
import pg from 'pg';
import { CREATE_TICKETS, INSERT_PG, invalid, ticket, problem } from './intake-common.mjs';

const [url, portFile, seconds = '120'] = process.argv.slice(2);
const pool = new pg.Pool({ connectionString: url, max: 10 });
await pool.query(CREATE_TICKETS);

const app = Fastify({ logger: false, keepAliveTimeout: 60000 });
app.post('/api/v1/tickets', async (req, reply) => {
  const bad = invalid(req.body);
  if (bad) return reply.code(bad).type('application/problem+json').send(problem(bad));
  const { row, body } = ticket(req.body);
  await pool.query({ name: 'insert-ticket', text: INSERT_PG, values: row });
  return reply.code(201).send(body);
});
await app.listen({ host: '127.0.0.1', port: 0 });
fs.writeFileSync(portFile, String(app.server.address().port));
setTimeout(() => { pool.end(); process.exit(0); }, Number(seconds) * 1000).unref();
