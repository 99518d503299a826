// /ask/:receptionId: the intake form of one reception. After sending, a guest sees their
// secret return link once (ReturnLink), then goes to the ticket's waiting page.
import { useState } from 'preact/hooks';
import type { Ticket } from '../../api/types';
import { LiveMessage } from '../../components/LiveMessage';
import { localName } from '../../components/localName';
import { Page } from '../../components/Page';
import { useLoad } from '../../components/useLoad';
import { useT } from '../../i18n/context';
import { navigate } from '../../router';
import { useSession } from '../../session';
import { AskForm } from './AskForm';
import { ReturnLink } from './ReturnLink';

export function AskPage({ receptionId }: { receptionId: string }) {
  const { t, language } = useT();
  const { api, refreshUser } = useSession();
  const reception = useLoad(() => api.reception(receptionId), [receptionId]);
  const regions = useLoad(() => api.listRegions(), []);
  const slotMinutes = reception.data?.slot_minutes ?? 0;
  const slots = useLoad(
    () => (slotMinutes > 0 ? api.slots(receptionId) : Promise.resolve({ items: [], next: null })),
    [receptionId, slotMinutes],
  );
  const [created, setCreated] = useState<{ ticket: Ticket; link: string } | null>(null);

  const onCreated = async (ticket: Ticket, link: string | null) => {
    if (!link) {
      navigate(`/tickets/${encodeURIComponent(ticket.id)}`);
      return;
    }
    // The answer made this visitor a guest (a session cookie): the shell learns who they are.
    await refreshUser();
    setCreated({ ticket, link });
  };

  if (created) return <ReturnLink ticket={created.ticket} link={created.link} />;
  const error = reception.error ?? regions.error;
  return (
    <Page title={t('intake.title')} testId="ask">
      {reception.data && (
        <p class="lead" data-testid="ask-reception">
          {localName(reception.data.title, language)}
          {' · '}
          {localName(reception.data.organisation_name, language)}
        </p>
      )}
      <LiveMessage kind="error" message={error} />
      {reception.data && regions.data ? (
        <AskForm
          reception={reception.data}
          regions={regions.data.items}
          slots={slots.data?.items ?? []}
          onCreated={onCreated}
        />
      ) : (
        !error && <p class="loading">{t('status.loading')}</p>
      )}
    </Page>
  );
}
