// /tickets/:id: the citizen's ticket, live. Waiting: place and estimated wait (announced
// politely when they change), whether anyone of the asked kinds is on duty, leaving or
// deferring; a deferred question put back in the queue is announced the same way. In a
// room: the specialists who joined, the call (video or voice) and the chat. Closed: the outcome,
// the transcript and the feedback form. Below: what the citizen wrote, and withdrawing
// consent to erase it; an erased question shows only that it was erased.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Room, Ticket } from '../../api/types';
import { Chat } from '../../components/chat/Chat';
import { isCurrentMember } from '../../components/chat/useChat';
import { ConnectionBanner } from '../../components/ConnectionBanner';
import { formErrors } from '../../components/errors';
import { LiveMessage } from '../../components/LiveMessage';
import { Page } from '../../components/Page';
import { SeatList } from '../../components/SeatList';
import { EraseQuestion, QuestionText } from '../../components/TicketQuestion';
import { formatDateTime } from '../../components/format';
import { useSocketEvent } from '../../components/useSocket';
import { useT } from '../../i18n/context';
import { Link } from '../../router';
import { useSession } from '../../session';
import { checkLink } from '../check/links';
import { CallPanel } from '../room/call/CallPanel';
import { ClosedTicket } from './ClosedTicket';
import { QueueStatus } from './QueueStatus';

export function TicketPage({ ticketId }: { ticketId: string }) {
  const { t, language } = useT();
  const { api, user } = useSession();
  const [ticket, setTicket] = useState<Ticket | null>(null);
  const [room, setRoom] = useState<Room | null>(null);
  const [error, setError] = useState<string | undefined>(undefined);
  const [announcement, setAnnouncement] = useState<string | undefined>(undefined);
  const previous = useRef<Ticket | null>(null);

  const loadTicket = () => {
    api.ticket(ticketId).then(
      (loaded) => {
        setTicket(loaded);
        setError(undefined);
      },
      (failure: unknown) => {
        setError(formErrors(t, failure, []).message);
      },
    );
  };
  useEffect(loadTicket, [api, ticketId]);

  useSocketEvent('ticket', (event) => {
    if (event.ticket.id === ticketId) setTicket(event.ticket);
  });
  // Between full updates the server sends only the new place and estimate.
  useSocketEvent('place', (event) => {
    if (event.ticket_id !== ticketId) return;
    setTicket(
      (current) =>
        current && { ...current, place: event.place, estimated_wait_seconds: event.estimated_wait_seconds },
    );
  });
  useSocketEvent('room', (event) => {
    if (ticket?.room_id && event.room.id === ticket.room_id) setRoom(event.room);
  });

  // The room (for the chat and the outcome) once there is one.
  const roomId = ticket?.room_id ?? null;
  const status = ticket?.status;
  useEffect(() => {
    if (!roomId) return;
    let current = true;
    api.room(roomId).then(
      (loaded) => {
        if (current) setRoom(loaded);
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [api, roomId, status]);

  // Tell screen-reader users what changed: the place, a specialist joining, the end.
  useEffect(() => {
    const before = previous.current;
    previous.current = ticket;
    if (!ticket || !before) return;
    if (ticket.status !== before.status) {
      if (ticket.status === 'in_room') setAnnouncement(t('queue.announce.inRoom'));
      else if (ticket.status === 'closed') setAnnouncement(t('queue.announce.closed'));
      // A deferred question is put back in the queue when a specialist of its kind returns.
      else if (ticket.status === 'waiting' && before.status === 'deferred') {
        const back = t('queue.announce.back');
        setAnnouncement(ticket.place === null ? back : `${back} ${t('queue.announce.place', { place: ticket.place })}`);
      }
    } else if (ticket.place !== null && ticket.place !== before.place) {
      setAnnouncement(t('queue.announce.place', { place: ticket.place }));
    } else if (ticket.on_duty !== before.on_duty && !ticket.on_duty) {
      setAnnouncement(t('queue.offDuty'));
    }
  }, [ticket]);

  const act = async (action: (id: string) => Promise<Ticket | undefined>) => {
    try {
      const updated = await action(ticketId);
      if (updated) setTicket(updated);
      else loadTicket();
    } catch (failure) {
      setError(formErrors(t, failure, []).message);
    }
  };

  const reload = () => {
    loadTicket();
    if (roomId) void api.room(roomId).then(setRoom, () => undefined);
  };

  return (
    <Page title={t('ticket.title')} testId="ticket">
      <LiveMessage kind="status" message={announcement} testId="ticket-announcement" />
      <LiveMessage kind="error" message={error} testId="ticket-error" />
      {!ticket && !error && <p class="loading">{t('status.loading')}</p>}
      {ticket?.erased && (
        <>
          <p class="lead" data-testid="ticket-status">
            {t(`ticket.status.${ticket.status}`)}
          </p>
          <QuestionText ticket={ticket} />
          <p>
            <Link href="/receptions">{t('ticket.askAgain')}</Link>
          </p>
        </>
      )}
      {ticket && !ticket.erased && (
        <>
          <p class="lead" data-testid="ticket-status">
            {t(`ticket.status.${ticket.status}`)}
          </p>
          {(ticket.status === 'waiting' || ticket.status === 'scheduled' || ticket.status === 'deferred') && (
            <>
              <ConnectionBanner onReconnected={reload} />
              <QueueStatus
                ticket={ticket}
                onLeave={() => act(api.leaveTicket)}
                onDefer={() => act(api.deferTicket)}
              />
              <p>
                <Link href={checkLink(`/tickets/${encodeURIComponent(ticketId)}`)} data-testid="ticket-check">
                  {t('check.link')}
                </Link>
              </p>
            </>
          )}
          {ticket.seats.length > 0 && ticket.status !== 'closed' && (
            <section aria-labelledby="seats-title">
              <h2 id="seats-title">{ticket.seats.length > 1 ? t('seats.panelTitle') : t('seats.title')}</h2>
              <SeatList seats={ticket.seats} />
            </section>
          )}
          {ticket.status === 'in_room' && room && user && isCurrentMember(room, user.id) && (
            <CallPanel room={room} selfId={user.id} channel={ticket.channel} />
          )}
          {ticket.status === 'in_room' && room && <Chat room={room} selfId={citizenId(room)} onReconnected={reload} />}
          {ticket.status === 'closed' && (
            <ClosedTicket
              ticket={ticket}
              room={room}
              onFeedback={() => {
                setTicket({ ...ticket, feedback_given: true });
              }}
            />
          )}
          {(ticket.status === 'abandoned' || ticket.status === 'no_show') && (
            <p>
              <Link href="/receptions">{t('ticket.askAgain')}</Link>
            </p>
          )}
          <section class="card" aria-labelledby="question-title" data-testid="ticket-question">
            <h2 id="question-title">{t('erase.title')}</h2>
            <QuestionText ticket={ticket} class="summary-text" />
            {ticket.consent_at && (
              <p class="field__hint consent__given" data-testid="ticket-consent">
                {t('erase.consentGiven', { time: formatDateTime(ticket.consent_at, language) })}
              </p>
            )}
            {/* Only the ticket's own citizen (a guest too) may take it back. */}
            {user?.role === 'citizen' && (
              <>
                {ticket.status !== 'in_room' && <p>{t('erase.hint')}</p>}
                <EraseQuestion
                  ticket={ticket}
                  testId="ticket-erase"
                  onErased={() => {
                    setAnnouncement(t('erase.done'));
                    loadTicket();
                  }}
                />
              </>
            )}
          </section>
        </>
      )}
    </Page>
  );
}

/** The citizen is the room's member without a specialist kind. */
function citizenId(room: Room): string | null {
  return room.members.find((m) => m.kind === null)?.user_id ?? null;
}
