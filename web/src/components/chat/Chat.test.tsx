// The chat on a fake server and socket: history over HTTP merged with live messages
// (each seq once, in order), Enter sends through the outbox ("sending…" → "sent" on ack),
// typing notices both ways, and no axe violations in jsdom; a message the server refuses
// shows as not sent with the reason, to send again or dismiss; someone not in the room
// (a coordinator from the board) is told the conversation is for its participants, and
// nothing is loaded or sent for them.
import axe from 'axe-core';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Message, Room } from '../../api/types';
import { initI18n } from '../../i18n';
import { byTestId, inAct, mount, until } from '../../testing/harness';
import { Chat } from './Chat';

const ROOM: Room = {
  id: 'room1',
  ticket_id: 't1',
  reception_id: 'r1',
  members: [
    { user_id: 'citizen', display_name: 'Гость', kind: null, joined_at: '', left_at: null, last_read_seq: 0 },
    { user_id: 'lawyer', display_name: 'Ерлан Ахметов', kind: 'lawyer', joined_at: '', left_at: null, last_read_seq: 0 },
  ],
  awaited_kinds: [],
  closed_at: null,
  outcome: null,
  summary: null,
  last_seq: 2,
  ticket: {} as Room['ticket'],
};

function message(seq: number, sender = 'lawyer', body = `сообщение ${seq}`): Message {
  return {
    room_id: 'room1',
    seq,
    sender_id: sender,
    sender_name: sender === 'lawyer' ? 'Ерлан Ахметов' : 'Гость',
    kind: 'text',
    body,
    attachment: null,
    client_id: `x${seq}`,
    at: '2026-11-25T10:00:00Z',
  };
}

const bodies = (root: HTMLElement) =>
  [...root.querySelectorAll('[data-testid="chat-message"] .chat__body')].map((p) => p.textContent);

describe('Chat', () => {
  beforeEach(async () => {
    await initI18n('ru');
  });

  it('merges history and live messages, sends with Enter and shows delivery and typing', async () => {
    const { root, server } = mount(<Chat room={ROOM} selfId="citizen" />, (_method, path) =>
      path.startsWith('/api/v1/rooms/room1/messages') ? [200, { items: [message(1), message(2)], next: null }] : [404, {}],
    );
    expect(await until(() => bodies(root).length === 2)).toBe(true);
    await inAct(() => {
      server().accept();
    });
    expect(server().sent[0]).toEqual({ type: 'resume', room_id: 'room1', after_seq: 2 });
    await inAct(() => {
      server().push({ type: 'message', message: message(2) }); // a repeat
      server().push({ type: 'message', message: message(3) });
      server().push({ type: 'resumed', room_id: 'room1', last_seq: 3 });
    });
    expect(bodies(root)).toEqual(['сообщение 1', 'сообщение 2', 'сообщение 3']);
    expect(root.querySelector('.chat__kind')?.textContent).toBe('Юрист');
    expect(server().sent).toContainEqual({ type: 'read', room_id: 'room1', seq: 3 });

    const input = byTestId(root, 'chat-input') as HTMLTextAreaElement;
    await inAct(() => {
      input.value = 'Спасибо';
      input.dispatchEvent(new Event('input', { bubbles: true }));
      input.value = 'Спасибо!';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    // One typing notice for two keystrokes (at most one per 3 s).
    expect(server().sent.filter((m) => m.type === 'typing')).toHaveLength(1);
    await inAct(() => {
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', shiftKey: true, bubbles: true }));
    });
    expect(server().sent.filter((m) => m.type === 'send')).toHaveLength(0);
    await inAct(() => {
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    });
    const send = server().sent.find((m) => m.type === 'send');
    expect(send).toMatchObject({ room_id: 'room1', body: 'Спасибо!' });
    expect(input.value).toBe('');
    const states = () => [...root.querySelectorAll('[data-testid="chat-message-state"]')].map((p) => p.textContent);
    expect(states()).toEqual(['Отправляется…']);

    await inAct(() => {
      server().push({ type: 'ack', room_id: 'room1', client_id: send?.client_id, seq: 4 });
    });
    expect(states()).toEqual(['Отправлено']);
    await inAct(() => {
      server().push({ type: 'message', message: { ...message(4, 'citizen', 'Спасибо!'), client_id: send?.client_id } });
      server().push({ type: 'read', room_id: 'room1', user_id: 'lawyer', seq: 4 });
      server().push({ type: 'typing', room_id: 'room1', user_id: 'lawyer', display_name: 'Ерлан Ахметов' });
    });
    expect(bodies(root)).toEqual(['сообщение 1', 'сообщение 2', 'сообщение 3', 'Спасибо!']);
    expect(states()).toEqual(['Прочитано']);
    expect(byTestId(root, 'chat-typing')?.textContent).toBe('Ерлан Ахметов печатает…');

    // Losing the link is said at once.
    await inAct(() => {
      server().drop();
    });
    const banner = byTestId(root, 'connection-banner');
    expect(banner?.getAttribute('aria-live')).toBe('assertive');
    expect(banner?.textContent).toContain('Связь потеряна');

    const results = await axe.run(root, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((v) => v.id)).toEqual([]);
  });

  it('names a guest "Citizen" and translates system messages', async () => {
    const guest = { ...message(1, 'citizen', 'Здравствуйте'), sender_name: '' };
    const closed: Message = { ...message(2), sender_id: '', sender_name: '', kind: 'system', body: 'room.closed' };
    const noShow: Message = { ...closed, seq: 3, body: 'room.no_show' };
    const { root, server } = mount(<Chat room={ROOM} selfId="lawyer" />, (_method, path) =>
      path.startsWith('/api/v1/rooms/room1/messages') ? [200, { items: [guest, closed], next: null }] : [404, {}],
    );
    expect(await until(() => bodies(root).length === 2)).toBe(true);
    expect(root.querySelector('.chat__sender')?.textContent).toBe('Гражданин');
    expect(root.querySelector('.chat__kind')).toBeNull(); // not "Гражданин Гражданин"
    expect(bodies(root)).toEqual(['Здравствуйте', 'Консультация завершена.']);
    await inAct(() => {
      server().accept();
      server().push({ type: 'message', message: noShow });
      server().push({ type: 'typing', room_id: 'room1', user_id: 'citizen', display_name: '' });
    });
    expect(bodies(root)[2]).toBe('Консультация закрыта: гражданин не вышел на связь.');
    expect(byTestId(root, 'chat-typing')?.textContent).toBe('Гражданин печатает…');
  });

  it('shows a refused message as not sent, with the reason, to send again or dismiss', async () => {
    const { root, server } = mount(<Chat room={ROOM} selfId="citizen" />, (_method, path) =>
      path.startsWith('/api/v1/rooms/room1/messages') ? [200, { items: [], next: null }] : [404, {}],
    );
    await inAct(() => {
      server().accept();
    });
    const input = byTestId(root, 'chat-input') as HTMLTextAreaElement;
    const write = async (body: string) => {
      await inAct(() => {
        input.value = body;
        input.dispatchEvent(new Event('input', { bubbles: true }));
      });
      await inAct(() => {
        input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
      });
    };
    await write('Первое');
    await write('Второе');
    const [first, second] = server().sent.filter((m) => m.type === 'send');
    const states = () => [...root.querySelectorAll('[data-testid="chat-message-state"]')].map((p) => p.textContent);
    const reasons = () => [...root.querySelectorAll('[data-testid="chat-message-reason"]')].map((p) => p.textContent);
    await inAct(() => {
      // No room_id in a refusal: the client_id says whose it is.
      server().push({ type: 'error', code: 'forbidden', message: 'У вас нет прав на это действие.', client_id: first?.client_id });
      server().push({ type: 'error', code: 'too_long', message: 'Не длиннее 4000 символов.', client_id: second?.client_id });
    });
    expect(states()).toEqual(['Не отправлено', 'Не отправлено']);
    expect(reasons()).toEqual(['Писать в этой консультации могут только её участники.', 'Не длиннее 4000 символов.']);
    expect(byTestId(root, 'chat-failed')?.textContent).toMatch(/^2 сообщения не отправлены\./);
    const results = await axe.run(root, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((v) => v.id)).toEqual([]);

    // Sent again under the same client_id: "sending…", then delivered.
    const sentBefore = server().sent.length;
    await inAct(() => {
      (root.querySelectorAll('[data-testid="chat-retry"]')[0] as HTMLButtonElement).click();
    });
    expect(server().sent.slice(sentBefore)).toEqual([{ type: 'send', room_id: 'room1', client_id: first?.client_id, body: 'Первое' }]);
    expect(states()).toEqual(['Отправляется…', 'Не отправлено']);
    expect(byTestId(root, 'chat-failed')?.textContent).toMatch(/^1 сообщение не отправлено\./);
    await inAct(() => {
      server().push({ type: 'ack', room_id: 'room1', client_id: first?.client_id, seq: 1, message: { ...message(1, 'citizen', 'Первое'), client_id: first?.client_id } });
    });
    expect(bodies(root)).toEqual(['Первое', 'Второе']);
    // Dismissed: gone, and nothing is announced any more.
    await inAct(() => {
      (byTestId(root, 'chat-dismiss') as HTMLButtonElement).click();
    });
    expect(bodies(root)).toEqual(['Первое']);
    expect(states()).toEqual(['Отправлено']);
    expect(byTestId(root, 'chat-failed')?.textContent).toBe('');
  });

  it('tells someone who is not in the room that its conversation is for its participants, and loads nothing', async () => {
    const { root, server, calls } = mount(<Chat room={ROOM} selfId="coordinator" />, () => [404, {}]);
    await inAct(() => {
      server().accept();
    });
    expect(byTestId(root, 'chat-readonly')?.textContent).toBe(
      'Вы наблюдаете за этой консультацией. Разговор остаётся между её участниками: читать и писать в нём могут только они.',
    );
    expect(byTestId(root, 'chat')?.getAttribute('data-mode')).toBe('watch');
    expect(byTestId(root, 'chat-input')).toBeNull();
    expect(byTestId(root, 'chat-messages')).toBeNull();
    expect(byTestId(root, 'chat-typing')).toBeNull();
    // The server would refuse all of it: no history, no resume, no read marker or typing.
    expect(calls).toEqual([]);
    expect(server().sent).toEqual([]);
    const results = await axe.run(root, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((v) => v.id)).toEqual([]);

    // A specialist who has left the room watches it too.
    const left = { ...ROOM, members: ROOM.members.map((m) => (m.user_id === 'lawyer' ? { ...m, left_at: 'x' } : m)) };
    const other = mount(<Chat room={left} selfId="lawyer" />, () => [404, {}]);
    expect(byTestId(other.root, 'chat-readonly')).not.toBeNull();
    expect(byTestId(other.root, 'chat-input')).toBeNull();
  });
});
