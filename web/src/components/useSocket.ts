// Hooks over the tab's one WebSocket (api/socket.ts). Tests provide their own socket
// through SocketContext; the app uses the shared one, started on first use.
import { createContext } from 'preact';
import { useContext, useEffect, useRef, useState } from 'preact/hooks';
import { sharedSocket, type ConnectionState, type EventOf, type EventType, type KelisimSocket } from '../api/socket';

export const SocketContext = createContext<KelisimSocket | null>(null);

export function useSocket(): KelisimSocket {
  const provided = useContext(SocketContext);
  return provided ?? sharedSocket();
}

/** Calls `handler` (always its latest version) for each event of `type`. */
export function useSocketEvent<T extends EventType>(type: T, handler: (event: EventOf<T>) => void): void {
  const socket = useSocket();
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(
    () =>
      socket.on(type, (event) => {
        latest.current(event);
      }),
    [socket, type],
  );
}

/** The connection state, re-rendering on change; `onReconnected` runs after a lost link is back. */
export function useConnectionState(onReconnected?: () => void): ConnectionState {
  const socket = useSocket();
  const [state, setState] = useState<ConnectionState>(socket.state);
  const latest = useRef(onReconnected);
  latest.current = onReconnected;
  useEffect(() => {
    let lost = false;
    setState(socket.state);
    return socket.onState((next) => {
      setState(next);
      if (next === 'reconnecting') lost = true;
      if (next === 'open' && lost) {
        lost = false;
        latest.current?.();
      }
    });
  }, [socket]);
  return state;
}
