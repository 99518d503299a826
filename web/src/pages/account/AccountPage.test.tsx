// The account page: changing the password (a wrong current one shown at its field),
// signing out on every device after a confirmation, and no password form for a guest.
import axe from 'axe-core';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { formatDateTime } from '../../components/format';
import { initI18n } from '../../i18n';
import { byTestId, inAct, mount, until } from '../../testing/harness';
import { aUser, problem } from '../../testing/users';
import { AccountPage } from './AccountPage';

const CITIZEN = aUser({ display_name: 'Айгерім', email: 'aigerim@example.kz' });

function type(root: HTMLElement, selector: string, value: string) {
  const input = root.querySelector<HTMLInputElement>(selector);
  if (!input) throw new Error(`no ${selector}`);
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

async function fillAndSubmit(root: HTMLElement, current: string) {
  await inAct(() => {
    type(root, '#current_password', current);
    type(root, '#new_password', 'Correct-horse-42');
    type(root, '#new_password_confirm', 'Correct-horse-42');
  });
  await inAct(() => {
    byTestId(root, 'change-password-form')?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
}

describe('AccountPage', () => {
  beforeEach(async () => {
    await initI18n('ru');
  });

  it('shows a wrong current password at its field, then changes the password', async () => {
    let wrong = true;
    const { root, calls } = mount(<AccountPage user={CITIZEN} />, () =>
      wrong
        ? problem(422, 'validation', 'Проверьте поля.', [
            { field: 'current_password', code: 'wrong_password', detail: 'Текущий пароль указан неверно.' },
          ])
        : [204, null],
    );
    expect(byTestId(root, 'profile-email')?.textContent).toBe('aigerim@example.kz');
    const results = await axe.run(root, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((v) => v.id)).toEqual([]);

    await fillAndSubmit(root, 'not-it');
    expect(await until(() => root.querySelector('#current_password-error') !== null)).toBe(true);
    expect(root.querySelector('#current_password-error')?.textContent).toBe('Текущий пароль указан неверно.');
    expect(calls[0]).toMatchObject({
      path: '/api/v1/me/password',
      body: { current_password: 'not-it', new_password: 'Correct-horse-42' },
    });

    wrong = false;
    await fillAndSubmit(root, 'Old-password-1');
    expect(await until(() => (byTestId(root, 'password-changed')?.textContent ?? '') !== '')).toBe(true);
    expect(byTestId(root, 'password-changed')?.textContent).toBe(
      'Пароль изменён. На других устройствах выполнен выход из системы.',
    );
    expect(root.querySelector<HTMLInputElement>('#current_password')?.value).toBe('');
  });

  it('signs out on all devices only after a confirmation', async () => {
    const { root, session } = mount(<AccountPage user={CITIZEN} />, () => [204, null]);
    await inAct(() => {
      byTestId(root, 'sign-out-everywhere')?.click();
    });
    expect(session.signOut).not.toHaveBeenCalled();
    expect(root.textContent).toContain('Выйти на всех устройствах, включая это?');
    await inAct(() => {
      byTestId(root, 'sign-out-everywhere-confirm')?.click();
    });
    expect(session.signOut).toHaveBeenCalledWith({ everywhere: true });
  });

  it('offers a guest no password form', () => {
    const { root } = mount(<AccountPage user={aUser({ display_name: '' })} />, () => [404, {}]);
    expect(byTestId(root, 'profile')).not.toBeNull();
    expect(byTestId(root, 'change-password')).toBeNull();
    expect(byTestId(root, 'sign-out-everywhere')).toBeNull();
  });

  it('shows when consent was given and to which text', () => {
    const at = '2026-12-07T05:30:00Z';
    const { root } = mount(<AccountPage user={aUser({ consent: { version: '2026-12-07', at } })} />, () => [404, {}]);
    expect(byTestId(root, 'account-consent-version')?.textContent).toBe('2026-12-07');
    expect(byTestId(root, 'account-consent-at')?.textContent).toBe(formatDateTime(at, 'ru'));
    expect(byTestId(root, 'account-privacy')?.getAttribute('href')).toBe('/privacy');
    const staff = mount(<AccountPage user={aUser({ role: 'coordinator', consent: null })} />, () => [404, {}]);
    expect(byTestId(staff.root, 'account-consent-none')?.textContent).toBe('Для этой учётной записи согласие не записано.');
    // Staff are deactivated by an admin, not deleted by themselves.
    expect(byTestId(staff.root, 'delete-account')).toBeNull();
  });

  it("deletes a citizen's account after the password and a confirmation, then shows them signed out", async () => {
    let wrong = true;
    const { root, calls, session } = mount(<AccountPage user={CITIZEN} />, (method, path) => {
      if (method !== 'DELETE' || path !== '/api/v1/me') return [404, {}];
      return wrong
        ? problem(422, 'validation', 'Проверьте поля.', [
            { field: 'password', code: 'wrong_password', detail: 'Пароль указан неверно.' },
          ])
        : [204, null];
    });
    const section = byTestId(root, 'delete-account');
    expect(section?.textContent).toContain('Что удаляется: все ваши вопросы');
    expect(section?.textContent).toContain('Что остаётся: обезличенная статистика');
    // Without the password nothing is sent.
    await inAct(() => {
      byTestId(root, 'delete-account-button')?.click();
    });
    expect(root.textContent).toContain('Удалить учётную запись и все ваши данные? Это нельзя отменить.');
    await inAct(() => {
      byTestId(root, 'delete-account-button-confirm')?.click();
    });
    expect(root.querySelector('#delete-password-error')?.textContent).toBe('Заполните это поле.');
    expect(calls).toEqual([]);
    const results = await axe.run(root, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((v) => v.id)).toEqual([]);

    // A wrong password is shown at its field.
    await inAct(() => {
      type(root, '#delete-password', 'not-it');
    });
    await inAct(() => {
      byTestId(root, 'delete-account-button')?.click();
    });
    await inAct(() => {
      byTestId(root, 'delete-account-button-confirm')?.click();
    });
    expect(await until(() => root.querySelector('#delete-password-error')?.textContent === 'Пароль указан неверно.')).toBe(
      true,
    );
    expect(calls[0]).toMatchObject({ method: 'DELETE', path: '/api/v1/me', body: { password: 'not-it' } });
    expect(session.signedOutOnServer).not.toHaveBeenCalled();

    wrong = false;
    await inAct(() => {
      type(root, '#delete-password', 'Correct-horse-42');
    });
    await inAct(() => {
      byTestId(root, 'delete-account-button')?.click();
    });
    await inAct(() => {
      byTestId(root, 'delete-account-button-confirm')?.click();
    });
    expect(await until(() => vi.mocked(session.signedOutOnServer).mock.calls.length > 0)).toBe(true);
    expect(calls[1]).toMatchObject({ method: 'DELETE', body: { password: 'Correct-horse-42' } });
    expect(session.signedOutOnServer).toHaveBeenCalledWith('Ваша учётная запись и ваши данные удалены. Вы вышли из системы.');
  });

  it('lets a guest delete their data without a password', async () => {
    const { root, calls, session } = mount(<AccountPage user={aUser({ display_name: '', email: '' })} />, () => [204, null]);
    expect(root.querySelector('#delete-password')).toBeNull();
    await inAct(() => {
      byTestId(root, 'delete-account-button')?.click();
    });
    await inAct(() => {
      byTestId(root, 'delete-account-button-confirm')?.click();
    });
    expect(await until(() => vi.mocked(session.signedOutOnServer).mock.calls.length > 0)).toBe(true);
    expect(calls).toEqual([{ method: 'DELETE', path: '/api/v1/me', body: {} }]);
  });
});
