// IIN and BIN checks (issue 10), ported from src/core/mediation/identity.cpp so people learn
// of a mistyped number before a round trip on a slow link; the server stays the authority.
// Each check answers the server's own refusal code (`wrong_length`, `not_digits`, `century`,
// `birth_date`, `registration_date`, `entity_type`, `entity_division`, `check_digit`) or null.

export const ID_LENGTH = 12;
export type IdRefusal =
  | 'wrong_length'
  | 'not_digits'
  | 'century'
  | 'birth_date'
  | 'registration_date'
  | 'entity_type'
  | 'entity_division'
  | 'check_digit';

const FIRST_WEIGHTS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const SECOND_WEIGHTS = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];
const CENTURY_START = [1800, 1800, 1900, 1900, 2000, 2000]; // digit 7 = 1..6

const digit = (s: string, i: number) => s.charCodeAt(i) - 48;
const twoDigits = (s: string, i: number) => digit(s, i) * 10 + digit(s, i + 1);

function weighted(s: string, weights: readonly number[]): number {
  let sum = 0;
  weights.forEach((w, i) => (sum += digit(s, i) * w));
  return sum % 11;
}

/** The twelfth digit the first eleven call for; null where both weightings give 10. */
export function controlDigit(digits: string): number | null {
  let a = weighted(digits, FIRST_WEIGHTS);
  if (a === 10) a = weighted(digits, SECOND_WEIGHTS);
  return a === 10 ? null : a;
}

function shape(text: string): IdRefusal | null {
  if (text.length !== ID_LENGTH) return 'wrong_length';
  return /^[0-9]+$/.test(text) ? null : 'not_digits';
}

function control(text: string): IdRefusal | null {
  return controlDigit(text) === digit(text, 11) ? null : 'check_digit';
}

function isDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC maps years 0..99 to 1900..1999; set the full year explicitly.
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** An individual identification number: YYMMDD, century and sex, serial, control digit. */
export function checkIin(text: string): IdRefusal | null {
  const bad = shape(text);
  if (bad) return bad;
  const code = digit(text, 6);
  const start = CENTURY_START[code - 1];
  if (start === undefined) return 'century';
  if (!isDate(start + twoDigits(text, 0), twoDigits(text, 2), twoDigits(text, 4))) return 'birth_date';
  return control(text);
}

/** A business identification number: YYMM of registration, type 4-6, division 0-3, control digit. */
export function checkBin(text: string): IdRefusal | null {
  const bad = shape(text);
  if (bad) return bad;
  const month = twoDigits(text, 2);
  if (month < 1 || month > 12) return 'registration_date';
  const type = digit(text, 4);
  if (type < 4 || type > 6) return 'entity_type';
  if (digit(text, 5) > 3) return 'entity_division';
  return control(text);
}
