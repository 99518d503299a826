// Test support for screens: a fake server behind the API client, a real socket client on a
// fake WebSocket, and helpers to render in jsdom and let promises settle.
import type { ComponentChildren } from 'preact';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterAll, vi } from 'vitest';
import { createClient } from '../api/client';
import { KelisimSocket, type SocketLike } from '../api/socket';
import { SocketContext } from '../components/useSocket';
import { I18nProvider } from '../i18n/context';
import { SessionContext, type Session } from '../session';

export class FakeSocket implements SocketLike {
  readyState = 0;
  sent: Record<string, unknown>[] = [];
  onopen: ((event: unknown) => void) | null = null;
  onclose: ((event: unknown) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  send(data: string) {
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }
  close() {
    this.readyState = 3;
  }
  accept() {
    this.readyState = 1;
    this.onopen?.({});
  }
  drop() {
    this.readyState = 3;
    this.onclose?.({});
  }
  push(event: unknown) {
    this.onmessage?.({ data: JSON.stringify(event) });
  }
}

export type Handler = (method: string, path: string, body: unknown) => [number, unknown];

export interface Call {
  method: string;
  path: string;
  body: unknown;
}

/**
 * Renders `children` with a session on a fake server and a socket on a fake WebSocket;
 * `overrides` replace parts of the session (who is signed in, a spy on signOut…).
 */
let mounted: HTMLElement | null = null;

// The last screen of a file goes too: an effect it scheduled (a timer) would otherwise run
// after jsdom is torn down ("document is not defined"), failing whichever file runs then.
afterAll(() => {
  if (mounted) render(null, mounted);
  mounted = null;
});

export function mount(children: ComponentChildren, handler: Handler, overrides: Partial<Session> = {}) {
  // The previous screen goes first: it may still listen to the window (hashchange, popstate).
  if (mounted) render(null, mounted);
  const calls: Call[] = [];
  const fetch = vi.fn<typeof globalThis.fetch>((url, init) => {
    const body: unknown = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    const method = init?.method ?? 'GET';
    const path = typeof url === 'string' ? url : url instanceof URL ? url.href : url.url;
    calls.push({ method, path, body });
    const [status, payload] = handler(method, path, body);
    const type = status >= 400 ? 'application/problem+json' : 'application/json';
    return Promise.resolve(
      new Response(status === 204 ? null : JSON.stringify(payload), { status, headers: { 'Content-Type': type } }),
    );
  });
  const session: Session = {
    api: createClient({ fetch, language: () => 'ru', cookies: () => '' }),
    user: null,
    signedIn: vi.fn(),
    refreshUser: vi.fn(() => Promise.resolve()),
    signOut: vi.fn(() => Promise.resolve(true)),
    signedOutOnServer: vi.fn(),
    changeLanguage: vi.fn(),
    announce: vi.fn(),
    ...overrides,
  };
  const sockets: FakeSocket[] = [];
  const socket = new KelisimSocket({
    url: 'ws://test/ws',
    open: () => {
      const fake = new FakeSocket();
      sockets.push(fake);
      return fake;
    },
    setTimer: () => 0,
    clearTimer: () => undefined,
  });
  socket.start();
  const root = document.createElement('div');
  mounted = root;
  document.body.replaceChildren(root);
  render(
    <I18nProvider>
      <SessionContext.Provider value={session}>
        <SocketContext.Provider value={socket}>{children}</SocketContext.Provider>
      </SessionContext.Provider>
    </I18nProvider>,
    root,
  );
  const server = () => {
    const fake = sockets[sockets.length - 1];
    if (!fake) throw new Error('no socket');
    return fake;
  };
  return { root, calls, socket, server, session };
}

/** Lets pending fetches and renders finish until `ready` holds (or gives up). */
export async function until(ready: () => boolean): Promise<boolean> {
  for (let i = 0; i < 100 && !ready(); i += 1) {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
    });
  }
  return ready();
}

export function byTestId(root: ParentNode, id: string): HTMLElement | null {
  return root.querySelector<HTMLElement>(`[data-testid="${id}"]`);
}

export async function inAct(action: () => void): Promise<void> {
  await act(async () => {
    action();
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}
