// /set-password#<token>: the one-time link mailed with an invitation (good 7 days) or a
// password reset (good 1 hour). The token is taken from the address bar at once (kept in
// this history entry's state, so a reload still works, but no longer shown), the server
// says whom it is for, and setting the password signs this device in and goes home.
// A missing, unknown, used or expired link says so, with the way to ask for a new one.
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../../api/problem';
import type { AccountLink } from '../../api/types';
import { formErrors } from '../../components/errors';
import { Form, NewPasswordFields } from '../../components/fields';
import { LiveMessage } from '../../components/LiveMessage';
import { Page } from '../../components/Page';
import { useSignInForm, useTextValue } from '../../components/useForm';
import { checkNewPassword, checkPasswordRepeat } from '../../components/validation';
import { useT } from '../../i18n/context';
import { Link } from '../../router';
import { useSession } from '../../session';

const FIELDS = ['password', 'password_confirm'] as const;

type State =
  | { step: 'checking' }
  | { step: 'ready'; link: AccountLink }
  | { step: 'unusable' }
  | { step: 'failed'; message: string };

/** The token from `#<token>`, moved out of the visible address into the history state. */
export function takeToken(): string {
  const { hash, pathname, search } = window.location;
  const fromHash = hash.length > 1 ? hash.slice(1) : '';
  if (fromHash) {
    window.history.replaceState({ token: fromHash }, '', pathname + search);
    return fromHash;
  }
  const state: unknown = window.history.state;
  const kept = typeof state === 'object' && state !== null ? (state as { token?: unknown }).token : undefined;
  return typeof kept === 'string' ? kept : '';
}

/** A link that cannot be used: unknown (404), or used or expired (410). */
function unusable(failure: unknown): boolean {
  return failure instanceof ApiError && (failure.status === 404 || failure.status === 410);
}

export function SetPasswordPage() {
  const { t } = useT();
  const { api } = useSession();
  const [token, setToken] = useState(takeToken);
  const [state, setState] = useState<State>(token ? { step: 'checking' } : { step: 'unusable' });
  const [attempt, setAttempt] = useState(0);

  // Another link opened in this same tab only changes the hash: take that one instead.
  useEffect(() => {
    const onHash = () => {
      if (window.location.hash.length > 1) setToken(takeToken());
    };
    window.addEventListener('hashchange', onHash);
    return () => {
      window.removeEventListener('hashchange', onHash);
    };
  }, []);

  useEffect(() => {
    if (!token) {
      setState({ step: 'unusable' });
      return;
    }
    let current = true;
    setState({ step: 'checking' });
    api.accountLink(token).then(
      (link) => {
        if (current) setState({ step: 'ready', link });
      },
      (failure: unknown) => {
        if (!current) return;
        setState(unusable(failure) ? { step: 'unusable' } : { step: 'failed', message: formErrors(t, failure, []).message });
      },
    );
    return () => {
      current = false;
    };
  }, [api, token, attempt]);

  const title =
    state.step === 'ready'
      ? state.link.purpose === 'invitation'
        ? t('setPassword.welcome', { name: state.link.display_name })
        : t('setPassword.resetTitle')
      : state.step === 'unusable'
        ? t('setPassword.unusableTitle')
        : t('setPassword.title');

  return (
    <Page title={title} testId="set-password">
      <LiveMessage kind="error" message={state.step === 'failed' ? state.message : undefined} testId="set-password-error" />
      {state.step === 'checking' && <p class="loading">{t('setPassword.checking')}</p>}
      {state.step === 'failed' && (
        <button
          type="button"
          class="button"
          onClick={() => {
            setAttempt((n) => n + 1);
          }}
        >
          {t('setPassword.retry')}
        </button>
      )}
      {state.step === 'unusable' && (
        <div data-testid="set-password-unusable">
          <p>{t('setPassword.unusable')}</p>
          <p>
            <Link href="/forgot-password" class="button" data-testid="set-password-new-link">
              {t('setPassword.askNewLink')}
            </Link>
          </p>
          <p class="aside">{t('setPassword.invitedHint')}</p>
        </div>
      )}
      {state.step === 'ready' && (
        <SetPasswordForm
          key={token}
          token={token}
          link={state.link}
          onUnusable={() => {
            setState({ step: 'unusable' });
          }}
        />
      )}
    </Page>
  );
}

interface SetPasswordFormProps {
  token: string;
  link: AccountLink;
  onUnusable: () => void;
}

function SetPasswordForm({ token, link, onUnusable }: SetPasswordFormProps) {
  const { t } = useT();
  const { api, announce } = useSession();
  const password = useTextValue();
  const repeat = useTextValue();
  const state = useSignInForm({
    fields: FIELDS,
    validate: () => ({
      password: checkNewPassword(t, password.value),
      password_confirm: checkPasswordRepeat(t, password.value, repeat.value),
    }),
    send: async () => {
      try {
        const answer = await api.setPassword(token, password.value);
        announce(t('setPassword.done'));
        return answer;
      } catch (failure) {
        // Used meanwhile (another tab) or expired while the form was open.
        if (failure instanceof ApiError && failure.status === 410) onUnusable();
        throw failure;
      }
    },
    focusServerErrors: true,
  });
  const { fields: errors } = state.errors;
  return (
    <>
      <p class="lead" data-testid="set-password-for">
        {t('setPassword.for', { email: link.email })}
      </p>
      <Form
        state={state}
        errorTestId="form-error"
        submit={{ testId: 'set-password-submit', label: t('setPassword.submit'), busyLabel: t('setPassword.submitting') }}
      >
        <NewPasswordFields names={FIELDS} password={password} repeat={repeat} errors={errors} />
      </Form>
    </>
  );
}
