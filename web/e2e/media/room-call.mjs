// The call panel of a consultation, clicked through in two real pages: the citizen on their
// ticket (/tickets/:id — a citizen never sees /rooms/:id, which is for staff) and the demo
// lawyer on /rooms/:id, media through Kelisim's Janus.
import { execFileSync } from 'node:child_process';
import {
  BASE,
  api,
  attribute,
  check,
  closeConsultation,
  connected,
  consultation,
  expectFlow,
  expectLivePicture,
  handlesNow,
  newPage,
  picture,
  signIn,
  test,
  tile,
  tileConnection,
  tilePlays,
} from './support.mjs';

test('room page call: the citizen asked for video and calls, the lawyer joins, media both ways, mute, hang-up', async () => {
  const { citizen, lawyer, roomId, citizenId, lawyerId } = await consultation({ channel: 'video' });
  try {
    const before = await handlesNow(citizen);
    const room = await api(citizen, 'GET', `/api/v1/rooms/${roomId}`);
    check(room.status === 200, `room: ${JSON.stringify(room)}`);
    await citizen.goto(`${BASE}/tickets/${room.body.ticket_id}`);
    await lawyer.goto(`${BASE}/rooms/${roomId}`);
    for (const page of [citizen, lawyer]) {
      await page.waitForSelector('[data-testid="call-panel"] [data-testid="call-start-video"]');
      await page.waitForSelector('[data-testid="call-check"]');
    }
    // The way the citizen asked to be served comes first, and both are told.
    for (const page of [citizen, lawyer]) {
      const first = await page.getAttribute('[data-testid="call-panel"] .actions button', 'data-testid');
      check(first === 'call-start-video', `the first call button is ${first}`);
      await page.waitForSelector('[data-testid="call-wish"]');
    }
    // Both pages' sockets are up (the chat's connection banner says so) before the call starts.
    for (const page of [citizen, lawyer]) await attribute(page, '[data-testid="connection-banner"]', 'data-state', 'open');

    await citizen.click('[data-testid="call-start-video"]');
    await citizen.waitForSelector('[data-testid="call-local-video"]');
    await attribute(citizen, '[data-testid="call-panel"]', 'data-phase', 'connected');
    // The lawyer is told a call is going on, and joins it.
    await lawyer.waitForSelector('[data-testid="call-ongoing"]:not(:empty)');
    await lawyer.click('[data-testid="call-join"]');
    await attribute(lawyer, '[data-testid="call-panel"]', 'data-phase', 'connected');

    for (const [page, from] of [
      [citizen, lawyerId],
      [lawyer, citizenId],
    ]) {
      await page.waitForSelector(tile(from));
      const index = await tileConnection(page, from);
      await connected(page, index);
      // Quality in words, per link, once two 2 s windows are measured (the link has settled).
      await page.waitForSelector(`${tile(from)} [data-testid="call-quality"][data-quality]`, { timeout: 10_000 });
      const quality = await page.getAttribute(`${tile(from)} [data-testid="call-quality"]`, 'data-quality');
      check(['good', 'weak', 'bad'].includes(quality), `quality ${quality}`);
      await expectFlow(page, index);
      await tilePlays(page, from);
      const one = await picture(page, `${tile(from)} video`);
      await page.waitForTimeout(500);
      const two = await picture(page, `${tile(from)} video`);
      check(one.variance > 10, `the picture from ${from} is blank`);
      check(one.print !== two.print, `the picture from ${from} is frozen`);
      const local = await page.evaluate(() => {
        const video = document.querySelector('[data-testid="call-local-video"]');
        return !!video && video.muted && !video.paused && video.srcObject?.getVideoTracks().length > 0;
      });
      check(local, 'the local preview is not a muted, playing picture');
    }

    // Mute: the control says so; the other side keeps receiving (silence).
    await attribute(citizen, '[data-testid="call-mute"]', 'aria-pressed', 'false');
    await citizen.click('[data-testid="call-mute"]');
    await attribute(citizen, '[data-testid="call-mute"]', 'aria-pressed', 'true');
    const muted = await citizen.evaluate(() =>
      window.__peerConnections.some((pc) => pc.getSenders().some((s) => s.track?.kind === 'audio' && !s.track.enabled)),
    );
    check(muted, 'the microphone track is still enabled');
    await expectFlow(lawyer, await tileConnection(lawyer, citizenId));
    // Camera off: the control says so, and the other side soon tells the camera is off.
    await citizen.click('[data-testid="call-camera"]');
    await attribute(citizen, '[data-testid="call-camera"]', 'aria-pressed', 'true');
    await lawyer.waitForSelector(`${tile(citizenId)}[data-mode="cameraOff"]`, { timeout: 15_000 });

    // Hang-up by both: the tiles go, and no handle of the call is left in Janus.
    await citizen.click('[data-testid="call-hangup"]');
    await attribute(citizen, '[data-testid="call-panel"]', 'data-phase', 'idle');
    check((await citizen.locator('[data-testid="call-tile"]').count()) === 0, 'the citizen still has tiles');
    await lawyer.waitForSelector(tile(citizenId), { state: 'detached' });
    await lawyer.click('[data-testid="call-hangup"]');
    await attribute(lawyer, '[data-testid="call-panel"]', 'data-phase', 'idle');
    check((await lawyer.locator('[data-testid="call-tile"]').count()) === 0, 'the lawyer still has tiles');
    const stopped = await citizen.evaluate(() => window.__peerConnections.every((pc) => pc.connectionState === 'closed'));
    check(stopped, 'a peer connection of the citizen is still open');
    let handles = -1;
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      handles = await handlesNow(citizen);
      if (handles <= before) break;
      await citizen.waitForTimeout(200);
    }
    check(handles <= before, `${handles} Janus handles after hang-up, ${before} before the call`);
  } finally {
    await closeConsultation(lawyer, roomId);
  }
});

// The server's data folder (scripts/test-media.sh): its Janus is the one to kill.
const DATA_DIR = process.env.KELISIM_DATA_DIR ?? '';

test('Janus killed mid-call: pages are told within 10 s, chat goes on, Kelisim restarts it and the pages rejoin by themselves', async () => {
  check(DATA_DIR !== '', 'KELISIM_DATA_DIR is not set');
  const { citizen, lawyer, roomId, citizenId, lawyerId } = await consultation();
  try {
    const room = await api(citizen, 'GET', `/api/v1/rooms/${roomId}`);
    await citizen.goto(`${BASE}/tickets/${room.body.ticket_id}`);
    await lawyer.goto(`${BASE}/rooms/${roomId}`);
    for (const page of [citizen, lawyer]) await attribute(page, '[data-testid="connection-banner"]', 'data-state', 'open');
    await citizen.click('[data-testid="call-start-video"]');
    await attribute(citizen, '[data-testid="call-panel"]', 'data-phase', 'connected');
    await lawyer.waitForSelector('[data-testid="call-ongoing"]:not(:empty)');
    await lawyer.click('[data-testid="call-join"]');
    await attribute(lawyer, '[data-testid="call-panel"]', 'data-phase', 'connected');
    await connected(lawyer, await tileConnection(lawyer, citizenId));

    execFileSync('pkill', ['-9', '-f', `${DATA_DIR}/media/janus/janus.jcfg`]);
    const killedAt = Date.now();
    for (const page of [citizen, lawyer])
      await page.waitForSelector('[data-testid="call-panel"][data-phase="reconnecting"]', { timeout: 10_000 });
    const toldWithin = Date.now() - killedAt;
    check(toldWithin <= 10_000, `told after ${toldWithin} ms`);
    // The chat carries on while the call is down.
    const sent = await api(lawyer, 'POST', `/api/v1/rooms/${roomId}/messages`, {
      client_id: `during-outage-${Date.now()}`,
      body: 'Связь восстанавливается, я на месте.',
    });
    check(sent.status === 201 || sent.status === 200, `chat during the outage: ${JSON.stringify(sent)}`);
    await citizen.getByText('Связь восстанавливается, я на месте.').first().waitFor({ timeout: 10_000 });
    // Both pages rejoin by themselves once Kelisim has Janus back, and media flows again on
    // their new connections (the tiles show the new ones' tracks).
    for (const page of [citizen, lawyer])
      await attribute(page, '[data-testid="call-panel"]', 'data-phase', 'connected');
    for (const [page, from] of [
      [citizen, lawyerId],
      [lawyer, citizenId],
    ]) {
      const index = await tileConnection(page, from);
      await connected(page, index);
      await expectFlow(page, index);
      await expectLivePicture(page, `${tile(from)} video`);
    }
    const ready = await citizen.evaluate(async () => (await fetch('/readyz')).json());
    check(ready.media?.janus === 'up', `Janus is not back: ${JSON.stringify(ready)}`);
  } finally {
    await closeConsultation(lawyer, roomId);
  }
});


test('a page opened after the call started is told a call is going on, joins it, and media flows', async () => {
  const { citizen, lawyer, roomId, citizenId, lawyerId } = await consultation();
  try {
    const room = await api(citizen, 'GET', `/api/v1/rooms/${roomId}`);
    await citizen.goto(`${BASE}/tickets/${room.body.ticket_id}`);
    await attribute(citizen, '[data-testid="connection-banner"]', 'data-state', 'open');
    await citizen.click('[data-testid="call-start-video"]');
    await attribute(citizen, '[data-testid="call-panel"]', 'data-phase', 'connected');
    // Only now does the lawyer open the room: the page asks who is in its call.
    await lawyer.goto(`${BASE}/rooms/${roomId}`);
    await lawyer.waitForSelector('[data-testid="call-ongoing"]:not(:empty)');
    await lawyer.click('[data-testid="call-join"]');
    await attribute(lawyer, '[data-testid="call-panel"]', 'data-phase', 'connected');
    for (const [page, from] of [
      [lawyer, citizenId],
      [citizen, lawyerId],
    ]) {
      const index = await tileConnection(page, from);
      await connected(page, index);
      await expectFlow(page, index);
      await expectLivePicture(page, `${tile(from)} video`);
    }
    // Once everyone has hung up, a page outside the call no longer says one is going on.
    const late = await newPage();
    await signIn(late, 'lawyer@demo.kelisim.kz');
    await late.goto(`${BASE}/rooms/${roomId}`);
    await late.waitForSelector('[data-testid="call-ongoing"]:not(:empty)');
    for (const page of [citizen, lawyer]) {
      await page.click('[data-testid="call-hangup"]');
      await attribute(page, '[data-testid="call-panel"]', 'data-phase', 'idle');
    }
    await late.waitForSelector('[data-testid="call-start-video"]');
    check((await late.locator('[data-testid="call-ongoing"]:not(:empty)').count()) === 0, 'a call is still said to be going on');
  } finally {
    await closeConsultation(lawyer, roomId);
  }
});
