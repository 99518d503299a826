// Browser test of conferences (issue 9), registered by run.mjs with its helpers:
//  - [ru] the Astana lawyer schedules a conference on a phone: an agenda item, a specialist
//    of the other centre found by name, a guest by e-mail; writes the minutes, adds a
//    proposal and closes it; finds it on /proposals under "done".
//  - [kk] the guest opens the link from their mail (no account): lands on the conference as
//    a guest, reads the minutes, and has no editor.
//  - [ru+kk] live: the mediator opens a conference that is on and takes the stage; the guest
//    waits in the lobby until let in; they write to each other in the chat beside the stage;
//    the guest reloads the page and, back in, reads the conversation again.

export function conferenceTests(kit) {
  const { test, open, go, testId, signIn, submit, tr, trf, check, inspect, waitLang, mailbox, RUN } = kit;

  /** `datetime-local` text `minutes` from now, in the browser's (and this machine's) zone. */
  function localInput(minutes) {
    const d = new Date(Date.now() + minutes * 60_000);
    const pad = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  }

  test('[ru+kk] a conference is scheduled, the guest joins by the mailed link, minutes and a proposal closed', async (t) => {
    const mail = mailbox();
    const guestEmail = `judge.${RUN}@court.example.kz`;
    const title = `Медиация в семейных спорах ${RUN}`;
    const page = await open(t, { lang: 'ru' });
    const signed = await signIn(page, 'lawyer@demo.kelisim.kz');
    check(signed.status() === 200, `sign-in answered ${signed.status()}`);
    await testId(page, 'action-conferences');
    await page.click('[data-testid="action-conferences"]');
    await testId(page, 'schedule-form');
    await waitLang(page, 'ru');

    await page.fill('[data-testid="schedule-name"]', title);
    await page.fill('[data-testid="schedule-starts"]', localInput(60));
    await page.fill('[data-testid="schedule-ends"]', localInput(180));
    await page.fill('[data-testid="schedule-agenda-0"]', 'Разбор случаев');
    await page.fill('[data-testid="schedule-search"]', 'lawyer.wko');
    await page.click('[data-testid="schedule-search-button"]');
    const invite = page.locator('[data-testid^="schedule-invite-"]').first();
    await invite.waitFor({ state: 'visible' });
    await invite.click();
    await testId(page, 'schedule-chosen');
    await page.click('[data-testid="schedule-add-guest"]');
    await page.fill('[data-testid="schedule-guest-name-0"]', 'Айгүл Серікқызы');
    await page.fill('[data-testid="schedule-guest-email-0"]', guestEmail);
    await page.selectOption('#guest-language-0', 'kk');
    await inspect(page, 'conference-schedule-ru');
    const made = await submit(page, '[data-testid="schedule-submit"]', '/api/v1/conferences');
    check(made.status() === 201, `scheduling answered ${made.status()}: ${await made.text()}`);
    const conference = await made.json();
    await page.waitForURL(`**/conferences/${conference.id}`);
    await testId(page, 'conference-agenda-list');
    check(
      (await page.locator('[data-testid="conference-phase"]').textContent())?.trim() === tr('ru', 'conference.phase.upcoming'),
      'the new conference is not shown as upcoming',
    );
    const people = (await page.locator('#conference-people').textContent())?.trim();
    check(people === trf('ru', 'conference.page.people', { count: 3 }), `participants heading "${people}"`);
    const ics = await page.locator('[data-testid="conference-ics"]').getAttribute('href');
    const calendar = await page.evaluate(async (href) => (await fetch(href)).text(), ics);
    check(calendar.includes('BEGIN:VCALENDAR') && calendar.includes(`conference-${conference.id}`), 'the ICS download is not the conference');

    // Minutes of the agenda item.
    const item = conference.agenda[0].id;
    await page.fill(`[data-testid="minutes-edit-${item}"]`, 'Решили подготовить памятку для судов.');
    const saved = page.waitForResponse((r) => r.url().endsWith(`/agenda/${item}/minutes`) && r.request().method() === 'PUT');
    await page.click(`[data-testid="minutes-save-${item}"]`);
    check((await saved).status() === 200, 'the minutes were not saved');

    // A proposal owned by someone named in free text, then closed.
    await page.fill('[data-testid="proposal-text"]', 'Памятка для судов о медиации');
    await page.selectOption('[data-testid="proposal-owner"]', '__other__');
    await page.fill('[data-testid="proposal-owner-name"]', 'Адвокатская палата');
    await page.fill('[data-testid="proposal-due"]', '2027-03-01');
    const proposed = await submit(page, '[data-testid="proposal-submit"]', `/api/v1/conferences/${conference.id}/proposals`);
    check(proposed.status() === 201, `proposing answered ${proposed.status()}`);
    const proposal = await proposed.json();
    await page.locator(`[data-testid="proposal-${proposal.id}"][data-status="open"]`).waitFor();
    await page.selectOption(`[data-testid="proposal-select-${proposal.id}"]`, 'done');
    await page.click(`[data-testid="proposal-save-${proposal.id}"]`);
    await page.locator(`[data-testid="proposal-${proposal.id}"][data-status="done"]`).waitFor();
    await inspect(page, 'conference-page-ru');

    await go(page, '/proposals');
    await testId(page, 'proposals-count');
    check((await page.locator(`[data-testid="proposal-${proposal.id}"]`).count()) === 0, 'a done proposal is listed as open');
    await page.selectOption('[data-testid="proposals-status"]', 'done');
    await page.locator(`[data-testid="proposal-${proposal.id}"]`).waitFor();
    await inspect(page, 'proposals-ru');

    // The guest opens the link from their mail, on a phone, without an account.
    const message = await mail.messageTo(guestEmail);
    const link = /\/c\/[0-9a-f]{48}/.exec(message.text)?.[0];
    check(link, `no /c/ link in the guest's mail:\n${message.text}`);
    const guest = await open(t, { lang: 'kk' });
    await go(guest, link);
    await guest.waitForURL(`**/conferences/${conference.id}`);
    await testId(guest, `minutes-${item}`);
    check(
      (await guest.locator(`[data-testid="minutes-${item}"]`).textContent())?.trim() === 'Решили подготовить памятку для судов.',
      'the guest does not read the minutes',
    );
    check((await guest.locator('[data-testid^="minutes-edit-"]').count()) === 0, 'a guest has the minutes editor');
    check((await guest.locator('[data-testid="proposal-form"]').count()) === 0, 'a guest may propose');
    await waitLang(guest, 'kk');
    await inspect(guest, 'conference-guest-kk');
  });

  test('[ru+kk] live: the guest is let in from the lobby and they talk in the chat beside the stage', async (t) => {
    const mail = mailbox();
    const guestEmail = `chat.${RUN}@court.example.kz`;
    const page = await open(t, { lang: 'ru' });
    const signed = await signIn(page, 'mediator@demo.kelisim.kz');
    check(signed.status() === 200, `sign-in answered ${signed.status()}`);
    await go(page, '/conferences');
    await testId(page, 'schedule-form');
    await page.fill('[data-testid="schedule-name"]', `Круглый стол ${RUN}`);
    await page.fill('[data-testid="schedule-starts"]', localInput(-2));
    await page.fill('[data-testid="schedule-ends"]', localInput(120));
    await page.fill('[data-testid="schedule-agenda-0"]', 'Открытие');
    await page.click('[data-testid="schedule-add-guest"]');
    await page.fill('[data-testid="schedule-guest-name-0"]', 'Серік Жұмабаев');
    await page.fill('[data-testid="schedule-guest-email-0"]', guestEmail);
    await page.selectOption('#guest-language-0', 'kk');
    const made = await submit(page, '[data-testid="schedule-submit"]', '/api/v1/conferences');
    check(made.status() === 201, `scheduling answered ${made.status()}: ${await made.text()}`);
    const conference = await made.json();
    await page.waitForURL(`**/conferences/${conference.id}`);
    await page.click('[data-testid="stage-enter"]');
    await page.locator('[data-testid="stage"][data-place="stage"]').waitFor();
    await testId(page, 'stage-chat');

    // The guest, by the link in their mail, waits in the lobby: no chat there.
    const link = /\/c\/[0-9a-f]{48}/.exec((await mail.messageTo(guestEmail)).text)?.[0];
    check(link, 'no /c/ link in the guest\'s mail');
    const guest = await open(t, { lang: 'kk' });
    await go(guest, link);
    await guest.waitForURL(`**/conferences/${conference.id}`);
    await guest.click('[data-testid="stage-enter"]');
    await testId(guest, 'stage-lobby');
    check(
      (await guest.locator('[data-testid="stage-lobby"]').textContent())?.trim() === tr('kk', 'stage.lobby'),
      'the guest is not told they wait in the lobby',
    );
    check((await guest.locator('[data-testid="stage-chat"]').count()) === 0, 'the lobby shows the chat');

    await page.click('[data-testid="stage-admit"]');
    await testId(guest, 'stage-chat');
    const said = async (p, text) => {
      await p.fill('[data-testid="stage-chat"] [data-testid="chat-input"]', text);
      await p.click('[data-testid="stage-chat"] [data-testid="chat-send"]');
    };
    const heard = (p, text) => p.locator('[data-testid="stage-chat"] [data-testid="chat-messages"]', { hasText: text }).waitFor();
    await said(guest, 'Сәлеметсіздер ме! Дыбыс жақсы естіледі.');
    await heard(page, 'Сәлеметсіздер ме! Дыбыс жақсы естіледі.');
    await said(page, 'Добро пожаловать, начинаем в 10:05.');
    await heard(guest, 'Добро пожаловать, начинаем в 10:05.');
    await inspect(page, 'conference-chat-ru');

    // A reload: back in (let in once, no lobby again) with the whole conversation.
    await guest.reload();
    await guest.click('[data-testid="stage-enter"]');
    await testId(guest, 'stage-chat');
    await heard(guest, 'Сәлеметсіздер ме! Дыбыс жақсы естіледі.');
    await heard(guest, 'Добро пожаловать, начинаем в 10:05.');
    await waitLang(guest, 'kk');
    await inspect(guest, 'conference-chat-kk');
  });
}
