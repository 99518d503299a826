// Dates in Kazakh both where Intl knows Kazakh (Node's full ICU) and where it falls back
// (Chromium: "2026 M11 28", "Mon"), the fallback simulated by a DateTimeFormat that
// answers Kazakh in English.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { initI18n } from '../i18n';
import {
  formatDateTime,
  formatLocalDate,
  formatSpan,
  formatWeekday,
  formatWeeklyHours,
  intlHasNames,
  isFallbackMonthName,
  weekdayName,
} from './format';

const SATURDAY = '2026-11-28T15:30:00Z';
const SATURDAY_EVENING = '2026-11-28T18:00:00Z';
const MONDAY = '2026-11-30T10:00:00Z';

/** Intl as Chromium ships it: no Kazakh data, so Kazakh comes out in another language. */
function withoutKazakh() {
  const Real = Intl.DateTimeFormat;
  const noKazakh = (locales?: string | readonly string[]) =>
    [locales ?? []].flat().map((l) => (l.toLowerCase().startsWith('kk') ? 'en-GB' : l));
  class DateTimeFormat extends Real {
    constructor(locales?: string | readonly string[], options?: Intl.DateTimeFormatOptions) {
      super(noKazakh(locales), options);
    }
  }
  vi.stubGlobal('Intl', { ...Intl, DateTimeFormat });
}

beforeAll(async () => {
  await initI18n('kk');
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('month name fallback detection', () => {
  it('takes ICU root names ("M11") and English names for a missing language', () => {
    expect(isFallbackMonthName('M11', 'November')).toBe(true);
    expect(isFallbackMonthName('November', 'November')).toBe(true);
    expect(isFallbackMonthName('қараша', 'November')).toBe(false);
    expect(isFallbackMonthName('Қараша', 'November')).toBe(false);
    expect(isFallbackMonthName('ноябрь', 'November')).toBe(false);
  });
});

describe('Kazakh dates where Intl knows Kazakh', () => {
  it('uses Intl itself', () => {
    expect(intlHasNames('kk')).toBe(true);
    expect(formatDateTime(SATURDAY, 'kk', 'UTC')).toBe('2026 ж. 28 қараша, 15:30');
    expect(formatWeekday(new Date(MONDAY), 'kk', 'long', 'UTC')).toBe('дүйсенбі');
  });
});

describe('Kazakh dates where Intl falls back', () => {
  it('detects the fallback for Kazakh only', () => {
    withoutKazakh();
    expect(intlHasNames('kk')).toBe(false);
    expect(intlHasNames('ru')).toBe(true);
    expect(intlHasNames('en')).toBe(true);
  });

  it('writes dates with the catalogue\'s month names in Kazakh order', () => {
    withoutKazakh();
    expect(formatDateTime(SATURDAY, 'kk', 'UTC')).toBe('2026 ж. 28 қараша, 15:30');
    expect(formatDateTime('2026-01-05T09:05:00Z', 'kk', 'UTC')).toBe('2026 ж. 5 қаңтар, 09:05');
    // The calendar day is the viewer's: late on the 28th in UTC is the 29th in Tokyo.
    expect(formatDateTime('2026-11-28T22:00:00Z', 'kk', 'Asia/Tokyo')).toBe('2026 ж. 29 қараша, 07:00');
  });

  it('writes spans on one day and across days', () => {
    withoutKazakh();
    expect(formatSpan(SATURDAY, SATURDAY_EVENING, 'kk', 'UTC')).toBe('2026 ж. 28 қараша, 15:30–18:00');
    expect(formatSpan(SATURDAY, MONDAY, 'kk', 'UTC')).toBe('2026 ж. 28 қараша, 15:30 – 2026 ж. 30 қараша, 10:00');
  });

  it('names weekdays in Kazakh, long and short', () => {
    withoutKazakh();
    const week = [0, 1, 2, 3, 4, 5, 6].map((d) => new Date(Date.UTC(2026, 10, 30 + d, 12)));
    expect(week.map((day) => formatWeekday(day, 'kk', 'long', 'UTC'))).toEqual([
      'дүйсенбі',
      'сейсенбі',
      'сәрсенбі',
      'бейсенбі',
      'жұма',
      'сенбі',
      'жексенбі',
    ]);
    expect(week.map((day) => formatWeekday(day, 'kk', 'short', 'UTC'))).toEqual(['дс', 'сс', 'ср', 'бс', 'жм', 'сб', 'жс']);
  });

  it('shows a permanent line\'s hours with a Kazakh weekday', () => {
    withoutKazakh();
    const hours = formatWeeklyHours({ weekday: 1, from: '09:00', to: '18:00' }, 'kk', new Date(SATURDAY), 'Asia/Aqtobe');
    expect(hours).toEqual({ day: 'дүйсенбі', from: '09:00', to: '18:00' });
  });

  it('names ISO weekdays and calendar dates in Kazakh (the line settings page)', () => {
    withoutKazakh();
    expect([1, 2, 3, 4, 5, 6, 7].map((day) => weekdayName(day, 'kk'))).toEqual([
      'дүйсенбі',
      'сейсенбі',
      'сәрсенбі',
      'бейсенбі',
      'жұма',
      'сенбі',
      'жексенбі',
    ]);
    expect(formatLocalDate('2026-12-16', 'kk')).toBe('2026 ж. 16 желтоқсан');
    expect(formatLocalDate('not a date', 'kk')).toBe('not a date');
  });

  it('leaves Russian to Intl', () => {
    withoutKazakh();
    expect(formatDateTime(SATURDAY, 'ru', 'UTC')).toBe('28 ноября 2026 г. в 15:30');
    expect(weekdayName(1, 'ru')).toBe('понедельник');
    expect(weekdayName(7, 'en')).toBe('Sunday');
    // A calendar date is the same day in every zone.
    expect(formatLocalDate('2027-01-01', 'ru')).toBe('1 января 2027 г.');
  });
});
