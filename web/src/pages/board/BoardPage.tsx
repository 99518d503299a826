// /receptions/:id/board: the coordinator's live board. Who waits (by category and kind,
// the longest wait), the questions left for later (apart: they have no place and come back
// by themselves when a specialist of their kind is on duty), the specialists and their
// state, rooms in progress; reassigning a waiting ticket to a specialist; closing the
// reception.
import { useEffect, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import type { Board, Ticket } from '../../api/types';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ConnectionBanner } from '../../components/ConnectionBanner';
import { CountTable } from '../../components/CountTable';
import { formErrors } from '../../components/errors';
import { formatDateTime, formatMinutes, formatTime } from '../../components/format';
import { LiveMessage } from '../../components/LiveMessage';
import { localName } from '../../components/localName';
import { Page } from '../../components/Page';
import { useLoad } from '../../components/useLoad';
import { useSocket, useSocketEvent } from '../../components/useSocket';
import { useT } from '../../i18n/context';
import { Link } from '../../router';
import { useSession } from '../../session';
import { Reassign } from './Reassign';

export function BoardPage({ receptionId }: { receptionId: string }) {
  const { t, language } = useT();
  const { api } = useSession();
  const socket = useSocket();
  const reception = useLoad(() => api.reception(receptionId), [receptionId]);
  const [board, setBoard] = useState<Board | null>(null);
  const [error, setError] = useState<string | undefined>(undefined);
  const [status, setStatus] = useState<string | undefined>(undefined);
  const load = () => {
    api.board(receptionId).then(setBoard, (failure: unknown) => {
      setError(formErrors(t, failure, []).message);
    });
  };
  useEffect(load, [api, receptionId]);
  useEffect(() => socket.watchBoard(receptionId), [socket, receptionId]);
  useSocketEvent('board', (event) => {
    if (event.board.reception_id === receptionId) setBoard(event.board);
  });

  const close = async () => {
    try {
      await api.closeReception(receptionId);
      setStatus(t('board.closed'));
      reception.reload();
    } catch (failure) {
      setError(formErrors(t, failure, []).message);
    }
  };

  const title = reception.data ? localName(reception.data.title, language) : '';
  const tickets = board?.tickets ?? [];
  const waitingTickets = tickets.filter((ticket) => ticket.status === 'waiting');
  const deferredTickets = tickets.filter((ticket) => ticket.status === 'deferred');
  return (
    <Page title={t('board.title')} testId="board">
      {title && <p class="lead">{title}</p>}
      <p class="links">
        <Link href={`/receptions/${encodeURIComponent(receptionId)}/figures`}>{t('board.figures')}</Link>
        <Link href={`/receptions/${encodeURIComponent(receptionId)}/summary`}>{t('board.summary')}</Link>
      </p>
      <ConnectionBanner onReconnected={load} />
      <LiveMessage kind="status" message={status} testId="board-status" />
      <LiveMessage kind="error" message={error ?? reception.error} testId="board-error" />
      {!board && !error && <p class="loading">{t('status.loading')}</p>}
      {board && (
        <>
          <dl class="queue__figures" data-testid="board-counts">
            <div class="queue__figure">
              <dt>{t('board.waiting')}</dt>
              <dd data-testid="board-waiting">{board.waiting}</dd>
            </div>
            <div class="queue__figure">
              <dt>{t('board.longestWait')}</dt>
              <dd data-testid="board-longest-wait">{formatMinutes(t, board.longest_wait_seconds)}</dd>
            </div>
            <div class="queue__figure">
              <dt>{t('board.roomsCount')}</dt>
              <dd data-testid="board-rooms-count">{board.rooms.length}</dd>
            </div>
          </dl>
          <div class="tables">
            <CountTable
              caption={t('board.byCategory')}
              counts={board.waiting_by_category}
              label={(key) => t(`category.${key}`, { defaultValue: key })}
              testId="board-by-category"
            />
            <CountTable
              caption={t('board.byKind')}
              counts={board.waiting_by_kind}
              label={(key) => t(`kind.${key}`, { defaultValue: key })}
              testId="board-by-kind"
            />
          </div>
          <section class="card" aria-labelledby="board-specialists-title">
            <h2 id="board-specialists-title">{t('board.specialists')}</h2>
            <ul class="rows" data-testid="board-specialists">
              {board.specialists.map((specialist) => (
                <li key={specialist.id} class="row">
                  <span class="row__main">{specialist.display_name}</span>
                  <span class="row__meta">
                    {[
                      specialist.kinds.map((kind) => t(`kind.${kind}`)).join(', '),
                      specialist.state === 'away' && specialist.missed_offer
                        ? t('board.state.missedOffer')
                        : t(`board.state.${specialist.state}`),
                      t('board.specialistRooms', { count: specialist.rooms }),
                    ].join(' · ')}
                  </span>
                </li>
              ))}
            </ul>
          </section>
          <section class="card" aria-labelledby="board-tickets-title">
            <h2 id="board-tickets-title">{t('board.tickets')}</h2>
            {waitingTickets.length === 0 ? (
              <p>{t('board.noTickets')}</p>
            ) : (
              <ul class="rows" data-testid="board-tickets">
                {waitingTickets.map((ticket) => (
                  <TicketRow
                    key={ticket.id}
                    ticket={ticket}
                    since={t('board.since', { time: formatTime(ticket.created_at, language) })}
                  >
                    <Reassign ticket={ticket} specialists={board.specialists} onDone={setStatus} onError={setError} />
                  </TicketRow>
                ))}
              </ul>
            )}
          </section>
          {deferredTickets.length > 0 && (
            <section class="card" aria-labelledby="board-deferred-title" data-testid="board-deferred">
              <h2 id="board-deferred-title" data-testid="board-deferred-title">
                {t('board.deferred', { count: deferredTickets.length })}
              </h2>
              <p class="field__hint">{t('board.deferredExplain')}</p>
              <ul class="rows">
                {deferredTickets.map((ticket) => (
                  <TicketRow
                    key={ticket.id}
                    ticket={ticket}
                    since={t('board.askedAt', { time: formatDateTime(ticket.created_at, language) })}
                  />
                ))}
              </ul>
            </section>
          )}
          <section class="card" aria-labelledby="board-rooms-title">
            <h2 id="board-rooms-title">{t('board.rooms')}</h2>
            {board.rooms.length === 0 ? (
              <p>{t('board.noRooms')}</p>
            ) : (
              <ul class="rows" data-testid="board-rooms">
                {board.rooms.map((room) => (
                  <li key={room.id} class="row">
                    <Link href={`/rooms/${encodeURIComponent(room.id)}`} class="row__main">
                      {room.ticket
                        ? t(`category.${room.ticket.category}`, { defaultValue: room.ticket.category })
                        : t('desk.roomOpen')}
                    </Link>
                    {room.members && (
                      <span class="row__meta">
                        {room.members
                          .filter((m) => m.kind !== null && m.left_at === null)
                          .map((m) => m.display_name)
                          .join(', ')}
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>
          {reception.data?.status !== 'closed' && (
            <section class="card" aria-labelledby="board-close-title">
              <h2 id="board-close-title">{t('board.close')}</h2>
              <p>{t('board.closeExplain')}</p>
              <ConfirmButton
                label={t('board.close')}
                question={t('board.closeQuestion')}
                confirmLabel={t('board.closeConfirm')}
                onConfirm={close}
                testId="board-close"
              />
            </section>
          )}
        </>
      )}
    </Page>
  );
}

/** One citizen's question on the board: its topic and kinds, since when, its language. */
function TicketRow({ ticket, since, children }: { ticket: Ticket; since: string; children?: ComponentChildren }) {
  const { t } = useT();
  return (
    <li class="row" data-testid="board-ticket">
      <span class="row__main">
        {t(`category.${ticket.category}`, { defaultValue: ticket.category })}
        {' · '}
        {ticket.kinds.map((kind) => t(`kind.${kind}`)).join(', ')}
      </span>
      <span class="row__meta">
        {since}
        {' · '}
        {t(`language.${ticket.language}`)}
      </span>
      {children}
    </li>
  );
}
