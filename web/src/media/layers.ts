// Simulcast in a call (issue 9, "Weak links"): each publication sends its picture three times
// (SEND_ENCODINGS: 720p, 360p and 180p), and each receiving link asks the media server for one
// of them (`call.layer`), or for none while the person is in voice or chat. Pure: the caller
// samples the receiving link every WINDOW_MS (sampleFromStats, with the time), with its tile's
// size in CSS pixels and the slowlinks the server reported since, and sends what nextLayer
// chose when it changes.
// The rules:
//   1. Size and bandwidth decide together, as chooseLayer (fallback.ts) says: the smaller of
//      the layer that covers the tile and the largest the bandwidth carries, with hysteresis.
//   2. The bandwidth is an estimate, unlimited at first. A receiver has no estimate of its
//      own (Chromium gives no availableIncomingBitrate), so it is learnt from what arrives: a
//      congested window (loss at least LAYER_LOSS, a slowlink, video jitter at least
//      LAYER_JITTER_MS, or at least LAYER_DROPPED of the frames dropped) cuts the estimate to
//      what came through in it, and to at most LAYER_CUT of what it was — a cut always costs
//      something, so a link that stays congested goes down a layer each window until 'l'.
//      Below 'l' the mode's fallback (fallback.ts) takes over.
//   3. Up again slowly: after LAYER_UP_WINDOWS clean windows in a row (loss under LOSS_GOOD,
//      no slowlink), and no sooner than LAYER_HOLD_OFF_MS after the last cut, the estimate
//      doubles from the larger of itself and what arrived; once it covers the top layer with
//      room to spare it is unlimited again. Doubling takes one layer at a time.
//   4. Windows as fallback.ts's rule 1: a sample sooner than MIN_WINDOW_MS waits, a window
//      longer than MAX_WINDOW_MS or with a counter that went back is not judged; the tile's
//      size counts at every sample.
import { LAYERS, LOSS_GOOD, MAX_WINDOW_MS, MIN_PACKETS, MIN_WINDOW_MS, chooseLayer, type Layer } from './fallback';
import type { StatsSample } from './verdict';

export type { Layer } from './fallback';

/** What `call.layer` names: a layer, or no picture at all. */
export type WireLayer = 'high' | 'medium' | 'low' | 'none';

export const WIRE_LAYER: Readonly<Record<Layer, WireLayer>> = { h: 'high', m: 'medium', l: 'low' };

/** The publication's picture: three encodings, largest first (the media server's default rid
 * order), each capped at its layer's bitrate. The browser drops the top ones on its own when
 * the link or the processor cannot carry them. */
export const SEND_ENCODINGS: readonly RTCRtpEncodingParameters[] = [
  { rid: 'h', scaleResolutionDownBy: 1, maxBitrate: LAYERS.h.kbps * 1000 },
  { rid: 'm', scaleResolutionDownBy: 2, maxBitrate: LAYERS.m.kbps * 1000 },
  { rid: 'l', scaleResolutionDownBy: 4, maxBitrate: LAYERS.l.kbps * 1000 },
];

/** Loss that VP8's retransmissions no longer hide: the picture stutters. */
export const LAYER_LOSS = 0.05;
/** Video jitter past this means a queue builds on the way. */
export const LAYER_JITTER_MS = 80;
/** A third of the frames dropped: the link or the decoder cannot keep up with the layer. */
export const LAYER_DROPPED = 0.3;
/** A cut takes at least this much off the estimate. */
export const LAYER_CUT = 0.7;
/** 6 s of a clean link before trying a bigger layer. */
export const LAYER_UP_WINDOWS = 3;
export const LAYER_HOLD_OFF_MS = 8_000;

export interface LayerState {
  /** The layer asked for. The media server starts a subscription at the top one. */
  readonly layer: Layer;
  /** kbit/s the link is thought to carry (Infinity: nothing limits it). */
  readonly estimateKbps: number;
  readonly windowStart: { atMs: number; received: StatsSample } | null;
  readonly cleanWindows: number;
  readonly cutAtMs: number | null;
  readonly slowlinks: number;
}

export interface LayerInput {
  atMs: number;
  received: StatsSample;
  /** The tile's rendered size in CSS pixels (0 when hidden or not measured). */
  width: number;
  height: number;
  /** `slowlink` events on this link since the previous input. */
  slowlinks?: number;
}

export function initialLayer(): LayerState {
  return { layer: 'h', estimateKbps: Infinity, windowStart: null, cleanWindows: 0, cutAtMs: null, slowlinks: 0 };
}

interface LayerWindow {
  kbps: number;
  loss: number | undefined;
  jitterMs: number | undefined;
  dropped: number | undefined;
}

/** The window between two samples; null when it cannot be judged (rule 4). */
export function layerWindow(
  before: { atMs: number; received: StatsSample },
  after: { atMs: number; received: StatsSample },
): LayerWindow | null {
  const ms = after.atMs - before.atMs;
  if (!(ms >= MIN_WINDOW_MS && ms <= MAX_WINDOW_MS)) return null;
  const a = before.received;
  const b = after.received;
  if (!a.video || !b.video) return null;
  const pairs: [number | undefined, number | undefined][] = [
    [a.video.bytesReceived, b.video.bytesReceived],
    [a.video.packetsReceived, b.video.packetsReceived],
    [a.video.framesReceived, b.video.framesReceived],
    [a.video.framesDropped, b.video.framesDropped],
    [a.audio?.bytesReceived, b.audio?.bytesReceived],
  ];
  if (pairs.some(([x, y]) => x !== undefined && y !== undefined && y < x)) return null;
  const grew = (x: number | undefined, y: number | undefined) => (x === undefined || y === undefined ? 0 : y - x);
  const bytes = grew(a.video.bytesReceived, b.video.bytesReceived) + grew(a.audio?.bytesReceived, b.audio?.bytesReceived);
  const received = grew(a.video.packetsReceived, b.video.packetsReceived);
  const lost = Math.max(0, grew(a.video.packetsLost, b.video.packetsLost));
  const frames = grew(a.video.framesReceived, b.video.framesReceived);
  return {
    kbps: (bytes * 8) / ms,
    loss: received + lost >= MIN_PACKETS ? lost / (received + lost) : undefined,
    jitterMs: b.video.jitter === undefined ? undefined : b.video.jitter * 1000,
    dropped: frames > 0 ? grew(a.video.framesDropped, b.video.framesDropped) / frames : undefined,
  };
}

const atLeast = (value: number | undefined, limit: number) => value !== undefined && value >= limit;

/** The state after one more sample of the receiving link (rules 1–4). */
export function nextLayer(state: LayerState, input: LayerInput): LayerState {
  if (!Number.isFinite(input.atMs)) return state;
  const slowlinks = state.slowlinks + Math.max(0, input.slowlinks ?? 0);
  const sized = (next: LayerState): LayerState => ({
    ...next,
    layer: chooseLayer(input.width, input.height, next.estimateKbps, state.layer),
  });
  const start = state.windowStart;
  if (start && input.atMs >= start.atMs && input.atMs - start.atMs < MIN_WINDOW_MS) {
    return sized({ ...state, slowlinks });
  }
  const next: LayerState = { ...state, windowStart: { atMs: input.atMs, received: input.received }, slowlinks: 0 };
  const w = start && layerWindow(start, { atMs: input.atMs, received: input.received });
  if (!w) return sized(next);
  const congested =
    slowlinks > 0 || atLeast(w.loss, LAYER_LOSS) || atLeast(w.jitterMs, LAYER_JITTER_MS) || atLeast(w.dropped, LAYER_DROPPED);
  if (congested) {
    return sized({
      ...next,
      estimateKbps: Math.min(w.kbps, state.estimateKbps * LAYER_CUT),
      cleanWindows: 0,
      cutAtMs: input.atMs,
    });
  }
  if (atLeast(w.loss, LOSS_GOOD)) return sized({ ...next, cleanWindows: 0 });
  const cleanWindows = state.cleanWindows + 1;
  const held = state.cutAtMs === null || input.atMs - state.cutAtMs >= LAYER_HOLD_OFF_MS;
  if (cleanWindows < LAYER_UP_WINDOWS || !held || state.estimateKbps === Infinity) {
    return sized({ ...next, cleanWindows });
  }
  const doubled = Math.max(state.estimateKbps, w.kbps) * 2;
  const top = LAYERS.h.kbps * 2;
  return sized({ ...next, cleanWindows: 0, estimateKbps: doubled >= top ? Infinity : doubled });
}
