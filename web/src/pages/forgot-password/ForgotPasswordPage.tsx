// /forgot-password: asks for a link to set a new password. The server answers the same
// whether or not the address has an account, and so does this page: a calm note that the
// link, if any, is on its way and works for an hour.
import { useState } from 'preact/hooks';
import { EmailField, Form } from '../../components/fields';
import { LiveMessage } from '../../components/LiveMessage';
import { Page } from '../../components/Page';
import { useForm, useTextValue } from '../../components/useForm';
import { checkEmail } from '../../components/validation';
import { useT } from '../../i18n/context';
import { Link } from '../../router';
import { useSession } from '../../session';

const FIELDS = ['email'] as const;

export function ForgotPasswordPage() {
  const { t } = useT();
  const { api } = useSession();
  const email = useTextValue();
  const [sent, setSent] = useState(false);
  const state = useForm({
    fields: FIELDS,
    validate: () => ({ email: checkEmail(t, email.value) }),
    send: async () => {
      await api.requestPasswordReset(email.value.trim());
      setSent(true);
    },
    afterSuccess: 'ready',
    focusServerErrors: true,
  });
  const { fields: errors } = state.errors;
  return (
    <Page title={t('forgotPassword.title')} testId="forgot-password">
      <LiveMessage kind="status" message={sent ? t('forgotPassword.sent') : undefined} testId="forgot-password-sent" />
      {sent ? (
        <p>{t('forgotPassword.checkSpam')}</p>
      ) : (
        <>
          <p>{t('forgotPassword.intro')}</p>
          <Form
            state={state}
            errorTestId="form-error"
            submit={{
              testId: 'forgot-password-submit',
              label: t('forgotPassword.submit'),
              busyLabel: t('forgotPassword.submitting'),
            }}
          >
            <EmailField id="email" autoComplete="email" {...email} error={errors.email} />
          </Form>
        </>
      )}
      <p class="aside">
        <Link href="/sign-in">{t('forgotPassword.toSignIn')}</Link>
      </p>
    </Page>
  );
}
