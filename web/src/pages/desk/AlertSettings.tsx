// The desk's alert settings: the chime for a new offer (on unless muted on this device)
// and browser notifications, with their state and the one button that asks for them.
import { useT } from '../../i18n/context';
import type { OfferAlerts } from './offerAlerts';

export function AlertSettings({ alerts }: { alerts: OfferAlerts }) {
  const { t } = useT();
  const { muted, setMuted, soundReady, permission, askPermission } = alerts;
  return (
    <section class="card" aria-labelledby="desk-alerts-title" data-testid="desk-alerts">
      <h2 id="desk-alerts-title">{t('desk.alerts.title')}</h2>
      <label class="choice">
        <input
          type="checkbox"
          checked={!muted}
          data-testid="desk-sound"
          aria-describedby={!muted && !soundReady ? 'desk-sound-hint' : undefined}
          onChange={(event) => {
            setMuted(!event.currentTarget.checked);
          }}
        />
        {t('desk.alerts.sound')}
      </label>
      {!muted && !soundReady && (
        <p id="desk-sound-hint" class="field__hint">
          {t('desk.alerts.soundPending')}
        </p>
      )}
      <p data-testid="desk-notifications-state" data-state={permission}>
        {t(`desk.alerts.permission.${permission}`)}
      </p>
      {permission === 'default' && (
        <button
          type="button"
          class="button button--secondary"
          data-testid="desk-notifications"
          onClick={() => void askPermission()}
        >
          {t('desk.alerts.allow')}
        </button>
      )}
    </section>
  );
}
