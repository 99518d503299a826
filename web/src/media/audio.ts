// Sound for the device check: the microphone's level from an AnalyserNode's time-domain
// data, and the speaker test's tone (made here, no audio file).

/** RMS of samples in -1..1 (AnalyserNode.getFloatTimeDomainData). */
export function rms(samples: Float32Array): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (const value of samples) sum += value * value;
  return Math.sqrt(sum / samples.length);
}

/** RMS of bytes centred on 128 (getByteTimeDomainData, where the float form is missing). */
export function rmsOfBytes(samples: Uint8Array): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (const byte of samples) {
    const value = (byte - 128) / 128;
    sum += value * value;
  }
  return Math.sqrt(sum / samples.length);
}

/**
 * Speech close to a phone has an RMS of about 0.05–0.2: scaled by this, a normal voice
 * fills a third to all of the meter, so a worried person sees it move.
 */
export const LEVEL_GAIN = 5;
/** A meter level that means the microphone hears something more than the room's hum. */
export const HEARD_LEVEL = 0.1;

/** The meter's value for an RMS: 0..1, three decimals. */
export function meterLevel(value: number): number {
  if (!Number.isFinite(value) || value <= 0) return 0;
  return Math.round(Math.min(1, value * LEVEL_GAIN) * 1000) / 1000;
}

/** Each animation frame the meter falls to this share of what it showed: full to quiet in about 0.5 s. */
export const METER_FALL = 0.92;

/**
 * What the meter shows next: a louder level at once, a quieter one by a gentle fall, as
 * sound meters do — so a word does not flicker past, and a short pause does not read as 0.
 */
export function fallingLevel(shown: number, level: number): number {
  const fallen = Math.floor(shown * METER_FALL * 1000) / 1000;
  return Math.max(level, fallen);
}

export const TONE_HZ = 440;
export const TONE_SECONDS = 0.6;
const TONE_GAIN = 0.2;

/** Plays a soft 440 Hz sine for 0.6 s into `destination`, faded in and out so it does not click. */
export function playTone(context: BaseAudioContext, destination: AudioNode = context.destination): void {
  const at = context.currentTime + 0.02;
  const tone = context.createOscillator();
  const gain = context.createGain();
  tone.type = 'sine';
  tone.frequency.value = TONE_HZ;
  gain.gain.setValueAtTime(0.0001, at);
  gain.gain.exponentialRampToValueAtTime(TONE_GAIN, at + 0.05);
  gain.gain.setValueAtTime(TONE_GAIN, at + TONE_SECONDS - 0.1);
  gain.gain.exponentialRampToValueAtTime(0.0001, at + TONE_SECONDS);
  tone.connect(gain).connect(destination);
  tone.start(at);
  tone.stop(at + TONE_SECONDS + 0.02);
}
