// Scheduling a conference: title, description, language, times in the viewer's zone, the
// agenda (ordered), specialists of any organisation found by name (each may be made a
// moderator) and guests by name and e-mail. The server mails every invitee.
import { useState } from 'preact/hooks';
import type { Invitee } from '../../api/types';
import { Form, languageOptions } from '../../components/fields';
import { localInputToUtc } from '../../components/format';
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
  language: Language;
}

const FIELDS = ['title', 'description', 'starts_at', 'ends_at', 'agenda', 'specialists', 'guests'];

export function ScheduleForm() {
  const { t } = useT();
  const { api } = useSession();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [language, setLanguage] = useState<Language>(currentLanguage());
  const [starts, setStarts] = useState('');
  const [ends, setEnds] = useState('');
  const [agenda, setAgenda] = useState<string[]>(['']);
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Invitee[]>([]);
  const [chosen, setChosen] = useState<Chosen[]>([]);
  const [guests, setGuests] = useState<GuestRow[]>([]);

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
      const made = await api.scheduleConference({
        title: title.trim(),
        description: description.trim(),
        language,
        starts_at: localInputToUtc(starts),
        ends_at: localInputToUtc(ends),
        agenda: agenda.map((item) => item.trim()).filter(Boolean).map((item) => ({ title: item })),
        specialists: chosen.map((c) => c.id),
        moderators: chosen.filter((c) => c.moderator).map((c) => c.id),
        guests: guests.map((g) => ({ name: g.name.trim(), email: g.email.trim(), language: g.language })),
      });
      navigate(`/conferences/${encodeURIComponent(made.id)}`);
    },
    afterSuccess: 'stay-busy',
    focusServerErrors: true,
  });
  const error = (field: string) => state.errors.fields[field];

  return (
    <section class="card" aria-labelledby="schedule-title">
      <h2 id="schedule-title">{t('conference.form.title')}</h2>
      <Form
        state={state}
        testId="schedule-form"
        errorTestId="schedule-error"
        submit={{ testId: 'schedule-submit', label: t('conference.form.submit'), busyLabel: t('conference.form.busy') }}
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
                value={item}
                onValue={(v) => { setAgenda(agenda.map((old, j) => (j === i ? v : old))); }}
                maxLength={200}
                testId={`schedule-agenda-${i}`}
              />
              <button type="button" class="button button--quiet" onClick={() => { setAgenda(agenda.filter((_, j) => j !== i)); }}>
                {t('conference.form.remove')}
              </button>
            </div>
          ))}
          <button type="button" class="button button--secondary" data-testid="schedule-add-item" onClick={() => { setAgenda([...agenda, '']); }}>
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
              <SelectField
                id={`guest-language-${i}`}
                label={t('conference.form.guestLanguage')}
                value={g.language}
                onValue={(v) => { setGuests(guests.map((x, j) => (j === i ? { ...x, language: v as Language } : x))); }}
                options={languageOptions(t)}
              />
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
    </section>
  );
}
