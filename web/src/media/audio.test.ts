// The level meter's arithmetic and the speaker test's tone, on a fake audio graph.
import { describe, expect, it } from 'vitest';
import { fallingLevel, HEARD_LEVEL, meterLevel, playTone, rms, rmsOfBytes, TONE_HZ, TONE_SECONDS } from './audio';

describe('rms', () => {
  it('is 0 for silence and for no samples', () => {
    expect(rms(new Float32Array(256))).toBe(0);
    expect(rms(new Float32Array(0))).toBe(0);
    expect(rmsOfBytes(new Uint8Array(256).fill(128))).toBe(0);
    expect(rmsOfBytes(new Uint8Array(0))).toBe(0);
  });

  it('is the amplitude for a full square wave, and amplitude/√2 for a sine', () => {
    expect(rms(Float32Array.from({ length: 100 }, (_, i) => (i % 2 ? 0.5 : -0.5)))).toBeCloseTo(0.5, 6);
    const sine = Float32Array.from({ length: 1000 }, (_, i) => 0.2 * Math.sin((2 * Math.PI * i) / 100));
    expect(rms(sine)).toBeCloseTo(0.2 / Math.SQRT2, 4);
  });

  it('reads bytes centred on 128', () => {
    expect(rmsOfBytes(Uint8Array.from({ length: 100 }, (_, i) => (i % 2 ? 192 : 64)))).toBeCloseTo(0.5, 6);
  });
});

describe('meterLevel', () => {
  it('maps RMS onto 0..1 with three decimals', () => {
    expect(meterLevel(0)).toBe(0);
    expect(meterLevel(-1)).toBe(0);
    expect(meterLevel(Number.NaN)).toBe(0);
    expect(meterLevel(0.0001234)).toBe(0.001);
    expect(meterLevel(0.1)).toBe(0.5);
    expect(meterLevel(0.9)).toBe(1);
  });

  it('shows a quiet voice as heard and a room hum as not', () => {
    expect(meterLevel(0.03)).toBeGreaterThanOrEqual(HEARD_LEVEL);
    expect(meterLevel(0.005)).toBeLessThan(HEARD_LEVEL);
  });
});

describe('fallingLevel', () => {
  it('rises at once and falls gently to the level', () => {
    expect(fallingLevel(0, 0.6)).toBe(0.6);
    expect(fallingLevel(0.5, 0.2)).toBe(0.46);
    let shown = 1;
    let frames = 0;
    while (shown > 0.1) {
      shown = fallingLevel(shown, 0);
      frames += 1;
    }
    expect(frames).toBeGreaterThan(20); // about 0.4–0.5 s at 60 frames a second
    expect(frames).toBeLessThan(40);
    for (let i = 0; i < 100; i += 1) shown = fallingLevel(shown, 0);
    expect(shown).toBe(0);
  });
});

describe('playTone', () => {
  it('plays one soft 440 Hz sine of about 0.6 s into the destination', () => {
    const started: number[] = [];
    const stopped: number[] = [];
    const peaks: number[] = [];
    const connected: unknown[] = [];
    const destination = { name: 'speaker' };
    const node = <T extends object>(extra: T) => ({
      connect(next: unknown) {
        connected.push(next);
        return next;
      },
      ...extra,
    });
    const gain = node({
      gain: {
        setValueAtTime: (value: number) => peaks.push(value),
        exponentialRampToValueAtTime: (value: number) => peaks.push(value),
      },
    });
    const tone = node({
      type: '',
      frequency: { value: 0 },
      start: (at: number) => started.push(at),
      stop: (at: number) => stopped.push(at),
    });
    const context = {
      currentTime: 5,
      destination: { name: 'default' },
      createOscillator: () => tone,
      createGain: () => gain,
    } as unknown as BaseAudioContext;
    playTone(context, destination as unknown as AudioNode);
    expect(tone.frequency.value).toBe(TONE_HZ);
    expect(tone.type).toBe('sine');
    expect(connected).toEqual([gain, destination]);
    expect(started).toHaveLength(1);
    expect((stopped[0] ?? 0) - (started[0] ?? 0)).toBeCloseTo(TONE_SECONDS, 1);
    expect(Math.max(...peaks)).toBeLessThanOrEqual(0.25);
  });
});
