// Any path the app does not know.
import { Page } from '../../components/Page';
import { useT } from '../../i18n/context';
import { Link } from '../../router';

export function NotFoundPage() {
  const { t } = useT();
  return (
    <Page title={t('notFound.title')} testId="not-found">
      <p>{t('notFound.text')}</p>
      <p>
        <Link href="/">{t('notFound.backToStart')}</Link>
      </p>
    </Page>
  );
}
