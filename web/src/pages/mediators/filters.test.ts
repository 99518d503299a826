// The register's filters to and from the address: a shared link gives the same search, and
// nothing malformed in it reaches the server.
import { describe, expect, it } from 'vitest';
import { filtersFromSearch, hasFilters, mediatorQuery, NO_FILTERS, normaliseQuery, searchFromFilters } from './filters';

describe('mediator filters', () => {
  it('read every filter from a query string', () => {
    expect(
      filtersFromSearch('?q=%D0%90%D0%B9%D0%B3%D0%B5%D1%80%D0%B8%D0%BC&region=KZ-75&language=kk&specialisation=family&kind=public&status=active'),
    ).toEqual({
      q: 'Айгерим',
      region: 'KZ-75',
      language: 'kk',
      specialisation: 'family',
      kind: 'public',
      activeOnly: true,
    });
    expect(filtersFromSearch('')).toEqual(NO_FILTERS);
  });

  it('drop unknown values rather than send them', () => {
    expect(
      filtersFromSearch('?region=Almaty&language=de&specialisation=tax&kind=judge&status=suspended&page=2'),
    ).toEqual(NO_FILTERS);
  });

  it('write only the filters set, in a fixed order, and read them back the same', () => {
    const filters = { ...NO_FILTERS, kind: 'professional' as const, q: '  Нұрлан   Ахметов ', activeOnly: true };
    const search = searchFromFilters(filters);
    expect(search).toBe('?q=%D0%9D%D2%B1%D1%80%D0%BB%D0%B0%D0%BD+%D0%90%D1%85%D0%BC%D0%B5%D1%82%D0%BE%D0%B2&kind=professional&status=active');
    expect(filtersFromSearch(search)).toEqual({ ...filters, q: 'Нұрлан Ахметов' });
    expect(searchFromFilters(NO_FILTERS)).toBe('');
    expect(hasFilters(NO_FILTERS)).toBe(false);
    expect(hasFilters({ ...NO_FILTERS, q: '   ' })).toBe(false);
    expect(hasFilters({ ...NO_FILTERS, region: 'KZ-71' })).toBe(true);
  });

  it('ask the server only for what is set, "only those taking cases" as status=active', () => {
    expect(mediatorQuery(NO_FILTERS)).toEqual({});
    expect(mediatorQuery({ ...NO_FILTERS, language: 'ru', region: 'KZ-71', activeOnly: true })).toEqual({
      region: 'KZ-71',
      language: 'ru',
      status: 'active',
    });
  });

  it('trim and bound the search text', () => {
    expect(normaliseQuery('  a \t b\n ')).toBe('a b');
    expect(Array.from(normaliseQuery('ә'.repeat(300)))).toHaveLength(200);
  });
});
