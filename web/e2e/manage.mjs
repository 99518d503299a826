// Browser tests of the management pages (issue 8), registered by run.mjs with its helpers.
//  - [kk] an admin opens the audit trail from their home page and filters it by an action:
//    every entry shown is that action, named in Kazakh.
//  - [ru] an admin adds an organisation, then changes its Russian name (PATCH
//    /organisations/{id}); the home page's list shows the new name.
//  - [ru] a coordinator announces a reception for tomorrow, changes its title from their
//    home page, re-rosters it with a specialist of the organisation, and cancels it after
//    the confirmation; the page then says it is over.
//  - [kk] a coordinator sets the permanent line's hours (weekdays named in Kazakh, also
//    where Chromium has no Kazakh names) and a holiday; both are there after a reload, and
//    the line is put back as it was.
// Every screen is checked with axe on a 360 px phone.

const WKO = {
  coordinator: 'coordinator.wko@demo.kelisim.kz',
  mediator: 'mediator@demo.kelisim.kz',
};
const KK_WEEKDAYS = ['дүйсенбі', 'сейсенбі', 'сәрсенбі', 'бейсенбі', 'жұма', 'сенбі', 'жексенбі'];

export function manageTests(kit) {
  const { test, open, go, testId, signIn, expectHome, tr, trf, check, inspect, DEMO, RUN } = kit;

  /** Fails with the answer's body unless `response` has `status`. */
  async function expectStatus(response, label, status) {
    if (response.status() === status) return;
    throw new Error(`${label} answered ${response.status()}: ${await response.text().catch(() => '')}`);
  }

  /**
   * The interface in `lang`, whatever the demo account's own language is (saved on the
   * server); the function returned puts the account's language back.
   */
  async function useLanguage(page, lang) {
    const before = await page.evaluate(() => document.documentElement.lang);
    const choose = async (l) => {
      if ((await page.evaluate(() => document.documentElement.lang)) === l) return;
      const saved = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/me' && r.request().method() === 'PATCH');
      await page.click(`[data-testid="language-${l}"]`);
      await page.waitForFunction((x) => document.documentElement.lang === x, l);
      await saved;
    };
    await choose(lang);
    return () => choose(before);
  }

  /** Clicks `selector` and waits for the API call `method path` it makes. */
  async function answerTo(page, selector, method, path) {
    const answered = page.waitForResponse(
      (r) => r.request().method() === method && (typeof path === 'string' ? new URL(r.url()).pathname === path : path.test(r.url())),
    );
    await page.click(selector);
    return answered;
  }

  /** A `datetime-local` value `days` from now at `hour`:00 in the browser's zone. */
  function localInput(days, hour) {
    const d = new Date();
    d.setDate(d.getDate() + days);
    const pad = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(hour)}:00`;
  }

  test('[kk] admin opens the audit trail and filters it by an action', async (t) => {
    const lang = 'kk';
    const page = await open(t, { lang });
    await signIn(page, DEMO.admin);
    await expectHome(page, 'admin');
    const restoreLanguage = await useLanguage(page, lang);
    await page.click('[data-testid="action-audit"]');
    await testId(page, 'audit');
    await page.locator('[data-testid="audit-entry"]').first().waitFor();
    const title = (await page.locator('[data-testid="audit-title"]').textContent())?.trim();
    check(title === tr(lang, 'audit.title'), `heading "${title}"`);
    await inspect(page, `audit-${lang}`);

    // Sign-ins only: the admin's own has just been written.
    await page.selectOption('#audit-action', 'auth.sign_in');
    const answer = await answerTo(page, '[data-testid="audit-submit"]', 'GET', '/api/v1/audit');
    await expectStatus(answer, 'audit search', 200);
    check(new URL(answer.url()).searchParams.get('action') === 'auth.sign_in', `searched ${answer.url()}`);
    // The server matches a prefix (auth.sign_in_failed too); the page shows the action itself.
    const items = (await answer.json()).items.filter((e) => e.action === 'auth.sign_in');
    check(items.length > 0, 'no sign-in in the audit trail');
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid="audit-entry"]').length === n,
      items.length,
    );
    const actions = await page.locator('[data-testid="audit-entry"]').evaluateAll((rows) => rows.map((r) => r.dataset.action));
    check(actions.every((a) => a === 'auth.sign_in'), `actions shown: ${[...new Set(actions)].join(', ')}`);
    const label = await page.locator('[data-testid="audit-action-label"]').first().textContent();
    check(label?.startsWith(tr(lang, 'audit.action.auth.sign_in')), `action shown as "${label}"`);
    const status = await page.locator('[data-testid="audit-status"]').textContent();
    check(status === trf(lang, 'audit.found', { count: items.length }), `status "${status}"`);
    // Times in Kazakh words, not the server's RFC 3339.
    const when = (await page.locator('[data-testid="audit-entry"] time').first().textContent()) ?? '';
    check(/ж\. \d+ /.test(when) && !when.includes('T'), `time shown as "${when}"`);
    await inspect(page, `audit-filtered-${lang}`);
    await restoreLanguage();
  });

  test('[ru] admin adds an organisation and changes its name', async (t) => {
    const lang = 'ru';
    const page = await open(t, { lang });
    await signIn(page, DEMO.admin);
    await expectHome(page, 'admin');
    const restoreLanguage = await useLanguage(page, lang);
    await page.click('[data-testid="action-new-organisation"]');
    await testId(page, 'organisation-form');
    const names = { kk: `Сынақ орталығы ${RUN}`, ru: `Тестовый центр ${RUN}`, en: `Test centre ${RUN}` };
    await page.fill('#organisation-name-ru', names.ru);
    // Every name is required.
    await page.click('[data-testid="organisation-submit"]');
    await page.locator('#organisation-name-kk[aria-invalid="true"]').waitFor();
    await inspect(page, `organisation-new-errors-${lang}`);
    await page.fill('#organisation-name-kk', names.kk);
    await page.fill('#organisation-name-en', names.en);
    await page.selectOption('#organisation-region', 'KZ-75');
    const created = await answerTo(page, '[data-testid="organisation-submit"]', 'POST', '/api/v1/organisations');
    await expectStatus(created, 'new organisation', 201);
    const { id } = await created.json();
    await expectHome(page, 'admin');
    const row = page.locator('[data-testid="organisation-row"]', { hasText: names.ru });
    await row.waitFor();

    await row.locator('[data-testid="organisation-edit"]').click();
    await testId(page, 'organisation-form');
    await page.waitForFunction((n) => document.querySelector('#organisation-name-ru')?.value === n, names.ru);
    const renamed = `Центр медиации ${RUN}`;
    await page.fill('#organisation-name-ru', renamed);
    const patched = await answerTo(page, '[data-testid="organisation-submit"]', 'PATCH', `/api/v1/organisations/${id}`);
    await expectStatus(patched, 'organisation edit', 200);
    const saved = await (await testId(page, 'organisation-saved')).textContent();
    check(saved === tr(lang, 'organisation.saved'), `after saving: "${saved}"`);
    check((await patched.json()).name.ru === renamed, 'the server kept the old name');
    await inspect(page, `organisation-edit-${lang}`);
    await page.click('[data-testid="organisation-back"]');
    await expectHome(page, 'admin');
    await page.locator('[data-testid="organisation-row"]', { hasText: renamed }).waitFor();
    await restoreLanguage();
  });

  test('[ru] coordinator changes a reception\'s title, re-rosters it and cancels it', async (t) => {
    const lang = 'ru';
    const page = await open(t, { lang });
    await signIn(page, WKO.coordinator);
    await expectHome(page, 'coordinator');
    const restoreLanguage = await useLanguage(page, lang);
    // A reception tomorrow, announced through the form.
    const title = `Приём ${RUN}`;
    await page.click('[data-testid="action-create-reception"]');
    await testId(page, 'reception-form');
    await page.fill('#reception-title-ru', title);
    await page.fill('#reception-starts', localInput(1, 10));
    await page.fill('#reception-ends', localInput(1, 16));
    await page.check('#reception-categories input[value="family"]');
    const made = await answerTo(page, '[data-testid="reception-submit"]', 'POST', '/api/v1/receptions');
    await expectStatus(made, 'new reception', 201);
    const reception = await made.json();
    await testId(page, 'board');

    // From the home page's list to its edit page.
    await go(page, '/home');
    await expectHome(page, 'coordinator');
    const row = page.locator('[data-testid="coordinator-receptions"] li', { hasText: title });
    await row.locator('[data-testid="coordinator-edit"]').click();
    await testId(page, 'edit-details-form');
    await page.waitForFunction((v) => document.querySelector('#reception-title-ru')?.value === v, title);
    await inspect(page, `edit-reception-${lang}`);

    const newTitle = `Семейные споры ${RUN}`;
    await page.fill('#reception-title-ru', newTitle);
    const patched = await answerTo(page, '[data-testid="edit-details-submit"]', 'PATCH', `/api/v1/receptions/${reception.id}`);
    await expectStatus(patched, 'reception edit', 200);
    await page.locator('[data-testid="edit-details-saved"]', { hasText: tr(lang, 'editReception.saved') }).waitFor();
    await page.locator('[data-testid="edit-reception-name"]', { hasText: newTitle }).waitFor();

    // Re-roster: the centre's mediator, as a mediator, for the whole reception.
    await page.click('[data-testid="edit-roster"] [data-testid="roster-add"]');
    const shift = page.locator('[data-testid="edit-roster"] [data-testid="roster-row"]').last();
    const mediator = await page.evaluate(
      (email) => fetch('/api/v1/users').then((r) => r.json()).then((p) => p.items.find((u) => u.email === email)),
      WKO.mediator,
    );
    check(mediator, `${WKO.mediator} is not among the coordinator's people`);
    await shift.locator('select').selectOption(mediator.id);
    await shift.locator('input[value="mediator"]').check();
    const rostered = await answerTo(page, '[data-testid="edit-roster-submit"]', 'PUT', `/api/v1/receptions/${reception.id}/roster`);
    await expectStatus(rostered, 'roster', 200);
    const { items } = await rostered.json();
    check(items.some((s) => s.specialist_id === mediator.id && s.kinds.includes('mediator')), 'the mediator is not on the roster');
    const saved = await page.locator('[data-testid="edit-roster-saved"]').textContent();
    check(saved === trf(lang, 'editReception.rosterSaved', { count: items.length }), `after re-rostering: "${saved}"`);
    await inspect(page, `edit-reception-rostered-${lang}`);

    // Both survive a reload.
    await page.reload();
    await page.waitForFunction((v) => document.querySelector('#reception-title-ru')?.value === v, newTitle);
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid="edit-roster"] [data-testid="roster-row"]').length === n,
      items.length,
    );

    // Not started yet: it is cancelled, after the question.
    const explain = await page.locator('[data-testid="edit-close"]').textContent();
    check(explain?.includes(tr(lang, 'editReception.cancel.explain')), `close section says "${explain}"`);
    await page.click('[data-testid="edit-cancel"]');
    await page.locator('#edit-cancel-question', { hasText: tr(lang, 'editReception.cancel.question') }).waitFor();
    await inspect(page, `edit-reception-cancel-${lang}`);
    const closed = await answerTo(page, '[data-testid="edit-cancel-confirm"]', 'POST', `/api/v1/receptions/${reception.id}/close`);
    await expectStatus(closed, 'cancel', 200);
    await testId(page, 'edit-reception-closed');
    const announced = await page.locator('[data-testid="app-status"]').textContent();
    check(announced === tr(lang, 'editReception.cancel.done'), `announced "${announced}"`);
    const after = await page.evaluate((id) => fetch(`/api/v1/receptions/${id}`).then((r) => r.json()), reception.id);
    check(after.status === 'closed', `the reception is ${after.status}`);
    await restoreLanguage();
  });

  test('[kk] coordinator sets the permanent line\'s hours and a holiday', async (t) => {
    const lang = 'kk';
    const page = await open(t, { lang });
    await signIn(page, WKO.coordinator);
    await expectHome(page, 'coordinator');
    const restoreLanguage = await useLanguage(page, lang);
    await page.click('[data-testid="action-line"]');
    await testId(page, 'line-form');
    const days = await page.locator('.week__name').allTextContents();
    check(JSON.stringify(days) === JSON.stringify(KK_WEEKDAYS), `weekdays shown as ${days.join(', ')}`);
    await inspect(page, `line-${lang}`);
    const organisationId = new URL(page.url()).pathname.split('/')[2];
    const before = await page.evaluate(
      (org) =>
        fetch(`/api/v1/receptions?organisation_id=${org}`)
          .then((r) => r.json())
          .then((p) => p.items.find((r) => r.kind === 'permanent')),
      organisationId,
    );

    // Sunday 10:00–15:00, and a holiday.
    await page.click('[data-testid="line-add-7"]');
    const sunday = page.locator('[data-testid="line-day-7"]');
    await sunday.locator('[data-testid="line-from"]').fill('10:00');
    await sunday.locator('[data-testid="line-to"]').fill('15:00');
    await page.fill('#holiday-new', '2027-06-01');
    await page.click('[data-testid="line-holiday-add"]');
    await page.locator('[data-testid="line-holiday"][data-date="2027-06-01"]').waitFor();
    const shown = await page.locator('[data-testid="line-holiday"][data-date="2027-06-01"]').textContent();
    check(shown?.includes('2027 ж. 1 маусым'), `holiday shown as "${shown}"`);
    const saved = await answerTo(page, '[data-testid="line-submit"]', 'PUT', `/api/v1/organisations/${organisationId}/line`);
    await expectStatus(saved, 'line', 200);
    const line = await saved.json();
    check(line.hours.some((h) => h.weekday === 7 && h.from === '10:00' && h.to === '15:00'), `hours saved: ${JSON.stringify(line.hours)}`);
    check(line.holidays.includes('2027-06-01'), 'the holiday was not saved');
    await page.locator('[data-testid="line-saved"]', { hasText: tr(lang, 'line.saved') }).waitFor();
    await inspect(page, `line-saved-${lang}`);

    await page.reload();
    await testId(page, 'line-form');
    await page.locator('[data-testid="line-holiday"][data-date="2027-06-01"]').waitFor();
    check((await sunday.locator('[data-testid="line-from"]').inputValue()) === '10:00', 'Sunday lost after a reload');

    // Put the demo line back as it was.
    if (before) {
      const restored = await page.evaluate(
        ({ org, body }) => {
          const csrf = document.cookie.split('; ').find((c) => c.startsWith('kelisim_csrf='))?.split('=')[1] ?? '';
          return fetch(`/api/v1/organisations/${org}/line`, {
            method: 'PUT',
            headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': decodeURIComponent(csrf) },
            body: JSON.stringify(body),
          }).then((r) => r.status);
        },
        { org: organisationId, body: { hours: before.hours, holidays: before.holidays } },
      );
      check(restored === 200, `putting the line back answered ${restored}`);
    }
    await restoreLanguage();
  });
}
