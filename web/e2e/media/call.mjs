// Calls in a consultation through Janus's VideoRoom, signalled over /ws.
import { check, connected, consultation, expectFlow, joinCall, picture, receiverIndex, test } from './support.mjs';

test('1:1 call through Janus: media flows both ways; hang-up leaves no handle', async () => {
  const { citizen, lawyer, roomId, citizenId, lawyerId } = await consultation();
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
  await citizen.context().close();
  await lawyer.context().close();
});
