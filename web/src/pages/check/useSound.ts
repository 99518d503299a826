// Web Audio for the check page: one AudioContext, made (or resumed) on a button press
// because browsers allow sound only after a gesture, and closed when the page goes; and the
// microphone level, painted straight onto the <meter> each animation frame (rising at once,
// falling gently) so that sixty updates a second never re-render the page.
import type { RefObject } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { fallingLevel, HEARD_LEVEL, meterLevel, rms, rmsOfBytes } from '../../media/audio';
import type { MediaEnvironment } from '../../media/environment';

export interface AudioHandle {
  context: AudioContext | null;
  /** The page's context, made or resumed now; call it from a click. Null without Web Audio. */
  ensure: () => AudioContext | null;
}

export function useAudioContext(env: MediaEnvironment): AudioHandle {
  const made = useRef<AudioContext | null>(null);
  const [context, setContext] = useState<AudioContext | null>(null);
  const ensure = useCallback(() => {
    let audio = made.current;
    if (!audio) {
      if (!env.audioContext) return null;
      try {
        audio = env.audioContext();
      } catch {
        return null;
      }
      made.current = audio;
      setContext(audio);
    }
    if (audio.state === 'suspended') audio.resume().catch(() => undefined);
    return audio;
  }, [env]);
  useEffect(
    () => () => {
      made.current?.close().catch(() => undefined);
      made.current = null;
    },
    [],
  );
  return { context, ensure };
}

/** Shows a level on the meter: its value and `data-level` (read by browser tests). */
function paint(meter: HTMLMeterElement | null, level: number): void {
  if (!meter) return;
  meter.value = level;
  meter.dataset.level = String(level);
}

/**
 * Follows the stream's microphone on `meter` while both exist; answers whether the
 * microphone has been heard (once a level passes HEARD_LEVEL, for the words beside it).
 */
export function useMicLevel(
  env: MediaEnvironment,
  context: AudioContext | null,
  stream: MediaStream | null,
  meter: RefObject<HTMLMeterElement | null>,
): boolean {
  const [heard, setHeard] = useState(false);
  useEffect(() => {
    setHeard(false);
    if (!context || !stream || stream.getAudioTracks().length === 0) return;
    let source: MediaStreamAudioSourceNode;
    let analyser: AnalyserNode;
    try {
      source = context.createMediaStreamSource(stream);
      analyser = context.createAnalyser();
      analyser.fftSize = 1024;
      // Silent to the speaker, but pulled by it: some Safari versions process only nodes
      // that lead to the destination.
      const silence = context.createGain();
      silence.gain.value = 0;
      source.connect(analyser).connect(silence).connect(context.destination);
    } catch {
      return; // no level to show; the rest of the check still works
    }
    const floats = new Float32Array(analyser.fftSize);
    const bytes = new Uint8Array(analyser.fftSize);
    const hasFloats = typeof (analyser as Partial<AnalyserNode>).getFloatTimeDomainData === 'function';
    let loud = false;
    let shown = 0;
    let frame: unknown = null;
    const tick = () => {
      let value: number;
      if (hasFloats) {
        analyser.getFloatTimeDomainData(floats);
        value = rms(floats);
      } else {
        analyser.getByteTimeDomainData(bytes);
        value = rmsOfBytes(bytes);
      }
      const level = meterLevel(value);
      shown = fallingLevel(shown, level);
      paint(meter.current, shown);
      if (!loud && level >= HEARD_LEVEL) {
        loud = true;
        setHeard(true);
      }
      frame = env.frame(tick);
    };
    frame = env.frame(tick);
    return () => {
      env.cancelFrame(frame);
      source.disconnect();
      paint(meter.current, 0);
    };
  }, [env, context, stream]);
  return heard;
}
