// The bench's invited specialists set their password through the link the server mailed them
// (a server without SMTP writes each mail to DATA_DIR/mail/<id>.eml), as a person would:
//   node activate-invited.mjs DATA_DIR PORT PASSWORD COUNT
// Waits up to 120 s for COUNT invitations to @bench.kelisim.kz addresses, then posts each
// token to /api/v1/auth/set-password, 16 at a time. Exits non-zero when one is missing or refused.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [dataDir, port, password, countText] = process.argv.slice(2);
const count = Number(countText);
const dir = join(dataDir, 'mail');
const LINK = /\/set-password#([A-Za-z0-9_~.%-]+)/;

/** The decoded text of a mail (single part or multipart; base64, quoted-printable or plain). */
function text(raw) {
  const split = raw.search(/\r?\n\r?\n/);
  const head = raw.slice(0, split).replace(/\r?\n[ \t]+/g, ' ');
  const body = raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const header = (name) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1] ?? '';
  const type = header('content-type');
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (/^multipart\//i.test(type) && boundary)
    return body
      .split(`--${boundary}`)
      .slice(1)
      .filter((part) => !part.startsWith('--'))
      .map((part) => text(part.replace(/^\r?\n/, '')))
      .join('\n');
  const encoding = header('content-transfer-encoding').toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable')
    return Buffer.from(
      body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16))),
      'latin1',
    ).toString('utf8');
  return body;
}

function invitations() {
  let names = [];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.eml'));
  } catch {
    return new Map();
  }
  const found = new Map(); // address → token
  for (const name of names) {
    const raw = readFileSync(join(dir, name), 'utf8');
    const to = /^To:\s*(.*)$/im.exec(raw)?.[1] ?? '';
    const address = /[\w.+-]+@bench\.kelisim\.kz/i.exec(to)?.[0];
    const token = LINK.exec(text(raw))?.[1];
    if (address && token) found.set(address.toLowerCase(), decodeURIComponent(token));
  }
  return found;
}

const deadline = Date.now() + 120_000;
let found = invitations();
while (found.size < count) {
  if (Date.now() > deadline) {
    console.error(`activate-invited: ${found.size} of ${count} invitations in ${dir}`);
    process.exit(1);
  }
  await new Promise((resolve) => setTimeout(resolve, 250));
  found = invitations();
}
const origin = `http://127.0.0.1:${port}`;
const tokens = [...found.values()];
let failed = 0;
for (let i = 0; i < tokens.length; i += 16) {
  const answers = await Promise.all(
    tokens.slice(i, i + 16).map((token) =>
      fetch(`${origin}/api/v1/auth/set-password`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' }, // no Origin: not a browser (as reception_load)
        body: JSON.stringify({ token, password }),
      }),
    ),
  );
  for (const a of answers)
    if (a.status !== 200) {
      if (failed === 0) console.error(`activate-invited: ${a.status} ${(await a.text()).slice(0, 300)}`);
      failed += 1;
    }
}
if (failed > 0) {
  console.error(`activate-invited: ${failed} of ${tokens.length} set-password requests refused`);
  process.exit(1);
}
