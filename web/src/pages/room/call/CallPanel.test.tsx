// The call panel with the browser's media faked (jsdom has none) over the real socket
// client: a whole video call (start, receive the lawyer, the controls, quality in words,
// hang-up and "a call is going on"), voice only remembered on the device, leaving the page,
// and what it says when calls are off, cannot work here, or the devices are refused; one's
// own link falling back with a call-back offered, the others' modes, and a separate session.
import axe from 'axe-core';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { MediaSettings, Room } from '../../../api/types';
import { initI18n } from '../../../i18n';
import { CALL_MODE_KEY } from '../../../media/call-choice';
import { MediaContext, type MediaEnvironment } from '../../../media/environment';
import { byTestId, inAct, mount, until, type Handler } from '../../../testing/harness';
import { fakeMediaEnvironment, inboundStats } from '../../../testing/media';
import { aUser } from '../../../testing/users';
import { CONNECT_TIMEOUT_MS, SAMPLE_GAP_MS } from '../../../media/verdict';
import { CallPanel } from './CallPanel';

const AXE = { rules: { 'color-contrast': { enabled: false } } };
const ROOM: Room = {
  id: 'room1',
  ticket_id: 't1',
  reception_id: 'r1',
  members: [
    { user_id: 'citizen', display_name: '', kind: null, joined_at: '', left_at: null, last_read_seq: 0 },
    { user_id: 'lawyer', display_name: 'Ерлан Ахметов', kind: 'lawyer', joined_at: '', left_at: null, last_read_seq: 0 },
  ],
  awaited_kinds: [],
  closed_at: null,
  outcome: null,
  summary: null,
  last_seq: 0,
  ticket: {} as Room['ticket'],
};
const SETTINGS: MediaSettings = { calls: true, ice_servers: [], max_sdp_bytes: 7000 };
const VIDEO_OFFER = 'v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\n';

const environment = fakeMediaEnvironment;

const serving =
  (settings: MediaSettings = SETTINGS): Handler =>
  (_method, path) =>
    path === '/api/v1/media' ? [200, settings] : [404, {}];

function show(
  env: MediaEnvironment,
  handler: Handler = serving(),
  room: Room = ROOM,
  selfId = 'citizen',
  channel?: 'chat' | 'video' | 'voice' | 'phone',
) {
  const mounted = mount(
    <MediaContext.Provider value={env}>
      <CallPanel room={room} selfId={selfId} channel={channel} />
    </MediaContext.Provider>,
    handler,
    { user: aUser({ id: selfId, display_name: '' }) },
  );
  const sent = () => mounted.server().sent.filter((m) => String(m.type).startsWith('call.'));
  const push = async (event: Record<string, unknown>) => {
    await inAct(() => {
      mounted.server().push({ room_id: ROOM.id, ...event });
    });
  };
  return { ...mounted, sent, push };
}

const text = (root: ParentNode, id: string) => byTestId(root, id)?.textContent ?? null;
const pressed = (root: ParentNode, id: string) => byTestId(root, id)?.getAttribute('aria-pressed');

async function click(root: ParentNode, id: string) {
  await inAct(() => {
    byTestId(root, id)?.click();
  });
}

describe('CallPanel', () => {
  beforeEach(async () => {
    await initI18n('ru');
    localStorage.clear();
    window.history.replaceState(null, '', '/tickets/t1');
    vi.spyOn(HTMLMediaElement.prototype, 'play').mockImplementation(() => Promise.resolve());
  });

  it('runs a video call: start, receive the lawyer, the controls, quality in words, hang-up', async () => {
    const { env, clock, media, display, peers } = environment();
    const { root, server, sent, push } = show(env);
    expect(await until(() => byTestId(root, 'call-start-video') !== null)).toBe(true);
    expect(text(root, 'call-panel')).toContain('Здесь можно поговорить по видео или только голосом.');
    expect(byTestId(root, 'call-check')?.getAttribute('href')).toBe('/check?back=%2Ftickets%2Ft1');
    expect(byTestId(root, 'call-start-video')?.className).toBe('button'); // video first by default
    expect((await axe.run(root, AXE)).violations.map((v) => v.id)).toEqual([]);
    await inAct(() => {
      server().accept();
    });

    await click(root, 'call-start-video');
    expect(await until(() => sent().some((m) => m.type === 'call.join'))).toBe(true);
    expect(localStorage.getItem(CALL_MODE_KEY)).toBe('video');
    expect(text(root, 'call-status')).toBe('Подключаемся к звонку…');
    expect(byTestId(root, 'call-local-video')?.tagName).toBe('VIDEO');
    expect((byTestId(root, 'call-local-video') as HTMLVideoElement).muted).toBe(true);

    await push({ type: 'call.joined', sdp: 'v=0 answer', publishers: ['lawyer'] });
    await push({ type: 'media.event', scope: 'call', feed: '', event: 'connected' });
    expect(text(root, 'call-status')).toBe('Вы в звонке. Чат тоже продолжает работать.');
    expect(sent().at(-1)).toEqual({ type: 'call.receive', room_id: 'room1', feed: 'lawyer' });
    await push({ type: 'call.offer', feed: 'lawyer', sdp: VIDEO_OFFER });
    const receiving = peers[1];
    if (!receiving) throw new Error('nothing received');
    await inAct(() => {
      receiving.track('audio');
      receiving.track('video');
      receiving.link('connected');
    });
    const tile = byTestId(root, 'call-tile');
    expect(tile?.dataset.userId).toBe('lawyer');
    expect(tile?.querySelector('video')).not.toBeNull();
    expect(tile?.querySelector('audio')).not.toBeNull();
    expect(tile?.textContent).toContain('Ерлан Ахметов');
    expect(tile?.querySelector('video')?.getAttribute('aria-label')).toBe('Изображение: Ерлан Ахметов');

    // The controls say their state.
    expect(pressed(root, 'call-mute')).toBe('false');
    await click(root, 'call-mute');
    expect(pressed(root, 'call-mute')).toBe('true');
    expect(media.tracks[0]?.enabled).toBe(false);
    expect(root.querySelector('.call__tile--self')?.textContent).toContain('Микрофон выключен');
    await click(root, 'call-camera');
    expect(await until(() => pressed(root, 'call-camera') === 'true')).toBe(true);
    expect(root.querySelector('.call__tile--self')?.textContent).toContain('Камера выключена');
    await click(root, 'call-share-screen');
    expect(await until(() => pressed(root, 'call-share-screen') === 'true')).toBe(true);
    await inAct(() => {
      display.shared[0]?.end(); // the browser's own "Stop sharing"
    });
    expect(await until(() => pressed(root, 'call-share-screen') === 'false')).toBe(true);
    expect(byTestId(root, 'call-camera-select')).not.toBeNull(); // two cameras to choose from
    expect(sent().filter((m) => m.type === 'call.join')).toHaveLength(1);

    // Two windows of stats: the link's quality, in words.
    receiving.stats = inboundStats([0, 0, 0], [0, 0]);
    await act(async () => {
      await clock.advance(SAMPLE_GAP_MS);
    });
    receiving.stats = inboundStats([200_000, 48, 200], [8_000, 100]);
    await act(async () => {
      await clock.advance(SAMPLE_GAP_MS);
    });
    const quality = tile?.querySelector('[data-testid="call-quality"]');
    expect(quality?.getAttribute('data-quality')).toBe('good');
    expect(quality?.textContent).toBe('Связь хорошая');
    expect((await axe.run(root, AXE)).violations.map((v) => v.id)).toEqual([]);

    await click(root, 'call-hangup');
    expect(sent().at(-1)).toEqual({ type: 'call.leave', room_id: 'room1' });
    expect(media.tracks.every((t) => t.stopped)).toBe(true);
    expect(byTestId(root, 'call-tile')).toBeNull();
    // The lawyer is still in the call: a way back in.
    expect(text(root, 'call-ongoing')).toBe('Идёт звонок: Ерлан Ахметов.');
    expect(text(root, 'call-join')).toBe('Присоединиться по видео');
    expect(text(root, 'call-join-other')).toBe('Присоединиться только голосом');
  });

  it('tells a call is going on, and joins by voice only as chosen last time on this device', async () => {
    localStorage.setItem(CALL_MODE_KEY, 'audio');
    const { env, media, peers } = environment();
    const { root, server, sent, push } = show(env);
    expect(await until(() => byTestId(root, 'call-start-audio') !== null)).toBe(true);
    expect(byTestId(root, 'call-start-audio')?.className).toBe('button');
    expect(root.querySelector('.actions button')?.getAttribute('data-testid')).toBe('call-start-audio');
    await inAct(() => {
      server().accept();
    });
    await push({ type: 'call.member', user_id: 'lawyer', event: 'joined' });
    expect(text(root, 'call-ongoing')).toBe('Идёт звонок: Ерлан Ахметов.');
    expect(text(root, 'call-join')).toBe('Присоединиться только голосом');
    await click(root, 'call-join');
    expect(await until(() => sent().some((m) => m.type === 'call.join'))).toBe(true);
    expect(media.asked[0]?.video).toBe(false);
    expect(peers[0]?.transceivers.map((t) => t.kind)).toEqual(['audio']);
    expect(byTestId(root, 'call-camera')).toBeNull();
    expect(byTestId(root, 'call-share-screen')).toBeNull();
    expect(root.querySelector('.call__tile--self')?.textContent).toContain('Только голос');
    expect(text(root, 'call-status')).toBe('Подключаемся к звонку…');
  });

  it('offers first the way the citizen asked to be served, and says so to both', async () => {
    localStorage.setItem(CALL_MODE_KEY, 'video'); // the ticket's wish comes before the device's
    const { env } = environment();
    const citizen = show(env, serving(), ROOM, 'citizen', 'voice');
    expect(await until(() => byTestId(citizen.root, 'call-start-audio') !== null)).toBe(true);
    expect(citizen.root.querySelector('.actions button')?.getAttribute('data-testid')).toBe('call-start-audio');
    expect(text(citizen.root, 'call-wish')).toBe('Вы выбрали голосовую связь: начните звонок, когда будете готовы.');
    const lawyer = show(environment().env, serving(), ROOM, 'lawyer', 'video');
    expect(await until(() => byTestId(lawyer.root, 'call-start-video') !== null)).toBe(true);
    expect(lawyer.root.querySelector('.actions button')?.getAttribute('data-testid')).toBe('call-start-video');
    expect(text(lawyer.root, 'call-wish')).toBe('Гражданин просил связаться по видео.');
    const chat = show(environment().env, serving(), ROOM, 'lawyer', 'chat');
    expect(await until(() => byTestId(chat.root, 'call-start-video') !== null)).toBe(true);
    expect(byTestId(chat.root, 'call-wish')).toBeNull();
  });

  it('leaves the call when the page goes', async () => {
    const { env, media } = environment();
    const { root, server, sent } = show(env);
    expect(await until(() => byTestId(root, 'call-start-video') !== null)).toBe(true);
    await inAct(() => {
      server().accept();
    });
    await click(root, 'call-start-video');
    expect(await until(() => sent().some((m) => m.type === 'call.join'))).toBe(true);
    await inAct(() => {
      render(null, root);
    });
    expect(sent().at(-1)).toEqual({ type: 'call.leave', room_id: 'room1' });
    expect(media.tracks.every((t) => t.stopped)).toBe(true);
  });

  it('says calls are off, or cannot work in this browser, and the chat works', async () => {
    const off = show(environment().env, serving({ ...SETTINGS, calls: false }));
    expect(await until(() => byTestId(off.root, 'call-off') !== null)).toBe(true);
    expect(text(off.root, 'call-off')).toBe('Звонки сейчас отключены, чат работает как обычно.');
    expect(byTestId(off.root, 'call-start-video')).toBeNull();

    const old = show(environment({ peer: null }).env);
    expect(await until(() => byTestId(old.root, 'call-unsupported') !== null)).toBe(true);
    expect(text(old.root, 'call-unsupported')).toBe('Этот браузер не умеет звонить. Чат работает как обычно.');
  });

  it('says calmly why the call did not start when the camera is refused', async () => {
    const { env, media } = environment();
    media.refusals.push('NotAllowedError');
    const { root, server } = show(env);
    expect(await until(() => byTestId(root, 'call-start-video') !== null)).toBe(true);
    await inAct(() => {
      server().accept();
    });
    await click(root, 'call-start-video');
    expect(await until(() => text(root, 'call-problem') !== '')).toBe(true);
    expect(text(root, 'call-problem')).toContain('Браузер не разрешил доступ к камере или микрофону.');
    expect(byTestId(root, 'call-problem')?.getAttribute('role')).toBe('status');
    expect(byTestId(root, 'call-start-video')).not.toBeNull();
  });

  it('offers the chat and a call-back by phone when the call could not connect at all', async () => {
    const { env, clock } = environment();
    const { root, sent, server } = show(env);
    expect(await until(() => byTestId(root, 'call-start-video') !== null)).toBe(true);
    expect(byTestId(root, 'call-unreachable')).toBeNull();
    await inAct(() => {
      server().accept();
    });
    await click(root, 'call-start-video');
    expect(await until(() => sent().some((m) => m.type === 'call.join'))).toBe(true);
    await act(async () => {
      await clock.advance(CONNECT_TIMEOUT_MS);
    });
    expect(text(root, 'call-problem')).toContain('Соединиться не удалось');
    expect(text(root, 'call-unreachable')).toContain('Из этой сети звонки не проходят.');
    expect(text(root, 'call-unreachable-chat')).toBe('Написать в чат');
    expect((await axe.run(root, AXE)).violations.map((v) => v.id)).toEqual([]);
    await click(root, 'call-callback-offer');
    expect(sent().at(-1)).toEqual({ type: 'call.report', room_id: 'room1', kind: 'callback' });
    expect(text(root, 'call-callback-sent')).toBe('Готово: вам перезвонят по телефону. Чат продолжает работать.');
    expect(byTestId(root, 'call-callback-offer')).toBeNull();
  });

  /** A panel in a connected call with `others`, as `selfId` in `room`. */
  async function connected(env: MediaEnvironment, others: string[], room: Room = ROOM, selfId = 'citizen') {
    const shown = show(env, serving(), room, selfId);
    expect(await until(() => byTestId(shown.root, 'call-start-video') !== null)).toBe(true);
    await inAct(() => {
      shown.server().accept();
    });
    await click(shown.root, 'call-start-video');
    expect(await until(() => shown.sent().some((m) => m.type === 'call.join'))).toBe(true);
    await shown.push({ type: 'call.joined', sdp: 'v=0 answer', publishers: others });
    await shown.push({ type: 'media.event', scope: 'call', feed: '', event: 'connected' });
    for (const feed of others) {
      await shown.push({ type: 'call.offer', feed, sdp: VIDEO_OFFER });
    }
    return shown;
  }

  it('falls back to chat on a starved link, says why, and offers a call-back by phone', async () => {
    const { env, clock, peers } = environment();
    const { root, sent } = await connected(env, []);
    expect(byTestId(root, 'call-mode')?.dataset.mode).toBe('video');
    let bytes = 0;
    for (let i = 0; i < 40 && byTestId(root, 'call-mode')?.dataset.mode !== 'chat'; i += 1) {
      bytes += 1_000;
      const publication = peers[0];
      if (publication) {
        publication.stats = [
          { type: 'outbound-rtp', kind: 'audio', bytesSent: bytes, packetsSent: bytes / 10 },
          { type: 'outbound-rtp', kind: 'video', bytesSent: bytes, packetsSent: bytes / 10, framesEncoded: bytes / 100 },
          { type: 'candidate-pair', nominated: true, state: 'succeeded', availableOutgoingBitrate: 10_000 },
        ];
      }
      await act(async () => {
        await clock.advance(SAMPLE_GAP_MS);
      });
    }
    expect(byTestId(root, 'call-mode')?.dataset.mode).toBe('chat');
    expect(text(root, 'call-mode')).toBe('Очень слабая связь: перешли в чат');
    expect(text(root, 'call-panel')).toContain('Можем перезвонить вам по телефону.');
    expect(text(root, 'call-callback-offer')).toBe('Попросить перезвонить по телефону');
    expect((await axe.run(root, AXE)).violations.map((v) => v.id)).toEqual([]);
    await click(root, 'call-callback-offer');
    expect(sent().at(-1)).toEqual({ type: 'call.report', room_id: 'room1', kind: 'callback' });
    expect(text(root, 'call-callback-sent')).toBe('Готово: вам перезвонят по телефону. Чат продолжает работать.');
    expect(byTestId(root, 'call-callback-offer')).toBeNull();
    expect(sent().filter((m) => m.type === 'call.report' && m.kind === 'mode').map((m) => m.detail)).toEqual([
      'audio:low_bandwidth',
      'chat:low_bandwidth',
    ]);
  });

  it('shows another person’s mode and why, as the server relays it', async () => {
    const { env } = environment();
    const { root, push } = await connected(env, ['lawyer']);
    await push({ type: 'call.mode', user_id: 'lawyer', mode: 'audio', reason: 'packet_loss' });
    const tile = byTestId(root, 'call-tile');
    expect(tile?.dataset.mode).toBe('audio');
    expect(tile?.textContent).toContain('Связь прерывается: перешли на звук');
  });

  const THREE: Room = {
    ...ROOM,
    members: [
      ...ROOM.members,
      { user_id: 'mediator', display_name: 'Айгерим Серикова', kind: 'mediator', joined_at: '', left_at: null, last_read_seq: 0 },
    ],
  };

  it('tells those outside a separate session who is in it, and that they will be back', async () => {
    const { env } = environment();
    const { root, push } = await connected(env, ['lawyer', 'mediator'], THREE);
    expect(byTestId(root, 'call-caucus-start')).toBeNull(); // a citizen starts none
    await push({ type: 'call.caucus', state: 'started', host: 'mediator', party: 'lawyer' });
    expect(byTestId(root, 'call-caucus-banner')?.dataset.state).toBe('outside');
    expect(text(root, 'call-caucus-banner')).toBe(
      'Отдельная беседа: Айгерим Серикова и Ерлан Ахметов. Вы снова увидите и услышите их, когда она закончится.',
    );
    expect(byTestId(root, 'call-caucus-end')).toBeNull();
    await push({ type: 'call.caucus', state: 'ended', host: 'mediator', party: 'lawyer' });
    expect(byTestId(root, 'call-caucus-banner')).toBeNull();
  });

  it('lets a specialist start a separate session with one person, and end it', async () => {
    const { env } = environment();
    const { root, push, sent } = await connected(env, ['citizen', 'lawyer'], THREE, 'mediator');
    expect((await axe.run(root, AXE)).violations.map((v) => v.id)).toEqual([]);
    const select = byTestId(root, 'call-caucus-with') as HTMLSelectElement;
    await inAct(() => {
      select.value = 'lawyer';
      select.dispatchEvent(new Event('change'));
    });
    await inAct(() => {
      byTestId(root, 'call-caucus-start')?.querySelector('button')?.click();
    });
    expect(sent().at(-1)).toEqual({ type: 'call.caucus.start', room_id: 'room1', with: 'lawyer' });
    await push({ type: 'call.caucus', state: 'started', host: 'mediator', party: 'lawyer' });
    expect(byTestId(root, 'call-caucus-banner')?.dataset.state).toBe('inside');
    expect(text(root, 'call-caucus-banner')).toBe('Отдельная беседа: только вы двое видите и слышите друг друга.');
    await click(root, 'call-caucus-end');
    expect(sent().at(-1)).toEqual({ type: 'call.caucus.end', room_id: 'room1' });
  });
});
