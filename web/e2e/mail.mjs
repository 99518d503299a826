// The mail a server without SMTP writes to <data_dir>/mail/<id>.eml, read by the browser
// tests: mailbox() remembers which files exist, and linkTo() waits for new mail to an
// address and returns the `/set-password#<token>` link in the newest one. A body may be
// base64 (UTF-8) or plain, in a single part or in parts of a multipart message.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const LINK = /\/set-password#[A-Za-z0-9_~.%-]+/;

function files(dir) {
  try {
    return readdirSync(dir).filter((name) => name.endsWith('.eml'));
  } catch {
    return []; // no mail yet: the directory appears with the first one
  }
}

/** Splits a MIME entity into its unfolded headers (lower-case names) and its body. */
function entity(text) {
  const split = text.search(/\r?\n\r?\n/);
  const head = split < 0 ? text : text.slice(0, split);
  const body = split < 0 ? '' : text.slice(split).replace(/^\r?\n\r?\n/, '');
  const headers = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body };
}

/** The decoded text of every part of a message. */
function texts({ headers, body }) {
  const type = headers['content-type'] ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (/^multipart\//i.test(type) && boundary) {
    return body
      .split(`--${boundary}`)
      .slice(1)
      .filter((part) => !part.startsWith('--'))
      .flatMap((part) => texts(entity(part.replace(/^\r?\n/, ''))));
  }
  const encoding = (headers['content-transfer-encoding'] ?? '').toLowerCase();
  if (encoding === 'base64') return [Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')];
  if (encoding === 'quoted-printable') {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
    return [Buffer.from(bytes, 'latin1').toString('utf8')];
  }
  return [body];
}

export function mailbox(dataDir) {
  check(dataDir, 'KELISIM_DATA_DIR is not set: the tests read the mail the server writes there');
  const dir = join(dataDir, 'mail');
  const seen = new Set(files(dir));

  /** New messages to `address`, oldest first, each as { subject, text }. */
  function newMailTo(address) {
    return files(dir)
      .filter((name) => !seen.has(name))
      .map((name) => ({ name, at: statSync(join(dir, name)).mtimeMs, raw: readFileSync(join(dir, name), 'utf8') }))
      .map((mail) => ({ ...mail, message: entity(mail.raw) }))
      .filter(({ message }) => (message.headers.to ?? '').toLowerCase().includes(address.toLowerCase()))
      .sort((a, b) => a.at - b.at || a.name.localeCompare(b.name))
      .map(({ name, message }) => ({ name, subject: message.headers.subject ?? '', text: texts(message).join('\n') }));
  }

  return {
    /**
     * Waits until `count` new messages to `address` have come, marks them read and returns
     * the set-password link (path and hash) of the newest.
     */
    async linkTo(address, { count = 1, timeout = 15_000 } = {}) {
      const deadline = Date.now() + timeout;
      for (;;) {
        const mail = newMailTo(address);
        if (mail.length >= count) {
          for (const { name } of mail) seen.add(name);
          const newest = mail[mail.length - 1];
          const link = LINK.exec(newest.text)?.[0];
          check(link, `no /set-password# link in the mail to ${address}:\n${newest.text}`);
          return link;
        }
        if (Date.now() > deadline) throw new Error(`${count} mail(s) to ${address} expected in ${dir}, ${mail.length} came`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    },
    /** Waits for a new message to `address`, marks it read and returns { subject, text }. */
    async messageTo(address, { timeout = 15_000 } = {}) {
      const deadline = Date.now() + timeout;
      for (;;) {
        const mail = newMailTo(address);
        if (mail.length > 0) {
          for (const { name } of mail) seen.add(name);
          return mail[mail.length - 1];
        }
        if (Date.now() > deadline) throw new Error(`no mail to ${address} in ${dir}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    },
    /** Whether any new message went to `address` (without waiting). */
    hasMailTo(address) {
      return newMailTo(address).length > 0;
    },
  };
}

function check(condition, message) {
  if (!condition) throw new Error(message);
}
