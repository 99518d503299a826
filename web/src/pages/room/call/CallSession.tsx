// What a call says about itself beyond the tiles: the offer of a call-back by phone when even
// the voice fails (fallback.ts) or the call could not connect at all (then the chat too), and a separate session — a banner for those inside it and
// for those left outside, and for a specialist in the call the means to start and end one.
// The server decides who is cut apart; this only shows what it says (call.caucus).
import { useState } from 'preact/hooks';
import { LiveMessage } from '../../../components/LiveMessage';
import { SelectField } from '../../../components/TextField';
import { unreachable, type Call, type CallState } from '../../../media/call';
import { useT } from '../../../i18n/context';

interface Props {
  state: CallState;
  call: Call;
  selfId: string;
  nameOf: (id: string) => string;
}

/** A call-back by phone, offered while the link is down to chat, and confirmed once asked. */
export function CallbackOffer({ state, call }: Pick<Props, 'state' | 'call'>) {
  const { t } = useT();
  const offered = state.link?.offerCallback === true && !state.callbackSent;
  return (
    <>
      <CallbackSent state={state} />
      {offered && (
        <div class="call__callback">
          <p>{t('call.callback.offer')}</p>
          <CallbackButton call={call} />
        </div>
      )}
    </>
  );
}

/** The call could not connect from here at all: the chat (its composer is on this page) and a
 * call-back by phone, once asked confirmed. */
export function UnreachableOffer({ state, call, roomId }: Pick<Props, 'state' | 'call'> & { roomId: string }) {
  const { t } = useT();
  if (!unreachable(state.problem)) return null;
  return (
    <div class="call__callback" data-testid="call-unreachable">
      <p>{t('call.unreachable.offer')}</p>
      <div class="actions">
        <button
          type="button"
          class="button"
          data-testid="call-unreachable-chat"
          onClick={() => {
            document.getElementById(`chat-input-${roomId}`)?.focus();
          }}
        >
          {t('call.unreachable.chat')}
        </button>
        {!state.callbackSent && (
          <CallbackButton call={call} />
        )}
      </div>
      <CallbackSent state={state} />
    </div>
  );
}

/** Who is in a separate session, in words fit for whether one is in it. */
export function CaucusBanner({ state, selfId, nameOf }: Omit<Props, 'call'>) {
  const { t } = useT();
  const { caucus } = state;
  const inside = caucus !== null && (caucus.host === selfId || caucus.party === selfId);
  const message = !caucus
    ? undefined
    : inside
      ? t('call.caucus.inside')
      : t('call.caucus.outside', { host: nameOf(caucus.host), party: nameOf(caucus.party) });
  return (
    <LiveMessage
      kind="status"
      message={message}
      state={caucus ? (inside ? 'inside' : 'outside') : undefined}
      testId={caucus ? 'call-caucus-banner' : undefined}
    />
  );
}

/** A specialist's control: a separate session with one other person in the call, and its end. */
export function CaucusControls({ state, call, selfId, nameOf }: Props) {
  const { t } = useT();
  const people = state.remotes.map((person) => person.userId);
  const [chosen, setChosen] = useState('');
  const { caucus } = state;
  if (caucus) {
    if (caucus.host !== selfId && caucus.party !== selfId) return null;
    return (
      <button
        type="button"
        class="button button--secondary"
        data-testid="call-caucus-end"
        onClick={() => {
          call.endCaucus();
        }}
      >
        {t('call.caucus.end')}
      </button>
    );
  }
  if (people.length === 0) return null;
  const withId = people.includes(chosen) ? chosen : (people[0] ?? '');
  return (
    <form
      class="call__caucus"
      aria-label={t('call.caucus.label')}
      data-testid="call-caucus-start"
      onSubmit={(event) => {
        event.preventDefault();
        call.startCaucus(withId);
      }}
    >
      <SelectField
        id="call-caucus-with"
        label={t('call.caucus.with')}
        value={withId}
        options={people.map((id) => ({ value: id, label: nameOf(id) }))}
        onValue={setChosen}
        testId="call-caucus-with"
      />
      <button type="submit" class="button button--secondary">
        {t('call.caucus.start')}
      </button>
    </form>
  );
}

/** Asks to be called back by phone (the call decides whether it is offered, once per call). */
function CallbackButton({ call }: Pick<Props, 'call'>) {
  const { t } = useT();
  return (
    <button
      type="button"
      class="button button--secondary"
      data-testid="call-callback-offer"
      onClick={() => {
        call.requestCallback();
      }}
    >
      {t('call.callback.ask')}
    </button>
  );
}

/** Says a call-back was asked for (a polite live region, always in the DOM). */
function CallbackSent({ state }: Pick<Props, 'state'>) {
  const { t } = useT();
  return (
    <LiveMessage
      kind="status"
      message={state.callbackSent ? t('call.callback.sent') : undefined}
      state="callback"
      testId="call-callback-sent"
    />
  );
}
