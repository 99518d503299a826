// The audit page's filter form as typed, and the query it asks the server: dates are whole
// days in the viewer's zone ("to" includes its day), an account id typed in wins over the
// one picked from the list.
import type { TFunction } from 'i18next';
import type { AuditEntry, AuditQuery } from '../../api/types';
import type { FieldProblems } from '../../components/useForm';

export interface AuditFilters {
  /** Picked from the list of accounts. */
  actor: string;
  /** Typed in (someone not in the list: a guest, a citizen). */
  actorId: string;
  action: string;
  object: string;
  /** `date` inputs' values, YYYY-MM-DD. */
  from: string;
  to: string;
}

export const NO_FILTERS: AuditFilters = { actor: '', actorId: '', action: '', object: '', from: '', to: '' };

export const PAGE_SIZE = 50;
const MAX_TEXT = 64;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The start of a calendar day in the viewer's zone, as RFC 3339 UTC; `days` later if asked. */
export function dayStart(date: string, days = 0): string {
  const [year, month, day] = date.split('-').map(Number);
  const local = new Date(year ?? 1970, (month ?? 1) - 1, (day ?? 1) + days);
  return local.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function checkFilters(t: TFunction, filters: AuditFilters): FieldProblems {
  const tooLong = (value: string) => (value.trim().length > MAX_TEXT ? t('validation.tooLong', { max: MAX_TEXT }) : undefined);
  const date = (value: string) => (value && !DATE.test(value) ? t('audit.dateFormat') : undefined);
  return {
    'audit-actor-id': tooLong(filters.actorId),
    'audit-object': tooLong(filters.object),
    'audit-from': date(filters.from),
    'audit-to':
      date(filters.to) ??
      (filters.from && filters.to && DATE.test(filters.from) && filters.to < filters.from
        ? t('audit.toBeforeFrom')
        : undefined),
  };
}

/**
 * The entries of a page that answer the filters. The server takes the action as a prefix
 * ("auth." for a family), so "auth.sign_in" also finds "auth.sign_in_failed": a single
 * action is matched exactly here.
 */
export function matching(filters: AuditFilters, entries: readonly AuditEntry[]): AuditEntry[] {
  const { action } = filters;
  if (!action || action.endsWith('.')) return [...entries];
  return entries.filter((entry) => entry.action === action);
}

export function auditQuery(filters: AuditFilters): AuditQuery {
  const query: AuditQuery = { limit: PAGE_SIZE };
  const actor = filters.actorId.trim() || filters.actor;
  if (actor) query.actor = actor;
  if (filters.action) query.action = filters.action;
  if (filters.object.trim()) query.object = filters.object.trim();
  if (filters.from) query.from = dayStart(filters.from);
  if (filters.to) query.to = dayStart(filters.to, 1);
  return query;
}
