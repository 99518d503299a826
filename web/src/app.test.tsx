// The shell with a fake server: the signed-in user's language wins on load, and a
// language switch is saved to the server; anonymous visitors keep theirs locally.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { User } from './api/types';
import { App } from './app';
import { initI18n } from './i18n';
import { I18nProvider } from './i18n/context';

const ADMIN: User = {
  id: 'u1',
  email: 'admin@demo.kelisim.kz',
  display_name: 'Әкімші',
  role: 'admin',
  kinds: [],
  organisation: null,
  language: 'kk',
  languages: ['kk', 'ru'],
  categories: [],
  capacity: 1,
  status: 'active',
};

type Handler = (method: string, path: string, body: unknown) => [number, unknown];

function serve(handler: Handler) {
  const calls: { method: string; path: string; headers: Record<string, string>; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((url: string, init: RequestInit) => {
      const body: unknown = init.body ? JSON.parse(init.body as string) : undefined;
      const method = init.method ?? 'GET';
      calls.push({ method, path: url, headers: init.headers as Record<string, string>, body });
      const [status, payload] = handler(method, url, body);
      const type = status >= 400 ? 'application/problem+json' : 'application/json';
      return Promise.resolve(
        new Response(status === 204 ? null : JSON.stringify(payload), { status, headers: { 'Content-Type': type } }),
      );
    }),
  );
  return calls;
}

const list = { items: [], next: null };

let mounted: HTMLElement | null = null;

/** Renders the whole app, after unmounting the previous test's (it listens to the window). */
async function mount() {
  if (mounted) render(null, mounted);
  const root = document.createElement('div');
  mounted = root;
  document.body.replaceChildren(root);
  await act(async () => {
    render(
      <I18nProvider>
        <App />
      </I18nProvider>,
      root,
    );
    await new Promise((resolve) => setTimeout(resolve, 10));
  });
  return root;
}

/** Lets pending fetches and renders finish until `ready` holds. */
async function until(ready: () => boolean) {
  for (let i = 0; i < 100 && !ready(); i += 1) {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
    });
  }
  expect(ready()).toBe(true);
}

describe('App', () => {
  beforeEach(async () => {
    localStorage.clear();
    document.cookie = 'kelisim_csrf=token-1';
    window.history.replaceState(null, '', '/');
    await initI18n('ru');
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('takes a signed-in user to /home in their own language and saves a switch', async () => {
    let saved: User = ADMIN;
    const calls = serve((method, path, body) => {
      if (path === '/api/v1/me' && method === 'GET') return [200, saved];
      if (path === '/api/v1/me' && method === 'PATCH') {
        saved = { ...saved, ...(body as Partial<User>) };
        return [200, saved];
      }
      return [200, list];
    });
    const root = await mount();
    await until(() => root.querySelector('[data-testid="home-admin"]') !== null);
    expect(window.location.pathname).toBe('/home');
    expect(document.documentElement.lang).toBe('kk');
    expect(root.querySelector('[data-testid="home-admin-title"]')?.textContent).toBe('Жүйені басқару');
    expect(calls[0]?.headers['Accept-Language']).toBe('ru'); // before we knew the user

    await act(() => {
      root.querySelector<HTMLButtonElement>('[data-testid="language-en"]')?.click();
    });
    await until(() => calls.some((c) => c.method === 'PATCH'));
    expect(document.documentElement.lang).toBe('en');
    expect(root.querySelector('[data-testid="home-admin-title"]')?.textContent).toBe('System administration');
    const patch = calls.find((c) => c.method === 'PATCH');
    expect(patch?.body).toEqual({ language: 'en' });
    expect(patch?.headers['X-CSRF-Token']).toBe('token-1');
    expect(patch?.headers['Accept-Language']).toBe('en');
    expect(root.querySelector('[data-testid="language-en"]')?.getAttribute('aria-pressed')).toBe('true');
  });

  it('opens the device check for anyone, in the language chosen', async () => {
    window.history.replaceState(null, '', '/check');
    serve(() => [401, { type: 'urn:kelisim:problem:unauthenticated', status: 401 }]);
    const root = await mount();
    await until(() => root.querySelector('[data-testid="check-page"]') !== null);
    expect(window.location.pathname).toBe('/check');
    expect(root.querySelector('[data-testid="echo-sign-in"]')).not.toBeNull();
    await act(() => {
      root.querySelector<HTMLButtonElement>('[data-testid="language-kk"]')?.click();
    });
    await until(() => root.querySelector('[data-testid="check-page-title"]')?.textContent === 'Камера мен микрофонды тексеру');
    expect(root.querySelector('[data-testid="check-start"]')?.textContent).toBe('Камера мен микрофонды қосу');
  });

  it('keeps an anonymous choice in localStorage only', async () => {
    const calls = serve(() => [401, { type: 'urn:kelisim:problem:unauthenticated', status: 401, detail: 'Войдите.' }]);
    const root = await mount();
    await until(() => root.querySelector('[data-testid="landing"]') !== null);
    await act(() => {
      root.querySelector<HTMLButtonElement>('[data-testid="language-kk"]')?.click();
    });
    await until(() => document.documentElement.lang === 'kk');
    expect(localStorage.getItem('kelisim.language')).toBe('kk');
    expect(calls.filter((c) => c.method !== 'GET')).toEqual([]);
    // A 401 on load is not an error worth announcing.
    expect(root.querySelector('[data-testid="app-status"]')?.textContent).toBe('');
  });

  it('opens the account from the header and signs out on all devices', async () => {
    const calls = serve((method, path) => {
      if (path === '/api/v1/me' && method === 'GET') return [200, { ...ADMIN, language: 'ru' }];
      if (path === '/api/v1/auth/sign-out-everywhere') return [204, null];
      return [200, list];
    });
    const root = await mount();
    await until(() => root.querySelector('[data-testid="home-admin"]') !== null);
    await act(() => {
      root.querySelector<HTMLAnchorElement>('[data-testid="header-user"]')?.click();
    });
    await until(() => root.querySelector('[data-testid="account"]') !== null);
    expect(window.location.pathname).toBe('/account');
    await act(() => {
      root.querySelector<HTMLButtonElement>('[data-testid="sign-out-everywhere"]')?.click();
    });
    await act(() => {
      root.querySelector<HTMLButtonElement>('[data-testid="sign-out-everywhere-confirm"]')?.click();
    });
    await until(() => root.querySelector('[data-testid="landing"]') !== null);
    expect(calls.some((c) => c.method === 'POST' && c.path === '/api/v1/auth/sign-out-everywhere')).toBe(true);
    expect(root.querySelector('[data-testid="app-status"]')?.textContent).toBe('Вы вышли из системы на всех устройствах.');
  });

  it('leads from the footer to the personal-data page', async () => {
    serve((_method, path) => {
      if (path === '/api/v1/consent') {
        return [200, { version: '2026-12-07', text: 'Оператор: Kelisim.\n\nСрок: 365 дней.', retention_days: 365 }];
      }
      if (path === '/api/v1/me') return [401, { type: 'urn:kelisim:problem:unauthenticated', status: 401 }];
      return [200, list];
    });
    const root = await mount();
    await until(() => root.querySelector('[data-testid="landing"]') !== null);
    await act(() => {
      root.querySelector<HTMLAnchorElement>('[data-testid="footer-privacy"]')?.click();
    });
    await until(() => root.querySelector('[data-testid="privacy-retention"]') !== null);
    expect(window.location.pathname).toBe('/privacy');
    expect(root.querySelector('[data-testid="privacy-title"]')?.textContent).toBe('Персональные данные');
    expect(root.querySelector('[data-testid="privacy-retention"]')?.textContent).toBe('365 дней');
    expect(root.querySelector('[data-testid="privacy-version"]')?.textContent).toBe('2026-12-07');
    expect([...root.querySelectorAll('[data-testid="consent-text"] p')].map((p) => p.textContent)).toEqual([
      'Оператор: Kelisim.',
      'Срок: 365 дней.',
    ]);
  });

  it('shows a citizen whose account was deleted the landing page, signed out, with a message', async () => {
    const citizen: User = { ...ADMIN, role: 'citizen', language: 'ru', consent: { version: '2026-12-07', at: '2026-12-07T05:00:00Z' } };
    window.history.replaceState(null, '', '/account');
    const calls = serve((method, path) => {
      if (path === '/api/v1/me' && method === 'GET') return [200, citizen];
      if (path === '/api/v1/me' && method === 'DELETE') return [204, null];
      return [200, list];
    });
    const root = await mount();
    await until(() => root.querySelector('[data-testid="delete-account"]') !== null);
    await act(() => {
      const input = root.querySelector<HTMLInputElement>('#delete-password');
      if (input) {
        input.value = 'Correct-horse-42';
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }
    });
    await act(() => {
      root.querySelector<HTMLButtonElement>('[data-testid="delete-account-button"]')?.click();
    });
    await act(() => {
      root.querySelector<HTMLButtonElement>('[data-testid="delete-account-button-confirm"]')?.click();
    });
    await until(() => root.querySelector('[data-testid="landing"]') !== null);
    expect(window.location.pathname).toBe('/');
    expect(calls.find((c) => c.method === 'DELETE')?.body).toEqual({ password: 'Correct-horse-42' });
    expect(root.querySelector('[data-testid="app-status"]')?.textContent).toBe(
      'Ваша учётная запись и ваши данные удалены. Вы вышли из системы.',
    );
    expect(root.querySelector('[data-testid="header-sign-in"]')).not.toBeNull();
  });

  it('opens a set-password link without anyone signed in', async () => {
    window.history.replaceState(null, '', '/set-password#tok-9');
    serve((_method, path) => {
      if (path === '/api/v1/auth/account-link') {
        return [200, { purpose: 'password_reset', email: 'a@example.kz', display_name: 'A' }];
      }
      return [401, { type: 'urn:kelisim:problem:unauthenticated', status: 401, detail: 'Войдите.' }];
    });
    const root = await mount();
    await until(() => root.querySelector('[data-testid="set-password-for"]') !== null);
    expect(window.location.href.endsWith('/set-password')).toBe(true);
  });
});
