import { describe, expect, it } from 'vitest';
import { CALL_MODE_KEY, rememberedMode, rememberMode, type ChoiceStorage } from './call-choice';

function memory(): ChoiceStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => {
      items.set(key, value);
    },
  };
}

describe('the remembered call mode', () => {
  it('is video until voice only was chosen, then voice only', () => {
    const storage = memory();
    expect(rememberedMode(storage)).toBe('video');
    rememberMode(storage, 'audio');
    expect(storage.items.get(CALL_MODE_KEY)).toBe('audio');
    expect(rememberedMode(storage)).toBe('audio');
    rememberMode(storage, 'video');
    expect(rememberedMode(storage)).toBe('video');
  });

  it('is video where nothing can be kept', () => {
    const broken: ChoiceStorage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(() => {
      rememberMode(broken, 'audio');
    }).not.toThrow();
    expect(rememberedMode(broken)).toBe('video');
    expect(rememberedMode(null)).toBe('video');
  });
});
