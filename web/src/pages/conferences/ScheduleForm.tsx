// Scheduling a conference: title, description, language, times in the viewer's zone, the
// agenda (ordered), specialists of any organisation found by name (each may be made a
// moderator) and guests by name and e-mail. The server mails every invitee. With `editing`,
// the same form changes a conference (its moderators' edit screen): agenda items keep their
// minutes, guests invited before keep their link and language, and only new invitees are
// mailed.
import { useState } from 'preact/hooks';
import type { Conference, Invitee } from '../../api/types';
import { Form, languageOptions } from '../../components/fields';
import { localInputToUtc, utcToLocalInput } from '../../components/format';
import { SelectField, TextField, CheckboxField } from '../../components/TextField';
import { useForm, type FieldProblems } from '../../components/useForm';
import { currentLanguage, type Language } from '../../i18n';
import { useT } from '../../i18n/context';
import { navigate } from '../../router';
import { useSession } from '../../session';

interface Chosen extends Invitee {
  moderator: boolean;
}
interface GuestRow {
  name: string;
  email: string;
  /** null: invited before, in the language chosen then. */
  language: Language | null;
}
interface AgendaRow {
  /** An existing item (its minutes stay with it). */
  id?: string;
  title: string;
}

const FIELDS = ['title', 'description', 'starts_at', 'ends_at', 'agenda', 'specialists', 'guests'];

export function ScheduleForm({
  editing,
  onSaved,
  onCancel,
}: {
  editing?: Conference;
  onSaved?: (saved: Conference) => void;
  onCancel?: () => void;
} = {}) {
  const { t } = useT();
  const { api } = useSession();
  const [title, setTitle] = useState(editing?.title ?? '');
  const [description, setDescription] = useState(editing?.description ?? '');
  const [language, setLanguage] = useState<Language>(editing?.language ?? currentLanguage());
  const [starts, setStarts] = useState(editing ? utcToLocalInput(editing.starts_at) : '');
  const [ends, setEnds] = useState(editing ? utcToLocalInput(editing.ends_at) : '');
  const [agenda, setAgenda] = useState<AgendaRow[]>(
    editing ? editing.agenda.map((item) => ({ id: item.id, title: item.title })) : [{ title: '' }],
  );
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Invitee[]>([]);
  const [chosen, setChosen] = useState<Chosen[]>(
    (editing?.participants ?? [])
      .filter((p) => p.role !== 'guest' && p.user_id && p.user_id !== editing?.created_by)
      .map((p) => ({
        id: p.user_id ?? '',
        display_name: p.name,
        organisation_id: p.organisation_id,
        role: 'specialist',
        moderator: p.role === 'moderator',
      })),
  );
  const [guests, setGuests] = useState<GuestRow[]>(
    (editing?.participants ?? [])
      .filter((p) => p.role === 'guest')
      .map((p) => ({ name: p.name, email: p.email, language: null })),
  );

  const search = async () => {
    const page = await api.invitees(query.trim());
    setFound(page.items);
  };

  const state = useForm({
    fields: FIELDS,
    validate: (): FieldProblems => ({
      title: title.trim() ? undefined : t('validation.required'),
      starts_at: localInputToUtc(starts) ? undefined : t('validation.required'),
      ends_at: !localInputToUtc(ends)
        ? t('validation.required')
        : localInputToUtc(starts) && new Date(ends) <= new Date(starts)
          ? t('conference.form.endsBeforeStart')
          : undefined,
    }),
    send: async () => {
      const body = {
        title: title.trim(),
        description: description.trim(),
        language,
        starts_at: localInputToUtc(starts),
        ends_at: localInputToUtc(ends),
        agenda: agenda
          .map((item) => ({ ...item, title: item.title.trim() }))
          .filter((item) => item.title)
          .map((item) => (item.id ? { id: item.id, title: item.title } : { title: item.title })),
        specialists: chosen.map((c) => c.id),
        moderators: chosen.filter((c) => c.moderator).map((c) => c.id),
        guests: guests.map((g) => ({
          name: g.name.trim(),
          email: g.email.trim(),
          ...(g.language ? { language: g.language } : {}),
        })),
      };
      if (editing) {
        onSaved?.(await api.updateConference(editing.id, body));
        return;
      }
      const made = await api.scheduleConference(body);
      navigate(`/conferences/${encodeURIComponent(made.id)}`);
    },
    afterSuccess: editing ? 'ready' : 'stay-busy',
    focusServerErrors: true,
  });
  const error = (field: string) => state.errors.fields[field];

  return (
    <section class="card" aria-labelledby="schedule-title">
      <h2 id="schedule-title">{t(editing ? 'conference.form.editTitle' : 'conference.form.title')}</h2>
      <Form
        state={state}
        testId="schedule-form"
        errorTestId="schedule-error"
        submit={{
          testId: 'schedule-submit',
          label: t(editing ? 'conference.form.save' : 'conference.form.submit'),
          busyLabel: t('conference.form.busy'),
        }}
      >
        <TextField id="conference-title" label={t('conference.form.name')} value={title} onValue={setTitle} maxLength={200} error={error('title')} testId="schedule-name" />
        <TextField id="conference-description" label={t('conference.form.description')} value={description} onValue={setDescription} multiline={3} maxLength={4000} error={error('description')} testId="schedule-description" />
        <SelectField id="conference-language" label={t('conference.form.language')} value={language} onValue={(v) => { setLanguage(v as Language); }} options={languageOptions(t)} />
        <TextField id="conference-starts" type="datetime-local" label={t('conference.form.starts')} value={starts} onValue={setStarts} error={error('starts_at')} testId="schedule-starts" />
        <TextField id="conference-ends" type="datetime-local" label={t('conference.form.ends')} value={ends} onValue={setEnds} error={error('ends_at')} testId="schedule-ends" />

        <fieldset class="fieldset">
          <legend>{t('conference.form.agenda')}</legend>
          {agenda.map((item, i) => (
            <div class="conference-row" key={i}>
              <TextField
                id={`agenda-${i}`}
                label={t('conference.form.agendaItem', { number: i + 1 })}
                value={item.title}
                onValue={(v) => { setAgenda(agenda.map((old, j) => (j === i ? { ...old, title: v } : old))); }}
                maxLength={200}
                testId={`schedule-agenda-${i}`}
              />
              <button type="button" class="button button--quiet" onClick={() => { setAgenda(agenda.filter((_, j) => j !== i)); }}>
                {t('conference.form.remove')}
              </button>
            </div>
          ))}
          <button type="button" class="button button--secondary" data-testid="schedule-add-item" onClick={() => { setAgenda([...agenda, { title: '' }]); }}>
            {t('conference.form.addItem')}
          </button>
        </fieldset>

        <fieldset class="fieldset">
          <legend>{t('conference.form.specialists')}</legend>
          <TextField id="invitee-search" label={t('conference.form.search')} value={query} onValue={setQuery} testId="schedule-search" />
          <button type="button" class="button button--secondary" data-testid="schedule-search-button" onClick={() => void search()}>
            {t('conference.form.find')}
          </button>
          {found.length > 0 && (
            <ul class="plain-list" data-testid="schedule-found">
              {found
                .filter((f) => !chosen.some((c) => c.id === f.id))
                .map((f) => (
                  <li key={f.id}>
                    <span>{f.display_name}</span>{' '}
                    <button
                      type="button"
                      class="button button--quiet"
                      data-testid={`schedule-invite-${f.id}`}
                      onClick={() => { setChosen([...chosen, { ...f, moderator: false }]); }}
                    >
                      {t('conference.form.invite')}
                    </button>
                  </li>
                ))}
            </ul>
          )}
          {chosen.length > 0 && (
            <ul class="plain-list" data-testid="schedule-chosen">
              {chosen.map((c) => (
                <li key={c.id}>
                  <CheckboxField
                    id={`moderator-${c.id}`}
                    label={t('conference.form.moderator', { name: c.display_name })}
                    checked={c.moderator}
                    onChecked={(on) => { setChosen(chosen.map((x) => (x.id === c.id ? { ...x, moderator: on } : x))); }}
                  />
                  <button type="button" class="button button--quiet" onClick={() => { setChosen(chosen.filter((x) => x.id !== c.id)); }}>
                    {t('conference.form.remove')}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </fieldset>

        <fieldset class="fieldset">
          <legend>{t('conference.form.guests')}</legend>
          <p class="field__hint">{t('conference.form.guestsHint')}</p>
          {guests.map((g, i) => (
            <div class="conference-row" key={i}>
              <TextField
                id={`guest-name-${i}`}
                label={t('conference.form.guestName')}
                value={g.name}
                onValue={(v) => { setGuests(guests.map((x, j) => (j === i ? { ...x, name: v } : x))); }}
                maxLength={200}
                testId={`schedule-guest-name-${i}`}
              />
              <TextField
                id={`guest-email-${i}`}
                type="email"
                label={t('conference.form.guestEmail')}
                value={g.email}
                onValue={(v) => { setGuests(guests.map((x, j) => (j === i ? { ...x, email: v } : x))); }}
                testId={`schedule-guest-email-${i}`}
              />
              {g.language !== null && (
                <SelectField
                  id={`guest-language-${i}`}
                  label={t('conference.form.guestLanguage')}
                  value={g.language}
                  onValue={(v) => { setGuests(guests.map((x, j) => (j === i ? { ...x, language: v as Language } : x))); }}
                  options={languageOptions(t)}
                />
              )}
              <button type="button" class="button button--quiet" onClick={() => { setGuests(guests.filter((_, j) => j !== i)); }}>
                {t('conference.form.remove')}
              </button>
            </div>
          ))}
          <button
            type="button"
            class="button button--secondary"
            data-testid="schedule-add-guest"
            onClick={() => { setGuests([...guests, { name: '', email: '', language }]); }}
          >
            {t('conference.form.addGuest')}
          </button>
        </fieldset>
      </Form>
      {onCancel && (
        <button type="button" class="button button--quiet" data-testid="schedule-cancel-edit" onClick={onCancel}>
          {t('conference.form.cancelEdit')}
        </button>
      )}
    </section>
  );
}
