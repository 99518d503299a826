// /rooms/:id: a specialist's live consultation. The ticket's details, who is in the room
// and which kinds are still awaited, the call, the chat, private notes, inviting a colleague,
// transferring to another kind, and closing with an outcome. Someone who is not in the
// room (a coordinator from the board) watches it: the chat is read-only, nothing else.
import { useEffect, useState } from 'preact/hooks';
import type { Room, User } from '../../api/types';
import { Chat } from '../../components/chat/Chat';
import { isCurrentMember, WATCH_EVERY_MS } from '../../components/chat/useChat';
import { formErrors } from '../../components/errors';
import { LiveMessage } from '../../components/LiveMessage';
import { localName } from '../../components/localName';
import { Page } from '../../components/Page';
import { memberName } from '../../components/people';
import { SeatList } from '../../components/SeatList';
import { useLoad } from '../../components/useLoad';
import { useSocketEvent } from '../../components/useSocket';
import { useT } from '../../i18n/context';
import { Link } from '../../router';
import { useSession } from '../../session';
import { CallPanel } from './call/CallPanel';
import { CloseRoomForm } from './CloseRoomForm';
import { NotesPanel } from './NotesPanel';
import { RoomActions } from './RoomActions';

export function RoomPage({ roomId, user }: { roomId: string; user: User }) {
  const { t, language } = useT();
  const { api } = useSession();
  const [room, setRoom] = useState<Room | null>(null);
  const [error, setError] = useState<string | undefined>(undefined);
  const regions = useLoad(() => api.listRegions(), []);
  const load = () => {
    api.room(roomId).then(setRoom, (failure: unknown) => {
      setError(formErrors(t, failure, []).message);
    });
  };
  useEffect(load, [api, roomId]);
  useSocketEvent('room', (event) => {
    if (event.room.id === roomId) setRoom(event.room);
  });
  // Room events go to members only: someone watching asks again now and then (who is in
  // the room, whether it has ended).
  const watching = room !== null && room.closed_at === null && !isCurrentMember(room, user.id);
  useEffect(() => {
    if (!watching) return;
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') load();
    }, WATCH_EVERY_MS);
    return () => {
      clearInterval(timer);
    };
  }, [watching, api, roomId]);

  const ticket = room?.ticket;
  const regionName = (code: string) => {
    const region = regions.data?.items.find((r) => r.code === code);
    return region ? localName(region.name, language) : code;
  };
  const isSpecialist = room?.members.some((m) => m.user_id === user.id && m.kind !== null && m.left_at === null) ?? false;
  const present = room?.members.filter((m) => m.left_at === null) ?? [];

  return (
    <Page title={t('room.title')} testId="room">
      {user.role === 'specialist' ? (
        <p>
          <Link href="/desk">{t('room.backToDesk')}</Link>
        </p>
      ) : (
        room && (
          <p>
            <Link href={`/receptions/${encodeURIComponent(room.reception_id)}/board`}>{t('room.backToBoard')}</Link>
          </p>
        )
      )}
      <LiveMessage kind="error" message={error} testId="room-error" />
      {!room && !error && <p class="loading">{t('status.loading')}</p>}
      {room && ticket && (
        <>
          <section class="card" aria-labelledby="room-ticket-title" data-testid="room-ticket">
            <h2 id="room-ticket-title">{t('room.ticket')}</h2>
            <dl class="facts">
              <dt>{t('intake.category')}</dt>
              <dd>{t(`category.${ticket.category}`, { defaultValue: ticket.category })}</dd>
              <dt>{t('room.facts.region')}</dt>
              <dd>{regionName(ticket.region)}</dd>
              <dt>{t('intake.language')}</dt>
              <dd>{t(`language.${ticket.language}`)}</dd>
              <dt>{t('room.facts.channel')}</dt>
              <dd>{t(`channel.${ticket.channel}`)}</dd>
              {ticket.contact && (
                <>
                  <dt>{t('room.facts.contact')}</dt>
                  <dd>{ticket.contact}</dd>
                </>
              )}
            </dl>
            <h3>{t('room.facts.description')}</h3>
            <p class="summary-text" data-testid="room-description">
              {ticket.description}
            </p>
          </section>
          <section class="card" aria-labelledby="room-members-title">
            <h2 id="room-members-title">{t('room.members')}</h2>
            <ul class="rows" data-testid="room-members">
              {present.map((member) => (
                <li key={member.user_id} class="row">
                  <span class="row__main">{memberName(t, member.display_name)}</span>
                  {(member.kind || member.display_name.trim()) && (
                    <span class="row__meta">{member.kind ? t(`kind.${member.kind}`) : t('chat.citizen')}</span>
                  )}
                </li>
              ))}
            </ul>
            {room.awaited_kinds.length > 0 && (
              <p data-testid="room-awaited">
                {t('room.awaited', { kinds: room.awaited_kinds.map((kind) => t(`kind.${kind}`)).join(', ') })}
              </p>
            )}
            {ticket.seats.length > 1 && <SeatList seats={ticket.seats} />}
          </section>
          {/* Members only; closing the room, or leaving it, leaves the call. */}
          {room.closed_at === null && isCurrentMember(room, user.id) && <CallPanel room={room} selfId={user.id} channel={ticket.channel} />}
          <Chat room={room} selfId={user.id} onReconnected={load} />
          {isSpecialist && (
            <>
              <NotesPanel roomId={room.id} members={room.members} />
              {room.closed_at === null && (
                <>
                  <RoomActions room={room} selfId={user.id} onChanged={setRoom} />
                  <CloseRoomForm roomId={room.id} onClosed={load} />
                </>
              )}
            </>
          )}
          {room.closed_at !== null && room.outcome && (
            <p class="notice" data-testid="room-closed">
              {t('room.closedWith', { outcome: t(`outcomes.${room.outcome}`) })}
            </p>
          )}
        </>
      )}
    </Page>
  );
}
