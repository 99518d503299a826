// A reception being written (new or edited) as its form holds it: texts per language,
// times as `datetime-local` values in the viewer's zone, the roster as rows. Checked here
// in the viewer's words, and turned into the body the server takes (UTC, trimmed texts).
import type { TFunction } from 'i18next';
import type { Channel, LocalisedName, Reception, RosterEntry, Shift, SpecialistKind } from '../../api/types';
import { LANGUAGES, type Language } from '../../i18n';
import { localInputToUtc, utcToLocalInput } from '../format';
import type { FieldProblems } from '../useForm';

export const MAX_TITLE = 200;
export const MAX_SLOT_MINUTES = 240;

export type Texts = Record<Language, string>;
export const EMPTY_TEXTS: Texts = { kk: '', ru: '', en: '' };

export interface ReceptionDraft {
  titles: Texts;
  descriptions: Texts;
  startsAt: string;
  endsAt: string;
  categories: string[];
  channels: Channel[];
  slotMinutes: string;
}

export const EMPTY_DRAFT: ReceptionDraft = {
  titles: EMPTY_TEXTS,
  descriptions: EMPTY_TEXTS,
  startsAt: '',
  endsAt: '',
  categories: [],
  channels: ['chat'],
  slotMinutes: '0',
};

/** One shift of the roster as its row shows it; `key` tells rows apart while editing. */
export interface RosterRow {
  key: number;
  specialistId: string;
  kinds: SpecialistKind[];
  from: string;
  to: string;
}

/** The texts given, trimmed; languages left empty are left out. */
export function localised(texts: Texts): LocalisedName {
  return Object.fromEntries(LANGUAGES.filter((l) => texts[l].trim()).map((l) => [l, texts[l].trim()]));
}

export function textsOf(name: LocalisedName): Texts {
  return { kk: name.kk ?? '', ru: name.ru ?? '', en: name.en ?? '' };
}

/** The form's draft of a reception as the server sent it. */
export function draftOf(reception: Reception): ReceptionDraft {
  return {
    titles: textsOf(reception.title),
    descriptions: textsOf(reception.description),
    startsAt: utcToLocalInput(reception.starts_at),
    endsAt: utcToLocalInput(reception.ends_at),
    categories: [...reception.categories],
    channels: [...reception.channels],
    slotMinutes: String(reception.slot_minutes),
  };
}

/** What the server takes for these fields (POST and PATCH /receptions alike). */
export function draftBody(draft: ReceptionDraft) {
  return {
    title: localised(draft.titles),
    description: localised(draft.descriptions),
    starts_at: localInputToUtc(draft.startsAt),
    ends_at: localInputToUtc(draft.endsAt),
    categories: draft.categories,
    channels: draft.channels,
    slot_minutes: Number(draft.slotMinutes),
  };
}

/** Every problem of the draft, under the names of its fields (`title-kk` for one language). */
export function checkDraft(t: TFunction, draft: ReceptionDraft): FieldProblems {
  const { titles, startsAt, endsAt, categories, channels, slotMinutes } = draft;
  const problems: FieldProblems = {
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
  return problems;
}

/** The problems of each row, under `roster-<key>-specialist`, `-kinds`, `-from` and `-to`. */
export function checkRoster(t: TFunction, rows: readonly RosterRow[]): FieldProblems {
  const problems: FieldProblems = {};
  for (const row of rows) {
    const prefix = `roster-${row.key}`;
    problems[`${prefix}-specialist`] = row.specialistId ? undefined : t('validation.required');
    problems[`${prefix}-kinds`] = row.kinds.length === 0 ? t('validation.chooseOne') : undefined;
    problems[`${prefix}-from`] = localInputToUtc(row.from) ? undefined : t('validation.required');
    problems[`${prefix}-to`] = !localInputToUtc(row.to)
      ? t('validation.required')
      : new Date(row.to) <= new Date(row.from)
        ? t('newReception.endAfterStart')
        : undefined;
  }
  return problems;
}

export function rosterShifts(rows: readonly RosterRow[]): Shift[] {
  return rows.map((row) => ({
    specialist_id: row.specialistId,
    kinds: row.kinds,
    from: localInputToUtc(row.from),
    to: localInputToUtc(row.to),
  }));
}

/** The rows of a roster as the server sent it, keyed 1, 2, 3… */
export function rosterRows(entries: readonly RosterEntry[]): RosterRow[] {
  return entries.map((entry, index) => ({
    key: index + 1,
    specialistId: entry.specialist_id,
    kinds: [...entry.kinds],
    from: utcToLocalInput(entry.from),
    to: utcToLocalInput(entry.to),
  }));
}
