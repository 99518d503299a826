// The return link against a fake server: opened at once for a guest or the ticket's own
// citizen; refused for staff (who may sign out and open it); asked about, then replaced
// or left alone, for another citizen.
import axe from 'axe-core';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { User } from '../../api/types';
import { initI18n } from '../../i18n';
import { byTestId, inAct, mount, until, type Handler } from '../../testing/harness';
import { ResumePage } from './ResumePage';

const RESUME = '/api/v1/tickets/resume';
const OPENED: [number, unknown] = [200, { ticket: { id: 't7' } }];

function user(role: User['role'], displayName: string): User {
  return {
    id: 'u1',
    email: 'someone@example.kz',
    display_name: displayName,
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

function conflict(field: string, code: string, detail: string): [number, unknown] {
  return [
    409,
    {
      type: 'urn:kelisim:problem:conflict',
      title: 'Conflict',
      status: 409,
      detail: 'Конфликт.',
      errors: [{ field, code, detail }],
    },
  ];
}

/** Resume calls only, in order. */
function resumes(calls: { path: string; body: unknown }[]) {
  return calls.filter((c) => c.path === RESUME).map((c) => c.body);
}

describe('ResumePage', () => {
  beforeEach(async () => {
    await initI18n('ru');
    window.history.replaceState(null, '', '/t/secret');
  });

  it('opens the ticket at once when nobody else is signed in', async () => {
    const { calls, session } = mount(<ResumePage token="secret" />, () => OPENED);
    expect(await until(() => window.location.pathname === '/tickets/t7')).toBe(true);
    expect(resumes(calls)).toEqual([{ token: 'secret' }]);
    expect(session.refreshUser).toHaveBeenCalled();
  });

  it('never replaces a staff member: explains, and opens the link after signing out', async () => {
    let staff = true;
    const handler: Handler = (_method, path) => {
      if (path !== RESUME) return [404, {}];
      return staff ? conflict('token', 'signed_in_as_staff', 'Вы вошли как сотрудник центра.') : OPENED;
    };
    const signOut = vi.fn(() => {
      staff = false;
      return Promise.resolve(true);
    });
    const { root, calls } = mount(<ResumePage token="secret" />, handler, {
      user: user('specialist', 'Айгерім'),
      signOut,
    });
    expect(await until(() => byTestId(root, 'resume-signed_in_as_staff') !== null)).toBe(true);
    expect(byTestId(root, 'resume-detail')?.textContent).toBe('Вы вошли как сотрудник центра.');
    expect(document.activeElement?.id).toBe('resume-question');
    expect(byTestId(root, 'resume-home')?.getAttribute('href')).toBe('/home');
    const results = await axe.run(root, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((v) => v.id)).toEqual([]);
    expect(window.location.pathname).toBe('/t/secret');

    await inAct(() => {
      byTestId(root, 'resume-sign-out')?.click();
    });
    expect(await until(() => window.location.pathname === '/tickets/t7')).toBe(true);
    expect(signOut).toHaveBeenCalledWith({ stay: true });
    expect(resumes(calls)).toEqual([{ token: 'secret' }, { token: 'secret' }]);
  });

  it('asks before replacing another citizen, and replaces only on confirmation', async () => {
    const handler: Handler = (_method, path, body) => {
      if (path !== RESUME) return [404, {}];
      const replace = (body as { replace?: boolean }).replace === true;
      return replace ? OPENED : conflict('replace', 'signed_in_as_other', 'Вы вошли как другой гражданин.');
    };
    const { root, calls } = mount(<ResumePage token="secret" />, handler, { user: user('citizen', 'Марат') });
    expect(await until(() => byTestId(root, 'resume-question') !== null)).toBe(true);
    expect(byTestId(root, 'resume-question')?.textContent).toBe('Вы вошли как Марат. Открыть здесь этот вопрос?');
    expect(root.textContent).toContain('На этом устройстве будет выполнен выход из вашей учётной записи.');
    expect(document.activeElement?.id).toBe('resume-question');
    const results = await axe.run(root, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((v) => v.id)).toEqual([]);

    await inAct(() => {
      byTestId(root, 'resume-replace')?.click();
    });
    expect(await until(() => window.location.pathname === '/tickets/t7')).toBe(true);
    expect(resumes(calls)).toEqual([{ token: 'secret' }, { token: 'secret', replace: true }]);
  });

  it('goes home, replacing nobody, when a guest following another question cancels', async () => {
    const guestDetail = 'На этом устройстве уже открыт другой вопрос, без регистрации.';
    const { root, calls } = mount(
      <ResumePage token="secret" />,
      () => conflict('replace', 'signed_in_as_guest', guestDetail),
      { user: user('citizen', '') },
    );
    expect(await until(() => byTestId(root, 'resume-cancel') !== null)).toBe(true);
    // A guest has no account to name: the server says what they would lose.
    expect(root.textContent).toContain(guestDetail);
    await inAct(() => {
      byTestId(root, 'resume-cancel')?.click();
    });
    expect(window.location.pathname).toBe('/home');
    expect(resumes(calls)).toEqual([{ token: 'secret' }]);
  });

  it('shows any other failure with a way to the receptions', async () => {
    const { root } = mount(<ResumePage token="secret" />, () => [
      404,
      { type: 'urn:kelisim:problem:not_found', title: 'Not found', status: 404, detail: 'Ссылка недействительна.', errors: [] },
    ]);
    expect(await until(() => byTestId(root, 'resume-error')?.textContent === 'Ссылка недействительна.')).toBe(true);
    expect(root.querySelector('a[href="/receptions"]')).not.toBeNull();
  });
});
