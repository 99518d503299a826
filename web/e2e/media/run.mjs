// Media browser tests: real Chromium (fake camera and microphone) against a real Kelisim with
// its Janus and coturn, inside the network namespaces scripts/test-media.sh makes. Prints
// `ok - name` / `not ok - name`, then `media e2e: N passed, M failed`; exits non-zero on
// failure. "Media flows" is measured as issue 9 defines it: between two getStats() samples
// 2 s apart, inbound video bytes and decoded frames grow, inbound audio grows, and the
// rendered frame is neither blank nor frozen.
// Usage (inside the client namespace): KELISIM_URL=https://10.77.0.1:8443 KELISIM_DEMO_PASSWORD=… node e2e/media/run.mjs [filter]
import { chromium } from 'playwright-core';

const BASE = (process.env.KELISIM_URL ?? 'https://10.77.0.1:8443').replace(/\/$/, '');
const PASSWORD = process.env.KELISIM_DEMO_PASSWORD ?? '';
const FILTER = process.argv[2] ?? '';
const TIMEOUT = 20_000;

const tests = [];
const test = (name, fn) => tests.push({ name, fn });
const check = (ok, message) => {
  if (!ok) throw new Error(message);
};

// Every RTCPeerConnection the page makes is kept where the test can read its stats (the
// page itself has no test hook).
const CAPTURE = () => {
  const Original = window.RTCPeerConnection;
  window.__peerConnections = [];
  window.RTCPeerConnection = function (...args) {
    const pc = new Original(...args);
    window.__peerConnections.push(pc);
    return pc;
  };
  window.RTCPeerConnection.prototype = Original.prototype;
  Object.setPrototypeOf(window.RTCPeerConnection, Original);
};

let browser;

async function newPage() {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, locale: 'ru-RU' });
  await context.addInitScript(CAPTURE);
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  return page;
}

async function signIn(page, email) {
  await page.goto(`${BASE}/sign-in`);
  await page.waitForSelector('[data-testid="sign-in"]');
  await page.fill('#email', email);
  await page.fill('#password', PASSWORD);
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/sign-in')),
    page.click('[data-testid="sign-in-submit"]'),
  ]);
}

// Inbound and transport figures of the page's peer connection number `index`.
async function sample(page, index = 0) {
  return page.evaluate(async (i) => {
    const pc = window.__peerConnections[i];
    const stats = await pc.getStats();
    const out = { video: null, audio: null, transport: null, local: null };
    const byId = new Map();
    stats.forEach((s) => byId.set(s.id, s));
    stats.forEach((s) => {
      if (s.type === 'inbound-rtp' && s.kind === 'video')
        out.video = { bytes: s.bytesReceived, frames: s.framesDecoded ?? 0 };
      if (s.type === 'inbound-rtp' && s.kind === 'audio')
        out.audio = {
          bytes: s.bytesReceived,
          samples: s.totalSamplesReceived ?? 0,
          concealed: s.concealedSamples ?? 0,
        };
      if (s.type === 'transport') {
        out.transport = { dtls: s.dtlsState, tls: s.tlsVersion, cipher: s.srtpCipher };
        const pair = byId.get(s.selectedCandidatePairId);
        const local = pair && byId.get(pair.localCandidateId);
        if (local) out.local = { type: local.candidateType, protocol: local.protocol };
      }
    });
    return out;
  }, index);
}

// The video element's picture: how much its pixels vary (0: blank) and a fingerprint to
// tell two pictures apart (same: frozen).
async function picture(page, selector) {
  return page.evaluate((sel) => {
    const video = document.querySelector(sel);
    if (!video || !video.videoWidth) return { variance: 0, print: '' };
    const canvas = document.createElement('canvas');
    canvas.width = 64;
    canvas.height = 48;
    const g = canvas.getContext('2d');
    g.drawImage(video, 0, 0, 64, 48);
    const { data } = g.getImageData(0, 0, 64, 48);
    let sum = 0;
    let sq = 0;
    let print = 0;
    for (let p = 0; p < data.length; p += 4) {
      const y = (data[p] + data[p + 1] + data[p + 2]) / 3;
      sum += y;
      sq += y * y;
      print = (print * 31 + Math.round(y)) >>> 0;
    }
    const n = data.length / 4;
    return { variance: sq / n - (sum / n) ** 2, print: String(print) };
  }, selector);
}

// Waits until the peer connection's DTLS is connected; returns the sample then.
async function connected(page, index = 0) {
  const deadline = Date.now() + TIMEOUT;
  let s;
  while (Date.now() < deadline) {
    s = await sample(page, index);
    if (s.transport?.dtls === 'connected' && s.video?.frames > 0) return s;
    if (s.transport?.dtls === 'failed') break;
    await page.waitForTimeout(250);
  }
  throw new Error(`no DTLS connection: ${JSON.stringify(s)}`);
}

// Media flows both kinds between two samples 2 s apart.
async function expectFlow(page, index = 0) {
  const a = await sample(page, index);
  await page.waitForTimeout(2000);
  const b = await sample(page, index);
  check(b.video && b.video.bytes > a.video.bytes, `video bytes did not grow: ${JSON.stringify([a.video, b.video])}`);
  check(b.video.frames > a.video.frames, `no frames decoded: ${JSON.stringify([a.video, b.video])}`);
  check(b.audio && b.audio.bytes > a.audio.bytes, `audio bytes did not grow: ${JSON.stringify([a.audio, b.audio])}`);
  const samples = b.audio.samples - a.audio.samples;
  if (samples > 0) {
    const concealed = (b.audio.concealed - a.audio.concealed) / samples;
    check(concealed < 0.05, `audio concealment ${(concealed * 100).toFixed(1)} % ≥ 5 %`);
  }
  return b;
}

// ---- the tests ----------------------------------------------------------------------

test('Chromium completes DTLS with Janus 1.1.2 through the echo test, signalled over /ws only', async () => {
  const page = await newPage();
  await signIn(page, 'citizen@demo.kelisim.kz');
  const info = await page.evaluate(async () => (await fetch('/api/v1/media')).json());
  check(info.calls === true, `calls are off: ${JSON.stringify(info)}`);
  // The signalling a page does, by hand: offer, trickled candidates, answer; one codec per
  // kind keeps the offer under the engine's request size.
  const result = await page.evaluate(async (iceServers) => {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
    const pc = new RTCPeerConnection({ iceServers });
    for (const track of stream.getTracks()) {
      const t = pc.addTransceiver(track, { direction: 'sendrecv' });
      const caps = RTCRtpReceiver.getCapabilities(track.kind).codecs;
      const keep = caps.filter((c) => (track.kind === 'video' ? /VP8|rtx/i : /opus/i).test(c.mimeType));
      t.setCodecPreferences(keep);
    }
    const video = document.createElement('video');
    video.id = 'echo-remote';
    video.muted = true;
    video.playsInline = true;
    video.autoplay = true;
    document.body.appendChild(video);
    const audio = document.createElement('audio');
    audio.autoplay = true;
    document.body.appendChild(audio);
    pc.ontrack = (e) => {
      if (e.track.kind === 'video') video.srcObject = new MediaStream([e.track]);
      else audio.srcObject = new MediaStream([e.track]);
    };
    const ws = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/ws`);
    await new Promise((resolve, reject) => {
      ws.onopen = resolve;
      ws.onerror = reject;
    });
    window.__echoSocket = ws;
    const answered = new Promise((resolve, reject) => {
      ws.onmessage = (m) => {
        const e = JSON.parse(m.data);
        if (e.type === 'echo.answer') resolve(e.sdp);
        if (e.type === 'error') reject(new Error(JSON.stringify(e)));
      };
    });
    pc.onicecandidate = (e) => {
      const msg = e.candidate
        ? { type: 'echo.candidate', candidate: e.candidate.toJSON() }
        : { type: 'echo.candidate', completed: true };
      ws.send(JSON.stringify(msg));
    };
    const offer = await pc.createOffer();
    await pc.setLocalDescription(offer);
    ws.send(JSON.stringify({ type: 'echo.offer', sdp: offer.sdp }));
    const sdp = await answered;
    await pc.setRemoteDescription({ type: 'answer', sdp });
    return { offerBytes: offer.sdp.length };
  }, info.ice_servers);
  check(result.offerBytes < info.max_sdp_bytes, `offer of ${result.offerBytes} bytes`);
  const s = await connected(page);
  check(s.transport.tls === 'FEFD', `DTLS version ${s.transport.tls}, expected FEFD (DTLS 1.2)`);
  check(s.local?.type === 'host', `selected local candidate ${JSON.stringify(s.local)}`);
  await expectFlow(page);
  const one = await picture(page, '#echo-remote');
  await page.waitForTimeout(500);
  const two = await picture(page, '#echo-remote');
  check(one.variance > 10, `the echoed picture is blank (variance ${one.variance})`);
  check(one.print !== two.print, 'the echoed picture is frozen');
  // Hang-up: the page's connection closes and the engine's handle goes with it.
  await page.evaluate(() => window.__echoSocket.close());
  await page.context().close();
});

test('device check: fake devices listed, the level meter moves, the echo verdict is "video"', async () => {
  const page = await newPage();
  await signIn(page, 'citizen@demo.kelisim.kz');
  await page.goto(`${BASE}/check`);
  await page.waitForSelector('[data-testid="check-page"]');
  await page.click('[data-testid="check-start"]');
  await page.waitForSelector('[data-testid="camera-select"] option', { state: 'attached' });
  const cameras = await page.locator('[data-testid="camera-select"] option').count();
  const mics = await page.locator('[data-testid="mic-select"] option').count();
  check(cameras >= 1 && mics >= 1, `devices listed: ${cameras} cameras, ${mics} microphones`);
  // The fake microphone beeps: the meter rises above 0 within a few seconds.
  let level = 0;
  const until = Date.now() + 8000;
  while (Date.now() < until && level <= 0.01) {
    level = Number(await page.getAttribute('[data-testid="mic-level"]', 'data-level'));
    await page.waitForTimeout(100);
  }
  check(level > 0.01, `the level meter did not move (${level})`);
  await page.click('[data-testid="start-echo"]');
  await page.waitForSelector('[data-testid="echo-verdict"][data-verdict]', { timeout: 40_000 });
  const verdict = await page.getAttribute('[data-testid="echo-verdict"]', 'data-verdict');
  check(verdict === 'video', `verdict ${verdict}`);
  const s = await sample(page, (await page.evaluate(() => window.__peerConnections.length)) - 1);
  check(s.transport?.dtls === 'connected' && s.transport.tls === 'FEFD', `DTLS ${JSON.stringify(s.transport)}`);
  await page.context().close();
});

// A page's side of a call, as the room page will do it: publish once, receive each other
// member whose media flows (told by call.joined or call.member), everything over /ws.
// Receiving connections are kept in window.__receivers[feed].
async function joinCall(page, roomId) {
  await page.evaluate(async (room) => {
    const ws = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/ws`);
    await new Promise((resolve, reject) => {
      ws.onopen = resolve;
      ws.onerror = reject;
    });
    window.__callSocket = ws;
    window.__receivers = {};
    window.__callErrors = [];
    const send = (m) => ws.send(JSON.stringify({ room_id: room, ...m }));
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
    const pc = new RTCPeerConnection();
    for (const track of stream.getTracks()) {
      const t = pc.addTransceiver(track, { direction: 'sendonly' });
      const caps = RTCRtpReceiver.getCapabilities(track.kind).codecs;
      t.setCodecPreferences(caps.filter((c) => (track.kind === 'video' ? /VP8|rtx/i : /opus/i).test(c.mimeType)));
    }
    pc.onicecandidate = (e) =>
      send(e.candidate ? { type: 'call.candidate', candidate: e.candidate.toJSON() } : { type: 'call.candidate', completed: true });
    const receive = (feed) => {
      if (!window.__receivers[feed]) send({ type: 'call.receive', feed });
    };
    ws.onmessage = async (m) => {
      const e = JSON.parse(m.data);
      if (e.type === 'error') window.__callErrors.push(e);
      if (e.type === 'call.joined') {
        await pc.setRemoteDescription({ type: 'answer', sdp: e.sdp });
        e.publishers.forEach(receive);
      }
      if (e.type === 'call.member' && e.event === 'joined') receive(e.user_id);
      if (e.type === 'call.member' && e.event === 'left') {
        window.__receivers[e.user_id]?.close();
        delete window.__receivers[e.user_id];
      }
      if (e.type === 'call.offer') {
        const sub = new RTCPeerConnection();
        window.__receivers[e.feed] = sub;
        window.__peerConnections.push(sub);
        const video = document.createElement('video');
        video.id = `feed-${e.feed}`;
        video.muted = true;
        video.autoplay = true;
        video.playsInline = true;
        document.body.appendChild(video);
        const audio = document.createElement('audio');
        audio.autoplay = true;
        document.body.appendChild(audio);
        sub.ontrack = (t) => {
          if (t.track.kind === 'video') video.srcObject = new MediaStream([t.track]);
          else audio.srcObject = new MediaStream([t.track]);
        };
        sub.onicecandidate = (c) =>
          send(c.candidate
            ? { type: 'call.candidate', feed: e.feed, candidate: c.candidate.toJSON() }
            : { type: 'call.candidate', feed: e.feed, completed: true });
        await sub.setRemoteDescription({ type: 'offer', sdp: e.sdp });
        const answer = await sub.createAnswer();
        await sub.setLocalDescription(answer);
        send({ type: 'call.answer', feed: e.feed, sdp: answer.sdp });
      }
    };
    const offer = await pc.createOffer();
    await pc.setLocalDescription(offer);
    send({ type: 'call.join', sdp: offer.sdp });
  }, roomId);
}

// The index in window.__peerConnections of the connection receiving `feed`.
async function receiverIndex(page, feed) {
  const deadline = Date.now() + TIMEOUT;
  while (Date.now() < deadline) {
    const i = await page.evaluate((f) => window.__peerConnections.indexOf(window.__receivers?.[f]), feed);
    if (i >= 0) return i;
    await page.waitForTimeout(200);
  }
  const errors = await page.evaluate(() => window.__callErrors);
  throw new Error(`nothing received from ${feed}; errors: ${JSON.stringify(errors)}`);
}

// Writes with the page's session (its CSRF cookie), as the app's client does.
async function api(page, method, path, body) {
  return page.evaluate(
    async ([m, p, b]) => {
      const token = document.cookie.split('; ').find((c) => c.startsWith('kelisim_csrf='))?.split('=')[1];
      const headers = { 'Content-Type': 'application/json' };
      if (token) headers['X-CSRF-Token'] = decodeURIComponent(token);
      const r = await fetch(p, { method: m, headers, body: b === undefined ? undefined : JSON.stringify(b) });
      const text = await r.text();
      return { status: r.status, body: text ? JSON.parse(text) : null };
    },
    [method, path, body],
  );
}

// A guest's question to the Astana reception, taken by the demo lawyer: the two pages and the room.
async function consultation() {
  const citizen = await newPage();
  await citizen.goto(`${BASE}/`);
  const receptions = await api(citizen, 'GET', '/api/v1/receptions');
  const astana = receptions.body.items.find((r) => r.kind === 'event' && /Astana/.test(r.organisation_name.en));
  const asked = await api(citizen, 'POST', '/api/v1/tickets', {
    reception_id: astana.id,
    region: 'KZ-71',
    language: 'ru',
    category: 'family',
    description: 'Бывший супруг не платит алименты, что делать?',
    channel: 'chat',
    kinds: ['lawyer'],
    consent: true,
  });
  check(asked.status === 201, `intake: ${JSON.stringify(asked)}`);
  const ticketId = asked.body.ticket.id;
  const lawyer = await newPage();
  await signIn(lawyer, 'lawyer@demo.kelisim.kz');
  const duty = await api(lawyer, 'POST', '/api/v1/desk/duty', { on_duty: true });
  check(duty.status === 200, `duty: ${JSON.stringify(duty)}`);
  let accepted;
  const deadline = Date.now() + TIMEOUT;
  while (Date.now() < deadline) {
    accepted = await api(lawyer, 'POST', `/api/v1/desk/offers/${ticketId}/accept`);
    if (accepted.status === 200) break;
    await lawyer.waitForTimeout(300);
  }
  check(accepted.status === 200, `accept: ${JSON.stringify(accepted)}`);
  const citizenId = (await api(citizen, 'GET', '/api/v1/me')).body.id;
  const lawyerId = (await api(lawyer, 'GET', '/api/v1/me')).body.id;
  return { citizen, lawyer, roomId: accepted.body.id, citizenId, lawyerId };
}

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

// ---- runner -----------------------------------------------------------------------

let passed = 0;
let failed = 0;
try {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      '--disable-features=WebRtcHideLocalIpsWithMdns',
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
  for (const t of tests) {
    if (FILTER && !t.name.includes(FILTER)) continue;
    try {
      await t.fn();
      passed += 1;
      console.log(`ok - ${t.name}`);
    } catch (e) {
      failed += 1;
      console.log(`not ok - ${t.name}\n  ${String(e?.stack ?? e).split('\n').slice(0, 4).join('\n  ')}`);
    }
  }
} finally {
  await browser?.close();
}
console.log(`media e2e: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
