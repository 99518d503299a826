// A reception's details (titles, descriptions, times, topics, channels, slot length),
// changed with PATCH /receptions/{id}: the same fields as a new reception.
import { useState } from 'preact/hooks';
import type { Reception } from '../../api/types';
import { Form } from '../../components/fields';
import { LiveMessage } from '../../components/LiveMessage';
import { checkDraft, draftBody, draftOf, type ReceptionDraft } from '../../components/reception-form/draft';
import { ReceptionFields } from '../../components/reception-form/ReceptionFields';
import { useForm } from '../../components/useForm';
import { useT } from '../../i18n/context';
import { useSession } from '../../session';

const FIELDS = ['title', 'description', 'starts_at', 'ends_at', 'categories', 'channels', 'slot_minutes'] as const;

export function DetailsForm({ reception, onSaved }: { reception: Reception; onSaved: () => void }) {
  const { t } = useT();
  const { api } = useSession();
  const [draft, setDraft] = useState<ReceptionDraft>(() => draftOf(reception));
  const [saved, setSaved] = useState<string | undefined>(undefined);
  const state = useForm({
    fields: FIELDS,
    validate: () => {
      setSaved(undefined);
      return checkDraft(t, draft);
    },
    send: async () => {
      const updated = await api.updateReception(reception.id, draftBody(draft));
      setDraft(draftOf(updated));
      setSaved(t('editReception.saved'));
      onSaved();
    },
    afterSuccess: 'ready',
    focusServerErrors: true,
  });
  return (
    <section class="card" aria-labelledby="edit-details-title" data-testid="edit-details">
      <h2 id="edit-details-title">{t('editReception.details')}</h2>
      <LiveMessage kind="status" message={saved} testId="edit-details-saved" />
      <Form
        state={state}
        testId="edit-details-form"
        errorTestId="edit-details-error"
        submit={{ testId: 'edit-details-submit', label: t('editReception.save'), busyLabel: t('users.saving') }}
      >
        <ReceptionFields draft={draft} onChange={setDraft} errors={state.errors.fields} />
      </Form>
    </section>
  );
}
