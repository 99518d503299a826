// Glass-to-glass latency of a 1:1 call through Kelisim's Janus (issue 9, "Benchmarks"): the
// one-way delay from a picture drawn on the sender's page to the same picture shown on the
// receiver's, in real Chromium, without TURN (the direct path) and with TURN only (both pages
// `iceTransportPolicy: 'relay'` through Kelisim's coturn), against ITU-T G.114's 150 ms.
//
// Runs inside the namespaces of scripts/test-media.sh (bench/media/run-media-bench.sh latency
// starts it there with KELISIM_MEDIA_RUNNER): the citizen's Chromium behind its NAT
// (scripts/media-nat.sh: KELISIM_NAT_CHROMIUM), the lawyer's in the runner's namespace,
// Kelisim, Janus and coturn in the server's. The call is the app's own: a consultation made
// through the API as the media tests make it, the citizen starts a video call on their ticket
// page, the lawyer joins on the room page (the app's call code: simulcast, layer choice, its
// ICE servers).
//
// What the pages are given instead of the fake camera: getUserMedia's picture is a canvas
// (captureStream) on which the page paints, for every frame, the time (Date.now()) as 40
// black or white blocks (8 × 5: 32 bits of the time in ms and a CRC-8), large enough to
// survive the 180p layer. Each page paints its own and reads the other's: on the receiving
// tile's <video>, requestVideoFrameCallback gives every frame shown with the time it is
// expected on screen (expectedDisplayTime, never before presentationTime: headless Chromium's
// estimate is now and then a frame early) and the time its last packet arrived (receiveTime);
// the frame is read through a canvas, its code decoded, and the delay is
//   shown − painted (glass to glass: draw → capture → encode → Janus → decode → display)
//   arrived − painted (the part up to the receiver's jitter buffer)
// A frame read late (the <video> already showing the next) is told by its RTP timestamp and
// left out (analyse()). The specialist's own preview, read the same way, is the method's floor.
// on one machine, so one clock (each page maps performance.now() to Date.now() once, to
// ~0.1 ms; Date.now() itself has 1 ms steps).
//
// Prints a markdown table (one row a case and direction). Environment: LATENCY_WARMUP (10 s
// after both pictures play), LATENCY_WINDOW (20 s measured), LATENCY_FPS (30: frames painted a
// second), LATENCY_CASES ("host relay"), and those of scripts/test-media.sh.
import { createRequire } from 'node:module';
import {
  BASE,
  CHROMIUM_ARGS,
  api,
  attribute,
  check,
  closeAll,
  closeConsultation,
  connected,
  consultation,
  setBrowser,
  tile,
  tileConnection,
} from '../../web/e2e/media/support.mjs';

const { chromium } = createRequire(new URL('../../web/package.json', import.meta.url))('playwright-core');

const WARMUP_S = Number(process.env.LATENCY_WARMUP ?? 10);
const WINDOW_S = Number(process.env.LATENCY_WINDOW ?? 20);
const FPS = Number(process.env.LATENCY_FPS ?? 30);
const CASES = (process.env.LATENCY_CASES ?? 'host relay').split(/\s+/).filter(Boolean);
const G114_MS = 150;

// Put into both pages before the app loads (an init script: the app's CSP does not apply).
// getUserMedia's picture becomes the painted canvas; window.__g2g reads a <video>'s frames.
function INSTRUMENT({ relay, fps }) {
  const COLS = 8;
  const ROWS = 5;
  const crc8 = (bytes) => {
    let c = 0;
    for (const b of bytes) {
      c ^= b;
      for (let i = 0; i < 8; i += 1) c = c & 0x80 ? ((c << 1) ^ 0x07) & 0xff : (c << 1) & 0xff;
    }
    return c;
  };
  const bitsOf = (ms) => {
    const low = ms % 2 ** 32;
    const bytes = [(low >>> 24) & 0xff, (low >>> 16) & 0xff, (low >>> 8) & 0xff, low & 0xff];
    bytes.push(crc8(bytes));
    const bits = [];
    for (const b of bytes) for (let i = 7; i >= 0; i -= 1) bits.push((b >> i) & 1);
    return bits;
  };
  // ms → a wall-clock time from performance.now(): Date.now() − performance.now(), its largest
  // value over 3 ms (Date.now() is floored to whole ms, so the largest is the closest).
  const calibrate = () => {
    let best = -Infinity;
    const end = performance.now() + 3;
    while (performance.now() < end) best = Math.max(best, Date.now() - performance.now());
    return best;
  };
  const state = {
    painted: 0,
    recording: false,
    paintedAtStart: 0,
    paintedInWindow: 0,
    // One a <video> read: { samples, failures }.
    channels: {},
    offset: calibrate(),
  };
  window.__g2g = state;

  // The painter: one canvas a getUserMedia call, painted until its track ends.
  const painted = (width, height) => {
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const g = canvas.getContext('2d');
    const stream = canvas.captureStream(0);
    const [track] = stream.getVideoTracks();
    const cw = width / COLS;
    const ch = height / ROWS;
    const paint = () => {
      if (track.readyState === 'ended') return void clearInterval(timer);
      const bits = bitsOf(Date.now());
      for (let i = 0; i < bits.length; i += 1) {
        g.fillStyle = bits[i] ? '#fff' : '#000';
        g.fillRect(Math.round((i % COLS) * cw), Math.round(Math.floor(i / COLS) * ch), Math.ceil(cw), Math.ceil(ch));
      }
      track.requestFrame();
      state.painted += 1;
    };
    const timer = setInterval(paint, 1000 / fps);
    paint();
    return track;
  };
  const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  navigator.mediaDevices.getUserMedia = async (constraints = {}) => {
    if (!constraints.video) return original(constraints);
    const want = typeof constraints.video === 'object' ? constraints.video : {};
    const size = (v, d) => (typeof v === 'number' ? v : (v?.ideal ?? v?.exact ?? v?.max ?? d));
    const video = painted(size(want.width, 1280), size(want.height, 720));
    const tracks = [video];
    if (constraints.audio) tracks.push(...(await original({ audio: constraints.audio })).getAudioTracks());
    return new MediaStream(tracks);
  };

  // TURN only: every peer connection of the page relays, over UDP (as the media tests' TURN
  // case does), whatever ICE servers the app gives it.
  if (relay) {
    const Captured = window.RTCPeerConnection;
    window.RTCPeerConnection = function (config = {}, ...rest) {
      const iceServers = (config.iceServers ?? [])
        .map((s) => ({ ...s, urls: [].concat(s.urls).filter((u) => u.endsWith('transport=udp')) }))
        .filter((s) => s.urls.length > 0);
      return new Captured({ ...config, iceServers, iceTransportPolicy: 'relay' }, ...rest);
    };
    window.RTCPeerConnection.prototype = Captured.prototype;
    Object.setPrototypeOf(window.RTCPeerConnection, Captured);
  }

  // The reader: every frame the <video> at `selector` shows (the element is looked up again
  // if the page replaces it), decoded; recorded while `state.recording`.
  state.read = (selector, key) => {
    const channel = { samples: [], failures: 0 };
    state.channels[key] = channel;
    const W = 160;
    const H = 90;
    const canvas = document.createElement('canvas');
    canvas.width = W;
    canvas.height = H;
    const g = canvas.getContext('2d', { willReadFrequently: true });
    let video = null;
    const decode = () => {
      const { data } = g.getImageData(0, 0, W, H);
      const cw = W / COLS;
      const ch = H / ROWS;
      const bits = [];
      for (let i = 0; i < COLS * ROWS; i += 1) {
        // The middle half of the block, averaged.
        const x0 = Math.round((i % COLS) * cw + cw / 4);
        const y0 = Math.round(Math.floor(i / COLS) * ch + ch / 4);
        let sum = 0;
        let n = 0;
        for (let y = y0; y < y0 + ch / 2; y += 1)
          for (let x = x0; x < x0 + cw / 2; x += 1) {
            const p = (y * W + x) * 4;
            sum += data[p] + data[p + 1] + data[p + 2];
            n += 3;
          }
        bits.push(sum / n > 128 ? 1 : 0);
      }
      const bytes = [];
      for (let b = 0; b < 5; b += 1) bytes.push(bits.slice(b * 8, b * 8 + 8).reduce((v, bit) => (v << 1) | bit, 0));
      if (crc8(bytes.slice(0, 4)) !== bytes[4]) return null;
      const low = ((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0;
      const now = Date.now();
      return now - ((now % 2 ** 32) - low + 2 ** 32) % 2 ** 32;
    };
    // A frame's times, as wall-clock ms: painted (its code), due on screen, its last packet's
    // arrival; and its own clock (RTP timestamp, or the local track's media time), which
    // tells a frame read late (the <video> had moved on to the next) from one read in time.
    const onFrame = (element) => (_now, meta) => {
      if (element !== video) return;
      element.requestVideoFrameCallback(onFrame(element));
      if (!state.recording) return;
      g.drawImage(element, 0, 0, W, H);
      const painted = decode();
      if (painted === null) return void (channel.failures += 1);
      channel.samples.push({
        painted,
        shown: Math.max(meta.expectedDisplayTime, meta.presentationTime) + state.offset,
        arrived: typeof meta.receiveTime === 'number' ? meta.receiveTime + state.offset : null,
        rtp: meta.rtpTimestamp ?? null,
        mediaTime: meta.mediaTime ?? null,
        width: meta.width,
        height: meta.height,
      });
    };
    const attach = () => {
      const v = document.querySelector(selector);
      if (v && v !== video) {
        video = v;
        v.requestVideoFrameCallback(onFrame(v));
      }
    };
    attach();
    setInterval(attach, 500);
  };
  state.record = (on) => {
    if (on) {
      state.offset = calibrate();
      for (const channel of Object.values(state.channels)) {
        channel.samples = [];
        channel.failures = 0;
      }
      state.paintedAtStart = state.painted;
    } else {
      state.paintedInWindow = state.painted - state.paintedAtStart;
    }
    state.recording = on;
  };
}

// The receiving link's figures and every connection's selected local candidate type.
async function linkFacts(page, index) {
  return page.evaluate(async (i) => {
    const facts = { received: null, video: null, mine: '?', publication: null };
    for (const [n, pc] of window.__peerConnections.entries()) {
      if (pc.connectionState === 'closed') continue;
      const stats = await pc.getStats();
      let pair = null;
      stats.forEach((s) => {
        if (s.type === 'transport' && s.selectedCandidatePairId) pair = stats.get(s.selectedCandidatePairId);
      });
      const local = pair && stats.get(pair.localCandidateId);
      const type = local ? local.candidateType + (local.relayProtocol ? `/${local.relayProtocol}` : '') : '?';
      const sending = pc.getSenders().some((s) => s.track?.kind === 'video');
      if (sending) facts.publication = type;
      if (n === i) {
        facts.mine = type;
        stats.forEach((s) => {
          if (s.type === 'inbound-rtp' && s.kind === 'video') {
            facts.received = `${s.frameWidth ?? '?'}×${s.frameHeight ?? '?'} at ${Math.round(s.framesPerSecond ?? 0)} fps`;
            facts.video = {
              emitted: s.jitterBufferEmittedCount ?? 0,
              delay: s.jitterBufferDelay ?? 0,
              target: s.jitterBufferTargetDelay ?? 0,
              minimum: s.jitterBufferMinimumDelay ?? 0,
              decoded: s.framesDecoded ?? 0,
              decodeTime: s.totalDecodeTime ?? 0,
            };
          }
        });
      }
    }
    return facts;
  }, index);
}

// The receiving link's averages between two linkFacts: jitter buffer delay, the part of its
// target that A/V sync (the video held back to the voice) adds beyond the video's own minimum
// (jitterBufferTargetDelay − jitterBufferMinimumDelay), decode time; ms a frame.
function windowAverages(a, b) {
  const n = (b?.video?.emitted ?? 0) - (a?.video?.emitted ?? 0);
  const decoded = (b?.video?.decoded ?? 0) - (a?.video?.decoded ?? 0);
  const per = (key, count) => (count > 0 ? (1000 * (b.video[key] - a.video[key])) / count : NaN);
  return {
    jitterBufferMs: per('delay', n),
    syncMs: per('target', n) - per('minimum', n),
    decodeMs: per('decodeTime', decoded),
  };
}

const percentile = (sorted, p) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]);
const ms = (v) => (Number.isFinite(v) ? `${v.toFixed(0)} ms` : '-');

// A channel's samples → its figures. The <video> may have moved on to the next frame by the
// time a frame's callback reads it: such a frame's code is that of a later frame than its
// times. Its own clock tells (the RTP timestamp, 90 kHz, or the local track's media time):
// clock − painted is the same for every frame read in time, to within the capture's jitter,
// and a frame interval or more less for one read late; those are left out (counted apart).
function analyse(samples) {
  let unwrapped = null;
  let last = null;
  const clocked = samples.map((s) => {
    let clock = null;
    if (s.rtp !== null) {
      unwrapped = last === null ? s.rtp : unwrapped + ((((s.rtp - last) % 2 ** 32) + 2 ** 32 + 2 ** 31) % 2 ** 32) - 2 ** 31;
      last = s.rtp;
      clock = unwrapped / 90;
    } else if (s.mediaTime !== null) clock = s.mediaTime * 1000;
    return { ...s, gap: clock === null ? 0 : clock - s.painted };
  });
  const gaps = clocked.map((s) => s.gap).sort((x, y) => x - y);
  const reference = gaps.length ? gaps[Math.floor(gaps.length / 2)] : 0;
  const inTime = clocked.filter((s) => Math.abs(s.gap - reference) < 500 / FPS);
  const sorted = (values) => values.filter((v) => Number.isFinite(v)).sort((x, y) => x - y);
  const shown = sorted(inTime.map((s) => s.shown - s.painted));
  const arrived = sorted(inTime.map((s) => (s.arrived === null ? NaN : s.arrived - s.painted)));
  return {
    p50: percentile(shown, 50),
    p95: percentile(shown, 95),
    max: shown.at(-1),
    frames: shown.length,
    late: samples.length - inTime.length,
    arrivedP50: percentile(arrived, 50),
  };
}

// One call: both pages paint, both read the other's picture; returns a row a direction.
async function measure(name, citizenBrowser) {
  const relay = name === 'relay';
  const { citizen, lawyer, roomId, citizenId, lawyerId } = await consultation({ citizenFrom: citizenBrowser });
  try {
    for (const page of [citizen, lawyer]) await page.context().addInitScript(INSTRUMENT, { relay, fps: FPS });
    const room = await api(citizen, 'GET', `/api/v1/rooms/${roomId}`);
    check(room.status === 200, `room: ${JSON.stringify(room)}`);
    await citizen.goto(`${BASE}/tickets/${room.body.ticket_id}`);
    await lawyer.goto(`${BASE}/rooms/${roomId}`);
    for (const page of [citizen, lawyer]) {
      await page.waitForSelector('[data-testid="call-panel"] [data-testid="call-start-video"]');
      await attribute(page, '[data-testid="connection-banner"]', 'data-state', 'open');
    }
    await citizen.click('[data-testid="call-start-video"]');
    await attribute(citizen, '[data-testid="call-panel"]', 'data-phase', 'connected');
    await lawyer.waitForSelector('[data-testid="call-ongoing"]:not(:empty)');
    await lawyer.click('[data-testid="call-join"]');
    await attribute(lawyer, '[data-testid="call-panel"]', 'data-phase', 'connected');
    const directions = [
      { label: 'citizen → specialist', from: citizen, to: lawyer, feed: citizenId },
      { label: 'specialist → citizen', from: lawyer, to: citizen, feed: lawyerId },
    ];
    for (const d of directions) {
      await d.to.waitForSelector(tile(d.feed));
      d.index = await tileConnection(d.to, d.feed);
      await connected(d.to, d.index);
      await d.to.evaluate((selector) => window.__g2g.read(selector, 'call'), `${tile(d.feed)} video`);
    }
    // The method's own floor, in the first case: the specialist's local preview (the canvas's
    // track in a <video> of the same page: capture and display, no encoding, no network).
    const floor = name === CASES[0];
    if (floor) await lawyer.evaluate(() => window.__g2g.read('[data-testid="call-local-video"]', 'preview'));
    await citizen.waitForTimeout(WARMUP_S * 1000);
    for (const d of directions) d.start = await linkFacts(d.to, d.index);
    for (const page of [citizen, lawyer]) await page.evaluate(() => window.__g2g.record(true));
    await citizen.waitForTimeout(WINDOW_S * 1000);
    for (const page of [citizen, lawyer]) await page.evaluate(() => window.__g2g.record(false));
    const rows = [];
    if (floor) {
      const got = await lawyer.evaluate(() => window.__g2g.channels.preview);
      const painted = await lawyer.evaluate(() => window.__g2g.paintedInWindow);
      rows.push({
        name: "the method's floor: the specialist's own preview (canvas → capture → <video>, no encoding, no network)",
        ...analyse(got.samples),
        painted,
        failures: got.failures,
        jitterBufferMs: NaN,
        syncMs: NaN,
        decodeMs: NaN,
        received: got.samples.length ? `${got.samples.at(-1).width}×${got.samples.at(-1).height}` : null,
        candidates: '-',
        pathOk: true,
        floor: true,
      });
    }
    for (const d of directions) {
      const got = await d.to.evaluate(() => window.__g2g.channels.call);
      const painted = await d.from.evaluate(() => window.__g2g.paintedInWindow);
      const facts = await linkFacts(d.to, d.index);
      const sender = await linkFacts(d.from, -1);
      rows.push({
        name: `${relay ? 'TURN only (relay/UDP, both ends)' : 'no TURN (direct: host, or srflx behind the NAT)'}, ${d.label}`,
        ...analyse(got.samples),
        painted,
        failures: got.failures,
        ...windowAverages(d.start, facts),
        received: facts.received,
        candidates: `${sender.publication ?? '?'} / ${facts.mine}`,
        // The case's path: relay at both ends with TURN only, no relay at all without.
        pathOk: [sender.publication ?? '?', facts.mine].every((t) => t.startsWith('relay') === relay),
      });
    }
    return rows;
  } finally {
    await closeConsultation(lawyer, roomId).catch(() => {});
  }
}

// A run that hangs ends, failed, instead of holding the bench up.
setTimeout(
  () => {
    console.log('latency: timed out');
    process.exit(1);
  },
  CASES.length * (WARMUP_S + WINDOW_S + 180) * 1000,
).unref();

let browser;
let behindNat;
let failed = 0;
const rows = [];
try {
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  setBrowser(browser);
  const natChromium = process.env.KELISIM_NAT_CHROMIUM ?? '';
  check(natChromium !== '', 'KELISIM_NAT_CHROMIUM is not set (run by scripts/test-media.sh)');
  behindNat = await chromium.launch({ executablePath: natChromium, args: CHROMIUM_ARGS });
  for (const name of CASES) {
    try {
      rows.push(...(await measure(name, behindNat)));
    } catch (e) {
      failed += 1;
      console.log(`latency ${name}: failed: ${String(e?.stack ?? e).split('\n').slice(0, 4).join('\n  ')}`);
    }
    await closeAll();
  }
} finally {
  await behindNat?.close();
  await browser?.close();
}

console.log('');
console.log(
  `Glass to glass through Kelisim's Janus, the app's 1:1 call; ${WINDOW_S} s measured after ${WARMUP_S} s, ` +
    `${FPS} frames painted a second; one-way = shown on the receiver's screen (expectedDisplayTime) − painted on the sender's canvas.`,
);
console.log('');
console.log(
  '| case | one-way p50 | p95 | max | frames | vs G.114 150 ms | to arrival p50 | jitter buffer avg (A/V sync in its target) | decode avg | frames painted | decode failures | read late (left out) | picture received | candidates (publication / receiving link) |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  const verdict = r.floor
    ? '-'
    : r.frames === 0
      ? 'no frames'
      : r.p95 <= G114_MS ? `within (p95 = ${Math.round((100 * r.p95) / G114_MS)} %)` : `over (p95 = ${Math.round((100 * r.p95) / G114_MS)} %)`;
  console.log(
    `| ${r.name} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.max)} | ${r.frames} | ${verdict} | ${ms(r.arrivedP50)} | ` +
      `${ms(r.jitterBufferMs)}${Number.isFinite(r.syncMs) ? ` (${ms(r.syncMs)})` : ''} | ${Number.isFinite(r.decodeMs) ? `${r.decodeMs.toFixed(1)} ms` : '-'} | ${r.painted} | ${r.failures} | ${r.late} | ${r.received ?? '-'} | ${r.candidates}${r.pathOk ? '' : ' (not the case\'s path)'} |`,
  );
  if (r.frames === 0) failed += 1;
  if (!r.pathOk) failed += 1;
}
for (const r of rows.filter((row) => !row.pathOk))
  console.log(`latency: ${r.name} did not take the case's path (candidates ${r.candidates})`);
process.exit(failed === 0 && rows.length > 0 ? 0 : 1);
