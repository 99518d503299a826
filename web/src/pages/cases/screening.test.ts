import { describe, expect, it } from 'vitest';
import { questions, screen, type ScreeningDraft } from './screening';

const clear: ScreeningDraft = {
  category: 'civil',
  third_party_rights: 'no',
  incapable_party: 'no',
  state_body: 'no',
  corruption_crime: '',
};

describe('screening', () => {
  it('lets a clear civil dispute through', () => {
    expect(screen(clear)).toBeNull();
  });
  it('asks the corruption question in the criminal categories only', () => {
    expect(questions('civil')).not.toContain('corruption_crime');
    expect(questions('criminal_minor')).toContain('corruption_crime');
    expect(screen({ ...clear, category: 'criminal_minor' })).toBe('not_answered');
    expect(screen({ ...clear, category: 'criminal_minor', corruption_crime: 'yes' })).toBe('corruption_crime');
  });
  it('refuses on the first ground, a yes before an unanswered question', () => {
    expect(screen({ ...clear, category: 'criminal_especially_grave' })).toBe('especially_grave_crime');
    expect(screen({ ...clear, third_party_rights: 'yes', incapable_party: '' })).toBe('third_party_rights');
    expect(screen({ ...clear, incapable_party: 'yes' })).toBe('incapable_party');
  });
  it('allows a state body in administrative disputes only', () => {
    expect(screen({ ...clear, state_body: 'yes' })).toBe('state_body');
    expect(screen({ ...clear, category: 'administrative', state_body: 'yes' })).toBeNull();
  });
});
