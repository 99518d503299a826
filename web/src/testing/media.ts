// Fakes of the browser's media for call tests (jsdom has none): tracks, streams, a camera and
// microphone that answer getUserMedia with tracks of the devices asked for, a screen to
// share, peer connections that record what they are given, and a clock with timers.
import type { CodecLike } from '../media/codecs';
import type { DeviceInfoLike } from '../media/devices';
import type { MediaDevicesLike, MediaEnvironment } from '../media/environment';
import type { CallPeerLike, CandidateLike, SenderLike } from '../media/peer';

let trackIds = 0;

export class FakeTrack {
  readonly id = `track${String((trackIds += 1))}`;
  enabled = true;
  stopped = false;
  contentHint = '';
  onended: (() => void) | null = null;
  constructor(
    readonly kind: 'audio' | 'video',
    readonly deviceId: string,
  ) {}
  getSettings() {
    return { deviceId: this.deviceId };
  }
  stop() {
    this.stopped = true;
  }
  /** The browser ends the track by itself (its own "Stop sharing"). */
  end() {
    this.stopped = true;
    this.onended?.();
  }
}

export interface FakeStream {
  tracks: FakeTrack[];
  getTracks(): FakeTrack[];
  getAudioTracks(): FakeTrack[];
  getVideoTracks(): FakeTrack[];
}

export function fakeStream(tracks: readonly unknown[]): MediaStream {
  const list = [...tracks] as FakeTrack[];
  const stream: FakeStream = {
    tracks: list,
    getTracks: () => list,
    getAudioTracks: () => list.filter((track) => track.kind === 'audio'),
    getVideoTracks: () => list.filter((track) => track.kind === 'video'),
  };
  return stream as unknown as MediaStream;
}

export const tracksOf = (stream: MediaStream | null | undefined): FakeTrack[] =>
  stream ? (stream as unknown as FakeStream).tracks : [];

export const asTrack = (track: FakeTrack) => track as unknown as MediaStreamTrack;

export const DEVICES: DeviceInfoLike[] = [
  { deviceId: 'cam1', kind: 'videoinput', label: 'Фронтальная камера' },
  { deviceId: 'cam2', kind: 'videoinput', label: 'Основная камера' },
  { deviceId: 'mic1', kind: 'audioinput', label: 'Микрофон' },
  { deviceId: 'mic2', kind: 'audioinput', label: 'Гарнитура' },
];

/** getUserMedia that gives tracks of the devices asked for (cam1, mic1 by default). */
export function fakeDevices() {
  const asked: MediaStreamConstraints[] = [];
  const tracks: FakeTrack[] = [];
  /** Names of errors to throw at the next requests, in turn. */
  const refusals: string[] = [];
  const exact = (c: boolean | MediaTrackConstraints | undefined, fallback: string) =>
    typeof c === 'object' && typeof c.deviceId === 'object' && !Array.isArray(c.deviceId) ? String(c.deviceId.exact) : fallback;
  const devices: MediaDevicesLike = {
    getUserMedia: (constraints) => {
      asked.push(constraints);
      const refusal = refusals.shift();
      if (refusal) return Promise.reject(new DOMException('', refusal));
      const made: FakeTrack[] = [];
      if (constraints.audio) made.push(new FakeTrack('audio', exact(constraints.audio, 'mic1')));
      if (constraints.video) made.push(new FakeTrack('video', exact(constraints.video, 'cam1')));
      tracks.push(...made);
      return Promise.resolve(fakeStream(made));
    },
    enumerateDevices: () => Promise.resolve(DEVICES),
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  };
  return { devices, asked, tracks, refusals };
}

/** getDisplayMedia: a screen track, or a refusal named in `refusals`. */
export function fakeScreen() {
  const shared: FakeTrack[] = [];
  const refusals: string[] = [];
  const screen = () => {
    const refusal = refusals.shift();
    if (refusal) return Promise.reject(new DOMException('', refusal));
    const track = new FakeTrack('video', 'screen');
    shared.push(track);
    return Promise.resolve(fakeStream([track]));
  };
  return { screen, shared, refusals };
}

export class FakeSender implements SenderLike {
  replaced: (MediaStreamTrack | null)[] = [];
  constructor(public track: MediaStreamTrack | null) {}
  replaceTrack(track: MediaStreamTrack | null) {
    this.replaced.push(track);
    this.track = track;
    return Promise.resolve();
  }
}

export interface FakeTransceiver {
  kind: string;
  track: MediaStreamTrack | null;
  init: RTCRtpTransceiverInit;
  codecs: CodecLike[] | null;
  sender: FakeSender;
  setCodecPreferences(codecs: CodecLike[]): void;
}

export class FakeCallPeer implements CallPeerLike {
  connectionState: RTCPeerConnectionState = 'new';
  iceConnectionState: RTCIceConnectionState = 'new';
  transceivers: FakeTransceiver[] = [];
  local: RTCSessionDescriptionInit | null = null;
  remote: RTCSessionDescriptionInit | null = null;
  closed = false;
  offerSdp = 'v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\nm=video 9 UDP/TLS/RTP/SAVPF 96 97\r\n';
  answerSdp = 'v=0\r\nanswer\r\n';
  stats: unknown[] = [];
  onicecandidate: ((event: { candidate: CandidateLike | null }) => void) | null = null;
  ontrack: ((event: { track: MediaStreamTrack; streams: readonly MediaStream[] }) => void) | null = null;
  onconnectionstatechange: (() => void) | null = null;
  oniceconnectionstatechange: (() => void) | null = null;
  constructor(readonly config: RTCConfiguration) {}
  addTransceiver(track: MediaStreamTrack | 'audio' | 'video', init: RTCRtpTransceiverInit) {
    const media = typeof track === 'string' ? null : track;
    const transceiver: FakeTransceiver = {
      kind: typeof track === 'string' ? track : track.kind,
      track: media,
      init,
      codecs: null,
      sender: new FakeSender(media),
      setCodecPreferences(codecs) {
        transceiver.codecs = codecs;
      },
    };
    this.transceivers.push(transceiver);
    return transceiver;
  }
  createOffer() {
    return Promise.resolve({ type: 'offer' as const, sdp: this.offerSdp });
  }
  createAnswer() {
    return Promise.resolve({ type: 'answer' as const, sdp: this.answerSdp });
  }
  setLocalDescription(description: RTCSessionDescriptionInit) {
    this.local = description;
    return Promise.resolve();
  }
  setRemoteDescription(description: RTCSessionDescriptionInit) {
    this.remote = description;
    return Promise.resolve();
  }
  getStats() {
    return Promise.resolve(this.stats);
  }
  close() {
    this.closed = true;
  }
  // The network's side:
  gather(candidate: string | null) {
    this.onicecandidate?.({ candidate: candidate === null ? null : { candidate, sdpMid: '0', sdpMLineIndex: 0 } });
  }
  link(state: RTCPeerConnectionState) {
    this.connectionState = state;
    this.onconnectionstatechange?.();
  }
  /** A remote track arrives (a receiving connection). */
  track(kind: 'audio' | 'video'): FakeTrack {
    const track = new FakeTrack(kind, 'remote');
    this.ontrack?.({ track: asTrack(track), streams: [] });
    return track;
  }
}

/** inbound-rtp counters of a receiving connection: video [bytes, frames, packets] or none, audio [bytes, packets]. */
export function inboundStats(video: [number, number, number] | null, audio: [number, number], rtt = 0.05): unknown[] {
  return [
    ...(video
      ? [{ type: 'inbound-rtp', kind: 'video', bytesReceived: video[0], framesDecoded: video[1], packetsReceived: video[2], packetsLost: 0 }]
      : []),
    { type: 'inbound-rtp', kind: 'audio', bytesReceived: audio[0], packetsReceived: audio[1], packetsLost: 0 },
    { type: 'candidate-pair', nominated: true, state: 'succeeded', currentRoundTripTime: rtt },
  ];
}

/** A clock and timers the test moves on by hand. */
export function fakeClock(start = 1_000) {
  let now = start;
  let next = 0;
  const timers = new Map<number, { fn: () => void; at: number; ms: number }>();
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  return {
    timers,
    now: () => now,
    setTimer: (fn: () => void, ms: number) => {
      next += 1;
      timers.set(next, { fn, at: now + ms, ms });
      return next;
    },
    clearTimer: (timer: unknown) => {
      timers.delete(timer as number);
    },
    /** Moves the clock on, firing the timers that fall due, in order, letting promises settle after each. */
    async advance(ms: number) {
      const until = now + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].fn();
        await settle();
        await settle();
      }
      now = until;
      await settle();
    },
  };
}

export const settle = async (rounds = 3) => {
  for (let i = 0; i < rounds; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
};

/** A whole media environment of fakes (devices, screen, peer connections, clock), for a
 * component that makes calls; `overrides` replace parts of it. */
export function fakeMediaEnvironment(overrides: Partial<MediaEnvironment> = {}) {
  const clock = fakeClock();
  const media = fakeDevices();
  const display = fakeScreen();
  const peers: FakeCallPeer[] = [];
  const env: MediaEnvironment = {
    devices: media.devices,
    screen: display.screen,
    audioContext: null,
    peer: (config) => {
      const peer = new FakeCallPeer(config);
      peers.push(peer);
      return peer;
    },
    codecs: () => null,
    speakerChoice: false,
    newStream: fakeStream,
    now: clock.now,
    setTimer: clock.setTimer,
    clearTimer: clock.clearTimer,
    frame: () => 0,
    cancelFrame: () => undefined,
    ...overrides,
  };
  return { env, clock, media, display, peers };
}
