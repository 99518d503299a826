// Shared by the media browser tests (web/e2e/media/*.mjs): the server's address, pages with
// every RTCPeerConnection captured, sign-in, API writes with the CSRF cookie, a consultation
// set up through the API, and the measures of "media flows" (issue 9): between two getStats()
// samples 2 s apart inbound video bytes and decoded frames grow, inbound audio grows with
// concealment under 5 %, and the rendered frame is neither blank nor frozen.
export const BASE = (process.env.KELISIM_URL ?? 'https://10.77.0.1:8443').replace(/\/$/, '');
export const PASSWORD = process.env.KELISIM_DEMO_PASSWORD ?? '';
export const TIMEOUT = 20_000;

// How every Chromium of these tests starts: headless, fake camera and microphone, real IP
// addresses in candidates (no mDNS names), media that plays without a click.
export const CHROMIUM_ARGS = [
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
];

export const tests = [];
// `timeoutMs`: a test that needs longer than the runner's default (a link that has to fall
// back and recover step by step).
export const test = (name, fn, { timeoutMs } = {}) => tests.push({ name, fn, timeoutMs });
export const check = (ok, message) => {
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
export const setBrowser = (b) => {
  browser = b;
};
// The pages' contexts still open: the runner closes them after each test, passed or not, so
// a failed test leaves no media (and no Janus handle) behind for the next.
const openContexts = new Set();
export async function closeAll() {
  for (const context of [...openContexts]) await context.close().catch(() => {});
}

// `from`: another browser (one in a namespace of its own, shape.mjs); `viewport` its size.
export async function newPage({ from = browser, viewport } = {}) {
  const context = await from.newContext({ ignoreHTTPSErrors: true, locale: 'ru-RU', ...(viewport ? { viewport } : {}) });
  openContexts.add(context);
  context.on('close', () => openContexts.delete(context));
  await context.addInitScript(CAPTURE);
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  return page;
}

export async function signIn(page, email) {
  await page.goto(`${BASE}/sign-in`);
  await page.waitForSelector('[data-testid="sign-in"]');
  await page.fill('#email', email);
  await page.fill('#password', PASSWORD);
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/sign-in')),
    page.click('[data-testid="sign-in-submit"]'),
  ]);
}

// Inbound and transport figures of the page's peer connection number `index`. A getStats()
// that does not answer within 10 s fails, naming the connection and its state, rather than
// holding the test up.
export async function sample(page, index = 0) {
  return page.evaluate(async (i) => {
    const pc = window.__peerConnections[i];
    if (!pc) throw new Error(`no peer connection number ${i}`);
    let timer;
    const stats = await Promise.race([
      pc.getStats(),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`getStats of connection ${i} (${pc.connectionState}) did not answer in 10 s`)),
          10_000,
        );
      }),
    ]).finally(() => clearTimeout(timer));
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
        if (local) out.local = { type: local.candidateType, protocol: local.protocol, relayProtocol: local.relayProtocol };
      }
    });
    return out;
  }, index);
}

// The video element's picture: how much its pixels vary (0: blank) and a fingerprint to
// tell two pictures apart (same: frozen).
export async function picture(page, selector) {
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

// The picture shown by the video element at `selector` is neither blank nor frozen.
export async function expectLivePicture(page, selector) {
  const one = await picture(page, selector);
  await page.waitForTimeout(500);
  const two = await picture(page, selector);
  check(one.variance > 10, `the picture in ${selector} is blank`);
  check(one.print !== two.print, `the picture in ${selector} is frozen`);
}

// Waits until the peer connection's DTLS is connected and both kinds have come (on a loaded
// machine the first audio packets may trail the first decoded frame); returns the sample then.
export async function connected(page, index = 0) {
  const deadline = Date.now() + TIMEOUT;
  let s;
  while (Date.now() < deadline) {
    s = await sample(page, index);
    if (s.transport?.dtls === 'connected' && s.video?.frames > 0 && s.audio?.bytes > 0) return s;
    if (s.transport?.dtls === 'failed') break;
    await page.waitForTimeout(250);
  }
  throw new Error(`no DTLS connection: ${JSON.stringify(s)}`);
}

// Media flows both kinds between two samples 2 s apart.
export async function expectFlow(page, index = 0) {
  // Every 2-second window shows video and audio growing; the audio's concealment (a jitter
  // buffer that is still settling, on a busy 2-core machine) must come under 5 % within
  // three windows.
  let a = await sample(page, index);
  let concealment = 1;
  for (let window = 0; window < 3 && concealment >= 0.05; window += 1) {
    await page.waitForTimeout(2000);
    const b = await sample(page, index);
    check(b.video && b.video.bytes > a.video.bytes, `video bytes did not grow: ${JSON.stringify([a.video, b.video])}`);
    check(b.video.frames > a.video.frames, `no frames decoded: ${JSON.stringify([a.video, b.video])}`);
    check(b.audio && b.audio.bytes > a.audio.bytes, `audio bytes did not grow: ${JSON.stringify([a.audio, b.audio])}`);
    const samples = b.audio.samples - a.audio.samples;
    concealment = samples > 0 ? (b.audio.concealed - a.audio.concealed) / samples : 0;
    a = b;
  }
  check(concealment < 0.05, `audio concealment ${(concealment * 100).toFixed(1)} % ≥ 5 %`);
  return a;
}

// With `keepOnLeft` the page keeps a receiving connection open when told the person left (a
// page that does not play along: the server must stop the media itself).
export async function joinCall(page, roomId, video = true, { keepOnLeft = false } = {}) {
  await page.evaluate(async ([room, constraints, keep]) => {
    const ws = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/ws`);
    await new Promise((resolve, reject) => {
      ws.onopen = resolve;
      ws.onerror = reject;
    });
    window.__callSocket = ws;
    window.__receivers = {};
    window.__callErrors = [];
    window.__callLog = [];
    const send = (m) => ws.send(JSON.stringify({ room_id: room, ...m }));
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: constraints });
    const pc = new RTCPeerConnection();
    for (const track of stream.getTracks()) {
      const t = pc.addTransceiver(track, { direction: 'sendonly' });
      const caps = RTCRtpReceiver.getCapabilities(track.kind).codecs;
      t.setCodecPreferences(caps.filter((c) => (track.kind === 'video' ? /VP8|rtx/i : /opus/i).test(c.mimeType)));
    }
    pc.onicecandidate = (e) =>
      send(e.candidate ? { type: 'call.candidate', candidate: e.candidate.toJSON() } : { type: 'call.candidate', completed: true });
    // Asked once per feed (call.joined and call.member may both name it), and only once in
    // the call: a member hears of others before its own call.join is answered.
    const asked = new Set();
    let inCall = false;
    const waiting = [];
    const receive = (feed) => {
      if (!inCall) return void waiting.push(feed);
      if (asked.has(feed)) return;
      asked.add(feed);
      send({ type: 'call.receive', feed });
    };
    ws.onmessage = async (m) => {
      const e = JSON.parse(m.data);
      window.__callLog.push(`${e.type} ${e.user_id ?? e.feed ?? ''} ${e.event ?? e.code ?? ''} ${(e.publishers ?? []).join(',')}`);
      if (e.type === 'error') window.__callErrors.push(e);
      if (e.type === 'call.joined') {
        await pc.setRemoteDescription({ type: 'answer', sdp: e.sdp });
        inCall = true;
        [...e.publishers, ...waiting.splice(0)].forEach(receive);
      }
      if (e.type === 'call.member' && e.event === 'joined') receive(e.user_id);
      if (e.type === 'call.member' && e.event === 'left') {
        asked.delete(e.user_id);
        if (!keep) {
          window.__receivers[e.user_id]?.close();
          delete window.__receivers[e.user_id];
        }
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
  }, [roomId, video, keepOnLeft]);
}

// The index in window.__peerConnections of the connection receiving `feed`.
export async function receiverIndex(page, feed) {
  const deadline = Date.now() + TIMEOUT;
  while (Date.now() < deadline) {
    const i = await page.evaluate((f) => window.__peerConnections.indexOf(window.__receivers?.[f]), feed);
    if (i >= 0) return i;
    await page.waitForTimeout(200);
  }
  const log = await page.evaluate(() => window.__callLog);
  throw new Error(`nothing received from ${feed}; what came: ${JSON.stringify(log)}`);
}

// Writes with the page's session (its CSRF cookie), as the app's client does.
export async function api(page, method, path, body) {
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

// A guest's question to the Astana reception, taken by the demo lawyer: the two pages and the
// room. The guest asks on `citizenPage` if given (e.g. a page of a Chromium behind a NAT), else
// on a page of `citizenFrom` (a Chromium in a namespace of its own, shape.mjs) or the runner's,
// by `channel` (the way they ask to be served: chat, video, voice).
export async function consultation({ citizenPage = null, citizenFrom, lawyerViewport, channel = 'chat' } = {}) {
  const citizen = citizenPage ?? (await newPage({ from: citizenFrom }));
  await citizen.goto(`${BASE}/`);
  const receptions = await api(citizen, 'GET', '/api/v1/receptions');
  const astana = receptions.body.items.find((r) => r.kind === 'event' && /Astana/.test(r.organisation_name.en));
  const asked = await api(citizen, 'POST', '/api/v1/tickets', {
    reception_id: astana.id,
    region: 'KZ-71',
    language: 'ru',
    category: 'family',
    description: 'Бывший супруг не платит алименты, что делать?',
    channel,
    kinds: ['lawyer'],
    consent: true,
  });
  check(asked.status === 201, `intake: ${JSON.stringify(asked)}`);
  const ticketId = asked.body.ticket.id;
  const lawyer = await newPage({ viewport: lawyerViewport });
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

// Invites the demo specialists `emails` (signed in on pages of their own) into the room by
// `host` (a specialist member); returns their pages and ids.
export async function invited(host, roomId, emails) {
  const people = [];
  for (const email of emails) {
    const page = await newPage();
    await signIn(page, email);
    const id = (await api(page, 'GET', '/api/v1/me')).body.id;
    const r = await api(host, 'POST', `/api/v1/rooms/${roomId}/invite`, { specialist_id: id });
    check(r.status === 200, `invite ${email}: ${JSON.stringify(r)}`);
    people.push({ page, id });
  }
  return people;
}

// Ends the consultation (the lawyer may then take the next one): run it whatever the test did.
export async function closeConsultation(lawyer, roomId) {
  await api(lawyer, 'POST', `/api/v1/rooms/${roomId}/close`, { outcome: 'advice_given', summary: 'Разъяснено.' });
}

// A call tile of the app's pages (CallTiles.tsx) showing `userId`.
export const tile = (userId) => `[data-testid="call-tile"][data-user-id="${userId}"]`;

// The index in window.__peerConnections of the connection whose tracks a tile shows. Tracks
// are matched as objects, not by id: Janus names the tracks of every receiving connection
// alike (janus0, janus1 — its msid), so after a rejoin an id would also match the closed
// connection from before, whose stats then never show media (why reading the stats after
// Janus was killed seemed to hang).
export async function tileConnection(page, userId) {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const index = await page.evaluate((selector) => {
      const video = document.querySelector(`${selector} video`);
      const tracks = video?.srcObject?.getTracks() ?? [];
      if (tracks.length === 0) return -1;
      return window.__peerConnections.findIndex((pc) => pc.getReceivers().some((r) => r.track && tracks.includes(r.track)));
    }, tile(userId));
    if (index >= 0) return index;
    await page.waitForTimeout(200);
  }
  throw new Error(`no media in the tile of ${userId}`);
}

// The tile's <video> and <audio> both play, with tracks of their kind.
export async function tilePlays(page, userId) {
  const deadline = Date.now() + 10_000;
  let state;
  while (Date.now() < deadline) {
    state = await page.evaluate((selector) => {
      const video = document.querySelector(`${selector} video`);
      const audio = document.querySelector(`${selector} audio`);
      return {
        video: !!video && !video.paused && video.srcObject?.getVideoTracks().length > 0,
        audio: !!audio && !audio.paused && !audio.muted && audio.srcObject?.getAudioTracks().length > 0,
      };
    }, tile(userId));
    if (state.video && state.audio) return;
    await page.waitForTimeout(200);
  }
  throw new Error(`the tile of ${userId} does not play: ${JSON.stringify(state)}`);
}

// Janus handles held now (kelisim's /metrics).
export async function handlesNow(page) {
  const text = await page.evaluate(async () => (await fetch('/metrics')).text());
  return Number(/\nkelisim_media_handles (\d+)/.exec(text)?.[1] ?? -1);
}

// Waits until the element's attribute has the value.
export async function attribute(page, selector, name, expected) {
  await page.waitForFunction(
    ([s, n, e]) => document.querySelector(s)?.getAttribute(n) === e,
    [selector, name, expected],
  );
}
