// Ending the consultation: one of the six outcomes and a short summary the citizen reads.
import { useState } from 'preact/hooks';
import { OUTCOMES, type Outcome } from '../../api/types';
import { Form, valueOptions } from '../../components/fields';
import { textLength } from '../../components/format';
import { SelectField, TextField } from '../../components/TextField';
import { useForm } from '../../components/useForm';
import { useT } from '../../i18n/context';
import { useSession } from '../../session';

export const MAX_SUMMARY = 1000; // the server's kMaxSummary

export function CloseRoomForm({ roomId, onClosed }: { roomId: string; onClosed: () => void }) {
  const { t } = useT();
  const { api } = useSession();
  const [outcome, setOutcome] = useState('');
  const [summary, setSummary] = useState('');
  const state = useForm({
    fields: ['outcome', 'summary'],
    validate: () => ({
      outcome: (OUTCOMES as readonly string[]).includes(outcome) ? undefined : t('room.chooseOutcome'),
      summary: !summary.trim()
        ? t('validation.required')
        : textLength(summary) > MAX_SUMMARY
          ? t('validation.tooLong', { max: MAX_SUMMARY })
          : undefined,
    }),
    send: async () => {
      await api.closeRoom(roomId, outcome as Outcome, summary.trim());
      onClosed();
    },
    afterSuccess: 'ready',
    focusServerErrors: true,
  });
  const errors = state.errors.fields;
  return (
    <section class="card" aria-labelledby="close-title">
      <h2 id="close-title">{t('room.close')}</h2>
      <Form
        state={state}
        testId="close-form"
        submit={{ testId: 'close-submit', label: t('room.closeSubmit'), busyLabel: t('room.closing') }}
      >
        <SelectField
          id="close-outcome"
          label={t('room.outcome')}
          placeholder={t('room.chooseOutcome')}
          value={outcome}
          onValue={setOutcome}
          options={valueOptions(t, 'outcomes', OUTCOMES)}
          error={errors.outcome}
          required
          testId="close-outcome"
        />
        <TextField
          id="close-summary"
          label={t('room.summary')}
          hint={t('room.summaryHint')}
          multiline={4}
          maxLength={MAX_SUMMARY}
          value={summary}
          onValue={setSummary}
          error={errors.summary}
          required
          testId="close-summary"
        />
      </Form>
    </section>
  );
}
