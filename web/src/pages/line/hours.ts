// The permanent line's week as the settings page edits it: intervals per weekday
// (Kazakhstan time, "09:00"), holidays as local dates; checked as the server checks them
// (each interval starts before it ends, none overlaps another on the same day).
import type { TFunction } from 'i18next';
import type { WeeklyHours } from '../../api/types';
import type { FieldProblems } from '../../components/useForm';

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

export interface HoursRow extends WeeklyHours {
  key: number;
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
/** A day's hours may end at midnight, "24:00" (the server sends it so). */
const END = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;
export const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Rows keyed 1, 2, 3…, by weekday and start. */
export function hoursRows(hours: readonly WeeklyHours[]): HoursRow[] {
  return [...hours]
    .sort((a, b) => a.weekday - b.weekday || a.from.localeCompare(b.from))
    .map((h, index) => ({ key: index + 1, weekday: h.weekday, from: h.from, to: h.to }));
}

export function hoursOf(rows: readonly HoursRow[]): WeeklyHours[] {
  return [...rows]
    .sort((a, b) => a.weekday - b.weekday || a.from.localeCompare(b.from))
    .map(({ weekday, from, to }) => ({ weekday, from, to }));
}

/** Problems under `hours-<key>-from` / `hours-<key>-to`. */
export function checkHours(t: TFunction, rows: readonly HoursRow[]): FieldProblems {
  const problems: FieldProblems = {};
  for (const row of rows) {
    const prefix = `hours-${row.key}`;
    if (!TIME.test(row.from)) problems[`${prefix}-from`] = t('line.timeFormat');
    if (!END.test(row.to)) problems[`${prefix}-to`] = t('line.timeFormat');
    else if (TIME.test(row.from) && row.to <= row.from) problems[`${prefix}-to`] = t('newReception.endAfterStart');
  }
  for (const day of WEEKDAYS) {
    const sorted = rows
      .filter((r) => r.weekday === day && TIME.test(r.from) && END.test(r.to) && r.from < r.to)
      .sort((a, b) => a.from.localeCompare(b.from));
    for (let i = 1; i < sorted.length; i += 1) {
      const row = sorted[i];
      const before = sorted[i - 1];
      if (row && before && row.from < before.to) problems[`hours-${row.key}-from`] = t('line.overlap');
    }
  }
  return problems;
}
