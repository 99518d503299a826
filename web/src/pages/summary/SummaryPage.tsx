// /receptions/:id/summary: the public, printable summary of a reception once it ended:
// "46 citizens were consulted", by whom, on what, from where, with what outcome.
import { FiguresTables } from '../../components/FiguresTables';
import { formatSpan, locale } from '../../components/format';
import { LiveMessage } from '../../components/LiveMessage';
import { localName } from '../../components/localName';
import { Page } from '../../components/Page';
import { useLoad } from '../../components/useLoad';
import { useT } from '../../i18n/context';
import { useSession } from '../../session';

export function SummaryPage({ receptionId }: { receptionId: string }) {
  const { t, language } = useT();
  const { api } = useSession();
  const summary = useLoad(() => api.summary(receptionId), [receptionId]);
  const regions = useLoad(() => api.listRegions(), []);
  const data = summary.data;
  const number = new Intl.NumberFormat(locale(language), { maximumFractionDigits: 1 });
  return (
    <Page title={t('summary.title')} testId="summary">
      <LiveMessage kind="error" message={summary.error} />
      {!data && !summary.error && <p class="loading">{t('status.loading')}</p>}
      {data && (
        <>
          <h2>{localName(data.reception.title, language)}</h2>
          <p>
            {localName(data.reception.organisation_name, language)}
            {' · '}
            {formatSpan(data.reception.starts_at, data.reception.ends_at, language)}
          </p>
          <p class="headline" data-testid="summary-served">
            {data.figures.served === null ? t('summary.servedFew') : t('summary.served', { count: data.figures.served })}
          </p>
          {data.figures.rating_average !== null && data.figures.ratings !== null && (
            <p data-testid="summary-rating">
              {t('summary.rating', { value: number.format(data.figures.rating_average), count: data.figures.ratings })}
            </p>
          )}
          <p class="hint" data-testid="summary-privacy">
            {t('summary.privacy')}
          </p>
          <FiguresTables figures={data.figures} regions={regions.data?.items ?? []} />
          <p class="no-print">
            <button
              type="button"
              class="button button--secondary"
              data-testid="summary-print"
              onClick={() => {
                window.print();
              }}
            >
              {t('summary.print')}
            </button>
          </p>
        </>
      )}
    </Page>
  );
}
