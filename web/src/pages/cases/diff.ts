// What changed between two versions of a settlement (Art. 27), field by field: the place,
// the terms and the consequences word by word, and the obligations added, removed or
// changed (matched by their id, else by position). Pure: the page only draws the result.
import type { ObligationDraft } from '../../api/cases-client';

export interface WordPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

export type TextField = 'place' | 'terms' | 'consequences';
export type ObligationField = keyof ObligationDraft;

export interface TextChange {
  field: TextField;
  parts: WordPart[];
}

export type ObligationChange =
  | { kind: 'added'; index: number; obligation: ObligationDraft }
  | { kind: 'removed'; index: number; obligation: ObligationDraft }
  | { kind: 'changed'; index: number; fields: { field: ObligationField; parts: WordPart[] }[] };

export interface SettlementDiff {
  texts: TextChange[];
  obligations: ObligationChange[];
  /** Nothing differs. */
  same: boolean;
}

export interface Diffable {
  place: string;
  terms: string;
  consequences: string;
  obligations: (ObligationDraft & { id?: string })[];
}

/** Words and the white space between them, so that joining the tokens gives the text back. */
function tokens(text: string): string[] {
  return text.match(/\s+|[^\s]+/g) ?? [];
}

/** A word-level diff (longest common subsequence of tokens); runs of one kind are merged. */
export function diffWords(before: string, after: string): WordPart[] {
  const a = tokens(before);
  const b = tokens(after);
  const n = a.length;
  const m = b.length;
  // lcs[i][j]: the longest common subsequence of a[i..] and b[j..].
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i -= 1) {
    const row = lcs[i] as number[];
    const below = lcs[i + 1] as number[];
    for (let j = m - 1; j >= 0; j -= 1) {
      row[j] = a[i] === b[j] ? (below[j + 1] ?? 0) + 1 : Math.max(below[j] ?? 0, row[j + 1] ?? 0);
    }
  }
  const parts: WordPart[] = [];
  const push = (kind: WordPart['kind'], text: string) => {
    const last = parts[parts.length - 1];
    if (last?.kind === kind) last.text += text;
    else parts.push({ kind, text });
  };
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      push('same', a[i] ?? '');
      i += 1;
      j += 1;
    } else if (i < n && (j === m || (lcs[i + 1]?.[j] ?? 0) >= (lcs[i]?.[j + 1] ?? 0))) {
      // What went comes before what replaced it, as people read a correction.
      push('removed', a[i] ?? '');
      i += 1;
    } else {
      push('added', b[j] ?? '');
      j += 1;
    }
  }
  return parts;
}

const changed = (parts: readonly WordPart[]) => parts.some((p) => p.kind !== 'same');

const OBLIGATION_FIELDS: readonly ObligationField[] = ['owed_by', 'what', 'how', 'due'];

function diffObligations(before: Diffable['obligations'], after: Diffable['obligations']): ObligationChange[] {
  const out: ObligationChange[] = [];
  const byId = (list: Diffable['obligations'], id: string | undefined) =>
    id === undefined ? -1 : list.findIndex((o) => o.id === id);
  const matchedBefore = new Set<number>();
  after.forEach((next, index) => {
    let k = byId(before, next.id);
    if (k < 0 && next.id === undefined && index < before.length && before[index]?.id === undefined) k = index;
    const previous = k >= 0 ? before[k] : undefined;
    if (!previous) {
      out.push({ kind: 'added', index, obligation: next });
      return;
    }
    matchedBefore.add(k);
    const fields = OBLIGATION_FIELDS.map((field) => ({ field, parts: diffWords(previous[field], next[field]) })).filter(
      (f) => changed(f.parts),
    );
    if (fields.length > 0) out.push({ kind: 'changed', index, fields });
  });
  before.forEach((previous, index) => {
    if (!matchedBefore.has(index)) out.push({ kind: 'removed', index, obligation: previous });
  });
  return out;
}

export function diffSettlements(before: Diffable, after: Diffable): SettlementDiff {
  const texts = (['place', 'terms', 'consequences'] as const)
    .map((field) => ({ field, parts: diffWords(before[field], after[field]) }))
    .filter((change) => changed(change.parts));
  const obligations = diffObligations(before.obligations, after.obligations);
  return { texts, obligations, same: texts.length === 0 && obligations.length === 0 };
}
