// Renders the sign-in form in jsdom: client-side checks, then the server's problem
// shown as the form message and next to its field.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createClient } from '../../api/client';
import type { User } from '../../api/types';
import { initI18n } from '../../i18n';
import { I18nProvider } from '../../i18n/context';
import { SessionContext, type Session } from '../../session';
import { SignInForm } from './SignInPage';

const USER: User = {
  id: 'u1',
  email: 'citizen@demo.kelisim.kz',
  display_name: 'Асқар',
  role: 'citizen',
  kinds: [],
  organisation: null,
  language: 'kk',
  languages: ['kk'],
  categories: [],
  capacity: 1,
  status: 'active',
};

function setup(respond: (body: unknown) => Response) {
  const fetch = vi.fn<typeof globalThis.fetch>((_url, init) =>
    Promise.resolve(respond(JSON.parse(init?.body as string))),
  );
  const signedIn = vi.fn();
  const session: Session = {
    api: createClient({ fetch, language: () => 'ru', cookies: () => '' }),
    user: null,
    signedIn,
    refreshUser: vi.fn(() => Promise.resolve()),
    signOut: vi.fn(),
    signedOutOnServer: vi.fn(),
    changeLanguage: vi.fn(),
    announce: vi.fn(),
  };
  const root = document.createElement('div');
  document.body.replaceChildren(root);
  render(
    <I18nProvider>
      <SessionContext.Provider value={session}>
        <SignInForm />
      </SessionContext.Provider>
    </I18nProvider>,
    root,
  );
  return { root, fetch, signedIn };
}

function type(root: HTMLElement, selector: string, value: string) {
  const input = root.querySelector<HTMLInputElement>(selector);
  if (!input) throw new Error(`no ${selector}`);
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

async function submit(root: HTMLElement) {
  await act(async () => {
    root.querySelector('form')?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

describe('SignInForm', () => {
  beforeEach(async () => {
    await initI18n('ru');
  });

  it('labels its fields and checks them before calling the server', async () => {
    const { root, fetch } = setup(() => new Response('{}'));
    expect(root.querySelector('label[for="email"]')?.textContent).toBe('Электронная почта');
    expect(root.querySelector('label[for="password"]')?.textContent).toBe('Пароль');
    await submit(root);
    expect(fetch).not.toHaveBeenCalled();
    const email = root.querySelector('#email');
    expect(email?.getAttribute('aria-invalid')).toBe('true');
    expect(email?.getAttribute('aria-describedby')).toBe('email-error');
    expect(root.querySelector('#email-error')?.textContent).toBe('Заполните это поле.');
    expect(root.querySelector('[role="alert"]')?.textContent).toBe('Исправьте отмеченные поля.');
  });

  it("shows the server's localised detail and field errors", async () => {
    const problem = {
      type: 'urn:kelisim:problem:invalid-credentials',
      title: 'Invalid credentials',
      status: 401,
      detail: 'Неверный адрес или пароль.',
      errors: [{ field: 'password', detail: 'Пароль не подходит.' }],
    };
    const { root, fetch, signedIn } = setup(
      () => new Response(JSON.stringify(problem), { status: 401, headers: { 'Content-Type': 'application/problem+json' } }),
    );
    await act(() => {
      type(root, '#email', ' citizen@demo.kelisim.kz ');
      type(root, '#password', 'wrong-password');
    });
    await submit(root);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(JSON.parse(fetch.mock.calls[0]?.[1]?.body as string)).toEqual({
      email: 'citizen@demo.kelisim.kz',
      password: 'wrong-password',
    });
    expect(root.querySelector('[role="alert"] p')?.textContent).toBe('Неверный адрес или пароль.');
    expect(root.querySelector('#password-error')?.textContent).toBe('Пароль не подходит.');
    expect(root.querySelector('#password')?.getAttribute('aria-invalid')).toBe('true');
    expect(signedIn).not.toHaveBeenCalled();
  });

  it('hands the signed-in user to the session', async () => {
    const { root, signedIn } = setup(
      () => new Response(JSON.stringify({ user: USER }), { status: 200, headers: { 'Content-Type': 'application/json' } }),
    );
    await act(() => {
      type(root, '#email', USER.email);
      type(root, '#password', 'DemoPass-2026');
    });
    await submit(root);
    expect(signedIn).toHaveBeenCalledWith(USER);
  });

  it("shows a deactivated account's refusal in the server's words", async () => {
    const problem = {
      type: 'urn:kelisim:problem:account-deactivated',
      title: 'Account deactivated',
      status: 403,
      detail: 'Доступ к учётной записи отключён. Обратитесь к координатору.',
    };
    const { root, signedIn } = setup(
      () => new Response(JSON.stringify(problem), { status: 403, headers: { 'Content-Type': 'application/problem+json' } }),
    );
    await act(() => {
      type(root, '#email', USER.email);
      type(root, '#password', 'DemoPass-2026');
    });
    await submit(root);
    expect(root.querySelector('[data-testid="form-error"] p')?.textContent).toBe(problem.detail);
    expect(signedIn).not.toHaveBeenCalled();
  });
});
