// Calls in a consultation through Janus's VideoRoom, signalled over /ws.
import { check, closeConsultation, connected, consultation, expectFlow, invited, joinCall, picture, receiverIndex, sample, test } from './support.mjs';

test('1:1 call through Janus: media flows both ways; hang-up leaves no handle', async () => {
  const { citizen, lawyer, roomId, citizenId, lawyerId } = await consultation();
  try {
    const handlesNow = async () => {
      const text = await citizen.evaluate(async () => (await fetch('/metrics')).text());
      return Number(/\nkelisim_media_handles (\d+)/.exec(text)?.[1] ?? -1);
    };
    const before = await handlesNow();
    await joinCall(citizen, roomId);
    await joinCall(lawyer, roomId);
    const fromLawyer = await receiverIndex(citizen, lawyerId);
    const fromCitizen = await receiverIndex(lawyer, citizenId);
    for (const [page, index, feed] of [
      [citizen, fromLawyer, lawyerId],
      [lawyer, fromCitizen, citizenId],
    ]) {
      const s = await connected(page, index);
      check(s.transport.tls === 'FEFD', `DTLS ${s.transport.tls}`);
      await expectFlow(page, index);
      const one = await picture(page, `#feed-${feed}`);
      await page.waitForTimeout(500);
      const two = await picture(page, `#feed-${feed}`);
      check(one.variance > 10, `the picture from ${feed} is blank`);
      check(one.print !== two.print, `the picture from ${feed} is frozen`);
    }
    // Hang-up by both: no handle of the call is left in Janus (only the server's own).
    for (const page of [citizen, lawyer])
      await page.evaluate((room) => window.__callSocket.send(JSON.stringify({ type: 'call.leave', room_id: room })), roomId);
    let handles = -1;
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      handles = await handlesNow();
      if (handles <= before) break;
      await citizen.waitForTimeout(200);
    }
    check(handles <= before, `${handles} Janus handles after hang-up, ${before} before the call`);
  } finally {
    await closeConsultation(lawyer, roomId);
  }
});

test('a panel of 5 (a citizen and 4 specialists): each receives 4 video and 4 audio streams', async () => {
  const { citizen, lawyer, roomId, citizenId, lawyerId } = await consultation();
  try {
    const others = await invited(lawyer, roomId, [
      'mediator.astana@demo.kelisim.kz',
      'psychologist.astana@demo.kelisim.kz',
      'judge.astana@demo.kelisim.kz',
    ]);
    const people = [
      { page: citizen, id: citizenId },
      { page: lawyer, id: lawyerId },
      ...others,
    ];
    // A small picture keeps 5 encoders and 20 decoders within this 2-core machine.
    for (const p of people) await joinCall(p.page, roomId, { width: 320, height: 240, frameRate: 15 });
    for (const p of people) {
      for (const q of people) {
        if (q.id === p.id) continue;
        const index = await receiverIndex(p.page, q.id);
        await connected(p.page, index);
        const a = await sample(p.page, index);
        await p.page.waitForTimeout(1000);
        const b = await sample(p.page, index);
        check(b.video.frames > a.video.frames && b.video.bytes > a.video.bytes, `${p.id} gets no video from ${q.id}`);
        check(b.audio.bytes > a.audio.bytes, `${p.id} gets no audio from ${q.id}`);
      }
    }
  } finally {
    await closeConsultation(lawyer, roomId);
  }
});

// Inbound video bytes of the page's connection number `index`, 2 s apart: [before, after].
async function videoBytes(page, index) {
  const a = await sample(page, index);
  await page.waitForTimeout(2000);
  const b = await sample(page, index);
  return [a.video?.bytes ?? 0, b.video?.bytes ?? 0];
}

test('a separate session: the one left out stops receiving the mediator, the party keeps it; joint media resumes', async () => {
  const { citizen, lawyer, roomId, citizenId, lawyerId } = await consultation();
  try {
    const [colleague] = await invited(lawyer, roomId, ['mediator.astana@demo.kelisim.kz']);
    const small = { width: 320, height: 240, frameRate: 15 };
    await joinCall(citizen, roomId, small);
    await joinCall(lawyer, roomId, small);
    // The colleague's page keeps its connections open whatever it is told.
    await joinCall(colleague.page, roomId, small, { keepOnLeft: true });
    const outsideIndex = await receiverIndex(colleague.page, lawyerId);
    const partyIndex = await receiverIndex(citizen, lawyerId);
    await connected(colleague.page, outsideIndex);
    await connected(citizen, partyIndex);
    await lawyer.evaluate(
      ([room, party]) => window.__callSocket.send(JSON.stringify({ type: 'call.caucus.start', room_id: room, with: party })),
      [roomId, citizenId],
    );
    await colleague.page.waitForTimeout(1500);
    const [outBefore, outAfter] = await videoBytes(colleague.page, outsideIndex);
    check(outAfter === outBefore, `the one left out still receives the mediator: ${outBefore} → ${outAfter}`);
    const [inBefore, inAfter] = await videoBytes(citizen, partyIndex);
    check(inAfter > inBefore, `the party no longer receives the mediator: ${inBefore} → ${inAfter}`);
    // The end of the separate session: the colleague is told and receives the mediator again.
    await citizen.evaluate((room) => window.__callSocket.send(JSON.stringify({ type: 'call.caucus.end', room_id: room })), roomId);
    const deadline = Date.now() + 20_000;
    let again = outsideIndex;
    while (Date.now() < deadline && again === outsideIndex) {
      again = await receiverIndex(colleague.page, lawyerId);
      await colleague.page.waitForTimeout(200);
    }
    check(again !== outsideIndex, 'the mediator was not received again after the separate session');
    await connected(colleague.page, again);
    const [b1, b2] = await videoBytes(colleague.page, again);
    check(b2 > b1, 'joint media did not resume');
  } finally {
    await closeConsultation(lawyer, roomId);
  }
});

