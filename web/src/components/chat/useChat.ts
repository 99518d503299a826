// The state of one room's chat: the history (HTTP) merged with live messages (socket,
// in seq order, once each), our own messages still in the outbox ("sending…" until
// acknowledged, then "sent", then "read" once another member read past them; "failed", with
// the server's reason, when it refuses one, until it is retried or dismissed), who is
// typing, and the read marker we send. For current members of the room only: the server
// refuses everyone else its messages. A conference's chat (the room "conf-<id>") is the same
// conversation without the HTTP history (the socket's resume brings it), typing notices and
// read markers (hundreds of readers): useChatIn with its own source.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Message, Room } from '../../api/types';
import { useSession } from '../../session';
import { useSocket, useSocketEvent } from '../useSocket';

export const TYPING_EVERY_MS = 3000;
/** How often someone watching a room (not in it) asks for it again: the server sends room
 * events to members only. */
export const WATCH_EVERY_MS = 10_000;
const TYPING_SHOWN_MS = 6000;

export type DeliveryState = 'sending' | 'sent' | 'read' | 'failed';

/** Why the server refused a message: its stable code and its own words for it. */
export interface Refusal {
  code: string;
  message: string;
}

export interface ChatEntry {
  key: string;
  message: Message | null;
  /** For our own messages not yet back from the server. */
  pendingBody: string | null;
  own: boolean;
  state: DeliveryState | null;
  /** For a message the server refused: its client_id (to retry or dismiss it) and why. */
  clientId?: string;
  refusal?: Refusal;
}

interface Pending {
  client_id: string;
  body: string;
  acked: boolean;
  refusal: Refusal | null;
}

export interface ChatState {
  entries: ChatEntry[];
  typingNames: string[];
  /** How many of our messages the server refused (and are still shown). */
  failed: number;
  send: (body: string) => void;
  typed: () => void;
  retry: (clientId: string) => void;
  dismiss: (clientId: string) => void;
}

/** Whether `userId` is in the room now (a member who has not left): only they may read
 * and write its conversation. */
export function isCurrentMember(room: Room, userId: string | null): boolean {
  return userId !== null && room.members.some((m) => m.user_id === userId && m.left_at === null);
}

/** What a chat is about: a consultation's room, or a conference's. */
export interface ChatSource {
  roomId: string;
  /** Load the history over HTTP too (else the socket's resume alone brings it). */
  loadHistory: boolean;
  /** Typing notices and read markers. */
  presence: boolean;
  /** How far the others had read when the page loaded (0 when nobody's reading is kept). */
  othersReadFrom: number;
}

export function useChat(room: Room, selfId: string | null, now: () => number = Date.now): ChatState {
  const othersReadFrom = Math.max(0, ...room.members.filter((m) => m.user_id !== selfId).map((m) => m.last_read_seq));
  return useChatIn({ roomId: room.id, loadHistory: true, presence: true, othersReadFrom }, selfId, now);
}

export function useChatIn(source: ChatSource, selfId: string | null, now: () => number = Date.now): ChatState {
  const socket = useSocket();
  const { api } = useSession();
  const { roomId, loadHistory, presence } = source;
  const [messages, setMessages] = useState<Message[]>([]);
  // What the socket still holds for this room: unacknowledged, and refused before we came.
  const [pending, setPending] = useState<Pending[]>(() => [
    ...socket.outbox(roomId).map((entry) => ({ client_id: entry.client_id, body: entry.body, acked: false, refusal: null })),
    ...socket.refused(roomId).map((entry) => ({
      client_id: entry.client_id,
      body: entry.body,
      acked: false,
      refusal: { code: entry.code, message: entry.message },
    })),
  ]);
  const [typing, setTyping] = useState<Record<string, { name: string; until: number }>>({});
  const [readBy, setReadBy] = useState<Record<string, number>>({});
  const mine = useRef(new Set<string>());
  const lastTypingSent = useRef(0);
  const lastReadSent = useRef(0);

  useSocketEvent('message', ({ message }) => {
    if (message.room_id !== roomId) return;
    setMessages((list) => mergeBySeq(list, [message]));
    setPending((list) => list.filter((p) => p.client_id !== message.client_id));
    setTyping((current) =>
      message.sender_id in current
        ? Object.fromEntries(Object.entries(current).filter(([user]) => user !== message.sender_id))
        : current,
    );
  });
  useSocketEvent('ack', (event) => {
    if (event.room_id !== roomId) return;
    setPending((list) => list.map((p) => (p.client_id === event.client_id ? { ...p, acked: true } : p)));
  });
  // A refusal names the client_id only (not the room): it is ours if we are sending it.
  useSocketEvent('error', (event) => {
    const clientId = event.client_id;
    if (!clientId || event.code === 'busy') return; // busy: the socket sends it again
    setPending((list) =>
      list.map((p) =>
        p.client_id === clientId && !p.acked
          ? { ...p, refusal: { code: event.code ?? 'failed', message: event.message ?? '' } }
          : p,
      ),
    );
  });
  useSocketEvent('typing', (event) => {
    if (event.room_id !== roomId || event.user_id === selfId) return;
    setTyping((current) => ({ ...current, [event.user_id]: { name: event.display_name, until: now() + TYPING_SHOWN_MS } }));
  });
  useSocketEvent('read', (event) => {
    if (event.room_id !== roomId || event.user_id === selfId) return;
    setReadBy((current) => ({ ...current, [event.user_id]: Math.max(current[event.user_id] ?? 0, event.seq) }));
  });

  // Join the room (resume over the socket) and load the history over HTTP; both pass
  // through the socket's once-only filter.
  useEffect(() => {
    setMessages([]);
    const leave = socket.joinRoom(roomId);
    const alive = { current: true };
    const stopped = () => !alive.current;
    const load = async (after: number) => {
      if (!loadHistory) return;
      for (let pages = 0; pages < 50; pages += 1) {
        const page = await api.messages(roomId, after);
        if (stopped()) return;
        setMessages((list) => mergeBySeq(list, page.items));
        socket.ingest(page.items);
        const last = page.items[page.items.length - 1];
        if (!page.next || !last) return;
        after = last.seq;
      }
    };
    load(0).catch(() => {
      // The socket's resume brings the same history; nothing to show here.
    });
    return () => {
      alive.current = false;
      leave();
    };
  }, [socket, api, roomId, loadHistory]);

  // Forget typing notices once they are stale.
  const typingIds = Object.keys(typing);
  useEffect(() => {
    if (typingIds.length === 0) return;
    const timer = setTimeout(() => {
      const at = now();
      setTyping((currentTyping) =>
        Object.fromEntries(Object.entries(currentTyping).filter(([, value]) => value.until > at)),
      );
    }, 1000);
    return () => {
      clearTimeout(timer);
    };
  }, [typing]);

  // The read marker: the last seq on screen while the page is visible.
  const lastSeq = messages[messages.length - 1]?.seq ?? 0;
  useEffect(() => {
    if (!presence) return;
    const markRead = () => {
      if (document.visibilityState !== 'visible' || lastSeq <= lastReadSent.current) return;
      lastReadSent.current = lastSeq;
      socket.read(roomId, lastSeq);
    };
    markRead();
    document.addEventListener('visibilitychange', markRead);
    return () => {
      document.removeEventListener('visibilitychange', markRead);
    };
  }, [socket, roomId, lastSeq, presence]);

  const send = useCallback(
    (body: string) => {
      const clientId = socket.send(roomId, body);
      mine.current.add(clientId);
      setPending((list) => [...list, { client_id: clientId, body, acked: false, refusal: null }]);
    },
    [socket, roomId],
  );

  const retry = (clientId: string) => {
    const refused = pending.find((p) => p.client_id === clientId && p.refusal);
    if (!refused) return;
    socket.send(roomId, refused.body, clientId);
    setPending((list) => list.map((p) => (p.client_id === clientId ? { ...p, refusal: null } : p)));
  };

  const dismiss = (clientId: string) => {
    socket.forget(clientId);
    setPending((list) => list.filter((p) => p.client_id !== clientId || !p.refusal));
  };

  const typed = useCallback(() => {
    const at = now();
    if (!presence || at - lastTypingSent.current < TYPING_EVERY_MS) return;
    lastTypingSent.current = at;
    socket.typing(roomId);
  }, [socket, roomId, now, presence]);

  // How far the others have read: from the room as loaded, then live (a chat without read
  // markers shows its messages sent, never read).
  const othersRead = presence ? Math.max(source.othersReadFrom, ...Object.values(readBy)) : 0;

  const entries: ChatEntry[] = [
    ...messages.map((message): ChatEntry => {
      // A system message is the room's, even when someone's action (closing) caused it.
      const own =
        message.kind !== 'system' &&
        ((selfId !== null && message.sender_id === selfId) || mine.current.has(message.client_id));
      const state = own ? (othersRead >= message.seq ? 'read' : 'sent') : null;
      return { key: `m${message.seq}`, message, pendingBody: null, own, state };
    }),
    ...pending.map(
      (p): ChatEntry => ({
        key: `p${p.client_id}`,
        message: null,
        pendingBody: p.body,
        own: true,
        state: p.refusal ? 'failed' : p.acked ? 'sent' : 'sending',
        clientId: p.client_id,
        refusal: p.refusal ?? undefined,
      }),
    ),
  ];
  const typingNames = Object.values(typing).map((value) => value.name);
  const failed = pending.filter((p) => p.refusal).length;
  return { entries, typingNames, failed, send, typed, retry, dismiss };
}

/** `list` with `more` added, each seq once, in seq order. */
export function mergeBySeq(list: readonly Message[], more: readonly Message[]): Message[] {
  const fresh = more.filter((m) => !list.some((have) => have.seq === m.seq));
  if (fresh.length === 0) return list as Message[];
  return [...list, ...fresh].sort((a, b) => a.seq - b.seq);
}
