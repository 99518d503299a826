// Browser tests of a virtual reception (issue 3), registered by run.mjs with its helpers.
// In Russian, then in Kazakh, each on a fresh ticket: an anonymous citizen on a phone asks
// the Astana centre's open reception for a lawyer and a psychologist at once, keeps the
// return link, watches their place move; both specialists go on duty at /desk, accept and
// meet the citizen in one room; messages flow both ways, also across a lost connection
// (each delivered once); a specialist closes with an outcome, the citizen rates it, and the
// coordinator's figures count it. The last test closes the reception from the board and
// reads the public summary in both languages, so it must run after both consultations.
// Before them (issue 8): the landing page leads an anonymous visitor to the ask form; a
// signed-in citizen finds their question in My tickets on another device; Kazakh pages
// write dates with Kazakh month and weekday names. Before the closing test: a question
// left for later shows apart on the board and comes back when a judge goes on duty (the
// judge's desk offers notifications and remembers a muted sound). A coordinator who opens
// a room in progress from the board is told its conversation is for its participants.
// On a 360 px phone, the board, the desk and a return link's questions fit the width.

const ASTANA = {
  lawyer: 'lawyer@demo.kelisim.kz',
  psychologist: 'psychologist.astana@demo.kelisim.kz',
  coordinator: 'coordinator.astana@demo.kelisim.kz',
};
const CITIZEN = 'citizen@demo.kelisim.kz';
const DESKTOP = { width: 1280, height: 800 };
// Several people and a live socket per step: more patience than a single page needs when
// the machine is busy (a failing step still fails, only later).
const LIVE_TIMEOUT = 30_000;
const RUN_LANGS = ['ru', 'kk'];

export function receptionTests(kit) {
  const { test, open: openPage, go, testId, signIn, submit, tr, trf, check, inspect, chooseLanguage, waitLang, htmlLang, BASE, RUN } =
    kit;

  async function open(t, options) {
    const page = await openPage(t, options);
    page.setDefaultTimeout(LIVE_TIMEOUT);
    return page;
  }

  /** Fails with the answer's body unless `response` (Playwright's) has `status`, or any 2xx. */
  async function expectAnswer(response, label, status = undefined) {
    if (status === undefined ? response.ok() : response.status() === status) return;
    throw new Error(`${label} answered ${response.status()}: ${await response.text().catch(() => '')}`);
  }

  /** The Astana centre's event reception, open now (from the public list). */
  async function astanaReception() {
    const response = await fetch(`${BASE}/api/v1/receptions`);
    check(response.ok, `GET /api/v1/receptions answered ${response.status}`);
    const { items } = await response.json();
    const found = items.find(
      (r) => r.kind === 'event' && r.status === 'open' && /Astana/.test(r.organisation_name?.en ?? ''),
    );
    check(found, 'no open event reception of the Astana centre (is the server seeded with seed-demo?)');
    return found;
  }

  /**
   * Another guest's ticket, asked over HTTP (no browser): it stands ahead in the queue, so
   * that the citizen's place can be seen to move when it leaves.
   */
  async function askAsAnotherGuest(reception, lang) {
    // Agreeing to the consent text of that reception, as the intake form does.
    const consent = await fetch(`${BASE}/api/v1/consent?reception_id=${encodeURIComponent(reception.id)}`, {
      headers: { 'Accept-Language': lang },
    });
    if (!consent.ok) throw new Error(`GET /api/v1/consent answered ${consent.status}`);
    const { version } = await consent.json();
    const response = await fetch(`${BASE}/api/v1/tickets`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Accept-Language': lang },
      body: JSON.stringify({
        reception_id: reception.id,
        region: 'KZ-71',
        language: lang,
        category: 'housing',
        description: `e2e ${RUN}: someone ahead in the queue`,
        channel: 'chat',
        kinds: ['lawyer', 'psychologist'],
        consent: true,
        consent_version: version,
      }),
    });
    if (response.status !== 201) throw new Error(`another guest's intake answered ${response.status}: ${await response.text()}`);
    const cookies = Object.fromEntries(
      response.headers.getSetCookie().map((c) => c.split(';')[0].split('=').map((s) => s.trim())),
    );
    const { ticket, link } = await response.json();
    return {
      ticket,
      link,
      leave: async () => {
        const left = await fetch(`${BASE}/api/v1/tickets/${ticket.id}/leave`, {
          method: 'POST',
          headers: {
            Cookie: Object.entries(cookies)
              .map(([k, v]) => `${k}=${v}`)
              .join('; '),
            'X-CSRF-Token': cookies.kelisim_csrf ?? '',
            'Accept-Language': lang,
          },
        });
        if (!left.ok) throw new Error(`leaving the other ticket answered ${left.status}: ${await left.text()}`);
      },
    };
  }

  /** Signs a member of staff in through the sign-in page, in `lang`. */
  async function staff(t, email, lang) {
    const page = await open(t, { lang, viewport: DESKTOP });
    const response = await signIn(page, email);
    await expectAnswer(response, `sign-in of ${email}`);
    await page.locator('[data-testid^="home-"]').first().waitFor();
    if ((await htmlLang(page)) !== lang) await chooseLanguage(page, lang);
    const me = await page.evaluate(() => fetch('/api/v1/me').then((r) => r.json()));
    return { page, name: me.display_name };
  }

  /** /desk: on duty, then accepts the offer that comes; returns the room's id. */
  async function acceptOffer(page, lang, ticketId) {
    await go(page, '/desk');
    await testId(page, 'desk');
    await waitLang(page, lang);
    const duty = await testId(page, 'desk-duty');
    if ((await duty.getAttribute('aria-pressed')) !== 'true') await duty.click();
    await page.locator(`[data-testid="desk-duty-state"]`, { hasText: tr(lang, 'desk.onDutyText') }).waitFor();
    await testId(page, 'offer');
    const accepted = page.waitForResponse(
      (r) => new URL(r.url()).pathname === `/api/v1/desk/offers/${ticketId}/accept` && r.request().method() === 'POST',
    );
    await page.click('[data-testid="offer-accept"]');
    const response = await accepted;
    await expectAnswer(response, 'accepting the offer');
    await page.waitForURL(/\/rooms\/[^/]+$/);
    await testId(page, 'chat');
    return new URL(page.url()).pathname.split('/').pop();
  }

  /** The chat messages of a page whose text is `body`. */
  function messages(page, body) {
    return page.locator('[data-testid="chat-message"]').filter({
      has: page.locator('.chat__body', { hasText: body }),
    });
  }

  /** Types into the chat and sends with Enter. */
  async function say(page, body) {
    await page.fill('[data-testid="chat-input"]', body);
    await page.press('[data-testid="chat-input"]', 'Enter');
  }

  /** Waits until `body` is on the page, then checks it is there exactly once. */
  async function seenOnce(page, body, label) {
    await messages(page, body).first().waitFor();
    const count = await messages(page, body).count();
    check(count === 1, `${label}: "${body}" shown ${count} times`);
  }

  async function served(coordinator, receptionId) {
    await go(coordinator, `/receptions/${receptionId}/figures`);
    const value = await testId(coordinator, 'figures-served');
    return Number((await value.textContent())?.trim());
  }

  /** The card of `reception` on a page (its title may be an h2 or an h3). */
  function receptionCard(page, reception, lang) {
    return page
      .locator('[data-testid="reception"]')
      .filter({ has: page.locator('.reception__organisation', { hasText: reception.organisation_name[lang] }) })
      .filter({ has: page.locator('h2, h3', { hasText: reception.title[lang] }) });
  }

  for (const lang of RUN_LANGS) {
    test(`[${lang}] landing: an anonymous visitor goes from / to the ask form of an open reception`, async (t) => {
      const reception = await astanaReception();
      const visitor = await open(t, { lang });
      await go(visitor, '/');
      await testId(visitor, 'landing');
      await waitLang(visitor, lang);
      // First the call to action and the receptions open now, each with "Ask a question".
      const ask = await testId(visitor, 'landing-ask');
      check(((await ask.textContent()) ?? '').trim() === tr(lang, 'landing.ask'), `call to action "${await ask.textContent()}"`);
      await testId(visitor, 'landing-open');
      const card = receptionCard(visitor, reception, lang);
      await card.waitFor();
      check((await card.count()) === 1, `${await card.count()} cards of the Astana reception on the landing page`);
      await inspect(visitor, `landing-open-${lang}`);
      // Several receptions are open: the call to action leads to them.
      const href = (await ask.getAttribute('href')) ?? '';
      check(href === '#open-now', `call to action leads to ${href}`);
      await ask.click();
      await visitor.waitForFunction(() => window.location.hash === '#open-now');
      await card.locator('[data-testid="reception-ask"]').click();
      await testId(visitor, 'intake-form');
      check(new URL(visitor.url()).pathname === `/ask/${reception.id}`, `at ${visitor.url()}`);
      check((await htmlLang(visitor)) === lang, 'the ask form lost the language');
    });
  }

  test('a signed-in citizen asks a question and finds it in My tickets on another device', async (t) => {
    const reception = await astanaReception();
    const page = await open(t, { lang: 'ru' });
    await expectAnswer(await signIn(page, CITIZEN), 'citizen sign-in');
    await testId(page, 'home-citizen');
    const lang = await htmlLang(page);
    await page.click('[data-testid="action-ask"]');
    await testId(page, 'receptions');
    await receptionCard(page, reception, lang).locator('[data-testid="reception-ask"]').click();
    await testId(page, 'intake-form');
    await page.selectOption('#intake-region', 'KZ-71');
    await page.check('[data-testid="intake-category-housing"]');
    await page.fill('#intake-description', `e2e ${RUN}: ${lang === 'kk' ? 'Пәтер иесі депозитті қайтармай отыр.' : 'Хозяин квартиры не возвращает залог.'}`);
    await page.check('[data-testid="intake-kinds-lawyer"]');
    await page.check('[data-testid="intake-consent"]');
    const created = await submit(page, '[data-testid="intake-submit"]', '/api/v1/tickets');
    await expectAnswer(created, 'intake', 201);
    const { ticket } = await created.json();
    if (await page.locator('[data-testid="return-link-continue"]').count()) await page.click('[data-testid="return-link-continue"]');
    await page.waitForURL(new RegExp(`/tickets/${ticket.id}$`));

    // Another device: sign in again, My tickets from the home page, the newest first.
    const other = await open(t, { lang: 'ru' });
    await expectAnswer(await signIn(other, CITIZEN), 'citizen sign-in on another device');
    await testId(other, 'home-citizen');
    const otherLang = await htmlLang(other);
    await other.click('[data-testid="action-tickets"]');
    await testId(other, 'my-tickets');
    check(new URL(other.url()).pathname === '/my/tickets', `at ${other.url()}`);
    const first = other.locator('[data-testid="my-ticket"]').first();
    await first.waitFor();
    check((await first.getAttribute('data-ticket-id')) === ticket.id, 'the new ticket is not listed first');
    check((await first.locator('h2').textContent()) === reception.title[otherLang], `reception "${await first.locator('h2').textContent()}"`);
    const status = await first.locator('[data-testid="my-ticket-status"]').textContent();
    check(status === tr(otherLang, 'ticket.status.waiting'), `status "${status}"`);
    const place = await first.locator('[data-testid="my-ticket-place"]').textContent();
    check(/^\d+$/.test(place ?? ''), `place "${place}"`);
    await inspect(other, `my-tickets-${otherLang}`);
    await first.locator('[data-testid="my-ticket-open"]').click();
    await other.waitForURL(new RegExp(`/tickets/${ticket.id}$`));
    await testId(other, 'ticket-place');

    // Leave the queue: the consultations below expect the specialists' offers to be theirs.
    await other.click('[data-testid="ticket-leave"]');
    const left = await submit(other, '[data-testid="ticket-leave-confirm"]', `/api/v1/tickets/${ticket.id}/leave`);
    await expectAnswer(left, 'leaving the queue');
    await other.locator('[data-testid="ticket-status"]', { hasText: tr(otherLang, 'ticket.status.abandoned') }).waitFor();
  });

  test('[kk] dates on Kazakh pages have Kazakh month and weekday names', async (t) => {
    const page = await open(t, { lang: 'kk' });
    await go(page, '/receptions');
    await testId(page, 'reception');
    await waitLang(page, 'kk');
    const text = await page.locator('main').innerText();
    const names = (key, n) => Array.from({ length: n }, (_, i) => tr('kk', `date.${key}.${i + 1}`));
    check(names('month', 12).some((m) => text.includes(m)), `no Kazakh month name on /receptions:\n${text}`);
    check(names('weekday', 7).some((d) => text.includes(d)), `no Kazakh weekday name on /receptions:\n${text}`);
    const foreign = /\bM\d{1,2}\b|\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\w*|\b(January|February|March|April|May|June|July|August|September|October|November|December)\b/.exec(text);
    check(!foreign, `"${foreign?.[0]}" on a Kazakh page`);
    await inspect(page, 'receptions-dates-kk');
  });

  test('[kk] on a 360 px phone: the board, the desk and a return link\'s questions fit the width', async (t) => {
    const lang = 'kk';
    const reception = await astanaReception();
    const guest = await askAsAnotherGuest(reception, lang); // a waiting row on the board, a return link
    try {
      // The board (a waiting ticket with its reassign form) and the desk, each on a phone.
      const coordinator = await open(t, { lang });
      await expectAnswer(await signIn(coordinator, ASTANA.coordinator), 'coordinator sign-in');
      await coordinator.locator('[data-testid^="home-"]').first().waitFor();
      if ((await htmlLang(coordinator)) !== lang) await chooseLanguage(coordinator, lang);
      await go(coordinator, `/receptions/${reception.id}/board`);
      await coordinator.locator('[data-testid="board-tickets"] [data-testid="board-ticket"]').first().waitFor();
      await inspect(coordinator, `phone-board-${lang}`);
      const lawyer = await open(t, { lang });
      await expectAnswer(await signIn(lawyer, ASTANA.lawyer), 'lawyer sign-in');
      await lawyer.locator('[data-testid^="home-"]').first().waitFor();
      await go(lawyer, '/desk');
      await testId(lawyer, 'desk-duty');
      await testId(lawyer, 'desk-alerts');
      await inspect(lawyer, `phone-desk-${await htmlLang(lawyer)}`);
      // The return link opened where staff, then another citizen, are signed in.
      await go(coordinator, guest.link);
      await testId(coordinator, 'resume-signed_in_as_staff');
      await inspect(coordinator, `phone-resume-staff-${lang}`);
      const citizen = await open(t, { lang });
      await expectAnswer(await signIn(citizen, CITIZEN), 'citizen sign-in');
      await citizen.locator('[data-testid^="home-"]').first().waitFor();
      await go(citizen, guest.link);
      await testId(citizen, 'resume-signed_in_as_other');
      await inspect(citizen, `phone-resume-other-${await htmlLang(citizen)}`);
    } finally {
      await guest.leave(); // the consultations below expect the specialists' offers to be theirs
    }
  });

  const consulted = {}; // lang → { receptionId, served }

  for (const lang of RUN_LANGS) {
    test(`[${lang}] virtual reception: a guest asks a lawyer and a psychologist at once and is served in one room`, async (t) => {
      const reception = await astanaReception();
      const coordinator = await staff(t, ASTANA.coordinator, lang);
      const servedBefore = await served(coordinator.page, reception.id);

      // Someone is ahead in the queue already.
      const ahead = await askAsAnotherGuest(reception, lang);

      // The citizen: a phone, nobody signed in. Their live events are kept for checks.
      const citizen = await open(t, { lang });
      const events = [];
      citizen.on('websocket', (ws) =>
        ws.on('framereceived', ({ payload }) => {
          try {
            events.push(JSON.parse(String(payload)));
          } catch {
            // not JSON: not ours
          }
        }),
      );
      await go(citizen, '/receptions');
      await testId(citizen, 'receptions');
      await waitLang(citizen, lang);
      const card = receptionCard(citizen, reception, lang);
      check((await card.count()) === 1, `${await card.count()} cards of the Astana reception`);
      await card.locator('[data-testid="reception-ask"]').click();
      await testId(citizen, 'intake-form');
      check(new URL(citizen.url()).pathname === `/ask/${reception.id}`, `at ${citizen.url()}`);
      await inspect(citizen, `reception-ask-${lang}`);

      const question = `e2e ${RUN} ${lang}: ${lang === 'kk' ? 'Жалақы төленбеді, отбасы күйзелісте.' : 'Не выплатили зарплату, в семье стресс.'}`;
      await citizen.selectOption('#intake-region', 'KZ-71');
      await citizen.check('[data-testid="intake-category-labour"]');
      await citizen.fill('#intake-description', question);
      await citizen.check('[data-testid="intake-kinds-lawyer"]');
      await citizen.check('[data-testid="intake-kinds-psychologist"]');
      const panel = await testId(citizen, 'intake-panel');
      check((await panel.textContent()) === trf(lang, 'intake.panel', { count: 2 }), 'no panel notice for two kinds');
      await citizen.check('[data-testid="intake-consent"]');
      const created = await submit(citizen, '[data-testid="intake-submit"]', '/api/v1/tickets');
      await expectAnswer(created, 'intake', 201);
      const { ticket, link } = await created.json();
      check(typeof link === 'string' && link.startsWith('/t/'), `return link ${link}`);

      // The secret return link, shown once; the header now knows the guest.
      const shown = await testId(citizen, 'return-link');
      check((await shown.inputValue()) === new URL(link, BASE).href, `return link shown as ${await shown.inputValue()}`);
      const user = await testId(citizen, 'header-user');
      check(
        (await user.getAttribute('data-name')) === tr(lang, 'people.guest'),
        `header names the guest "${await user.getAttribute('data-name')}"`,
      );
      await inspect(citizen, `reception-return-link-${lang}`);
      await citizen.click('[data-testid="return-link-continue"]');
      await citizen.waitForURL(new RegExp(`/tickets/${ticket.id}$`));

      // The live place: waiting behind the other guest, then moving up when they leave.
      const place = await testId(citizen, 'ticket-place');
      await citizen.waitForFunction((el) => /^\d+$/.test(el.textContent ?? ''), await place.elementHandle());
      const placeBefore = Number(await place.textContent());
      check(placeBefore >= 2, `place ${placeBefore} behind another ticket`);
      await citizen.locator('[data-testid="connection-banner"][data-state="open"]').waitFor({ state: 'attached' });
      await inspect(citizen, `reception-ticket-waiting-${lang}`);
      await ahead.leave();
      await citizen
        .locator('[data-testid="ticket-place"]', { hasText: new RegExp(`^${placeBefore - 1}$`) })
        .waitFor();
      await citizen
        .locator('[data-testid="ticket-announcement"]', {
          hasText: trf(lang, 'queue.announce.place', { place: placeBefore - 1 }),
        })
        .waitFor();
      check(
        events.some((e) => e.type === 'place' && e.ticket_id === ticket.id && e.place === placeBefore - 1),
        `no "place" event for the ticket; got ${events.map((e) => e.type).join(', ')}`,
      );

      // Both specialists go on duty and accept: one room for the three of them.
      const lawyer = await staff(t, ASTANA.lawyer, lang);
      const psychologist = await staff(t, ASTANA.psychologist, lang);
      const roomId = await acceptOffer(lawyer.page, lang, ticket.id);
      const psychologistRoomId = await acceptOffer(psychologist.page, lang, ticket.id);
      check(psychologistRoomId === roomId, `two rooms: ${roomId} and ${psychologistRoomId}`);
      await citizen
        .locator('[data-testid="ticket-status"]', { hasText: tr(lang, 'ticket.status.in_room') })
        .waitFor();
      for (const { name } of [lawyer, psychologist]) {
        await citizen
          .locator('[data-testid="seat"]', { hasText: trf(lang, 'seats.joined', { name }) })
          .waitFor();
      }
      await testId(citizen, 'chat');
      // The coordinator's board shows the room in progress.
      await go(coordinator.page, `/receptions/${reception.id}/board`);
      await coordinator.page.locator('[data-testid="board-rooms-count"]', { hasText: /^1$/ }).waitFor();
      await testId(coordinator.page, 'board-rooms');
      // Opening it from there, the coordinator watches: told the conversation is for its
      // participants, with no composer (the server would refuse their messages).
      await coordinator.page.click(`[data-testid="board-rooms"] a[href="/rooms/${roomId}"]`);
      await coordinator.page.waitForURL(new RegExp(`/rooms/${roomId}$`));
      const watching = await testId(coordinator.page, 'chat-readonly');
      check(((await watching.textContent()) ?? '').trim() === tr(lang, 'chat.watching'), `watcher's note "${await watching.textContent()}"`);
      check((await coordinator.page.locator('[data-testid="chat-input"]').count()) === 0, 'a composer for the coordinator');
      check((await coordinator.page.locator('[data-testid="chat-messages"]').count()) === 0, 'messages shown to the coordinator');
      await inspect(coordinator.page, `reception-room-watched-${lang}`);

      // Messages both ways.
      const hello = `e2e ${RUN} ${lang}: citizen → specialists`;
      await say(citizen, hello);
      await seenOnce(lawyer.page, hello, 'lawyer');
      await seenOnce(psychologist.page, hello, 'psychologist');
      const answer = `e2e ${RUN} ${lang}: lawyer → citizen`;
      await say(lawyer.page, answer);
      await seenOnce(citizen, answer, 'citizen');
      await seenOnce(psychologist.page, answer, 'psychologist');
      const guestMessage = messages(lawyer.page, hello);
      check(
        ((await guestMessage.locator('.chat__sender').textContent()) ?? '') === tr(lang, 'chat.citizen'),
        'the guest is not named "Citizen" in the specialist\'s chat',
      );
      await inspect(citizen, `reception-ticket-room-${lang}`);
      await inspect(lawyer.page, `reception-room-${lang}`);

      // The citizen's network drops; a specialist writes twice; the citizen writes too.
      await citizen.context().setOffline(true);
      await citizen.locator('[data-testid="connection-banner"][data-state="reconnecting"]').first().waitFor({
        state: 'attached',
      });
      const offline = `e2e ${RUN} ${lang}: written while offline`;
      await say(citizen, offline);
      await citizen
        .locator('[data-testid="chat-message-state"]', { hasText: tr(lang, 'chat.state.sending') })
        .waitFor();
      const missed = [`e2e ${RUN} ${lang}: missed one`, `e2e ${RUN} ${lang}: missed two`];
      for (const body of missed) {
        await say(lawyer.page, body);
        await seenOnce(lawyer.page, body, 'lawyer');
      }
      // Acknowledged by the server (no longer "sending…") before the citizen comes back.
      await lawyer.page.waitForFunction(
        (text) => ![...document.querySelectorAll('[data-testid="chat-message-state"]')].some((p) => p.textContent === text),
        tr(lang, 'chat.state.sending'),
      );
      await citizen.context().setOffline(false);
      for (const body of missed) await seenOnce(citizen, body, 'citizen after reconnecting');
      await seenOnce(lawyer.page, offline, 'lawyer (message written offline)');
      await seenOnce(psychologist.page, offline, 'psychologist (message written offline)');
      await citizen.waitForFunction(
        (text) => ![...document.querySelectorAll('[data-testid="chat-message-state"]')].some((p) => p.textContent === text),
        tr(lang, 'chat.state.sending'),
      );
      for (const body of [...missed, offline, hello, answer]) await seenOnce(citizen, body, 'citizen, in the end');

      // The lawyer closes the consultation with an outcome and a summary.
      const summary = `e2e ${RUN} ${lang}: ${lang === 'kk' ? 'Еңбек инспекциясына шағым жазу керек.' : 'Написать жалобу в трудовую инспекцию.'}`;
      await lawyer.page.selectOption('#close-outcome', 'advice_given');
      await lawyer.page.fill('#close-summary', summary);
      const closed = await submit(lawyer.page, '[data-testid="close-submit"]', `/api/v1/rooms/${roomId}/close`);
      await expectAnswer(closed, 'closing the room');
      await testId(lawyer.page, 'room-closed');
      // The others in the room read that it ended, in their language.
      await psychologist.page
        .locator('[data-testid="chat-system"]', { hasText: tr(lang, 'chat.system.room.closed') })
        .waitFor();

      // The citizen sees the outcome and rates the consultation with a proposal.
      const outcome = await testId(citizen, 'ticket-outcome-value');
      check((await outcome.textContent()) === tr(lang, 'outcomes.advice_given'), `outcome "${await outcome.textContent()}"`);
      await citizen.locator('[data-testid="ticket-outcome-summary"]', { hasText: summary }).waitFor();
      await testId(citizen, 'feedback-form');
      await inspect(citizen, `reception-ticket-closed-${lang}`);
      await citizen.locator('label.star', { has: citizen.locator('[data-testid="feedback-rating-5"]') }).click();
      check(
        (await citizen.locator('[data-testid="feedback-rating-meaning"]').textContent()) === tr(lang, 'feedback.meaning.5'),
        'rating 5 not chosen',
      );
      const proposal = `e2e ${RUN} ${lang}: ${lang === 'kk' ? 'Кешкі уақытта да қабылдау өткізіңіздер.' : 'Проводите приёмы и вечером.'}`;
      await citizen.fill('#feedback-proposal', proposal);
      const comment = `e2e ${RUN} ${lang}: ${lang === 'kk' ? 'Заңгер бәрін түсіндірді.' : 'Юрист всё объяснил.'}`;
      await citizen.fill('#feedback-comment', comment);
      const rated = await submit(citizen, '[data-testid="feedback-submit"]', `/api/v1/tickets/${ticket.id}/feedback`);
      await expectAnswer(rated, 'feedback');
      await testId(citizen, 'feedback-thanks');
      await inspect(citizen, `reception-ticket-rated-${lang}`);

      // The return link opens the same ticket on another device.
      const otherDevice = await open(t, { lang });
      await go(otherDevice, link);
      await otherDevice.waitForURL(new RegExp(`/tickets/${ticket.id}$`));
      await testId(otherDevice, 'feedback-thanks');

      // The coordinator: the board has nobody waiting and no room left; the figures count it.
      await go(coordinator.page, `/receptions/${reception.id}/board`);
      await coordinator.page.locator('[data-testid="board-rooms-count"]', { hasText: /^0$/ }).waitFor();
      await inspect(coordinator.page, `reception-board-${lang}`);
      const servedAfter = await served(coordinator.page, reception.id);
      check(servedAfter === servedBefore + 1, `figures-served went from ${servedBefore} to ${servedAfter}`);
      await coordinator.page.locator('[data-testid="figures-proposals"]', { hasText: proposal }).waitFor();
      // What the citizen wrote with the rating shows there too, newest first.
      await coordinator.page.locator('[data-testid="figures-comments"] li', { hasText: comment }).first().waitFor();
      await inspect(coordinator.page, `reception-figures-${lang}`);
      consulted[lang] = { receptionId: reception.id, served: servedAfter };

      // Leave the demo specialists off duty and in Russian, as seeded.
      for (const { page } of [lawyer, psychologist]) {
        await go(page, '/desk');
        const duty = await testId(page, 'desk-duty');
        if ((await duty.getAttribute('aria-pressed')) === 'true') await duty.click();
        await page.locator(`[data-testid="desk-duty-state"]`, { hasText: tr(lang, 'desk.offDutyText') }).waitFor();
      }
      for (const { page } of [lawyer, psychologist, coordinator]) if (lang !== 'ru') await chooseLanguage(page, 'ru');
    });
  }

  test('[ru] a question left for later: apart on the board, back in the queue when a judge is on duty', async (t) => {
    const lang = 'ru';
    const reception = await astanaReception();
    // A guest asks for a judge, whom nobody is on duty as, and leaves the question for later.
    const citizen = await open(t, { lang });
    await go(citizen, `/ask/${reception.id}`);
    await testId(citizen, 'intake-form');
    await citizen.selectOption('#intake-region', 'KZ-71');
    await citizen.check('[data-testid="intake-category-housing"]');
    await citizen.fill('#intake-description', `e2e ${RUN}: Сосед затопил квартиру, хочу решить спор.`);
    await citizen.check('[data-testid="intake-kinds-judge"]');
    await citizen.check('[data-testid="intake-consent"]');
    const created = await submit(citizen, '[data-testid="intake-submit"]', '/api/v1/tickets');
    await expectAnswer(created, 'intake', 201);
    const { ticket } = await created.json();
    await testId(citizen, 'return-link');
    await citizen.click('[data-testid="return-link-continue"]');
    await citizen.waitForURL(new RegExp(`/tickets/${ticket.id}$`));
    await testId(citizen, 'ticket-off-duty');
    await expectAnswer(
      await submit(citizen, '[data-testid="ticket-defer"]', `/api/v1/tickets/${ticket.id}/defer`),
      'leaving the question for later',
    );
    await testId(citizen, 'ticket-deferred');

    // The coordinator's board: a group of its own, counted, out of the queue.
    const coordinator = await staff(t, ASTANA.coordinator, lang);
    await go(coordinator.page, `/receptions/${reception.id}/board`);
    const group = await testId(coordinator.page, 'board-deferred');
    const rows = await group.locator('[data-testid="board-ticket"]').count();
    const title = await coordinator.page.locator('[data-testid="board-deferred-title"]').textContent();
    check(rows >= 1 && title === trf(lang, 'board.deferred', { count: rows }), `deferred group "${title}" over ${rows} rows`);
    await inspect(coordinator.page, `board-deferred-${lang}`);

    // The judge's desk: the notifications button (asked only on a click) and the sound
    // setting, which this device remembers.
    const judge = await staff(t, 'judge.astana@demo.kelisim.kz', lang);
    await go(judge.page, '/desk');
    await testId(judge.page, 'desk-alerts');
    const permission = await judge.page.locator('[data-testid="desk-notifications-state"]').getAttribute('data-state');
    check(permission === 'default', `notification permission "${permission}" before any click`);
    await testId(judge.page, 'desk-notifications');
    const sound = await testId(judge.page, 'desk-sound');
    check(await sound.isChecked(), 'the sound is on by default');
    await sound.uncheck();
    await judge.page.reload();
    check(!(await (await testId(judge.page, 'desk-sound')).isChecked()), 'muting the sound was not remembered');
    await (await testId(judge.page, 'desk-sound')).check();
    await inspect(judge.page, `desk-alerts-${lang}`);

    // On duty: the question is back in the queue; the citizen hears it and sees a place.
    await judge.page.click('[data-testid="desk-duty"]');
    await judge.page.locator('[data-testid="desk-duty-state"]', { hasText: tr(lang, 'desk.onDutyText') }).waitFor();
    await citizen.locator('[data-testid="ticket-announcement"]', { hasText: tr(lang, 'queue.announce.back') }).waitFor();
    const place = await testId(citizen, 'ticket-place');
    await citizen.waitForFunction((el) => /^\d+$/.test(el.textContent ?? ''), await place.elementHandle());
    await coordinator.page
      .locator('[data-testid="board-tickets"] [data-testid="board-ticket"]')
      .first()
      .waitFor();

    // Leave things as seeded: the citizen leaves, the judge goes off duty.
    await citizen.click('[data-testid="ticket-leave"]');
    await expectAnswer(
      await submit(citizen, '[data-testid="ticket-leave-confirm"]', `/api/v1/tickets/${ticket.id}/leave`),
      'leaving the queue',
    );
    await go(judge.page, '/desk');
    const duty = await testId(judge.page, 'desk-duty');
    if ((await duty.getAttribute('aria-pressed')) === 'true') await duty.click();
    await judge.page.locator('[data-testid="desk-duty-state"]', { hasText: tr(lang, 'desk.offDutyText') }).waitFor();
  });

  test('virtual reception: the coordinator closes it and the public summary counts the consultations', async (t) => {
    const reception = await astanaReception();
    const coordinator = await staff(t, ASTANA.coordinator, 'ru');
    const servedNow = await served(coordinator.page, reception.id);
    const expected = Object.keys(consulted).length;
    check(servedNow >= expected, `${servedNow} served, but ${expected} consultations were held in this run`);
    await go(coordinator.page, `/receptions/${reception.id}/board`);
    await testId(coordinator.page, 'board-counts');
    await coordinator.page.click('[data-testid="board-close"]');
    const closed = await submit(coordinator.page, '[data-testid="board-close-confirm"]', `/api/v1/receptions/${reception.id}/close`);
    await expectAnswer(closed, 'closing the reception');
    await coordinator.page.locator('[data-testid="board-status"]', { hasText: tr('ru', 'board.closed') }).waitFor();

    for (const lang of RUN_LANGS) {
      const visitor = await open(t, { lang });
      await go(visitor, `/receptions/${reception.id}/summary`);
      await testId(visitor, 'summary');
      await waitLang(visitor, lang);
      const text = ((await (await testId(visitor, 'summary-served')).textContent()) ?? '').trim();
      // Fewer than 5 would point at the people who asked: then the count is withheld.
      const want = servedNow >= 5 ? trf(lang, 'summary.served', { count: servedNow }) : tr(lang, 'summary.servedFew');
      check(text === want, `[${lang}] summary says "${text}", expected "${want}"`);
      await inspect(visitor, `reception-summary-${lang}`);
      // A closed reception is no longer offered to citizens.
      await go(visitor, '/receptions');
      await testId(visitor, 'reception');
      const titles = await visitor.locator('[data-testid="reception"] .reception__organisation').allTextContents();
      const cards = await visitor.locator('[data-testid="reception"] h2').allTextContents();
      check(
        !cards.some((title, i) => title === reception.title[lang] && titles[i] === reception.organisation_name[lang]),
        `[${lang}] the closed reception is still listed`,
      );
    }
  });
}
