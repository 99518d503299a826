// /account: who one is (the profile card), when they consented to the processing of their
// personal data, changing one's password (which signs out the account's other devices),
// signing out on every device, and for a citizen deleting the account and its data. A
// guest, who has no password, gets no password form and deletes without one.
import { useState } from 'preact/hooks';
import type { User } from '../../api/types';
import { ConfirmButton } from '../../components/ConfirmButton';
import { Form, NewPasswordFields, PasswordField } from '../../components/fields';
import { LiveMessage } from '../../components/LiveMessage';
import { Page } from '../../components/Page';
import { isGuest } from '../../components/people';
import { ProfileCard } from '../../components/ProfileCard';
import { useForm, useTextValue } from '../../components/useForm';
import { checkNewPassword, checkPasswordRepeat } from '../../components/validation';
import { useT } from '../../i18n/context';
import { useSession } from '../../session';
import { ConsentCard } from './ConsentCard';
import { DeleteAccount } from './DeleteAccount';

const FIELDS = ['current_password', 'new_password', 'new_password_confirm'] as const;

export function AccountPage({ user }: { user: User }) {
  const { t } = useT();
  const guest = isGuest(user);
  return (
    <Page title={t('account.title')} testId="account">
      <ProfileCard user={user} />
      <ConsentCard user={user} />
      {!guest && <ChangePasswordForm email={user.email} />}
      {!guest && <SignOutEverywhere />}
      {/* Staff are deactivated by an admin instead. */}
      {user.role === 'citizen' && <DeleteAccount email={user.email} guest={guest} />}
    </Page>
  );
}

function ChangePasswordForm({ email }: { email: string }) {
  const { t } = useT();
  const { api } = useSession();
  const current = useTextValue();
  const password = useTextValue();
  const repeat = useTextValue();
  const [changed, setChanged] = useState(false);
  const state = useForm({
    fields: FIELDS,
    validate: () => ({
      current_password: current.value ? undefined : t('validation.required'),
      new_password: checkNewPassword(t, password.value),
      new_password_confirm: checkPasswordRepeat(t, password.value, repeat.value),
    }),
    send: async () => {
      setChanged(false);
      await api.changePassword({ current_password: current.value, new_password: password.value });
      for (const text of [current, password, repeat]) text.onValue('');
      setChanged(true);
    },
    afterSuccess: 'ready',
    focusServerErrors: true,
  });
  const { fields: errors } = state.errors;
  return (
    <section class="card" aria-labelledby="change-password-title" data-testid="change-password">
      <h2 id="change-password-title">{t('account.changePassword')}</h2>
      <Form
        state={state}
        testId="change-password-form"
        errorTestId="change-password-error"
        submit={{ testId: 'change-password-submit', label: t('account.savePassword'), busyLabel: t('account.saving') }}
      >
        <input type="hidden" name="username" autoComplete="username" value={email} />
        <PasswordField
          id="current_password"
          label={t('field.currentPassword')}
          autoComplete="current-password"
          {...current}
          error={errors.current_password}
        />
        <NewPasswordFields
          names={['new_password', 'new_password_confirm']}
          label={t('field.newPassword')}
          password={password}
          repeat={repeat}
          errors={errors}
        />
      </Form>
      <LiveMessage kind="status" message={changed ? t('account.passwordChanged') : undefined} testId="password-changed" />
    </section>
  );
}

function SignOutEverywhere() {
  const { t } = useT();
  const { signOut } = useSession();
  return (
    <section class="card" aria-labelledby="sign-out-everywhere-title">
      <h2 id="sign-out-everywhere-title">{t('account.devices')}</h2>
      <p>{t('account.devicesHint')}</p>
      <ConfirmButton
        label={t('account.signOutEverywhere')}
        question={t('account.signOutEverywhereQuestion')}
        confirmLabel={t('account.signOutEverywhereConfirm')}
        testId="sign-out-everywhere"
        onConfirm={async () => {
          await signOut({ everywhere: true });
        }}
      />
    </section>
  );
}
