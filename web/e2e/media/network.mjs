// The citizen's network (issue 9, test 5): behind a NAT with UDP allowed, a call needs no
// TURN (scripts/media-nat.sh puts a second Chromium behind one); and where no media gets
// through — UDP blocked and the TURN credential expired — the page offers the chat and a
// call-back by phone.
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import {
  BASE,
  CHROMIUM_ARGS,
  api,
  check,
  closeConsultation,
  connected,
  consultation,
  expectFlow,
  expectLivePicture,
  joinCall,
  newPage,
  receiverIndex,
  sample,
  test,
} from './support.mjs';

// A Chromium inside the citizen's namespace behind the NAT (scripts/test-media.sh).
const NAT_CHROMIUM = process.env.KELISIM_NAT_CHROMIUM ?? '';

test('behind a NAT with UDP allowed, without TURN: media flows both ways and no relay is used', async () => {
  check(NAT_CHROMIUM !== '', 'KELISIM_NAT_CHROMIUM is not set');
  const behindNat = await chromium.launch({ executablePath: NAT_CHROMIUM, args: CHROMIUM_ARGS });
  let roomId = null;
  let lawyer = null;
  try {
    const citizenPage = await newPage({ from: behindNat });
    const setUp = await consultation({ citizenPage });
    ({ lawyer, roomId } = setUp);
    const { citizen, citizenId, lawyerId } = setUp;
    // The pages' own peer connections take no ICE servers: no STUN, no TURN, policy 'all'.
    await joinCall(citizen, roomId, { width: 320, height: 240, frameRate: 15 });
    await joinCall(lawyer, roomId, { width: 320, height: 240, frameRate: 15 });
    const fromCitizen = await receiverIndex(lawyer, citizenId);
    const fromLawyer = await receiverIndex(citizen, lawyerId);
    for (const [page, index, from] of [
      [citizen, fromLawyer, lawyerId],
      [lawyer, fromCitizen, citizenId],
    ]) {
      await connected(page, index);
      await expectFlow(page, index);
      await expectLivePicture(page, `#feed-${from}`);
    }
    // Every connection of the citizen's (its publication is the first) goes without a relay,
    // from its own address behind the NAT.
    const count = await citizen.evaluate(() => window.__peerConnections.length);
    for (let index = 0; index < count; index += 1) {
      const s = await sample(citizen, index);
      check(s.local && s.local.type !== 'relay', `connection ${index} goes through ${JSON.stringify(s.local)}`);
    }
    // Its publication's own end of the pair: its address behind the NAT (host), or the NAT's
    // as Janus saw it (peer-reflexive) — never a relay, and no STUN server was asked.
    const local = await citizen.evaluate(async () => {
      const stats = await window.__peerConnections[0].getStats();
      let pairId = null;
      stats.forEach((s) => {
        if (s.type === 'transport') pairId = s.selectedCandidatePairId;
      });
      const pair = stats.get(pairId);
      const candidate = pair && stats.get(pair.localCandidateId);
      return candidate ? { type: candidate.candidateType, address: candidate.address } : null;
    });
    check(
      (local?.type === 'host' && local.address === '10.78.0.2') || (local?.type === 'prflx' && local.address === '10.79.0.2'),
      `the citizen's selected candidate ${JSON.stringify(local)} is not behind the NAT`,
    );
  } finally {
    if (lawyer && roomId) await closeConsultation(lawyer, roomId);
    await behindNat.close();
  }
});

// Rules for the runner's namespace (it is root there); removed by the test.
function nft(rules) {
  execFileSync('nft', ['-f', '-'], { input: rules });
}

test('TURN: with UDP blocked and an expired credential no relay is allocated, and the page offers the chat and a call-back', async () => {
  const { citizen, lawyer, roomId } = await consultation();
  // The citizen's page gets its TURN credential as it would read had it expired a minute ago.
  await citizen.route('**/api/v1/media', async (route) => {
    const response = await route.fetch();
    const settings = await response.json();
    const expiredAt = Math.floor(Date.now() / 1000) - 60;
    settings.ice_servers = settings.ice_servers.map((server) => ({
      ...server,
      username: `${expiredAt}:${server.username.slice(server.username.indexOf(':') + 1)}`,
    }));
    await route.fulfill({ response, json: settings });
  });
  // Every candidate type the page gathers.
  await citizen.context().addInitScript(() => {
    window.__gathered = [];
    const Captured = window.RTCPeerConnection;
    window.RTCPeerConnection = function (...args) {
      const pc = new Captured(...args);
      pc.addEventListener('icecandidate', (e) => {
        if (e.candidate) window.__gathered.push(e.candidate.type);
      });
      return pc;
    };
    window.RTCPeerConnection.prototype = Captured.prototype;
    Object.setPrototypeOf(window.RTCPeerConnection, Captured);
  });
  // The server's refusals the page hears (a call-back must not be one of them).
  const refusals = [];
  citizen.on('websocket', (ws) =>
    ws.on('framereceived', ({ payload }) => {
      const e = JSON.parse(String(payload));
      if (e.type === 'error' && e.scope === 'call') refusals.push(e);
    }),
  );
  nft(`table inet kelisim_media_test {
  chain out {
    type filter hook output priority 0; policy accept;
    ip daddr 10.77.0.1 meta l4proto udp drop
  }
}
`);
  try {
    const room = await api(citizen, 'GET', `/api/v1/rooms/${roomId}`);
    await citizen.goto(`${BASE}/tickets/${room.body.ticket_id}`);
    await citizen.waitForFunction(
      () => document.querySelector('[data-testid="connection-banner"]')?.getAttribute('data-state') === 'open',
    );
    await citizen.click('[data-testid="call-start-video"]');
    // ICE fails or times out (15 s): the call ends, saying why, and offers the rest.
    await citizen.waitForSelector('[data-testid="call-unreachable"]', { timeout: 60_000 });
    const gathered = await citizen.evaluate(() => window.__gathered);
    check(!gathered.includes('relay'), `a relay was allocated: ${JSON.stringify(gathered)}`);
    check(
      (await citizen.getAttribute('[data-testid="call-panel"]', 'data-phase')) === 'idle',
      'the call did not end',
    );
    check((await citizen.textContent('[data-testid="call-problem"]')).length > 0, 'the page does not say why');
    // The chat: one click puts the person in its composer.
    await citizen.click('[data-testid="call-unreachable-chat"]');
    const focused = await citizen.evaluate(() => document.activeElement?.id ?? '');
    check(focused === `chat-input-${roomId}`, `the chat's composer is not focused: ${focused}`);
    // The call-back: asked once, confirmed, and not refused by the server.
    await citizen.click('[data-testid="call-callback-offer"]');
    await citizen.waitForSelector('[data-testid="call-callback-sent"]:not(:empty)');
    await citizen.waitForTimeout(1500);
    check(refusals.length === 0, `the server refused: ${JSON.stringify(refusals)}`);
    check((await citizen.locator('[data-testid="call-callback-offer"]').count()) === 0, 'the call-back is offered again');
  } finally {
    nft('delete table inet kelisim_media_test');
    await closeConsultation(lawyer, roomId);
  }
});
