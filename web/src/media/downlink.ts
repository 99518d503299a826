// The receiving half of a person's link in a call (issue 9, "Weak links"): what arrives from
// everyone, summed into one sample per window, feeds a fallback state of its own (fallback.ts)
// beside the sending one, and the person's mode is the lower of the two. Pure.
// Who is to blame: loss on what one receives may be the sender's upload, not one's own
// download. So the receiving state (1) has a ceiling — the best the others send, and never
// above one's own sending mode (at 'audio' one asks for no picture, so none arriving is no
// trouble) — and a ceiling that falls is 'chosen', not trouble; (2) is patient,
// DOWNLINK_STEP_DOWN_WINDOWS bad windows against the sending state's 2, so a sender whose
// upload fails says so first (call.mode lowers the ceiling) before the receiver blames its
// own link; (3) is excused — a bad window only holds — while one's own sending half judged
// its last window clean (a bad access link shows on both halves: the same round trip, the
// same queue; what only the receiving half sees is taken for the senders' trouble, so a
// download that loses packets while everything else is clean goes unnoticed here); (4)
// forgets its own fall when the ceiling falls to it (the sender's fall explains it); (5)
// counts only when it fell for a reason of its own.
import { initialFallback, setCeiling, type FallbackState, type LinkSample, type Mode } from './fallback';
import type { AudioCounters, StatsSample, VideoCounters } from './verdict';

/** 8 s: twice the sending side's patience. */
export const DOWNLINK_STEP_DOWN_WINDOWS = 4;

const LEVELS: readonly Mode[] = ['chat', 'audio', 'video'];
const rank = (mode: Mode) => LEVELS.indexOf(mode);
export const lower = (a: Mode, b: Mode): Mode => (rank(a) <= rank(b) ? a : b);
const higher = (a: Mode, b: Mode): Mode => (rank(a) >= rank(b) ? a : b);

export function initialDownlink(ceiling: Mode): FallbackState {
  return initialFallback(ceiling, DOWNLINK_STEP_DOWN_WINDOWS);
}

/** The receiving state under a new ceiling: a ceiling that rises over a mode that was only
 * 'chosen' starts afresh (nothing spoke against the link); one that falls takes effect. */
export function downlinkCeiling(state: FallbackState, ceiling: Mode, atMs: number): FallbackState {
  if (ceiling === state.ceiling) return state;
  if (rank(ceiling) > rank(state.ceiling) && state.reason === 'chosen') return initialDownlink(ceiling);
  // The sender fell as far as this half did: that explains it (rule 4).
  if (rank(ceiling) < rank(state.ceiling) && rank(ceiling) <= rank(state.mode) && state.reason !== 'chosen') {
    return { ...initialDownlink(ceiling), windowStart: state.windowStart };
  }
  return setCeiling(state, ceiling, atMs);
}

/** The best the others send (each the lower of their own mode and what their offer carries),
 * and never above one's own sending mode; 'chat' when nobody is received. */
export function ceilingOf(sendMode: Mode, others: readonly Mode[]): Mode {
  const best = others.reduce<Mode>((m, other) => higher(m, other), 'chat');
  return lower(best, sendMode);
}

/** One's mode: the sending state's, unless the receiving one fell lower for its own reasons
 * (or came back from such a fall: then 'recovered'). */
export function combined(
  send: FallbackState,
  down: FallbackState | null,
): Pick<FallbackState, 'mode' | 'reason' | 'offerCallback'> {
  const own = { mode: send.mode, reason: send.reason, offerCallback: send.offerCallback };
  // Back from a fall of its own: the picture or the voice returned because the link recovered.
  if (down?.reason === 'recovered' && down.mode === send.mode && send.reason === 'chosen') return { ...own, reason: 'recovered' };
  if (!down || down.reason === 'chosen' || down.reason === 'recovered' || rank(down.mode) >= rank(send.mode)) return own;
  return { mode: down.mode, reason: down.reason, offerCallback: down.offerCallback || send.offerCallback };
}

function sumVideo(a: VideoCounters | null, b: VideoCounters | null): VideoCounters | null {
  if (!a || !b) return a ?? b;
  const add = (x?: number, y?: number) => (x === undefined && y === undefined ? undefined : (x ?? 0) + (y ?? 0));
  const out: VideoCounters = { bytesReceived: a.bytesReceived + b.bytesReceived, framesDecoded: a.framesDecoded + b.framesDecoded };
  const packetsReceived = add(a.packetsReceived, b.packetsReceived);
  const packetsLost = add(a.packetsLost, b.packetsLost);
  if (packetsReceived !== undefined) out.packetsReceived = packetsReceived;
  if (packetsLost !== undefined) out.packetsLost = packetsLost;
  // The best stream's rate: one person's picture moving is a picture that arrives.
  const fps = [a.framesPerSecond, b.framesPerSecond].filter((v) => v !== undefined);
  if (fps.length > 0) out.framesPerSecond = Math.max(...fps);
  const jitter = [a.jitter, b.jitter].filter((v) => v !== undefined);
  if (jitter.length > 0) out.jitter = Math.max(...jitter);
  return out;
}

function sumAudio(a: AudioCounters | null, b: AudioCounters | null): AudioCounters | null {
  if (!a || !b) return a ?? b;
  const out: AudioCounters = { bytesReceived: a.bytesReceived + b.bytesReceived };
  for (const key of ['totalSamplesReceived', 'concealedSamples', 'packetsReceived', 'packetsLost'] as const) {
    if (a[key] !== undefined || b[key] !== undefined) out[key] = (a[key] ?? 0) + (b[key] ?? 0);
  }
  const jitter = [a.jitter, b.jitter].filter((v) => v !== undefined);
  if (jitter.length > 0) out.jitter = Math.max(...jitter);
  return out;
}

/** Everything received at `atMs`, summed over the receiving links (the worst round trip). */
export function downlinkSample(atMs: number, samples: readonly StatsSample[]): LinkSample {
  let received: StatsSample = { video: null, audio: null };
  for (const s of samples) {
    const rtt = [received.roundTripTime, s.roundTripTime].filter((v) => v !== undefined);
    received = { video: sumVideo(received.video, s.video), audio: sumAudio(received.audio, s.audio) };
    if (rtt.length > 0) received.roundTripTime = Math.max(...rtt);
  }
  return { atMs, received };
}
