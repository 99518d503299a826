// When this account agreed to the processing of its personal data, and to which version
// of the text (or that no consent is recorded, as for staff), with the way to the text.
import type { User } from '../../api/types';
import { formatDateTime } from '../../components/format';
import { useT } from '../../i18n/context';
import { Link } from '../../router';

export function ConsentCard({ user }: { user: User }) {
  const { t, language } = useT();
  const consent = user.consent ?? null;
  return (
    <section class="card" aria-labelledby="consent-title" data-testid="account-consent">
      <h2 id="consent-title">{t('accountConsent.title')}</h2>
      {consent ? (
        <dl class="facts">
          <dt>{t('accountConsent.given')}</dt>
          <dd data-testid="account-consent-at">{formatDateTime(consent.at, language)}</dd>
          <dt>{t('accountConsent.version')}</dt>
          <dd data-testid="account-consent-version">{consent.version}</dd>
        </dl>
      ) : (
        <p data-testid="account-consent-none">{t('accountConsent.none')}</p>
      )}
      <p>
        <Link href="/privacy" data-testid="account-privacy">
          {t('consent.privacyLink')}
        </Link>
      </p>
    </section>
  );
}
