// /invitations#<token>: where an invitation link opens (Art. 20 p.6, Art. 5). The token is
// read from the address's fragment and sent only in the API's path, never in a query string
// (so it stays out of server logs and Referer headers). Shows who invites, the category, the
// subject and the deadline, explains mediation in two sentences, and offers Accept (signing in
// or up first, then back here) and Refuse (after a confirmation).
import { useEffect, useState } from 'preact/hooks';
import type { User } from '../../api/types';
import { ConfirmButton } from '../../components/ConfirmButton';
import { formErrors } from '../../components/errors';
import { LiveMessage } from '../../components/LiveMessage';
import { Page } from '../../components/Page';
import { useLoad } from '../../components/useLoad';
import { useT } from '../../i18n/context';
import { rememberReturn } from '../../return-path';
import { Link, navigate } from '../../router';
import { useSession } from '../../session';
import { formatWhen } from './parts';

function tokenFromHash(): string {
  try {
    return decodeURIComponent(window.location.hash.replace(/^#/, ''));
  } catch {
    return '';
  }
}

export function InvitationPage({ user }: { user: User | null }) {
  const { t, language } = useT();
  const { api } = useSession();
  const [token, setToken] = useState(tokenFromHash);
  useEffect(() => {
    const update = () => {
      setToken(tokenFromHash());
    };
    window.addEventListener('hashchange', update);
    return () => {
      window.removeEventListener('hashchange', update);
    };
  }, []);
  const invitation = useLoad(() => (token ? api.invitation(token) : Promise.reject(new Error('no token'))), [api, token]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const [refused, setRefused] = useState(false);
  const here = `/invitations#${encodeURIComponent(token)}`;
  const view = invitation.data;
  // Signing in or up comes back here (the shell takes the remembered path once signed in).
  useEffect(() => {
    if (!user && token) rememberReturn(here);
  }, [user, here]);

  const accept = async () => {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      const kase = await api.acceptInvitation(token);
      navigate(`/cases/${encodeURIComponent(kase.id)}`);
    } catch (failure) {
      setError(formErrors(t, failure, []).message);
      setBusy(false);
    }
  };
  const refuse = async () => {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      await api.refuseInvitation(token);
      setRefused(true);
    } catch (failure) {
      setError(formErrors(t, failure, []).message);
    } finally {
      setBusy(false);
    }
  };

  if (refused) {
    return (
      <Page title={t('cases.invitation.title')} testId="invitation">
        <p class="notice" role="status" data-testid="invitation-refused">
          {t('cases.invitation.refused')}
        </p>
      </Page>
    );
  }
  const unknown = !token || (invitation.error !== undefined && !view);
  return (
    <Page title={t('cases.invitation.title')} testId="invitation">
      {unknown && (
        <div class="notice" data-testid="invitation-unknown">
          <p>{t('cases.invitation.unknown')}</p>
          {token && (
            <button type="button" class="button button--secondary" onClick={invitation.reload}>
              {t('cases.retry')}
            </button>
          )}
        </div>
      )}
      {!unknown && !view && <p class="loading">{t('status.loading')}</p>}
      {view && (
        <>
          <p class="lead" data-testid="invitation-who">
            {t('cases.invitation.who', { inviter: view.inviter, name: view.party_name })}
          </p>
          <dl class="facts case__facts" data-testid="invitation-facts">
            <dt>{t('cases.category')}</dt>
            <dd>{t(`cases.categories.${view.category}`)}</dd>
            <dt>{t('cases.invitation.subject')}</dt>
            <dd class="case__text" data-testid="invitation-subject">
              {view.subject}
            </dd>
            <dt>{t('cases.new.language')}</dt>
            <dd>{t(`language.${view.language}`)}</dd>
            <dt>{t('cases.invitation.deadline')}</dt>
            <dd data-testid="invitation-deadline">{formatWhen(view.deadline, language)}</dd>
          </dl>
          <h2>{t('cases.invitation.whatTitle')}</h2>
          <p>{t('cases.invitation.what')}</p>
          <LiveMessage kind="error" message={error} testId="invitation-error" />
          {user ? (
            <div class="actions">
              <button type="button" class="button" disabled={busy} data-testid="invitation-accept" onClick={() => void accept()}>
                {busy ? t('cases.sending') : t('cases.invitation.accept')}
              </button>
            </div>
          ) : (
            <div class="actions" data-testid="invitation-sign-in-first">
              <p>{t('cases.invitation.signInFirst')}</p>
              <Link href="/sign-in" class="button" data-testid="invitation-sign-in">
                {t('cases.invitation.signIn')}
              </Link>
              <Link href="/sign-up" class="button button--secondary" data-testid="invitation-sign-up">
                {t('cases.invitation.signUp')}
              </Link>
            </div>
          )}
          <div class="case__refuse">
            <ConfirmButton
              label={t('cases.invitation.refuse')}
              question={t('cases.invitation.refuseQuestion')}
              confirmLabel={t('cases.invitation.refuseConfirm')}
              busy={busy}
              testId="invitation-refuse"
              onConfirm={refuse}
            />
          </div>
        </>
      )}
    </Page>
  );
}

