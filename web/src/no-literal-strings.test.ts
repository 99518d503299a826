// Every visible string goes through i18next: no words written directly as JSX text or
// as user-facing attributes (aria-label, placeholder, title, alt) in components.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const LETTER = /\p{L}/u;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.tsx') && !name.endsWith('.test.tsx') ? [path] : [];
  });
}

/** Source without comments, which may say anything. */
function code(file: string): string {
  return readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '')
    .replace(/\s\/\/ .*$/gm, '');
}

describe('components', () => {
  const files = sources(join(__dirname));

  it('are found', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it('contain no literal text between JSX tags', () => {
    for (const file of files) {
      // Text after a tag's closing ">" up to the next "<" or "{", outside of JS.
      const texts = [...code(file).matchAll(/(?<!=)>([^<>{}()=;]*)</g)]
        .map((m) => (m[1] ?? '').trim())
        .filter((text) => LETTER.test(text) && !text.includes('=>'));
      expect(texts, file).toEqual([]);
    }
  });

  it('contain no literal user-facing attributes', () => {
    for (const file of files) {
      const attributes = [...code(file).matchAll(/\b(aria-label|placeholder|title|alt)="([^"]*)"/g)]
        .filter((m) => LETTER.test(m[2] ?? ''))
        .map((m) => m[0]);
      expect(attributes, file).toEqual([]);
    }
  });
});
