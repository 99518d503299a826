import { describe, expect, it } from 'vitest';
import { applyLanguage, i18next, initI18n, languageFromPreferences } from './index';

describe('language choice', () => {
  it('takes the first supported browser language by its primary subtag', () => {
    expect(languageFromPreferences(['de-DE', 'kk-KZ', 'ru'])).toBe('kk');
    expect(languageFromPreferences(['en-US'])).toBe('en');
    expect(languageFromPreferences(['RU'])).toBe('ru');
    expect(languageFromPreferences(['de', 'fr'])).toBeUndefined();
  });
});

describe('plurals through i18next', () => {
  it('follow Russian and Kazakh rules and set <html lang>', async () => {
    await initI18n('ru');
    expect(document.documentElement.lang).toBe('ru');
    const count = (n: number) => i18next.t('users.count', { count: n });
    expect([1, 3, 5, 21, 22, 11].map(count)).toEqual([
      '1 пользователь',
      '3 пользователя',
      '5 пользователей',
      '21 пользователь',
      '22 пользователя',
      '11 пользователей',
    ]);
    await applyLanguage('kk');
    expect(document.documentElement.lang).toBe('kk');
    expect(count(1)).toBe('1 пайдаланушы');
    expect(count(5)).toBe('5 пайдаланушы');
    await applyLanguage('en');
    expect([count(1), count(2)]).toEqual(['1 user', '2 users']);
  });
});
