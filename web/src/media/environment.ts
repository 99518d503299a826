// What the device check and calls take from the browser, in one place: the camera and
// microphone, sharing the screen, Web Audio, peer connections and the codecs they receive,
// sending sound to a chosen speaker, the clock, timers and animation frames. Screens read it from MediaContext, so
// their tests provide fakes (jsdom has none of these); the app uses browserMedia().
// A missing piece is null: the page then says what this browser cannot do.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { CodecLike, MediaKind } from './codecs';
import type { DeviceInfoLike } from './devices';
import type { CallPeerLike } from './peer';

/** What the check uses of navigator.mediaDevices. */
export interface MediaDevicesLike {
  getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream>;
  enumerateDevices(): Promise<DeviceInfoLike[]>;
  addEventListener(type: 'devicechange', listener: () => void): void;
  removeEventListener(type: 'devicechange', listener: () => void): void;
}

export interface MediaEnvironment {
  /** Null where getUserMedia is missing (an old browser, or a page not served over https). */
  devices: MediaDevicesLike | null;
  /** Asks to share the screen or a window (getDisplayMedia); missing on most phones. */
  screen?: (() => Promise<MediaStream>) | null;
  audioContext: (() => AudioContext) | null;
  peer: ((config: RTCConfiguration) => CallPeerLike) | null;
  /** The codecs the browser can receive of a kind, where it says. */
  codecs: (kind: MediaKind) => readonly CodecLike[] | null;
  /** Media elements can be sent to a chosen speaker (HTMLMediaElement.setSinkId). */
  speakerChoice: boolean;
  newStream?: (tracks: MediaStreamTrack[]) => MediaStream;
  now: () => number;
  setTimer: (fn: () => void, ms: number) => unknown;
  clearTimer: (timer: unknown) => void;
  frame: (fn: () => void) => unknown;
  cancelFrame: (frame: unknown) => void;
}

type AudioContextClass = new () => AudioContext;

/** The browser's own, read once. */
export function browserMedia(): MediaEnvironment {
  const scope = globalThis as Partial<typeof globalThis> & { webkitAudioContext?: AudioContextClass };
  const mediaDevices = (scope.navigator as Partial<Navigator> | undefined)?.mediaDevices as
    | Partial<MediaDevices>
    | undefined;
  const AudioContextType = scope.AudioContext ?? scope.webkitAudioContext; // Safari before 14.5
  const Peer = scope.RTCPeerConnection;
  const Receiver = scope.RTCRtpReceiver as
    | { getCapabilities?: (kind: string) => { codecs: CodecLike[] } | null }
    | undefined;
  const Stream = scope.MediaStream;
  const frame = scope.requestAnimationFrame?.bind(scope);
  const display = mediaDevices?.getDisplayMedia?.bind(mediaDevices);
  return {
    devices: typeof mediaDevices?.getUserMedia === 'function' ? (mediaDevices as MediaDevicesLike) : null,
    screen: display ? () => display({ video: true, audio: false }) : null,
    audioContext: AudioContextType ? () => new AudioContextType() : null,
    peer: Peer ? (config) => new Peer(config) as unknown as CallPeerLike : null,
    codecs: (kind) => Receiver?.getCapabilities?.(kind)?.codecs ?? null,
    speakerChoice: scope.HTMLMediaElement !== undefined && 'setSinkId' in scope.HTMLMediaElement.prototype,
    ...(Stream ? { newStream: (tracks: MediaStreamTrack[]) => new Stream(tracks) } : {}),
    now: () => Date.now(),
    setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (timer) => {
      clearTimeout(timer as ReturnType<typeof setTimeout>);
    },
    frame: frame ?? ((fn) => setTimeout(fn, 50)),
    cancelFrame: (id) => {
      if (frame) cancelAnimationFrame(id as number);
      else clearTimeout(id as ReturnType<typeof setTimeout>);
    },
  };
}

export const MediaContext = createContext<MediaEnvironment | null>(null);

let browser: MediaEnvironment | null = null;

export function useMediaEnvironment(): MediaEnvironment {
  const provided = useContext(MediaContext);
  return provided ?? (browser ??= browserMedia());
}
