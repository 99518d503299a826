// Browser tests for the Kelisim web client, driven with playwright-core against a running
// server (KELISIM_URL, default http://127.0.0.1:8080) seeded with the demo accounts
// (password in KELISIM_DEMO_PASSWORD). Prints `ok - name` / `not ok - name`, then
// `e2e: N passed, M failed`, and exits non-zero on failure. Screenshots go to
// e2e/screenshots/. Every page runs under the server's real CSP; axe-core is injected
// through the DevTools protocol (page.evaluate), which CSP does not block.
// The invitation and password-reset tests read the mail the server writes under its data
// directory (KELISIM_DATA_DIR, the server's --data-dir) when it has no SMTP server.
// Usage: KELISIM_URL=http://127.0.0.1:8095 KELISIM_DEMO_PASSWORD=... KELISIM_DATA_DIR=... npm run e2e [-- filter]
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { accountTests } from './accounts.mjs';
import { caseTests } from './cases.mjs';
import { conferenceTests } from './conference.mjs';
import { mailbox } from './mail.mjs';
import { manageTests } from './manage.mjs';
import { mediatorTests } from './mediators.mjs';
import { privacyTests } from './privacy.mjs';
import { receptionTests } from './reception.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const BASE = (process.env.KELISIM_URL ?? 'http://127.0.0.1:8080').replace(/\/$/, '');
const PASSWORD = process.env.KELISIM_DEMO_PASSWORD ?? '';
// The server's --data-dir: without SMTP it writes each mail there (mail/<id>.eml).
const DATA_DIR = process.env.KELISIM_DATA_DIR ?? '';
const FILTER = process.argv[2] ?? '';
const SHOTS = join(here, 'screenshots');
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const LANGS = ['en', 'ru', 'kk'];
const CATALOGUE = Object.fromEntries(
  LANGS.map((l) => [l, JSON.parse(readFileSync(join(here, '..', 'src', 'i18n', `${l}.json`), 'utf8'))]),
);
const LOCALE = { kk: 'kk-KZ', ru: 'ru-RU', en: 'en-GB' };
const PHONE = { width: 360, height: 740 };
const TIMEOUT = 15_000;
const RUN = Date.now().toString(36);
const DEMO = {
  admin: 'admin@demo.kelisim.kz',
  coordinator: 'coordinator.wko@demo.kelisim.kz',
  specialist: 'mediator@demo.kelisim.kz',
  citizen: 'citizen@demo.kelisim.kz',
};
const WRONG_PASSWORD_ACCOUNT = 'other@demo.kelisim.kz';
const ALL_DEMO = [
  ['admin', 'admin@demo.kelisim.kz'],
  ['coordinator', 'coordinator.wko@demo.kelisim.kz'],
  ['coordinator', 'coordinator.astana@demo.kelisim.kz'],
  ...['mediator', 'psychologist', 'lawyer', 'judge', 'doctor', 'anticorruption', 'other'].map((k) => [
    'specialist',
    `${k}@demo.kelisim.kz`,
  ]),
  ['citizen', 'citizen@demo.kelisim.kz'],
];

mkdirSync(SHOTS, { recursive: true });

/** Looks up a dotted key in a catalogue. */
function tr(lang, key) {
  const value = key.split('.').reduce((node, part) => node?.[part], CATALOGUE[lang]);
  if (typeof value !== 'string') throw new Error(`no translation ${lang}:${key}`);
  return value;
}

/** A catalogue text with {{name}} filled in; with `count`, the CLDR plural form of the key. */
function trf(lang, key, values = {}) {
  let text;
  if (typeof values.count === 'number') {
    const form = new Intl.PluralRules(lang).select(values.count);
    try {
      text = tr(lang, `${key}_${form}`);
    } catch {
      text = tr(lang, `${key}_other`);
    }
  } else text = tr(lang, key);
  return text.replace(/\{\{(\w+)\}\}/g, (_, name) => String(values[name]));
}

function check(condition, message) {
  if (!condition) throw new Error(message);
}

// ---- browser plumbing -------------------------------------------------------------

let browser;
const tests = [];
function test(name, fn) {
  tests.push({ name, fn });
}

/** A fresh context (empty storage) with a phone viewport; collects CSP and JS errors. */
async function open(t, { lang = 'ru', viewport = PHONE } = {}) {
  const context = await browser.newContext({ viewport, locale: LOCALE[lang] });
  t.contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  page.on('pageerror', (error) => t.problems.push(`page error: ${error.message}`));
  page.on('console', (msg) => {
    const text = msg.text();
    if (/Content.Security.Policy|Refused to/i.test(text)) t.problems.push(`CSP: ${text}`);
  });
  return page;
}

async function go(page, path) {
  await page.goto(BASE + path, { waitUntil: 'load' });
}

async function testId(page, id) {
  const locator = page.locator(`[data-testid="${id}"]`);
  await locator.first().waitFor({ state: 'visible' });
  return locator.first();
}

async function htmlLang(page) {
  return page.evaluate(() => document.documentElement.lang);
}

/** Waits until the <html lang> is `lang` (the switch is asynchronous). */
async function waitLang(page, lang) {
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
}

async function axe(page, label) {
  await page.evaluate(AXE);
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map(
      (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`,
    );
  });
  check(result.length === 0, `axe on ${label}:\n    ${result.join('\n    ')}`);
}

async function noHorizontalScroll(page, label) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  const viewport = page.viewportSize()?.width ?? 0;
  check(width <= viewport, `${label}: page is ${width}px wide in a ${viewport}px viewport`);
}

async function shot(page, name) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** Every page check at once: axe, no sideways scroll on a phone, a screenshot. */
async function inspect(page, name) {
  await noHorizontalScroll(page, name);
  await axe(page, name);
  await shot(page, name);
}

async function chooseLanguage(page, lang) {
  await page.click(`[data-testid="language-${lang}"]`);
  await waitLang(page, lang);
}

/**
 * Clicks a submit button and waits for the API call it makes. The server rate-limits
 * sign-in and sign-up per address (10 and 5 a minute by default); on 429 this waits
 * for Retry-After and submits again, so the suite also passes against default limits.
 */
async function submit(page, button, apiPath) {
  for (let attempt = 0; attempt < 8; attempt += 1) {
    const answered = page.waitForResponse((r) => new URL(r.url()).pathname === apiPath && r.request().method() === 'POST');
    await page.click(button);
    const response = await answered;
    if (response.status() !== 429) return response;
    // A locked account (too many wrong passwords) is an answer, not a rate limit.
    const type = (await response.json().catch(() => ({}))).type ?? '';
    if (type.endsWith(':account-locked')) return response;
    const wait = Number(response.headers()['retry-after'] ?? '5');
    console.log(`# ${apiPath} rate-limited, waiting ${wait}s`);
    await page.waitForTimeout(Math.min(Math.max(wait, 1), 65) * 1000);
  }
  throw new Error(`${apiPath} still rate-limited`);
}

async function signIn(page, email, password = PASSWORD) {
  await go(page, '/sign-in');
  await testId(page, 'sign-in');
  await page.fill('#email', email);
  await page.fill('#password', password);
  return submit(page, '[data-testid="sign-in-submit"]', '/api/v1/auth/sign-in');
}

async function expectHome(page, role) {
  const main = await testId(page, `home-${role}`);
  const lang = await htmlLang(page);
  const title = (await page.locator(`[data-testid="home-${role}-title"]`).textContent())?.trim();
  check(title === tr(lang, `home.${role}.title`), `home-${role} heading "${title}" is not ${lang}:home.${role}.title`);
  return { main, lang };
}

async function signOut(page) {
  await page.click('[data-testid="sign-out"]');
  await testId(page, 'landing');
}

// ---- the tests ----------------------------------------------------------------------

test('server serves the app with a strict CSP and no inline script or style', async () => {
  const response = await fetch(`${BASE}/`);
  const html = await response.text();
  check(response.ok, `GET / answered ${response.status}`);
  const csp = response.headers.get('content-security-policy') ?? '';
  check(/script-src 'self'/.test(csp), `CSP header missing or loose: "${csp}"`);
  check(!/<script(?![^>]*\bsrc=)[^>]*>/i.test(html), 'inline <script> in index.html');
  check(!/<style|\sstyle=/i.test(html), 'inline style in index.html');
  const deep = await fetch(`${BASE}/home`);
  check(deep.ok && (await deep.text()).includes('id="app"'), 'no SPA fallback for /home');
});

test('the API client matches the server\'s openapi.json', async () => {
  const response = await fetch(`${BASE}/api/v1/openapi.json`);
  check(response.ok, `openapi.json answered ${response.status}`);
  const spec = await response.json();
  const used = [
    ['get', '/api/v1/me'],
    ['patch', '/api/v1/me'],
    ['post', '/api/v1/auth/sign-up'],
    ['post', '/api/v1/auth/sign-in'],
    ['post', '/api/v1/auth/sign-out'],
    ['get', '/api/v1/users'],
    ['post', '/api/v1/users'],
    ['get', '/api/v1/organisations'],
    ['get', '/api/v1/regions'],
    ['patch', '/api/v1/users/{id}'],
    ['post', '/api/v1/users/{id}/invitation'],
    ['post', '/api/v1/users/{id}/deactivate'],
    ['post', '/api/v1/users/{id}/reactivate'],
    ['post', '/api/v1/auth/password-reset'],
    ['post', '/api/v1/auth/account-link'],
    ['post', '/api/v1/auth/set-password'],
    ['post', '/api/v1/auth/sign-out-everywhere'],
    ['post', '/api/v1/me/password'],
    ['delete', '/api/v1/me'],
    ['get', '/api/v1/consent'],
    ['post', '/api/v1/tickets/{id}/erase'],
    ['post', '/api/v1/organisations'],
    ['patch', '/api/v1/organisations/{id}'],
    ['get', '/api/v1/audit'],
    ['patch', '/api/v1/receptions/{id}'],
    ['get', '/api/v1/receptions/{id}/roster'],
    ['put', '/api/v1/receptions/{id}/roster'],
    ['post', '/api/v1/receptions/{id}/close'],
    ['put', '/api/v1/organisations/{id}/line'],
  ];
  // Path parameters match whatever the server names them ({id}, {user_id}…).
  const shape = (path) => path.replace(/\{[^}]+\}/g, '{}');
  const paths = Object.fromEntries(Object.entries(spec.paths ?? {}).map(([path, item]) => [shape(path), item]));
  const missing = used.filter(([method, path]) => !paths[shape(path)]?.[method]);
  check(missing.length === 0, `not in openapi.json: ${missing.map((m) => m.join(' ')).join(', ')}`);
  // Every enum value the server may send has a translation, and nothing more is offered.
  const schemas = spec.components?.schemas ?? {};
  for (const [schema, prefix] of [['Role', 'role'], ['Kind', 'kind'], ['Category', 'category'], ['Language', 'language']]) {
    const values = schemas[schema]?.enum;
    check(Array.isArray(values), `openapi.json has no ${schema} enum`);
    for (const lang of LANGS) {
      const keys = Object.keys(CATALOGUE[lang][prefix]).sort();
      check(JSON.stringify(keys) === JSON.stringify([...values].sort()), `${lang}:${prefix}.* ≠ ${schema} enum ${values}`);
    }
  }
});

for (const lang of LANGS) {
  test(`[${lang}] landing page follows the browser language`, async (t) => {
    const page = await open(t, { lang });
    await go(page, '/');
    await testId(page, 'landing');
    await waitLang(page, lang);
    const h1 = (await page.locator('h1').textContent())?.trim();
    check(h1 === tr(lang, 'landing.title'), `h1 "${h1}"`);
    await inspect(page, `landing-${lang}`);
  });
}

for (const lang of LANGS) {
  test(`[${lang}] a new citizen signs up and sees their home page`, async (t) => {
    const page = await open(t, { lang: 'ru' });
    await go(page, '/');
    await chooseLanguage(page, lang);
    await page.click('[data-testid="landing-sign-up"]');
    await testId(page, 'sign-up');
    await inspect(page, `sign-up-${lang}`);
    // Client-side checks first: empty form, then a short and mismatched password.
    await page.click('[data-testid="sign-up-submit"]');
    await page.locator('#email[aria-invalid="true"]').waitFor();
    await page.fill('#password', 'short');
    await page.fill('#password_confirm', 'different');
    await page.click('[data-testid="sign-up-submit"]');
    const mismatch = await page.locator('#password_confirm-error').textContent();
    check(mismatch === tr(lang, 'validation.passwordMismatch'), `mismatch error "${mismatch}"`);
    await inspect(page, `sign-up-errors-${lang}`);
    const email = `e2e-${RUN}-${lang}@example.kz`;
    await page.fill('#display_name', { kk: 'Әлия Сәрсенова', ru: 'Мария Петрова', en: 'Jane Doe' }[lang]);
    await page.fill('#email', email);
    await page.fill('#password', 'Correct-horse-42');
    await page.fill('#password_confirm', 'Correct-horse-42');
    await page.check('#consent'); // consent to the processing of personal data is required
    await submit(page, '[data-testid="sign-up-submit"]', '/api/v1/auth/sign-up');
    const home = await expectHome(page, 'citizen');
    check(home.lang === lang, `signed up in ${lang} but the home page is in ${home.lang}`);
    const shown = await page.locator('[data-testid="profile-email"]').textContent();
    check(shown === email, `profile shows ${shown}`);
    await inspect(page, `home-citizen-new-${lang}`);
    await signOut(page);
    if (lang !== 'en') return; // sign-ups are rate-limited: check refusals once
    // Signing up again with the same email is refused, with the server's message.
    await go(page, '/sign-up');
    await page.fill('#display_name', 'Twice');
    await page.fill('#email', email);
    await page.fill('#password', 'Correct-horse-42');
    await page.fill('#password_confirm', 'Correct-horse-42');
    await page.check('#consent');
    const refused = await submit(page, '[data-testid="sign-up-submit"]', '/api/v1/auth/sign-up');
    check(refused.status() >= 400, `duplicate sign-up answered ${refused.status()}`);
    const error = await testId(page, 'form-error');
    check(((await error.textContent()) ?? '').trim() !== '', 'no error for a duplicate email');
    await inspect(page, `sign-up-duplicate-${lang}`);
  });
}

const wrongPasswordText = {};
for (const lang of LANGS) {
  test(`[${lang}] a wrong password shows the server's localised error`, async (t) => {
    const page = await open(t, { lang });
    await go(page, '/sign-in');
    await waitLang(page, lang);
    // Not a demo account used elsewhere: five failures lock an account for a while.
    await page.fill('#email', WRONG_PASSWORD_ACCOUNT);
    await page.fill('#password', 'not-the-password-1');
    const response = await submit(page, '[data-testid="sign-in-submit"]', '/api/v1/auth/sign-in');
    check(response.status() === 401, `wrong password answered ${response.status()}`);
    const error = await testId(page, 'form-error');
    const text = ((await error.textContent()) ?? '').trim();
    check(text !== '', 'empty error');
    wrongPasswordText[lang] = text;
    if (lang !== 'en') {
      check(wrongPasswordText.en === undefined || text !== wrongPasswordText.en, `${lang} error is the English text: ${text}`);
      check(/[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]/.test(text), `${lang} error is not Cyrillic: ${text}`);
    }
    check(!(await page.locator('[data-testid^="home-"]').count()), 'signed in with a wrong password');
    await inspect(page, `sign-in-error-${lang}`);
  });
}

const ROLE_LANG = { admin: 'kk', coordinator: 'ru', specialist: 'en', citizen: 'kk' };
for (const [role, email] of Object.entries(DEMO)) {
  test(`${role} signs in and sees the ${role} home page`, async (t) => {
    const page = await open(t, { lang: ROLE_LANG[role] });
    await signIn(page, email);
    const { lang } = await expectHome(page, role);
    const roleText = await page.locator('[data-testid="profile-role"]').textContent();
    check(roleText === tr(lang, `role.${role}`), `role shown as "${roleText}"`);
    await inspect(page, `home-${role}-${lang}`);
    // The same page in the other languages, each checked too.
    for (const other of LANGS.filter((l) => l !== lang)) {
      await chooseLanguage(page, other);
      await expectHome(page, role);
      await inspect(page, `home-${role}-${other}`);
    }
    await chooseLanguage(page, lang);
  });
}

test('every demo account reaches its home page', async (t) => {
  for (const [role, email] of ALL_DEMO) {
    const page = await open(t);
    await signIn(page, email);
    await expectHome(page, role);
    await page.context().close();
  }
});

test('language is remembered per user on the server', async (t) => {
  const page = await open(t, { lang: 'en' });
  await signIn(page, DEMO.specialist);
  const { lang: before } = await expectHome(page, 'specialist');
  const target = LANGS.find((l) => l !== before);
  const saved = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/me' && r.request().method() === 'PATCH');
  await chooseLanguage(page, target);
  check((await saved).ok(), 'PATCH /api/v1/me failed');
  // Another device: empty storage, a browser in yet another language.
  const other = LANGS.find((l) => l !== before && l !== target);
  const page2 = await open(t, { lang: other });
  await signIn(page2, DEMO.specialist);
  const { lang: after } = await expectHome(page2, 'specialist');
  check(after === target, `chose ${target}, the next sign-in shows ${after}`);
  await page2.reload();
  await expectHome(page2, 'specialist');
  check((await htmlLang(page2)) === target, 'reload lost the language');
  await chooseLanguage(page2, before); // leave the demo account as it was
});

test('an anonymous visitor keeps the chosen language after a reload', async (t) => {
  const page = await open(t, { lang: 'ru' });
  await go(page, '/');
  await chooseLanguage(page, 'kk');
  await page.reload();
  await testId(page, 'landing');
  await waitLang(page, 'kk');
  const signIn = (await page.locator('[data-testid="landing-sign-in"]').textContent())?.trim();
  check(signIn === tr('kk', 'landing.signIn'), `sign-in button "${signIn}"`);
});

test('admin invites a specialist who sets a password from the mail and signs in', async (t) => {
  const page = await open(t, { lang: 'en' });
  await signIn(page, DEMO.admin);
  const { lang } = await expectHome(page, 'admin');
  await testId(page, 'user-list');
  await testId(page, 'organisation-list');
  // Empty submit: every problem is shown next to its field.
  await page.click('[data-testid="staff-submit"]');
  await page.locator('#staff-email[aria-invalid="true"]').waitFor();
  await inspect(page, `admin-form-errors-${lang}`);
  const email = `e2e-${RUN}-psy@example.kz`;
  const name = `E2E Psychologist ${RUN}`;
  const inbox = mailbox(DATA_DIR);
  await page.fill('#staff-display_name', name);
  await page.fill('#staff-email', email);
  await page.check('#staff-kinds input[value="psychologist"]');
  await page.selectOption('#staff-organisation', { index: 1 });
  const invited = await submit(page, '[data-testid="staff-submit"]', '/api/v1/users');
  check(invited.status() === 201, `invitation answered ${invited.status()}`);
  await page.locator('[data-testid="user-list"] li', { hasText: email }).waitFor();
  const status = (await page.locator('[data-testid="staff-invited"]').textContent()) ?? '';
  check(status.includes(email), `status "${status}"`);
  const link = await inbox.linkTo(email);
  const page2 = await open(t);
  await go(page2, link);
  await testId(page2, 'set-password-for');
  await page2.fill('#password', 'Specialist-pass-1');
  await page2.fill('#password_confirm', 'Specialist-pass-1');
  await submit(page2, '[data-testid="set-password-submit"]', '/api/v1/auth/set-password');
  await expectHome(page2, 'specialist');
  const page3 = await open(t);
  await signIn(page3, email, 'Specialist-pass-1');
  await expectHome(page3, 'specialist');
  const kinds = await page3.locator('[data-testid="profile-kinds"]').textContent();
  check(kinds === tr(await htmlLang(page3), 'kind.psychologist'), `kinds "${kinds}"`);
});

test('coordinator invites a specialist to their organisation', async (t) => {
  const page = await open(t, { lang: 'ru' });
  await signIn(page, DEMO.coordinator);
  await expectHome(page, 'coordinator');
  const organisation = await page.locator('[data-testid="profile-organisation"]').textContent();
  const name = `E2E Юрист ${RUN}`;
  await page.fill('#staff-display_name', name);
  await page.fill('#staff-email', `e2e-${RUN}-lawyer@example.kz`);
  await page.check('#staff-kinds input[value="lawyer"]');
  await page.click('[data-testid="staff-submit"]');
  const row = page.locator('[data-testid="user-list"] li', { hasText: name });
  await row.waitFor();
  check(((await row.textContent()) ?? '').includes(organisation ?? '\u0000'), 'new specialist not in the organisation');
  check((await row.getAttribute('data-status')) === 'invited', 'new specialist not shown as invited');
});

test('citizen follows "Ask a question" to the list of receptions', async (t) => {
  const page = await open(t, { lang: 'kk' });
  await signIn(page, DEMO.citizen);
  const { lang } = await expectHome(page, 'citizen');
  await page.click('[data-testid="action-ask"]');
  await testId(page, 'receptions');
  const text = await page.locator('[data-testid="receptions-title"]').textContent();
  check(text === tr(lang, 'receptions.title'), `heading "${text}"`);
  await inspect(page, `receptions-${lang}`);
  await page.goBack();
  await expectHome(page, 'citizen');
});

test('signed-out visitors are sent from /home to sign in; unknown paths say so', async (t) => {
  const page = await open(t, { lang: 'en' });
  await go(page, '/home');
  await testId(page, 'sign-in');
  check(new URL(page.url()).pathname === '/sign-in', `at ${page.url()}`);
  await inspect(page, 'sign-in-en');
  await go(page, '/no-such-page');
  await testId(page, 'not-found');
  await inspect(page, 'not-found-en');
});

test('desktop layout screenshots', async (t) => {
  const page = await open(t, { lang: 'kk', viewport: { width: 1280, height: 800 } });
  await go(page, '/');
  await testId(page, 'landing');
  await inspect(page, 'desktop-landing-kk');
  await signIn(page, DEMO.admin);
  await expectHome(page, 'admin');
  await inspect(page, 'desktop-home-admin');
});

// Invitations, deactivation, forgotten and changed passwords (e2e/accounts.mjs).
accountTests({
  test,
  open,
  go,
  testId,
  signIn,
  submit,
  expectHome,
  tr,
  trf,
  check,
  inspect,
  htmlLang,
  mailbox: () => mailbox(DATA_DIR),
  DEMO,
  RUN,
});

// Personal data: consent, erasing a question, deleting an account (e2e/privacy.mjs).
privacyTests({
  test,
  open,
  go,
  testId,
  signIn,
  submit,
  tr,
  trf,
  check,
  inspect,
  waitLang,
  BASE,
  RUN,
});

// Conferences: scheduling, a guest by the mailed link, minutes, a proposal (e2e/conference.mjs).
conferenceTests({
  test,
  open,
  go,
  testId,
  signIn,
  submit,
  tr,
  trf,
  check,
  inspect,
  waitLang,
  mailbox: () => mailbox(DATA_DIR),
  RUN,
});

// The management pages: audit trail, organisations, a reception's changes, the line (e2e/manage.mjs).
manageTests({
  test,
  open,
  go,
  testId,
  signIn,
  expectHome,
  tr,
  trf,
  check,
  inspect,
  DEMO,
  RUN,
});

// The public register of mediators: filters, search, suspension, Kazakh (e2e/mediators.mjs).
mediatorTests({
  test,
  open,
  go,
  testId,
  tr,
  trf,
  check,
  inspect,
  shot,
  waitLang,
  BASE,
});

// Mediation cases: screening, invitation by link, mediator, contract, settlement (e2e/cases.mjs).
caseTests({
  test,
  open,
  go,
  testId,
  signIn,
  submit,
  tr,
  trf,
  check,
  inspect,
  waitLang,
  BASE,
  DEMO,
  RUN,
});

// The virtual reception, in Russian and Kazakh (e2e/reception.mjs); last, as it closes
// the Astana centre's reception.
receptionTests({
  test,
  open,
  go,
  testId,
  signIn,
  submit,
  tr,
  trf,
  check,
  inspect,
  chooseLanguage,
  waitLang,
  htmlLang,
  BASE,
  RUN,
});

// ---- runner -------------------------------------------------------------------------

async function main() {
  if (!PASSWORD) console.error('warning: KELISIM_DEMO_PASSWORD is not set; demo sign-ins will fail');
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-quic',
      '--no-first-run',
      '--disable-sync',
    ],
  });
  let passed = 0;
  let failed = 0;
  for (const { name, fn } of tests) {
    if (FILTER && !name.includes(FILTER)) continue;
    const t = { contexts: [], problems: [] };
    try {
      await fn(t);
      check(t.problems.length === 0, t.problems.join('\n    '));
      passed += 1;
      console.log(`ok - ${name}`);
    } catch (error) {
      failed += 1;
      console.log(`not ok - ${name}\n    ${String(error?.message ?? error).split('\n').join('\n    ')}`);
      const page = t.contexts.at(-1)?.pages().at(-1);
      if (page) await shot(page, `FAILED-${name.replace(/[^\w-]+/g, '_')}`).catch(() => {});
    } finally {
      for (const context of t.contexts) await context.close().catch(() => {});
    }
  }
  await browser.close();
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 && passed > 0 ? 0 : 1);
}

main().catch(async (error) => {
  console.error(error);
  await browser?.close().catch(() => {});
  console.log('e2e: 0 passed, 1 failed');
  process.exit(1);
});
