// Sign in with email and password; shows the server's localised problem next to the
// form, and per-field problems next to their fields.
import { useRef, useState } from 'preact/hooks';
import { formErrors, focusFirstInvalid, type FormErrors } from '../../components/errors';
import { LiveMessage } from '../../components/LiveMessage';
import { Page } from '../../components/Page';
import { TextField } from '../../components/TextField';
import { isEmail } from '../../components/validation';
import { useT } from '../../i18n/context';
import { Link } from '../../router';
import { useSession } from '../../session';

const FIELDS = ['email', 'password'] as const;
const NO_ERRORS: FormErrors = { message: '', fields: {}, other: [] };

export function SignInPage() {
  const { t } = useT();
  return (
    <Page title={t('signIn.title')} testId="sign-in">
      <SignInForm />
      <p class="aside">
        {t('signIn.noAccount')} <Link href="/sign-up">{t('signIn.toSignUp')}</Link>
      </p>
    </Page>
  );
}

export function SignInForm() {
  const { t } = useT();
  const { api, signedIn } = useSession();
  const form = useRef<HTMLFormElement>(null);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  const validate = (): FormErrors => {
    const fields: Record<string, string> = {};
    if (!email.trim()) fields.email = t('validation.required');
    else if (!isEmail(email)) fields.email = t('validation.email');
    if (!password) fields.password = t('validation.required');
    const message = Object.keys(fields).length > 0 ? t('validation.summary') : '';
    return { message, fields, other: [] };
  };

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const local = validate();
    setErrors(local);
    if (local.message) {
      requestAnimationFrame(() => {
        focusFirstInvalid(form.current);
      });
      return;
    }
    setBusy(true);
    try {
      const { user } = await api.signIn({ email: email.trim(), password });
      signedIn(user);
    } catch (error) {
      setErrors(formErrors(t, error, FIELDS));
      setBusy(false);
    }
  };

  return (
    <form ref={form} class="form" noValidate onSubmit={(event) => void onSubmit(event)}>
      <LiveMessage kind="error" message={errors.message} details={errors.other} testId="form-error" />
      <TextField
        id="email"
        label={t('field.email')}
        type="email"
        inputMode="email"
        autoComplete="username"
        autoCapitalize="none"
        spellcheck={false}
        required
        value={email}
        onValue={setEmail}
        error={errors.fields.email}
      />
      <TextField
        id="password"
        label={t('field.password')}
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onValue={setPassword}
        error={errors.fields.password}
      />
      <button type="submit" class="button" disabled={busy} data-testid="sign-in-submit">
        {busy ? t('signIn.submitting') : t('signIn.submit')}
      </button>
    </form>
  );
}
