// The camera and microphone of the check page: asked for only when the person presses the
// button, in the mode they chose (video, or voice only); the devices to choose from (their
// names come with permission); another device, or another mode, restarts the stream.
// Owns the stream: its tracks stop on a restart, on "chat only" and when the page goes.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import {
  devicesOfKind,
  mediaConstraints,
  mediaProblem,
  type CallMode,
  type ChosenDevices,
  type DeviceChoice,
  type MediaProblem,
} from '../../media/devices';
import type { MediaEnvironment } from '../../media/environment';

/** `chat`: the person chose to use the chat only. */
export type LocalStatus = 'idle' | 'asking' | 'ready' | 'chat' | MediaProblem;

export interface LocalMedia {
  status: LocalStatus;
  mode: CallMode;
  stream: MediaStream | null;
  cameras: DeviceChoice[];
  mics: DeviceChoice[];
  speakers: DeviceChoice[];
  cameraId: string;
  micId: string;
  /** Asks for the camera (unless voice only) and microphone. */
  start: (mode?: CallMode) => void;
  /** Chooses the mode; once the devices are on, restarts them in it. */
  changeMode: (mode: CallMode) => void;
  chooseCamera: (id: string) => void;
  chooseMic: (id: string) => void;
  chooseChat: () => void;
}

function stopTracks(stream: MediaStream | null): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

function deviceOf(track: MediaStreamTrack | undefined): string | undefined {
  return track?.getSettings().deviceId;
}

export function useLocalMedia(env: MediaEnvironment): LocalMedia {
  const [status, setStatus] = useState<LocalStatus>('idle');
  const [mode, setMode] = useState<CallMode>('video');
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [devices, setDevices] = useState<{ cameras: DeviceChoice[]; mics: DeviceChoice[]; speakers: DeviceChoice[] }>(
    { cameras: [], mics: [], speakers: [] },
  );
  const [chosen, setChosen] = useState<{ cameraId: string; micId: string }>({ cameraId: '', micId: '' });
  const current = useRef<MediaStream | null>(null);
  const attempt = useRef(0);

  const listDevices = useCallback(async () => {
    try {
      const all = (await env.devices?.enumerateDevices()) ?? [];
      setDevices({
        cameras: devicesOfKind(all, 'videoinput'),
        mics: devicesOfKind(all, 'audioinput'),
        speakers: devicesOfKind(all, 'audiooutput'),
      });
    } catch {
      // Without the list the default devices are used; nothing to tell.
    }
  }, [env]);

  const release = () => {
    stopTracks(current.current);
    current.current = null;
    setStream(null);
  };

  const open = useCallback(
    async (nextMode: CallMode, devicesWanted: ChosenDevices) => {
      const id = ++attempt.current;
      setMode(nextMode);
      release(); // before asking again: a phone cannot open its camera twice
      if (!env.devices) {
        setStatus('unsupported');
        return;
      }
      // A device switch keeps the controls in place (and the focus on them).
      setStatus((before) => (before === 'ready' ? 'ready' : 'asking'));
      try {
        const next = await env.devices.getUserMedia(mediaConstraints(nextMode, devicesWanted));
        if (id !== attempt.current) {
          stopTracks(next);
          return;
        }
        current.current = next;
        setStream(next);
        setChosen({
          cameraId: deviceOf(next.getVideoTracks()[0]) ?? devicesWanted.cameraId ?? '',
          micId: deviceOf(next.getAudioTracks()[0]) ?? devicesWanted.micId ?? '',
        });
        setStatus('ready');
        await listDevices();
      } catch (error) {
        if (id === attempt.current) setStatus(mediaProblem(error));
      }
    },
    [env, listDevices],
  );

  // The list changes when a headset or camera is plugged in or out.
  useEffect(() => {
    const mediaDevices = env.devices;
    if (!mediaDevices || status !== 'ready') return;
    const changed = () => {
      void listDevices();
    };
    mediaDevices.addEventListener('devicechange', changed);
    return () => {
      mediaDevices.removeEventListener('devicechange', changed);
    };
  }, [env, status === 'ready', listDevices]);

  // Leaving the page turns the camera and microphone off.
  useEffect(
    () => () => {
      attempt.current += 1;
      stopTracks(current.current);
      current.current = null;
    },
    [],
  );

  const ready = status === 'ready';
  return {
    status,
    mode,
    stream,
    ...devices,
    ...chosen,
    start: (nextMode = mode) => void open(nextMode, {}),
    changeMode: (nextMode) => {
      if (ready) void open(nextMode, { micId: chosen.micId });
      else setMode(nextMode);
    },
    chooseCamera: (cameraId) => void open(mode, { cameraId, micId: chosen.micId }),
    chooseMic: (micId) => void open(mode, { cameraId: chosen.cameraId, micId }),
    chooseChat: () => {
      attempt.current += 1;
      release();
      setStatus('chat');
    },
  };
}
