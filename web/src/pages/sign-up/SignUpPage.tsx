// Sign up as a citizen: name, email, password (checked and confirmed here first),
// interface language, and consent to the processing of personal data (required; the
// version shown is sent, and an outdated one is reloaded and asked again). Server problems
// are shown like on the sign-in screen.
import { useState } from 'preact/hooks';
import { ChoiceGroup } from '../../components/ChoiceGroup';
import { checkConsent, ConsentField, isOutdatedConsent, useConsentText } from '../../components/Consent';
import { DisplayNameField, EmailField, Form, languageOptions, NewPasswordFields } from '../../components/fields';
import { Page } from '../../components/Page';
import { useSignInForm, useTextValue } from '../../components/useForm';
import { checkEmail, checkNewPassword, checkPasswordRepeat, checkRequired } from '../../components/validation';
import type { Language } from '../../i18n';
import { useT } from '../../i18n/context';
import { Link } from '../../router';
import { useSession } from '../../session';

const FIELDS = ['display_name', 'email', 'password', 'language', 'consent'] as const;

export function SignUpPage() {
  const { t } = useT();
  return (
    <Page title={t('signUp.title')} testId="sign-up">
      <p>{t('signUp.intro')}</p>
      <SignUpForm />
      <p class="aside">
        {t('signUp.haveAccount')} <Link href="/sign-in">{t('signUp.toSignIn')}</Link>
      </p>
    </Page>
  );
}

function SignUpForm() {
  const { t, language: uiLanguage } = useT();
  const { api, changeLanguage } = useSession();
  const displayName = useTextValue();
  const email = useTextValue();
  const password = useTextValue();
  const confirm = useTextValue();
  const consent = useConsentText('account');
  const [agreed, setAgreed] = useState(false);
  const state = useSignInForm({
    fields: FIELDS,
    validate: () => ({
      display_name: checkRequired(t, displayName.value),
      email: checkEmail(t, email.value),
      password: checkNewPassword(t, password.value),
      password_confirm: checkPasswordRepeat(t, password.value, confirm.value),
      consent: checkConsent(t, agreed, consent.data, t('signUp.errors.consent')),
    }),
    send: async () => {
      try {
        return await api.signUp({
          display_name: displayName.value.trim(),
          email: email.value.trim(),
          password: password.value,
          language: uiLanguage,
          consent: agreed,
          consent_version: consent.data?.version ?? '',
        });
      } catch (error) {
        // The text changed since it was shown: show the new one and ask again.
        if (isOutdatedConsent(error)) {
          consent.reload();
          setAgreed(false);
        }
        throw error;
      }
    },
    focusServerErrors: true,
  });
  const { fields: errors } = state.errors;

  return (
    <Form
      state={state}
      errorTestId="form-error"
      submit={{ testId: 'sign-up-submit', label: t('signUp.submit'), busyLabel: t('signUp.submitting') }}
    >
      <DisplayNameField id="display_name" autoComplete="name" {...displayName} error={errors.display_name} />
      <EmailField id="email" autoComplete="email" {...email} error={errors.email} />
      <NewPasswordFields names={['password', 'password_confirm']} password={password} repeat={confirm} errors={errors} />
      <ChoiceGroup<Language>
        id="language"
        type="radio"
        legend={t('field.language')}
        options={languageOptions(t)}
        selected={[uiLanguage]}
        onChange={(selected) => {
          const [next] = selected;
          if (next) void changeLanguage(next);
        }}
        error={errors.language}
      />
      <ConsentField
        id="consent"
        purpose="account"
        consent={consent}
        checked={agreed}
        onChecked={setAgreed}
        error={errors.consent}
        testId="sign-up-consent"
      />
    </Form>
  );
}
