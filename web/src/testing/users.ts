// A user as the server sends one, for tests: an active Russian-speaking citizen unless
// `overrides` say otherwise.
import type { User } from '../api/types';

export function aUser(overrides: Partial<User> = {}): User {
  return {
    id: 'u1',
    email: 'someone@example.kz',
    display_name: 'Айгерім',
    role: 'citizen',
    kinds: [],
    organisation: null,
    language: 'ru',
    languages: ['ru'],
    categories: [],
    capacity: 1,
    status: 'active',
    ...overrides,
  };
}

/** A problem+json answer for the fake server of testing/harness.tsx. */
export function problem(
  status: number,
  code: string,
  detail: string,
  errors: { field: string; code?: string; detail: string }[] = [],
): [number, unknown] {
  return [status, { type: `urn:kelisim:problem:${code}`, title: code, status, detail, errors }];
}
