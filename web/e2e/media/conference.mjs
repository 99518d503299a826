// A professional conference's live part (issue 9, test 8) in real pages through Kelisim's
// Janus: the moderator on the stage, a speaker raising a hand and brought up, a listener in
// the audience receiving them; the moderator's mute silences the speaker for everyone (Janus
// stops forwarding their voice), the stage holds six at most, and removal ends the removed
// person's media at once.
import {
  BASE,
  api,
  attribute,
  check,
  connected,
  expectFlow,
  handlesNow,
  newPage,
  sample,
  signIn,
  test,
  tile,
  tileConnection,
} from './support.mjs';

async function person(email) {
  const page = await newPage();
  await signIn(page, email);
  const id = (await api(page, 'GET', '/api/v1/me')).body.id;
  return { page, id };
}

// A conference going on now, scheduled by `moderator`, with `invited` specialists.
async function conferenceNow(moderator, invited) {
  const now = Date.now();
  const made = await api(moderator.page, 'POST', '/api/v1/conferences', {
    title: 'Медиация в семейных спорах: итоги приёма',
    description: 'Обсуждение обращений граждан.',
    language: 'ru',
    starts_at: new Date(now - 60_000).toISOString(),
    ends_at: new Date(now + 2 * 3600_000).toISOString(),
    agenda: [{ title: 'Итоги приёма' }],
    specialists: invited.map((p) => p.id),
  });
  check(made.status === 201, `schedule: ${JSON.stringify(made)}`);
  return made.body.id;
}

async function enter(page, conferenceId, place) {
  await page.goto(`${BASE}/conferences/${conferenceId}`);
  // Entering before the page's socket is open is fine: the stage enters once it opens.
  await page.click('[data-testid="stage-enter"]');
  try {
    await attribute(page, '[data-testid="stage"]', 'data-place', place);
  } catch (e) {
    const stage = await page.evaluate(() => document.querySelector('[data-testid="stage"]')?.outerHTML.slice(0, 600));
    throw new Error(`not in the ${place}: ${stage}`, { cause: e });
  }
}

// In the conference by its messages only, with no page and no media (the stage's limit
// needs people on it, not their pictures: six cameras would crowd out this 2-core machine).
async function enterWithoutMedia(page, conferenceId) {
  await page.goto(`${BASE}/`);
  await page.evaluate(async (conference) => {
    const ws = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/ws`);
    await new Promise((resolve, reject) => {
      ws.onopen = resolve;
      ws.onerror = reject;
    });
    window.__conferenceSocket = ws;
    ws.send(JSON.stringify({ type: 'conf.enter', conference_id: conference }));
  }, conferenceId);
}

// Inbound audio bytes of a connection, after waiting `ms`.
async function audioBytes(page, index) {
  return (await sample(page, index)).audio?.bytes ?? 0;
}

// The row of a person in one of the moderator's lists.
const row = (list, userId) => `[data-testid="${list}"] li[data-user="${userId}"]`;

test('conference: the stage holds six, a promoted speaker reaches the audience, the moderator mutes and removes', async () => {
  const moderator = await person('mediator@demo.kelisim.kz');
  const speaker = await person('lawyer@demo.kelisim.kz');
  const listener = await person('psychologist@demo.kelisim.kz');
  const extras = [];
  for (const email of ['doctor@demo.kelisim.kz', 'judge@demo.kelisim.kz', 'anticorruption@demo.kelisim.kz', 'other@demo.kelisim.kz', 'lawyer.wko@demo.kelisim.kz'])
    extras.push(await person(email));
  const id = await conferenceNow(moderator, [speaker, listener, ...extras]);
  const before = await handlesNow(moderator.page);

  await enter(moderator.page, id, 'stage');
  await enter(listener.page, id, 'audience');
  // The listener receives the moderator.
  await listener.page.waitForSelector(tile(moderator.id));
  const fromModerator = await tileConnection(listener.page, moderator.id);
  await connected(listener.page, fromModerator);
  await expectFlow(listener.page, fromModerator);

  // The speaker raises a hand; the moderator sees it and brings them to the stage.
  await enter(speaker.page, id, 'audience');
  await speaker.page.click('[data-testid="stage-hand"]');
  await moderator.page.waitForSelector(`${row('stage-audience-list', speaker.id)} .stage__hand`);
  await moderator.page.click(`${row('stage-audience-list', speaker.id)} [data-testid="stage-to-stage"]`);
  await attribute(speaker.page, '[data-testid="stage"]', 'data-place', 'stage');
  await listener.page.waitForSelector(tile(speaker.id), { timeout: 30_000 });
  const fromSpeaker = await tileConnection(listener.page, speaker.id);
  await connected(listener.page, fromSpeaker);
  await expectFlow(listener.page, fromSpeaker);

  // The moderator mutes the speaker: their voice stops reaching the listener (Janus holds
  // it back, whatever the speaker's page sends), and comes back when unmuted.
  await moderator.page.click(`${row('stage-speaker-list', speaker.id)} [data-testid="stage-mute"]`);
  await speaker.page.waitForSelector('[data-testid="stage-muted"]:not(:empty)');
  await listener.page.waitForTimeout(1500);
  const a = await audioBytes(listener.page, fromSpeaker);
  await listener.page.waitForTimeout(2000);
  const b = await audioBytes(listener.page, fromSpeaker);
  check(b === a, `the muted speaker's voice still reaches the listener: ${a} → ${b} bytes`);
  await moderator.page.click(`${row('stage-speaker-list', speaker.id)} [data-testid="stage-mute"]`);
  await listener.page.waitForTimeout(1500);
  const c = await audioBytes(listener.page, fromSpeaker);
  await listener.page.waitForTimeout(2000);
  check((await audioBytes(listener.page, fromSpeaker)) > c, 'the unmuted speaker is still silent');

  // The stage holds six: four more come up (they only need to be in the conference), the
  // seventh is refused with the reason.
  for (const extra of extras) {
    await enterWithoutMedia(extra.page, id);
    await moderator.page.waitForSelector(row('stage-audience-list', extra.id));
  }
  for (const extra of extras.slice(0, 4)) {
    await moderator.page.click(`${row('stage-audience-list', extra.id)} [data-testid="stage-to-stage"]`);
    await moderator.page.waitForSelector(row('stage-speaker-list', extra.id));
  }
  check((await moderator.page.locator('[data-testid="stage-speaker-list"] li').count()) === 6, 'the stage is not six');
  await moderator.page.click(`${row('stage-audience-list', extras[4].id)} [data-testid="stage-to-stage"]`);
  await moderator.page.waitForSelector('[data-testid="stage-problem"]:not(:empty)');
  const why = await moderator.page.textContent('[data-testid="stage-problem"]');
  check(/6/.test(why ?? ''), `the refusal does not say the limit: ${why}`);
  check((await moderator.page.locator('[data-testid="stage-speaker-list"] li').count()) === 6, 'a seventh is on the stage');

  // Removal: the speaker is told, their media ends at once for everyone.
  await moderator.page.click(`${row('stage-speaker-list', speaker.id)} [data-testid="stage-remove"]`);
  await speaker.page.waitForSelector('[data-testid="stage-event"]:not(:empty)');
  await listener.page.waitForSelector(tile(speaker.id), { state: 'detached', timeout: 10_000 });
  const closed = await speaker.page.evaluate(() =>
    window.__peerConnections.every((pc) => pc.connectionState === 'closed' || pc.connectionState === 'failed'),
  );
  check(closed, 'the removed speaker still has a live connection');
  const back = await api(speaker.page, 'GET', `/api/v1/conferences/${id}`);
  check(back.status === 200, 'the removed speaker lost the conference record too (only its live part is closed to them)');

  // Everyone leaves: no handle of the conference's call is left in Janus.
  for (const p of [listener, moderator, ...extras]) await p.page.goto(`${BASE}/`);
  let handles = -1;
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    handles = await handlesNow(speaker.page);
    if (handles <= before) break;
    await speaker.page.waitForTimeout(200);
  }
  check(handles <= before, `${handles} Janus handles after the conference, ${before} before`);
});
