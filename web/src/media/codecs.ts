// Keeping the offer small. The server refuses an offer over `max_sdp_bytes` (its media engine
// reads a request into 8 KiB), and a browser's offer lists a dozen codecs per kind with their
// parameters. The echo test and calls need one codec per kind: VP8 (with its retransmissions)
// for the picture, Opus for the voice — both what the server's engine relays.

/** A codec as RTCRtpReceiver.getCapabilities() lists it. */
export interface CodecLike {
  mimeType: string;
  clockRate: number;
  channels?: number;
  sdpFmtpLine?: string;
}

export type MediaKind = 'audio' | 'video';

/** The part of an RTCRtpTransceiver this needs (old browsers lack setCodecPreferences). */
export interface TransceiverLike {
  setCodecPreferences?(codecs: CodecLike[]): void;
}

const KEPT: Record<MediaKind, readonly string[]> = {
  video: ['video/vp8', 'video/rtx'],
  audio: ['audio/opus'],
};
const MAIN: Record<MediaKind, string> = { video: 'video/vp8', audio: 'audio/opus' };

/**
 * The codecs to keep out of those available, in their order; null when the main codec is
 * missing (a list of retransmissions alone is refused by the browser).
 */
export function keptCodecs(kind: MediaKind, available: readonly CodecLike[]): CodecLike[] | null {
  const kept = available.filter((codec) => KEPT[kind].includes(codec.mimeType.toLowerCase()));
  return kept.some((codec) => codec.mimeType.toLowerCase() === MAIN[kind]) ? kept : null;
}

/**
 * Narrows a transceiver's codecs when the browser can; answers whether it did. Failing is
 * not fatal: the offer is then larger, and checked against the limit before it is sent.
 */
export function preferCodecs(
  transceiver: TransceiverLike,
  kind: MediaKind,
  capabilities: (kind: MediaKind) => readonly CodecLike[] | null,
): boolean {
  if (typeof transceiver.setCodecPreferences !== 'function') return false;
  const available = capabilities(kind);
  const kept = available && keptCodecs(kind, available);
  if (!kept) return false;
  try {
    transceiver.setCodecPreferences(kept);
    return true;
  } catch {
    return false; // e.g. InvalidModificationError in a browser with other capabilities
  }
}
