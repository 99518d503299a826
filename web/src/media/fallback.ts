// The call's automatic fallback, video → audio → chat, for one link: what we receive from one
// person, or what we send. Pure: no timers, no globals, no browser. The caller samples the
// link every WINDOW_MS (sampleFromStats or sentSampleFromStats, with the time) and hands each
// sample here with the link's state and the engine's hints; time comes only from the samples.
//
// The rules:
//   1. Windows. Two samples about WINDOW_MS apart make a window; a sample sooner than
//      MIN_WINDOW_MS after the window's start waits for a later one. A window is not judged,
//      and counts neither way, when a counter went back or a kind appeared or vanished (a new
//      RTCPeerConnection, a renegotiation), when it is longer than MAX_WINDOW_MS (the tab
//      slept), or when it starts within SETTLE_MS of a mode change (media still switching).
//   2. Video holds while voice and picture both arrive, the bandwidth is at least
//      VIDEO_MIN_KBPS, loss stays under VIDEO_MAX_LOSS, the voice's concealment under
//      AUDIO_MAX_CONCEALED, the round trip under VIDEO_MAX_RTT_MS and the picture moves
//      (VIDEO_MIN_FPS). Audio holds while the voice arrives, the bandwidth is at least
//      AUDIO_MIN_KBPS, loss stays under AUDIO_MAX_LOSS and concealment under
//      AUDIO_MAX_CONCEALED. Chat always holds.
//   3. Bandwidth is the browser's estimate when we send a picture. Congestion control (GCC)
//      moves it only for video: with the voice alone (or nothing) it stays where the last
//      picture left it, so then losses speak instead. A receiver has no estimate, and how
//      much arrives says little (a quiet voice or a small layer sends little), so on a
//      receiving link only a lossy window's throughput counts, to name the reason.
//   4. A window that fails its mode is bad, with the first reason that fits: no_media
//      (nothing arrives), low_bandwidth (below the mode's need, or a round trip that shows a
//      full queue), packet_loss (losses, or a voice that is mostly made up), then no_media
//      again for a kind missing or a stuck picture on an otherwise sound link.
//   5. Step down quickly: after STEP_DOWN_WINDOWS bad windows in a row (a link may be given
//      more patience: the downlink waits for the sender's own link to speak first), one level. A bad
//      window during which the engine reported a slowlink counts twice, so one is enough. One
//      level at a time: without the picture the voice often gets through again.
//   6. Step up slowly, one level at a time: after STEP_UP_WINDOWS good windows in a row, and
//      no sooner than the hold-off after the last step down. Good means the mode holds with
//      room to spare (loss under LOSS_GOOD, concealment under CONCEALED_GOOD, round trip under
//      RTT_GOOD_MS, jitter under JITTER_GOOD_MS) and no slowlink; in chat with nothing
//      flowing, that nothing speaks against the voice but a long round trip (the browser's
//      estimate is not read: it does not move while nothing is sent). A step up is a trial:
//      the browser's estimate does not grow for media it is not sending, so only trying tells.
//   7. The hold-off is HOLD_OFF_MS after a step down, doubled for each further step down
//      within CALM_MS of the one before (10, 20, 40, 80 s; MAX_HOLD_OFF_MS), so a trial that
//      fails costs a few seconds at growing intervals. After a calm stretch it is 10 s again.
//   8. Call-back: stepping down to chat (even the voice failed) offers a call-back by phone.
//      The offer stays through a trial of the voice and ends once the voice has held for
//      STEP_UP_WINDOWS windows.
//   9. A link never goes above its ceiling: what the person chose, or for a receiving link
//      what the sender sends. Lowering the ceiling moves the mode down at once (reason
//      'chosen'); raising it lets rule 6 bring the mode up.
// chooseLayer() below picks a receiving tile's simulcast layer, with rules of its own.
import { SAMPLE_GAP_MS, type SentSample, type StatsSample, type Verdict } from './verdict';

export type Mode = Verdict;
export type DownReason = 'low_bandwidth' | 'packet_loss' | 'no_media';
/** Why a link is in its mode: chosen (the ceiling), a step down's reason, or recovered. */
export type Reason = 'chosen' | DownReason | 'recovered';

/** A link's counters at `atMs` (any clock in ms, the same for every sample of the link). */
export type LinkSample = { atMs: number; received: StatsSample } | { atMs: number; sent: SentSample };

/** What the engine said about this link since the previous sample. */
export interface LinkHints {
  /** How many `slowlink` events (the media server sees losses on this link). */
  slowlinks?: number;
  /** Trouble in this window is someone else's (a receiving half whose person's own sending
   * half is clean: the loss is the sender's upload): a bad window only holds. */
  excused?: boolean;
}

export interface FallbackState {
  readonly mode: Mode;
  readonly reason: Reason;
  /** Even the voice failed: offer to carry on by phone. */
  readonly offerCallback: boolean;
  /** The best mode this link may reach (rule 9). */
  readonly ceiling: Mode;
  /** Bad windows in a row that step down (rule 5). */
  readonly stepDownWindows: number;
  // Bookkeeping for nextFallback; callers read the fields above.
  readonly windowStart: LinkSample | null;
  readonly slowlinks: number;
  readonly badWindows: number;
  readonly goodWindows: number;
  /** Windows in a row the mode held, with or without room to spare. */
  readonly heldWindows: number;
  readonly changedAtMs: number | null;
  readonly steppedDownAtMs: number | null;
  readonly holdOffMs: number;
}

export type Judgement =
  | { verdict: 'unjudged' }
  | { verdict: 'bad'; reason: DownReason }
  | { verdict: 'holds' }
  | { verdict: 'good' };

/** One sample every 2 s, as the device check's verdict takes them. */
export const WINDOW_MS = SAMPLE_GAP_MS;
/** Timers drift; a sample much sooner than that waits for the next. */
export const MIN_WINDOW_MS = 1_500;
/** A longer gap (a sleeping tab) is no picture of the link now. */
export const MAX_WINDOW_MS = 6_000;
/** A change renegotiates media and waits for a key frame: its first window is not judged. */
export const SETTLE_MS = WINDOW_MS;
/** 4 s: a cell handover's burst of loss (about a second) does not switch; a lost voice is
 * not left for long. */
export const STEP_DOWN_WINDOWS = 2;
/** 10 s of a healthy link before trying more. */
export const STEP_UP_WINDOWS = 5;
export const HOLD_OFF_MS = 10_000;
/** A failed trial costs ~6 s (a settling window and two bad ones); at one in 80 s that is
 * under a tenth of the call, and a citizen who walked to a better spot is back within about
 * a minute and a half. */
export const MAX_HOLD_OFF_MS = 80_000;
/** Step downs further apart than this are separate troubles: the hold-off starts again. */
export const CALM_MS = 120_000;

/** VP8's smallest layer (180p) needs 150–250 kbit/s and Opus speech ~32 more: below this
 * the two fight for the link and the voice breaks up first. 360p needs 400–600. */
export const VIDEO_MIN_KBPS = 300;
/** Congestion control (GCC) cuts the sending rate above 10 % loss and holds it between 2
 * and 10 %; past this VP8 freezes waiting for key frames. */
export const VIDEO_MAX_LOSS = 0.1;
/** Below this the picture is a slide show; a healthy 180p layer runs 15–30 frames a second. */
export const VIDEO_MIN_FPS = 5;
/** A round trip past a second means packets wait in a full queue (deep buffers are common on
 * mobile links); ITU-T G.114 puts conversation's limit at 400 ms one way. */
export const VIDEO_MAX_RTT_MS = 1_000;
/** Opus speech is usable at 16–32 kbit/s; an estimate under 30 kbit/s, packet headers
 * included, cannot carry even the low end. */
export const AUDIO_MIN_KBPS = 30;
/** Opus's concealment and in-band FEC keep speech understandable up to ~10–20 % loss. */
export const AUDIO_MAX_LOSS = 0.2;
/** More than one 20-ms frame in seven made up and words go missing. (The device check's
 * MAX_CONCEALED_SHARE is laxer: it asks whether a voice arrives at all.) */
export const AUDIO_MAX_CONCEALED = 0.15;
/** GCC raises the rate only under 2 % loss: the same line says the link has room. */
export const LOSS_GOOD = 0.02;
/** One 20-ms frame in thirty made up: Opus's concealment hides that. */
export const CONCEALED_GOOD = 0.03;
/** 250 ms one way, well inside G.114's "acceptable" 400: past it a queue is building. */
export const RTT_GOOD_MS = 500;
/** Audio jitter past this fills the jitter buffer and delays the voice. */
export const JITTER_GOOD_MS = 50;
/** Losses among fewer packets than this in a window are noise. */
export const MIN_PACKETS = 20;

const LEVELS: readonly Mode[] = ['chat', 'audio', 'video'];
const rank = (mode: Mode) => LEVELS.indexOf(mode);

export function initialFallback(ceiling: Mode = 'video', stepDownWindows = STEP_DOWN_WINDOWS): FallbackState {
  return {
    mode: ceiling,
    reason: 'chosen',
    offerCallback: false,
    ceiling,
    stepDownWindows,
    windowStart: null,
    slowlinks: 0,
    badWindows: 0,
    goodWindows: 0,
    heldWindows: 0,
    changedAtMs: null,
    steppedDownAtMs: null,
    holdOffMs: HOLD_OFF_MS,
  };
}

/** Rule 9: a new ceiling; a lower one takes effect at once. */
export function setCeiling(state: FallbackState, ceiling: Mode, atMs: number): FallbackState {
  if (rank(ceiling) >= rank(state.mode)) return { ...state, ceiling };
  return {
    ...changed(state, ceiling, atMs),
    ceiling,
    reason: 'chosen',
    offerCallback: false,
  };
}

/** The state after one more sample of the link. */
export function nextFallback(state: FallbackState, sample: LinkSample, hints: LinkHints = {}): FallbackState {
  if (!Number.isFinite(sample.atMs)) return state;
  const slowlinks = state.slowlinks + Math.max(0, hints.slowlinks ?? 0);
  const start = state.windowStart;
  const elapsed = start ? sample.atMs - start.atMs : NaN;
  if (start && elapsed >= 0 && elapsed < MIN_WINDOW_MS) return { ...state, slowlinks };
  const next: FallbackState = {
    ...state,
    windowStart: sample,
    slowlinks: 0,
    changedAtMs: state.changedAtMs ?? sample.atMs,
  };
  const settling = state.changedAtMs !== null && start !== null && start.atMs < state.changedAtMs + SETTLE_MS;
  if (!start || settling) return next;
  const judgement = judgeWindow(state.mode, start, sample);
  const judged = hints.excused && judgement.verdict === 'bad' ? HOLDS : judgement;
  switch (judged.verdict) {
    case 'unjudged':
      return next;
    case 'bad': {
      const badWindows = state.badWindows + (slowlinks > 0 ? 2 : 1);
      const failing = { ...next, badWindows, goodWindows: 0, heldWindows: 0 };
      return badWindows >= state.stepDownWindows && state.mode !== 'chat'
        ? stepDown(failing, judged.reason, sample.atMs)
        : failing;
    }
    case 'holds':
    case 'good': {
      const good = judged.verdict === 'good' && slowlinks === 0;
      const heldWindows = state.heldWindows + 1;
      const holding: FallbackState = {
        ...next,
        badWindows: 0,
        goodWindows: good ? state.goodWindows + 1 : 0,
        heldWindows,
        offerCallback: state.offerCallback && !(state.mode === 'audio' && heldWindows >= STEP_UP_WINDOWS),
      };
      return mayStepUp(holding, sample.atMs) ? stepUp(holding, sample.atMs) : holding;
    }
  }
}

function changed(state: FallbackState, mode: Mode, atMs: number): FallbackState {
  return { ...state, mode, changedAtMs: atMs, badWindows: 0, goodWindows: 0, heldWindows: 0 };
}

function stepDown(state: FallbackState, reason: DownReason, atMs: number): FallbackState {
  const mode = LEVELS[rank(state.mode) - 1] ?? 'chat';
  const troubled = state.steppedDownAtMs !== null && atMs - state.steppedDownAtMs < CALM_MS;
  return {
    ...changed(state, mode, atMs),
    reason,
    offerCallback: mode === 'chat',
    steppedDownAtMs: atMs,
    holdOffMs: troubled ? Math.min(state.holdOffMs * 2, MAX_HOLD_OFF_MS) : HOLD_OFF_MS,
  };
}

function mayStepUp(state: FallbackState, atMs: number): boolean {
  return (
    rank(state.mode) < rank(state.ceiling) &&
    state.goodWindows >= STEP_UP_WINDOWS &&
    (state.steppedDownAtMs === null || atMs - state.steppedDownAtMs >= state.holdOffMs)
  );
}

function stepUp(state: FallbackState, atMs: number): FallbackState {
  const mode = LEVELS[rank(state.mode) + 1] ?? 'video';
  return {
    ...changed(state, mode, atMs),
    reason: 'recovered',
    offerCallback: state.offerCallback && mode !== 'video',
  };
}

// --- Judging one window ---------------------------------------------------------------------

/** One kind's cumulative counters, whichever way they flow. */
interface Flow {
  bytes: number;
  packets?: number;
  lost?: number;
  frames?: number;
  fps?: number;
  jitter?: number;
  samples?: number;
  concealed?: number;
}

interface Counters {
  receiving: boolean;
  audio: Flow | null;
  video: Flow | null;
  rtt?: number;
  estimateBps?: number;
}

function countersOf(sample: LinkSample): Counters {
  if ('received' in sample) {
    const { audio, video, roundTripTime } = sample.received;
    return {
      receiving: true,
      audio: audio && {
        bytes: audio.bytesReceived,
        packets: audio.packetsReceived,
        lost: audio.packetsLost,
        jitter: audio.jitter,
        samples: audio.totalSamplesReceived,
        concealed: audio.concealedSamples,
      },
      video: video && {
        bytes: video.bytesReceived,
        packets: video.packetsReceived,
        lost: video.packetsLost,
        frames: video.framesDecoded,
        fps: video.framesPerSecond,
        jitter: video.jitter,
      },
      rtt: roundTripTime,
    };
  }
  const { audio, video, roundTripTime, availableOutgoingBitrate } = sample.sent;
  const flow = (sent: NonNullable<SentSample['audio']>): Flow => ({
    bytes: sent.bytesSent,
    packets: sent.packetsSent,
    lost: sent.packetsLost,
    frames: sent.framesEncoded,
    fps: sent.framesPerSecond,
    jitter: sent.jitter,
  });
  return {
    receiving: false,
    audio: audio && flow(audio),
    video: video && flow(video),
    rtt: roundTripTime,
    estimateBps: availableOutgoingBitrate,
  };
}

/** A kind over one window. */
interface KindWindow {
  /** Bytes came. */
  arriving: boolean;
  /** Bytes came and, where frames are counted, frames too. */
  flowing: boolean;
  kbps: number;
  expected: number;
  lost: number;
  fps?: number;
  concealed?: number;
  jitterMs?: number;
}

interface LinkWindow {
  audio: KindWindow | null;
  video: KindWindow | null;
  rttMs?: number;
  estimateKbps?: number;
}

const MONOTONIC = ['bytes', 'packets', 'frames', 'samples', 'concealed'] as const;

const delta = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined ? undefined : b - a;

function kindWindow(a: Flow, b: Flow, seconds: number, receiving: boolean): KindWindow {
  const bytes = b.bytes - a.bytes;
  const packets = delta(a.packets, b.packets) ?? 0;
  const lost = Math.max(0, delta(a.lost, b.lost) ?? 0); // RTP's count steps back for late packets
  const frames = delta(a.frames, b.frames);
  const samples = delta(a.samples, b.samples);
  const concealed = delta(a.concealed, b.concealed);
  return {
    arriving: bytes > 0,
    flowing: bytes > 0 && (frames === undefined || frames > 0),
    kbps: (bytes * 8) / 1000 / seconds,
    expected: receiving ? packets + lost : packets,
    lost,
    fps: b.fps ?? (frames === undefined ? undefined : frames / seconds),
    concealed: samples !== undefined && samples > 0 && concealed !== undefined ? concealed / samples : undefined,
    jitterMs: b.jitter === undefined ? undefined : b.jitter * 1000,
  };
}

/** The window between two samples; null when it cannot be judged (rule 1). */
function windowOf(before: LinkSample, after: LinkSample): LinkWindow | null {
  const elapsed = after.atMs - before.atMs;
  if (!(elapsed >= MIN_WINDOW_MS && elapsed <= MAX_WINDOW_MS)) return null;
  const a = countersOf(before);
  const b = countersOf(after);
  if (a.receiving !== b.receiving) return null;
  const kind = (x: Flow | null, y: Flow | null): KindWindow | null | undefined => {
    if (!x || !y) return x === y ? null : undefined; // appeared or vanished: undefined
    const back = MONOTONIC.some((key) => {
      const from = x[key];
      const to = y[key];
      return from !== undefined && to !== undefined && to < from;
    });
    return back ? undefined : kindWindow(x, y, elapsed / 1000, b.receiving);
  };
  const audio = kind(a.audio, b.audio);
  const video = kind(a.video, b.video);
  if (audio === undefined || video === undefined) return null;
  return {
    audio,
    video,
    rttMs: b.rtt === undefined ? undefined : b.rtt * 1000,
    estimateKbps: b.estimateBps === undefined ? undefined : b.estimateBps / 1000,
  };
}

/** Lost over expected packets across kinds; undefined under MIN_PACKETS. */
function lossOf(kinds: readonly KindWindow[]): number | undefined {
  const expected = kinds.reduce((n, k) => n + k.expected, 0);
  const lost = kinds.reduce((n, k) => n + k.lost, 0);
  return expected >= MIN_PACKETS ? Math.min(1, lost / expected) : undefined;
}

const below = (value: number | undefined, limit: number) => value !== undefined && value < limit;
const atLeast = (value: number | undefined, limit: number) => value !== undefined && value >= limit;

const UNJUDGED: Judgement = { verdict: 'unjudged' };
const HOLDS: Judgement = { verdict: 'holds' };
const GOOD: Judgement = { verdict: 'good' };
const bad = (reason: DownReason): Judgement => ({ verdict: 'bad', reason });

/** Rule 6's room to spare, for the kinds the mode carries. */
function roomy(w: LinkWindow, loss: number | undefined): boolean {
  return (
    !atLeast(loss, LOSS_GOOD) &&
    !atLeast(w.audio?.concealed, CONCEALED_GOOD) &&
    !atLeast(w.rttMs, RTT_GOOD_MS) &&
    !atLeast(w.audio?.jitterMs, JITTER_GOOD_MS)
  );
}

function judgeVideo(w: LinkWindow): Judgement {
  const { audio, video } = w;
  if (!audio?.arriving && !video?.arriving) return bad('no_media');
  if (below(w.estimateKbps, VIDEO_MIN_KBPS) || atLeast(w.rttMs, VIDEO_MAX_RTT_MS)) return bad('low_bandwidth');
  const kinds = [audio, video].filter((kind) => kind !== null);
  const loss = lossOf(kinds);
  if (atLeast(loss, VIDEO_MAX_LOSS) || atLeast(audio?.concealed, AUDIO_MAX_CONCEALED)) {
    const kbps = kinds.reduce((n, kind) => n + kind.kbps, 0);
    return bad(kbps < VIDEO_MIN_KBPS ? 'low_bandwidth' : 'packet_loss');
  }
  // Neither lossy nor short of bandwidth, yet one kind is missing or the picture is stuck.
  if (!audio?.flowing || !video?.flowing || below(video.fps, VIDEO_MIN_FPS)) return bad('no_media');
  return roomy(w, loss) ? GOOD : HOLDS;
}

function judgeAudio(w: LinkWindow): Judgement {
  const { audio } = w;
  if (!audio?.arriving) return bad('no_media');
  // Without a picture the estimate is stale (rule 3).
  if (w.video?.arriving && below(w.estimateKbps, AUDIO_MIN_KBPS)) return bad('low_bandwidth');
  const loss = lossOf([audio]);
  if (atLeast(loss, AUDIO_MAX_LOSS) || atLeast(audio.concealed, AUDIO_MAX_CONCEALED)) {
    return bad(audio.kbps < AUDIO_MIN_KBPS ? 'low_bandwidth' : 'packet_loss');
  }
  return roomy(w, loss) ? GOOD : HOLDS;
}

function judgeChat(w: LinkWindow): Judgement {
  if (w.audio?.arriving) return judgeAudio(w).verdict === 'good' ? GOOD : HOLDS;
  // Nothing sent: the browser's estimate stays where the last media left it (it probes only
  // with media to send), so only the round trip, which ICE measures anyway, speaks (rule 6).
  return atLeast(w.rttMs, RTT_GOOD_MS) ? HOLDS : GOOD;
}

/** How the window between two samples went for a link in `mode` (rules 1–4 and 6). */
export function judgeWindow(mode: Mode, before: LinkSample, after: LinkSample): Judgement {
  const w = windowOf(before, after);
  if (!w) return UNJUDGED;
  switch (mode) {
    case 'video':
      return judgeVideo(w);
    case 'audio':
      return judgeAudio(w);
    case 'chat':
      return judgeChat(w);
  }
}

// --- Simulcast layers -----------------------------------------------------------------------
// Which layer of a sender's simulcast a receiving tile asks for (Janus `configure` substream):
//   - by size: the smallest layer that covers the tile, allowing LAYER_UPSCALE of upscaling;
//     it goes down only when a smaller layer covers the tile without any (hysteresis);
//   - by bandwidth: the largest layer the tile's share of the link carries; a bigger layer
//     needs LAYER_UP_MARGIN over its bitrate, the current one is kept down to
//     LAYER_KEEP_MARGIN of it (hysteresis); 'l' is the floor (below it the mode falls back);
//   - the smaller of the two. Tile sizes in CSS pixels: upscaling on dense screens is the
//     price of a lighter link. A hidden or unmeasured tile gets 'l'.

export type Layer = 'l' | 'm' | 'h';

/** VP8 layers as the call sends them: 180p 150–250 kbit/s, 360p 400–600, 720p 1.2–2.5 Mbit/s.
 * The call's sendEncodings should use these bitrates as their maxBitrate. */
export const LAYERS: Readonly<Record<Layer, { width: number; height: number; kbps: number }>> = {
  l: { width: 320, height: 180, kbps: 200 },
  m: { width: 640, height: 360, kbps: 500 },
  h: { width: 1280, height: 720, kbps: 1_500 },
};
export const LAYER_UPSCALE = 1.25;
export const LAYER_UP_MARGIN = 1.2;
export const LAYER_KEEP_MARGIN = 0.8;

const LAYER_ORDER: readonly Layer[] = ['l', 'm', 'h'];
const layerRank = (layer: Layer) => LAYER_ORDER.indexOf(layer);

function covers(layer: Layer, width: number, height: number, slack: number): boolean {
  return width <= LAYERS[layer].width * slack && height <= LAYERS[layer].height * slack;
}

function layerBySize(width: number, height: number, current: Layer): Layer {
  if (!(width > 0 && height > 0)) return 'l';
  if (!covers(current, width, height, LAYER_UPSCALE)) {
    return LAYER_ORDER.find((layer) => covers(layer, width, height, LAYER_UPSCALE)) ?? 'h';
  }
  const smaller = LAYER_ORDER.slice(0, layerRank(current)).find((layer) => covers(layer, width, height, 1));
  return smaller ?? current;
}

function layerByBandwidth(availableKbps: number, current: Layer): Layer {
  const carried = (layer: Layer) =>
    availableKbps >= LAYERS[layer].kbps * (layerRank(layer) > layerRank(current) ? LAYER_UP_MARGIN : LAYER_KEEP_MARGIN);
  return [...LAYER_ORDER].reverse().find(carried) ?? 'l';
}

/** The layer a tile should receive (pass Infinity when nothing limits the bandwidth). */
export function chooseLayer(tileWidthPx: number, tileHeightPx: number, availableKbps: number, current: Layer): Layer {
  const bySize = layerBySize(tileWidthPx, tileHeightPx, current);
  const byBandwidth = layerByBandwidth(availableKbps, current);
  return layerRank(bySize) <= layerRank(byBandwidth) ? bySize : byBandwidth;
}

// --- Labels ---------------------------------------------------------------------------------

export type ModeLabelKey =
  | `callMode.${Mode}`
  | `callMode.recovered.${Exclude<Mode, 'chat'>}`
  | `callMode.${DownReason}.${Exclude<Mode, 'video'>}`;

/** The catalogue key that shows everyone a person's mode and why ("Слабая связь: перешли на
 * звук"); a plain mode name when it was chosen. */
export function modeLabelKey(mode: Mode, reason: Reason): ModeLabelKey {
  if (reason === 'recovered') return mode === 'chat' ? 'callMode.chat' : `callMode.recovered.${mode}`;
  if (reason === 'chosen' || mode === 'video') return `callMode.${mode}`;
  return `callMode.${reason}.${mode}`;
}
