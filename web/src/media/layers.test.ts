// The receiving layer's choice driven by a simulated link: the media server forwards the
// asked-for layer through a policer that drops what exceeds the cap, sampled every 2 s as the
// call does. Then the rules one by one: size, congestion signs, probing up, unjudged windows.
import { describe, expect, it } from 'vitest';
import { LAYERS, WINDOW_MS, type Layer } from './fallback';
import {
  LAYER_HOLD_OFF_MS,
  LAYER_UP_WINDOWS,
  SEND_ENCODINGS,
  WIRE_LAYER,
  initialLayer,
  layerWindow,
  nextLayer,
  type LayerState,
} from './layers';
import type { StatsSample } from './verdict';

/** A receiving link: the layer asked for (its bitrate, 30 frames a second) and Opus, through
 * a cap; what exceeds it is lost. */
class Link {
  atMs = 0;
  video = { bytesReceived: 0, framesDecoded: 0, packetsReceived: 0, packetsLost: 0, framesReceived: 0, framesDropped: 0 };
  audio = { bytesReceived: 0, packetsReceived: 0, packetsLost: 0 };

  next(layer: Layer, capKbps: number, ms = WINDOW_MS): { atMs: number; received: StatsSample } {
    const seconds = ms / 1000;
    const demand = LAYERS[layer].kbps + 40;
    const delivered = Math.min(1, capKbps / demand);
    this.atMs += ms;
    const packets = Math.round(((LAYERS[layer].kbps * 1000) / 8 / 1100) * seconds);
    this.video.packetsReceived += Math.round(packets * delivered);
    this.video.packetsLost += packets - Math.round(packets * delivered);
    this.video.bytesReceived += Math.round(LAYERS[layer].kbps * 125 * seconds * delivered);
    this.video.framesReceived += Math.round(30 * seconds * delivered);
    this.video.framesDecoded += Math.round(30 * seconds * delivered);
    this.audio.packetsReceived += Math.round(50 * seconds * delivered);
    this.audio.packetsLost += 50 * seconds - Math.round(50 * seconds * delivered);
    this.audio.bytesReceived += Math.round(32 * 125 * seconds * delivered);
    return {
      atMs: this.atMs,
      received: { video: { ...this.video, jitter: 0.01 }, audio: { ...this.audio, jitter: 0.01 }, roundTripTime: 0.05 },
    };
  }
}

/** Runs the link until `untilMs` under `capAt(t)` with a tile of `width`×`height`; the layers asked for, in order. */
function drive(
  capAt: (atMs: number) => number,
  untilMs: number,
  { width = 1280, height = 720, state = initialLayer(), link = new Link() } = {},
): { state: LayerState; asked: { atMs: number; layer: Layer }[] } {
  const asked: { atMs: number; layer: Layer }[] = [];
  while (link.atMs < untilMs) {
    const sample = link.next(state.layer, capAt(link.atMs));
    const next = nextLayer(state, { ...sample, width, height });
    if (next.layer !== state.layer) asked.push({ atMs: sample.atMs, layer: next.layer });
    state = next;
  }
  return { state, asked };
}

const steps =
  (...caps: [fromMs: number, kbps: number][]) =>
  (atMs: number) =>
    caps.filter(([from]) => atMs >= from).at(-1)?.[1] ?? 4_000;

describe('SEND_ENCODINGS', () => {
  it('are 720p, 360p and 180p, largest first, each capped at its layer', () => {
    expect(SEND_ENCODINGS.map((e) => [e.rid, e.scaleResolutionDownBy, e.maxBitrate])).toEqual([
      ['h', 1, 1_500_000],
      ['m', 2, 500_000],
      ['l', 4, 200_000],
    ]);
    expect(WIRE_LAYER).toEqual({ h: 'high', m: 'medium', l: 'low' });
  });
});

describe('nextLayer on a simulated link', () => {
  it('keeps the top layer for a big tile on a roomy link', () => {
    const { state, asked } = drive(() => 4_000, 60_000);
    expect(asked).toEqual([]);
    expect(state.layer).toBe('h');
    expect(state.estimateKbps).toBe(Infinity);
  });

  it('drops to the smallest layer within two windows when the cap falls to 250 kbit/s, and stays', () => {
    const { asked } = drive(steps([0, 4_000], [20_000, 250]), 60_000);
    expect(asked[0]?.atMs).toBeLessThanOrEqual(24_000);
    // Down at once or through 'm'; after that, probes up fail and come back to 'l'.
    const settled = asked.filter((a) => a.atMs >= 26_000);
    expect(settled.every((a) => a.layer !== 'h')).toBe(true);
    expect(asked.filter((a) => a.atMs >= 20_000 && a.atMs < 26_000).at(-1)?.layer).toBe('l');
  });

  it('comes back a layer at a time once the cap is lifted, no sooner than the hold-off', () => {
    const { asked, state } = drive(steps([0, 4_000], [10_000, 250], [30_000, 4_000]), 120_000);
    const back = asked.filter((a) => a.atMs > 30_000);
    expect(back.map((a) => a.layer)).toEqual(['m', 'h']);
    expect((back[0]?.atMs ?? 0) - 30_000).toBeGreaterThanOrEqual(LAYER_UP_WINDOWS * WINDOW_MS - WINDOW_MS);
    expect(state.layer).toBe('h');
    expect(state.estimateKbps).toBe(Infinity);
  });
});

describe('nextLayer’s rules', () => {
  const clean = (link: Link, layer: Layer = 'h') => link.next(layer, 4_000);

  it('follows the tile: small tiles get small layers, a hidden one the smallest', () => {
    const link = new Link();
    let state = initialLayer();
    state = nextLayer(state, { ...clean(link), width: 320, height: 180 });
    expect(state.layer).toBe('l');
    state = nextLayer(state, { ...clean(link), width: 640, height: 360 });
    expect(state.layer).toBe('m');
    state = nextLayer(state, { ...clean(link), width: 0, height: 0 });
    expect(state.layer).toBe('l');
  });

  it('cuts the estimate on a slowlink, on jitter and on dropped frames, not only on loss', () => {
    for (const make of [
      (s: { atMs: number; received: StatsSample }) => ({ ...s, slowlinks: 1 }),
      (s: { atMs: number; received: StatsSample }) => ({
        ...s,
        received: { ...s.received, video: s.received.video && { ...s.received.video, jitter: 0.2 } },
      }),
      (s: { atMs: number; received: StatsSample }) => ({
        ...s,
        received: { ...s.received, video: s.received.video && { ...s.received.video, framesDropped: 50 } },
      }),
    ]) {
      const link = new Link();
      let state = nextLayer(initialLayer(), { ...clean(link), width: 1280, height: 720 });
      state = nextLayer(state, { ...make(clean(link)), width: 1280, height: 720 });
      expect(state.estimateKbps).toBeLessThan(Infinity);
      expect(state.cutAtMs).not.toBeNull();
    }
  });

  it('judges no window whose counters went back or that is too long, and waits for a sample too soon', () => {
    const link = new Link();
    let state = nextLayer(initialLayer(), { ...clean(link), width: 1280, height: 720 });
    const lossy = link.next('h', 100);
    const restarted = {
      ...lossy,
      received: { ...lossy.received, video: lossy.received.video && { ...lossy.received.video, bytesReceived: 10 } },
    };
    state = nextLayer(state, { ...restarted, width: 1280, height: 720 });
    expect(state.estimateKbps).toBe(Infinity);
    const soon = link.next('h', 100, 500);
    expect(nextLayer(state, { ...soon, width: 1280, height: 720 }).windowStart).toBe(state.windowStart);
    expect(layerWindow({ atMs: 0, received: lossy.received }, { atMs: 60_000, received: lossy.received })).toBeNull();
  });

  it('probes up only after clean windows and the hold-off since the last cut', () => {
    const link = new Link();
    let state: LayerState = { ...initialLayer(), layer: 'l', estimateKbps: 250, cutAtMs: 0 };
    state = nextLayer(state, { ...link.next('l', 4_000), width: 1280, height: 720 });
    const before = state.estimateKbps;
    let doubledAt: number | null = null;
    while (link.atMs < 30_000 && doubledAt === null) {
      state = nextLayer(state, { ...link.next('l', 4_000), width: 1280, height: 720 });
      if (state.estimateKbps > before) doubledAt = link.atMs;
    }
    expect(doubledAt ?? -1).toBeGreaterThanOrEqual(LAYER_HOLD_OFF_MS);
  });
});
