// The specialists' private notes on a room. Clearly marked: the citizen never sees them.
import { useState } from 'preact/hooks';
import type { RoomMember } from '../../api/types';
import { Form } from '../../components/fields';
import { formatDateTime } from '../../components/format';
import { TextField } from '../../components/TextField';
import { useForm } from '../../components/useForm';
import { useLoad } from '../../components/useLoad';
import { LiveMessage } from '../../components/LiveMessage';
import { useT } from '../../i18n/context';
import { useSession } from '../../session';

const MAX_NOTE = 4000;

export function NotesPanel({ roomId, members }: { roomId: string; members: readonly RoomMember[] }) {
  const { t, language } = useT();
  const { api } = useSession();
  const notes = useLoad(() => api.notes(roomId), [roomId]);
  const [body, setBody] = useState('');
  const state = useForm({
    fields: ['body'],
    validate: () => ({
      body: !body.trim() ? t('validation.required') : body.length > MAX_NOTE ? t('validation.tooLong', { max: MAX_NOTE }) : undefined,
    }),
    send: async () => {
      await api.addNote(roomId, body.trim());
      setBody('');
      notes.reload();
    },
    afterSuccess: 'ready',
    focusServerErrors: true,
  });
  // The server names a note's author by id; the room's members give the name.
  const author = (id: string | undefined, name: string | undefined) =>
    name ?? members.find((m) => m.user_id === id)?.display_name;
  return (
    <section class="card card--private" aria-labelledby="notes-title" aria-describedby="notes-private" data-testid="notes">
      <h2 id="notes-title">{t('notes.title')}</h2>
      <p id="notes-private" class="badge badge--private">
        {t('notes.private')}
      </p>
      <LiveMessage kind="error" message={notes.error} />
      <ul class="rows" data-testid="notes-list">
        {(notes.data?.items ?? []).map((note, index) => (
          <li key={note.id ?? index} class="row">
            <span class="row__meta">
              {[author(note.author_id, note.author_name), formatDateTime(note.at, language)].filter(Boolean).join(' · ')}
            </span>
            <span class="summary-text">{note.body}</span>
          </li>
        ))}
      </ul>
      <Form state={state} submit={{ testId: 'notes-submit', label: t('notes.add'), busyLabel: t('notes.adding') }}>
        <TextField
          id="notes-body"
          label={t('notes.new')}
          multiline={3}
          value={body}
          onValue={setBody}
          error={state.errors.fields.body}
          testId="notes-input"
        />
      </Form>
    </section>
  );
}
