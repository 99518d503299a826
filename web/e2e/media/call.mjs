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
    // (The server keeps one handle of its own for making rooms once the first call was made.)
    let handles = -1;
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      handles = await handlesNow();
      if (handles <= Math.max(before, 1)) break;
      await citizen.waitForTimeout(200);
    }
    check(handles <= Math.max(before, 1), `${handles} Janus handles after hang-up, ${before} before the call`);
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

