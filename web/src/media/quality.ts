// How a link of a call is doing, in the three words a person can act on: good, weak, bad.
// Pure — no clock, no browser: the caller reads a peer connection's stats every
// SAMPLE_GAP_MS (linkCounters(await pc.getStats())) and compares two readings. The rules:
//   - packet loss: of what came in (inbound-rtp packetsLost against packetsReceived), or for
//     one's own publication, of what was sent as the server reports it (remote-inbound-rtp);
//   - round-trip time: the selected candidate pair's currentRoundTripTime, else the server's
//     report (remote-inbound-rtp roundTripTime);
//   - inbound bitrate: bytes received over the window; a receiving link that got no packet at
//     all is bad (its picture and voice have stopped), whatever else is measured;
//   - bad: loss ≥ BAD_LOSS_PERCENT or round trip ≥ BAD_RTT_MS; weak: loss ≥ WEAK_LOSS_PERCENT
//     or round trip ≥ WEAK_RTT_MS; good otherwise;
//   - what is shown is the worse of the last two windows (shownQuality): trouble shows at
//     once, and "good" comes back after two calm windows rather than flickering.

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

type StatsRecord = Record<string, unknown>;

function isRecord(value: unknown): value is StatsRecord {
  return typeof value === 'object' && value !== null;
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** The counters in a stats report (what RTCStatsReport iterates over, or plain stats objects). */
export function linkCounters(report: Iterable<unknown>): LinkCounters {
  const byId = new Map<string, StatsRecord>();
  const all: StatsRecord[] = [];
  for (const item of report) {
    const stats: unknown = Array.isArray(item) ? item[1] : item;
    if (!isRecord(stats)) continue;
    all.push(stats);
    if (typeof stats.id === 'string') byId.set(stats.id, stats);
  }
  let received: LinkCounters['received'] = null;
  let sent: LinkCounters['sent'] = null;
  let pairRtt: number | undefined;
  let reportedRtt: number | undefined;
  for (const stats of all) {
    switch (stats.type) {
      case 'inbound-rtp': {
        received ??= { packets: 0, lost: 0, bytes: 0 };
        received.packets += num(stats.packetsReceived) ?? 0;
        received.lost += Math.max(0, num(stats.packetsLost) ?? 0);
        received.bytes += num(stats.bytesReceived) ?? 0;
        break;
      }
      case 'outbound-rtp': {
        sent ??= { packets: 0, lost: 0 };
        sent.packets += num(stats.packetsSent) ?? 0;
        break;
      }
      case 'remote-inbound-rtp': {
        sent ??= { packets: 0, lost: 0 };
        sent.lost += Math.max(0, num(stats.packetsLost) ?? 0);
        reportedRtt ??= num(stats.roundTripTime);
        break;
      }
      case 'transport': {
        const pair = typeof stats.selectedCandidatePairId === 'string' ? byId.get(stats.selectedCandidatePairId) : undefined;
        pairRtt ??= num(pair?.currentRoundTripTime);
        break;
      }
      case 'candidate-pair': {
        // Browsers without the transport's pair id mark the pair in use (Firefox: `selected`).
        if (stats.selected === true || (stats.nominated === true && stats.state === 'succeeded')) {
          pairRtt ??= num(stats.currentRoundTripTime);
        }
        break;
      }
      default:
        break;
    }
  }
  const rtt = pairRtt ?? reportedRtt;
  return { received, sent, rttMs: rtt === undefined ? null : Math.round(rtt * 1000) };
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
