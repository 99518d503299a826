// A reception's figures as tables: served by category, kind of specialist, region,
// channel and outcome, and the calls (held, fallen back, call-backs asked for, through TURN)
// with their length. Shared by the coordinator's figures page and the public summary.
import type { Figures, PublicFigures, Region } from '../api/types';
import { useT } from '../i18n/context';
import { CountTable } from './CountTable';
import { localName } from './localName';

export function FiguresTables({ figures, regions }: { figures: Figures | PublicFigures; regions: readonly Region[] }) {
  const { t, language } = useT();
  const regionName = (code: string) => {
    const region = regions.find((r) => r.code === code);
    return region ? localName(region.name, language) : code;
  };
  return (
    <div class="tables">
      <CountTable
        caption={t('figures.byCategory')}
        counts={figures.by_category}
        label={(key) => t(`category.${key}`, { defaultValue: key })}
        testId="figures-by-category"
      />
      <CountTable
        caption={t('figures.byKind')}
        counts={figures.by_kind}
        label={(key) => t(`kind.${key}`, { defaultValue: key })}
        testId="figures-by-kind"
      />
      <CountTable caption={t('figures.byRegion')} counts={figures.by_region} label={regionName} testId="figures-by-region" />
      <CountTable
        caption={t('figures.byChannel')}
        counts={figures.by_channel}
        label={(key) => t(`channel.${key}`, { defaultValue: key })}
        testId="figures-by-channel"
      />
      <CountTable
        caption={t('figures.byOutcome')}
        counts={figures.by_outcome}
        label={(key) => t(`outcomes.${key}`, { defaultValue: key })}
        testId="figures-by-outcome"
      />
      <CountTable
        caption={t('figures.byCall')}
        counts={figures.by_call}
        label={(key) => t(`figures.call.${key}`, { defaultValue: key })}
        testId="figures-by-call"
      />
      {figures.call_median_minutes !== null && figures.call_p90_minutes !== null && (
        <p data-testid="figures-call-minutes">
          {t('figures.callMinutes', { median: figures.call_median_minutes, p90: figures.call_p90_minutes })}
        </p>
      )}
    </div>
  );
}
