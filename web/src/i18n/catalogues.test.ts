// The three catalogues must offer the same messages, and every plural message must have
// exactly the forms that language's CLDR rules (Intl.PluralRules) use.
import { describe, expect, it } from 'vitest';
import en from './en.json';
import kk from './kk.json';
import ru from './ru.json';

type Tree = { [key: string]: string | Tree };
const catalogues: Record<string, Tree> = { kk, ru, en };
const PLURAL = /_(zero|one|two|few|many|other)$/;

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

/** Keys with plural suffixes folded into their base key. */
function baseKeys(flat: Map<string, string>): string[] {
  return [...new Set([...flat.keys()].map((key) => key.replace(PLURAL, '')))].sort();
}

function pluralForms(flat: Map<string, string>): Map<string, string[]> {
  const forms = new Map<string, string[]>();
  for (const key of flat.keys()) {
    const match = PLURAL.exec(key);
    if (!match?.[1]) continue;
    const base = key.slice(0, -match[0].length);
    forms.set(base, [...(forms.get(base) ?? []), match[1]].sort());
  }
  return forms;
}

const flat: Record<string, Map<string, string>> = Object.fromEntries(
  Object.entries(catalogues).map(([lang, tree]) => [lang, flatten(tree)]),
);
const EMPTY = new Map<string, string>();

describe('translation catalogues', () => {
  it('have the same keys in kk, ru and en (plural forms folded)', () => {
    const reference = baseKeys(flat.en ?? EMPTY);
    expect(reference.length).toBeGreaterThan(50);
    for (const lang of ['kk', 'ru']) expect(baseKeys(flat[lang] ?? EMPTY), lang).toEqual(reference);
  });

  it('have no empty messages', () => {
    for (const [lang, messages] of Object.entries(flat)) {
      for (const [key, value] of messages) expect(value.trim(), `${lang}:${key}`).not.toBe('');
    }
  });

  it('use the same interpolation variables in every language', () => {
    const variables = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const [key, value] of flat.en ?? EMPTY) {
      const base = key.replace(PLURAL, '');
      for (const lang of ['kk', 'ru']) {
        const other = flat[lang]?.get(key) ?? flat[lang]?.get(`${base}_other`);
        expect(other, `${lang}:${key}`).toBeDefined();
        expect(variables(other ?? ''), `${lang}:${key}`).toEqual(variables(value));
      }
    }
  });

  it('give each plural message exactly the CLDR forms of its language', () => {
    const expected: Record<string, string[]> = {
      ru: ['few', 'many', 'one', 'other'],
      kk: ['one', 'other'],
      en: ['one', 'other'],
    };
    for (const [lang, forms] of Object.entries(expected)) {
      // The runtime's ICU data agrees with what we expect…
      expect([...new Intl.PluralRules(lang).resolvedOptions().pluralCategories].sort(), lang).toEqual(forms);
      const plurals = pluralForms(flat[lang] ?? EMPTY);
      expect(plurals.size, lang).toBeGreaterThan(0);
      // …and every plural message has exactly those forms.
      for (const [key, present] of plurals) expect(present, `${lang}:${key}`).toEqual(forms);
    }
    // The same messages are plural in every language.
    const pluralKeys = (lang: string) => [...pluralForms(flat[lang] ?? EMPTY).keys()].sort();
    expect(pluralKeys('kk')).toEqual(pluralKeys('en'));
    expect(pluralKeys('ru')).toEqual(pluralKeys('en'));
  });
});
