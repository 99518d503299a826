// Re-rostering a reception: the roster as saved (GET /receptions/{id}/roster) as rows to
// change, add or remove, saved whole with PUT. Only the organisation's specialists, each
// serving as one of their own specialisations.
import { useEffect, useState } from 'preact/hooks';
import type { Reception } from '../../api/types';
import { formErrors } from '../../components/errors';
import { Form } from '../../components/fields';
import { utcToLocalInput } from '../../components/format';
import { LiveMessage } from '../../components/LiveMessage';
import { checkRoster, rosterRows, rosterShifts, type RosterRow } from '../../components/reception-form/draft';
import { RosterFields } from '../../components/reception-form/RosterFields';
import { useForm } from '../../components/useForm';
import { useLoad } from '../../components/useLoad';
import { useT } from '../../i18n/context';
import { useSession } from '../../session';

export function RosterForm({ reception }: { reception: Reception }) {
  const { t } = useT();
  const { api } = useSession();
  const users = useLoad(() => api.listUsers(), []);
  const [rows, setRows] = useState<RosterRow[] | null>(null);
  const [loadError, setLoadError] = useState<string | undefined>(undefined);
  const [saved, setSaved] = useState<string | undefined>(undefined);
  useEffect(() => {
    api.roster(reception.id).then(
      (roster) => {
        setRows(rosterRows(roster.items));
      },
      (failure: unknown) => {
        setLoadError(formErrors(t, failure, []).message);
      },
    );
  }, [api, reception.id]);
  const specialists = (users.data?.items ?? []).filter(
    (u) => u.role === 'specialist' && u.organisation?.id === reception.organisation_id && u.status !== 'deactivated',
  );
  const state = useForm({
    fields: ['roster'],
    validate: () => {
      setSaved(undefined);
      return checkRoster(t, rows ?? []);
    },
    send: async () => {
      const answer = await api.setRoster(reception.id, rosterShifts(rows ?? []));
      setRows(rosterRows(answer.items));
      setSaved(t('editReception.rosterSaved', { count: answer.items.length }));
    },
    afterSuccess: 'ready',
    focusServerErrors: true,
  });
  return (
    <section class="card" aria-labelledby="edit-roster-title" data-testid="edit-roster">
      <h2 id="edit-roster-title">{t('editReception.roster')}</h2>
      <LiveMessage kind="error" message={loadError ?? users.error} />
      <LiveMessage kind="status" message={saved} testId="edit-roster-saved" />
      {rows === null ? (
        !loadError && <p class="loading">{t('status.loading')}</p>
      ) : (
        <Form
          state={state}
          testId="edit-roster-form"
          errorTestId="edit-roster-error"
          submit={{ testId: 'edit-roster-submit', label: t('editReception.saveRoster'), busyLabel: t('users.saving') }}
        >
          <RosterFields
            rows={rows}
            onChange={(update) => {
              setRows((current) => update(current ?? []));
            }}
            specialists={specialists}
            errors={state.errors.fields}
            defaultTimes={{ from: utcToLocalInput(reception.starts_at), to: utcToLocalInput(reception.ends_at) }}
          />
        </Form>
      )}
    </section>
  );
}
