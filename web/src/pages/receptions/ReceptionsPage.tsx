// /receptions: the public list of upcoming and open receptions and the permanent lines,
// each with its times in the viewer's zone and a way to ask a question.
import { LiveMessage } from '../../components/LiveMessage';
import { Page } from '../../components/Page';
import { useLoad } from '../../components/useLoad';
import { useT } from '../../i18n/context';
import { useSession } from '../../session';
import { ReceptionCard } from './ReceptionCard';

export function ReceptionsPage() {
  const { t } = useT();
  const { api } = useSession();
  const receptions = useLoad(() => api.listReceptions(), []);
  const items = (receptions.data?.items ?? []).filter((r) => r.status !== 'closed');
  return (
    <Page title={t('receptions.title')} testId="receptions">
      <p class="lead">{t('receptions.intro')}</p>
      <LiveMessage kind="error" message={receptions.error} />
      {!receptions.data && !receptions.error && <p class="loading">{t('status.loading')}</p>}
      {receptions.data && items.length === 0 && <p class="notice">{t('receptions.empty')}</p>}
      <ul class="cards" data-testid="reception-list">
        {items.map((reception) => (
          <ReceptionCard key={reception.id} reception={reception} />
        ))}
      </ul>
    </Page>
  );
}
