// The live conference's part of the page over the real socket client with the browser's media
// faked: entering, the audience watching, being brought to the stage (sending) and back, the
// moderator's mute keeping the microphone off, the lobby, and the moderator's controls.
import axe from 'axe-core';
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MediaSettings } from '../../../api/types';
import { initI18n } from '../../../i18n';
import { MediaContext } from '../../../media/environment';
import { byTestId, inAct, mount, until, type Handler } from '../../../testing/harness';
import { fakeMediaEnvironment } from '../../../testing/media';
import { aUser } from '../../../testing/users';
import { Stage } from './Stage';

const AXE = { rules: { 'color-contrast': { enabled: false } } };
const SETTINGS: MediaSettings = { calls: true, ice_servers: [], max_sdp_bytes: 7000 };
const serving: Handler = (_method, path) => (path === '/api/v1/media' ? [200, SETTINGS] : [404, {}]);
const CONF = 'c1';
const MOD = { user_id: 'mod', name: 'Айгүл Серікова', part: 'moderator' };
const ME = { user_id: 'me', name: 'Марат Оспанов', part: 'speaker' };
const JUDGE = { user_id: 'judge', name: 'Судья Ким', part: 'guest' };

function show(role: 'moderator' | 'speaker' | 'guest', selfId: string) {
  const media = fakeMediaEnvironment();
  const mounted = mount(
    <MediaContext.Provider value={media.env}>
      <Stage conferenceId={CONF} role={role} selfId={selfId} />
    </MediaContext.Provider>,
    serving,
    { user: aUser({ id: selfId }) },
  );
  const sent = (prefix: string) => mounted.server().sent.filter((m) => String(m.type).startsWith(prefix));
  const push = async (event: Record<string, unknown>) => {
    await inAct(() => {
      mounted.server().push({ conference_id: CONF, room_id: `conf-${CONF}`, ...event });
    });
  };
  const click = async (id: string, index = 0) => {
    await inAct(() => {
      (mounted.root.querySelectorAll(`[data-testid="${id}"]`)[index] as HTMLElement | undefined)?.click();
    });
  };
  /** Waits for the door, connects the socket, enters, and takes the server's `place`. */
  const enterAs = async (place: 'stage' | 'audience' | 'lobby') => {
    expect(await until(() => byTestId(mounted.root, 'stage-enter') !== null)).toBe(true);
    await inAct(() => {
      mounted.server().accept();
    });
    await click('stage-enter');
    await push({ type: 'conf.entered', place });
  };
  return { ...mounted, ...media, sent, push, click, enterAs };
}

const state = (over: Record<string, unknown> = {}) => ({
  type: 'conf.state',
  speakers: [MOD],
  hands: [],
  muted: [],
  audience: 1,
  ...over,
});

describe('Stage', () => {
  beforeEach(async () => {
    await initI18n('ru');
    localStorage.clear();
    vi.spyOn(HTMLMediaElement.prototype, 'play').mockImplementation(() => Promise.resolve());
  });
  afterEach(async () => {
    const root = document.body.firstElementChild;
    if (root) await inAct(() => { render(null, root); });
  });

  it('enters into the audience and watches; on the stage it sends; back down it watches again', async () => {
    const s = show('speaker', 'me');
    expect(await until(() => byTestId(s.root, 'stage-enter') !== null)).toBe(true);
    expect((await axe.run(s.root, AXE)).violations.map((v) => v.id)).toEqual([]);
    await inAct(() => {
      s.server().accept();
    });
    await s.click('stage-enter');
    expect(s.sent('conf.')).toEqual([{ type: 'conf.enter', conference_id: CONF }]);
    await s.push({ type: 'conf.entered', place: 'audience' });
    await s.push(state());
    expect(await until(() => s.sent('call.').some((m) => m.type === 'call.watch'))).toBe(true);
    expect(s.media.asked).toEqual([]); // the audience sends nothing
    expect(byTestId(s.root, 'stage-audience')?.textContent).toBe('В зале 1 человек');

    await s.click('stage-hand');
    expect(s.sent('conf.').at(-1)).toEqual({ type: 'conf.hand', conference_id: CONF, up: true });

    await s.push(state({ speakers: [MOD, ME], audience: 0 }));
    expect(await until(() => s.sent('call.').some((m) => m.type === 'call.join'))).toBe(true);
    expect(s.sent('call.').map((m) => m.type)).toEqual(['call.watch', 'call.leave', 'call.join']);
    expect(byTestId(s.root, 'stage')?.dataset.place).toBe('stage');
    expect(s.media.asked.length).toBe(1);

    // The moderator mutes: the page keeps the microphone off too, and says so.
    await s.push(state({ speakers: [MOD, ME], audience: 0, muted: ['me'] }));
    expect(byTestId(s.root, 'stage-muted')?.textContent).toBe('Модератор выключил ваш микрофон.');

    await s.push(state({ speakers: [MOD], audience: 1 }));
    expect(await until(() => s.sent('call.').filter((m) => m.type === 'call.watch').length === 2)).toBe(true);
    expect(byTestId(s.root, 'stage')?.dataset.place).toBe('audience');

    await s.click('stage-leave');
    expect(s.sent('conf.').at(-1)).toEqual({ type: 'conf.leave', conference_id: CONF });
  });

  it('a guest waits in the lobby until admitted; a removed person is told and cannot come back from here', async () => {
    const s = show('guest', 'judge');
    await s.enterAs('lobby');
    expect(byTestId(s.root, 'stage-lobby')?.textContent).toBe('Вы в зале ожидания. Модератор скоро вас впустит.');
    expect(s.sent('call.')).toEqual([]);
    await s.push({ type: 'conf.you', event: 'admitted' });
    expect(await until(() => s.sent('call.').some((m) => m.type === 'call.watch'))).toBe(true);
    await s.push({ type: 'conf.you', event: 'removed' });
    expect(byTestId(s.root, 'stage-event')?.textContent).toBe('Модератор удалил вас из конференции.');
    expect(byTestId(s.root, 'stage-enter')).toBeNull();
    expect(s.sent('call.').at(-1)?.type).toBe('call.leave');
  });

  it('the chat beside the stage: read once let in, sent until acknowledged, others shown with their part', async () => {
    const s = show('guest', 'judge');
    await s.enterAs('lobby');
    expect(byTestId(s.root, 'stage-chat')).toBeNull(); // the lobby reads nothing
    expect(s.sent('resume')).toEqual([]);
    await s.push({ type: 'conf.you', event: 'admitted' });
    await s.push(state({ speakers: [MOD] }));
    expect(await until(() => s.sent('resume').length === 1)).toBe(true);
    expect(s.sent('resume')).toEqual([{ type: 'resume', room_id: 'conf-c1', after_seq: 0 }]);
    const fromModerator = {
      room_id: 'conf-c1',
      seq: 1,
      sender_id: 'mod',
      sender_name: MOD.name,
      kind: 'text',
      body: 'Қош келдіңіздер!',
      attachment: null,
      client_id: 'x1',
      at: '2026-12-07T10:00:00Z',
    };
    await s.push({ type: 'message', message: fromModerator });
    await s.push({ type: 'resumed', last_seq: 1, more: false });
    const log = byTestId(s.root, 'chat-messages');
    expect(log?.textContent).toContain('Қош келдіңіздер!');
    expect(log?.textContent).toContain('Модератор');
    expect(byTestId(s.root, 'chat-attach')).toBeNull(); // no files in a conference

    const input = byTestId(s.root, 'chat-input') as HTMLTextAreaElement;
    await inAct(() => {
      input.value = 'Спасибо, слышно хорошо';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await s.click('chat-send');
    const sent = s.sent('send');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ room_id: 'conf-c1', body: 'Спасибо, слышно хорошо' });
    await s.push({
      type: 'ack',
      client_id: sent[0]?.client_id,
      seq: 2,
      message: { ...fromModerator, seq: 2, sender_id: 'judge', sender_name: JUDGE.name, body: 'Спасибо, слышно хорошо', client_id: sent[0]?.client_id },
    });
    expect(await until(() => (log?.textContent ?? '').includes('Спасибо, слышно хорошо'))).toBe(true);
    expect((await axe.run(s.root, AXE)).violations.map((v) => v.id)).toEqual([]);
    // Removed: the chat goes with the stage.
    await s.push({ type: 'conf.you', event: 'removed' });
    expect(byTestId(s.root, 'stage-chat')).toBeNull();
  });

  it('a moderator lets guests in, brings raised hands to the stage, mutes, and sees refusals', async () => {
    const s = show('moderator', 'mod');
    await s.enterAs('stage');
    await s.push(
      state({ speakers: [MOD], hands: [ME], audience: 1, people: [MOD, ME], lobby: [JUDGE] }),
    );
    expect(byTestId(s.root, 'stage-moderator')).not.toBeNull();
    expect(byTestId(s.root, 'stage-audience-list')?.textContent).toContain('(подняли руку)');
    await s.click('stage-admit');
    expect(s.sent('conf.').at(-1)).toEqual({ type: 'conf.admit', conference_id: CONF, user_id: 'judge' });
    await s.click('stage-to-stage');
    expect(s.sent('conf.').at(-1)).toEqual({ type: 'conf.stage', conference_id: CONF, user_id: 'me', on: true });
    await s.push({ type: 'error', scope: 'conference', code: 'stage_full', message: 'Сцена заполнена: на ней не больше 6 выступающих.' });
    expect(byTestId(s.root, 'stage-problem')?.textContent).toBe('Сцена заполнена: на ней не больше 6 выступающих.');
    await s.push(state({ speakers: [MOD, ME], audience: 0, people: [MOD, ME], lobby: [] }));
    await s.click('stage-mute');
    expect(s.sent('conf.').at(-1)).toEqual({ type: 'conf.mute', conference_id: CONF, user_id: 'me', muted: true });
    expect((await axe.run(s.root, AXE)).violations.map((v) => v.id)).toEqual([]);
  });
});
