// What the media code uses of an RTCPeerConnection, so that tests pass a fake, and the
// small translations between the browser's view of a connection and ours.
import type { IceCandidateMessage } from '../api/socket';
import type { MediaKind, TransceiverLike } from './codecs';

/** An ICE candidate as a peer connection reports it. */
export interface CandidateLike {
  candidate: string;
  sdpMid: string | null;
  sdpMLineIndex: number | null;
}

/** The sending half of a transceiver: its track is swapped without a new offer. */
export interface SenderLike {
  replaceTrack(track: MediaStreamTrack | null): Promise<void>;
}

/** What the media code uses of an RTCPeerConnection (tests pass a fake). */
export interface PeerLike {
  /** Missing in browsers before the spec's connection state (ICE's is used then). */
  readonly connectionState?: RTCPeerConnectionState;
  readonly iceConnectionState?: RTCIceConnectionState;
  /** A track, or a kind for a sender with no track yet (a camera that is off). */
  addTransceiver(track: MediaStreamTrack | MediaKind, init: RTCRtpTransceiverInit): TransceiverLike;
  createOffer(): Promise<RTCSessionDescriptionInit>;
  setLocalDescription(description: RTCSessionDescriptionInit): Promise<void>;
  setRemoteDescription(description: RTCSessionDescriptionInit): Promise<void>;
  getStats(): Promise<Iterable<unknown>>;
  close(): void;
  onicecandidate: ((event: { candidate: CandidateLike | null }) => void) | null;
  ontrack: ((event: { track: MediaStreamTrack; streams: readonly MediaStream[] }) => void) | null;
  onconnectionstatechange: (() => void) | null;
  oniceconnectionstatechange: (() => void) | null;
}

const ICE_TO_LINK: Record<RTCIceConnectionState, RTCPeerConnectionState> = {
  new: 'new',
  checking: 'connecting',
  connected: 'connected',
  completed: 'connected',
  disconnected: 'disconnected',
  failed: 'failed',
  closed: 'closed',
};

/** The size of a text in bytes, as the server counts an SDP against its limit. */
export function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** The connection's state, from ICE's where the browser has no overall one. */
export function linkState(pc: Pick<PeerLike, 'connectionState' | 'iceConnectionState'>): RTCPeerConnectionState {
  return pc.connectionState ?? ICE_TO_LINK[pc.iceConnectionState ?? 'new'];
}

/** A candidate as trickled to the server: the browser's, without its null fields. */
export function candidateMessage(candidate: CandidateLike): IceCandidateMessage {
  const message: IceCandidateMessage = { candidate: candidate.candidate };
  if (candidate.sdpMid !== null) message.sdpMid = candidate.sdpMid;
  if (candidate.sdpMLineIndex !== null) message.sdpMLineIndex = candidate.sdpMLineIndex;
  return message;
}

/**
 * What a call needs of a peer connection beyond the echo test's: answering the server's offer
 * (to receive someone) and the senders of its own publication.
 */
export interface CallPeerLike extends PeerLike {
  addTransceiver(track: MediaStreamTrack | MediaKind, init: RTCRtpTransceiverInit): TransceiverLike & { sender: SenderLike };
  createAnswer(): Promise<RTCSessionDescriptionInit>;
}

/** Whether a session description carries a picture: an m=video line with a port other than 0. */
export function sdpHasVideo(sdp: string): boolean {
  return /^m=video [1-9]/m.test(sdp);
}
