// What a person sends in a call: their microphone and, in a video call, their camera or the
// screen they share. The tracks ride the publication's senders and are swapped there
// (replaceTrack) — muting, the camera off and on, another device, sharing and its end — so
// the server never needs a new offer. A camera turned off is stopped (its light goes out and
// nothing is sent); muting only disables the microphone's track, so unmuting is instant.
// The call's fallback (fallback.ts) lowers what is carried: at 'audio' the picture's sender
// carries nothing, at 'chat' the voice's neither; the tracks stay open to come back at once.
// Owns the tracks: stop() stops every one. Device requests run one at a time, in order.
import {
  devicesOfKind,
  mediaConstraints,
  mediaProblem,
  type CallMode,
  type DeviceChoice,
  type MediaProblem,
} from './devices';
import type { MediaDevicesLike } from './environment';
import type { SenderLike } from './peer';

export interface OutgoingDeps {
  devices: MediaDevicesLike;
  /** getDisplayMedia, where the browser can share a screen. */
  screen: (() => Promise<MediaStream>) | null;
  newStream: (tracks: MediaStreamTrack[]) => MediaStream;
}

/** Something asked for in the call did not work (the call itself goes on). */
export type OutgoingNotice = 'camera' | 'mic' | 'share';

export interface OutgoingState {
  mode: CallMode;
  muted: boolean;
  /** The camera is off (video calls only). */
  cameraOff: boolean;
  sharing: boolean;
  /** What the local preview shows: the camera, or the shared screen; null for none. */
  preview: MediaStream | null;
  cameras: DeviceChoice[];
  mics: DeviceChoice[];
  cameraId: string;
  micId: string;
  notice: OutgoingNotice | null;
}

export const NOTHING_SENT: OutgoingState = {
  mode: 'video',
  muted: false,
  cameraOff: false,
  sharing: false,
  preview: null,
  cameras: [],
  mics: [],
  cameraId: '',
  micId: '',
  notice: null,
};

function stopAll(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}

/** A refusal that means the person changed their mind (cancelled the screen picker). */
function cancelled(error: unknown): boolean {
  const name = typeof error === 'object' && error !== null && 'name' in error ? error.name : undefined;
  return name === 'NotAllowedError' || name === 'AbortError';
}

export class Outgoing {
  private stateValue: OutgoingState = NOTHING_SENT;
  private mic: MediaStreamTrack | null = null;
  private camera: MediaStreamTrack | null = null;
  private screen: MediaStreamTrack | null = null;
  private audioSender: SenderLike | null = null;
  private videoSender: SenderLike | null = null;
  /** The fallback's level: what the senders may carry. */
  private carried: 'video' | 'audio' | 'chat' = 'video';
  /** Bumped by stop(): device answers that arrive after it are stopped, not used. */
  private generation = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: OutgoingDeps,
    private readonly onChange: (state: OutgoingState) => void,
  ) {}

  get state(): OutgoingState {
    return this.stateValue;
  }

  get canShare(): boolean {
    return this.deps.screen !== null;
  }

  /** Turns on the microphone, and the camera for a video call; the problem if it could not. */
  async open(mode: CallMode): Promise<MediaProblem | null> {
    this.stop();
    const generation = this.generation;
    const { cameraId, micId } = this.stateValue;
    this.set({ mode });
    let stream: MediaStream;
    try {
      stream = await this.deps.devices.getUserMedia(
        mediaConstraints(mode, { cameraId: cameraId || undefined, micId: micId || undefined }, 'call'),
      );
    } catch (error) {
      return generation === this.generation ? mediaProblem(error) : null;
    }
    if (generation !== this.generation) {
      stopAll(stream);
      return null;
    }
    const mic = stream.getAudioTracks()[0] ?? null;
    if (!mic) {
      stopAll(stream);
      return 'notFound';
    }
    this.mic = mic;
    this.camera = mode === 'video' ? (stream.getVideoTracks()[0] ?? null) : null;
    this.set({
      micId: mic.getSettings().deviceId ?? micId,
      cameraId: this.camera?.getSettings().deviceId ?? cameraId,
      cameraOff: mode === 'video' && !this.camera,
      preview: this.camera ? this.deps.newStream([this.camera]) : null,
    });
    void this.listDevices(generation);
    return null;
  }

  /** What the senders carry now: the microphone, and the screen, the camera or nothing. */
  tracks(): { audio: MediaStreamTrack | null; video: MediaStreamTrack | null } {
    return { audio: this.audioTrack(), video: this.videoTrack() };
  }

  /** The fallback's level: 'audio' sends no picture, 'chat' no voice either; 'video' all. */
  carry(level: 'video' | 'audio' | 'chat'): Promise<void> {
    if (level === this.carried) return Promise.resolve();
    this.carried = level;
    return this.serial(async () => {
      await this.audioSender?.replaceTrack(this.audioTrack()).catch(() => undefined);
      await this.sendVideo();
    });
  }

  /** The senders of a new publication (each join), or none between publications. */
  bind(audio: SenderLike | null, video: SenderLike | null): void {
    this.audioSender = audio;
    this.videoSender = video;
  }

  setMuted(muted: boolean): void {
    if (this.mic) this.mic.enabled = !muted;
    this.set({ muted });
  }

  setCameraOff(off: boolean): Promise<void> {
    return this.serial(async (generation) => {
      if (this.stateValue.mode !== 'video' || off === this.stateValue.cameraOff) return;
      if (off) {
        this.camera?.stop();
        this.camera = null;
        this.set({ cameraOff: true, preview: this.previewOf(this.screen), notice: null });
        await this.sendVideo();
        return;
      }
      const camera = await this.openCamera(generation, this.stateValue.cameraId);
      if (generation !== this.generation) return;
      if (!camera) {
        this.set({ notice: 'camera' });
        return;
      }
      this.camera = camera;
      this.set({ cameraOff: false, preview: this.previewOf(this.screen ?? camera), notice: null });
      await this.sendVideo();
    });
  }

  chooseCamera(id: string): Promise<void> {
    return this.serial(async (generation) => {
      if (this.stateValue.mode !== 'video') return;
      this.set({ cameraId: id });
      if (this.stateValue.cameraOff) return; // used when the camera is turned on
      this.camera?.stop(); // a phone cannot open a second camera while one is open
      this.camera = null;
      const camera = (await this.openCamera(generation, id)) ?? (await this.openCamera(generation, ''));
      if (generation !== this.generation) return;
      this.camera = camera;
      this.set(
        camera
          ? { cameraId: camera.getSettings().deviceId ?? id, preview: this.previewOf(this.screen ?? camera), notice: null }
          : { cameraOff: true, preview: this.previewOf(this.screen), notice: 'camera' },
      );
      await this.sendVideo();
    });
  }

  chooseMic(id: string): Promise<void> {
    return this.serial(async (generation) => {
      this.set({ micId: id });
      this.mic?.stop();
      this.mic = null;
      const mic = (await this.openMic(generation, id)) ?? (await this.openMic(generation, ''));
      if (generation !== this.generation) return;
      this.mic = mic;
      if (mic) mic.enabled = !this.stateValue.muted;
      this.set(mic ? { micId: mic.getSettings().deviceId ?? id, notice: null } : { notice: 'mic' });
      await this.audioSender?.replaceTrack(this.audioTrack()).catch(() => undefined);
    });
  }

  /** Shares a screen or window in place of the camera, until stopSharing() or the browser's own stop. */
  share(): Promise<void> {
    return this.serial(async (generation) => {
      const ask = this.deps.screen;
      if (!ask || this.stateValue.mode !== 'video' || this.screen) return;
      let stream: MediaStream;
      try {
        stream = await ask();
      } catch (error) {
        if (generation === this.generation) this.set({ notice: cancelled(error) ? null : 'share' });
        return;
      }
      const track = stream.getVideoTracks()[0];
      if (generation !== this.generation || !track) {
        stopAll(stream);
        return;
      }
      for (const other of stream.getTracks()) if (other !== track) other.stop();
      if ('contentHint' in track) track.contentHint = 'detail'; // a document: sharp text over smooth motion
      // The browser's own "Stop sharing" button, or the shared window closed.
      track.onended = () => {
        void this.stopSharing();
      };
      this.screen = track;
      this.set({ sharing: true, preview: this.previewOf(track), notice: null });
      await this.sendVideo();
    });
  }

  /** Back to the camera (or to nothing, if it is off). */
  stopSharing(): Promise<void> {
    return this.serial(async () => {
      const track = this.screen;
      if (!track) return;
      track.onended = null;
      track.stop();
      this.screen = null;
      this.set({ sharing: false, preview: this.previewOf(this.camera) });
      await this.sendVideo();
    });
  }

  /** Stops every track; the devices chosen are kept for the next call. */
  stop(): void {
    this.generation += 1;
    this.queue = Promise.resolve();
    if (this.screen) this.screen.onended = null;
    for (const track of [this.mic, this.camera, this.screen]) track?.stop();
    this.mic = this.camera = this.screen = null;
    this.audioSender = this.videoSender = null;
    this.carried = 'video';
    const { cameras, mics, cameraId, micId } = this.stateValue;
    this.set({ ...NOTHING_SENT, cameras, mics, cameraId, micId });
  }

  // ── helpers ───────────────────────────────────────────────────────────────────

  private audioTrack(): MediaStreamTrack | null {
    return this.carried === 'chat' ? null : this.mic;
  }

  private videoTrack(): MediaStreamTrack | null {
    if (this.carried !== 'video') return null;
    return this.screen ?? (this.stateValue.cameraOff ? null : this.camera);
  }

  private previewOf(track: MediaStreamTrack | null): MediaStream | null {
    return track ? this.deps.newStream([track]) : null;
  }

  private async sendVideo(): Promise<void> {
    await this.videoSender?.replaceTrack(this.videoTrack()).catch(() => undefined);
  }

  private async openCamera(generation: number, id: string): Promise<MediaStreamTrack | null> {
    const { video } = mediaConstraints('video', { cameraId: id || undefined }, 'call');
    return this.openTrack(generation, { video, audio: false }, 'video');
  }

  private async openMic(generation: number, id: string): Promise<MediaStreamTrack | null> {
    const { audio } = mediaConstraints('audio', { micId: id || undefined });
    return this.openTrack(generation, { audio, video: false }, 'audio');
  }

  private async openTrack(
    generation: number,
    constraints: MediaStreamConstraints,
    kind: 'audio' | 'video',
  ): Promise<MediaStreamTrack | null> {
    try {
      const stream = await this.deps.devices.getUserMedia(constraints);
      const track = (kind === 'audio' ? stream.getAudioTracks() : stream.getVideoTracks())[0] ?? null;
      if (generation !== this.generation) {
        stopAll(stream);
        return null;
      }
      return track;
    } catch {
      return null;
    }
  }

  private async listDevices(generation: number): Promise<void> {
    try {
      const all = await this.deps.devices.enumerateDevices();
      if (generation !== this.generation) return;
      this.set({ cameras: devicesOfKind(all, 'videoinput'), mics: devicesOfKind(all, 'audioinput') });
    } catch {
      // Without the list the devices in use stay; nothing to tell.
    }
  }

  /** Runs device requests one after another; each is told the generation it started in. */
  private serial(task: (generation: number) => Promise<void>): Promise<void> {
    const generation = this.generation;
    const next = this.queue.then(() => (generation === this.generation ? task(generation) : undefined));
    this.queue = next.catch(() => undefined);
    return this.queue;
  }

  private set(patch: Partial<OutgoingState>): void {
    this.stateValue = { ...this.stateValue, ...patch };
    this.onChange(this.stateValue);
  }
}
