// The Art. 1 screening as src/core/mediation/screening.hpp judges it, so the page can tell a
// refusal and its ground right after the questions; the server judges again when the case
// is opened (and records a refused one).
import type { CaseCategory, YesNo } from '../../api/cases-client';

export interface ScreeningDraft {
  category: CaseCategory | '';
  third_party_rights: YesNo | '';
  incapable_party: YesNo | '';
  state_body: YesNo | '';
  corruption_crime: YesNo | '';
}

export type ScreeningGround =
  | 'especially_grave_crime'
  | 'third_party_rights'
  | 'incapable_party'
  | 'corruption_crime'
  | 'state_body'
  | 'not_answered';

export function isCriminal(category: CaseCategory | ''): boolean {
  return category.startsWith('criminal_');
}

/** The questions asked for a category: the corruption question in the criminal ones only. */
export function questions(category: CaseCategory | ''): (keyof Omit<ScreeningDraft, 'category'>)[] {
  const asked: (keyof Omit<ScreeningDraft, 'category'>)[] = ['third_party_rights', 'incapable_party', 'state_body'];
  if (isCriminal(category)) asked.push('corruption_crime');
  return asked;
}

/** The first ground that rules mediation out (a definite "yes" before an unanswered one), or null. */
export function screen(d: ScreeningDraft): ScreeningGround | null {
  if (d.category === 'criminal_especially_grave') return 'especially_grave_crime';
  if (d.third_party_rights === 'yes') return 'third_party_rights';
  if (d.incapable_party === 'yes') return 'incapable_party';
  if (d.corruption_crime === 'yes') return 'corruption_crime';
  if (d.state_body === 'yes' && d.category !== '' && d.category !== 'administrative') return 'state_body';
  if (d.category === '') return 'not_answered';
  if (questions(d.category).some((q) => d[q] === '')) return 'not_answered';
  return null;
}
