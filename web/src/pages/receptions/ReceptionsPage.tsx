// Placeholder for receptions and tickets until the server offers them.
import { Page } from '../../components/Page';
import { useT } from '../../i18n/context';
import { Link } from '../../router';
import { useSession } from '../../session';

export function ReceptionsPage() {
  const { t } = useT();
  const { user } = useSession();
  return (
    <Page title={t('receptions.title')} testId="receptions">
      <p class="notice">{t('receptions.comingSoon')}</p>
      <p>
        <Link href={user ? '/home' : '/'}>
          {user ? t('receptions.backHome') : t('receptions.backToStart')}
        </Link>
      </p>
    </Page>
  );
}
