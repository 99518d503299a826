// /cases: the signed-in user's mediation cases, newest first — the category, the stage as a
// badge, when it was opened, started and ended (and why) — each leading to its page.
import type { CaseSummary } from '../../api/cases-client';
import { formatWhen } from './parts';
import { LiveMessage } from '../../components/LiveMessage';
import { Page } from '../../components/Page';
import { useLoad } from '../../components/useLoad';
import { useT } from '../../i18n/context';
import { Link } from '../../router';
import { useSession } from '../../session';

export function CasesPage() {
  const { t } = useT();
  const { api } = useSession();
  const loaded = useLoad(() => api.myCases(), [api]);
  const cases = loaded.data?.items;
  return (
    <Page title={t('cases.list.title')} testId="cases">
      <p class="lead">{t('cases.list.intro')}</p>
      <p>
        <Link href="/cases/new" class="button" data-testid="cases-new">
          {t('cases.list.open')}
        </Link>
      </p>
      <LiveMessage kind="error" message={loaded.error} testId="cases-error" />
      {loaded.error && (
        <button type="button" class="button button--secondary" data-testid="cases-retry" onClick={loaded.reload}>
          {t('cases.retry')}
        </button>
      )}
      {!cases && !loaded.error && <p class="loading">{t('status.loading')}</p>}
      {cases && (
        <p class="count" data-testid="cases-count">
          {t('cases.list.count', { count: cases.length })}
        </p>
      )}
      {cases?.length === 0 && <p class="notice">{t('cases.list.empty')}</p>}
      {cases && cases.length > 0 && (
        <ul class="cards" data-testid="cases-list">
          {cases.map((item) => (
            <CaseCard key={item.id} item={item} />
          ))}
        </ul>
      )}
    </Page>
  );
}

function CaseCard({ item }: { item: CaseSummary }) {
  const { t, language } = useT();
  const titleId = `case-${item.id}-title`;
  return (
    <li class="card" data-testid="case-card" data-case-id={item.id} data-stage={item.stage}>
      <h2 id={titleId}>{t(`cases.categories.${item.category}`)}</h2>
      <p>
        <span class={`badge case__stage case__stage--${item.stage}`} data-testid="case-card-stage">
          {t(`cases.stage.${item.stage}`)}
        </span>
      </p>
      <dl class="facts">
        <dt>{t('cases.openedAt')}</dt>
        <dd>{formatWhen(item.opened_at, language)}</dd>
        {item.started_at && (
          <>
            <dt>{t('cases.startedAt')}</dt>
            <dd>{formatWhen(item.started_at, language)}</dd>
          </>
        )}
        {item.ended_at && (
          <>
            <dt>{t('cases.endedAt')}</dt>
            <dd>{formatWhen(item.ended_at, language)}</dd>
          </>
        )}
        {item.ending_ground && (
          <>
            <dt>{t('cases.ground')}</dt>
            <dd>{t(`cases.grounds.${item.ending_ground}`, { defaultValue: item.ending_ground })}</dd>
          </>
        )}
      </dl>
      <p>
        <Link
          href={`/cases/${encodeURIComponent(item.id)}`}
          class="button button--secondary"
          aria-describedby={titleId}
          data-testid="case-card-open"
        >
          {t('cases.list.openCase')}
        </Link>
      </p>
    </li>
  );
}
