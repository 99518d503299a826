// Client-side checks that mirror the server's rules, so people learn about a mistake
// before a round trip on a slow connection. The server stays the authority.
// Each check returns the localised problem with a value, or undefined when it is fine.
import type { TFunction } from 'i18next';

export const MIN_PASSWORD_LENGTH = 10;

// Deliberately loose: something@something.something, no spaces.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isEmail(value: string): boolean {
  return EMAIL.test(value.trim());
}

/** Something other than white space was entered. */
export function checkRequired(t: TFunction, value: string): string | undefined {
  return value.trim() ? undefined : t('validation.required');
}

/** Entered, and shaped like an email address. */
export function checkEmail(t: TFunction, value: string): string | undefined {
  if (!value.trim()) return t('validation.required');
  return isEmail(value) ? undefined : t('validation.email');
}

/** Long enough for a password that is being set. */
export function checkNewPassword(t: TFunction, value: string): string | undefined {
  return value.length < MIN_PASSWORD_LENGTH ? t('validation.passwordLength', { min: MIN_PASSWORD_LENGTH }) : undefined;
}

/** The repeated password is the same as the new one. */
export function checkPasswordRepeat(t: TFunction, password: string, repeat: string): string | undefined {
  return repeat === password ? undefined : t('validation.passwordMismatch');
}
