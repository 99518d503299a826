// A conference guest's link against a fake server: opened at once when nobody is signed in;
// refused for staff (who may sign out and open it); asked about for another citizen.
import axe from 'axe-core';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { User } from '../../api/types';
import { initI18n } from '../../i18n';
import { byTestId, inAct, mount, until, type Handler } from '../../testing/harness';
import { ConferenceJoinPage } from './ConferenceJoinPage';

const JOIN = '/api/v1/conferences/join';
const OPENED: [number, unknown] = [200, { id: 'c7', my_role: 'guest' }];

function user(role: User['role']): User {
  return {
    id: 'u1',
    email: 'someone@example.kz',
    display_name: 'Айгерім',
    role,
    kinds: [],
    organisation: null,
    language: 'ru',
    languages: ['ru'],
    categories: [],
    capacity: 1,
    status: 'active',
  };
}

function conflict(field: string, code: string): [number, unknown] {
  return [
    409,
    {
      type: 'urn:kelisim:problem:other-account',
      title: 'Conflict',
      status: 409,
      detail: 'Конфликт.',
      errors: [{ field, code, detail: 'Вы вошли как другой человек.' }],
    },
  ];
}

const joins = (calls: { path: string; body: unknown }[]) => calls.filter((c) => c.path === JOIN).map((c) => c.body);

describe('ConferenceJoinPage', () => {
  beforeEach(async () => {
    await initI18n('ru');
    window.history.replaceState(null, '', '/c/secret');
  });

  it('opens the conference at once when nobody is signed in', async () => {
    const { calls, session } = mount(<ConferenceJoinPage token="secret" />, () => OPENED);
    expect(await until(() => window.location.pathname === '/conferences/c7')).toBe(true);
    expect(joins(calls)).toEqual([{ token: 'secret' }]);
    expect(session.refreshUser).toHaveBeenCalled();
  });

  it('never replaces a staff member: explains, and opens the link after signing out', async () => {
    let staff = true;
    const handler: Handler = (_method, path) => {
      if (path !== JOIN) return [404, {}];
      return staff ? conflict('token', 'signed_in_as_staff') : OPENED;
    };
    const signOut = vi.fn(() => {
      staff = false;
      return Promise.resolve(true);
    });
    const { root, calls } = mount(<ConferenceJoinPage token="secret" />, handler, { user: user('specialist'), signOut });
    expect(await until(() => byTestId(root, 'conference-join-staff') !== null)).toBe(true);
    expect(document.activeElement?.id).toBe('join-question');
    const results = await axe.run(root, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((v) => v.id)).toEqual([]);
    await inAct(() => {
      byTestId(root, 'conference-join-sign-out')?.click();
    });
    expect(await until(() => window.location.pathname === '/conferences/c7')).toBe(true);
    expect(signOut).toHaveBeenCalledWith({ stay: true });
    expect(joins(calls)).toEqual([{ token: 'secret' }, { token: 'secret' }]);
  });

  it('asks before replacing another citizen, and replaces only on confirmation', async () => {
    const handler: Handler = (_method, path, body) => {
      if (path !== JOIN) return [404, {}];
      return (body as { replace?: boolean }).replace === true ? OPENED : conflict('replace', 'signed_in_as_other');
    };
    const { root, calls } = mount(<ConferenceJoinPage token="secret" />, handler, { user: user('citizen') });
    expect(await until(() => byTestId(root, 'conference-join-other') !== null)).toBe(true);
    expect(root.textContent).toContain('Вы вошли как другой человек.');
    await inAct(() => {
      byTestId(root, 'conference-join-replace')?.click();
    });
    expect(await until(() => window.location.pathname === '/conferences/c7')).toBe(true);
    expect(joins(calls)).toEqual([{ token: 'secret' }, { token: 'secret', replace: true }]);
  });

  it('shows a dead link in words', async () => {
    const { root } = mount(<ConferenceJoinPage token="secret" />, () => [
      404,
      { type: 'urn:kelisim:problem:not-found', title: 'Not found', status: 404, detail: 'Ссылка недействительна.', errors: [] },
    ]);
    expect(await until(() => byTestId(root, 'conference-join-error')?.textContent === 'Ссылка недействительна.')).toBe(true);
  });
});
