// A room's call for a screen: one Call controller over the tab's socket, its state as Preact
// state, left (the server told, connections closed, camera and microphone off) when the
// screen goes, when the room changes, or when the tab is being left.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { useSocket } from '../../../components/useSocket';
import { Call, IDLE_CALL, type CallState } from '../../../media/call';
import { useMediaEnvironment } from '../../../media/environment';
import { useSession } from '../../../session';

export interface CallHandle {
  state: CallState;
  /** Null where the browser cannot make calls (no peer connections or no getUserMedia). */
  call: Call | null;
}

/** `askWho`: the page asks who is in the call while it is not in it (a consultation's panel). */
export function useCall(roomId: string, selfId: string, { askWho = false } = {}): CallHandle {
  const env = useMediaEnvironment();
  const socket = useSocket();
  const { api } = useSession();
  const [state, setState] = useState<CallState>(IDLE_CALL);
  const call = useMemo(() => {
    const { peer, devices, newStream } = env;
    if (!peer || !devices || !newStream) return null;
    return new Call(
      {
        signal: socket,
        peer,
        codecs: env.codecs,
        devices,
        screen: env.screen ?? null,
        newStream,
        settings: () => api.media(),
        now: env.now,
        setTimer: env.setTimer,
        clearTimer: env.clearTimer,
      },
      { roomId, selfId, askWho },
      setState,
    );
  }, [env, socket, api, roomId, selfId, askWho]);
  useEffect(() => {
    if (!call) return;
    setState(call.state);
    const leaving = () => {
      call.hangUp();
    };
    window.addEventListener('pagehide', leaving);
    return () => {
      window.removeEventListener('pagehide', leaving);
      call.dispose();
    };
  }, [call]);
  return { state, call };
}
