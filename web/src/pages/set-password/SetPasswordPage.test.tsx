// The mailed link against a fake server: the token leaves the address bar at once, the
// page greets the invited person by name, checks the two passwords, then signs in; a
// used, expired or missing link leads to asking for a new one.
import axe from 'axe-core';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { initI18n } from '../../i18n';
import { byTestId, inAct, mount, until, type Handler } from '../../testing/harness';
import { aUser, problem } from '../../testing/users';
import { SetPasswordPage } from './SetPasswordPage';

const INVITATION = { purpose: 'invitation', email: 'erlan@example.kz', display_name: 'Ерлан' };
const USER = aUser({ id: 's1', email: 'erlan@example.kz', role: 'specialist' });
const EXPIRED = problem(410, 'link-expired', 'Срок действия ссылки истёк.');

function type(root: HTMLElement, selector: string, value: string) {
  const input = root.querySelector<HTMLInputElement>(selector);
  if (!input) throw new Error(`no ${selector}`);
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

async function submit(root: HTMLElement) {
  await inAct(() => {
    root.querySelector('form')?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
}

describe('SetPasswordPage', () => {
  beforeEach(async () => {
    await initI18n('ru');
    window.history.replaceState(null, '', '/set-password#tok-123');
  });

  it('hides the token, greets the invited person, checks the passwords and signs in', async () => {
    const handler: Handler = (_method, path) => {
      if (path === '/api/v1/auth/account-link') return [200, INVITATION];
      if (path === '/api/v1/auth/set-password') return [200, { user: USER }];
      return [404, {}];
    };
    const { root, calls, session } = mount(<SetPasswordPage />, handler);
    expect(window.location.hash).toBe('');
    expect(window.location.pathname).toBe('/set-password');
    expect(await until(() => byTestId(root, 'set-password-for') !== null)).toBe(true);
    expect(root.querySelector('h1')?.textContent).toBe('Добро пожаловать, Ерлан! Задайте пароль, чтобы начать работу');
    expect(byTestId(root, 'set-password-for')?.textContent).toBe('Задайте пароль для erlan@example.kz.');
    expect(calls[0]?.body).toEqual({ token: 'tok-123' });
    const results = await axe.run(root, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((v) => v.id)).toEqual([]);

    await inAct(() => {
      type(root, '#password', 'short');
      type(root, '#password_confirm', 'other');
    });
    await submit(root);
    expect(root.querySelector('#password-error')?.textContent).toBe('Пароль должен содержать не менее 10 символов.');
    expect(root.querySelector('#password_confirm-error')?.textContent).toBe('Пароли не совпадают.');
    expect(calls).toHaveLength(1);

    await inAct(() => {
      type(root, '#password', 'Correct-horse-42');
      type(root, '#password_confirm', 'Correct-horse-42');
    });
    await submit(root);
    expect(await until(() => vi.mocked(session.signedIn).mock.calls.length === 1)).toBe(true);
    expect(session.signedIn).toHaveBeenCalledWith(USER);
    expect(calls[1]).toMatchObject({ path: '/api/v1/auth/set-password', body: { token: 'tok-123', password: 'Correct-horse-42' } });
  });

  it('names a reset for what it is', async () => {
    const { root } = mount(<SetPasswordPage />, () => [200, { ...INVITATION, purpose: 'password_reset' }]);
    expect(await until(() => byTestId(root, 'set-password-for') !== null)).toBe(true);
    expect(root.querySelector('h1')?.textContent).toBe('Новый пароль');
  });

  it('leads from a used or expired link to asking for a new one', async () => {
    const { root } = mount(<SetPasswordPage />, () => EXPIRED);
    expect(await until(() => byTestId(root, 'set-password-unusable') !== null)).toBe(true);
    expect(root.querySelector('h1')?.textContent).toBe('Ссылка больше не действует');
    expect(byTestId(root, 'set-password-new-link')?.getAttribute('href')).toBe('/forgot-password');
    const results = await axe.run(root, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((v) => v.id)).toEqual([]);
  });

  it('says the same without asking the server when the token is missing', async () => {
    window.history.replaceState(null, '', '/set-password');
    const { root, calls } = mount(<SetPasswordPage />, () => [200, INVITATION]);
    expect(byTestId(root, 'set-password-unusable')).not.toBeNull();
    await until(() => false);
    expect(calls).toHaveLength(0);
  });

  it('turns to the same note when the link expires while the form is open', async () => {
    let expired = false;
    const { root } = mount(<SetPasswordPage />, (_method, path) => {
      if (path === '/api/v1/auth/account-link') return [200, INVITATION];
      expired = true;
      return EXPIRED;
    });
    expect(await until(() => byTestId(root, 'set-password-for') !== null)).toBe(true);
    await inAct(() => {
      type(root, '#password', 'Correct-horse-42');
      type(root, '#password_confirm', 'Correct-horse-42');
    });
    await submit(root);
    expect(await until(() => byTestId(root, 'set-password-unusable') !== null)).toBe(true);
    expect(expired).toBe(true);
  });

  it('keeps the token for a reload of the page', async () => {
    const first = mount(<SetPasswordPage />, () => [200, INVITATION]);
    expect(await until(() => byTestId(first.root, 'set-password-for') !== null)).toBe(true);
    const again = mount(<SetPasswordPage />, () => [200, INVITATION]);
    expect(await until(() => byTestId(again.root, 'set-password-for') !== null)).toBe(true);
    expect(again.calls[0]?.body).toEqual({ token: 'tok-123' });
  });

  it('takes a new link opened in the same tab', async () => {
    const { root, calls } = mount(<SetPasswordPage />, (_method, _path, body) =>
      (body as { token: string }).token === 'tok-123' ? EXPIRED : [200, INVITATION],
    );
    expect(await until(() => byTestId(root, 'set-password-unusable') !== null)).toBe(true);
    await inAct(() => {
      window.history.replaceState(null, '', '/set-password#tok-456');
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    expect(await until(() => byTestId(root, 'set-password-for') !== null)).toBe(true);
    expect(calls.map((c) => c.body)).toEqual([{ token: 'tok-123' }, { token: 'tok-456' }]);
    expect(window.location.hash).toBe('');
  });
});
