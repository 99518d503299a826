// /desk: the specialist's desk. Going on or off duty, the receptions they serve with how
// many wait, taking the next citizen, an incoming offer (accept or decline before it
// expires), and their open rooms. Kept live by `desk`, `offer` and `offer_withdrawn` events.
// A new offer also chimes and, while the page is hidden, notifies (see offerAlerts.ts).
import { useEffect, useState } from 'preact/hooks';
import type { Desk, Offer, RoomSummary, User } from '../../api/types';
import { ApiError } from '../../api/problem';
import { ConnectionBanner } from '../../components/ConnectionBanner';
import { formErrors } from '../../components/errors';
import { LiveMessage } from '../../components/LiveMessage';
import { localName } from '../../components/localName';
import { Page } from '../../components/Page';
import { userName } from '../../components/people';
import { useSocketEvent } from '../../components/useSocket';
import { useT } from '../../i18n/context';
import { Link, navigate } from '../../router';
import { useSession } from '../../session';
import { checkLink } from '../check/links';
import { AlertSettings } from './AlertSettings';
import { OfferCard } from './OfferCard';
import { useOfferAlerts } from './offerAlerts';

export function DeskPage({ user }: { user: User }) {
  const { t, language } = useT();
  const { api } = useSession();
  const [desk, setDesk] = useState<Desk | null>(null);
  const [error, setError] = useState<string | undefined>(undefined);
  const [status, setStatus] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const alerts = useOfferAlerts();

  const load = () => {
    api.desk().then(setDesk, (failure: unknown) => {
      setError(formErrors(t, failure, []).message);
    });
  };
  useEffect(load, [api]);
  useSocketEvent('desk', (event) => {
    setDesk(event.desk);
  });
  useSocketEvent('offer', (event) => {
    setDesk((current) => current && { ...current, offer: event.offer });
    alerts.alert(event.offer);
  });
  useSocketEvent('offer_withdrawn', (event) => {
    setDesk((current) =>
      current && current.offer?.ticket_id === event.ticket_id ? { ...current, offer: null } : current,
    );
    setStatus(t('desk.offerWithdrawn'));
  });

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (failure) {
      setError(formErrors(t, failure, []).message);
    } finally {
      setBusy(false);
    }
  };

  const openRoom = (room: Pick<RoomSummary, 'id'>) => {
    navigate(`/rooms/${encodeURIComponent(room.id)}`);
  };

  const toggleDuty = () =>
    run(async () => {
      const next = !(desk?.on_duty ?? false);
      const updated = await api.setDuty(next);
      if (updated) setDesk(updated);
      else setDesk((current) => current && { ...current, on_duty: next });
      setStatus(next ? t('desk.nowOnDuty') : t('desk.nowOffDuty'));
    });

  const takeNext = () =>
    run(async () => {
      try {
        openRoom(await api.takeNext());
      } catch (failure) {
        if (failure instanceof ApiError && failure.status === 404) setStatus(t('desk.nobodyWaiting'));
        else throw failure;
      }
    });

  const accept = (offer: Offer) =>
    run(async () => {
      openRoom(await api.acceptOffer(offer.ticket_id));
    });
  const decline = (offer: Offer) =>
    run(async () => {
      await api.declineOffer(offer.ticket_id);
      setDesk((current) => current && { ...current, offer: null });
    });

  const openRooms = (desk?.rooms ?? []).filter((room) => room.closed_at === null);
  return (
    <Page title={t('desk.title')} testId="desk">
      <p class="lead">{t('home.greeting', { name: userName(t, user) })}</p>
      <ConnectionBanner onReconnected={load} />
      <LiveMessage kind="status" message={status} testId="desk-status" />
      <LiveMessage kind="error" message={error} testId="desk-error" />
      {!desk && !error && <p class="loading">{t('status.loading')}</p>}
      {desk && (
        <>
          <section class="card" aria-labelledby="duty-title">
            <h2 id="duty-title">{t('desk.duty')}</h2>
            <p data-testid="desk-duty-state">
              {desk.on_duty ? t('desk.onDutyText') : desk.missed_offer ? t('desk.missedOfferText') : t('desk.offDutyText')}
            </p>
            <button
              type="button"
              class={desk.on_duty ? 'button button--secondary' : 'button'}
              aria-pressed={desk.on_duty}
              disabled={busy}
              data-testid="desk-duty"
              onClick={() => void toggleDuty()}
            >
              {t('desk.onDuty')}
            </button>
            <p class="aside">
              <Link href={checkLink('/desk')} data-testid="desk-check">
                {t('check.link')}
              </Link>
            </p>
          </section>
          {desk.offer && (
            <OfferCard
              offer={desk.offer}
              busy={busy}
              onAccept={(offer) => void accept(offer)}
              onDecline={(offer) => void decline(offer)}
            />
          )}
          <section class="card" aria-labelledby="desk-receptions-title">
            <h2 id="desk-receptions-title">{t('desk.receptions')}</h2>
            {desk.receptions.length === 0 ? (
              <p>{t('desk.noReceptions')}</p>
            ) : (
              <ul class="rows" data-testid="desk-receptions">
                {desk.receptions.map((reception) => (
                  <li key={reception.id} class="row">
                    <span class="row__main">{localName(reception.title, language)}</span>
                    <span class="row__meta" data-testid="desk-waiting">
                      {t('desk.waiting', { count: reception.waiting })}
                    </span>
                  </li>
                ))}
              </ul>
            )}
            <button
              type="button"
              class="button"
              disabled={busy || !desk.on_duty}
              data-testid="desk-take-next"
              onClick={() => void takeNext()}
            >
              {t('desk.takeNext')}
            </button>
            {!desk.on_duty && <p class="field__hint">{t('desk.takeNextHint')}</p>}
          </section>
          <section class="card" aria-labelledby="desk-rooms-title">
            <h2 id="desk-rooms-title">{t('desk.rooms')}</h2>
            {openRooms.length === 0 ? (
              <p>{t('desk.noRooms')}</p>
            ) : (
              <ul class="rows" data-testid="desk-rooms">
                {openRooms.map((room) => (
                  <li key={room.id} class="row">
                    <Link href={`/rooms/${encodeURIComponent(room.id)}`} class="row__main" data-testid="desk-room">
                      {room.ticket
                        ? t('desk.roomLink', {
                            category: t(`category.${room.ticket.category}`, { defaultValue: room.ticket.category }),
                          })
                        : t('desk.roomOpen')}
                    </Link>
                    {room.ticket && <span class="row__meta">{t(`language.${room.ticket.language}`)}</span>}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <AlertSettings alerts={alerts} />
        </>
      )}
    </Page>
  );
}
