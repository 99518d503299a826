// The call in a consultation room, for its members (the citizen on their ticket, the
// specialists on /rooms/:id). Before a call: by video or by voice only (the way the citizen
// asked to be served comes first, and says so; else the last choice on this device), "a call is going on" with a way in when others are in it, and a
// link to the device check; after a call that could not connect at all, the chat and a
// call-back by phone. In a call: the people, the controls, and calm words on how it
// goes: one's own link's fallback, a call-back offer, a separate session. When calls are off, or this browser cannot make them, it says so: the chat works
// either way. Leaving the screen leaves the call (useCall).
import type { TFunction } from 'i18next';
import type { Channel, Room } from '../../../api/types';
import { LiveMessage } from '../../../components/LiveMessage';
import { memberName } from '../../../components/people';
import { useLoad } from '../../../components/useLoad';
import { browserStorage, rememberedMode, rememberMode } from '../../../media/call-choice';
import type { Call, CallState } from '../../../media/call';
import type { CallMode } from '../../../media/devices';
import { useT } from '../../../i18n/context';
import { currentPath, Link } from '../../../router';
import { useSession } from '../../../session';
import { checkLink } from '../../check/links';
import { CallControls } from './CallControls';
import { CallbackOffer, CaucusBanner, CaucusControls, UnreachableOffer } from './CallSession';
import { RemoteTile, SelfTile } from './CallTiles';
import { useCall } from './useCall';

export function CallPanel({ room, selfId, channel }: { room: Room; selfId: string; channel?: Channel }) {
  const { t } = useT();
  const { api } = useSession();
  const settings = useLoad(() => api.media(), [api]);
  const { state, call } = useCall(room.id, selfId, { askWho: true });
  const nameOf = (id: string) => memberName(t, room.members.find((m) => m.user_id === id)?.display_name);

  const specialist = room.members.some((m) => m.user_id === selfId && m.kind !== null);
  let body;
  if (settings.data === undefined && settings.error === undefined) body = <p class="loading">{t('status.loading')}</p>;
  else if (!call) body = <p data-testid="call-unsupported">{t('call.unsupported')}</p>;
  else if (!settings.data?.calls) body = <p data-testid="call-off">{t('call.off')}</p>;
  else if (state.phase === 'idle')
    body = (
      <CallStart state={state} call={call} nameOf={nameOf} roomId={room.id} channel={channel} specialist={specialist} />
    );
  else body = <CallStage state={state} call={call} nameOf={nameOf} selfId={selfId} specialist={specialist} />;

  return (
    <section class="card call" aria-labelledby="call-title" data-testid="call-panel" data-phase={state.phase}>
      <h2 id="call-title">{t('call.title')}</h2>
      {body}
    </section>
  );
}

interface ViewProps {
  state: CallState;
  call: Call;
  nameOf: (id: string) => string;
}

/** Why the last call ended or did not start, in the person's language. */
export function problemWords(t: TFunction, state: Pick<CallState, 'problem' | 'message'>): string | undefined {
  if (!state.problem) return undefined;
  if (state.problem === 'server') return state.message ?? t('call.problem.server');
  return t(`call.problem.${state.problem}`);
}

function CallStart({
  state,
  call,
  nameOf,
  roomId,
  channel,
  specialist,
}: ViewProps & { roomId: string; channel?: Channel; specialist: boolean }) {
  const { t } = useT();
  const storage = browserStorage();
  const wished = channel === 'video' || channel === 'voice' ? channel : null;
  const first: CallMode = wished === 'voice' ? 'audio' : wished === 'video' ? 'video' : rememberedMode(storage);
  const modes: CallMode[] = first === 'audio' ? ['audio', 'video'] : ['video', 'audio'];
  const start = (mode: CallMode) => {
    rememberMode(storage, mode);
    void call.start(mode);
  };
  const ongoing = state.ongoing.length > 0;
  return (
    <>
      <LiveMessage kind="status" message={problemWords(t, state)} state="problem" testId="call-problem" />
      <UnreachableOffer state={state} call={call} roomId={roomId} />
      <LiveMessage
        kind="status"
        message={ongoing ? t('call.ongoing', { names: state.ongoing.map(nameOf).join(', ') }) : undefined}
        state="ongoing"
        testId="call-ongoing"
      />
      {!ongoing && <p>{t('call.intro')}</p>}
      {!ongoing && wished && (
        <p data-testid="call-wish">{t(`call.wish.${specialist ? 'citizen' : 'own'}.${wished}`)}</p>
      )}
      <div class="actions">
        {modes.map((mode, index) => (
          <button
            key={mode}
            type="button"
            class={index === 0 ? 'button' : 'button button--secondary'}
            data-testid={ongoing ? (index === 0 ? 'call-join' : 'call-join-other') : `call-start-${mode}`}
            onClick={() => {
              start(mode);
            }}
          >
            {t(ongoing ? (mode === 'video' ? 'call.joinVideo' : 'call.joinAudio') : mode === 'video' ? 'call.startVideo' : 'call.startAudio')}
          </button>
        ))}
      </div>
      <p class="call__check">
        <Link href={checkLink(currentPath())} data-testid="call-check">
          {t('check.link')}
        </Link>
      </p>
    </>
  );
}

function phaseWords(t: TFunction, state: CallState): string {
  switch (state.phase) {
    case 'starting':
      return t(state.mode === 'audio' ? 'call.phase.startingAudio' : 'call.phase.starting');
    case 'joining':
      return t('call.phase.joining');
    case 'reconnecting':
      return t('call.phase.reconnecting');
    default:
      return t('call.phase.connected');
  }
}

function CallStage({ state, call, nameOf, selfId, specialist }: ViewProps & { selfId: string; specialist: boolean }) {
  const { t } = useT();
  return (
    <>
      <LiveMessage kind="status" message={phaseWords(t, state)} state={state.phase} testId="call-status" />
      <LiveMessage
        kind="status"
        message={state.notice ? t(`call.notice.${state.notice}`) : undefined}
        state="problem"
        testId="call-notice"
      />
      <CaucusBanner state={state} selfId={selfId} nameOf={nameOf} />
      <CallbackOffer state={state} call={call} />
      {/* The others first: on a phone they are what matters; oneself comes last, smaller. */}
      <ul class="call__tiles" aria-label={t('call.people')}>
        {state.remotes.map((person) => (
          <RemoteTile
            key={person.userId}
            person={person}
            name={nameOf(person.userId)}
            onSize={(width, height) => {
              call.setTileSize(person.userId, width, height);
            }}
          />
        ))}
        <SelfTile state={state} />
      </ul>
      <CallControls state={state} call={call} />
      {specialist && state.phase === 'connected' && (
        <CaucusControls state={state} call={call} selfId={selfId} nameOf={nameOf} />
      )}
    </>
  );
}
