// /t/:token: the secret return link. Trades the token for a session on this device, then
// replaces itself in the history with the ticket's page (so the secret is not kept there).
import { useEffect, useState } from 'preact/hooks';
import { formErrors } from '../../components/errors';
import { LiveMessage } from '../../components/LiveMessage';
import { Page } from '../../components/Page';
import { useT } from '../../i18n/context';
import { Link, navigate } from '../../router';
import { useSession } from '../../session';

export function ResumePage({ token }: { token: string }) {
  const { t } = useT();
  const { api, refreshUser } = useSession();
  const [error, setError] = useState<string | undefined>(undefined);
  useEffect(() => {
    let current = true;
    api.resumeTicket(token).then(
      async ({ ticket }) => {
        await refreshUser(); // the answer signed this device in as the ticket's citizen
        if (current) navigate(`/tickets/${encodeURIComponent(ticket.id)}`, { replace: true });
      },
      (failure: unknown) => {
        if (current) setError(formErrors(t, failure, []).message);
      },
    );
    return () => {
      current = false;
    };
  }, [api, token, refreshUser]);
  return (
    <Page title={t('resume.title')} testId="resume">
      <LiveMessage kind="error" message={error} testId="resume-error" />
      {error ? (
        <p>
          <Link href="/receptions">{t('resume.askAgain')}</Link>
        </p>
      ) : (
        <p class="loading">{t('resume.opening')}</p>
      )}
    </Page>
  );
}
