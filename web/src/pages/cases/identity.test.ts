// The same known-good and known-bad numbers as src/core/mediation/identity_test.cpp.
import { describe, expect, it } from 'vitest';
import { checkBin, checkIin, controlDigit } from './identity';

describe('IIN', () => {
  it('accepts numbers whose first or second weighting gives the control digit', () => {
    expect(checkIin('900515301234')).toBeNull();
    expect(checkIin('040229600205')).toBeNull(); // second weighting, a leap day in 2004
    expect(checkIin('000229501234')).toBeNull(); // 29.02.2000 existed
  });
  it('refuses a wrong control digit, and the prefix no digit completes', () => {
    expect(checkIin('900515301235')).toBe('check_digit');
    expect(checkIin('900515301243')).toBe('check_digit');
    for (let last = 0; last <= 9; last += 1) expect(checkIin(`04022960109${last}`)).toBe('check_digit');
  });
  it('refuses impossible birth dates and centuries', () => {
    expect(checkIin('000229301231')).toBe('birth_date'); // 29.02.1900 never was
    expect(checkIin('900231301230')).toBe('birth_date');
    expect(checkIin('900515001235')).toBe('century');
    expect(checkIin('900515701339')).toBe('century');
  });
  it('checks length and digits first, strictly', () => {
    expect(checkIin('90051530123')).toBe('wrong_length');
    expect(checkIin('')).toBe('wrong_length');
    expect(checkIin('9005153012345')).toBe('wrong_length');
    expect(checkIin(' 90051530123')).toBe('not_digits');
    expect(checkIin('900515-30123')).toBe('not_digits');
    expect(checkIin('90051530123a')).toBe('not_digits');
  });
});

describe('BIN', () => {
  it('accepts numbers of either weighting', () => {
    expect(checkBin('150340001236')).toBeNull();
    expect(checkBin('211141000507')).toBeNull();
  });
  it('refuses a wrong control digit and impossible parts, for that part', () => {
    expect(checkBin('150340001237')).toBe('check_digit');
    expect(checkBin('150370001339')).toBe('entity_type');
    expect(checkBin('150345001233')).toBe('entity_division');
    expect(checkBin('151340001239')).toBe('registration_date');
    expect(checkBin('900515301234')).toBe('entity_type'); // an IIN is not a BIN
    expect(checkBin('15034000123O')).toBe('not_digits');
    expect(checkBin('1503400012')).toBe('wrong_length');
  });
});

describe('control digit', () => {
  it('matches the hand-worked sums', () => {
    expect(controlDigit('90051530123')).toBe(4);
    expect(controlDigit('04022960020')).toBe(5);
    expect(controlDigit('21114100050')).toBe(7);
    expect(controlDigit('04022960109')).toBeNull();
  });
  it('lets at most one twelfth digit complete any prefix', () => {
    let seed = 20110128;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let n = 0; n < 2000; n += 1) {
      let prefix = '';
      while (prefix.length < 11) prefix += String(next(10));
      const accepted = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].filter((d) => controlDigit(prefix) === d).length;
      expect(accepted).toBeLessThanOrEqual(1);
    }
  });
});
