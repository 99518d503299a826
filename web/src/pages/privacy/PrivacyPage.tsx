// /privacy (public): how Kelisim processes personal data — the account consent text in the
// interface language, how long data are kept, and how to withdraw consent (one question,
// or the whole account). Linked from the footer and from every consent box.
import { ConsentParagraphs, useConsentText } from '../../components/Consent';
import { LiveMessage } from '../../components/LiveMessage';
import { Page } from '../../components/Page';
import { useT } from '../../i18n/context';

export function PrivacyPage() {
  const { t } = useT();
  const consent = useConsentText('account');
  const text = consent.data;
  return (
    <Page title={t('privacy.title')} testId="privacy">
      <p class="lead">{t('privacy.intro')}</p>
      <LiveMessage kind="error" message={consent.error} testId="privacy-error" />
      {!text && !consent.error && <p class="loading">{t('status.loading')}</p>}
      {text && (
        <>
          <dl class="facts">
            <dt>{t('privacy.retention')}</dt>
            <dd data-testid="privacy-retention">{t('privacy.retentionDays', { count: text.retention_days })}</dd>
            <dt>{t('privacy.version')}</dt>
            <dd data-testid="privacy-version">{text.version}</dd>
          </dl>
          <section class="card" aria-labelledby="privacy-text-title">
            <h2 id="privacy-text-title">{t('privacy.textTitle')}</h2>
            <ConsentParagraphs text={text.text} />
          </section>
        </>
      )}
      <section aria-labelledby="privacy-withdraw-title">
        <h2 id="privacy-withdraw-title">{t('privacy.withdrawTitle')}</h2>
        <ul>
          <li>{t('privacy.withdrawQuestion')}</li>
          <li>{t('privacy.withdrawAccount')}</li>
        </ul>
        <p>{t('privacy.figures')}</p>
      </section>
    </Page>
  );
}
