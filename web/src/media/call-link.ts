// One peer connection of a call to the media server — one's own publication (feed null) or
// the receiving of one other person (feed = their user id): its ICE candidates trickled over
// the socket once its offer or answer is out (those found earlier wait), one `completed`
// after the last, and its stats read every window into a quality (quality.ts) and what
// media moved (verdict.ts); the latest reading is kept as a fallback sample (fallback.ts),
// with the slowlinks heard since the one before. Owns its peer connection: close() closes it.
import type { ClientMessage } from '../api/socket';
import { candidateMessage, linkState, type CallPeerLike, type CandidateLike } from './peer';
import { gradeLink, linkCounters, linkFigures, shownQuality, worse, type LinkCounters, type Quality } from './quality';
import type { LinkSample } from './fallback';
import { mediaFlow, sampleFromStats, selectedIsRelay, sentSampleFromStats, type MediaFlow, type StatsSample } from './verdict';

/** Windows a `slowlink` from the server keeps a link at "weak" or worse. */
export const SLOW_WINDOWS = 2;

interface Reading {
  counters: LinkCounters;
  sample: StatsSample;
  at: number;
}

export class CallLink {
  private ready = false;
  private completed = false;
  private closed = false;
  private pending: ClientMessage[] = [];
  private last: Reading | null = null;
  private lastGrade: Quality | null = null;
  private slowWindows = 0;
  private slowlinks = 0;
  /** The latest reading as a fallback sample: what was sent (publication) or received. */
  sample: LinkSample | null = null;
  /** The selected candidate pair's local candidate is a TURN relay, as last read. */
  relayed = false;
  /** As shown: the worse of the last two windows; null until measured. */
  quality: Quality | null = null;

  constructor(
    readonly pc: CallPeerLike,
    private readonly roomId: string,
    readonly feed: string | null,
    private readonly send: (message: ClientMessage) => void,
  ) {
    pc.onicecandidate = (event) => {
      this.candidate(event.candidate);
    };
  }

  get state(): RTCPeerConnectionState {
    return this.closed ? 'closed' : linkState(this.pc);
  }

  /** The offer (or answer) went out: candidates found so far follow it, later ones at once. */
  signalled(): void {
    this.ready = true;
    for (const message of this.pending.splice(0)) this.send(message);
  }

  /** The server reported loss on this link. */
  slow(): void {
    this.slowlinks += 1;
    this.slowWindows = SLOW_WINDOWS;
    if (this.quality === 'good') this.quality = 'weak';
  }

  /** Reads the stats: what moved since the last reading (null the first time, or on failure). */
  async measure(now: number): Promise<MediaFlow | null> {
    let report: Iterable<unknown>;
    try {
      report = await this.pc.getStats();
    } catch {
      return null;
    }
    if (this.closed) return null;
    const sample = sampleFromStats(report);
    const sent = sentSampleFromStats(report);
    const reading: Reading = { counters: linkCounters(sample, sent), sample, at: now };
    this.sample = this.feed === null ? { atMs: now, sent } : { atMs: now, received: sample };
    this.relayed = selectedIsRelay(report);
    const before = this.last;
    this.last = reading;
    if (!before) return null;
    let grade = gradeLink(linkFigures(before.counters, reading.counters, now - before.at));
    if (this.slowWindows > 0) {
      this.slowWindows -= 1;
      grade = worse(grade ?? 'weak', 'weak');
    }
    this.quality = shownQuality(this.lastGrade, grade);
    this.lastGrade = grade;
    return mediaFlow(before.sample, reading.sample);
  }

  /** The slowlinks heard since the last call, for the fallback's hints. */
  takeSlowlinks(): number {
    const count = this.slowlinks;
    this.slowlinks = 0;
    return count;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.pending = [];
    const { pc } = this;
    pc.onicecandidate = null;
    pc.ontrack = null;
    pc.onconnectionstatechange = null;
    pc.oniceconnectionstatechange = null;
    try {
      pc.close();
    } catch {
      // Closed already; nothing more to free.
    }
  }

  private candidate(candidate: CandidateLike | null): void {
    if (this.closed) return;
    const where = { room_id: this.roomId, ...(this.feed === null ? {} : { feed: this.feed }) };
    let message: ClientMessage;
    if (candidate === null) {
      if (this.completed) return;
      this.completed = true;
      message = { type: 'call.candidate', ...where, completed: true };
    } else if (!candidate.candidate) {
      return; // the end of one generation in some browsers: the final null follows
    } else {
      message = { type: 'call.candidate', ...where, candidate: candidateMessage(candidate) };
    }
    if (this.ready) this.send(message);
    else this.pending.push(message);
  }
}
