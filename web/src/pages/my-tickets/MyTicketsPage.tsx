// /my/tickets: the signed-in citizen's own questions, newest first — which reception, where
// each stands in words, when it was asked, the place in the queue while waiting — each
// leading back to its live page at /tickets/:id — and withdrawing consent to erase one (an
// erased question says so instead of its text).
import { useState } from 'preact/hooks';
import type { Reception, Ticket } from '../../api/types';
import { formatDateTime } from '../../components/format';
import { LiveMessage } from '../../components/LiveMessage';
import { localName } from '../../components/localName';
import { Page } from '../../components/Page';
import { EraseQuestion, QuestionText } from '../../components/TicketQuestion';
import { useLoad } from '../../components/useLoad';
import { useT } from '../../i18n/context';
import { Link } from '../../router';
import { useSession } from '../../session';

export function MyTicketsPage() {
  const { t } = useT();
  const { api } = useSession();
  const loaded = useLoad(async () => {
    const { items } = await api.myTickets();
    // A ticket names only its reception's id: read each reception once (a gone one stays unnamed).
    const ids = [...new Set(items.map((ticket) => ticket.reception_id))];
    const receptions = await Promise.all(ids.map((id) => api.reception(id).catch(() => undefined)));
    const byId = new Map(receptions.flatMap((r) => (r ? [[r.id, r] as const] : [])));
    return { tickets: items, receptions: byId };
  }, [api]);
  const tickets = loaded.data?.tickets;
  const [status, setStatus] = useState<string | undefined>(undefined);
  const erased = () => {
    setStatus(t('erase.done'));
    loaded.reload();
  };
  return (
    <Page title={t('myTickets.title')} testId="my-tickets">
      <LiveMessage kind="error" message={loaded.error} />
      <LiveMessage kind="status" message={status} testId="my-tickets-status" />
      {!loaded.data && !loaded.error && <p class="loading">{t('status.loading')}</p>}
      {tickets && (
        <p class="count" data-testid="my-tickets-count">
          {t('myTickets.count', { count: tickets.length })}
        </p>
      )}
      {tickets?.length === 0 && (
        <div class="notice" data-testid="my-tickets-empty">
          <p>{t('myTickets.empty')}</p>
          <p>
            <Link href="/receptions" class="button" data-testid="my-tickets-ask">
              {t('home.citizen.ask')}
            </Link>
          </p>
        </div>
      )}
      <ul class="cards" data-testid="my-tickets-list">
        {tickets?.map((ticket) => (
          <TicketCard
            key={ticket.id}
            ticket={ticket}
            reception={loaded.data?.receptions.get(ticket.reception_id)}
            onErased={erased}
          />
        ))}
      </ul>
    </Page>
  );
}

interface TicketCardProps {
  ticket: Ticket;
  reception: Reception | undefined;
  onErased: () => void;
}

function TicketCard({ ticket, reception, onErased }: TicketCardProps) {
  const { t, language } = useT();
  const titleId = `ticket-${ticket.id}-title`;
  const waiting = ticket.status === 'waiting' && ticket.place !== null;
  return (
    <li class="card" data-testid="my-ticket" data-ticket-id={ticket.id}>
      <h2 id={titleId}>{reception ? localName(reception.title, language) : t('myTickets.unknownReception')}</h2>
      {reception && <p class="reception__organisation">{localName(reception.organisation_name, language)}</p>}
      <p data-testid="my-ticket-status">{t(`ticket.status.${ticket.status}`)}</p>
      <QuestionText ticket={ticket} class="my-ticket__question" />
      <dl class="facts">
        <dt>{t('myTickets.asked')}</dt>
        <dd data-testid="my-ticket-asked">{formatDateTime(ticket.created_at, language)}</dd>
        {waiting && (
          <>
            <dt>{t('queue.place')}</dt>
            <dd data-testid="my-ticket-place">{ticket.place}</dd>
          </>
        )}
      </dl>
      <p>
        <Link
          href={`/tickets/${encodeURIComponent(ticket.id)}`}
          class="button button--secondary"
          aria-describedby={titleId}
          data-testid="my-ticket-open"
        >
          {t('myTickets.open')}
        </Link>
      </p>
      <EraseQuestion ticket={ticket} onErased={onErased} testId={`my-ticket-erase-${ticket.id}`} />
    </li>
  );
}
