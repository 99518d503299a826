// Client-side checks that mirror the server's rules, so people learn about a mistake
// before a round trip on a slow connection. The server stays the authority.
export const MIN_PASSWORD_LENGTH = 10;

// Deliberately loose: something@something.something, no spaces.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isEmail(value: string): boolean {
  return EMAIL.test(value.trim());
}
