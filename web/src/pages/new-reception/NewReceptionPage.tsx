// /receptions/new: a coordinator announces a reception. Title and description in the
// three languages, start and end in the viewer's zone (sent as UTC), topics, channels,
// pre-registration slots, and the duty roster (who serves as what, from when to when).
// The fields are shared with the edit screen (components/reception-form).
import { useState } from 'preact/hooks';
import type { User } from '../../api/types';
import { Form } from '../../components/fields';
import { LiveMessage } from '../../components/LiveMessage';
import { localName } from '../../components/localName';
import { Page } from '../../components/Page';
import {
  checkDraft,
  checkRoster,
  draftBody,
  EMPTY_DRAFT,
  rosterShifts,
  type ReceptionDraft,
  type RosterRow,
} from '../../components/reception-form/draft';
import { ReceptionFields } from '../../components/reception-form/ReceptionFields';
import { RosterFields } from '../../components/reception-form/RosterFields';
import { SelectField } from '../../components/TextField';
import { useForm } from '../../components/useForm';
import { useLoad } from '../../components/useLoad';
import { useT } from '../../i18n/context';
import { navigate } from '../../router';
import { useSession } from '../../session';

const FIELDS = [
  'organisation_id',
  'title',
  'description',
  'starts_at',
  'ends_at',
  'categories',
  'channels',
  'slot_minutes',
  'roster',
] as const;

export function NewReceptionPage({ user }: { user: User }) {
  const { t, language } = useT();
  const { api } = useSession();
  const users = useLoad(() => api.listUsers(), []);
  const organisations = useLoad(
    () => (user.role === 'admin' ? api.listOrganisations() : Promise.resolve({ items: [], next: null })),
    [user.role],
  );
  const [organisationId, setOrganisationId] = useState(user.organisation?.id ?? '');
  const [draft, setDraft] = useState<ReceptionDraft>(EMPTY_DRAFT);
  const [roster, setRoster] = useState<RosterRow[]>([]);

  const specialists = (users.data?.items ?? []).filter(
    (u) => u.role === 'specialist' && (!organisationId || u.organisation?.id === organisationId),
  );

  const state = useForm({
    fields: FIELDS,
    validate: () => ({
      organisation_id: organisationId ? undefined : t('validation.required'),
      ...checkDraft(t, draft),
      ...checkRoster(t, roster),
    }),
    send: async () => {
      const created = await api.createReception({
        ...(user.role === 'admin' ? { organisation_id: organisationId } : {}),
        ...draftBody(draft),
        roster: rosterShifts(roster),
      });
      navigate(`/receptions/${encodeURIComponent(created.id)}/board`);
    },
    afterSuccess: 'stay-busy',
    focusServerErrors: true,
  });
  const errors = state.errors.fields;

  return (
    <Page title={t('newReception.title')} testId="new-reception">
      <LiveMessage kind="error" message={users.error ?? organisations.error} />
      <Form
        state={state}
        testId="reception-form"
        errorTestId="reception-form-error"
        submit={{ testId: 'reception-submit', label: t('newReception.submit'), busyLabel: t('newReception.submitting') }}
      >
        {user.role === 'admin' && (
          <SelectField
            id="reception-organisation"
            label={t('field.organisation')}
            placeholder={t('field.chooseOrganisation')}
            value={organisationId}
            onValue={setOrganisationId}
            options={(organisations.data?.items ?? []).map((o) => ({ value: o.id, label: localName(o.name, language) }))}
            error={errors.organisation_id}
            required
          />
        )}
        <ReceptionFields draft={draft} onChange={setDraft} errors={errors} />
        <RosterFields
          rows={roster}
          onChange={setRoster}
          specialists={specialists}
          errors={errors}
          defaultTimes={{ from: draft.startsAt, to: draft.endsAt }}
        />
      </Form>
    </Page>
  );
}
