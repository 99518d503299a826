// Peer for the intake benchmark: POST /api/v1/tickets on node:http, one durable INSERT per
// ticket with better-sqlite3 (WAL, synchronous=FULL), answered 201 only after the commit.
// argv: database file, port file, seconds before it stops by itself.
import http from 'node:http';
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { CREATE_TICKETS, INSERT_SQLITE, invalid, ticket, problem } from './intake-common.mjs';

const [dbFile, portFile, seconds = '120'] = process.argv.slice(2);
const db = new Database(dbFile);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec(CREATE_TICKETS);
const insert = db.prepare(INSERT_SQLITE);

function refuse(res, status) {
  res.writeHead(status, { 'content-type': 'application/problem+json' });
  res.end(JSON.stringify(problem(status)));
}

const server = http.createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/api/v1/tickets') return refuse(res, 404);
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    let t;
    try { t = JSON.parse(Buffer.concat(chunks).toString('utf8')); } catch { return refuse(res, 400); }
    const bad = invalid(t);
    if (bad) return refuse(res, bad);
    const { row, body } = ticket(t);
    insert.run(...row);
    res.writeHead(201, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  });
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => fs.writeFileSync(portFile, String(server.address().port)));
setTimeout(() => { db.close(); process.exit(0); }, Number(seconds) * 1000).unref();
