// What a coordinator or an admin may do about one member of staff: send the invitation
// again (while invited), deactivate (after a confirmation: their sessions end at once) or
// reactivate, and change their role, specialisation and how many consultations they hold
// at once. The server checks every permission again; its refusals are shown here.
import { useState } from 'preact/hooks';
import { SPECIALIST_KINDS, type SpecialistKind, type StaffRole, type User } from '../api/types';
import { useT } from '../i18n/context';
import { useSession } from '../session';
import { ChoiceGroup } from './ChoiceGroup';
import { ConfirmButton } from './ConfirmButton';
import { formErrors } from './errors';
import { CapacityField, Form, valueOptions } from './fields';
import { LiveMessage } from './LiveMessage';
import { useForm } from './useForm';

const FIELDS = ['role', 'kinds', 'capacity'] as const;

interface UserActionsProps {
  user: User;
  viewer: User;
  onChanged: () => void;
}

export function UserActions({ user, viewer, onChanged }: UserActionsProps) {
  const { t } = useT();
  const { api } = useSession();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const id = user.id;

  const run = async (action: () => Promise<unknown>, message: string) => {
    setBusy(true);
    setDone(undefined);
    setError(undefined);
    try {
      await action();
      setDone(message);
      onChanged();
    } catch (failure) {
      setError(formErrors(t, failure, []).message);
    } finally {
      setBusy(false);
    }
  };
  const name = user.display_name;

  return (
    <div class="manage__panel" data-testid="user-actions">
      <LiveMessage kind="status" message={done} testId="user-done" />
      <LiveMessage kind="error" message={error} testId="user-error" />
      <div class="actions">
        {user.status === 'invited' && (
          <button
            type="button"
            class="button button--secondary"
            data-testid="user-resend"
            disabled={busy}
            onClick={() => void run(() => api.resendInvitation(id), t('users.resent', { email: user.email }))}
          >
            {t('users.resend')}
          </button>
        )}
        {user.status === 'deactivated' ? (
          <button
            type="button"
            class="button button--secondary"
            data-testid="user-reactivate"
            disabled={busy}
            onClick={() => void run(() => api.reactivateUser(id), t('users.reactivated', { name }))}
          >
            {t('users.reactivate')}
          </button>
        ) : (
          <ConfirmButton
            label={t('users.deactivate')}
            question={t('users.deactivateQuestion', { name })}
            confirmLabel={t('users.deactivateConfirm')}
            testId="user-deactivate"
            busy={busy}
            onConfirm={() => run(() => api.deactivateUser(id), t('users.deactivated', { name }))}
          />
        )}
      </div>
      {user.status !== 'deactivated' && (
        <RoleForm
          user={user}
          viewer={viewer}
          onSaved={(text) => {
            setDone(text);
            setError(undefined);
            onChanged();
          }}
        />
      )}
    </div>
  );
}

interface RoleFormProps {
  user: User;
  viewer: User;
  onSaved: (message: string) => void;
}

/** Role, specialisation and capacity; sends only what changed. */
function RoleForm({ user, viewer, onSaved }: RoleFormProps) {
  const { t } = useT();
  const { api } = useSession();
  const roles: StaffRole[] = viewer.role === 'admin' ? ['specialist', 'coordinator', 'admin'] : ['specialist', 'coordinator'];
  const [role, setRole] = useState<StaffRole>(user.role === 'citizen' ? 'specialist' : user.role);
  const [kinds, setKinds] = useState<SpecialistKind[]>(user.kinds);
  const [capacity, setCapacity] = useState(user.capacity || 1);
  const specialist = role === 'specialist';
  const state = useForm({
    fields: FIELDS,
    validate: () => ({
      kinds: specialist && kinds.length === 0 ? t('validation.chooseOne') : undefined,
    }),
    send: async () => {
      const changedKinds = kinds.length !== user.kinds.length || kinds.some((kind) => !user.kinds.includes(kind));
      const patch = {
        ...(role !== user.role ? { role } : {}),
        ...(specialist && (changedKinds || role !== user.role) ? { kinds } : {}),
        ...(specialist && capacity !== user.capacity ? { capacity } : {}),
      };
      if (Object.keys(patch).length > 0) await api.updateUser(user.id, patch);
      onSaved(t('users.saved', { name: user.display_name }));
    },
    afterSuccess: 'ready',
    focusServerErrors: true,
  });
  const { fields: errors } = state.errors;
  const prefix = `user-${user.id}`;
  return (
    <Form
      state={state}
      testId="user-role-form"
      submit={{ testId: 'user-save', label: t('users.save'), busyLabel: t('users.saving') }}
    >
      <ChoiceGroup<StaffRole>
        id={`${prefix}-role`}
        type="radio"
        legend={t('field.role')}
        options={valueOptions(t, 'role', roles)}
        selected={[role]}
        onChange={(selected) => {
          setRole(selected[0] ?? role);
        }}
        error={errors.role}
        testId="user-role"
      />
      {specialist && (
        <>
          <ChoiceGroup<SpecialistKind>
            id={`${prefix}-kinds`}
            type="checkbox"
            legend={t('field.kinds')}
            options={valueOptions(t, 'kind', SPECIALIST_KINDS)}
            selected={kinds}
            onChange={setKinds}
            error={errors.kinds}
            testId="user-kinds"
          />
          <CapacityField id={`${prefix}-capacity`} value={capacity} onValue={setCapacity} error={errors.capacity} />
        </>
      )}
    </Form>
  );
}
