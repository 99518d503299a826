// The waiting part of a ticket: the place in the queue and the estimated wait, or at once
// that nobody of an asked kind is on duty now (with the next opening and the offer to
// leave the question for later); and leaving the queue.
import type { Ticket } from '../../api/types';
import { ConfirmButton } from '../../components/ConfirmButton';
import { formatDateTime, formatWait } from '../../components/format';
import { useT } from '../../i18n/context';

interface QueueStatusProps {
  ticket: Ticket;
  onLeave: () => Promise<void>;
  onDefer: () => Promise<void>;
}

export function QueueStatus({ ticket, onLeave, onDefer }: QueueStatusProps) {
  const { t, language } = useT();
  const { status, place, estimated_wait_seconds: wait, on_duty: onDuty, next_opening: nextOpening } = ticket;
  const waiting = status === 'waiting' || status === 'scheduled';
  return (
    <section class="card queue" aria-labelledby="queue-title" data-testid="queue">
      <h2 id="queue-title">{t('queue.title')}</h2>
      {waiting && !onDuty && (
        <div class="notice notice--warning" data-testid="ticket-off-duty">
          <p>
            <strong>{t('queue.offDuty')}</strong>
          </p>
          <p data-testid="ticket-next-opening">
            {nextOpening
              ? t('queue.nextOpening', { time: formatDateTime(nextOpening, language) })
              : t('queue.noNextOpening')}
          </p>
          <p>{t('queue.deferExplain')}</p>
          <button type="button" class="button" data-testid="ticket-defer" onClick={() => void onDefer()}>
            {t('queue.defer')}
          </button>
        </div>
      )}
      {status === 'scheduled' && ticket.slot_at && (
        <p data-testid="ticket-slot">{t('queue.slot', { time: formatDateTime(ticket.slot_at, language) })}</p>
      )}
      {status === 'waiting' && (
        <dl class="queue__figures">
          <div class="queue__figure">
            <dt>{t('queue.place')}</dt>
            <dd data-testid="ticket-place">{place ?? '—'}</dd>
          </div>
          <div class="queue__figure">
            <dt>{t('queue.wait')}</dt>
            <dd data-testid="ticket-wait">
              {wait === null || !onDuty ? t('queue.waitUnknown') : formatWait(t, wait)}
            </dd>
          </div>
        </dl>
      )}
      {status === 'waiting' && onDuty && <p class="field__hint">{t('queue.keepOpen')}</p>}
      {status === 'deferred' && (
        <p data-testid="ticket-deferred">
          {nextOpening
            ? t('queue.deferred', { time: formatDateTime(nextOpening, language) })
            : t('queue.deferredNoTime')}
        </p>
      )}
      <ConfirmButton
        label={status === 'deferred' ? t('queue.withdraw') : t('queue.leave')}
        question={t('queue.leaveQuestion')}
        confirmLabel={t('queue.leaveConfirm')}
        onConfirm={onLeave}
        testId="ticket-leave"
      />
    </section>
  );
}
