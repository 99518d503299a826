// Asking for the camera and microphone: the constraints for a mode and the chosen devices,
// what a refusal means (so the page can say what to do), and the device lists.

/** How the person wants to talk: with their picture, or by voice only. */
export type CallMode = 'video' | 'audio';

/** Why the camera and microphone could not be used. */
export type MediaProblem = 'denied' | 'notFound' | 'inUse' | 'unsupported' | 'failed';

export interface ChosenDevices {
  cameraId?: string | undefined;
  micId?: string | undefined;
}

/** The picture's size: modest for the device check (a phone on a weak link sends it twice
 * during the echo test), 720p in a call, where simulcast sends it at 720p, 360p and 180p and
 * each receiver gets the layer its tile and link carry (layers.ts). */
export type PictureSize = 'check' | 'call';

const SIZES: Record<PictureSize, { width: number; height: number }> = {
  check: { width: 640, height: 480 },
  call: { width: 1280, height: 720 },
};

/**
 * What to ask getUserMedia for: the picture at `size`, the front camera unless one was chosen.
 */
export function mediaConstraints(
  mode: CallMode,
  { cameraId, micId }: ChosenDevices = {},
  size: PictureSize = 'check',
): MediaStreamConstraints {
  const audio: MediaTrackConstraints = { echoCancellation: true, noiseSuppression: true, autoGainControl: true };
  if (micId) audio.deviceId = { exact: micId };
  if (mode === 'audio') return { audio, video: false };
  const video: MediaTrackConstraints = {
    width: { ideal: SIZES[size].width },
    height: { ideal: SIZES[size].height },
    frameRate: { ideal: 24, max: 30 },
  };
  if (cameraId) video.deviceId = { exact: cameraId };
  else video.facingMode = 'user';
  return { audio, video };
}

const PROBLEMS = new Map<string, MediaProblem>([
  ['NotAllowedError', 'denied'],
  ['SecurityError', 'denied'],
  ['PermissionDeniedError', 'denied'], // Chrome before 64
  ['NotFoundError', 'notFound'],
  ['DevicesNotFoundError', 'notFound'],
  ['OverconstrainedError', 'notFound'], // a chosen device is gone
  ['ConstraintNotSatisfiedError', 'notFound'],
  ['NotReadableError', 'inUse'],
  ['TrackStartError', 'inUse'],
  ['AbortError', 'inUse'],
]);

/** What a getUserMedia rejection means for the person. */
export function mediaProblem(error: unknown): MediaProblem {
  const name = typeof error === 'object' && error !== null && 'name' in error ? error.name : undefined;
  return (typeof name === 'string' && PROBLEMS.get(name)) || 'failed';
}

/** A device as enumerateDevices() lists it. */
export interface DeviceInfoLike {
  deviceId: string;
  kind: string;
  label: string;
}

export interface DeviceChoice {
  id: string;
  /** Empty before permission is given (the page then numbers them). */
  label: string;
}

/** The devices of one kind, each once (browsers may list a device id twice). */
export function devicesOfKind(devices: readonly DeviceInfoLike[], kind: MediaDeviceKind): DeviceChoice[] {
  const seen = new Set<string>();
  const out: DeviceChoice[] = [];
  for (const device of devices) {
    if (device.kind !== kind || !device.deviceId || seen.has(device.deviceId)) continue;
    seen.add(device.deviceId);
    out.push({ id: device.deviceId, label: device.label });
  }
  return out;
}
