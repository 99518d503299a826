// Times and durations as people read them: in the viewer's time zone, with the interface
// language's conventions (kk-KZ, ru-RU, en-GB). The server speaks UTC (RFC 3339).
// Where the browser's Intl lacks a language's month and weekday names (Chromium ships none
// for Kazakh: "2026 M11 28", "Mon"), dates are written from the catalogues' `date.*` instead.
import type { TFunction } from 'i18next';
import type { WeeklyHours } from '../api/types';
import { i18next, type Language } from '../i18n';

const LOCALES: Record<Language, string> = { kk: 'kk-KZ', ru: 'ru-RU', en: 'en-GB' };

/** Kazakhstan's offset from UTC since 2024 (the permanent lines' hours are in it). */
export const KAZAKHSTAN_OFFSET_MINUTES = 5 * 60;

export function locale(language: Language): string {
  return LOCALES[language];
}

function valid(date: Date): boolean {
  return !Number.isNaN(date.getTime());
}

/** A November day, to ask Intl for a month's name. */
const PROBE = new Date(Date.UTC(2026, 10, 15, 12));

/**
 * True when a month name from Intl is ICU's fallback rather than the language's own: the
 * root locale's "M11", or the English name.
 */
export function isFallbackMonthName(name: string, englishName: string): boolean {
  return /M\d/.test(name) || name.toLocaleLowerCase() === englishName.toLocaleLowerCase();
}

/** Whether this browser's Intl knows the language's month names (English always). */
export function intlHasNames(language: Language): boolean {
  if (language === 'en') return true;
  const month = (loc: string) => new Intl.DateTimeFormat(loc, { month: 'long', timeZone: 'UTC' }).format(PROBE);
  return !isFallbackMonthName(month(locale(language)), month('en-GB'));
}

/** Year, month (1–12), day and ISO weekday (1 Monday … 7 Sunday) of an instant in a zone. */
function calendarDay(date: Date, timeZone?: string) {
  const parts = new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: 'numeric', day: 'numeric', timeZone })
    .formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const year = part('year');
  const month = part('month');
  const day = part('day');
  const weekday = ((new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7) + 1;
  return { year, month, day, weekday };
}

function formatTimeOf(date: Date, language: Language, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale(language), { timeStyle: 'short', timeZone }).format(date);
}

/** The date in the catalogue's words and order ("2026 ж. 28 қараша"). */
function catalogueDate(date: Date, language: Language, timeZone?: string): string {
  const t = i18next.getFixedT(language);
  const { year, month, day } = calendarDay(date, timeZone);
  return t('date.long', { year, day, month: t(`date.month.${month}`) });
}

function catalogueDateTime(date: Date, language: Language, timeZone?: string): string {
  return i18next.getFixedT(language)('date.dateTime', {
    date: catalogueDate(date, language, timeZone),
    time: formatTimeOf(date, language, timeZone),
  });
}

/** "25 November 2026, 15:30" in the viewer's zone. */
export function formatDateTime(iso: string, language: Language, timeZone?: string): string {
  const date = new Date(iso);
  if (!valid(date)) return iso;
  if (!intlHasNames(language)) return catalogueDateTime(date, language, timeZone);
  return new Intl.DateTimeFormat(locale(language), { dateStyle: 'long', timeStyle: 'short', timeZone }).format(date);
}

/** "15:30" in the viewer's zone. */
export function formatTime(iso: string, language: Language, timeZone?: string): string {
  const date = new Date(iso);
  if (!valid(date)) return iso;
  return formatTimeOf(date, language, timeZone);
}

/** A reception's span: both ends in full, or the end as a time only when on the same day. */
export function formatSpan(startIso: string, endIso: string, language: Language, timeZone?: string): string {
  const start = new Date(startIso);
  const end = new Date(endIso);
  if (!valid(start) || !valid(end)) return `${startIso} – ${endIso}`;
  if (!intlHasNames(language)) {
    const t = i18next.getFixedT(language);
    const startDay = catalogueDate(start, language, timeZone);
    if (startDay === catalogueDate(end, language, timeZone)) {
      const times = t('date.range', { from: formatTimeOf(start, language, timeZone), to: formatTimeOf(end, language, timeZone) });
      return t('date.dateTime', { date: startDay, time: times });
    }
    return t('date.longRange', {
      from: catalogueDateTime(start, language, timeZone),
      to: catalogueDateTime(end, language, timeZone),
    });
  }
  const format = new Intl.DateTimeFormat(locale(language), { dateStyle: 'long', timeStyle: 'short', timeZone });
  return format.formatRange(start, end);
}

/** The weekday of an instant in the viewer's zone: "дүйсенбі" (long) or "дс" (short). */
export function formatWeekday(date: Date, language: Language, style: 'long' | 'short', timeZone?: string): string {
  if (!intlHasNames(language)) {
    const key = style === 'long' ? 'date.weekday' : 'date.weekdayShort';
    return i18next.getFixedT(language)(`${key}.${calendarDay(date, timeZone).weekday}`);
  }
  return new Intl.DateTimeFormat(locale(language), { weekday: style, timeZone }).format(date);
}

/** An ISO weekday (1 Monday … 7 Sunday) by name in the language: "дүйсенбі", "понедельник". */
export function weekdayName(weekday: number, language: Language, style: 'long' | 'short' = 'long'): string {
  // 1 January 2024 was a Monday.
  return formatWeekday(new Date(Date.UTC(2024, 0, weekday, 12)), language, style, 'UTC');
}

/** A calendar date (YYYY-MM-DD, no time or zone) in the language's long form: "16 December 2026". */
export function formatLocalDate(date: string, language: Language): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return date;
  const noon = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 12));
  if (!valid(noon)) return date;
  if (!intlHasNames(language)) return catalogueDate(noon, language, 'UTC');
  return new Intl.DateTimeFormat(locale(language), { dateStyle: 'long', timeZone: 'UTC' }).format(noon);
}

/** "about 5 minutes" / "less than a minute" / "about 2 hours", with the language's plurals. */
export function formatWait(t: TFunction, seconds: number): string {
  if (seconds < 60) return t('time.lessThanMinute');
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return t('time.aboutMinutes', { count: minutes });
  return t('time.aboutHours', { count: Math.round(minutes / 60) });
}

/** A waiting time in figures: "4 min" style, rounded to whole minutes. */
export function formatMinutes(t: TFunction, seconds: number | null): string {
  if (seconds === null) return t('time.none');
  return t('time.minutes', { count: Math.round(seconds / 60) });
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/**
 * A permanent line's weekly hours (Kazakhstan time) as the viewer reads them in their own
 * zone: the weekday and both times of this week's occurrence.
 */
export function formatWeeklyHours(
  hours: WeeklyHours,
  language: Language,
  now: Date = new Date(),
  timeZone?: string,
): { day: string; from: string; to: string } {
  // This week's date of that weekday, in Kazakhstan.
  const kzNow = new Date(now.getTime() + KAZAKHSTAN_OFFSET_MINUTES * 60_000);
  const isoToday = ((kzNow.getUTCDay() + 6) % 7) + 1;
  const dayStart = Date.UTC(kzNow.getUTCFullYear(), kzNow.getUTCMonth(), kzNow.getUTCDate() + (hours.weekday - isoToday));
  const instant = (hhmm: string) => new Date(dayStart + (minutesOf(hhmm) - KAZAKHSTAN_OFFSET_MINUTES) * 60_000);
  const from = instant(hours.from);
  const to = instant(hours.to);
  return {
    day: formatWeekday(from, language, 'long', timeZone),
    from: formatTimeOf(from, language, timeZone),
    to: formatTimeOf(to, language, timeZone),
  };
}

/** `datetime-local` value (viewer's zone) → RFC 3339 UTC; '' when empty or invalid. */
export function localInputToUtc(value: string): string {
  if (!value) return '';
  const date = new Date(value);
  return valid(date) ? date.toISOString().replace(/\.\d{3}Z$/, 'Z') : '';
}

/** RFC 3339 → `datetime-local` value in the viewer's zone. */
export function utcToLocalInput(iso: string): string {
  const date = new Date(iso);
  if (!valid(date)) return '';
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

/** Number of Unicode code points, as the server counts text lengths. */
export function textLength(value: string): number {
  return Array.from(value).length;
}
