// The live part of a conference (issue 9): the stage of up to six speakers, the audience,
// raised hands, the moderator's controls and the lobby for guests. The conference's page
// (agenda, minutes, proposals) shows it while the conference is on. One enters with a button
// (the browser may then play sound); the audience receives only, the stage sends too; a
// moderator's mute holds on the server whatever this page does, and it keeps the microphone
// off here too. The call itself is the room call's machinery (media/call.ts) in the call room
// "conf-<id>", and so is the conference's chat beside it (ConferenceChat), for everyone let in.
import type { TFunction } from 'i18next';
import { useEffect } from 'preact/hooks';
import type { StagePerson } from '../../../api/socket';
import { LiveMessage } from '../../../components/LiveMessage';
import { useLoad } from '../../../components/useLoad';
import { useT } from '../../../i18n/context';
import { browserStorage, rememberedMode } from '../../../media/call-choice';
import type { Call, CallState } from '../../../media/call';
import { useSession } from '../../../session';
import { problemWords } from '../../room/call/CallPanel';
import { CallControls } from '../../room/call/CallControls';
import { RemoteTile, SelfTile } from '../../room/call/CallTiles';
import { useCall } from '../../room/call/useCall';
import { ConferenceChat } from './ConferenceChat';
import { useLiveStage, type LiveStage } from './useLiveStage';

export interface StageProps {
  conferenceId: string;
  /** The caller's part in the conference. */
  role: 'moderator' | 'speaker' | 'guest';
  selfId: string;
}

export function Stage({ conferenceId, role, selfId }: StageProps) {
  const { t } = useT();
  const { api } = useSession();
  const settings = useLoad(() => api.media(), [api]);
  const live = useLiveStage(conferenceId, selfId);
  const { state, call } = useCall(`conf-${conferenceId}`, selfId);
  const { place } = live;
  const mutedByModerator = live.view?.muted.includes(selfId) ?? false;

  // The media follows one's place: the stage sends, the audience watches, the lobby has none.
  useEffect(() => {
    if (!call) return;
    call.hangUp();
    if (place === 'audience') void call.watch();
    else if (place === 'stage') void call.start(rememberedMode(browserStorage()));
  }, [call, place]);
  useEffect(() => {
    if (mutedByModerator) call?.setMuted(true);
  }, [call, mutedByModerator, state.phase]);

  const known = [...(live.view?.speakers ?? []), ...(live.view?.hands ?? []), ...(live.view?.people ?? [])];
  const names = new Map<string, string>();
  for (const p of known) names.set(p.user_id, p.name);
  const nameOf = (id: string) => names.get(id) ?? t('stage.someone');

  let body;
  if (settings.data === undefined && settings.error === undefined) body = <p class="loading">{t('status.loading')}</p>;
  else if (!live.entered) body = <StageDoor live={live} t={t} />;
  else if (place === 'lobby' || place === null) body = <p data-testid="stage-lobby">{t(place === 'lobby' ? 'stage.lobby' : 'stage.entering')}</p>;
  else
    body = (
      <>
        {!call || !settings.data?.calls ? (
          <p data-testid="stage-no-calls">{t(call ? 'call.off' : 'call.unsupported')}</p>
        ) : (
          <StageCall state={state} call={call} onStage={place === 'stage'} nameOf={nameOf} />
        )}
        <LiveMessage
          kind="status"
          message={mutedByModerator ? t('stage.mutedByModerator') : undefined}
          state="muted"
          testId="stage-muted"
        />
        <StageActions live={live} conferenceId={conferenceId} selfId={selfId} t={t} />
        {role === 'moderator' && live.view?.people && (
          <ModeratorPanel live={live} conferenceId={conferenceId} selfId={selfId} t={t} />
        )}
        <ConferenceChat conferenceId={conferenceId} selfId={selfId} people={known} />
      </>
    );

  return (
    <section class="card stage" aria-labelledby="stage-title" data-testid="stage" data-place={place ?? 'out'}>
      <h2 id="stage-title">{t('stage.title')}</h2>
      <LiveMessage kind="error" message={live.problem ?? undefined} state="problem" testId="stage-problem" />
      {body}
    </section>
  );
}

function StageDoor({ live, t }: { live: LiveStage; t: TFunction }) {
  return (
    <>
      <LiveMessage
        kind="status"
        message={live.event && live.event !== 'admitted' ? t(`stage.event.${live.event}`) : undefined}
        state="event"
        testId="stage-event"
      />
      {live.event !== 'removed' && live.event !== 'denied' && (
        <>
          <p>{t('stage.intro')}</p>
          <button type="button" class="button" data-testid="stage-enter" onClick={live.enter}>
            {t('stage.enter')}
          </button>
        </>
      )}
    </>
  );
}

function StageCall({
  state,
  call,
  onStage,
  nameOf,
}: {
  state: CallState;
  call: Call;
  onStage: boolean;
  nameOf: (id: string) => string;
}) {
  const { t } = useT();
  return (
    <>
      <LiveMessage
        kind="status"
        message={state.phase === 'idle' ? problemWords(t, state) : undefined}
        state="problem"
        testId="stage-call-problem"
      />
      <p data-testid="stage-place">{t(onStage ? 'stage.youSpeak' : 'stage.youListen')}</p>
      <ul class="call__tiles" aria-label={t('stage.speakers')}>
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
        {onStage && state.phase !== 'idle' && <SelfTile state={state} />}
      </ul>
      {onStage && state.phase !== 'idle' && <CallControls state={state} call={call} />}
    </>
  );
}

function StageActions({ live, conferenceId, selfId, t }: { live: LiveStage; conferenceId: string; selfId: string; t: TFunction }) {
  const view = live.view;
  const handUp = view?.hands.some((p) => p.user_id === selfId) ?? false;
  return (
    <div class="actions">
      <p data-testid="stage-audience">{t('stage.audience', { count: view?.audience ?? 0 })}</p>
      {live.place === 'audience' && (
        <button
          type="button"
          class="button button--secondary"
          aria-pressed={handUp}
          data-testid="stage-hand"
          onClick={() => {
            live.act({ type: 'conf.hand', conference_id: conferenceId, up: !handUp });
          }}
        >
          {t(handUp ? 'stage.lowerHand' : 'stage.raiseHand')}
        </button>
      )}
      {live.place === 'stage' && (
        <button
          type="button"
          class="button button--secondary"
          data-testid="stage-step-down"
          onClick={() => {
            live.act({ type: 'conf.stage', conference_id: conferenceId, user_id: selfId, on: false });
          }}
        >
          {t('stage.stepDown')}
        </button>
      )}
      <button type="button" class="button button--secondary" data-testid="stage-leave" onClick={live.leave}>
        {t('stage.leave')}
      </button>
    </div>
  );
}

function ModeratorPanel({ live, conferenceId, selfId, t }: { live: LiveStage; conferenceId: string; selfId: string; t: TFunction }) {
  const view = live.view;
  if (!view) return null;
  const onStage = new Set(view.speakers.map((p) => p.user_id));
  const hands = new Set(view.hands.map((p) => p.user_id));
  const audience = (view.people ?? []).filter((p) => !onStage.has(p.user_id));
  // Raised hands first, in the order raised; then the rest of the audience.
  const ordered = [...view.hands, ...audience.filter((p) => !hands.has(p.user_id))];
  const send = (type: 'conf.admit' | 'conf.deny' | 'conf.remove', user: StagePerson) => {
    live.act({ type, conference_id: conferenceId, user_id: user.user_id });
  };
  const button = (testId: string, label: string, onClick: () => void, secondary = true) => (
    <button type="button" class={secondary ? 'button button--secondary' : 'button'} data-testid={testId} onClick={onClick}>
      {label}
    </button>
  );
  return (
    <div class="stage__moderator" data-testid="stage-moderator">
      <h3>{t('stage.moderator.title')}</h3>
      {(view.lobby ?? []).length > 0 && (
        <>
          <h4>{t('stage.moderator.lobby')}</h4>
          <ul class="stage__people" data-testid="stage-lobby-list">
            {(view.lobby ?? []).map((p) => (
              <li key={p.user_id} data-user={p.user_id}>
                <span>{p.name}</span>
                {button('stage-admit', t('stage.moderator.admit'), () => {
                  send('conf.admit', p);
                }, false)}
                {button('stage-deny', t('stage.moderator.deny'), () => {
                  send('conf.deny', p);
                })}
              </li>
            ))}
          </ul>
        </>
      )}
      <h4>{t('stage.moderator.onStage', { count: view.speakers.length })}</h4>
      <ul class="stage__people" data-testid="stage-speaker-list">
        {view.speakers.map((p) => {
          const muted = view.muted.includes(p.user_id);
          return (
            <li key={p.user_id} data-user={p.user_id}>
              <span>{p.name}</span>
              {p.user_id !== selfId &&
                button('stage-mute', t(muted ? 'stage.moderator.unmute' : 'stage.moderator.mute'), () => {
                  live.act({ type: 'conf.mute', conference_id: conferenceId, user_id: p.user_id, muted: !muted });
                })}
              {p.user_id !== selfId &&
                button('stage-to-audience', t('stage.moderator.toAudience'), () => {
                  live.act({ type: 'conf.stage', conference_id: conferenceId, user_id: p.user_id, on: false });
                })}
              {p.part !== 'moderator' &&
                button('stage-remove', t('stage.moderator.remove'), () => {
                  send('conf.remove', p);
                })}
            </li>
          );
        })}
      </ul>
      <h4>{t('stage.moderator.audience')}</h4>
      <ul class="stage__people" data-testid="stage-audience-list">
        {ordered.map((p) => (
          <li key={p.user_id} data-user={p.user_id}>
            <span>
              {p.name}
              {hands.has(p.user_id) && <span class="stage__hand"> {t('stage.moderator.handRaised')}</span>}
            </span>
            {button('stage-to-stage', t('stage.moderator.toStage'), () => {
              live.act({ type: 'conf.stage', conference_id: conferenceId, user_id: p.user_id, on: true });
            }, false)}
            {p.part !== 'moderator' &&
              button('stage-remove', t('stage.moderator.remove'), () => {
                send('conf.remove', p);
              })}
          </li>
        ))}
      </ul>
    </div>
  );
}
