// The receiving half of a person's link: its ceiling, its patience, how it combines with the
// sending half, and the sum of what arrives.
import { describe, expect, it } from 'vitest';
import { initialFallback, nextFallback, type FallbackState } from './fallback';
import {
  DOWNLINK_STEP_DOWN_WINDOWS,
  ceilingOf,
  combined,
  downlinkCeiling,
  downlinkSample,
  initialDownlink,
} from './downlink';

describe('ceilingOf', () => {
  it('is the best the others send, never above one’s own sending mode', () => {
    expect(ceilingOf('video', ['audio', 'video'])).toBe('video');
    expect(ceilingOf('video', ['audio', 'chat'])).toBe('audio');
    expect(ceilingOf('audio', ['video'])).toBe('audio');
    expect(ceilingOf('video', [])).toBe('chat');
  });
});

describe('downlinkCeiling', () => {
  it('takes a lower ceiling as chosen, and a higher one over a chosen mode as a fresh start', () => {
    let state = downlinkCeiling(initialDownlink('video'), 'audio', 1_000);
    expect(state).toMatchObject({ mode: 'audio', reason: 'chosen', ceiling: 'audio' });
    state = downlinkCeiling(state, 'video', 2_000);
    expect(state).toEqual(initialDownlink('video'));
  });

  it('forgets a fall of its own once the sender falls as far: that explains it', () => {
    const fell: FallbackState = { ...initialDownlink('audio'), mode: 'chat', reason: 'packet_loss' };
    expect(downlinkCeiling(fell, 'chat', 1_000)).toMatchObject({ mode: 'chat', reason: 'chosen', ceiling: 'chat' });
  });

  it('keeps a fall of its own when the ceiling rises: the link has to show it recovered', () => {
    const fell: FallbackState = { ...initialDownlink('audio'), mode: 'chat', reason: 'packet_loss' };
    expect(downlinkCeiling(fell, 'video', 1_000)).toMatchObject({ mode: 'chat', reason: 'packet_loss', ceiling: 'video' });
  });
});

describe('combined', () => {
  const send = initialFallback('video');
  it('is the sending half’s mode unless the receiving half fell lower for its own reasons', () => {
    expect(combined(send, null)).toEqual({ mode: 'video', reason: 'chosen', offerCallback: false });
    const chosen = downlinkCeiling(initialDownlink('video'), 'audio', 0);
    expect(combined(send, chosen).mode).toBe('video');
    const fell: FallbackState = { ...initialDownlink('video'), mode: 'chat', reason: 'low_bandwidth', offerCallback: true };
    expect(combined(send, fell)).toEqual({ mode: 'chat', reason: 'low_bandwidth', offerCallback: true });
    const sendFell: FallbackState = { ...send, mode: 'chat', reason: 'packet_loss', offerCallback: true };
    expect(combined(sendFell, { ...fell, mode: 'audio' })).toMatchObject({ mode: 'chat', reason: 'packet_loss' });
  });

  it('says recovered when the receiving half came back to the sending half’s mode', () => {
    const back: FallbackState = { ...initialDownlink('video'), reason: 'recovered' };
    expect(combined(send, back)).toMatchObject({ mode: 'video', reason: 'recovered' });
  });
});

describe('downlinkSample', () => {
  it('sums what arrives from everyone, keeps the best frame rate and the worst jitter and round trip', () => {
    const sample = downlinkSample(5_000, [
      {
        video: { bytesReceived: 100, framesDecoded: 10, packetsReceived: 5, packetsLost: 1, framesPerSecond: 5, jitter: 0.01 },
        audio: { bytesReceived: 50, packetsReceived: 3, packetsLost: 0, jitter: 0.02 },
        roundTripTime: 0.05,
      },
      {
        video: { bytesReceived: 200, framesDecoded: 20, packetsReceived: 7, framesPerSecond: 25, jitter: 0.03 },
        audio: { bytesReceived: 60 },
        roundTripTime: 0.2,
      },
      { video: null, audio: { bytesReceived: 10, packetsReceived: 1 } },
    ]);
    expect(sample).toEqual({
      atMs: 5_000,
      received: {
        video: { bytesReceived: 300, framesDecoded: 30, packetsReceived: 12, packetsLost: 1, framesPerSecond: 25, jitter: 0.03 },
        audio: { bytesReceived: 120, packetsReceived: 4, packetsLost: 0, jitter: 0.02 },
        roundTripTime: 0.2,
      },
    });
  });
});

describe('the receiving half’s patience', () => {
  it(`steps down after ${DOWNLINK_STEP_DOWN_WINDOWS} bad windows, not 2`, () => {
    let state = initialDownlink('audio');
    let bytes = 0;
    let received = 0;
    let lost = 0;
    const windows: string[] = [];
    for (let atMs = 0; atMs <= 20_000; atMs += 2_000) {
      bytes += 4_000;
      received += 50;
      lost += atMs >= 6_000 ? 50 : 0; // half lost from 6 s on
      state = nextFallback(state, {
        atMs,
        received: { video: null, audio: { bytesReceived: bytes, packetsReceived: received, packetsLost: lost } },
      });
      windows.push(state.mode);
    }
    const fellAt = windows.indexOf('chat');
    expect(fellAt).toBe(2 + DOWNLINK_STEP_DOWN_WINDOWS); // the window ending at 6 s is the first bad one
  });

  it('only holds through bad windows it is excused from (one’s own sending is clean)', () => {
    let state = initialDownlink('audio');
    for (let i = 0; i <= 10; i += 1) {
      state = nextFallback(
        state,
        { atMs: i * 2_000, received: { video: null, audio: { bytesReceived: 4_000 * i, packetsReceived: 50 * i, packetsLost: 50 * i } } },
        { excused: true },
      );
    }
    expect(state).toMatchObject({ mode: 'audio', reason: 'chosen' });
  });
});
