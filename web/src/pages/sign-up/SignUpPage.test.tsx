// The sign-up form: consent to the processing of personal data is required (checked here
// first, then by the server), its account text is shown, and the version shown is sent.
import axe from 'axe-core';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { initI18n } from '../../i18n';
import { byTestId, inAct, mount, until } from '../../testing/harness';
import { aUser, problem } from '../../testing/users';
import { SignUpPage } from './SignUpPage';

const CONSENT = {
  version: '2026-12-07',
  text: 'Оператор: Kelisim.\n\nЦель: ваша учётная запись.',
  retention_days: 365,
};

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

describe('SignUpPage', () => {
  beforeEach(async () => {
    await initI18n('ru');
  });

  it('requires consent to the account text and sends the version shown', async () => {
    let answer: [number, unknown] = problem(422, 'validation', 'Проверьте поля.', [
      { field: 'consent', code: 'required', detail: 'Нужно ваше согласие.' },
    ]);
    const { root, calls, session } = mount(<SignUpPage />, (method, path) => {
      if (method === 'GET' && path === '/api/v1/consent') return [200, CONSENT];
      if (method === 'POST' && path === '/api/v1/auth/sign-up') return answer;
      return [404, {}];
    });
    expect(await until(() => byTestId(root, 'sign-up-consent-details') !== null)).toBe(true);
    expect(root.querySelector('#consent-hint')?.textContent).toBe(
      'Ваше имя и электронная почта используются только для вашей учётной записи. Данные хранятся 365 дней; ' +
        'вы можете в любой момент удалить учётную запись и свои данные.',
    );
    expect(byTestId(root, 'sign-up-consent-privacy')?.getAttribute('href')).toBe('/privacy');
    const results = await axe.run(root, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((v) => v.id)).toEqual([]);

    await inAct(() => {
      type(root, '#display_name', 'Айгерім');
      type(root, '#email', 'aigerim@example.kz');
      type(root, '#password', 'Correct-horse-42');
      type(root, '#password_confirm', 'Correct-horse-42');
    });
    await submit(root);
    // Not ticked: refused here, nothing sent.
    expect(root.querySelector('#consent-error')?.textContent).toBe('Мы можем создать учётную запись только с вашего согласия.');
    expect(calls.filter((c) => c.method === 'POST')).toEqual([]);

    await inAct(() => {
      byTestId(root, 'sign-up-consent')?.click();
    });
    await submit(root);
    // The server's refusal shows at the consent box too.
    expect(await until(() => root.querySelector('#consent-error')?.textContent === 'Нужно ваше согласие.')).toBe(true);
    const user = aUser({ consent: { version: '2026-12-07', at: '2026-12-07T05:00:00Z' } });
    answer = [201, { user }];
    await submit(root);
    expect(await until(() => vi.mocked(session.signedIn).mock.calls.length > 0)).toBe(true);
    const posts = calls.filter((c) => c.method === 'POST');
    expect(posts.at(-1)?.body).toEqual({
      display_name: 'Айгерім',
      email: 'aigerim@example.kz',
      password: 'Correct-horse-42',
      language: 'ru',
      consent: true,
      consent_version: '2026-12-07',
    });
    expect(session.signedIn).toHaveBeenCalledWith(user);
  });
});
