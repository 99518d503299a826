// Sign up as a citizen: name, email, password (checked and confirmed here first),
// interface language. Server problems are shown like on the sign-in screen.
import { useRef, useState } from 'preact/hooks';
import { ChoiceGroup } from '../../components/ChoiceGroup';
import { formErrors, focusFirstInvalid, type FormErrors } from '../../components/errors';
import { LiveMessage } from '../../components/LiveMessage';
import { Page } from '../../components/Page';
import { TextField } from '../../components/TextField';
import { isEmail, MIN_PASSWORD_LENGTH } from '../../components/validation';
import { LANGUAGES, type Language } from '../../i18n';
import { useT } from '../../i18n/context';
import { Link } from '../../router';
import { useSession } from '../../session';

const FIELDS = ['display_name', 'email', 'password', 'language'] as const;
const NO_ERRORS: FormErrors = { message: '', fields: {}, other: [] };

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
  const { api, signedIn, changeLanguage } = useSession();
  const form = useRef<HTMLFormElement>(null);
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  const validate = (): FormErrors => {
    const fields: Record<string, string> = {};
    if (!displayName.trim()) fields.display_name = t('validation.required');
    if (!email.trim()) fields.email = t('validation.required');
    else if (!isEmail(email)) fields.email = t('validation.email');
    if (password.length < MIN_PASSWORD_LENGTH) {
      fields.password = t('validation.passwordLength', { min: MIN_PASSWORD_LENGTH });
    }
    if (confirm !== password) fields.password_confirm = t('validation.passwordMismatch');
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
      const { user } = await api.signUp({
        display_name: displayName.trim(),
        email: email.trim(),
        password,
        language: uiLanguage,
      });
      signedIn(user);
    } catch (error) {
      setErrors(formErrors(t, error, FIELDS));
      setBusy(false);
      requestAnimationFrame(() => {
        focusFirstInvalid(form.current);
      });
    }
  };

  return (
    <form ref={form} class="form" noValidate onSubmit={(event) => void onSubmit(event)}>
      <LiveMessage kind="error" message={errors.message} details={errors.other} testId="form-error" />
      <TextField
        id="display_name"
        label={t('field.displayName')}
        autoComplete="name"
        required
        value={displayName}
        onValue={setDisplayName}
        error={errors.fields.display_name}
      />
      <TextField
        id="email"
        label={t('field.email')}
        type="email"
        inputMode="email"
        autoComplete="email"
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
        autoComplete="new-password"
        required
        hint={t('field.passwordHint', { min: MIN_PASSWORD_LENGTH })}
        value={password}
        onValue={setPassword}
        error={errors.fields.password}
      />
      <TextField
        id="password_confirm"
        label={t('field.passwordConfirm')}
        type="password"
        autoComplete="new-password"
        required
        value={confirm}
        onValue={setConfirm}
        error={errors.fields.password_confirm}
      />
      <ChoiceGroup<Language>
        id="language"
        type="radio"
        legend={t('field.language')}
        options={LANGUAGES.map((code) => ({ value: code, label: t(`language.${code}`), lang: code }))}
        selected={[uiLanguage]}
        onChange={(selected) => {
          const [next] = selected;
          if (next) void changeLanguage(next);
        }}
        error={errors.fields.language}
      />
      <button type="submit" class="button" disabled={busy} data-testid="sign-up-submit">
        {busy ? t('signUp.submitting') : t('signUp.submit')}
      </button>
    </form>
  );
}
