// /receptions/:id/figures: the coordinator's figures of a reception. How many were served,
// did not come or left, waiting times (median and 90th percentile), the average rating,
// the tables by dimension, the CSV of consultations, the citizens' comments with their
// ratings and their proposals.
import { links } from '../../api/reception-client';
import { FiguresTables } from '../../components/FiguresTables';
import { formatDateTime, formatMinutes, locale } from '../../components/format';
import { LiveMessage } from '../../components/LiveMessage';
import { localName } from '../../components/localName';
import { Page } from '../../components/Page';
import { useLoad } from '../../components/useLoad';
import { useT } from '../../i18n/context';
import { Link } from '../../router';
import { useSession } from '../../session';
import { Comments } from './Comments';

export function FiguresPage({ receptionId }: { receptionId: string }) {
  const { t, language } = useT();
  const { api } = useSession();
  const reception = useLoad(() => api.reception(receptionId), [receptionId]);
  const figures = useLoad(() => api.figures(receptionId), [receptionId]);
  const regions = useLoad(() => api.listRegions(), []);
  const organisationId = reception.data?.organisation_id;
  const proposals = useLoad(
    () => (organisationId ? api.proposals(organisationId) : Promise.resolve({ items: [], next: null })),
    [organisationId],
  );
  const data = figures.data;
  const mine = (proposals.data?.items ?? []).filter((p) => p.reception_id === receptionId);
  const number = new Intl.NumberFormat(locale(language), { maximumFractionDigits: 1 });
  return (
    <Page title={t('figures.title')} testId="figures">
      {reception.data && <p class="lead">{localName(reception.data.title, language)}</p>}
      <p class="links">
        <Link href={`/receptions/${encodeURIComponent(receptionId)}/board`}>{t('figures.board')}</Link>
        <Link href={`/receptions/${encodeURIComponent(receptionId)}/summary`}>{t('board.summary')}</Link>
      </p>
      <LiveMessage kind="error" message={figures.error ?? reception.error} />
      {!data && !figures.error && <p class="loading">{t('status.loading')}</p>}
      {data && (
        <>
          <dl class="queue__figures" data-testid="figures-main">
            <div class="queue__figure">
              <dt>{t('figures.served')}</dt>
              <dd data-testid="figures-served">{data.served}</dd>
            </div>
            <div class="queue__figure">
              <dt>{t('figures.noShow')}</dt>
              <dd data-testid="figures-no-show">{data.no_show}</dd>
            </div>
            <div class="queue__figure">
              <dt>{t('figures.abandoned')}</dt>
              <dd data-testid="figures-abandoned">{data.abandoned}</dd>
            </div>
            <div class="queue__figure">
              <dt>{t('figures.waitMedian')}</dt>
              <dd data-testid="figures-wait-median">{formatMinutes(t, data.wait_median_seconds)}</dd>
            </div>
            <div class="queue__figure">
              <dt>{t('figures.waitP90')}</dt>
              <dd data-testid="figures-wait-p90">{formatMinutes(t, data.wait_p90_seconds)}</dd>
            </div>
            <div class="queue__figure">
              <dt>{t('figures.rating')}</dt>
              <dd data-testid="figures-rating">
                {data.rating_average === null
                  ? t('time.none')
                  : t('figures.ratingValue', { value: number.format(data.rating_average), count: data.ratings })}
              </dd>
            </div>
          </dl>
          <FiguresTables figures={data} regions={regions.data?.items ?? []} />
          {reception.data && (
            <p>
              <a
                class="button button--secondary"
                href={links.receptionCsv(receptionId)}
                download
                data-testid="figures-csv"
              >
                {t('figures.csv')}
              </a>
            </p>
          )}
        </>
      )}
      <Comments receptionId={receptionId} />
      <section class="card" aria-labelledby="proposals-title">
        <h2 id="proposals-title">{t('figures.proposals')}</h2>
        <LiveMessage kind="error" message={proposals.error} />
        {mine.length === 0 ? (
          <p>{t('figures.noProposals')}</p>
        ) : (
          <ul class="rows" data-testid="figures-proposals">
            {mine.map((proposal) => (
              <li key={proposal.ticket_id} class="row">
                <span class="summary-text">{proposal.proposal}</span>
                <span class="row__meta">
                  {formatDateTime(proposal.at, language)}
                  {proposal.rating !== null && ` · ${t('feedback.stars', { count: proposal.rating })}`}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Page>
  );
}
