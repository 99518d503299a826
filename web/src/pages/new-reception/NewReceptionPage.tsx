// /receptions/new: a coordinator announces a reception. Title and description in the
// three languages, start and end in the viewer's zone (sent as UTC), topics, channels,
// pre-registration slots, and the duty roster (who serves as what, from when to when).
import { useState } from 'preact/hooks';
import {
  CATEGORIES,
  OFFERED_CHANNELS,
  SPECIALIST_KINDS,
  type Channel,
  type Shift,
  type SpecialistKind,
  type User,
} from '../../api/types';
import { ChoiceGroup } from '../../components/ChoiceGroup';
import { Form, valueOptions } from '../../components/fields';
import { localInputToUtc } from '../../components/format';
import { LiveMessage } from '../../components/LiveMessage';
import { localName } from '../../components/localName';
import { Page } from '../../components/Page';
import { SelectField, TextField } from '../../components/TextField';
import { useForm, type FieldProblems } from '../../components/useForm';
import { useLoad } from '../../components/useLoad';
import { LANGUAGES, type Language } from '../../i18n';
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
const MAX_TITLE = 200;
const MAX_SLOT_MINUTES = 240;

interface RosterRow {
  key: number;
  specialistId: string;
  kinds: SpecialistKind[];
  from: string;
  to: string;
}

type Texts = Record<Language, string>;
const EMPTY_TEXTS: Texts = { kk: '', ru: '', en: '' };

function localised(texts: Texts) {
  return Object.fromEntries(LANGUAGES.filter((l) => texts[l].trim()).map((l) => [l, texts[l].trim()]));
}

export function NewReceptionPage({ user }: { user: User }) {
  const { t, language } = useT();
  const { api } = useSession();
  const users = useLoad(() => api.listUsers(), []);
  const organisations = useLoad(
    () => (user.role === 'admin' ? api.listOrganisations() : Promise.resolve({ items: [], next: null })),
    [user.role],
  );
  const [organisationId, setOrganisationId] = useState(user.organisation?.id ?? '');
  const [titles, setTitles] = useState<Texts>(EMPTY_TEXTS);
  const [descriptions, setDescriptions] = useState<Texts>(EMPTY_TEXTS);
  const [startsAt, setStartsAt] = useState('');
  const [endsAt, setEndsAt] = useState('');
  const [categories, setCategories] = useState<string[]>([]);
  const [channels, setChannels] = useState<Channel[]>(['chat']);
  const [slotMinutes, setSlotMinutes] = useState('0');
  const [roster, setRoster] = useState<RosterRow[]>([]);
  const [nextKey, setNextKey] = useState(1);

  const specialists = (users.data?.items ?? []).filter(
    (u) => u.role === 'specialist' && (!organisationId || u.organisation?.id === organisationId),
  );

  const validate = (): FieldProblems => {
    const problems: FieldProblems = {
      organisation_id: organisationId ? undefined : t('validation.required'),
      title: Object.keys(localised(titles)).length === 0 ? t('newReception.titleRequired') : undefined,
      starts_at: localInputToUtc(startsAt) ? undefined : t('validation.required'),
      ends_at: !localInputToUtc(endsAt)
        ? t('validation.required')
        : localInputToUtc(startsAt) && new Date(endsAt) <= new Date(startsAt)
          ? t('newReception.endAfterStart')
          : undefined,
      categories: categories.length === 0 ? t('validation.chooseOne') : undefined,
      channels: channels.length === 0 ? t('validation.chooseOne') : undefined,
      slot_minutes:
        /^\d+$/.test(slotMinutes) && Number(slotMinutes) <= MAX_SLOT_MINUTES
          ? undefined
          : t('newReception.slotRange', { max: MAX_SLOT_MINUTES }),
    };
    for (const language of LANGUAGES) {
      if (titles[language].length > MAX_TITLE) problems[`title-${language}`] = t('validation.tooLong', { max: MAX_TITLE });
    }
    roster.forEach((row) => {
      const prefix = `roster-${row.key}`;
      problems[`${prefix}-specialist`] = row.specialistId ? undefined : t('validation.required');
      problems[`${prefix}-kinds`] = row.kinds.length === 0 ? t('validation.chooseOne') : undefined;
      problems[`${prefix}-from`] = localInputToUtc(row.from) ? undefined : t('validation.required');
      problems[`${prefix}-to`] = !localInputToUtc(row.to)
        ? t('validation.required')
        : new Date(row.to) <= new Date(row.from)
          ? t('newReception.endAfterStart')
          : undefined;
    });
    return problems;
  };

  const state = useForm({
    fields: FIELDS,
    validate,
    send: async () => {
      const shifts: Shift[] = roster.map((row) => ({
        specialist_id: row.specialistId,
        kinds: row.kinds,
        from: localInputToUtc(row.from),
        to: localInputToUtc(row.to),
      }));
      const created = await api.createReception({
        ...(user.role === 'admin' ? { organisation_id: organisationId } : {}),
        title: localised(titles),
        description: localised(descriptions),
        starts_at: localInputToUtc(startsAt),
        ends_at: localInputToUtc(endsAt),
        categories,
        channels,
        slot_minutes: Number(slotMinutes),
        roster: shifts,
      });
      navigate(`/receptions/${encodeURIComponent(created.id)}/board`);
    },
    afterSuccess: 'stay-busy',
    focusServerErrors: true,
  });
  const errors = state.errors.fields;

  const updateRow = (key: number, patch: Partial<RosterRow>) => {
    setRoster((rows) => rows.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  };
  const addRow = () => {
    setRoster((rows) => [...rows, { key: nextKey, specialistId: '', kinds: [], from: startsAt, to: endsAt }]);
    setNextKey((key) => key + 1);
  };

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
        <fieldset
          class="choices"
          id="reception-title"
          tabIndex={-1}
          aria-invalid={errors.title ? 'true' : undefined}
          aria-describedby={errors.title ? 'reception-title-error' : undefined}
        >
          <legend>{t('newReception.titles')}</legend>
          {LANGUAGES.map((code) => (
            <TextField
              key={code}
              id={`reception-title-${code}`}
              label={t('newReception.titleIn', { language: t(`language.${code}`) })}
              lang={code}
              value={titles[code]}
              onValue={(value) => {
                setTitles((current) => ({ ...current, [code]: value }));
              }}
              error={errors[`title-${code}`]}
              testId={`reception-title-${code}`}
            />
          ))}
          {errors.title && (
            <p id="reception-title-error" class="field__error">
              {errors.title}
            </p>
          )}
        </fieldset>
        <fieldset class="choices">
          <legend>{t('newReception.descriptions')}</legend>
          {LANGUAGES.map((code) => (
            <TextField
              key={code}
              id={`reception-description-${code}`}
              label={t('newReception.descriptionIn', { language: t(`language.${code}`) })}
              lang={code}
              multiline={3}
              value={descriptions[code]}
              onValue={(value) => {
                setDescriptions((current) => ({ ...current, [code]: value }));
              }}
            />
          ))}
        </fieldset>
        <p class="field__hint">{t('newReception.timesHint')}</p>
        <TextField
          id="reception-starts"
          type="datetime-local"
          label={t('newReception.startsAt')}
          value={startsAt}
          onValue={setStartsAt}
          error={errors.starts_at}
          required
          testId="reception-starts"
        />
        <TextField
          id="reception-ends"
          type="datetime-local"
          label={t('newReception.endsAt')}
          value={endsAt}
          onValue={setEndsAt}
          error={errors.ends_at}
          required
          testId="reception-ends"
        />
        <ChoiceGroup<string>
          id="reception-categories"
          type="checkbox"
          legend={t('field.categories')}
          options={valueOptions(t, 'category', CATEGORIES)}
          selected={categories}
          onChange={setCategories}
          error={errors.categories}
          testId="reception-categories"
        />
        <ChoiceGroup<Channel>
          id="reception-channels"
          type="checkbox"
          legend={t('newReception.channels')}
          options={valueOptions(t, 'channel', OFFERED_CHANNELS)}
          selected={channels}
          onChange={setChannels}
          error={errors.channels}
          testId="reception-channels"
        />
        <TextField
          id="reception-slot"
          type="number"
          inputMode="numeric"
          min={0}
          max={MAX_SLOT_MINUTES}
          label={t('newReception.slotMinutes')}
          hint={t('newReception.slotHint')}
          value={slotMinutes}
          onValue={setSlotMinutes}
          error={errors.slot_minutes}
          testId="reception-slot"
        />
        <fieldset class="choices roster" id="reception-roster" tabIndex={-1}>
          <legend>{t('newReception.roster')}</legend>
          <p class="field__hint">{t('newReception.rosterHint')}</p>
          {errors.roster && <p class="field__error">{errors.roster}</p>}
          <ol class="roster__rows">
            {roster.map((row, index) => {
              const prefix = `roster-${row.key}`;
              const specialist = specialists.find((s) => s.id === row.specialistId);
              const kinds = specialist && specialist.kinds.length > 0 ? specialist.kinds : SPECIALIST_KINDS;
              return (
                <li key={row.key} class="roster__row" data-testid="roster-row">
                  <h2 class="roster__title">{t('newReception.shift', { number: index + 1 })}</h2>
                  <SelectField
                    id={`${prefix}-specialist`}
                    label={t('newReception.specialist')}
                    placeholder={t('newReception.chooseSpecialist')}
                    value={row.specialistId}
                    onValue={(value) => {
                      updateRow(row.key, { specialistId: value, kinds: [] });
                    }}
                    options={specialists.map((s) => ({ value: s.id, label: s.display_name }))}
                    error={errors[`${prefix}-specialist`]}
                    testId="roster-specialist"
                  />
                  <ChoiceGroup<SpecialistKind>
                    id={`${prefix}-kinds`}
                    type="checkbox"
                    legend={t('newReception.shiftKinds')}
                    options={valueOptions(t, 'kind', kinds)}
                    selected={row.kinds}
                    onChange={(selected) => {
                      updateRow(row.key, { kinds: selected });
                    }}
                    error={errors[`${prefix}-kinds`]}
                    testId="roster-kinds"
                  />
                  <TextField
                    id={`${prefix}-from`}
                    type="datetime-local"
                    label={t('newReception.from')}
                    value={row.from}
                    onValue={(value) => {
                      updateRow(row.key, { from: value });
                    }}
                    error={errors[`${prefix}-from`]}
                    testId="roster-from"
                  />
                  <TextField
                    id={`${prefix}-to`}
                    type="datetime-local"
                    label={t('newReception.to')}
                    value={row.to}
                    onValue={(value) => {
                      updateRow(row.key, { to: value });
                    }}
                    error={errors[`${prefix}-to`]}
                    testId="roster-to"
                  />
                  <button
                    type="button"
                    class="button button--quiet"
                    onClick={() => {
                      setRoster((rows) => rows.filter((r) => r.key !== row.key));
                    }}
                  >
                    {t('newReception.removeShift', { number: index + 1 })}
                  </button>
                </li>
              );
            })}
          </ol>
          <button type="button" class="button button--secondary" data-testid="roster-add" onClick={addRow}>
            {t('newReception.addShift')}
          </button>
        </fieldset>
      </Form>
    </Page>
  );
}
