// Public landing page: what Kelisim is, and the way in.
import { Page } from '../../components/Page';
import { useT } from '../../i18n/context';
import { Link } from '../../router';

export function LandingPage() {
  const { t } = useT();
  return (
    <Page title={t('landing.title')} testId="landing">
      <p class="lead">{t('landing.intro')}</p>
      <div class="actions">
        <Link href="/sign-in" class="button" data-testid="landing-sign-in">
          {t('landing.signIn')}
        </Link>
        <Link href="/sign-up" class="button button--secondary" data-testid="landing-sign-up">
          {t('landing.signUp')}
        </Link>
      </div>
    </Page>
  );
}
