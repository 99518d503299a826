// After the consultation: what the specialist recorded for the citizen, the transcript,
// and the feedback form (or thanks once it was given).
import type { Room, Ticket } from '../../api/types';
import { links } from '../../api/reception-client';
import { useT } from '../../i18n/context';
import { Link } from '../../router';
import { FeedbackForm } from './FeedbackForm';

interface ClosedTicketProps {
  ticket: Ticket;
  room: Room | null;
  onFeedback: () => void;
}

export function ClosedTicket({ ticket, room, onFeedback }: ClosedTicketProps) {
  const { t } = useT();
  return (
    <>
      <section class="card" aria-labelledby="outcome-title" data-testid="ticket-outcome">
        <h2 id="outcome-title">{t('outcome.title')}</h2>
        {room?.outcome && <p class="lead" data-testid="ticket-outcome-value">{t(`outcomes.${room.outcome}`)}</p>}
        {room?.outcome === 'referred_to_mediation' && (
          <p>
            <Link
              href={`/cases/new?ticket=${encodeURIComponent(ticket.id)}`}
              class="button"
              data-testid="ticket-open-case"
            >
              {t('outcome.openCase')}
            </Link>
          </p>
        )}
        {room?.summary && <p class="summary-text" data-testid="ticket-outcome-summary">{room.summary}</p>}
        {ticket.room_id && (
          <p>
            <a href={links.transcript(ticket.room_id)} download data-testid="ticket-transcript">
              {t('outcome.transcript')}
            </a>
          </p>
        )}
      </section>
      {ticket.feedback_given ? (
        <p class="notice" role="status" data-testid="feedback-thanks">
          {t('feedback.thanks')}
        </p>
      ) : (
        <FeedbackForm ticketId={ticket.id} onSent={onFeedback} />
      )}
    </>
  );
}
