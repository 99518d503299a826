// An offer of a ticket to this specialist: what it is about, and accept or decline
// before it expires (a visible countdown; the arrival is announced once, assertively).
import { useEffect, useState } from 'preact/hooks';
import type { Offer } from '../../api/types';
import { useT } from '../../i18n/context';

interface OfferCardProps {
  offer: Offer;
  busy: boolean;
  onAccept: (offer: Offer) => void;
  onDecline: (offer: Offer) => void;
  now?: () => number;
}

export function OfferCard({ offer, busy, onAccept, onDecline, now = Date.now }: OfferCardProps) {
  const { t } = useT();
  const expires = new Date(offer.expires_at).getTime();
  const [left, setLeft] = useState(() => Math.max(0, Math.ceil((expires - now()) / 1000)));
  useEffect(() => {
    const tick = () => {
      setLeft(Math.max(0, Math.ceil((expires - now()) / 1000)));
    };
    tick();
    const timer = setInterval(tick, 1000);
    return () => {
      clearInterval(timer);
    };
  }, [expires]);
  return (
    <section class="card card--important offer" aria-labelledby="offer-title" data-testid="offer">
      <div role="alert">
        <h2 id="offer-title">{t('offer.title')}</h2>
      </div>
      <dl class="facts">
        <dt>{t('offer.kind')}</dt>
        <dd>{t(`kind.${offer.kind}`)}</dd>
        <dt>{t('offer.category')}</dt>
        <dd>{t(`category.${offer.category}`, { defaultValue: offer.category })}</dd>
        <dt>{t('offer.language')}</dt>
        <dd>{t(`language.${offer.language}`)}</dd>
      </dl>
      <p class="summary-text">{offer.description}</p>
      <p class="offer__countdown" data-testid="offer-countdown">
        {left > 0 ? t('offer.expiresIn', { count: left }) : t('offer.expired')}
      </p>
      <div class="actions">
        <button
          type="button"
          class="button"
          disabled={busy || left === 0}
          data-testid="offer-accept"
          onClick={() => {
            onAccept(offer);
          }}
        >
          {t('offer.accept')}
        </button>
        <button
          type="button"
          class="button button--secondary"
          disabled={busy || left === 0}
          data-testid="offer-decline"
          onClick={() => {
            onDecline(offer);
          }}
        >
          {t('offer.decline')}
        </button>
      </div>
    </section>
  );
}
