// Shown once after a guest's question is sent: the secret link that brings them back to
// their ticket from any device, a copy button, and the way on to the waiting page.
import { useState } from 'preact/hooks';
import type { Ticket } from '../../api/types';
import { LiveMessage } from '../../components/LiveMessage';
import { Page } from '../../components/Page';
import { useT } from '../../i18n/context';
import { navigate } from '../../router';

export function ReturnLink({ ticket, link }: { ticket: Ticket; link: string }) {
  const { t } = useT();
  const [status, setStatus] = useState<string | undefined>(undefined);
  const url = new URL(link, window.location.origin).href;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setStatus(t('returnLink.copied'));
    } catch {
      setStatus(t('returnLink.copyFailed'));
    }
  };
  return (
    <Page title={t('returnLink.title')} testId="return-link-page">
      <p class="lead">{t('returnLink.sent')}</p>
      <section class="card card--important" aria-labelledby="return-link-label">
        <h2 id="return-link-label">{t('returnLink.heading')}</h2>
        <p id="return-link-explain">{t('returnLink.explain')}</p>
        <div class="field">
          <label for="return-link">{t('returnLink.label')}</label>
          <input
            id="return-link"
            type="text"
            readOnly
            value={url}
            aria-describedby="return-link-explain"
            data-testid="return-link"
            onFocus={(event) => {
              event.currentTarget.select();
            }}
          />
        </div>
        <div class="actions">
          <button type="button" class="button button--secondary" data-testid="return-link-copy" onClick={() => void copy()}>
            {t('returnLink.copy')}
          </button>
          <button
            type="button"
            class="button"
            data-testid="return-link-continue"
            onClick={() => {
              navigate(`/tickets/${encodeURIComponent(ticket.id)}`);
            }}
          >
            {t('returnLink.continue')}
          </button>
        </div>
        <LiveMessage kind="status" message={status} testId="return-link-status" />
      </section>
    </Page>
  );
}
