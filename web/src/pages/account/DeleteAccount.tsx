// "Delete my account and my data" (a citizen's right under Law of the RK 94-V): what is
// erased and what stays, the password to confirm (a guest has none), then a confirmation.
// The server erases every question, anonymises the account and ends its sessions; the
// shell then shows the landing page as signed out, with a message.
import { useRef, useState } from 'preact/hooks';
import { ConfirmButton } from '../../components/ConfirmButton';
import { formErrors, type FormErrors } from '../../components/errors';
import { PasswordField } from '../../components/fields';
import { LiveMessage } from '../../components/LiveMessage';
import { useTextValue } from '../../components/useForm';
import { useT } from '../../i18n/context';
import { useSession } from '../../session';

const NO_ERRORS: FormErrors = { message: '', fields: {}, other: [] };

interface DeleteAccountProps {
  email: string;
  /** A guest's account has no password to ask for. */
  guest: boolean;
}

export function DeleteAccount({ email, guest }: DeleteAccountProps) {
  const { t } = useT();
  const { api, signedOutOnServer } = useSession();
  const password = useTextValue();
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  const focusPassword = () => {
    requestAnimationFrame(() => {
      form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    });
  };

  const erase = async () => {
    if (!guest && !password.value) {
      setErrors({ message: t('validation.summary'), fields: { password: t('validation.required') }, other: [] });
      focusPassword();
      return;
    }
    setErrors(NO_ERRORS);
    setBusy(true);
    try {
      await api.deleteMe(guest ? undefined : password.value);
      signedOutOnServer(t('deleteAccount.done'));
    } catch (error) {
      setErrors(formErrors(t, error, ['password']));
      setBusy(false);
      focusPassword();
    }
  };

  return (
    <section class="card" aria-labelledby="delete-account-title" data-testid="delete-account">
      <h2 id="delete-account-title">{t('deleteAccount.title')}</h2>
      <p>{t('deleteAccount.erased')}</p>
      <p>{t('deleteAccount.stays')}</p>
      <p class="field__hint">{t('deleteAccount.live')}</p>
      {/* Enter in the password field must not erase anything: only the confirmed button does. */}
      <form
        ref={form}
        class="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
        }}
      >
        <LiveMessage kind="error" message={errors.message} details={errors.other} testId="delete-account-error" />
        {!guest && (
          <>
            <input type="hidden" name="username" autoComplete="username" value={email} />
            <PasswordField
              id="delete-password"
              label={t('deleteAccount.password')}
              autoComplete="current-password"
              {...password}
              error={errors.fields.password}
            />
          </>
        )}
        <ConfirmButton
          label={busy ? t('deleteAccount.deleting') : t('deleteAccount.button')}
          question={t('deleteAccount.question')}
          confirmLabel={t('deleteAccount.confirm')}
          testId="delete-account-button"
          busy={busy}
          onConfirm={erase}
        />
      </form>
    </section>
  );
}
