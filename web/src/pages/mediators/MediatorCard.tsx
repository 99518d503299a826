// One entry of the register: the name, the kind, the keeper, the certificate, what they take
// on, languages and regions; a suspended or excluded mediator shows it plainly, with the date
// and the reason, before anything else.
import type { Mediator, Region } from '../../api/types';
import { useT } from '../../i18n/context';
import { cardLines } from './card';

interface MediatorCardProps {
  mediator: Mediator;
  regions: readonly Region[];
}

export function MediatorCard({ mediator, regions }: MediatorCardProps) {
  const { t, language } = useT();
  const lines = cardLines(t, language, mediator, regions);
  const titleId = `mediator-${mediator.id}-name`;
  return (
    <li
      class={`card mediator mediator--${mediator.status}`}
      data-testid="mediator"
      data-id={mediator.id}
      data-kind={mediator.kind}
      data-status={mediator.status}
    >
      <h3 id={titleId} data-testid="mediator-name">
        {mediator.name}
      </h3>
      <p class="mediator__kind" data-testid="mediator-kind">
        {lines.kind}
      </p>
      {lines.status && (
        <div class="mediator__status" data-testid="mediator-status">
          <p>
            <span class={`badge badge--${mediator.status}`} data-testid="mediator-status-label">
              {lines.status.label}
            </span>
          </p>
          <dl class="facts">
            {lines.status.since && (
              <>
                <dt>{t('mediators.statusSince')}</dt>
                <dd data-testid="mediator-status-since">{lines.status.since}</dd>
              </>
            )}
            {lines.status.reason && (
              <>
                <dt>{t('mediators.statusReason')}</dt>
                <dd data-testid="mediator-status-reason">{lines.status.reason}</dd>
              </>
            )}
          </dl>
          <p class="mediator__note">{t('mediators.noNewCases')}</p>
        </div>
      )}
      <dl class="facts">
        <dt>{lines.keeperLabel}</dt>
        <dd data-testid="mediator-keeper">{lines.keeper}</dd>
        {lines.certificate && (
          <>
            <dt>{t('mediators.certificate')}</dt>
            <dd data-testid="mediator-certificate">{lines.certificate}</dd>
          </>
        )}
        <dt>{t('mediators.specialisations')}</dt>
        <dd data-testid="mediator-specialisations">{lines.specialisations}</dd>
        <dt>{t('mediators.languages')}</dt>
        <dd data-testid="mediator-languages">{lines.languages}</dd>
        <dt>{t('mediators.regions')}</dt>
        <dd data-testid="mediator-regions">{lines.regions}</dd>
      </dl>
    </li>
  );
}
