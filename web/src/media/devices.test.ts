// Constraints per mode and chosen device, what each getUserMedia refusal means, and the
// device lists.
import { describe, expect, it } from 'vitest';
import { devicesOfKind, mediaConstraints, mediaProblem } from './devices';

describe('mediaConstraints', () => {
  it('asks for the front camera and the microphone by default', () => {
    const constraints = mediaConstraints('video');
    expect(constraints.audio).toMatchObject({ echoCancellation: true, noiseSuppression: true });
    expect(constraints.video).toMatchObject({ facingMode: 'user', width: { ideal: 640 } });
  });

  it('asks for the chosen devices exactly', () => {
    const constraints = mediaConstraints('video', { cameraId: 'cam2', micId: 'mic3' });
    expect(constraints.video).toMatchObject({ deviceId: { exact: 'cam2' } });
    expect(constraints.video).not.toHaveProperty('facingMode');
    expect(constraints.audio).toMatchObject({ deviceId: { exact: 'mic3' } });
  });

  it('asks for 720p in a call, to send at 720p, 360p and 180p', () => {
    expect(mediaConstraints('video', {}, 'call').video).toMatchObject({ width: { ideal: 1280 }, height: { ideal: 720 } });
  });

  it('asks for no camera by voice only', () => {
    expect(mediaConstraints('audio', { cameraId: 'cam2' }).video).toBe(false);
  });
});

describe('mediaProblem', () => {
  const named = (name: string) => new DOMException('', name);

  it('tells a refusal from a missing or busy device', () => {
    expect(mediaProblem(named('NotAllowedError'))).toBe('denied');
    expect(mediaProblem(named('SecurityError'))).toBe('denied');
    expect(mediaProblem({ name: 'PermissionDeniedError' })).toBe('denied');
    expect(mediaProblem(named('NotFoundError'))).toBe('notFound');
    expect(mediaProblem({ name: 'OverconstrainedError', constraint: 'deviceId' })).toBe('notFound');
    expect(mediaProblem(named('NotReadableError'))).toBe('inUse');
    expect(mediaProblem(named('AbortError'))).toBe('inUse');
  });

  it('calls anything else a failure', () => {
    expect(mediaProblem(new TypeError('constraints'))).toBe('failed');
    expect(mediaProblem(named('toString'))).toBe('failed');
    expect(mediaProblem(undefined)).toBe('failed');
    expect(mediaProblem('NotAllowedError')).toBe('failed');
  });
});

describe('devicesOfKind', () => {
  it('lists the devices of a kind once each, in order', () => {
    const devices = [
      { deviceId: 'default', kind: 'audioinput', label: 'По умолчанию — Микрофон' },
      { deviceId: 'cam1', kind: 'videoinput', label: 'Фронтальная камера' },
      { deviceId: 'mic1', kind: 'audioinput', label: 'Микрофон' },
      { deviceId: 'mic1', kind: 'audioinput', label: 'Микрофон' },
      { deviceId: '', kind: 'audioinput', label: '' }, // no permission yet, nothing to choose
      { deviceId: 'spk1', kind: 'audiooutput', label: 'Динамик' },
    ];
    expect(devicesOfKind(devices, 'audioinput')).toEqual([
      { id: 'default', label: 'По умолчанию — Микрофон' },
      { id: 'mic1', label: 'Микрофон' },
    ]);
    expect(devicesOfKind(devices, 'videoinput')).toEqual([{ id: 'cam1', label: 'Фронтальная камера' }]);
    expect(devicesOfKind(devices, 'audiooutput')).toEqual([{ id: 'spk1', label: 'Динамик' }]);
  });
});
