// Peer for the intake benchmark: POST /api/v1/tickets on node:http, one durable INSERT per
// ticket with better-sqlite3 (WAL, synchronous=FULL), answered 201 only after the commit.
// argv: database file, port file, seconds before it stops by itself.
import http from 'node:http';
import fs from 'node:fs';
import crypto from 'node:crypto';
import Database from 'better-sqlite3';

const [dbFile, portFile, seconds = '120'] = process.argv.slice(2);
const db = new Database(dbFile);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec(`CREATE TABLE IF NOT EXISTS tickets (
  id TEXT PRIMARY KEY, reception_id TEXT NOT NULL, region TEXT NOT NULL, language TEXT NOT NULL,
  category TEXT NOT NULL, description TEXT NOT NULL, channel TEXT NOT NULL, kinds TEXT NOT NULL,
  status TEXT NOT NULL, created_at INTEGER NOT NULL)`);
const insert = db.prepare(`INSERT INTO tickets VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'waiting', ?)`);

function problem(res, status) {
  res.writeHead(status, { 'content-type': 'application/problem+json' });
  res.end(JSON.stringify({ status }));
}

const server = http.createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/api/v1/tickets') return problem(res, 404);
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    let t;
    try { t = JSON.parse(Buffer.concat(chunks).toString('utf8')); } catch { return problem(res, 400); }
    if (typeof t.description !== 'string' || t.description.length > 4000 || t.consent !== true ||
        !Array.isArray(t.kinds) || t.kinds.length === 0) return problem(res, 422);
    const id = crypto.randomBytes(12).toString('hex');
    const now = Date.now();
    insert.run(id, t.reception_id ?? '', t.region, t.language, t.category, t.description,
               t.channel, t.kinds.join(','), now);
    res.writeHead(201, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ticket: { id, reception_id: t.reception_id, status: 'waiting',
      created_at: new Date(now).toISOString() }, link: null }));
  });
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => fs.writeFileSync(portFile, String(server.address().port)));
setTimeout(() => { db.close(); process.exit(0); }, Number(seconds) * 1000).unref();
