// The tab's one WebSocket to /ws (docs/reception-api.md, "WebSocket events").
//
// - Reconnects by itself with exponential backoff and full jitter (and at once when the
//   browser says it is online again), so a weak mobile link only pauses the conversation.
//   When the browser says it went offline the socket counts as lost at once: an open
//   WebSocket may otherwise look alive for minutes while nothing gets through.
// - Chat messages go through an outbox keyed by client_id: each is sent again after every
//   reconnect until its `ack` arrives (the server stores a client_id once), or until the
//   server refuses it (an `error` naming its client_id, other than `busy`): a refused
//   message leaves the outbox and is kept with the server's reason (`refused`), so that a
//   page opened later still shows it as not sent, until it is retried or dismissed.
// - Per joined room it keeps the last sequence number delivered in order; on (re)connect it
//   asks the server to `resume` after it. Messages are handed to subscribers strictly in
//   seq order, each once: duplicates are dropped, and a message past a gap waits until the
//   gap is filled (a `resume` is asked for it).
// - Subscriptions (`watch_board`) are sent again after a reconnect.
// - Preludes go out first on every (re)connect, before rooms are resumed and the outbox is sent
//   again: a conference's chat is the room "conf-<id>", readable only once the page is back
//   in the conference (`conf.enter`), and the server takes a connection's messages in order.
// - Media signalling (`echo.*`, `call.*`) and the live conference (`conf.*`) go out through sendNow(), once and only while
//   connected: an offer or an ICE candidate means nothing on a later connection, so it is
//   never queued.
// Single-threaded like the page; the socket, timers, randomness and ids are injected.
import type { Board, Desk, Message, Offer, Room, Ticket } from './types';

export type ServerEvent =
  | { type: 'ticket'; ticket: Ticket }
  | { type: 'place'; ticket_id: string; place: number; estimated_wait_seconds: number | null }
  | { type: 'offer'; offer: Offer }
  | { type: 'offer_withdrawn'; ticket_id: string }
  | { type: 'desk'; desk: Desk }
  | { type: 'room'; room: Room }
  | { type: 'message'; message: Message }
  | { type: 'ack'; room_id: string; client_id: string; seq: number; message?: Message }
  | { type: 'typing'; room_id: string; user_id: string; display_name: string }
  | { type: 'read'; room_id: string; user_id: string; seq: number }
  | { type: 'resumed'; room_id: string; last_seq: number; more?: boolean }
  | { type: 'board'; board: Board }
  | { type: 'echo.answer'; sdp: string }
  | { type: 'call.joined'; room_id: string; sdp: string; publishers: string[] }
  | { type: 'call.watching'; room_id: string; publishers: string[] }
  | { type: 'call.offer'; room_id: string; feed: string; sdp: string }
  /** Who publishes in the room's call now (the answer to call.who), oneself left out. */
  | { type: 'call.people'; room_id: string; people: string[] }
  /** `removed`, with one's own id: no longer a member of the room, or it closed (the server ended the media). */
  | { type: 'call.member'; room_id: string; user_id: string; event: 'joined' | 'left' | 'removed' }
  | { type: 'call.mode'; room_id: string; user_id: string; mode: string; reason: string }
  | { type: 'call.caucus'; room_id: string; state: 'started' | 'ended'; host: string; party: string }
  | { type: 'conf.entered'; conference_id: string; place: StagePlace }
  | ConferenceState
  | { type: 'conf.you'; conference_id: string; event: 'admitted' | 'denied' | 'removed' }
  | {
      type: 'media.event';
      scope: MediaScope;
      event: MediaEventName;
      /** A call's room (scope `call`). */
      room_id?: string;
      /** A call's link: '' for one's own publication, else the user id received. */
      feed?: string;
      detail?: string;
    }
  | {
      type: 'error';
      code?: string;
      message?: string;
      detail?: string;
      client_id?: string;
      room_id?: string;
      /** What a media error is about (`echo`, or `call` with its room_id, or a live
       * `conference` with its conference_id); absent for the chat's errors. */
      scope?: MediaScope | 'conference';
      conference_id?: string;
      field?: string;
    };

/** Where a person is in a live conference. */
export type StagePlace = 'stage' | 'audience' | 'lobby';
export interface StagePerson {
  user_id: string;
  name: string;
  part: 'moderator' | 'speaker' | 'guest';
}
/** The live conference after a change; `people` and `lobby` go to moderators only. */
export interface ConferenceState {
  type: 'conf.state';
  conference_id: string;
  speakers: StagePerson[];
  hands: StagePerson[];
  muted: string[];
  audience: number;
  people?: StagePerson[];
  lobby?: StagePerson[];
}

/** Which media session a `media.event` or an `error` is about. */
export type MediaScope = 'echo' | 'call';
/** From the media engine: media flows (`connected`), it hung up, the link is lossy, or the
 * engine restarted and the handle is `gone`. */
export type MediaEventName = 'connected' | 'hangup' | 'slowlink' | 'gone';
/** The codes of a media `error`; its `message` is in the user's language. */
export type MediaErrorCode =
  | 'media_unavailable'
  | 'busy'
  | 'invalid_message'
  | 'sdp_too_large'
  | 'forbidden'
  | 'not_found';

/** An ICE candidate as trickled to the server (RTCIceCandidateInit without nulls). */
export interface IceCandidateMessage {
  candidate: string;
  sdpMid?: string;
  sdpMLineIndex?: number;
}

export type EventType = ServerEvent['type'];
export type EventOf<T extends EventType> = Extract<ServerEvent, { type: T }>;

export type ClientMessage =
  | { type: 'send'; room_id: string; client_id: string; body: string }
  | { type: 'resume'; room_id: string; after_seq: number }
  | { type: 'typing'; room_id: string }
  | { type: 'read'; room_id: string; seq: number }
  | { type: 'watch_board'; reception_id: string }
  | { type: 'echo.offer'; sdp: string }
  | { type: 'echo.candidate'; candidate: IceCandidateMessage }
  | { type: 'echo.candidate'; completed: true }
  | { type: 'echo.stop' }
  | { type: 'call.join'; room_id: string; sdp: string }
  | { type: 'call.receive'; room_id: string; feed: string }
  | { type: 'call.answer'; room_id: string; feed: string; sdp: string }
  | { type: 'call.candidate'; room_id: string; feed?: string; candidate: IceCandidateMessage }
  | { type: 'call.candidate'; room_id: string; feed?: string; completed: true }
  | { type: 'call.leave'; room_id: string }
  | { type: 'call.who'; room_id: string }
  | { type: 'call.report'; room_id: string; kind: 'mode'; detail: string }
  | { type: 'call.report'; room_id: string; kind: 'callback' | 'relayed' }
  | { type: 'call.layer'; room_id: string; feed: string; layer: 'high' | 'medium' | 'low' | 'none' }
  | { type: 'call.caucus.start'; room_id: string; with: string }
  | { type: 'call.caucus.end'; room_id: string }
  | { type: 'call.watch'; room_id: string }
  | { type: 'conf.enter' | 'conf.leave'; conference_id: string }
  | { type: 'conf.hand'; conference_id: string; up: boolean }
  | { type: 'conf.admit' | 'conf.deny' | 'conf.remove'; conference_id: string; user_id: string }
  | { type: 'conf.stage'; conference_id: string; user_id: string; on: boolean }
  | { type: 'conf.mute'; conference_id: string; user_id: string; muted: boolean };

/** `connecting`: first attempt; `reconnecting`: the link was lost and we are retrying. */
export type ConnectionState = 'idle' | 'connecting' | 'open' | 'reconnecting';

/** What we use of a browser WebSocket (tests pass a fake). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
}

export interface OutboxEntry {
  room_id: string;
  client_id: string;
  body: string;
}

/** A message the server refused, with its code and its words for why. */
export interface RefusedEntry extends OutboxEntry {
  code: string;
  message: string;
}

export interface SocketOptions {
  url: string;
  open: (url: string) => SocketLike;
  random?: () => number;
  newId?: () => string;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
  baseDelayMs?: number;
  maxDelayMs?: number;
}

const OPEN = 1;

interface RoomTrack {
  /** How many components joined it; the room is forgotten at zero. */
  users: number;
  /** The highest seq delivered with every lower one delivered too. */
  lastSeq: number;
  /** Messages that arrived past a gap, by seq. */
  early: Map<number, Message>;
  resuming: boolean;
}

type Handler = (event: ServerEvent) => void;

export class KelisimSocket {
  private readonly options: Required<SocketOptions>;
  private socket: SocketLike | null = null;
  private stateValue: ConnectionState = 'idle';
  private attempt = 0;
  private timer: unknown = null;
  private stopped = true;
  private readonly handlers = new Map<EventType, Set<Handler>>();
  private readonly stateHandlers = new Set<(state: ConnectionState) => void>();
  private readonly rooms = new Map<string, RoomTrack>();
  private readonly boards = new Map<string, number>();
  private readonly preludes = new Set<ClientMessage>();
  private readonly outboxEntries = new Map<string, OutboxEntry>();
  private readonly refusedEntries = new Map<string, RefusedEntry>();

  constructor(options: SocketOptions) {
    this.options = {
      random: Math.random,
      newId: () => crypto.randomUUID(),
      setTimer: (fn, ms) => setTimeout(fn, ms),
      clearTimer: (timer) => {
        clearTimeout(timer as ReturnType<typeof setTimeout>);
      },
      baseDelayMs: 500,
      maxDelayMs: 30_000,
      ...options,
    };
  }

  get state(): ConnectionState {
    return this.stateValue;
  }

  /** Opens the connection (idempotent); it then stays up until stop(). */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.cancelTimer();
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.onclose = null;
      socket.close();
    }
    this.setState('idle');
  }

  /** Retries now instead of waiting out the backoff (the browser came back online). */
  retryNow(): void {
    if (this.stopped || this.stateValue === 'open' || this.stateValue === 'connecting') return;
    this.cancelTimer();
    this.connect();
  }

  /** Gives up the current connection now (the browser went offline) and retries as after a loss. */
  dropNow(): void {
    if (this.stopped || !this.socket) return;
    this.discardSocket();
    this.scheduleReconnect();
  }

  on<T extends EventType>(type: T, handler: (event: EventOf<T>) => void): () => void {
    const set = this.handlers.get(type) ?? new Set<Handler>();
    this.handlers.set(type, set);
    const wrapped = handler as Handler;
    set.add(wrapped);
    return () => {
      set.delete(wrapped);
    };
  }

  onState(handler: (state: ConnectionState) => void): () => void {
    this.stateHandlers.add(handler);
    return () => {
      this.stateHandlers.delete(handler);
    };
  }

  /**
   * Follows a room: its messages are delivered in order from after `afterSeq`, and it is
   * resumed on every (re)connect. Returns the function that stops following it.
   */
  joinRoom(roomId: string, afterSeq = 0): () => void {
    let room = this.rooms.get(roomId);
    if (!room) {
      room = { users: 0, lastSeq: afterSeq, early: new Map(), resuming: false };
      this.rooms.set(roomId, room);
      this.resume(roomId, room);
    }
    room.users += 1;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      const track = this.rooms.get(roomId);
      if (track && --track.users <= 0) this.rooms.delete(roomId);
    };
  }

  /** The last seq delivered in order for a joined room (0 before any). */
  lastSeq(roomId: string): number {
    return this.rooms.get(roomId)?.lastSeq ?? 0;
  }

  /** Feeds messages loaded over HTTP through the same in-order, once-only filter. */
  ingest(messages: readonly Message[]): void {
    for (const message of messages) this.receiveMessage(message);
  }

  /**
   * Queues a chat message; returns its client_id. It is sent (again) until acknowledged or
   * refused. A retry passes the refused message's client_id: were it stored after all, the
   * server acknowledges it instead of storing it twice.
   */
  send(roomId: string, body: string, clientId: string = this.options.newId()): string {
    const entry: OutboxEntry = { room_id: roomId, client_id: clientId, body };
    this.refusedEntries.delete(clientId);
    this.outboxEntries.set(entry.client_id, entry);
    this.write({ type: 'send', ...entry });
    return entry.client_id;
  }

  /** Messages of a room still waiting for their ack, oldest first. */
  outbox(roomId: string): OutboxEntry[] {
    return [...this.outboxEntries.values()].filter((entry) => entry.room_id === roomId);
  }

  /** Messages of a room the server refused, oldest first (until retried or forgotten). */
  refused(roomId: string): RefusedEntry[] {
    return [...this.refusedEntries.values()].filter((entry) => entry.room_id === roomId);
  }

  /** Forgets a refused message (the writer dismissed it). */
  forget(clientId: string): void {
    this.refusedEntries.delete(clientId);
  }

  typing(roomId: string): void {
    this.write({ type: 'typing', room_id: roomId });
  }

  read(roomId: string, seq: number): void {
    this.write({ type: 'read', room_id: roomId, seq });
  }

  /** Receives `board` events for a reception until the returned function is called. */
  watchBoard(receptionId: string): () => void {
    this.boards.set(receptionId, (this.boards.get(receptionId) ?? 0) + 1);
    this.write({ type: 'watch_board', reception_id: receptionId });
    let left = false;
    return () => {
      if (left) return;
      left = true;
      const count = (this.boards.get(receptionId) ?? 1) - 1;
      if (count <= 0) this.boards.delete(receptionId);
      else this.boards.set(receptionId, count);
    };
  }

  /**
   * Sends a message once, now, if the socket is open; answers whether it went out. Nothing
   * is queued or sent again after a reconnect: for signalling (an offer, a candidate) a new
   * connection means starting over.
   */
  sendNow(message: ClientMessage): boolean {
    if (!this.isOpen()) return false;
    try {
      this.socket?.send(JSON.stringify(message));
      return true;
    } catch {
      return false;
    }
  }

  // ── connection ────────────────────────────────────────────────────────────────

  private connect(): void {
    this.discardSocket(); // an attempt still under way (retryNow) is replaced, not leaked
    this.setState(this.attempt === 0 ? 'connecting' : 'reconnecting');
    let socket: SocketLike;
    try {
      socket = this.options.open(this.options.url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      if (this.socket !== socket) return;
      this.attempt = 0;
      this.setState('open');
      this.afterOpen();
    };
    socket.onmessage = (event) => {
      if (this.socket === socket && typeof event.data === 'string') this.receive(event.data);
    };
    socket.onerror = () => {
      // A close event follows; that is where we reconnect.
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.scheduleReconnect();
    };
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    this.setState('reconnecting');
    const { baseDelayMs, maxDelayMs, random } = this.options;
    const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.min(this.attempt, 16));
    this.attempt += 1;
    const delay = Math.floor(random() * ceiling);
    this.timer = this.options.setTimer(() => {
      this.timer = null;
      this.connect();
    }, delay);
  }

  private discardSocket(): void {
    const socket = this.socket;
    this.socket = null;
    if (!socket) return;
    socket.onopen = null;
    socket.onmessage = null;
    socket.onclose = null;
    try {
      socket.close();
    } catch {
      // Closing a socket that never opened may throw in some browsers; it is gone either way.
    }
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.options.clearTimer(this.timer);
    this.timer = null;
  }

  /**
   * Sends `message` first on every later (re)connect until the returned function is called
   * (it is not sent now: the caller sends it itself when it means it).
   */
  prelude(message: ClientMessage): () => void {
    this.preludes.add(message);
    return () => {
      this.preludes.delete(message);
    };
  }

  /** Sends the preludes, resumes every room and subscription, then sends what is still
   * unacknowledged. */
  private afterOpen(): void {
    for (const message of this.preludes) this.write(message);
    for (const [roomId, room] of this.rooms) {
      room.resuming = false;
      this.resume(roomId, room);
    }
    for (const receptionId of this.boards.keys()) this.write({ type: 'watch_board', reception_id: receptionId });
    for (const entry of this.outboxEntries.values()) this.write({ type: 'send', ...entry });
  }

  private resume(roomId: string, room: RoomTrack): void {
    if (room.resuming || !this.isOpen()) return;
    room.resuming = true;
    this.write({ type: 'resume', room_id: roomId, after_seq: room.lastSeq });
  }

  private isOpen(): boolean {
    return this.socket !== null && this.stateValue === 'open' && this.socket.readyState === OPEN;
  }

  /** Chat traffic: what does not go out now is sent on the next open (outbox, rooms, boards). */
  private write(message: ClientMessage): void {
    this.sendNow(message);
  }

  private setState(state: ConnectionState): void {
    if (state === this.stateValue) return;
    this.stateValue = state;
    for (const handler of [...this.stateHandlers]) handler(state);
  }

  // ── incoming ─────────────────────────────────────────────────────────────────

  private receive(data: string): void {
    let event: unknown;
    try {
      event = JSON.parse(data);
    } catch {
      return;
    }
    if (typeof event !== 'object' || event === null || typeof (event as { type?: unknown }).type !== 'string') return;
    const typed = event as ServerEvent;
    switch (typed.type) {
      case 'message':
        this.receiveMessage(typed.message);
        return;
      case 'ack':
        this.outboxEntries.delete(typed.client_id);
        // The server sends the stored message with its ack instead of echoing it to this
        // connection: it goes through the same ordering as anyone else's, before the ack.
        if (typed.message) this.receiveMessage(typed.message);
        break;
      case 'resumed':
        this.resumed(typed.room_id, typed.last_seq, typed.more === true);
        break;
      case 'error':
        if (typed.client_id) {
          if (typed.code === 'busy') this.retryLater(typed.client_id);
          else this.refuse(typed.client_id, typed.code ?? 'failed', typed.message ?? '');
        }
        break;
      default:
        break;
    }
    this.emit(typed);
  }

  /** The server refused a message: sending it again by itself would not help. */
  private refuse(clientId: string, code: string, message: string): void {
    const entry = this.outboxEntries.get(clientId);
    if (!entry) return; // acknowledged already, or not ours
    this.outboxEntries.delete(clientId);
    this.refusedEntries.set(clientId, { ...entry, code, message });
  }

  /**
   * The server was too busy to take a message and stored nothing: send it again after a
   * short, jittered pause. It stays in the outbox meanwhile, so a reconnect sends it too (the
   * server stores a client_id once).
   */
  private retryLater(clientId: string): void {
    const delay = 1000 + Math.floor(this.options.random() * 1000);
    this.options.setTimer(() => {
      const entry = this.outboxEntries.get(clientId);
      if (entry && !this.stopped) this.write({ type: 'send', ...entry });
    }, delay);
  }

  private receiveMessage(message: Message): void {
    const room = this.rooms.get(message.room_id);
    if (!room) {
      this.emit({ type: 'message', message });
      return;
    }
    if (message.seq <= room.lastSeq || room.early.has(message.seq)) return; // seen already
    room.early.set(message.seq, message);
    this.deliverInOrder(room);
    if (room.early.size > 0) this.resume(message.room_id, room); // a gap: ask for it
  }

  private deliverInOrder(room: RoomTrack): void {
    for (let next = room.early.get(room.lastSeq + 1); next; next = room.early.get(room.lastSeq + 1)) {
      room.early.delete(next.seq);
      room.lastSeq = next.seq;
      this.emit({ type: 'message', message: next });
    }
  }

  /** The server sent everything up to `lastSeq`: seqs still missing below it do not exist. */
  /** A resume's page has arrived; with `more`, the next page is asked for now that this one
   * is taken in (the server sends a page at a time, so a long catch-up never floods the
   * connection's send queue). */
  private resumed(roomId: string, lastSeq: number, more: boolean): void {
    const room = this.rooms.get(roomId);
    if (!room) return;
    room.resuming = false;
    const below = [...room.early.keys()].filter((seq) => seq <= lastSeq).sort((a, b) => a - b);
    for (const seq of below) {
      const message = room.early.get(seq);
      room.early.delete(seq);
      if (!message || seq <= room.lastSeq) continue;
      room.lastSeq = seq;
      this.emit({ type: 'message', message });
    }
    this.deliverInOrder(room);
    if (more || room.early.size > 0) this.resume(roomId, room);
  }

  private emit(event: ServerEvent): void {
    const set = this.handlers.get(event.type);
    if (!set) return;
    for (const handler of [...set]) handler(event);
  }
}

/** The URL of /ws on this page's origin (wss under https). */
export function socketUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
}

let shared: KelisimSocket | null = null;
const lostHandlers = new Set<() => void>();

/**
 * Calls `handler` each time the tab's socket loses an open connection; it never starts the
 * socket. The server closes the sockets of a session that ended elsewhere (signed out on
 * all devices, a new password, a deactivated account): the shell then asks whether this
 * tab is still signed in.
 */
export function onSharedSocketLost(handler: () => void): () => void {
  lostHandlers.add(handler);
  return () => {
    lostHandlers.delete(handler);
  };
}

/** The tab's one socket, started on first use. */
export function sharedSocket(): KelisimSocket {
  if (!shared) {
    const socket = new KelisimSocket({
      url: socketUrl(window.location),
      open: (url) => new WebSocket(url) as unknown as SocketLike,
    });
    window.addEventListener('online', () => {
      socket.retryNow();
    });
    window.addEventListener('offline', () => {
      socket.dropNow();
    });
    let wasOpen = false;
    socket.onState((state) => {
      if (state === 'open') wasOpen = true;
      else if (state === 'reconnecting' && wasOpen) {
        wasOpen = false;
        for (const handler of [...lostHandlers]) handler();
      }
    });
    shared = socket;
  }
  shared.start();
  return shared;
}

/**
 * Opens the tab's socket again, if it runs, so that it speaks for whoever is signed in now
 * (the server reads the session cookie once, when the socket opens). Followed rooms and
 * boards are resumed and unacknowledged messages sent again, as after any reconnect.
 */
export function reconnectSharedSocket(): void {
  if (!shared || shared.state === 'idle') return;
  shared.stop();
  shared.start();
}
