// Times and durations as people read them: in the viewer's time zone, with the interface
// language's conventions (kk-KZ, ru-RU, en-GB). The server speaks UTC (RFC 3339).
import type { TFunction } from 'i18next';
import type { WeeklyHours } from '../api/types';
import type { Language } from '../i18n';

const LOCALES: Record<Language, string> = { kk: 'kk-KZ', ru: 'ru-RU', en: 'en-GB' };

/** Kazakhstan's offset from UTC since 2024 (the permanent lines' hours are in it). */
export const KAZAKHSTAN_OFFSET_MINUTES = 5 * 60;

export function locale(language: Language): string {
  return LOCALES[language];
}

function valid(date: Date): boolean {
  return !Number.isNaN(date.getTime());
}

/** "25 November 2026, 15:30" in the viewer's zone. */
export function formatDateTime(iso: string, language: Language, timeZone?: string): string {
  const date = new Date(iso);
  if (!valid(date)) return iso;
  return new Intl.DateTimeFormat(locale(language), { dateStyle: 'long', timeStyle: 'short', timeZone }).format(date);
}

/** "15:30" in the viewer's zone. */
export function formatTime(iso: string, language: Language, timeZone?: string): string {
  const date = new Date(iso);
  if (!valid(date)) return iso;
  return new Intl.DateTimeFormat(locale(language), { timeStyle: 'short', timeZone }).format(date);
}

/** A reception's span: both ends in full, or the end as a time only when on the same day. */
export function formatSpan(startIso: string, endIso: string, language: Language, timeZone?: string): string {
  const start = new Date(startIso);
  const end = new Date(endIso);
  if (!valid(start) || !valid(end)) return `${startIso} – ${endIso}`;
  const format = new Intl.DateTimeFormat(locale(language), { dateStyle: 'long', timeStyle: 'short', timeZone });
  return format.formatRange(start, end);
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
  const loc = locale(language);
  return {
    day: new Intl.DateTimeFormat(loc, { weekday: 'long', timeZone }).format(from),
    from: new Intl.DateTimeFormat(loc, { timeStyle: 'short', timeZone }).format(from),
    to: new Intl.DateTimeFormat(loc, { timeStyle: 'short', timeZone }).format(to),
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
