// Consent to the processing of personal data (Law of the RK No. 94-V, Art. 8), as the
// intake and sign-up forms ask for it: a checkbox with a short lead (what is kept, how
// long, that it can be withdrawn), the full text behind "What happens to my data" in the
// interface language, and a link to /privacy. The text is loaded from the server, whose
// current version is sent with the agreement; an outdated one is reloaded and asked again.
import type { TFunction } from 'i18next';
import { ApiError } from '../api/problem';
import type { ConsentText } from '../api/types';
import { useT } from '../i18n/context';
import { Link } from '../router';
import { useSession } from '../session';
import { LiveMessage } from './LiveMessage';
import { CheckboxField } from './TextField';
import { useLoad, type Loaded } from './useLoad';

/** What the consent is for: a question at a reception, or an account. */
export type ConsentPurpose = { reception: string } | 'account';

/** The consent text for `purpose`, in the interface language (reloaded when it changes). */
export function useConsentText(purpose: ConsentPurpose): Loaded<ConsentText> {
  const { language } = useT();
  const { api } = useSession();
  const receptionId = purpose === 'account' ? undefined : purpose.reception;
  return useLoad(() => api.consent(receptionId), [api, receptionId, language]);
}

/** Whether the server refused an agreement to a text that is no longer the current one. */
export function isOutdatedConsent(error: unknown): boolean {
  return (
    error instanceof ApiError && error.problem.errors.some((e) => e.field === 'consent' && e.code === 'outdated')
  );
}

/** Plain text with paragraphs separated by blank lines, as paragraphs. */
export function ConsentParagraphs({ text }: { text: string }) {
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return (
    <div class="consent__text" data-testid="consent-text">
      {paragraphs.map((paragraph, i) => (
        <p key={i}>{paragraph}</p>
      ))}
    </div>
  );
}

interface ConsentFieldProps {
  id: string;
  purpose: 'question' | 'account';
  consent: Loaded<ConsentText>;
  checked: boolean;
  onChecked: (checked: boolean) => void;
  error: string | undefined;
  testId: string;
}

export function ConsentField({ id, purpose, consent, checked, onChecked, error, testId }: ConsentFieldProps) {
  const { t } = useT();
  const text = consent.data;
  const lead = text ? t(`consent.lead.${purpose}`, { count: text.retention_days }) : undefined;
  return (
    <div class="consent" data-testid={`${testId}-block`}>
      <CheckboxField
        id={id}
        label={t('consent.agree')}
        hint={lead}
        checked={checked}
        onChecked={onChecked}
        error={error}
        testId={testId}
      />
      <LiveMessage kind="error" message={consent.error} testId={`${testId}-load-error`} />
      {consent.error && (
        <button type="button" class="button button--secondary" onClick={consent.reload}>
          {t('consent.retry')}
        </button>
      )}
      {!text && !consent.error && <p class="loading">{t('status.loading')}</p>}
      {text && (
        <details class="consent__details" data-testid={`${testId}-details`}>
          <summary>{t('consent.details')}</summary>
          <ConsentParagraphs text={text.text} />
          <p class="field__hint">{t('consent.version', { version: text.version })}</p>
        </details>
      )}
      <p>
        <Link href="/privacy" data-testid={`${testId}-privacy`}>
          {t('consent.privacyLink')}
        </Link>
      </p>
    </div>
  );
}

/**
 * The check the forms share: `refusal` when not agreed, and an agreement only counts once
 * the text it is to has loaded.
 */
export function checkConsent(t: TFunction, agreed: boolean, text: ConsentText | undefined, refusal: string) {
  if (!agreed) return refusal;
  return text ? undefined : t('consent.notLoaded');
}
