// Which kind of call a link carries, judged from what came back: two samples of a peer
// connection's inbound RTP counters taken SAMPLE_GAP_MS apart. Pure — no clock, no browser:
// the caller takes the samples (sampleFromStats(await pc.getStats())) and says how the
// connection went. The rules:
//   - voice flows when audio bytes grew (and, when the browser counts played samples, most
//     of them were real rather than concealed losses);
//   - video flows when video bytes and decoded frames both grew;
//   - 'video' needs both, 'audio' needs voice, anything else is 'chat' — a picture without
//     voice is no call;
//   - a connection that failed, or has not connected within CONNECT_TIMEOUT_MS, is 'chat'.
// The call's fallback (fallback.ts: video → audio → chat over time, with hysteresis) reads the
// same samples, with the optional counters below, and sentSampleFromStats() for what we send.

export type Verdict = 'video' | 'audio' | 'chat';

export interface VideoCounters {
  bytesReceived: number;
  framesDecoded: number;
  packetsReceived?: number;
  /** Packets that never arrived, as RTP counts them (may step back when late ones come). */
  packetsLost?: number;
  /** Decoded frames a second, as the browser measures it (the slowest stream's). */
  framesPerSecond?: number;
  /** Interarrival jitter, seconds (the worst stream's). */
  jitter?: number;
  /** Frames that arrived whole, and those dropped before or after decoding (the simulcast
   * layer's choice reads them: a link or a decoder that cannot keep up). */
  framesReceived?: number;
  framesDropped?: number;
}

export interface AudioCounters {
  bytesReceived: number;
  /** Samples played out, concealed ones included (absent, or stuck at 0, without playout). */
  totalSamplesReceived?: number;
  /** Samples made up to cover lost or late packets. */
  concealedSamples?: number;
  packetsReceived?: number;
  packetsLost?: number;
  /** Interarrival jitter, seconds (the worst stream's). */
  jitter?: number;
}

/** The inbound counters at one moment; null for a kind nothing is received of. */
export interface StatsSample {
  video: VideoCounters | null;
  audio: AudioCounters | null;
  /** The selected candidate pair's round trip, seconds (from ICE's own checks, so it is
   * measured even while no media flows). */
  roundTripTime?: number;
}

/** One kind's outbound counters, summed over its streams (simulcast layers). */
export interface SentCounters {
  bytesSent: number;
  packetsSent?: number;
  /** Lost on the way, as the far end reports it (remote-inbound-rtp). */
  packetsLost?: number;
  /** Video: frames encoded, all layers together. */
  framesEncoded?: number;
  /** Video: the fastest layer's frames a second. */
  framesPerSecond?: number;
  /** Interarrival jitter the far end reports, seconds (the worst stream's). */
  jitter?: number;
}

/** What we send at one moment; null for a kind we send nothing of. */
export interface SentSample {
  video: SentCounters | null;
  audio: SentCounters | null;
  /** Seconds, as in StatsSample. */
  roundTripTime?: number;
  /** The browser's estimate of what it can send, bit/s (Chromium; absent elsewhere). */
  availableOutgoingBitrate?: number;
}

export interface MediaFlow {
  video: boolean;
  audio: boolean;
}

/** Between the two samples of a verdict. */
export const SAMPLE_GAP_MS = 2_000;
/** A connection not up by then is taken as blocked. */
export const CONNECT_TIMEOUT_MS = 15_000;
/** Above this share of concealed samples in a window, the voice is mostly lost. */
export const MAX_CONCEALED_SHARE = 0.3;

const RANK: Record<Verdict, number> = { chat: 0, audio: 1, video: 2 };

/** How much a counter grew; a counter that went back (a new stream) counts from zero. */
function growth(before: number | undefined, after: number | undefined): number {
  const end = after ?? 0;
  const start = before ?? 0;
  return end >= start ? end - start : end;
}

function voiceFlows(before: AudioCounters | null, after: AudioCounters | null): boolean {
  if (!after || growth(before?.bytesReceived, after.bytesReceived) <= 0) return false;
  const samples = growth(before?.totalSamplesReceived, after.totalSamplesReceived);
  if (samples <= 0) return true; // not played out: the bytes are all we know
  const concealed = growth(before?.concealedSamples, after.concealedSamples);
  return concealed / samples <= MAX_CONCEALED_SHARE;
}

function pictureFlows(before: VideoCounters | null, after: VideoCounters | null): boolean {
  if (!after) return false;
  return (
    growth(before?.bytesReceived, after.bytesReceived) > 0 && growth(before?.framesDecoded, after.framesDecoded) > 0
  );
}

/** What flowed between two samples, each kind on its own. */
export function mediaFlow(before: StatsSample, after: StatsSample): MediaFlow {
  return { video: pictureFlows(before.video, after.video), audio: voiceFlows(before.audio, after.audio) };
}

/** The call the link carried between two samples. */
export function verdict(before: StatsSample, after: StatsSample): Verdict {
  const flow = mediaFlow(before, after);
  if (!flow.audio) return 'chat';
  return flow.video ? 'video' : 'audio';
}

/**
 * The verdict the connection's state alone gives: 'chat' when it failed or closed, or when
 * it has not connected after CONNECT_TIMEOUT_MS; null while it is up (measure it) or may
 * still come up.
 */
export function linkVerdict(state: RTCPeerConnectionState, msSinceStart: number): Verdict | null {
  if (state === 'connected') return null;
  if (state === 'failed' || state === 'closed') return 'chat';
  return msSinceStart >= CONNECT_TIMEOUT_MS ? 'chat' : null;
}

/** The better of two verdicts (video over audio over chat). */
export function better(a: Verdict, b: Verdict): Verdict {
  return RANK[a] >= RANK[b] ? a : b;
}

type StatsRecord = Record<string, unknown>;

function isRecord(value: unknown): value is StatsRecord {
  return typeof value === 'object' && value !== null;
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

function optionalCount(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

type NumberKeys<T> = { [K in keyof T]-?: T[K] extends number | undefined ? K : never }[keyof T];

const sum = (a: number, b: number) => a + b;

/**
 * Folds one stream's counter into `target[key]` (summed unless `pick` says otherwise); a
 * counter the stream lacks leaves the key as it was, so absent stays absent.
 */
function merge<T extends object>(target: T, key: NumberKeys<T>, value: unknown, pick = sum): void {
  const next = optionalCount(value);
  if (next === undefined) return;
  const previous = target[key] as number | undefined;
  (target as Record<NumberKeys<T>, number>)[key] = previous === undefined ? next : pick(previous, next);
}

/** Each stats object of a report (RTCStatsReport iterates over [id, stats] pairs). */
function* statsOf(report: Iterable<unknown>): Generator<StatsRecord> {
  for (const item of report) {
    const stats: unknown = Array.isArray(item) ? item[1] : item;
    if (isRecord(stats)) yield stats;
  }
}

function kindOf(stats: StatsRecord): unknown {
  return stats.kind ?? stats.mediaType; // mediaType: browsers before the spec's rename
}

/**
 * The candidate pair ICE uses: the one the transport names (Chromium), else the one marked
 * selected (Firefox), else a nominated pair that succeeded.
 */
function selectedPair(all: readonly StatsRecord[]): StatsRecord | undefined {
  const pairs = all.filter((stats) => stats.type === 'candidate-pair');
  const named = all.filter((s) => s.type === 'transport' && typeof s.selectedCandidatePairId === 'string');
  return (
    pairs.find((pair) => named.some((transport) => transport.selectedCandidatePairId === pair.id)) ??
    pairs.find((pair) => pair.selected === true) ??
    pairs.find((pair) => pair.nominated === true && pair.state === 'succeeded')
  );
}

/** The selected candidate pair's local candidate is a TURN relay (the call reports it). */
export function selectedIsRelay(report: Iterable<unknown>): boolean {
  const all = [...statsOf(report)];
  const pair = selectedPair(all);
  if (!pair) return false;
  return all.some((s) => s.type === 'local-candidate' && s.id === pair.localCandidateId && s.candidateType === 'relay');
}

/**
 * The sample in a stats report: its `inbound-rtp` entries summed per kind, and the selected
 * candidate pair's round trip. Takes what RTCStatsReport iterates over ([id, stats] pairs)
 * or plain stats objects. Counters a browser does not give stay absent.
 */
export function sampleFromStats(report: Iterable<unknown>): StatsSample {
  const sample: StatsSample = { video: null, audio: null };
  const all = [...statsOf(report)];
  for (const stats of all) {
    if (stats.type !== 'inbound-rtp') continue;
    const kind = kindOf(stats);
    if (kind === 'video') {
      const video = sample.video ?? { bytesReceived: 0, framesDecoded: 0 };
      video.bytesReceived += count(stats.bytesReceived);
      video.framesDecoded += count(stats.framesDecoded);
      merge(video, 'packetsReceived', stats.packetsReceived);
      merge(video, 'packetsLost', stats.packetsLost);
      merge(video, 'framesPerSecond', stats.framesPerSecond, Math.min);
      merge(video, 'jitter', stats.jitter, Math.max);
      merge(video, 'framesReceived', stats.framesReceived);
      merge(video, 'framesDropped', stats.framesDropped);
      sample.video = video;
    } else if (kind === 'audio') {
      const audio: AudioCounters = sample.audio ?? { bytesReceived: 0 };
      audio.bytesReceived += count(stats.bytesReceived);
      merge(audio, 'totalSamplesReceived', stats.totalSamplesReceived);
      merge(audio, 'concealedSamples', stats.concealedSamples);
      merge(audio, 'packetsReceived', stats.packetsReceived);
      merge(audio, 'packetsLost', stats.packetsLost);
      merge(audio, 'jitter', stats.jitter, Math.max);
      sample.audio = audio;
    }
  }
  merge(sample, 'roundTripTime', selectedPair(all)?.currentRoundTripTime);
  return sample;
}

/**
 * What a report says we send: its `outbound-rtp` entries summed per kind, the far end's
 * losses and jitter from `remote-inbound-rtp`, and the selected candidate pair's round trip
 * and available outgoing bitrate. Takes the same inputs as sampleFromStats.
 */
export function sentSampleFromStats(report: Iterable<unknown>): SentSample {
  const sample: SentSample = { video: null, audio: null };
  const all = [...statsOf(report)];
  const counters = (kind: 'video' | 'audio'): SentCounters => {
    const existing = sample[kind] ?? { bytesSent: 0 };
    sample[kind] = existing;
    return existing;
  };
  for (const stats of all) {
    const kind = kindOf(stats);
    if (kind !== 'video' && kind !== 'audio') continue;
    if (stats.type === 'outbound-rtp') {
      const sent = counters(kind);
      sent.bytesSent += count(stats.bytesSent);
      merge(sent, 'packetsSent', stats.packetsSent);
      merge(sent, 'framesEncoded', stats.framesEncoded);
      merge(sent, 'framesPerSecond', stats.framesPerSecond, Math.max);
    } else if (stats.type === 'remote-inbound-rtp') {
      const sent = counters(kind);
      merge(sent, 'packetsLost', stats.packetsLost);
      merge(sent, 'jitter', stats.jitter, Math.max);
    }
  }
  const pair = selectedPair(all);
  merge(sample, 'roundTripTime', pair?.currentRoundTripTime);
  merge(sample, 'availableOutgoingBitrate', pair?.availableOutgoingBitrate);
  return sample;
}
