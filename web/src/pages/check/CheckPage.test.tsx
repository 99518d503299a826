// The device check page with the browser's media faked (jsdom has none of it): without
// getUserMedia, after a refusal, with devices on (choosing one restarts it, the level meter
// moves), signed out, with calls off, and a whole echo test over the socket to a verdict.
import axe from 'axe-core';
import { render } from 'preact';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { initI18n } from '../../i18n';
import type { CodecLike } from '../../media/codecs';
import type { DeviceInfoLike } from '../../media/devices';
import { MediaContext, type MediaDevicesLike, type MediaEnvironment } from '../../media/environment';
import type { CallPeerLike, CandidateLike } from '../../media/peer';
import { SAMPLE_GAP_MS } from '../../media/verdict';
import { choose } from '../../testing/forms';
import { byTestId, inAct, mount, until, type Handler } from '../../testing/harness';
import { aUser } from '../../testing/users';
import { CheckPage } from './CheckPage';
import { backPath, checkLink } from './links';

const AXE = { rules: { 'color-contrast': { enabled: false } } };

class FakeTrack {
  stopped = false;
  constructor(
    readonly kind: string,
    readonly deviceId: string,
  ) {}
  getSettings() {
    return { deviceId: this.deviceId };
  }
  stop() {
    this.stopped = true;
  }
}

function fakeStream(tracks: FakeTrack[]) {
  return {
    getTracks: () => tracks,
    getAudioTracks: () => tracks.filter((track) => track.kind === 'audio'),
    getVideoTracks: () => tracks.filter((track) => track.kind === 'video'),
  } as unknown as MediaStream;
}

const DEVICES: DeviceInfoLike[] = [
  { deviceId: 'cam1', kind: 'videoinput', label: 'Фронтальная камера' },
  { deviceId: 'cam2', kind: 'videoinput', label: '' },
  { deviceId: 'mic1', kind: 'audioinput', label: 'Микрофон гарнитуры' },
  { deviceId: 'spk1', kind: 'audiooutput', label: 'Динамик' },
];

/** getUserMedia answering with tracks of the devices asked for (cam1 and mic1 by default). */
function grantingDevices() {
  const asked: MediaStreamConstraints[] = [];
  const tracks: FakeTrack[] = [];
  const devices: MediaDevicesLike = {
    getUserMedia: (constraints) => {
      asked.push(constraints);
      const exact = (c: boolean | MediaTrackConstraints | undefined, fallback: string) =>
        typeof c === 'object' && typeof c.deviceId === 'object' && !Array.isArray(c.deviceId)
          ? String(c.deviceId.exact)
          : fallback;
      const made = [new FakeTrack('audio', exact(constraints.audio, 'mic1'))];
      if (constraints.video) made.push(new FakeTrack('video', exact(constraints.video, 'cam1')));
      tracks.push(...made);
      return Promise.resolve(fakeStream(made));
    },
    enumerateDevices: () => Promise.resolve(DEVICES),
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  };
  return { devices, asked, tracks };
}

function refusingDevices(name: string) {
  const asked: MediaStreamConstraints[] = [];
  const devices: MediaDevicesLike = {
    getUserMedia: (constraints) => {
      asked.push(constraints);
      return Promise.reject(new DOMException('', name));
    },
    enumerateDevices: () => Promise.resolve([]),
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  };
  return { devices, asked };
}

/** An AudioContext whose analyser hears a square wave of `amplitude`, and records tones. */
function fakeAudio(amplitude: number) {
  const tones: number[] = [];
  const node = () => ({
    connect: (next: unknown) => next,
    disconnect: () => undefined,
    gain: { value: 1, setValueAtTime: () => undefined, exponentialRampToValueAtTime: () => undefined },
  });
  const context = {
    state: 'running',
    currentTime: 0,
    destination: {},
    resume: () => Promise.resolve(),
    close: () => Promise.resolve(),
    createMediaStreamSource: node,
    createGain: node,
    createAnalyser: () => ({
      ...node(),
      fftSize: 0,
      getFloatTimeDomainData(data: Float32Array) {
        data.forEach((_, i) => (data[i] = i % 2 ? amplitude : -amplitude));
      },
    }),
    createOscillator: () => ({
      ...node(),
      type: '',
      frequency: { value: 0 },
      start: () => tones.push(1),
      stop: () => undefined,
    }),
  };
  return { create: () => context as unknown as AudioContext, tones };
}

function environment(overrides: Partial<MediaEnvironment> = {}) {
  const frames: (() => void)[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  const env: MediaEnvironment = {
    devices: null,
    audioContext: null,
    peer: null,
    codecs: () => null,
    speakerChoice: false,
    now: () => 0,
    setTimer: (fn, ms) => {
      timers.push({ fn, ms });
      return timers.length;
    },
    clearTimer: () => undefined,
    frame: (fn) => {
      frames.push(fn);
      return frames.length;
    },
    cancelFrame: () => undefined,
    ...overrides,
  };
  return { env, frames, timers };
}

const NOTHING: Handler = () => [404, {}];

function show(env: MediaEnvironment, handler: Handler = NOTHING, signedIn = false) {
  return mount(
    <MediaContext.Provider value={env}>
      <CheckPage />
    </MediaContext.Provider>,
    handler,
    signedIn ? { user: aUser() } : {},
  );
}

const button = (root: ParentNode, id: string) => byTestId(root, id) as HTMLButtonElement | null;
const input = (root: ParentNode, id: string) => byTestId(root, id) as HTMLInputElement | null;
const select = (root: ParentNode, id: string) => byTestId(root, id) as HTMLSelectElement | null;
const video = (root: ParentNode, id: string) => byTestId(root, id) as HTMLVideoElement | null;
const text = (root: ParentNode, id: string) => byTestId(root, id)?.textContent ?? null;

/** Unmounts the page, as navigating away does (Preact runs the cleanups after the render). */
async function leave(root: HTMLElement) {
  await inAct(() => {
    render(null, root);
  });
}

async function click(root: ParentNode, id: string) {
  await inAct(() => {
    byTestId(root, id)?.click();
  });
}

describe('CheckPage', () => {
  beforeEach(async () => {
    await initI18n('ru');
    window.history.replaceState(null, '', '/check');
    // jsdom has no media playback.
    vi.spyOn(HTMLMediaElement.prototype, 'play').mockImplementation(() => Promise.resolve());
  });

  it('renders its steps, and without getUserMedia says so and offers the chat', async () => {
    const { root, calls } = show(environment().env);
    expect(byTestId(root, 'check-page')).not.toBeNull();
    expect(text(root, 'check-page-title')).toBe('Проверка камеры и микрофона');
    expect([...root.querySelectorAll('h2')].map((h) => h.textContent)).toEqual([
      '1. Камера и микрофон',
      '2. Изображение и звук',
      '3. Динамик',
      '4. Проверка через наш сервер',
    ]);
    expect(root.textContent).toContain('Браузер спросит, можно ли этому сайту пользоваться вашими камерой и микрофоном.');
    expect(text(root, 'check-devices')).toContain('Когда камера и микрофон включатся');
    expect(byTestId(root, 'mic-level')).toBeNull();
    expect(text(root, 'echo-sign-in')).toContain('если вы вошли на сайт или ваш вопрос стоит в очереди');
    expect(root.textContent).toContain('Этот браузер не может проиграть пробный звук.');
    expect((await axe.run(root, AXE)).violations.map((v) => v.id)).toEqual([]);

    await click(root, 'check-start');
    expect(byTestId(root, 'check-problem')?.dataset.problem).toBe('unsupported');
    expect(text(root, 'check-status')).toBe('Этот браузер не может пользоваться камерой и микрофоном на этой странице.');
    expect(byTestId(root, 'check-start')).toBeNull(); // trying again would not help
    expect(byTestId(root, 'check-chat-only')).not.toBeNull();
    expect(calls).toEqual([]); // signed out: the media settings are not asked for
  });

  it('explains a refusal, then offers voice only and the chat only', async () => {
    const { devices, asked } = refusingDevices('NotAllowedError');
    const { root } = show(environment({ devices }).env);
    await click(root, 'check-start');
    expect(await until(() => byTestId(root, 'check-problem') !== null)).toBe(true);
    expect(byTestId(root, 'check-problem')?.dataset.problem).toBe('denied');
    expect(text(root, 'check-status')).toBe('Браузер не разрешил доступ к камере и микрофону.');
    expect(text(root, 'check-problem')).toContain('значок замка или камеры');
    expect(text(root, 'check-start')).toBe('Попробовать ещё раз');
    expect(asked[0]?.video).toMatchObject({ facingMode: 'user' });
    expect((await axe.run(root, AXE)).violations.map((v) => v.id)).toEqual([]);

    await click(root, 'check-audio-only');
    expect(await until(() => asked.length === 2)).toBe(true);
    expect(asked[1]?.video).toBe(false);
    expect(await until(() => byTestId(root, 'check-problem') !== null)).toBe(true);
    expect(byTestId(root, 'check-audio-only')).toBeNull(); // voice only is what failed now
    expect(input(root, 'check-mode-audio')?.checked).toBe(true);

    await click(root, 'check-chat-only');
    expect(text(root, 'check-status')).toBe('Хорошо, вы будете общаться со специалистом в чате. Больше ничего не нужно.');
    expect(byTestId(root, 'check-echo')).toBeNull();
    expect(byTestId(root, 'check-devices')).toBeNull();
    expect(text(root, 'check-start')).toBe('Включить микрофон');
  });

  it('may be asked for voice only from the start', async () => {
    const { devices, asked } = grantingDevices();
    const { root } = show(environment({ devices }).env);
    await inAct(() => {
      byTestId(root, 'check-mode-audio')?.click();
    });
    expect(root.textContent).toContain('пользоваться вашим микрофоном');
    await click(root, 'check-start');
    expect(await until(() => byTestId(root, 'mic-select') !== null)).toBe(true);
    expect(asked).toEqual([expect.objectContaining({ video: false })]);
    expect(byTestId(root, 'camera-select')).toBeNull();
    expect(byTestId(root, 'local-video')).toBeNull();
    expect(text(root, 'check-status')).toBe('Микрофон включён. Он выключится, когда вы уйдёте с этой страницы.');
  });

  it('lists the devices, restarts with another camera, and shows the microphone level', async () => {
    const { devices, asked, tracks } = grantingDevices();
    const audio = fakeAudio(0.1);
    const { env, frames } = environment({ devices, audioContext: audio.create });
    const { root } = show(env);
    await click(root, 'check-start');
    expect(await until(() => byTestId(root, 'camera-select') !== null)).toBe(true);
    expect(document.activeElement?.id).toBe('check-devices-title');
    const options = (id: string) =>
      [...(byTestId(root, id)?.querySelectorAll('option') ?? [])].map((o) => [o.value, o.textContent]);
    expect(options('camera-select')).toEqual([
      ['cam1', 'Фронтальная камера'],
      ['cam2', 'Камера 2'],
    ]);
    expect(options('mic-select')).toEqual([['mic1', 'Микрофон гарнитуры']]);
    expect(byTestId(root, 'speaker-select')).toBeNull(); // no setSinkId in this browser

    const meter = byTestId(root, 'mic-level');
    expect(meter?.tagName).toBe('METER');
    expect(meter?.dataset.level).toBe('0');
    expect(document.querySelector('label[for="check-level"]')?.textContent).toBe('Громкость микрофона');
    await inAct(() => {
      frames.shift()?.();
    });
    expect(meter?.dataset.level).toBe('0.5'); // RMS 0.1, scaled for a worried eye
    expect(text(root, 'mic-heard')).toBe('Микрофон работает: мы слышим от него звук.');
    expect((await axe.run(root, AXE)).violations.map((v) => v.id)).toEqual([]);

    await inAct(() => {
      choose(root, '[data-testid="camera-select"]', 'cam2');
    });
    expect(await until(() => asked.length === 2)).toBe(true);
    expect(asked[1]?.video).toMatchObject({ deviceId: { exact: 'cam2' } });
    expect(asked[1]?.audio).toMatchObject({ deviceId: { exact: 'mic1' } });
    expect(tracks.slice(0, 2).every((track) => track.stopped)).toBe(true); // the old ones first
    expect(await until(() => select(root, 'camera-select')?.value === 'cam2')).toBe(true);

    await leave(root); // turns them off
    expect(tracks.every((track) => track.stopped)).toBe(true);
  });

  it('plays a tone and remembers whether it was heard', async () => {
    const audio = fakeAudio(0);
    const { root } = show(environment({ audioContext: audio.create }).env);
    expect(byTestId(root, 'tone-heard')).toBeNull();
    await click(root, 'play-tone');
    expect(audio.tones).toEqual([1]);
    expect(root.textContent).toContain('Вы услышали звук?');
    await inAct(() => {
      byTestId(root, 'tone-heard-no')?.click();
    });
    expect(text(root, 'tone-answer')).toContain('Проверьте, что звук включён');
  });

  it('says calls are off when the server says so, or cannot say', async () => {
    const { devices } = grantingDevices();
    for (const answer of [[200, { calls: false, ice_servers: [], max_sdp_bytes: 8000 }], [503, {}]] as const) {
      const { root, calls } = show(environment({ devices }).env, () => [answer[0], answer[1]], true);
      expect(await until(() => byTestId(root, 'echo-calls-off') !== null)).toBe(true);
      expect(text(root, 'echo-calls-off')).toBe('Звонки сейчас отключены, чат работает как обычно.');
      expect(byTestId(root, 'start-echo')).toBeNull();
      expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(['GET /api/v1/media']);
    }
  });

  it('runs the echo test over the socket to a verdict, and stops it when leaving', async () => {
    const { devices, tracks } = grantingDevices();
    const audio = fakeAudio(0);
    const peers: FakePeer[] = [];
    const { env, timers } = environment({
      devices,
      audioContext: audio.create,
      codecs: (kind) => (kind === 'audio' ? OPUS : VP8),
      peer: (config) => {
        const peer = new FakePeer(config);
        peers.push(peer);
        return peer;
      },
    });
    const settings = {
      calls: true,
      ice_servers: [{ urls: ['turn:turn.kelisim.kz:3478'], username: 'u', credential: 'p' }],
      max_sdp_bytes: 8000,
    };
    const { root, server } = show(env, (_, path) => (path === '/api/v1/media' ? [200, settings] : [404, {}]), true);
    expect(await until(() => byTestId(root, 'start-echo') !== null)).toBe(true);
    const start = button(root, 'start-echo');
    expect(start?.disabled).toBe(true); // nothing to send yet
    expect(text(root, 'echo-need-media')).toBe('Сначала включите камеру или микрофон в шаге 1.');
    const verdict = () => byTestId(root, 'echo-verdict');
    expect(verdict()?.hasAttribute('data-verdict')).toBe(false);

    // The player said they did not hear the tone: the verdict will remind them.
    await click(root, 'play-tone');
    await inAct(() => {
      byTestId(root, 'tone-heard-no')?.click();
    });
    await click(root, 'check-start');
    await inAct(() => {
      server().accept();
    });
    expect(await until(() => button(root, 'start-echo')?.disabled === false)).toBe(true);
    expect(byTestId(root, 'remote-video')?.tagName).toBe('VIDEO');
    expect(video(root, 'remote-video')?.muted).toBe(true);

    await click(root, 'start-echo');
    expect(await until(() => server().sent.some((m) => m.type === 'echo.offer'))).toBe(true);
    const peer = peers[0];
    if (!peer) throw new Error('no peer connection');
    expect(peer.config.iceServers).toEqual(settings.ice_servers);
    expect(verdict()?.textContent).toBe('Подключаемся к нашему серверу…');
    await inAct(() => {
      peer.onicecandidate?.({ candidate: HOST });
      peer.onicecandidate?.({ candidate: null });
      server().push({ type: 'echo.answer', sdp: 'v=0 answer' });
    });
    expect(server().sent.filter((m) => String(m.type).startsWith('echo.'))).toEqual([
      { type: 'echo.offer', sdp: peer.offerSdp },
      { type: 'echo.candidate', candidate: HOST },
      { type: 'echo.candidate', completed: true },
    ]);
    expect(peer.remote).toEqual({ type: 'answer', sdp: 'v=0 answer' });

    peer.stats = inbound([0, 0], 0);
    await inAct(() => {
      peer.connectionState = 'connected';
      peer.onconnectionstatechange?.();
    });
    expect(await until(() => verdict()?.dataset.state === 'measuring')).toBe(true);
    peer.stats = inbound([150_000, 48], 9_000);
    const gap = timers.find((timer) => timer.ms === SAMPLE_GAP_MS);
    await inAct(() => {
      gap?.fn();
    });
    expect(await until(() => verdict()?.dataset.verdict === 'video')).toBe(true);
    expect(verdict()?.textContent).toBe(
      'Видеозвонки будут работать: ваши изображение и голос доходят до нашего сервера и возвращаются. ' +
        'Вы отметили, что не услышали пробный звук: перед звонком проверьте громкость.',
    );
    expect(verdict()?.closest('[aria-live]')?.getAttribute('aria-live')).toBe('polite');
    expect(text(root, 'start-echo')).toBe('Проверить ещё раз');
    expect(byTestId(root, 'stop-echo')).not.toBeNull();
    expect((await axe.run(root, AXE)).violations.map((v) => v.id)).toEqual([]);

    await leave(root);
    expect(server().sent.at(-1)).toEqual({ type: 'echo.stop' });
    expect(peer.closed).toBe(true);
    expect(tracks.every((track) => track.stopped)).toBe(true);
  });

  it('shows a server refusal in its own words with the chat verdict', async () => {
    const { devices } = grantingDevices();
    const peers: FakePeer[] = [];
    const { env } = environment({
      devices,
      peer: (config) => {
        const peer = new FakePeer(config);
        peers.push(peer);
        return peer;
      },
    });
    const settings = { calls: true, ice_servers: [], max_sdp_bytes: 8000 };
    const { root, server } = show(env, (_, path) => (path === '/api/v1/media' ? [200, settings] : [404, {}]), true);
    await click(root, 'check-start');
    await inAct(() => {
      server().accept();
    });
    expect(await until(() => button(root, 'start-echo')?.disabled === false)).toBe(true);
    await click(root, 'start-echo');
    expect(await until(() => server().sent.some((m) => m.type === 'echo.offer'))).toBe(true);
    await inAct(() => {
      const message = 'Сервер звонков занят, попробуйте через минуту.';
      server().push({ type: 'error', code: 'busy', message, scope: 'echo' });
    });
    const verdict = byTestId(root, 'echo-verdict');
    expect(verdict?.dataset.verdict).toBe('chat');
    expect(verdict?.textContent).toBe(
      'Отсюда звонки сейчас не проходят. Чат работает как обычно: специалист ответит вам письменно. ' +
        'Сервер звонков занят, попробуйте через минуту.',
    );
    expect(peers[0]?.closed).toBe(true);
  });

  it('offers a way back to the page that linked here', () => {
    window.history.replaceState(null, '', checkLink('/tickets/t1'));
    const { root } = show(environment().env);
    expect(byTestId(root, 'check-back')?.getAttribute('href')).toBe('/tickets/t1');
  });
});

describe('backPath', () => {
  it('takes a path on this site only', () => {
    expect(backPath(new URL(checkLink('/tickets/t 1?x=1'), 'http://k').search)).toBe(null); // a space
    expect(backPath(new URL(checkLink('/tickets/t1'), 'http://k').search)).toBe('/tickets/t1');
    expect(backPath('?back=%2Fdesk')).toBe('/desk');
    expect(backPath('')).toBeNull();
    expect(backPath('?back=')).toBeNull();
    expect(backPath('?back=https://evil.example/')).toBeNull();
    expect(backPath('?back=//evil.example/')).toBeNull();
    expect(backPath('?back=/\\evil.example/')).toBeNull();
    expect(backPath('?back=javascript:alert(1)')).toBeNull();
  });
});

const HOST = { candidate: 'candidate:1 1 udp 2122260223 10.0.0.2 50000 typ host', sdpMid: '0', sdpMLineIndex: 0 };
const OPUS: CodecLike[] = [{ mimeType: 'audio/opus', clockRate: 48000, channels: 2 }];
const VP8: CodecLike[] = [{ mimeType: 'video/VP8', clockRate: 90000 }];

function inbound(video: [number, number], audio: number): unknown[] {
  return [
    { type: 'inbound-rtp', kind: 'video', bytesReceived: video[0], framesDecoded: video[1] },
    { type: 'inbound-rtp', kind: 'audio', bytesReceived: audio },
  ];
}

class FakePeer implements CallPeerLike {
  connectionState: RTCPeerConnectionState = 'new';
  remote: RTCSessionDescriptionInit | null = null;
  closed = false;
  stats: unknown[] = [];
  offerSdp = 'v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\nm=video 9 UDP/TLS/RTP/SAVPF 96 97\r\n';
  onicecandidate: ((event: { candidate: CandidateLike | null }) => void) | null = null;
  ontrack: ((event: { track: MediaStreamTrack; streams: readonly MediaStream[] }) => void) | null = null;
  onconnectionstatechange: (() => void) | null = null;
  oniceconnectionstatechange: (() => void) | null = null;
  constructor(readonly config: RTCConfiguration) {}
  addTransceiver() {
    return { setCodecPreferences: () => undefined, sender: { replaceTrack: () => Promise.resolve() } };
  }
  createOffer() {
    return Promise.resolve({ type: 'offer' as const, sdp: this.offerSdp });
  }
  createAnswer() {
    return Promise.resolve({ type: 'answer' as const, sdp: 'v=0 answer' });
  }
  setLocalDescription() {
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
}
