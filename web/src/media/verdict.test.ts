// The verdict rules on hand-made samples, stats reports shaped like Chromium's and
// Firefox's, and a randomised check that more flowing never gives a worse verdict.
import { describe, expect, it } from 'vitest';
import {
  better,
  CONNECT_TIMEOUT_MS,
  linkVerdict,
  mediaFlow,
  sampleFromStats,
  sentSampleFromStats,
  verdict,
  type StatsSample,
  type Verdict,
} from './verdict';

const ZERO: StatsSample = {
  video: { bytesReceived: 0, framesDecoded: 0 },
  audio: { bytesReceived: 0 },
};

function sample(video: [number, number] | null, audio: number | null, played?: [number, number]): StatsSample {
  return {
    video: video && { bytesReceived: video[0], framesDecoded: video[1] },
    audio:
      audio === null
        ? null
        : played
          ? { bytesReceived: audio, totalSamplesReceived: played[0], concealedSamples: played[1] }
          : { bytesReceived: audio },
  };
}

describe('verdict', () => {
  it('is video when picture bytes and frames grew and the voice came back', () => {
    // The figures measured with Chromium 156 against Janus's EchoTest (docs/research/calls.md).
    const before = sample([346_734, 118], 20_000);
    const after = sample([469_895, 158], 36_000);
    expect(verdict(before, after)).toBe('video');
    expect(mediaFlow(before, after)).toEqual({ video: true, audio: true });
  });

  it('is audio when only the voice grew', () => {
    expect(verdict(sample([5_000, 10], 1_000), sample([5_000, 10], 9_000))).toBe('audio');
  });

  it('is audio when video bytes arrive but no frame is decoded', () => {
    expect(verdict(sample([5_000, 10], 1_000), sample([90_000, 10], 9_000))).toBe('audio');
  });

  it('is audio when frames are counted but no video bytes arrive', () => {
    expect(verdict(sample([5_000, 10], 1_000), sample([5_000, 12], 9_000))).toBe('audio');
  });

  it('is audio for a voice-only check, which receives no video at all', () => {
    expect(verdict(sample(null, 0), sample(null, 8_000))).toBe('audio');
  });

  it('is chat when nothing grew', () => {
    expect(verdict(sample([5_000, 10], 1_000), sample([5_000, 10], 1_000))).toBe('chat');
    expect(verdict(sample(null, null), sample(null, null))).toBe('chat');
  });

  it('is chat for a picture without voice: that is no call', () => {
    expect(verdict(sample([5_000, 10], 1_000), sample([90_000, 50], 1_000))).toBe('chat');
    expect(verdict(sample([0, 0], null), sample([90_000, 50], null))).toBe('chat');
  });

  it('is chat when the first sample had media and the second has none', () => {
    expect(verdict(sample([5_000, 10], 1_000), sample(null, null))).toBe('chat');
  });

  it('counts from zero when a counter went back (a new stream replaced the old one)', () => {
    expect(verdict(sample([90_000, 300], 50_000), sample([4_000, 20], 3_000))).toBe('video');
    expect(verdict(sample([90_000, 300], 50_000), sample([0, 0], 0))).toBe('chat');
  });

  it('counts a kind that appears only in the second sample from zero', () => {
    expect(verdict(sample(null, null), sample([4_000, 20], 3_000))).toBe('video');
  });

  it('takes the voice as lost when most played samples were concealed', () => {
    const before = sample([5_000, 10], 1_000, [48_000, 0]);
    // 96,000 samples played in 2 s, 40 % of them made up: bytes arrive, the voice does not.
    expect(verdict(before, sample([90_000, 50], 9_000, [144_000, 38_400]))).toBe('chat');
    // 10 % concealed: a voice with a few gaps still carries a call.
    expect(verdict(before, sample([90_000, 50], 9_000, [144_000, 9_600]))).toBe('video');
  });

  it('relies on bytes when nothing is played out (samples stay at 0)', () => {
    expect(verdict(sample(null, 1_000, [0, 0]), sample(null, 9_000, [0, 0]))).toBe('audio');
  });

  it('never gives a worse verdict when more flows (randomised)', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const rank: Record<Verdict, number> = { chat: 0, audio: 1, video: 2 };
    for (let i = 0; i < 500; i += 1) {
      const before = sample([Math.floor(random() * 1e5), Math.floor(random() * 100)], Math.floor(random() * 1e5));
      const grow = () => Math.floor(random() * 3) * Math.floor(random() * 1_000);
      const after = sample(
        [(before.video?.bytesReceived ?? 0) + grow(), (before.video?.framesDecoded ?? 0) + grow()],
        (before.audio?.bytesReceived ?? 0) + grow(),
      );
      const more = sample(
        [(after.video?.bytesReceived ?? 0) + 1, (after.video?.framesDecoded ?? 0) + 1],
        (after.audio?.bytesReceived ?? 0) + 1,
      );
      expect(rank[verdict(before, more)]).toBeGreaterThanOrEqual(rank[verdict(before, after)]);
      expect(verdict(before, more)).toBe('video');
      expect(verdict(before, before)).toBe('chat');
    }
  });
});

describe('linkVerdict', () => {
  it('is chat once the connection failed or closed', () => {
    expect(linkVerdict('failed', 100)).toBe('chat');
    expect(linkVerdict('closed', 100)).toBe('chat');
  });

  it('waits while connecting, and gives up at the timeout', () => {
    for (const state of ['new', 'connecting', 'disconnected'] as const) {
      expect(linkVerdict(state, 0)).toBeNull();
      expect(linkVerdict(state, CONNECT_TIMEOUT_MS - 1)).toBeNull();
      expect(linkVerdict(state, CONNECT_TIMEOUT_MS)).toBe('chat');
    }
  });

  it('leaves a connected link to be measured, however long it took', () => {
    expect(linkVerdict('connected', 0)).toBeNull();
    expect(linkVerdict('connected', CONNECT_TIMEOUT_MS * 2)).toBeNull();
  });
});

describe('better', () => {
  it('ranks video over audio over chat', () => {
    expect(better('chat', 'audio')).toBe('audio');
    expect(better('video', 'audio')).toBe('video');
    expect(better('chat', 'chat')).toBe('chat');
  });
});

describe('sampleFromStats', () => {
  it('reads inbound-rtp entries from [id, stats] pairs, as RTCStatsReport iterates', () => {
    const report = new Map<string, unknown>([
      ['T01', { type: 'transport', dtlsState: 'connected', bytesReceived: 999_999 }],
      ['IT01V', { type: 'inbound-rtp', kind: 'video', bytesReceived: 469_895, framesDecoded: 158, framesReceived: 160 }],
      [
        'IT01A',
        { type: 'inbound-rtp', kind: 'audio', bytesReceived: 36_000, totalSamplesReceived: 96_000, concealedSamples: 480 },
      ],
      ['OT01V', { type: 'outbound-rtp', kind: 'video', bytesSent: 500_000, framesEncoded: 160 }],
      ['RIA', { type: 'remote-inbound-rtp', kind: 'audio', packetsLost: 3 }],
    ]);
    expect(sampleFromStats(report)).toEqual({
      video: { bytesReceived: 469_895, framesDecoded: 158, framesReceived: 160 },
      audio: { bytesReceived: 36_000, totalSamplesReceived: 96_000, concealedSamples: 480 },
    });
  });

  it('reads plain stats objects, and mediaType from older browsers', () => {
    expect(
      sampleFromStats([
        { type: 'inbound-rtp', mediaType: 'audio', bytesReceived: 1_200 },
        { type: 'inbound-rtp', mediaType: 'video', bytesReceived: 10 },
      ]),
    ).toEqual({ video: { bytesReceived: 10, framesDecoded: 0 }, audio: { bytesReceived: 1_200 } });
  });

  it('sums several streams of a kind, and leaves a kind without streams null', () => {
    expect(
      sampleFromStats([
        { type: 'inbound-rtp', kind: 'audio', bytesReceived: 100, totalSamplesReceived: 10 },
        { type: 'inbound-rtp', kind: 'audio', bytesReceived: 50, concealedSamples: 2 },
      ]),
    ).toEqual({ video: null, audio: { bytesReceived: 150, totalSamplesReceived: 10, concealedSamples: 2 } });
  });

  it('ignores junk and missing or non-numeric counters', () => {
    expect(
      sampleFromStats([
        null,
        42,
        'inbound-rtp',
        ['id'],
        { type: 'inbound-rtp' },
        { type: 'inbound-rtp', kind: 'video', bytesReceived: '12', framesDecoded: Number.NaN },
      ]),
    ).toEqual({ video: { bytesReceived: 0, framesDecoded: 0 }, audio: null });
    expect(sampleFromStats([])).toEqual({ video: null, audio: null });
  });

  it('gives samples the verdict can compare', () => {
    const before = sampleFromStats([{ type: 'inbound-rtp', kind: 'audio', bytesReceived: 0 }]);
    const after = sampleFromStats([{ type: 'inbound-rtp', kind: 'audio', bytesReceived: 4_000 }]);
    expect(verdict(before, after)).toBe('audio');
    expect(verdict(ZERO, after)).toBe('audio');
  });
});

describe('sampleFromStats, the counters the fallback reads', () => {
  it('reads packets, losses, frame rate, jitter and the selected pair’s round trip when given', () => {
    const report = new Map<string, unknown>([
      ['T01', { type: 'transport', selectedCandidatePairId: 'CP2' }],
      ['CP1', { id: 'CP1', type: 'candidate-pair', nominated: true, state: 'succeeded', currentRoundTripTime: 0.9 }],
      ['CP2', { id: 'CP2', type: 'candidate-pair', currentRoundTripTime: 0.12, availableOutgoingBitrate: 900_000 }],
      [
        'IT01V',
        {
          type: 'inbound-rtp',
          kind: 'video',
          bytesReceived: 400_000,
          framesDecoded: 300,
          packetsReceived: 420,
          packetsLost: 7,
          framesPerSecond: 24,
          jitter: 0.015,
        },
      ],
      [
        'IT01A',
        {
          type: 'inbound-rtp',
          kind: 'audio',
          bytesReceived: 36_000,
          packetsReceived: 500,
          packetsLost: 2,
          jitter: 0.004,
        },
      ],
    ]);
    // A receiving link's available outgoing bitrate says nothing about what it receives.
    expect(sampleFromStats(report)).toStrictEqual({
      video: {
        bytesReceived: 400_000,
        framesDecoded: 300,
        packetsReceived: 420,
        packetsLost: 7,
        framesPerSecond: 24,
        jitter: 0.015,
      },
      audio: { bytesReceived: 36_000, packetsReceived: 500, packetsLost: 2, jitter: 0.004 },
      roundTripTime: 0.12,
    });
  });

  it('sums packets over streams, keeps the slowest frame rate and the worst jitter', () => {
    const sample = sampleFromStats([
      { type: 'inbound-rtp', kind: 'video', bytesReceived: 1, packetsReceived: 10, framesPerSecond: 30, jitter: 0.01 },
      { type: 'inbound-rtp', kind: 'video', bytesReceived: 1, packetsReceived: 5, framesPerSecond: 3, jitter: 0.05 },
      { type: 'inbound-rtp', kind: 'video', bytesReceived: 1 },
    ]);
    expect(sample.video).toStrictEqual({
      bytesReceived: 3,
      framesDecoded: 0,
      packetsReceived: 15,
      framesPerSecond: 3,
      jitter: 0.05,
    });
  });

  it('finds the pair Firefox marks selected, or else a nominated one that succeeded', () => {
    const pair = (extra: object) => ({ type: 'candidate-pair', currentRoundTripTime: 0.2, ...extra });
    expect(sampleFromStats([pair({ selected: true })]).roundTripTime).toBe(0.2);
    expect(sampleFromStats([pair({ nominated: true, state: 'succeeded' })]).roundTripTime).toBe(0.2);
    expect(sampleFromStats([pair({ nominated: true, state: 'in-progress' })]).roundTripTime).toBeUndefined();
    expect(sampleFromStats([{ type: 'transport' }, pair({})]).roundTripTime).toBeUndefined();
  });
});

describe('sentSampleFromStats', () => {
  it('sums outbound layers per kind, with the far end’s losses and the pair’s estimate', () => {
    const report = new Map<string, unknown>([
      ['T01', { type: 'transport', selectedCandidatePairId: 'CP1' }],
      ['CP1', { id: 'CP1', type: 'candidate-pair', currentRoundTripTime: 0.08, availableOutgoingBitrate: 640_000 }],
      ['OTh', { type: 'outbound-rtp', kind: 'video', rid: 'h', bytesSent: 0, packetsSent: 0, framesEncoded: 0 }],
      ['OTm', { type: 'outbound-rtp', kind: 'video', bytesSent: 300_000, packetsSent: 330, framesPerSecond: 25 }],
      ['OTl', { type: 'outbound-rtp', kind: 'video', bytesSent: 100_000, packetsSent: 120, framesPerSecond: 30 }],
      ['OTa', { type: 'outbound-rtp', kind: 'audio', bytesSent: 40_000, packetsSent: 500 }],
      ['RIm', { type: 'remote-inbound-rtp', kind: 'video', packetsLost: 4, jitter: 0.02 }],
      ['RIl', { type: 'remote-inbound-rtp', kind: 'video', packetsLost: 1, jitter: 0.03 }],
      ['RIa', { type: 'remote-inbound-rtp', kind: 'audio', packetsLost: 3, roundTripTime: 0.09 }],
      ['IT01', { type: 'inbound-rtp', kind: 'audio', bytesReceived: 99_999 }],
    ]);
    expect(sentSampleFromStats(report)).toStrictEqual({
      video: {
        bytesSent: 400_000,
        packetsSent: 450,
        framesEncoded: 0,
        framesPerSecond: 30,
        packetsLost: 5,
        jitter: 0.03,
      },
      audio: { bytesSent: 40_000, packetsSent: 500, packetsLost: 3 },
      roundTripTime: 0.08,
      availableOutgoingBitrate: 640_000,
    });
  });

  it('leaves a kind that is not sent null, and ignores junk', () => {
    expect(sentSampleFromStats([null, 7, { type: 'outbound-rtp', kind: 'audio', bytesSent: 'x' }])).toStrictEqual({
      video: null,
      audio: { bytesSent: 0 },
    });
    expect(sentSampleFromStats([])).toStrictEqual({ video: null, audio: null });
  });
});
