// Calls in a consultation through Janus's VideoRoom, signalled over /ws.
import { check, connected, consultation, expectFlow, joinCall, picture, receiverIndex, test } from './support.mjs';

test('1:1 call through Janus: media flows both ways; hang-up leaves no handle', async () => {
  const { citizen, lawyer, roomId, citizenId, lawyerId } = await consultation();
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
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    const text = await citizen.evaluate(async () => (await fetch('/metrics')).text());
    handles = Number(/\nkelisim_media_handles (\d+)/.exec(text)?.[1] ?? -1);
    if (handles <= 1) break;
    await citizen.waitForTimeout(200);
  }
  check(handles === 1, `${handles} Janus handles left after hang-up`);
  await citizen.context().close();
  await lawyer.context().close();
});
