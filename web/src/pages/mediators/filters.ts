// The register's filters as they live in the address (?q=&region=&language=&specialisation=
// &kind=&status=active, the API's own names, so a link can be shared and Back works) and as
// they are asked of the server. Unknown or malformed values in a link are dropped, not sent.
import { isLanguage, type Language } from '../../i18n';
import {
  MEDIATOR_KINDS,
  SPECIALISATIONS,
  type MediatorKind,
  type MediatorQuery,
  type Specialisation,
} from '../../api/types';

export interface MediatorFilters {
  /** Words of a name or of an organisation (trimmed). */
  q: string;
  /** An ISO 3166-2:KZ code, or '' for every region. */
  region: string;
  language: Language | '';
  specialisation: Specialisation | '';
  kind: MediatorKind | '';
  /** Only those who take cases now (status active). */
  activeOnly: boolean;
}

export const NO_FILTERS: MediatorFilters = {
  q: '',
  region: '',
  language: '',
  specialisation: '',
  kind: '',
  activeOnly: false,
};

/** The longest search text kept (a name is at most 200 characters on the server). */
export const MAX_QUERY = 200;
const REGION = /^KZ-[0-9A-Z]{1,3}$/;

function oneOf<V extends string>(values: readonly V[], value: string | null): V | '' {
  return value !== null && (values as readonly string[]).includes(value) ? (value as V) : '';
}

/** The filters a query string (`?kind=public…` or '') asks for. */
export function filtersFromSearch(search: string): MediatorFilters {
  const params = new URLSearchParams(search);
  const language = params.get('language');
  const region = params.get('region') ?? '';
  return {
    q: normaliseQuery(params.get('q') ?? ''),
    region: REGION.test(region) ? region : '',
    language: isLanguage(language) ? language : '',
    specialisation: oneOf(SPECIALISATIONS, params.get('specialisation')),
    kind: oneOf(MEDIATOR_KINDS, params.get('kind')),
    activeOnly: params.get('status') === 'active',
  };
}

/** Search text as sent: inner runs of spaces made one, ends trimmed, at most MAX_QUERY. */
export function normaliseQuery(text: string): string {
  return Array.from(text.replace(/\s+/g, ' ').trim()).slice(0, MAX_QUERY).join('').trim();
}

/** What the server is asked: only the filters set. */
export function mediatorQuery(filters: MediatorFilters): MediatorQuery {
  const query: MediatorQuery = {};
  const q = normaliseQuery(filters.q);
  if (q) query.q = q;
  if (filters.region) query.region = filters.region;
  if (filters.language) query.language = filters.language;
  if (filters.specialisation) query.specialisation = filters.specialisation;
  if (filters.kind) query.kind = filters.kind;
  if (filters.activeOnly) query.status = 'active';
  return query;
}

/** The address's query for these filters, in a fixed order ('' when none is set). */
export function searchFromFilters(filters: MediatorFilters): string {
  const text = new URLSearchParams(Object.entries(mediatorQuery(filters))).toString();
  return text ? `?${text}` : '';
}

/** Whether any filter narrows the register. */
export function hasFilters(filters: MediatorFilters): boolean {
  return searchFromFilters(filters) !== '';
}
