import { describe, expect, it } from 'vitest';
import { diffSettlements, diffWords, type Diffable } from './diff';

const base: Diffable = {
  place: 'Уральск',
  terms: 'Стороны договорились о порядке выплаты долга.',
  consequences: 'Неустойка 0,1% в день.',
  obligations: [
    { id: 'o1', owed_by: 'p2', what: 'Вернуть 300 000 тенге', how: 'переводом на карту', due: '2027-01-15' },
    { id: 'o2', owed_by: 'p1', what: 'Отозвать иск', how: 'заявлением в суд', due: '2027-01-20' },
  ],
};

describe('diffWords', () => {
  it('gives back both texts and marks only the changed words', () => {
    const parts = diffWords('вернуть 300 000 тенге', 'вернуть 250 000 тенге');
    expect(parts.filter((p) => p.kind !== 'removed').map((p) => p.text).join('')).toBe('вернуть 250 000 тенге');
    expect(parts.filter((p) => p.kind !== 'added').map((p) => p.text).join('')).toBe('вернуть 300 000 тенге');
    expect(parts.filter((p) => p.kind === 'added')).toEqual([{ kind: 'added', text: '250' }]);
    expect(parts.filter((p) => p.kind === 'removed')).toEqual([{ kind: 'removed', text: '300' }]);
    expect(parts.map((p) => p.kind)).toEqual(['same', 'removed', 'added', 'same']);
  });
  it('handles empty texts and identical ones', () => {
    expect(diffWords('', 'new words')).toEqual([{ kind: 'added', text: 'new words' }]);
    expect(diffWords('old', '')).toEqual([{ kind: 'removed', text: 'old' }]);
    expect(diffWords('same text', 'same text')).toEqual([{ kind: 'same', text: 'same text' }]);
  });
});

describe('diffSettlements', () => {
  it('finds nothing between a version and itself', () => {
    expect(diffSettlements(base, base)).toEqual({ texts: [], obligations: [], same: true });
  });
  it('names the changed fields and leaves the rest out', () => {
    const diff = diffSettlements(base, { ...base, place: 'Атырау' });
    expect(diff.same).toBe(false);
    expect(diff.texts.map((t) => t.field)).toEqual(['place']);
    expect(diff.obligations).toEqual([]);
  });
  it('reports obligations added, removed and changed, field by field', () => {
    const [first] = base.obligations;
    if (!first) throw new Error('fixture');
    const after: Diffable = {
      ...base,
      obligations: [
        { ...first, what: 'Вернуть 250 000 тенге', due: '2027-02-01' },
        { id: 'o3', owed_by: 'p1', what: 'Вернуть ключи', how: 'лично', due: '2027-01-10' },
      ],
    };
    const diff = diffSettlements(base, after);
    expect(diff.obligations.map((o) => o.kind)).toEqual(['changed', 'added', 'removed']);
    const change = diff.obligations[0];
    expect(change?.kind === 'changed' && change.fields.map((f) => f.field)).toEqual(['what', 'due']);
    const removed = diff.obligations[2];
    expect(removed?.kind === 'removed' && removed.obligation.what).toBe('Отозвать иск');
  });
  it('matches obligations without ids by position (a draft against a version)', () => {
    const draft = base.obligations.map(({ owed_by, what, how, due }) => ({ owed_by, what, how, due }));
    const before = { ...base, obligations: draft };
    const [first] = draft;
    if (!first) throw new Error('fixture');
    const after = { ...base, obligations: [{ ...first, how: 'наличными' }] };
    const diff = diffSettlements(before, after);
    expect(diff.obligations.map((o) => o.kind)).toEqual(['changed', 'removed']);
  });
});
