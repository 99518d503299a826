// XMPP load client for the chat peer (ejabberd, bench/ejabberd/): the XMPP twin of
// `reception_load chat` (bench/reception_load.cpp). It opens PAIRS pairs of users (u<2k> and
// u<2k+1> talk to each other, like a citizen and a specialist in a kelisim room); after the
// go file (if any) every connection sends RATE messages a second to its partner, spread
// evenly, for WARMUP + SECONDS seconds, then waits 2 s for stragglers and prints `key value`
// lines: sent, delivered (to the partner), msgs_per_second delivered, send→receive p50/p99
// (µs, from the send time written in the body), counted over the SECONDS window only.
//
//   node xmpp-load.mjs --port P [--host 127.0.0.1] [--domain bench.localhost] --pairs N
//        [--first I] --rate R --warmup S --seconds S [--password W] [--samples FILE]
//        [--ready FILE --go FILE] [--setup-concurrency 64]
//
// Accounts are made by in-band registration (XEP-0077; "conflict" when they exist is fine),
// then SASL PLAIN, resource binding and initial presence, on plain TCP. Kept cheap so that one
// core sends and receives several thousand messages a second: raw `net` sockets, no XML parser
// (stanzas are found with indexOf), one write per connection per tick.
import net from 'node:net';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';

const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
const host = args.host ?? '127.0.0.1';
const port = Number(args.port);
const domain = args.domain ?? 'bench.localhost';
const pairs = Number(args.pairs ?? 10);
const first = Number(args.first ?? 0);
const rate = Number(args.rate ?? 18);
const warmupMs = Number(args.warmup ?? 3) * 1000;
const windowMs = Number(args.seconds ?? 10) * 1000;
const password = args.password ?? 'Bench-password-1';
const setupConcurrency = Number(args['setup-concurrency'] ?? 64);
if (!port || !(rate > 0)) {
  console.error('usage: node xmpp-load.mjs --port P --pairs N --rate R --warmup S --seconds S …');
  process.exit(2);
}

const nowUs = () => Math.round((performance.timeOrigin + performance.now()) * 1000); // wall clock, µs
const errors = [];
const noteError = (e) => { if (errors.length < 5) errors.push(String(e).slice(0, 200)); };
const stats = { sent: 0, sentTotal: 0, delivered: 0, deliveredTotal: 0, errorStanzas: 0,
                samples: [], windowFrom: Infinity, windowTo: Infinity };

const streamHeader = `<?xml version='1.0'?><stream:stream to='${domain}' xmlns='jabber:client' ` +
  `xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>`;
const hasId = (s, id) => s.includes(`id='${id}'`) || s.includes(`id="${id}"`);

// One user's connection: set up step by step (each step waits for one answer), then loaded.
class Conn {
  constructor(index) {
    this.index = index;
    this.user = `u${index}`;
    this.partner = `u${index ^ 1}@${domain}`;
    this.buf = '';
    this.loaded = false;
    this.next = 0; // next send time (ms, performance.now())
    this.n = 0;
  }

  open() {
    return new Promise((resolve, reject) => {
      this.sock = net.connect({ host, port, noDelay: true });
      this.sock.setEncoding('utf8');
      this.waiter = null;
      this.sock.on('data', (d) => this.onData(d));
      this.sock.on('error', (e) => { noteError(`${this.user}: ${e.message}`); this.fail(e); });
      this.sock.on('close', () => this.fail(new Error('closed')));
      this.sock.on('connect', () => this.setup().then(resolve, reject));
    });
  }

  fail(e) {
    if (this.waiter) { const w = this.waiter; this.waiter = null; w.reject(e); }
    if (this.loaded && !this.closedNoted) { this.closedNoted = true; noteError(`${this.user}: ${e.message}`); }
  }

  // Resolves with the buffered text once it contains `what` (setup only).
  until(what) {
    return new Promise((resolve, reject) => {
      this.waiter = { what, resolve, reject };
      this.check();
    });
  }

  check() {
    const w = this.waiter;
    if (!w) return;
    const ok = typeof w.what === 'string' ? this.buf.includes(w.what) : w.what(this.buf);
    if (ok) {
      this.waiter = null;
      const text = this.buf;
      this.buf = '';
      w.resolve(text);
    } else if (this.buf.includes('<stream:error') || this.buf.includes('</stream:stream>')) {
      this.waiter = null;
      w.reject(new Error(`stream error: ${this.buf.slice(-200)}`));
    }
  }

  async setup() {
    const s = this.sock;
    s.write(streamHeader);
    await this.until('</stream:features>');
    s.write(`<iq type='set' id='reg'><query xmlns='jabber:iq:register'><username>${this.user}</username>` +
            `<password>${password}</password></query></iq>`);
    const reg = await this.until((b) => hasId(b, 'reg'));
    if (reg.includes("type='error'") && !reg.includes('conflict')) throw new Error(`register: ${reg.slice(0, 200)}`);
    const plain = Buffer.from(`\0${this.user}\0${password}`).toString('base64');
    s.write(`<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>${plain}</auth>`);
    const auth = await this.until((b) => b.includes('<success') || b.includes('<failure'));
    if (!auth.includes('<success')) throw new Error(`auth: ${auth.slice(0, 200)}`);
    s.write(streamHeader);
    await this.until('</stream:features>');
    s.write(`<iq type='set' id='bind'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>load</resource></bind></iq>`);
    const bind = await this.until((b) => hasId(b, 'bind'));
    if (!bind.includes("type='result'") && !bind.includes('type="result"')) throw new Error(`bind: ${bind.slice(0, 200)}`);
    s.write(`<presence/>`);
    this.loaded = true;
  }

  onData(d) {
    if (!this.loaded) { this.buf += d; this.check(); return; }
    const t = nowUs();
    let b = this.buf.length ? this.buf + d : d;
    let at = 0;
    let keep; // where the text kept for the next chunk starts
    for (;;) {
      const start = b.indexOf('<message', at);
      if (start < 0) { keep = Math.max(at, b.length - 8); break; } // `<message` may be cut
      const end = b.indexOf('</message>', start);
      if (end < 0) { keep = start; break; }
      at = end + 10;
      const head = b.indexOf('>', start);
      if (b.lastIndexOf("type='error'", head) > start || b.lastIndexOf('type="error"', head) > start) {
        ++stats.errorStanzas;
        if (stats.errorStanzas === 1) noteError(`error stanza: ${b.slice(start, Math.min(end, start + 300))}`);
        continue;
      }
      const body = b.indexOf('<body>', start);
      if (body < 0 || body > end) continue;
      const sentAt = parseInt(b.slice(body + 6, body + 6 + 20), 10); // the body starts with the send time
      ++stats.deliveredTotal;
      if (t >= stats.windowFrom && t < stats.windowTo) {
        ++stats.delivered;
        stats.samples.push(t - sentAt);
      }
    }
    this.buf = keep < b.length ? b.slice(keep) : '';
  }
}

// ---- set up, with bounded concurrency ----
const conns = [];
for (let i = 0; i < 2 * pairs; ++i) conns.push(new Conn(2 * first + i));
const setupStart = performance.now();
let failed = 0;
{
  let nextIndex = 0;
  const worker = async () => {
    while (nextIndex < conns.length) {
      const c = conns[nextIndex++];
      try { await c.open(); } catch (e) { ++failed; noteError(`setup ${c.user}: ${e.message}`); c.sock?.destroy(); }
    }
  };
  await Promise.all(Array.from({ length: Math.min(setupConcurrency, conns.length) }, worker));
}
const setupSeconds = (performance.now() - setupStart) / 1000;
const live = conns.filter((c) => c.loaded);
if (args.ready) fs.writeFileSync(args.ready, `${live.length}\n`);
if (args.go) {
  for (let i = 0; i < 3000 && !fs.existsSync(args.go); ++i) await new Promise((r) => setTimeout(r, 50));
}

// ---- load: connections in order of their first send time, all with the same period, so the
// due ones are always the next few in a circular list ----
const period = 1000 / rate;
const t0 = performance.now();
const wall0 = nowUs();
stats.windowFrom = wall0 + warmupMs * 1000;
stats.windowTo = stats.windowFrom + windowMs * 1000;
const endAt = t0 + warmupMs + windowMs;
let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x80000000);
for (const c of live) c.next = t0 + random() * period;
live.sort((a, b) => a.next - b.next);
const padding = 'x'.repeat(60);
let cursor = 0;

function tick() {
  const now = performance.now();
  if (live.length === 0) return;
  const stop = Math.min(now, endAt);
  // Each pass sends every connection that is due at most once; loop again if behind.
  let guard = 0;
  while (live[cursor].next <= stop && guard++ < live.length * 4) {
    const c = live[cursor];
    let out = '';
    while (c.next <= stop) {
      c.next += period;
      const t = nowUs();
      out += `<message to='${c.partner}' type='chat' id='${c.index}.${++c.n}'><body>${t} Сообщение ${padding}</body></message>`;
      ++stats.sentTotal;
      if (t >= stats.windowFrom && t < stats.windowTo) ++stats.sent;
    }
    if (out) c.sock.write(out);
    cursor = (cursor + 1) % live.length;
  }
}
const timer = setInterval(tick, 2);
await new Promise((r) => setTimeout(r, warmupMs + windowMs));
clearInterval(timer);
await new Promise((r) => setTimeout(r, 2000)); // the last deliveries

// ---- figures ----
const pct = (v, q) => (v.length ? v[Math.min(v.length - 1, Math.floor(v.length * q))] : 0);
stats.samples.sort((a, b) => a - b);
const w = windowMs / 1000;
const lines = [
  ['rooms', live.length / 2], ['connections', live.length], ['failed', failed],
  ['setup_seconds', setupSeconds.toFixed(2)], ['sent', stats.sent], ['delivered', stats.delivered],
  ['received', stats.delivered], ['errors', stats.errorStanzas], ['sent_total', stats.sentTotal],
  ['delivered_total', stats.deliveredTotal], ['window_seconds', w.toFixed(1)],
  ['msgs_per_second', (stats.delivered / w).toFixed(0)],
  ['deliver_p50_us', pct(stats.samples, 0.5)], ['deliver_p99_us', pct(stats.samples, 0.99)],
];
process.stdout.write(lines.map(([k, v]) => `${k} ${v}`).join('\n') + '\n');
for (const e of errors) process.stdout.write(`error ${e}\n`);
if (args.samples) fs.writeFileSync(args.samples, stats.samples.map((v) => `d ${v}`).join('\n') + '\n');
for (const c of conns) c.sock?.destroy();
process.exit(0);
