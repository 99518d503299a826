// /receptions: the public list of upcoming and open receptions and the permanent lines,
// each with its times in the viewer's zone and a way to ask a question.
import { Page } from '../../components/Page';
import { useT } from '../../i18n/context';
import { ReceptionList, useReceptions } from './ReceptionList';

export function ReceptionsPage() {
  const { t } = useT();
  const receptions = useReceptions((r) => r.status !== 'closed');
  return (
    <Page title={t('receptions.title')} testId="receptions">
      <p class="lead">{t('receptions.intro')}</p>
      <ReceptionList receptions={receptions} empty={<p class="notice">{t('receptions.empty')}</p>} />
    </Page>
  );
}
