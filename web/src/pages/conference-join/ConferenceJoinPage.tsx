// /c/:token: a conference guest's link from their invitation mail. Trades the token for a
// guest session on this device, then replaces itself in the history with the conference's
// page (so the secret is not kept there). Like a ticket's return link it never silently
// replaces whoever is signed in: staff may sign out first; another citizen is asked.
import { useEffect, useRef, useState } from 'preact/hooks';
import { formErrors } from '../../components/errors';
import { LiveMessage } from '../../components/LiveMessage';
import { Page } from '../../components/Page';
import { useT } from '../../i18n/context';
import { navigate } from '../../router';
import { useSession } from '../../session';
import { resumeConflict } from '../resume/ResumePage';

type State =
  | { step: 'opening' }
  | { step: 'staff' }
  | { step: 'other'; detail: string | undefined }
  | { step: 'failed'; message: string };

export function ConferenceJoinPage({ token }: { token: string }) {
  const { t } = useT();
  const { api, refreshUser, signOut } = useSession();
  const [state, setState] = useState<State>({ step: 'opening' });
  const alive = useRef(true);
  const question = useRef<HTMLHeadingElement>(null);

  const open = async (replace: boolean) => {
    setState({ step: 'opening' });
    try {
      const conference = await api.joinConference(token, replace);
      await refreshUser(); // the answer signed this device in as the guest
      if (alive.current) navigate(`/conferences/${encodeURIComponent(conference.id)}`, { replace: true });
    } catch (failure) {
      if (!alive.current) return;
      const conflict = resumeConflict(failure);
      if (conflict?.conflict === 'signed_in_as_staff') setState({ step: 'staff' });
      else if (conflict) setState({ step: 'other', detail: conflict.detail });
      else setState({ step: 'failed', message: formErrors(t, failure, []).message });
    }
  };

  useEffect(() => {
    alive.current = true;
    void open(false);
    return () => {
      alive.current = false;
    };
  }, [api, token]);

  useEffect(() => {
    if (state.step === 'staff' || state.step === 'other') question.current?.focus();
  }, [state.step]);

  return (
    <Page title={t('conference.join.title')} testId="conference-join">
      <LiveMessage kind="error" message={state.step === 'failed' ? state.message : undefined} testId="conference-join-error" />
      {state.step === 'opening' && <p class="loading">{t('conference.join.opening')}</p>}
      {(state.step === 'staff' || state.step === 'other') && (
        <section class="card" aria-labelledby="join-question" data-testid={`conference-join-${state.step}`}>
          <h2 id="join-question" ref={question} tabIndex={-1}>
            {t(state.step === 'staff' ? 'conference.join.staff' : 'conference.join.other')}
          </h2>
          <p>{state.step === 'other' ? (state.detail ?? t('conference.join.otherExplain')) : t('conference.join.staffExplain')}</p>
          <div class="actions">
            {state.step === 'staff' ? (
              <button
                type="button"
                class="button"
                data-testid="conference-join-sign-out"
                onClick={() => void signOut({ stay: true }).then((out) => (out ? open(false) : undefined))}
              >
                {t('conference.join.signOut')}
              </button>
            ) : (
              <button type="button" class="button" data-testid="conference-join-replace" onClick={() => void open(true)}>
                {t('conference.join.replace')}
              </button>
            )}
            <button type="button" class="button button--secondary" onClick={() => { navigate('/home'); }}>
              {t('common.cancel')}
            </button>
          </div>
        </section>
      )}
    </Page>
  );
}
