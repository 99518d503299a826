// The live conference over the tab's socket (docs/conference-api.md "Live"): entering and
// leaving, where one is (stage, audience, lobby), the state everyone sees after each change,
// what happened to oneself (admitted, denied, removed) and the server's refusals in the
// person's words. Entering again after a lost connection is automatic while one is in it, and
// comes first on the new connection (a socket prelude), before the conference's chat resumes.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { ClientMessage, ConferenceState, StagePlace } from '../../../api/socket';
import { useSocket } from '../../../components/useSocket';

export type PersonalEvent = 'admitted' | 'denied' | 'removed';

export interface LiveStage {
  /** The person asked to be in it (and was not sent away since). */
  entered: boolean;
  place: StagePlace | null;
  view: ConferenceState | null;
  /** The last thing that happened to oneself. */
  event: PersonalEvent | null;
  /** The server's words for its last refusal. */
  problem: string | null;
  enter: () => void;
  leave: () => void;
  /** A moderator's or one's own action (conf.hand, conf.stage, conf.mute, conf.admit …). */
  act: (message: ClientMessage) => void;
}

export function useLiveStage(conferenceId: string, selfId: string): LiveStage {
  const socket = useSocket();
  const [entered, setEntered] = useState(false);
  const [place, setPlace] = useState<StagePlace | null>(null);
  const [view, setView] = useState<ConferenceState | null>(null);
  const [event, setEvent] = useState<PersonalEvent | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const inside = useRef(false);
  const stopEntering = useRef<(() => void) | null>(null);
  const out = useCallback(() => {
    inside.current = false;
    stopEntering.current?.();
    stopEntering.current = null;
  }, []);

  const enter = useCallback(() => {
    const message = { type: 'conf.enter', conference_id: conferenceId } as const;
    inside.current = true;
    stopEntering.current?.();
    stopEntering.current = socket.prelude(message);
    setEntered(true);
    setEvent(null);
    setProblem(null);
    socket.sendNow(message);
  }, [socket, conferenceId]);

  const leave = useCallback(() => {
    if (inside.current) socket.sendNow({ type: 'conf.leave', conference_id: conferenceId });
    out();
    setEntered(false);
    setPlace(null);
    setView(null);
  }, [socket, conferenceId, out]);

  const act = useCallback(
    (message: ClientMessage) => {
      setProblem(null);
      socket.sendNow(message);
    },
    [socket],
  );

  useEffect(() => {
    const ours = (e: { conference_id?: string }) => e.conference_id === conferenceId;
    const offs = [
      socket.on('conf.entered', (e) => {
        if (ours(e)) setPlace(e.place);
      }),
      socket.on('conf.state', (e) => {
        if (!ours(e) || !inside.current) return;
        setView(e);
        const onStage = e.speakers.some((p) => p.user_id === selfId);
        setPlace((before) => (onStage ? 'stage' : before === 'lobby' || before === null ? before : 'audience'));
      }),
      socket.on('conf.you', (e) => {
        if (!ours(e)) return;
        setEvent(e.event);
        if (e.event === 'admitted') {
          setPlace('audience');
          return;
        }
        out();
        setEntered(false);
        setPlace(null);
        setView(null);
      }),
      socket.on('error', (e) => {
        if (e.scope !== 'conference' || !ours(e)) return;
        setProblem(e.message ?? null);
      }),
    ];
    return () => {
      for (const off of offs) off();
      if (inside.current) socket.sendNow({ type: 'conf.leave', conference_id: conferenceId });
      out();
    };
  }, [socket, conferenceId, selfId, out]);

  return { entered, place, view, event, problem, enter, leave, act };
}
