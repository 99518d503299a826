import { describe, expect, it, vi } from 'vitest';
import { createClient, readCookie } from './client';
import { ApiError, NETWORK_PROBLEM, parseProblem } from './problem';

const PROBLEM = 'application/problem+json';

describe('parseProblem', () => {
  it('reads detail and per-field errors (with their codes) from problem+json', () => {
    const problem = {
      type: 'urn:kelisim:problem:validation',
      title: 'Invalid input',
      status: 400,
      detail: 'Проверьте поля.',
      errors: [
        { field: 'email', code: 'taken', detail: 'Адрес уже занят.' },
        { field: 'password', detail: 'Слишком короткий.' },
      ],
    };
    // Malformed entries in errors are dropped.
    const body = JSON.stringify({ ...problem, errors: [...problem.errors, { field: 'broken' }, 'junk'] });
    expect(parseProblem(400, `${PROBLEM}; charset=utf-8`, body)).toEqual(problem);
  });

  it('falls back to a bare problem for HTML, bad JSON or non-objects', () => {
    const bare = { type: 'about:blank', title: '', status: 502, errors: [] };
    expect(parseProblem(502, 'text/html', '<h1>Bad gateway</h1>')).toEqual(bare);
    expect(parseProblem(502, PROBLEM, '{not json')).toEqual(bare);
    expect(parseProblem(502, PROBLEM, '[1,2]')).toEqual(bare);
    expect(parseProblem(502, null, '')).toEqual(bare);
  });

  it('ignores empty detail and wrongly typed fields', () => {
    const problem = parseProblem(401, PROBLEM, JSON.stringify({ type: 7, detail: '  ', status: 'x' }));
    expect(problem).toEqual({ type: 'about:blank', title: '', status: 401, errors: [] });
  });

  it('exposes the stable code of Kelisim problem types', () => {
    const error = new ApiError(parseProblem(401, PROBLEM, JSON.stringify({ type: 'urn:kelisim:problem:invalid-credentials', detail: 'Қате.' })));
    expect(error.code).toBe('invalid-credentials');
    expect(error.status).toBe(401);
    expect(error.message).toBe('Қате.');
  });
});

function fakeFetch(status: number, body: string, contentType = 'application/json') {
  return vi.fn<typeof fetch>(() =>
    Promise.resolve(new Response(status === 204 ? null : body, { status, headers: { 'Content-Type': contentType } })),
  );
}

describe('createClient', () => {
  it('sends Accept-Language, JSON and the CSRF token on unsafe requests', async () => {
    const fetch = fakeFetch(200, '{"id":"u1"}');
    const api = createClient({ fetch, language: () => 'kk', cookies: () => 'a=1; kelisim_csrf=tok%3D1; b=2' });
    await api.updateMe({ language: 'kk' });
    const [url, init] = fetch.mock.calls[0] ?? [];
    expect(url).toBe('/api/v1/me');
    expect(init?.method).toBe('PATCH');
    expect(init?.body).toBe('{"language":"kk"}');
    expect(init?.headers).toMatchObject({
      'Accept-Language': 'kk',
      'Content-Type': 'application/json',
      'X-CSRF-Token': 'tok=1',
    });
  });

  it('sends no CSRF header on GET and reads the language on every call', async () => {
    const fetch = fakeFetch(200, '{"items":[],"next":null}');
    let language = 'ru';
    const api = createClient({ fetch, language: () => language, cookies: () => 'kelisim_csrf=t' });
    await api.listUsers();
    language = 'en';
    await api.listOrganisations();
    const headers = fetch.mock.calls.map(([, init]) => init?.headers as Record<string, string>);
    expect(headers[0]).not.toHaveProperty('X-CSRF-Token');
    expect(headers.map((h) => h['Accept-Language'])).toEqual(['ru', 'en']);
  });

  it('throws the parsed problem and reports an ended session', async () => {
    const onUnauthorized = vi.fn();
    const body = JSON.stringify({ type: 'urn:kelisim:problem:unauthenticated', status: 401, detail: 'Войдите.' });
    const api = createClient({ fetch: fakeFetch(401, body, PROBLEM), language: () => 'ru', onUnauthorized });
    await expect(api.listUsers()).rejects.toMatchObject({ problem: { detail: 'Войдите.', status: 401 } });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('does not treat a failed sign-in as an ended session', async () => {
    const onUnauthorized = vi.fn();
    const body = JSON.stringify({ type: 'urn:kelisim:problem:invalid-credentials', status: 401, detail: 'Wrong.' });
    const api = createClient({ fetch: fakeFetch(401, body, PROBLEM), language: () => 'en', onUnauthorized });
    await expect(api.signIn({ email: 'a@b.kz', password: 'x' })).rejects.toBeInstanceOf(ApiError);
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it('turns 204 into undefined and a failed fetch into a network problem', async () => {
    const ok = createClient({ fetch: fakeFetch(204, ''), language: () => 'ru', cookies: () => '' });
    await expect(ok.signOut()).resolves.toBeUndefined();
    const offline = createClient({ fetch: () => Promise.reject(new TypeError('offline')), language: () => 'ru' });
    await expect(offline.me()).rejects.toMatchObject({ problem: { type: NETWORK_PROBLEM, status: 0 } });
  });

  it('asks the register of mediators with only the filters set, and aborts a superseded search', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>((_url, init) => {
      const signal = init?.signal;
      return new Promise<Response>((resolve, reject) => {
        if (signal?.aborted) reject(new DOMException('aborted', 'AbortError'));
        signal?.addEventListener('abort', () => {
          reject(new DOMException('aborted', 'AbortError'));
        });
        setTimeout(() => {
          resolve(new Response('{"items":[],"next":null}', { status: 200, headers: { 'Content-Type': 'application/json' } }));
        }, 5);
      });
    });
    const api = createClient({ fetch, language: () => 'kk', cookies: () => '' });
    await expect(api.mediators({ q: 'Айгерим Са', kind: 'public', status: 'active' })).resolves.toEqual({ items: [], next: null });
    expect(fetch.mock.calls[0]?.[0]).toBe('/api/v1/mediators?q=%D0%90%D0%B9%D0%B3%D0%B5%D1%80%D0%B8%D0%BC+%D0%A1%D0%B0&kind=public&status=active');
    await api.mediators();
    expect(fetch.mock.calls[1]?.[0]).toBe('/api/v1/mediators');
    const controller = new AbortController();
    const superseded = api.mediators({ language: 'ru' }, controller.signal);
    controller.abort();
    await expect(superseded).rejects.toMatchObject({ problem: { type: NETWORK_PROBLEM } });
  });

  it('reads the media settings with the session cookie', async () => {
    const settings = {
      calls: true,
      ice_servers: [
        { urls: ['turn:turn.kelisim.kz:3478?transport=tcp'], username: '1767225600:u1', credential: 'c2VjcmV0' },
      ],
      max_sdp_bytes: 7000,
    };
    const fetch = fakeFetch(200, JSON.stringify(settings));
    const api = createClient({ fetch, language: () => 'kk', cookies: () => '' });
    await expect(api.media()).resolves.toEqual(settings);
    const [url, init] = fetch.mock.calls[0] ?? [];
    expect(url).toBe('/api/v1/media');
    expect(init).toMatchObject({ method: 'GET', credentials: 'same-origin' });
  });

  it('reads cookies by exact name', () => {
    expect(readCookie('xkelisim_csrf=no; kelisim_csrf=yes', 'kelisim_csrf')).toBe('yes');
    expect(readCookie('', 'kelisim_csrf')).toBeUndefined();
  });
});
