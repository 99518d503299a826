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
// The call's fallback (video → audio → chat, with hysteresis) reuses samples and mediaFlow().

export type Verdict = 'video' | 'audio' | 'chat';

export interface VideoCounters {
  bytesReceived: number;
  framesDecoded: number;
}

export interface AudioCounters {
  bytesReceived: number;
  /** Samples played out, concealed ones included (absent, or stuck at 0, without playout). */
  totalSamplesReceived?: number;
  /** Samples made up to cover lost or late packets. */
  concealedSamples?: number;
}

/** The inbound counters at one moment; null for a kind nothing is received of. */
export interface StatsSample {
  video: VideoCounters | null;
  audio: AudioCounters | null;
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

function addOptional(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined && b === undefined ? undefined : (a ?? 0) + (b ?? 0);
}

/**
 * The sample in a stats report: its `inbound-rtp` entries summed per kind. Takes what
 * RTCStatsReport iterates over ([id, stats] pairs) or plain stats objects.
 */
export function sampleFromStats(report: Iterable<unknown>): StatsSample {
  const sample: StatsSample = { video: null, audio: null };
  for (const item of report) {
    const stats: unknown = Array.isArray(item) ? item[1] : item;
    if (!isRecord(stats) || stats.type !== 'inbound-rtp') continue;
    const kind = stats.kind ?? stats.mediaType; // mediaType: browsers before the spec's rename
    if (kind === 'video') {
      const video = sample.video ?? { bytesReceived: 0, framesDecoded: 0 };
      video.bytesReceived += count(stats.bytesReceived);
      video.framesDecoded += count(stats.framesDecoded);
      sample.video = video;
    } else if (kind === 'audio') {
      const audio: AudioCounters = sample.audio ?? { bytesReceived: 0 };
      audio.bytesReceived += count(stats.bytesReceived);
      const samples = addOptional(audio.totalSamplesReceived, optionalCount(stats.totalSamplesReceived));
      const concealed = addOptional(audio.concealedSamples, optionalCount(stats.concealedSamples));
      if (samples !== undefined) audio.totalSamplesReceived = samples;
      if (concealed !== undefined) audio.concealedSamples = concealed;
      sample.audio = audio;
    }
  }
  return sample;
}
