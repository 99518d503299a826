// Browser tests of personal data (Law of the RK No. 94-V), registered by run.mjs with its
// helpers:
//  - [kk] a guest on a phone reads the consent text of a reception (the lead with the
//    retention period, the full text behind "What happens to my data"), asks a question,
//    then withdraws consent on the ticket page: the question is erased, and says so.
//  - [en] the /privacy page, from the footer: the account consent text and retention.
//  - [ru] a citizen signs up (refused without consent), sees on the account page the consent
//    they gave, deletes the account with their password (a wrong one refused at its field),
//    lands signed out with a message, and cannot sign in again.
// The guest asks at an open reception other than the Astana centre's when there is one:
// the reception tests count that centre's queue.

export function privacyTests(kit) {
  const { test, open, go, testId, signIn, submit, tr, trf, check, inspect, waitLang, BASE, RUN } = kit;

  /** Fails with the answer's body unless `response` (Playwright's) has `status`. */
  async function expectStatus(response, label, status) {
    if (response.status() === status) return;
    throw new Error(`${label} answered ${response.status()}: ${await response.text().catch(() => '')}`);
  }

  /** The consent text the server shows in `lang` (for a reception, or for an account). */
  async function consentText(lang, receptionId) {
    const query = receptionId ? `?reception_id=${encodeURIComponent(receptionId)}` : '';
    const response = await fetch(`${BASE}/api/v1/consent${query}`, { headers: { 'Accept-Language': lang } });
    check(response.ok, `GET /api/v1/consent${query} answered ${response.status}`);
    const consent = await response.json();
    check(typeof consent.version === 'string' && consent.version !== '', `consent without a version: ${JSON.stringify(consent)}`);
    check(Number.isInteger(consent.retention_days), `consent without retention_days: ${JSON.stringify(consent)}`);
    return consent;
  }

  const paragraphs = (text) =>
    text
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter(Boolean);

  /** An open reception taking questions, another than the Astana centre's if there is one. */
  async function openReception() {
    const response = await fetch(`${BASE}/api/v1/receptions`);
    check(response.ok, `GET /api/v1/receptions answered ${response.status}`);
    const open = (await response.json()).items.filter((r) => r.status === 'open' && r.channels.includes('chat'));
    const found = open.find((r) => !/Astana/.test(r.organisation_name?.en ?? '')) ?? open[0];
    check(found, 'no open reception (is the server seeded with seed-demo?)');
    return found;
  }

  test('[kk] a guest reads the consent text, asks, then withdraws consent and the question is erased', async (t) => {
    const lang = 'kk';
    const reception = await openReception();
    const consent = await consentText(lang, reception.id);
    const page = await open(t, { lang });
    await go(page, `/ask/${reception.id}`);
    await waitLang(page, lang);
    await testId(page, 'intake-consent-details');

    // The lead under the box: what is kept, how long, that it can be withdrawn.
    const lead = (await page.locator('#intake-consent-hint').textContent())?.trim();
    const expected = trf(lang, 'consent.lead.question', { count: consent.retention_days });
    check(lead === expected, `consent lead "${lead}", expected "${expected}"`);
    // The full text, closed at first, opened with a tap.
    const text = page.locator('[data-testid="intake-consent-details"] [data-testid="consent-text"]');
    check(!(await text.isVisible()), 'the full consent text is open before asking for it');
    await page.click('[data-testid="intake-consent-details"] summary');
    await text.waitFor({ state: 'visible' });
    const shown = await text.locator('p').allTextContents();
    check(
      JSON.stringify(shown.map((p) => p.trim())) === JSON.stringify(paragraphs(consent.text)),
      `consent text shown as ${JSON.stringify(shown)}`,
    );
    await inspect(page, `privacy-intake-consent-${lang}`);

    await page.selectOption('#intake-region', 'KZ-71');
    await page.locator('[data-testid^="intake-category-"]').first().check();
    const question = `e2e ${RUN}: көршім су тасқынын жасады, ${Date.now()}`;
    await page.fill('#intake-description', question);
    await page.locator('[data-testid^="intake-kinds-"]').first().check();
    await page.check('[data-testid="intake-consent"]');
    const created = await submit(page, '[data-testid="intake-submit"]', '/api/v1/tickets');
    await expectStatus(created, 'intake', 201);
    check(created.request().postDataJSON().consent_version === consent.version, 'the version shown was not sent');
    const { ticket } = await created.json();
    await page.click('[data-testid="return-link-continue"]');
    await page.waitForURL(new RegExp(`/tickets/${ticket.id}$`));
    const written = await testId(page, 'question-text');
    check((await written.textContent())?.trim() === question, 'the ticket page does not show the question');
    await inspect(page, `privacy-ticket-${lang}`);

    // Withdraw consent: asked first, then erased.
    await page.click('[data-testid="ticket-erase"]');
    await testId(page, 'ticket-erase-confirm');
    await inspect(page, `privacy-ticket-erase-confirm-${lang}`);
    const erased = await submit(page, '[data-testid="ticket-erase-confirm"]', `/api/v1/tickets/${ticket.id}/erase`);
    await expectStatus(erased, 'erase', 204);
    const notice = await testId(page, 'question-erased');
    check((await notice.textContent())?.trim() === tr(lang, 'erase.erased'), `erased notice "${await notice.textContent()}"`);
    check((await page.locator('[data-testid="question-text"]').count()) === 0, 'the question text is still shown');
    // The server keeps nothing of it either.
    const after = await page.evaluate(async (id) => (await fetch(`/api/v1/tickets/${id}`)).json(), ticket.id);
    check(after.erased === true && after.description === '', `ticket after erasing: ${JSON.stringify(after)}`);
    await inspect(page, `privacy-ticket-erased-${lang}`);
  });

  test('[en] the personal-data page, from the footer, shows the account consent and its retention', async (t) => {
    const lang = 'en';
    const consent = await consentText(lang);
    const page = await open(t, { lang });
    await go(page, '/');
    await testId(page, 'landing');
    await page.click('[data-testid="footer-privacy"]');
    await testId(page, 'privacy');
    const retention = (await (await testId(page, 'privacy-retention')).textContent())?.trim();
    const days = trf(lang, 'privacy.retentionDays', { count: consent.retention_days });
    check(retention === days, `retention "${retention}", expected "${days}"`);
    const shown = await page.locator('[data-testid="consent-text"] p').allTextContents();
    check(
      JSON.stringify(shown.map((p) => p.trim())) === JSON.stringify(paragraphs(consent.text)),
      `consent text shown as ${JSON.stringify(shown)}`,
    );
    await inspect(page, `privacy-page-${lang}`);
  });

  test('[ru] a citizen signs up with consent, deletes the account and cannot sign in again', async (t) => {
    const lang = 'ru';
    const consent = await consentText(lang);
    const page = await open(t, { lang });
    const email = `e2e-${RUN}-erased@example.kz`;
    const password = 'Citizen-pass-94';
    await go(page, '/sign-up');
    await testId(page, 'sign-up-consent-details');
    await page.fill('#display_name', 'Анна Ли');
    await page.fill('#email', email);
    await page.fill('#password', password);
    await page.fill('#password_confirm', password);
    // Without consent: refused at the box, nothing sent.
    await page.click('[data-testid="sign-up-submit"]');
    await page.locator('#consent[aria-invalid="true"]').waitFor();
    const refusal = (await page.locator('#consent-error').textContent())?.trim();
    check(refusal === tr(lang, 'signUp.errors.consent'), `without consent: "${refusal}"`);
    await inspect(page, `privacy-sign-up-consent-${lang}`);
    await page.check('#consent');
    const created = await submit(page, '[data-testid="sign-up-submit"]', '/api/v1/auth/sign-up');
    await expectStatus(created, 'sign-up', 201);
    check(created.request().postDataJSON().consent_version === consent.version, 'the version shown was not sent');
    await testId(page, 'home-citizen');

    // The account page: the consent given, then deleting everything.
    await page.click('[data-testid="header-user"]');
    await testId(page, 'account');
    const version = (await (await testId(page, 'account-consent-version')).textContent())?.trim();
    check(version === consent.version, `consent version on the account page "${version}"`);
    await testId(page, 'delete-account');
    const deleted = () =>
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/me' && r.request().method() === 'DELETE');
    await page.fill('#delete-password', 'not-the-password');
    await page.click('[data-testid="delete-account-button"]');
    let answer = deleted();
    await page.click('[data-testid="delete-account-button-confirm"]');
    await expectStatus(await answer, 'delete with a wrong password', 422);
    await page.locator('#delete-password[aria-invalid="true"]').waitFor();
    await inspect(page, `privacy-delete-wrong-password-${lang}`);

    await page.fill('#delete-password', password);
    await page.click('[data-testid="delete-account-button"]');
    await inspect(page, `privacy-delete-confirm-${lang}`);
    answer = deleted();
    await page.click('[data-testid="delete-account-button-confirm"]');
    await expectStatus(await answer, 'delete', 204);
    await testId(page, 'landing');
    const status = (await page.locator('[data-testid="app-status"]').textContent())?.trim();
    check(status === tr(lang, 'deleteAccount.done'), `after deleting: "${status}"`);
    await testId(page, 'header-sign-in');
    await inspect(page, `privacy-deleted-${lang}`);

    // Gone: the session and the account.
    const me = await page.evaluate(async () => (await fetch('/api/v1/me')).status);
    check(me === 401, `GET /api/v1/me after deleting answered ${me}`);
    const again = await signIn(page, email, password);
    check(again.status() === 401, `signing in after deleting answered ${again.status()}`);
    await testId(page, 'form-error');
  });
}
