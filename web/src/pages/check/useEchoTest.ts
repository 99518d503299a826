// The echo test for a screen: one EchoTest over the tab's socket, its state as Preact state,
// and stopped (the server told, the peer connection closed) when the screen goes or the
// tab is being left.
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { KelisimSocket } from '../../api/socket';
import { EchoTest, IDLE, type EchoState } from '../../media/echo';
import type { MediaEnvironment } from '../../media/environment';

export interface EchoHandle {
  state: EchoState;
  /** Null where the browser has no RTCPeerConnection. */
  test: EchoTest | null;
}

export function useEchoTest(env: MediaEnvironment, socket: KelisimSocket): EchoHandle {
  const [state, setState] = useState<EchoState>(IDLE);
  const test = useMemo(() => {
    const { peer } = env;
    if (!peer) return null;
    return new EchoTest(
      {
        signal: socket,
        peer,
        codecs: env.codecs,
        now: env.now,
        setTimer: env.setTimer,
        clearTimer: env.clearTimer,
        ...(env.newStream ? { newStream: env.newStream } : {}),
      },
      setState,
    );
  }, [env, socket]);
  useEffect(() => {
    if (!test) return;
    const leaving = () => {
      test.stop();
    };
    window.addEventListener('pagehide', leaving);
    return () => {
      window.removeEventListener('pagehide', leaving);
      test.stop();
    };
  }, [test]);
  return { state, test };
}
