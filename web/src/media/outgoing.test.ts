// What a person sends, apart from the call: device requests that fail (the call goes on,
// with a notice), answers that come after the call ended (stopped at once), and the
// camera and the shared screen on the one video sender; the fallback's level on both.
import { describe, expect, it } from 'vitest';
import { fakeDevices, fakeScreen, FakeSender, fakeStream, settle, tracksOf } from '../testing/media';
import type { MediaDevicesLike } from './environment';
import { Outgoing } from './outgoing';

function setUp(devices: MediaDevicesLike = fakeDevices().devices) {
  const display = fakeScreen();
  const outgoing = new Outgoing({ devices, screen: display.screen, newStream: fakeStream }, () => undefined);
  const voice = new FakeSender(null);
  const picture = new FakeSender(null);
  return { outgoing, display, voice, picture };
}

describe('Outgoing', () => {
  it('says why the devices could not be opened, and needs a microphone', async () => {
    const media = fakeDevices();
    media.refusals.push('NotReadableError');
    expect(await setUp(media.devices).outgoing.open('video')).toBe('inUse');
    const silent: MediaDevicesLike = { ...media.devices, getUserMedia: () => Promise.resolve(fakeStream([])) };
    expect(await setUp(silent).outgoing.open('audio')).toBe('notFound');
  });

  it('stops what the browser gives after the call ended', async () => {
    const media = fakeDevices();
    const { outgoing } = setUp(media.devices);
    const opening = outgoing.open('video');
    outgoing.stop();
    expect(await opening).toBeNull();
    expect(media.tracks.length).toBe(2);
    expect(media.tracks.every((t) => t.stopped)).toBe(true);
    expect(outgoing.tracks()).toEqual({ audio: null, video: null });
  });

  it('falls back to the default camera, then to none with a notice', async () => {
    const media = fakeDevices();
    const { outgoing, picture } = setUp(media.devices);
    await outgoing.open('video');
    outgoing.bind(null, picture);
    media.refusals.push('OverconstrainedError');
    await outgoing.chooseCamera('cam2');
    expect(picture.replaced.at(-1)).toMatchObject({ deviceId: 'cam1' });
    expect(outgoing.state.notice).toBeNull();
    media.refusals.push('NotReadableError', 'NotReadableError');
    await outgoing.chooseCamera('cam2');
    expect(picture.replaced.at(-1)).toBeNull();
    expect(outgoing.state).toMatchObject({ cameraOff: true, notice: 'camera', preview: null });
    media.refusals.push('NotAllowedError');
    await outgoing.setCameraOff(false);
    expect(outgoing.state).toMatchObject({ cameraOff: true, notice: 'camera' });
  });

  it('says when no microphone could be opened', async () => {
    const media = fakeDevices();
    const { outgoing, voice } = setUp(media.devices);
    await outgoing.open('audio');
    outgoing.bind(voice, null);
    media.refusals.push('NotReadableError', 'NotReadableError');
    await outgoing.chooseMic('mic2');
    expect(voice.replaced).toEqual([null]);
    expect(outgoing.state.notice).toBe('mic');
  });

  it('keeps the shared screen on the sender while the camera goes off and on, then returns to what is left', async () => {
    const media = fakeDevices();
    const { outgoing, picture, display } = setUp(media.devices);
    await outgoing.open('video');
    outgoing.bind(null, picture);
    await outgoing.share();
    const screen = display.shared[0];
    await outgoing.setCameraOff(true);
    await outgoing.setCameraOff(false);
    await outgoing.setCameraOff(true);
    expect(picture.replaced.every((track) => (track as unknown) === screen)).toBe(true);
    expect(tracksOf(outgoing.state.preview)).toEqual([screen]);
    await outgoing.stopSharing();
    expect(picture.replaced.at(-1)).toBeNull();
    expect(screen?.stopped).toBe(true);
    expect(outgoing.state).toMatchObject({ sharing: false, preview: null });
  });

  it('shares nothing in a call by voice only', async () => {
    const { outgoing, display } = setUp();
    await outgoing.open('audio');
    await outgoing.share();
    await settle();
    expect(display.shared).toEqual([]);
    expect(outgoing.state.sharing).toBe(false);
  });

  it('carries what the fallback allows, the tracks kept open, and a new microphone held back in chat', async () => {
    const media = fakeDevices();
    const { outgoing, voice, picture } = setUp(media.devices);
    await outgoing.open('video');
    outgoing.bind(voice, picture);
    const [mic, camera] = media.tracks;
    await outgoing.carry('audio');
    expect(picture.replaced.at(-1)).toBeNull();
    expect(outgoing.tracks()).toEqual({ audio: mic, video: null });
    await outgoing.carry('chat');
    expect(voice.replaced.at(-1)).toBeNull();
    await outgoing.chooseMic('mic2');
    expect(voice.replaced.at(-1)).toBeNull(); // not sent until the voice comes back
    expect(camera?.stopped).toBe(false);
    await outgoing.carry('video');
    expect(voice.replaced.at(-1)).toMatchObject({ kind: 'audio', deviceId: 'mic2' });
    expect(picture.replaced.at(-1)).toBe(camera);
  });
});
