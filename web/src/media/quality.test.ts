// Link quality from two stats readings: the counters read from a report, the window's
// figures, the grade at each threshold, and the two-window smoothing.
import { describe, expect, it } from 'vitest';
import {
  BAD_LOSS_PERCENT,
  BAD_RTT_MS,
  gradeLink,
  linkCounters as countersOf,
  linkFigures,
  shownQuality,
  WEAK_LOSS_PERCENT,
  WEAK_RTT_MS,
  worse,
  type LinkCounters,
} from './quality';
import { sampleFromStats, sentSampleFromStats } from './verdict';

/** A report read as the call reads it: its samples, then their counters. */
const linkCounters = (report: Iterable<unknown>) => countersOf(sampleFromStats(report), sentSampleFromStats(report));

function inbound(packets: number, lost: number, bytes: number, rtt?: number): unknown[] {
  return [
    { id: 'in-a', type: 'inbound-rtp', kind: 'audio', packetsReceived: packets / 2, packetsLost: lost / 2, bytesReceived: bytes / 2 },
    { id: 'in-v', type: 'inbound-rtp', kind: 'video', packetsReceived: packets / 2, packetsLost: lost / 2, bytesReceived: bytes / 2 },
    { id: 't', type: 'transport', selectedCandidatePairId: 'p1' },
    { id: 'p0', type: 'candidate-pair', currentRoundTripTime: 9 },
    { id: 'p1', type: 'candidate-pair', ...(rtt === undefined ? {} : { currentRoundTripTime: rtt }) },
  ];
}

const receiving = (packets: number, lost: number, bytes: number, rttMs: number | null = null): LinkCounters => ({
  received: { packets, lost, bytes },
  sent: null,
  rttMs,
});

describe('linkCounters', () => {
  it('sums what came in and takes the selected pair’s round trip', () => {
    expect(linkCounters(inbound(200, 4, 50_000, 0.12))).toEqual({
      received: { packets: 200, lost: 4, bytes: 50_000 },
      sent: null,
      rttMs: 120,
    });
  });

  it('reads a report as the browser gives it: [id, stats] pairs', () => {
    const report = new Map(inbound(10, 0, 1000, 0.05).map((s) => [(s as { id: string }).id, s]));
    expect(linkCounters(report).rttMs).toBe(50);
  });

  it('counts what was sent and what the server reports lost, with its round trip', () => {
    const report = [
      { type: 'outbound-rtp', kind: 'audio', packetsSent: 100 },
      { type: 'outbound-rtp', kind: 'video', packetsSent: 300 },
      { type: 'remote-inbound-rtp', kind: 'audio', packetsLost: 3 },
      { type: 'remote-inbound-rtp', kind: 'video', packetsLost: -1 }, // late packets counted back
      { type: 'candidate-pair', selected: true, currentRoundTripTime: 0.2 },
    ];
    expect(linkCounters(report)).toEqual({ received: null, sent: { packets: 400, lost: 2 }, rttMs: 200 });
  });

  it('finds the pair in use without a transport entry (nominated and succeeded, or selected)', () => {
    expect(linkCounters([{ type: 'candidate-pair', nominated: true, state: 'succeeded', currentRoundTripTime: 0.3 }]).rttMs).toBe(300);
    expect(linkCounters([{ type: 'candidate-pair', selected: true, currentRoundTripTime: 0.04 }]).rttMs).toBe(40);
    expect(linkCounters([{ type: 'candidate-pair', nominated: true, state: 'in-progress', currentRoundTripTime: 1 }]).rttMs).toBeNull();
  });

  it('ignores what it does not know', () => {
    expect(linkCounters([null, 3, { type: 'codec' }, { type: 'inbound-rtp', kind: 'audio', packetsReceived: 'x' }])).toEqual({
      received: { packets: 0, lost: 0, bytes: 0 },
      sent: null,
      rttMs: null,
    });
  });
});

describe('linkFigures', () => {
  it('gives loss, round trip and bitrate of a receiving window', () => {
    const figures = linkFigures(receiving(100, 0, 10_000), receiving(196, 4, 260_000, 90), 2000);
    expect(figures).toEqual({ lossPercent: 4, rttMs: 90, kbps: 1000 });
  });

  it('gives the loss the server reports of what was sent', () => {
    const before: LinkCounters = { received: null, sent: { packets: 1000, lost: 10 }, rttMs: null };
    const after: LinkCounters = { received: null, sent: { packets: 1200, lost: 30 }, rttMs: 60 };
    expect(linkFigures(before, after, 2000)).toEqual({ lossPercent: 10, rttMs: 60, kbps: null });
  });

  it('counts a counter that went back (a new stream) from zero', () => {
    expect(linkFigures(receiving(500, 0, 90_000), receiving(100, 0, 25_000), 2000).kbps).toBe(100);
  });

  it('has no loss figure when nothing moved', () => {
    expect(linkFigures(receiving(100, 1, 1000), receiving(100, 1, 1000), 2000)).toEqual({ lossPercent: null, rttMs: null, kbps: 0 });
  });
});

describe('gradeLink', () => {
  const at = (lossPercent: number | null, rttMs: number | null, kbps: number | null = 500) => gradeLink({ lossPercent, rttMs, kbps });

  it('is good under both thresholds, weak and bad at them', () => {
    expect(at(0, 50)).toBe('good');
    expect(at(WEAK_LOSS_PERCENT - 0.1, WEAK_RTT_MS - 1)).toBe('good');
    expect(at(WEAK_LOSS_PERCENT, 50)).toBe('weak');
    expect(at(0, WEAK_RTT_MS)).toBe('weak');
    expect(at(BAD_LOSS_PERCENT, 50)).toBe('bad');
    expect(at(0, BAD_RTT_MS)).toBe('bad');
  });

  it('is bad when nothing arrives, whatever else is measured', () => {
    expect(at(null, 20, 0)).toBe('bad');
  });

  it('judges a sending link by loss and round trip alone, and nothing by nothing', () => {
    expect(at(1, null, null)).toBe('good');
    expect(at(null, null, null)).toBeNull();
  });
});

describe('shownQuality', () => {
  it('shows trouble at once and good only after two good windows', () => {
    expect(shownQuality(null, 'good')).toBe('good');
    expect(shownQuality('good', 'bad')).toBe('bad');
    expect(shownQuality('bad', 'good')).toBe('bad');
    expect(shownQuality('good', 'good')).toBe('good');
    expect(shownQuality('weak', null)).toBe('weak');
    expect(worse('weak', 'good')).toBe('weak');
  });
});
