// /t/:token: the secret return link. Trades the token for a session on this device, then
// replaces itself in the history with the ticket's page (so the secret is not kept there).
// It never silently replaces whoever is signed in: the server refuses (409) a staff member
// (who may sign out first) and asks before replacing another citizen (who may go home).
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../../api/problem';
import { formErrors } from '../../components/errors';
import { LiveMessage } from '../../components/LiveMessage';
import { Page } from '../../components/Page';
import { userName } from '../../components/people';
import { useT } from '../../i18n/context';
import { Link, navigate } from '../../router';
import { useSession } from '../../session';

/** Why the link could not be opened as it was: who is signed in here (a guest follows
 * another question asked without an account). */
type Conflict = 'signed_in_as_staff' | 'signed_in_as_other' | 'signed_in_as_guest';
const CONFLICTS: readonly string[] = ['signed_in_as_staff', 'signed_in_as_other', 'signed_in_as_guest'];

type State =
  | { step: 'opening' }
  | { step: 'conflict'; conflict: Conflict; detail: string | undefined }
  | { step: 'failed'; message: string };

/** The conflict a 409 names in its field errors, with the server's words for it. */
export function resumeConflict(failure: unknown): { conflict: Conflict; detail: string | undefined } | null {
  if (!(failure instanceof ApiError) || failure.status !== 409) return null;
  for (const error of failure.problem.errors) {
    if (error.code !== undefined && CONFLICTS.includes(error.code)) {
      return { conflict: error.code as Conflict, detail: error.detail };
    }
  }
  return null;
}

export function ResumePage({ token }: { token: string }) {
  const { t } = useT();
  const { api, user, refreshUser, signOut } = useSession();
  const [state, setState] = useState<State>({ step: 'opening' });
  const alive = useRef(true);
  const question = useRef<HTMLHeadingElement>(null);

  const open = async (replace: boolean) => {
    setState({ step: 'opening' });
    try {
      const { ticket } = await api.resumeTicket(token, replace);
      await refreshUser(); // the answer signed this device in as the ticket's citizen
      if (alive.current) navigate(`/tickets/${encodeURIComponent(ticket.id)}`, { replace: true });
    } catch (failure) {
      if (!alive.current) return;
      const conflict = resumeConflict(failure);
      setState(conflict ? { step: 'conflict', ...conflict } : { step: 'failed', message: formErrors(t, failure, []).message });
    }
  };

  useEffect(() => {
    alive.current = true;
    void open(false);
    return () => {
      alive.current = false;
    };
  }, [api, token]);

  // The question replaces the "opening" text: take the reader to it.
  const conflict = state.step === 'conflict' ? state.conflict : null;
  useEffect(() => {
    if (conflict) question.current?.focus();
  }, [conflict]);

  const signOutAndOpen = async () => {
    if (await signOut({ stay: true })) await open(false);
  };

  return (
    <Page title={t('resume.title')} testId="resume">
      <LiveMessage kind="error" message={state.step === 'failed' ? state.message : undefined} testId="resume-error" />
      {state.step === 'opening' && <p class="loading">{t('resume.opening')}</p>}
      {state.step === 'failed' && (
        <p>
          <Link href="/receptions">{t('resume.askAgain')}</Link>
        </p>
      )}
      {state.step === 'conflict' && (
        <section class="card" aria-labelledby="resume-question" data-testid={`resume-${state.conflict}`}>
          {state.conflict === 'signed_in_as_staff' ? (
            <>
              <h2 id="resume-question" ref={question} tabIndex={-1}>
                {t('resume.staff.title')}
              </h2>
              <p data-testid="resume-detail">{state.detail ?? t('resume.staff.explain')}</p>
              <div class="actions">
                <button
                  type="button"
                  class="button"
                  data-testid="resume-sign-out"
                  onClick={() => void signOutAndOpen()}
                >
                  {t('resume.staff.signOut')}
                </button>
                <Link href="/home" class="button button--secondary" data-testid="resume-home">
                  {t('resume.home')}
                </Link>
              </div>
            </>
          ) : (
            <>
              <h2 id="resume-question" ref={question} tabIndex={-1} data-testid="resume-question">
                {user && state.conflict === 'signed_in_as_other'
                  ? t('resume.other.question', { name: userName(t, user) })
                  : t('resume.other.questionNoName')}
              </h2>
              <p>{state.conflict === 'signed_in_as_guest' ? (state.detail ?? t('resume.other.explain')) : t('resume.other.explain')}</p>
              <div class="actions">
                <button type="button" class="button" data-testid="resume-replace" onClick={() => void open(true)}>
                  {t('resume.other.confirm')}
                </button>
                <button
                  type="button"
                  class="button button--secondary"
                  data-testid="resume-cancel"
                  onClick={() => {
                    navigate('/home');
                  }}
                >
                  {t('common.cancel')}
                </button>
              </div>
            </>
          )}
        </section>
      )}
    </Page>
  );
}
