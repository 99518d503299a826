// A card's lines in each language: the kind and keeper, the certificate with its date, the
// lists named from the catalogue, region names from the list, and a suspension shown with
// its date and reason; the count of results with each language's plurals.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Mediator, Region } from '../../api/types';
import { i18next, initI18n } from '../../i18n';
import { capitalise, cardLines, regionName } from './card';

const REGIONS: Region[] = [
  { code: 'KZ-75', kind: 'city', name: { kk: 'Алматы', ru: 'Алматы', en: 'Almaty' } },
  { code: 'KZ-27', kind: 'region', name: { kk: 'Батыс Қазақстан облысы', ru: 'Западно-Казахстанская область', en: 'West Kazakhstan Region' } },
];

const PROFESSIONAL: Mediator = {
  id: 'm1',
  name: 'Айгерим Сапарова',
  kind: 'professional',
  keeper: 'Палата медиаторов Казахстана',
  certificate: { number: 'M-017', date: '2024-03-03' },
  specialisations: ['family', 'civil'],
  languages: ['kk', 'ru'],
  regions: ['KZ-75', 'KZ-27'],
  status: 'active',
  status_since: null,
  status_reason: '',
};

const SUSPENDED: Mediator = {
  ...PROFESSIONAL,
  id: 'm2',
  status: 'suspended',
  status_since: '2026-11-01',
  status_reason: 'Не продлено страхование ответственности',
};

const PUBLIC: Mediator = {
  ...PROFESSIONAL,
  id: 'm3',
  kind: 'public',
  keeper: 'Акимат города Алматы',
  certificate: null,
  specialisations: ['labour'],
  languages: ['ru'],
  regions: ['KZ-99'],
};

describe('a mediator card', () => {
  beforeEach(async () => {
    await initI18n('ru');
  });

  it('says in Russian who they are, who keeps them, and what they take on', () => {
    expect(cardLines(i18next.t, 'ru', PROFESSIONAL, REGIONS)).toEqual({
      kind: 'Профессиональный медиатор',
      keeperLabel: 'Организация медиаторов',
      keeper: 'Палата медиаторов Казахстана',
      certificate: '№ M-017 от 3 марта 2024 г.',
      specialisations: 'Семейные споры, гражданские споры',
      languages: 'Казахский, русский',
      regions: 'Алматы, Западно-Казахстанская область',
    });
  });

  it('says the same in Kazakh and in English', () => {
    const kk = cardLines(i18next.getFixedT('kk'), 'kk', PROFESSIONAL, REGIONS);
    expect(kk.kind).toBe('Кәсіби медиатор');
    expect(kk.keeperLabel).toBe('Медиаторлар ұйымы');
    expect(kk.certificate).toBe('№ M-017, 2024 ж. 3 наурыз');
    expect(kk.specialisations).toBe('Отбасылық даулар, азаматтық даулар');
    expect(kk.languages).toBe('Қазақ тілі, орыс тілі');
    expect(kk.regions).toBe('Алматы, Батыс Қазақстан облысы');
    const en = cardLines(i18next.getFixedT('en'), 'en', PROFESSIONAL, REGIONS);
    expect(en.certificate).toBe('No. M-017 of 3 March 2024');
    expect(en.languages).toBe('Kazakh, Russian');
  });

  it('gives a public mediator the akimat and no certificate; an unknown region by its code', () => {
    const lines = cardLines(i18next.t, 'ru', PUBLIC, REGIONS);
    expect(lines.kind).toBe('Общественный медиатор');
    expect(lines.keeperLabel).toBe('Акимат');
    expect(lines.certificate).toBeUndefined();
    expect(lines.regions).toBe('KZ-99');
    expect(lines.status).toBeUndefined();
    expect(regionName(REGIONS, 'KZ-75', 'en')).toBe('Almaty');
  });

  it('shows a suspension with its date and reason, and an exclusion', () => {
    expect(cardLines(i18next.t, 'ru', SUSPENDED, REGIONS).status).toEqual({
      label: 'Приостановление деятельности',
      since: '1 ноября 2026 г.',
      reason: 'Не продлено страхование ответственности',
    });
    const excluded = { ...SUSPENDED, status: 'excluded' as const, status_reason: ' ' };
    expect(cardLines(i18next.getFixedT('kk'), 'kk', excluded, REGIONS).status).toEqual({
      label: 'Тізілімнен шығарылған',
      since: '2026 ж. 1 қараша',
    });
  });

  it('capitalises as the language does', () => {
    expect(capitalise('қазақ тілі', 'kk')).toBe('Қазақ тілі');
    expect(capitalise('', 'ru')).toBe('');
  });
});

describe('the count of results', () => {
  it('uses the plural forms of each language', () => {
    const ru = i18next.getFixedT('ru');
    expect([1, 2, 5, 11, 21, 22, 25].map((count) => ru('mediators.found', { count }))).toEqual([
      'Найден 1 медиатор',
      'Найдено 2 медиатора',
      'Найдено 5 медиаторов',
      'Найдено 11 медиаторов',
      'Найден 21 медиатор',
      'Найдено 22 медиатора',
      'Найдено 25 медиаторов',
    ]);
    const kk = i18next.getFixedT('kk');
    expect([1, 4].map((count) => kk('mediators.found', { count }))).toEqual(['1 медиатор табылды', '4 медиатор табылды']);
    const en = i18next.getFixedT('en');
    expect([1, 4].map((count) => en('mediators.found', { count }))).toEqual(['1 mediator found', '4 mediators found']);
  });
});
