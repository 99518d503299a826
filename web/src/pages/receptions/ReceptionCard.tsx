// One reception in the public list: what, who, when (in the viewer's zone), who is on
// duty now, and the button to ask a question.
import type { Reception } from '../../api/types';
import { formatDateTime, formatSpan, formatWeeklyHours } from '../../components/format';
import { localName } from '../../components/localName';
import { useT } from '../../i18n/context';
import { Link } from '../../router';

interface ReceptionCardProps {
  reception: Reception;
  /** The title's level under the page's headings. */
  heading?: 'h2' | 'h3';
}

export function ReceptionCard({ reception, heading: Heading = 'h2' }: ReceptionCardProps) {
  const { t, language } = useT();
  const titleId = `reception-${reception.id}-title`;
  const permanent = reception.kind === 'permanent';
  const description = localName(reception.description, language);
  return (
    <li class="card reception" data-testid="reception">
      <Heading id={titleId}>{localName(reception.title, language)}</Heading>
      <p class="reception__organisation">{localName(reception.organisation_name, language)}</p>
      <p>
        <span class={reception.open_now ? 'badge badge--open' : 'badge'} data-testid="reception-status">
          {reception.open_now ? t('receptions.openNow') : t(`receptions.status.${reception.status}`)}
        </span>
      </p>
      {description && <p>{description}</p>}
      <dl class="facts">
        {permanent ? (
          <>
            <dt>{t('receptions.hours')}</dt>
            <dd>
              {reception.hours.length === 0 ? (
                t('profile.notSet')
              ) : (
                <ul class="plain">
                  {reception.hours.map((hours) => {
                    const shown = formatWeeklyHours(hours, language);
                    return (
                      <li key={`${hours.weekday}-${hours.from}`}>
                        {t('receptions.hoursRow', { day: shown.day, from: shown.from, to: shown.to })}
                      </li>
                    );
                  })}
                </ul>
              )}
            </dd>
          </>
        ) : (
          <>
            <dt>{t('receptions.when')}</dt>
            <dd>{formatSpan(reception.starts_at, reception.ends_at, language)}</dd>
          </>
        )}
        {!reception.open_now && reception.next_opening && (
          <>
            <dt>{t('receptions.nextOpening')}</dt>
            <dd>{formatDateTime(reception.next_opening, language)}</dd>
          </>
        )}
        <dt>{t('receptions.onDuty')}</dt>
        <dd data-testid="reception-kinds">
          {reception.kinds_on_duty.length > 0
            ? reception.kinds_on_duty.map((kind) => t(`kind.${kind}`)).join(', ')
            : t('receptions.nobodyOnDuty')}
        </dd>
        <dt>{t('receptions.channels')}</dt>
        <dd>{reception.channels.map((channel) => t(`channel.${channel}`)).join(', ')}</dd>
      </dl>
      <p class="field__hint">{t('receptions.timesInYourZone')}</p>
      <Link
        href={`/ask/${encodeURIComponent(reception.id)}`}
        class="button"
        aria-describedby={titleId}
        data-testid="reception-ask"
      >
        {t('receptions.ask')}
      </Link>
    </li>
  );
}
