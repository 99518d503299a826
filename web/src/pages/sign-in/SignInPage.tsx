// Sign in with email and password; shows the server's localised problem next to the
// form, and per-field problems next to their fields.
import { EmailField, Form, PasswordField } from '../../components/fields';
import { Page } from '../../components/Page';
import { useSignInForm, useTextValue } from '../../components/useForm';
import { checkEmail } from '../../components/validation';
import { useT } from '../../i18n/context';
import { Link } from '../../router';
import { useSession } from '../../session';

const FIELDS = ['email', 'password'] as const;

export function SignInPage() {
  const { t } = useT();
  return (
    <Page title={t('signIn.title')} testId="sign-in">
      <SignInForm />
      <p class="aside">
        <Link href="/forgot-password" data-testid="forgot-password-link">
          {t('signIn.forgotPassword')}
        </Link>
      </p>
      <p class="aside">
        {t('signIn.noAccount')} <Link href="/sign-up">{t('signIn.toSignUp')}</Link>
      </p>
    </Page>
  );
}

export function SignInForm() {
  const { t } = useT();
  const { api } = useSession();
  const email = useTextValue();
  const password = useTextValue();
  const state = useSignInForm({
    fields: FIELDS,
    validate: () => ({
      email: checkEmail(t, email.value),
      password: password.value ? undefined : t('validation.required'),
    }),
    send: () => api.signIn({ email: email.value.trim(), password: password.value }),
    focusServerErrors: false,
  });
  const { fields: errors } = state.errors;

  return (
    <Form
      state={state}
      errorTestId="form-error"
      submit={{ testId: 'sign-in-submit', label: t('signIn.submit'), busyLabel: t('signIn.submitting') }}
    >
      <EmailField id="email" autoComplete="username" {...email} error={errors.email} />
      <PasswordField id="password" autoComplete="current-password" {...password} error={errors.password} />
    </Form>
  );
}
