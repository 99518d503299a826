// Who may take part in a consultation's call (issue 9, test 3), in Chromium against the real
// server and Janus: a non-member, a member who was removed and a citizen still waiting in
// the queue (the lobby) are refused — the typed `error` over /ws, and no Janus handle for
// them — and a removed member's media ends at once; once the specialist takes the waiting
// citizen's ticket, the citizen is admitted and media flows.
import {
  BASE,
  api,
  check,
  closeConsultation,
  connected,
  consultation,
  expectFlow,
  expectLivePicture,
  handlesNow,
  invited,
  joinCall,
  newPage,
  receiverIndex,
  sample,
  signIn,
  test,
} from './support.mjs';

// Signalling by hand on a socket of its own, as a page that does not play along would:
// call.join with a real offer, then call.receive of `feed`. Returns the server's replies to
// each (the first call.* or error event after it, or null after 10 s).
async function trySignalling(page, roomId, feed) {
  return page.evaluate(
    async ([room, wanted]) => {
      const ws = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/ws`);
      await new Promise((resolve, reject) => {
        ws.onopen = resolve;
        ws.onerror = reject;
      });
      const replies = [];
      let waiter = null;
      ws.onmessage = (m) => {
        const e = JSON.parse(m.data);
        if (e.type !== 'error' && !e.type.startsWith('call.')) return;
        replies.push(e);
        waiter?.();
      };
      const next = (count) =>
        new Promise((resolve) => {
          const timer = setTimeout(() => resolve(null), 10_000);
          waiter = () => {
            if (replies.length >= count) {
              clearTimeout(timer);
              resolve(replies[count - 1]);
            }
          };
          waiter();
        });
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
      const pc = new RTCPeerConnection();
      for (const track of stream.getTracks()) {
        const t = pc.addTransceiver(track, { direction: 'sendonly' });
        const caps = RTCRtpReceiver.getCapabilities(track.kind).codecs;
        t.setCodecPreferences(caps.filter((c) => (track.kind === 'video' ? /VP8|rtx/i : /opus/i).test(c.mimeType)));
      }
      await pc.setLocalDescription(await pc.createOffer());
      ws.send(JSON.stringify({ type: 'call.join', room_id: room, sdp: pc.localDescription.sdp }));
      const join = await next(1);
      ws.send(JSON.stringify({ type: 'call.receive', room_id: room, feed: wanted }));
      const receive = await next(2);
      pc.close();
      for (const track of stream.getTracks()) track.stop();
      ws.close();
      return { join, receive };
    },
    [roomId, feed],
  );
}

// Both refused with the typed `not_found` (scope `call`, the room named, words to show).
function expectRefused(who, replies, roomId) {
  for (const [what, reply] of Object.entries(replies)) {
    check(
      reply?.type === 'error' && reply.code === 'not_found' && reply.scope === 'call' && reply.room_id === roomId,
      `${who}'s call.${what} was not refused: ${JSON.stringify(reply)}`,
    );
    check(typeof reply.message === 'string' && reply.message.length > 0, `${who}'s refusal has no words`);
  }
}

// Janus's handle count settles at `expected` (it may take a moment after a change).
async function expectHandles(page, expected, why) {
  let handles = -1;
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    handles = await handlesNow(page);
    if (handles === expected) return;
    await page.waitForTimeout(200);
  }
  throw new Error(`${handles} Janus handles ${why}, expected ${expected}`);
}

// Inbound video bytes of a connection stop growing: two samples 2 s apart, once settled.
async function stalled(page, index) {
  await page.waitForTimeout(1000);
  const a = await sample(page, index);
  await page.waitForTimeout(2000);
  const b = await sample(page, index);
  return (b.video?.bytes ?? 0) === (a.video?.bytes ?? 0);
}

test('call authorisation: a non-member, a removed member and a waiting citizen are refused without a handle; the admitted citizen gets media', async () => {
  const { lawyer, roomId, citizenId, lawyerId } = await consultation();
  let admittedRoom = null;
  try {
    const [mediator] = await invited(lawyer, roomId, ['mediator.astana@demo.kelisim.kz']);
    const small = { width: 320, height: 240, frameRate: 15 };
    const idle = await handlesNow(lawyer);
    await joinCall(lawyer, roomId, small);
    await joinCall(mediator.page, roomId, small);
    const fromLawyer = await receiverIndex(mediator.page, lawyerId);
    const fromMediator = await receiverIndex(lawyer, mediator.id);
    await connected(mediator.page, fromLawyer);
    await connected(lawyer, fromMediator);
    // Two publications and two receiving handles.
    await expectHandles(lawyer, idle + 4, 'in a call of two');
    const inCall = idle + 4;

    // A non-member: the room page refuses them, and so does the call's signalling.
    const stranger = await newPage();
    await signIn(stranger, 'psychologist.astana@demo.kelisim.kz');
    await stranger.goto(`${BASE}/rooms/${roomId}`);
    await stranger.waitForSelector('[data-testid="room-error"]:not(:empty)');
    check((await stranger.locator('[data-testid="call-panel"]').count()) === 0, 'a non-member sees the call panel');
    expectRefused('a non-member', await trySignalling(stranger, roomId, lawyerId), roomId);
    await expectHandles(lawyer, inCall, "after a non-member's signalling");

    // A citizen in the queue (the lawyer serves one consultation at a time): the lobby.
    const waiting = await newPage();
    await waiting.goto(`${BASE}/`);
    const receptions = await api(waiting, 'GET', '/api/v1/receptions');
    const astana = receptions.body.items.find((r) => r.kind === 'event' && /Astana/.test(r.organisation_name.en));
    const asked = await api(waiting, 'POST', '/api/v1/tickets', {
      reception_id: astana.id,
      region: 'KZ-71',
      language: 'ru',
      category: 'family',
      description: 'Как оформить опеку над племянником?',
      channel: 'chat',
      kinds: ['lawyer'],
      consent: true,
    });
    check(asked.status === 201, `intake: ${JSON.stringify(asked)}`);
    const ticketId = asked.body.ticket.id;
    await waiting.goto(`${BASE}/tickets/${ticketId}`);
    const ticket = await api(waiting, 'GET', `/api/v1/tickets/${ticketId}`);
    check(!(ticket.body.ticket ?? ticket.body).room_id, `the waiting citizen already has a room: ${JSON.stringify(ticket.body)}`);
    check((await waiting.locator('[data-testid="call-panel"]').count()) === 0, 'a waiting citizen sees a call panel');
    expectRefused('a waiting citizen', await trySignalling(waiting, roomId, lawyerId), roomId);
    await expectHandles(lawyer, inCall, "after a waiting citizen's signalling");

    // A member removed mid-call (the mediator hands their place to a colleague): their
    // media ends at once, whatever their page does, and their signalling is refused.
    const judgeId = await (async () => {
      const judge = await newPage();
      await signIn(judge, 'judge.astana@demo.kelisim.kz');
      return (await api(judge, 'GET', '/api/v1/me')).body.id;
    })();
    const handed = await api(mediator.page, 'POST', `/api/v1/rooms/${roomId}/transfer`, { specialist_id: judgeId });
    check(handed.status === 200, `transfer: ${JSON.stringify(handed)}`);
    await mediator.page.waitForFunction(
      (me) => window.__callLog.some((line) => line.startsWith(`call.member ${me} removed`)),
      mediator.id,
    );
    check(await stalled(lawyer, fromMediator), 'the lawyer still receives the removed mediator');
    check(await stalled(mediator.page, fromLawyer), 'the removed mediator still receives the lawyer');
    await expectHandles(lawyer, idle + 1, 'after the mediator was removed');
    expectRefused('a removed member', await trySignalling(mediator.page, roomId, lawyerId), roomId);
    await expectHandles(lawyer, idle + 1, "after a removed member's signalling");
    // Their room page now refuses them too, and offers no call.
    const removedPage = await newPage();
    await signIn(removedPage, 'mediator.astana@demo.kelisim.kz');
    await removedPage.goto(`${BASE}/rooms/${roomId}`);
    await removedPage.waitForSelector('[data-testid="room-error"]:not(:empty)');
    check((await removedPage.locator('[data-testid="call-panel"]').count()) === 0, 'a removed member sees the call panel');

    // Admission: the lawyer ends this consultation and takes the waiting one.
    await lawyer.evaluate((room) => window.__callSocket.send(JSON.stringify({ type: 'call.leave', room_id: room })), roomId);
    await closeConsultation(lawyer, roomId);
    let accepted;
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      accepted = await api(lawyer, 'POST', `/api/v1/desk/offers/${ticketId}/accept`);
      if (accepted.status === 200) break;
      await lawyer.waitForTimeout(300);
    }
    check(accepted?.status === 200, `accept: ${JSON.stringify(accepted)}`);
    admittedRoom = accepted.body.id;
    const waitingId = (await api(waiting, 'GET', '/api/v1/me')).body.id;
    const lawyerAgain = await newPage();
    await signIn(lawyerAgain, 'lawyer@demo.kelisim.kz');
    await joinCall(waiting, admittedRoom, small);
    await joinCall(lawyerAgain, admittedRoom, small);
    for (const [page, from] of [
      [waiting, lawyerId],
      [lawyerAgain, waitingId],
    ]) {
      const index = await receiverIndex(page, from);
      await connected(page, index);
      await expectFlow(page, index);
      await expectLivePicture(page, `#feed-${from}`);
    }
    check(citizenId !== waitingId, 'the two citizens are one');
  } finally {
    await closeConsultation(lawyer, roomId);
    if (admittedRoom) await closeConsultation(lawyer, admittedRoom);
  }
});
