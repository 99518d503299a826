// The desk's alerts for a new offer, with the Web Audio and Notification APIs faked (jsdom
// has neither): the chime only after a gesture and unless muted (remembered), the
// notification only when allowed (asked on the button, never on load) and the page hidden.
import axe from 'axe-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Desk, Offer, User } from '../../api/types';
import { initI18n } from '../../i18n';
import { byTestId, inAct, mount, until } from '../../testing/harness';
import { DeskPage } from './DeskPage';
import { playChime, SOUND_SETTING } from './offerAlerts';

const USER: User = {
  id: 's1',
  email: 'lawyer@demo.kelisim.kz',
  display_name: 'Ерлан Юрист',
  role: 'specialist',
  kinds: ['lawyer'],
  organisation: null,
  language: 'ru',
  languages: ['ru'],
  categories: [],
  capacity: 1,
  status: 'active',
};

const DESK: Desk = { on_duty: false, missed_offer: false, receptions: [], offer: null, rooms: [] };

const OFFER: Offer = {
  ticket_id: 't1',
  kind: 'lawyer',
  category: 'labour',
  language: 'ru',
  region: 'KZ-27',
  description: 'Не выплатили зарплату',
  expires_at: '2999-01-01T00:00:00Z',
};

/** Records the tones it is asked to play. */
class FakeAudioContext {
  static made: FakeAudioContext[] = [];
  state: AudioContextState = 'suspended';
  currentTime = 10;
  destination = {};
  tones: { frequency: number; start: number; stop: number }[] = [];
  constructor() {
    FakeAudioContext.made.push(this);
  }
  createOscillator() {
    const tones = this.tones;
    const tone = { frequency: 0, start: 0, stop: 0 };
    return {
      type: '',
      frequency: {
        set value(hz: number) {
          tone.frequency = hz;
        },
      },
      connect: (node: unknown) => node,
      start(at: number) {
        tone.start = at;
        tones.push(tone);
      },
      stop(at: number) {
        tone.stop = at;
      },
    };
  }
  createGain() {
    return {
      gain: { setValueAtTime: vi.fn(), exponentialRampToValueAtTime: vi.fn() },
      connect: (node: unknown) => node,
    };
  }
  resume() {
    this.state = 'running';
    return Promise.resolve();
  }
  close() {
    this.state = 'closed';
    return Promise.resolve();
  }
}

class FakeNotification {
  static permission: NotificationPermission = 'default';
  static requestPermission = vi.fn(() => {
    FakeNotification.permission = 'granted';
    return Promise.resolve(FakeNotification.permission);
  });
  static shown: { title: string; options: NotificationOptions }[] = [];
  onclick: (() => void) | null = null;
  constructor(title: string, options: NotificationOptions) {
    FakeNotification.shown.push({ title, options });
  }
  close() {
    return undefined;
  }
}

let hidden = false;

function serveDesk() {
  return mount(<DeskPage user={USER} />, (method, path, body) => {
    if (method === 'GET' && path === '/api/v1/desk') return [200, DESK];
    if (method === 'POST' && path === '/api/v1/desk/duty') {
      return [200, { ...DESK, on_duty: (body as { on_duty: boolean }).on_duty }];
    }
    return [404, {}];
  });
}

const tones = () => FakeAudioContext.made.flatMap((context) => context.tones.map((tone) => tone.frequency));

describe('DeskPage alerts', () => {
  beforeEach(async () => {
    await initI18n('ru');
    localStorage.clear();
    FakeAudioContext.made = [];
    FakeNotification.permission = 'default';
    FakeNotification.requestPermission.mockClear();
    FakeNotification.shown = [];
    hidden = false;
    vi.stubGlobal('AudioContext', FakeAudioContext);
    vi.stubGlobal('Notification', FakeNotification);
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('chimes for a new offer once a gesture unlocked the sound, and notifies only when hidden and allowed', async () => {
    const { root, server } = serveDesk();
    expect(await until(() => byTestId(root, 'desk-duty') !== null)).toBe(true);
    // Nothing is created or asked on load.
    expect(FakeAudioContext.made).toHaveLength(0);
    expect(FakeNotification.requestPermission).not.toHaveBeenCalled();
    expect(byTestId(root, 'desk-notifications-state')?.dataset.state).toBe('default');
    expect((byTestId(root, 'desk-sound') as HTMLInputElement).checked).toBe(true);
    const results = await axe.run(root, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((v) => v.id)).toEqual([]);

    // Going on duty is the gesture that lets the page play sound.
    await inAct(() => {
      byTestId(root, 'desk-duty')?.click();
    });
    expect(await until(() => byTestId(root, 'desk-duty')?.getAttribute('aria-pressed') === 'true')).toBe(true);
    expect(FakeAudioContext.made).toHaveLength(1);
    expect(FakeAudioContext.made[0]?.state).toBe('running');

    await inAct(() => {
      server().accept();
      server().push({ type: 'offer', offer: OFFER });
    });
    expect(byTestId(root, 'offer')).not.toBeNull();
    expect(tones()).toEqual([660, 990]);
    expect(FakeNotification.shown).toHaveLength(0); // not allowed yet (and the page is visible)
    // The same offer delivered again (a reconnect) does not chime twice.
    await inAct(() => {
      server().push({ type: 'offer', offer: OFFER });
    });
    expect(tones()).toEqual([660, 990]);

    // Allowing notifications: asked only on the button.
    await inAct(() => {
      byTestId(root, 'desk-notifications')?.click();
    });
    expect(FakeNotification.requestPermission).toHaveBeenCalledTimes(1);
    expect(await until(() => byTestId(root, 'desk-notifications-state')?.dataset.state === 'granted')).toBe(true);
    expect(byTestId(root, 'desk-notifications')).toBeNull();

    // A visible page gets no notification; a hidden one does, without the citizen's words.
    await inAct(() => {
      server().push({ type: 'offer', offer: { ...OFFER, ticket_id: 't2' } });
    });
    expect(FakeNotification.shown).toHaveLength(0);
    hidden = true;
    await inAct(() => {
      server().push({ type: 'offer', offer: { ...OFFER, ticket_id: 't3' } });
    });
    expect(FakeNotification.shown).toEqual([
      {
        title: 'Вас ждёт гражданин',
        options: { body: 'Юрист · Трудовые отношения. Откройте рабочее место, чтобы принять.', tag: 'kelisim-offer' },
      },
    ]);
    expect(tones()).toHaveLength(6);
  });

  it('remembers a muted sound on this device', async () => {
    const first = serveDesk();
    expect(await until(() => byTestId(first.root, 'desk-sound') !== null)).toBe(true);
    await inAct(() => {
      byTestId(first.root, 'desk-sound')?.click();
    });
    expect(localStorage.getItem(SOUND_SETTING)).toBe('off');

    const { root, server } = serveDesk();
    expect(await until(() => byTestId(root, 'desk-sound') !== null)).toBe(true);
    expect((byTestId(root, 'desk-sound') as HTMLInputElement).checked).toBe(false);
    await inAct(() => {
      byTestId(root, 'desk-duty')?.click();
    });
    await inAct(() => {
      server().accept();
      server().push({ type: 'offer', offer: OFFER });
    });
    expect(byTestId(root, 'offer')).not.toBeNull();
    expect(tones()).toEqual([]);
  });

  it('says when the browser cannot notify', async () => {
    vi.stubGlobal('Notification', undefined);
    const { root } = serveDesk();
    expect(await until(() => byTestId(root, 'desk-notifications-state') !== null)).toBe(true);
    expect(byTestId(root, 'desk-notifications-state')?.textContent).toBe('Этот браузер не умеет показывать уведомления.');
    expect(byTestId(root, 'desk-notifications')).toBeNull();
  });

  it('shows blocked notifications without a button that could not work', async () => {
    FakeNotification.permission = 'denied';
    const { root } = serveDesk();
    expect(await until(() => byTestId(root, 'desk-notifications-state') !== null)).toBe(true);
    expect(byTestId(root, 'desk-notifications-state')?.dataset.state).toBe('denied');
    expect(byTestId(root, 'desk-notifications')).toBeNull();
  });
});

describe('DeskPage duty', () => {
  beforeEach(async () => {
    await initI18n('ru');
  });

  it('says why a specialist is off duty after an unanswered offer', async () => {
    const { root } = mount(<DeskPage user={USER} />, (method, path) =>
      method === 'GET' && path === '/api/v1/desk' ? [200, { ...DESK, missed_offer: true }] : [404, {}],
    );
    expect(await until(() => byTestId(root, 'desk-duty-state') !== null)).toBe(true);
    expect(byTestId(root, 'desk-duty-state')?.textContent).toContain('Предложение осталось без ответа');
  });

  it('links to the camera and microphone check, which leads back here', async () => {
    const { root } = mount(<DeskPage user={USER} />, (method, path) =>
      method === 'GET' && path === '/api/v1/desk' ? [200, DESK] : [404, {}],
    );
    expect(await until(() => byTestId(root, 'desk-check') !== null)).toBe(true);
    expect(byTestId(root, 'desk-check')?.textContent).toBe('Проверить камеру и микрофон');
    expect(byTestId(root, 'desk-check')?.getAttribute('href')).toBe('/check?back=%2Fdesk');
  });
});

describe('playChime', () => {
  it('plays two short tones, about 0.4 s in all, from now', () => {
    const context = new FakeAudioContext();
    playChime(context as unknown as BaseAudioContext);
    expect(context.tones.map((tone) => tone.frequency)).toEqual([660, 990]);
    const first = context.tones[0]?.start ?? 0;
    const last = context.tones[1]?.stop ?? 0;
    expect(first).toBeGreaterThanOrEqual(10);
    expect(last - first).toBeGreaterThan(0.3);
    expect(last - first).toBeLessThan(0.5);
  });
});
