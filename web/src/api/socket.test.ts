// The socket client against a fake WebSocket and fake timers: reconnect with backoff,
// resume per room, in-order once-only delivery, the outbox until ack, board watches.
import { describe, expect, it } from 'vitest';
import { KelisimSocket, socketUrl, type ConnectionState, type SocketLike } from './socket';
import type { Message } from './types';

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: Record<string, unknown>[] = [];
  closed = false;
  onopen: ((event: unknown) => void) | null = null;
  onclose: ((event: unknown) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  send(data: string) {
    if (this.readyState !== 1) throw new Error('not open');
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }
  close() {
    this.closed = true;
    this.readyState = 3;
  }
  // Server side of the fake:
  accept() {
    this.readyState = 1;
    this.onopen?.({});
  }
  drop() {
    this.readyState = 3;
    this.onclose?.({});
  }
  push(event: unknown) {
    this.onmessage?.({ data: JSON.stringify(event) });
  }
}

function harness({ random = 0.5 } = {}) {
  const sockets: FakeSocket[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  let ids = 0;
  const socket = new KelisimSocket({
    url: 'ws://test/ws',
    open: () => {
      const fake = new FakeSocket();
      sockets.push(fake);
      return fake;
    },
    random: () => random,
    newId: () => `c${++ids}`,
    setTimer: (fn, ms) => {
      timers.push({ fn, ms });
      return timers.length;
    },
    clearTimer: () => undefined,
  });
  const states: ConnectionState[] = [];
  socket.onState((state) => states.push(state));
  const last = () => {
    const fake = sockets[sockets.length - 1];
    if (!fake) throw new Error('no socket');
    return fake;
  };
  const fireTimer = () => {
    const timer = timers.shift();
    if (!timer) throw new Error('no timer');
    timer.fn();
  };
  return { socket, sockets, timers, states, last, fireTimer };
}

function message(seq: number, room = 'r1', extra: Partial<Message> = {}): Message {
  return {
    room_id: room,
    seq,
    sender_id: 's1',
    sender_name: 'Айгүл',
    kind: 'text',
    body: `m${seq}`,
    attachment: null,
    client_id: `x${seq}`,
    at: '2026-11-25T10:00:00Z',
    ...extra,
  };
}

describe('KelisimSocket', () => {
  it('builds ws: or wss: URLs from the page origin', () => {
    expect(socketUrl({ protocol: 'http:', host: 'localhost:8080' })).toBe('ws://localhost:8080/ws');
    expect(socketUrl({ protocol: 'https:', host: 'kelisim.kz' })).toBe('wss://kelisim.kz/ws');
  });

  it('reconnects with growing, jittered, capped delays and resets after success', () => {
    const { socket, timers, states, last, fireTimer } = harness({ random: 0.5 });
    socket.start();
    expect(states).toEqual(['connecting']);
    last().drop();
    expect(states).toEqual(['connecting', 'reconnecting']);
    const delays: number[] = [];
    for (let i = 0; i < 10; i += 1) {
      delays.push(timers[0]?.ms ?? -1);
      fireTimer();
      last().drop();
    }
    // Half (random 0.5) of 500·2^n, capped at 30 s.
    expect(delays).toEqual([250, 500, 1000, 2000, 4000, 8000, 15000, 15000, 15000, 15000]);
    fireTimer();
    last().accept();
    expect(socket.state).toBe('open');
    last().drop();
    expect(timers[0]?.ms).toBe(250);
  });

  it('uses full jitter: a random factor of 0 retries at once', () => {
    const { socket, timers, last } = harness({ random: 0 });
    socket.start();
    last().drop();
    expect(timers[0]?.ms).toBe(0);
  });

  it('delivers typed events to their subscribers only, until unsubscribed', () => {
    const { socket, last } = harness();
    socket.start();
    last().accept();
    const tickets: number[] = [];
    const stop = socket.on('ticket', (event) => tickets.push(event.ticket.place ?? -1));
    let offers = 0;
    socket.on('offer', () => (offers += 1));
    last().push({ type: 'ticket', ticket: { place: 3 } });
    last().push({ type: 'ticket', ticket: { place: 2 } });
    last().onmessage?.({ data: 'not json' });
    last().push({ no: 'type' });
    stop();
    last().push({ type: 'ticket', ticket: { place: 1 } });
    expect(tickets).toEqual([3, 2]);
    expect(offers).toBe(0);
  });

  it('resumes each joined room after the last seq on every (re)connect', () => {
    const { socket, last, fireTimer } = harness();
    const got: number[] = [];
    socket.on('message', (event) => got.push(event.message.seq));
    socket.joinRoom('r1', 4);
    socket.start();
    last().accept();
    expect(last().sent).toEqual([{ type: 'resume', room_id: 'r1', after_seq: 4 }]);
    last().push({ type: 'message', message: message(5) });
    last().push({ type: 'resumed', room_id: 'r1', last_seq: 5 });
    last().push({ type: 'message', message: message(6) });
    last().drop();
    fireTimer();
    last().accept();
    expect(last().sent).toEqual([{ type: 'resume', room_id: 'r1', after_seq: 6 }]);
    // The server repeats 6 (already seen) and sends 7.
    last().push({ type: 'message', message: message(6) });
    last().push({ type: 'message', message: message(7) });
    expect(got).toEqual([5, 6, 7]);
    expect(socket.lastSeq('r1')).toBe(7);
  });

  it('asks for the next page of a long catch-up once a page is taken in', () => {
    const { socket, last } = harness();
    const got: number[] = [];
    socket.on('message', (event) => got.push(event.message.seq));
    socket.joinRoom('r1');
    socket.start();
    last().accept();
    last().sent = [];
    last().push({ type: 'message', message: message(1) });
    last().push({ type: 'message', message: message(2) });
    last().push({ type: 'resumed', room_id: 'r1', last_seq: 2, more: true });
    expect(last().sent).toEqual([{ type: 'resume', room_id: 'r1', after_seq: 2 }]);
    last().sent = [];
    last().push({ type: 'message', message: message(3) });
    last().push({ type: 'resumed', room_id: 'r1', last_seq: 3, more: false });
    expect(last().sent).toEqual([]);
    expect(got).toEqual([1, 2, 3]);
  });

  it('delivers in seq order, drops duplicates and asks to resume across a gap', () => {
    const { socket, last } = harness();
    const got: string[] = [];
    socket.on('message', (event) => got.push(event.message.body));
    socket.start();
    last().accept();
    socket.joinRoom('r1');
    last().push({ type: 'resumed', room_id: 'r1', last_seq: 0 });
    last().sent = [];
    socket.ingest([message(1), message(2)]); // history over HTTP
    last().push({ type: 'message', message: message(2) }); // the same over the socket
    last().push({ type: 'message', message: message(4) }); // 3 is missing
    expect(got).toEqual(['m1', 'm2']);
    expect(last().sent).toEqual([{ type: 'resume', room_id: 'r1', after_seq: 2 }]);
    last().push({ type: 'message', message: message(3) });
    last().push({ type: 'message', message: message(4) });
    last().push({ type: 'resumed', room_id: 'r1', last_seq: 4 });
    expect(got).toEqual(['m1', 'm2', 'm3', 'm4']);
  });

  it('delivers the message an ack carries, in order and before the ack', () => {
    const { socket, last } = harness();
    const seen: string[] = [];
    socket.on('message', (event) => seen.push(`message ${event.message.seq}`));
    socket.on('ack', (event) => seen.push(`ack ${event.seq}`));
    socket.start();
    last().accept();
    socket.joinRoom('r1');
    last().push({ type: 'resumed', room_id: 'r1', last_seq: 0 });
    const id = socket.send('r1', 'Сәлеметсіз бе');
    last().push({ type: 'ack', room_id: 'r1', client_id: id, seq: 1, message: message(1, 'r1', { client_id: id }) });
    last().push({ type: 'message', message: message(2) });
    expect(seen).toEqual(['message 1', 'ack 1', 'message 2']);
    expect(socket.lastSeq('r1')).toBe(2);
    expect(socket.outbox('r1')).toEqual([]);
  });

  it('skips a seq the server says does not exist', () => {
    const { socket, last } = harness();
    const got: number[] = [];
    socket.on('message', (event) => got.push(event.message.seq));
    socket.start();
    last().accept();
    socket.joinRoom('r1');
    last().push({ type: 'message', message: message(1) });
    last().push({ type: 'message', message: message(3) });
    last().push({ type: 'resumed', room_id: 'r1', last_seq: 3 });
    expect(got).toEqual([1, 3]);
  });

  it('passes messages of rooms nobody joined straight through, and forgets a left room', () => {
    const { socket, last } = harness();
    const got: number[] = [];
    socket.on('message', (event) => got.push(event.message.seq));
    socket.start();
    last().accept();
    const leave = socket.joinRoom('r1');
    const leaveAgain = socket.joinRoom('r1');
    leave();
    leave(); // idempotent
    last().push({ type: 'message', message: message(1) });
    last().push({ type: 'message', message: message(1) });
    leaveAgain();
    last().push({ type: 'message', message: message(1) });
    expect(got).toEqual([1, 1]);
    expect(socket.lastSeq('r1')).toBe(0);
  });

  it('keeps messages in the outbox and re-sends them after reconnect until acknowledged', () => {
    const { socket, last, fireTimer } = harness();
    const acks: string[] = [];
    socket.on('ack', (event) => acks.push(event.client_id));
    socket.start();
    const offline = socket.send('r1', 'Сәлеметсіз бе'); // not yet connected
    last().accept();
    expect(last().sent).toEqual([{ type: 'send', room_id: 'r1', client_id: offline, body: 'Сәлеметсіз бе' }]);
    const second = socket.send('r1', 'Второе');
    expect(socket.outbox('r1').map((e) => e.client_id)).toEqual([offline, second]);
    last().push({ type: 'ack', room_id: 'r1', client_id: offline, seq: 1 });
    expect(socket.outbox('r1').map((e) => e.client_id)).toEqual([second]);
    last().drop(); // the ack of the second message was lost
    fireTimer();
    last().accept();
    expect(last().sent).toEqual([{ type: 'send', room_id: 'r1', client_id: second, body: 'Второе' }]);
    last().push({ type: 'ack', room_id: 'r1', client_id: second, seq: 2 });
    expect(socket.outbox('r1')).toEqual([]);
    expect(acks).toEqual([offline, second]);
    // Nothing is re-sent once acknowledged.
    last().drop();
    fireTimer();
    last().accept();
    expect(last().sent).toEqual([]);
  });

  it('sends its preludes first on a reconnect, before resuming rooms and the outbox', () => {
    const { socket, last, fireTimer } = harness();
    socket.start();
    last().accept();
    const enter = { type: 'conf.enter', conference_id: 'k1' } as const;
    const stop = socket.prelude(enter);
    expect(last().sent).toEqual([]); // not sent now: the page sends it when it means it
    socket.joinRoom('conf-k1');
    const id = socket.send('conf-k1', 'Сәлем');
    last().drop();
    fireTimer();
    last().accept();
    expect(last().sent).toEqual([
      enter,
      { type: 'resume', room_id: 'conf-k1', after_seq: 0 },
      { type: 'send', room_id: 'conf-k1', client_id: id, body: 'Сәлем' },
    ]);
    stop();
    last().drop();
    fireTimer();
    last().accept();
    expect(last().sent[0]).toEqual({ type: 'resume', room_id: 'conf-k1', after_seq: 0 });
  });

  it('sends a message again shortly when the server was too busy to take it', () => {
    const { socket, last, timers, fireTimer } = harness();
    socket.start();
    last().accept();
    const id = socket.send('r1', 'Сұрақ');
    last().push({ type: 'error', code: 'busy', client_id: id, message: 'busy' });
    expect(timers.map((t) => t.ms)).toEqual([1500]); // 1 s plus jitter
    expect(socket.outbox('r1').map((e) => e.client_id)).toEqual([id]);
    fireTimer();
    expect(last().sent.filter((m) => m.type === 'send')).toHaveLength(2);
    last().push({ type: 'ack', room_id: 'r1', client_id: id, seq: 1 });
    last().push({ type: 'error', code: 'busy', client_id: id }); // late: nothing left to send
    fireTimer();
    expect(last().sent.filter((m) => m.type === 'send')).toHaveLength(2);
  });

  it('drops a refused message from the outbox, tells the page, and retries it under its own id', () => {
    const { socket, last, timers, fireTimer } = harness();
    socket.start();
    last().accept();
    const errors: unknown[] = [];
    socket.on('error', (event) => errors.push(event));
    const id = socket.send('r1', 'Сұрақ');
    const refusal = { type: 'error', code: 'forbidden', message: 'Нет прав.', client_id: id };
    last().push(refusal);
    expect(errors).toEqual([refusal]);
    expect(socket.outbox('r1')).toEqual([]);
    expect(socket.refused('r1')).toEqual([{ room_id: 'r1', client_id: id, body: 'Сұрақ', code: 'forbidden', message: 'Нет прав.' }]);
    expect(socket.refused('r2')).toEqual([]);
    expect(timers).toHaveLength(0); // no retry of its own
    // A reconnect does not send it again.
    last().drop();
    fireTimer();
    last().accept();
    expect(last().sent.filter((m) => m.type === 'send')).toEqual([]);
    // Retried by hand: the same client_id, so the server stores it once at most.
    expect(socket.send('r1', 'Сұрақ', id)).toBe(id);
    expect(last().sent.filter((m) => m.type === 'send')).toEqual([{ type: 'send', room_id: 'r1', client_id: id, body: 'Сұрақ' }]);
    expect(socket.refused('r1')).toEqual([]);
    // Refused again, then dismissed: forgotten.
    last().push(refusal);
    expect(socket.refused('r1')).toHaveLength(1);
    socket.forget(id);
    expect(socket.refused('r1')).toEqual([]);
  });

  it('sends the resumes before the outbox, and re-watches boards', () => {
    const { socket, last, fireTimer } = harness();
    socket.start();
    last().accept();
    socket.joinRoom('r1');
    const stopWatching = socket.watchBoard('rec1');
    last().push({ type: 'resumed', room_id: 'r1', last_seq: 0 });
    last().drop();
    const id = socket.send('r1', 'hi');
    fireTimer();
    last().accept();
    expect(last().sent.map((m) => m.type)).toEqual(['resume', 'watch_board', 'send']);
    expect(last().sent[2]).toMatchObject({ client_id: id });
    stopWatching();
    last().drop();
    fireTimer();
    last().accept();
    expect(last().sent.map((m) => m.type)).toEqual(['resume', 'send']);
  });

  it('typing and read go out only while connected; stop() closes and stays closed', () => {
    const { socket, sockets, timers, last } = harness();
    socket.start();
    socket.typing('r1'); // dropped: not connected
    last().accept();
    socket.typing('r1');
    socket.read('r1', 9);
    expect(last().sent).toEqual([
      { type: 'typing', room_id: 'r1' },
      { type: 'read', room_id: 'r1', seq: 9 },
    ]);
    socket.stop();
    expect(last().closed).toBe(true);
    expect(socket.state).toBe('idle');
    expect(timers).toEqual([]);
    expect(sockets).toHaveLength(1);
  });

  it('retryNow() skips the wait when the browser is back online', () => {
    const { socket, sockets, last } = harness();
    socket.start();
    last().drop();
    socket.retryNow();
    expect(sockets).toHaveLength(2);
    expect(socket.state).toBe('reconnecting');
    // Again while that attempt is under way: it is closed, not left behind.
    socket.retryNow();
    expect(sockets).toHaveLength(3);
    expect(sockets[1]?.closed).toBe(true);
  });

  it('dropNow() gives up an open socket at once and resumes after the reconnect', () => {
    const { socket, sockets, timers, last, fireTimer } = harness();
    socket.start();
    last().accept();
    socket.joinRoom('r1');
    last().push({ type: 'message', message: message(1) });
    socket.dropNow();
    expect(sockets[0]?.closed).toBe(true);
    expect(socket.state).toBe('reconnecting');
    expect(timers).toHaveLength(1);
    const id = socket.send('r1', 'written offline');
    fireTimer();
    last().accept();
    expect(last().sent).toEqual([
      { type: 'resume', room_id: 'r1', after_seq: 1 },
      { type: 'send', room_id: 'r1', client_id: id, body: 'written offline' },
    ]);
    socket.stop();
    socket.dropNow(); // stopped: nothing to do
    expect(socket.state).toBe('idle');
  });
});

describe('KelisimSocket media signalling', () => {
  it('sends echo messages once while open and never queues them for a reconnect', () => {
    const { socket, last, fireTimer } = harness();
    socket.start();
    expect(socket.sendNow({ type: 'echo.offer', sdp: 'v=0' })).toBe(false); // not open yet
    last().accept();
    expect(socket.sendNow({ type: 'echo.offer', sdp: 'v=0' })).toBe(true);
    const candidate = { candidate: 'candidate:1 1 udp 1 10.0.0.2 5000 typ host', sdpMid: '0', sdpMLineIndex: 0 };
    expect(socket.sendNow({ type: 'echo.candidate', candidate })).toBe(true);
    expect(socket.sendNow({ type: 'echo.candidate', completed: true })).toBe(true);
    expect(socket.sendNow({ type: 'echo.stop' })).toBe(true);
    expect(last().sent).toEqual([
      { type: 'echo.offer', sdp: 'v=0' },
      { type: 'echo.candidate', candidate },
      { type: 'echo.candidate', completed: true },
      { type: 'echo.stop' },
    ]);
    last().drop();
    expect(socket.sendNow({ type: 'echo.stop' })).toBe(false);
    fireTimer();
    last().accept();
    expect(last().sent).toEqual([]); // nothing of the echo is sent again
  });

  it('answers false when the browser refuses to send', () => {
    const { socket, last } = harness();
    socket.start();
    last().accept();
    last().send = () => {
      throw new Error('closing');
    };
    expect(socket.sendNow({ type: 'echo.stop' })).toBe(false);
  });

  it('delivers the answer, media events and scoped errors, leaving the chat outbox alone', () => {
    const { socket, last, timers } = harness();
    socket.start();
    last().accept();
    const seen: unknown[] = [];
    socket.on('echo.answer', (event) => seen.push(['answer', event.sdp]));
    socket.on('media.event', (event) => seen.push(['event', event.scope, event.event]));
    socket.on('error', (event) => seen.push(['error', event.scope, event.code, event.message]));
    const id = socket.send('r1', 'Сәлем');
    last().push({ type: 'echo.answer', sdp: 'v=0 answer' });
    last().push({ type: 'media.event', scope: 'echo', event: 'connected' });
    last().push({ type: 'media.event', scope: 'echo', event: 'slowlink' });
    last().push({ type: 'error', code: 'busy', message: 'Сервер занят, попробуйте позже.', scope: 'echo' });
    expect(seen).toEqual([
      ['answer', 'v=0 answer'],
      ['event', 'echo', 'connected'],
      ['event', 'echo', 'slowlink'],
      ['error', 'echo', 'busy', 'Сервер занят, попробуйте позже.'],
    ]);
    // A busy media error is not a chat message's: nothing is retried, the outbox keeps its own.
    expect(socket.outbox('r1').map((entry) => entry.client_id)).toEqual([id]);
    expect(socket.refused('r1')).toEqual([]);
    expect(timers).toEqual([]);
  });
});
