// How a link of a call is doing, in the three words a person can act on: good, weak, bad.
// Pure — no clock, no browser: the caller reads a peer connection's stats every
// SAMPLE_GAP_MS into samples (verdict.ts: sampleFromStats, sentSampleFromStats), makes them
// LinkCounters here, and compares two readings. The rules:
//   - packet loss: of what came in (inbound-rtp packetsLost against packetsReceived), or for
//     one's own publication, of what was sent as the server reports it (remote-inbound-rtp);
//   - round-trip time: the selected candidate pair's (measured by ICE even without media);
//   - inbound bitrate: bytes received over the window; a receiving link that got no packet at
//     all is bad (its picture and voice have stopped), whatever else is measured;
//   - bad: loss ≥ BAD_LOSS_PERCENT or round trip ≥ BAD_RTT_MS; weak: loss ≥ WEAK_LOSS_PERCENT
//     or round trip ≥ WEAK_RTT_MS; good otherwise;
//   - what is shown is the worse of the last two windows (shownQuality): trouble shows at
//     once, and "good" comes back after two calm windows rather than flickering.
import type { SentSample, StatsSample } from './verdict';

export type Quality = 'good' | 'weak' | 'bad';

/** Cumulative counters of one peer connection at one moment. */
export interface LinkCounters {
  /** What came in, all kinds summed; null for a connection that receives nothing. */
  received: { packets: number; lost: number; bytes: number } | null;
  /** What went out and how much of it the server reports lost; null for a receiving connection. */
  sent: { packets: number; lost: number } | null;
  /** The latest round trip in milliseconds, if measured. */
  rttMs: number | null;
}

/** One window between two readings; null where nothing was measured. */
export interface LinkFigures {
  lossPercent: number | null;
  rttMs: number | null;
  /** Inbound kilobits per second (receiving connections). */
  kbps: number | null;
}

export const WEAK_LOSS_PERCENT = 3;
export const BAD_LOSS_PERCENT = 10;
export const WEAK_RTT_MS = 350;
export const BAD_RTT_MS = 800;

const RANK: Record<Quality, number> = { good: 0, weak: 1, bad: 2 };

/** The counters of a link from its samples: what came in, what went out, the round trip. */
export function linkCounters(inbound: StatsSample, outbound: SentSample): LinkCounters {
  const came = [inbound.video, inbound.audio].flatMap((kind) => (kind ? [kind] : []));
  const went = [outbound.video, outbound.audio].flatMap((kind) => (kind ? [kind] : []));
  const rtt = inbound.roundTripTime ?? outbound.roundTripTime;
  return {
    // Lost counts may step back (late packets); a sum below zero is none lost.
    received:
      came.length === 0
        ? null
        : {
            packets: came.reduce((n, kind) => n + (kind.packetsReceived ?? 0), 0),
            lost: Math.max(0, came.reduce((n, kind) => n + (kind.packetsLost ?? 0), 0)),
            bytes: came.reduce((n, kind) => n + kind.bytesReceived, 0),
          },
    sent:
      went.length === 0
        ? null
        : {
            packets: went.reduce((n, kind) => n + (kind.packetsSent ?? 0), 0),
            lost: Math.max(0, went.reduce((n, kind) => n + (kind.packetsLost ?? 0), 0)),
          },
    rttMs: rtt === undefined ? null : Math.round(rtt * 1000),
  };
}

/** How much a counter grew; one that went back (a new stream) counts from zero. */
function growth(before: number, after: number): number {
  return after >= before ? after - before : after;
}

/** The figures of the window between two readings `ms` apart. */
export function linkFigures(before: LinkCounters, after: LinkCounters, ms: number): LinkFigures {
  let lossPercent: number | null = null;
  let kbps: number | null = null;
  if (after.received) {
    const was = before.received ?? { packets: 0, lost: 0, bytes: 0 };
    const packets = growth(was.packets, after.received.packets);
    const lost = growth(was.lost, after.received.lost);
    if (packets + lost > 0) lossPercent = (100 * lost) / (packets + lost);
    if (ms > 0) kbps = (growth(was.bytes, after.received.bytes) * 8) / ms;
  } else if (after.sent) {
    const was = before.sent ?? { packets: 0, lost: 0 };
    const packets = growth(was.packets, after.sent.packets);
    const lost = growth(was.lost, after.sent.lost);
    if (packets > 0) lossPercent = Math.min(100, (100 * lost) / packets);
  }
  return { lossPercent, rttMs: after.rttMs, kbps };
}

/** The quality of one window; null when nothing was measured at all. */
export function gradeLink(figures: LinkFigures): Quality | null {
  const { lossPercent, rttMs, kbps } = figures;
  if (kbps !== null && kbps <= 0) return 'bad'; // nothing arrives
  if (lossPercent === null && rttMs === null && kbps === null) return null;
  if ((lossPercent ?? 0) >= BAD_LOSS_PERCENT || (rttMs ?? 0) >= BAD_RTT_MS) return 'bad';
  if ((lossPercent ?? 0) >= WEAK_LOSS_PERCENT || (rttMs ?? 0) >= WEAK_RTT_MS) return 'weak';
  return 'good';
}

/** The worse of two qualities. */
export function worse(a: Quality, b: Quality): Quality {
  return RANK[a] >= RANK[b] ? a : b;
}

/**
 * What to show after a window, from its grade and the grade of the window before: the worse
 * of the two; null until a window is measured.
 */
export function shownQuality(before: Quality | null, latest: Quality | null): Quality | null {
  if (latest === null) return before;
  return before === null ? latest : worse(before, latest);
}
