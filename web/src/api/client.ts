// Typed client for the Kelisim API. Every request carries the interface language
// (Accept-Language) so the server localises its problem details, and every unsafe
// request carries the CSRF token from the readable kelisim_csrf cookie.
// Failures are thrown as ApiError (see problem.ts); 204 responses resolve to undefined.
// A Blob body is sent raw with its own type (uploads); anything else as JSON.
import { accountEndpoints } from './account-client';
import { caseEndpoints } from './cases-client';
import { conferenceEndpoints } from './conference-client';
import { mediaEndpoints } from './media-client';
import { mediationEndpoints } from './mediation-client';
import { ApiError, networkProblem, parseProblem } from './problem';
import { receptionEndpoints } from './reception-client';
import type {
  AuditEntry,
  AuditQuery,
  ConsentText,
  Organisation,
  OrganisationInput,
  Page,
  Region,
  SignInRequest,
  SignUpRequest,
  User,
} from './types';
import type { Language } from '../i18n';

export const CSRF_COOKIE = 'kelisim_csrf';
const TIMEOUT_MS = 30_000; // generous: citizens are often on a weak mobile link

export interface ClientOptions {
  baseUrl?: string;
  language: () => string;
  fetch?: typeof fetch;
  cookies?: () => string;
  /** Called when an authenticated call answers 401 (the session ended). */
  onUnauthorized?: () => void;
}

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export type RequestFn = <T>(
  method: Method,
  path: string,
  body?: unknown,
  options?: RequestOptions,
) => Promise<T>;

export interface RequestOptions {
  authenticated?: boolean;
  /** Aborts the request (a superseded search); it then fails as a network problem. */
  signal?: AbortSignal;
}

export function readCookie(cookies: string, name: string): string | undefined {
  for (const part of cookies.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/** `?a=1&b=2` of the parameters that have a value ('' when none has). */
export function queryString(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export function createClient(options: ClientOptions) {
  const baseUrl = options.baseUrl ?? '';
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const cookies = options.cookies ?? (() => document.cookie);

  async function request<T>(
    method: Method,
    path: string,
    body?: unknown,
    { authenticated = true, signal }: RequestOptions = {},
  ): Promise<T> {
    const headers: Record<string, string> = {
      Accept: 'application/json, application/problem+json',
      'Accept-Language': options.language(),
    };
    const raw = body instanceof Blob;
    if (raw) headers['Content-Type'] = body.type || 'application/octet-stream';
    else if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET') {
      const token = readCookie(cookies(), CSRF_COOKIE);
      if (token) headers['X-CSRF-Token'] = token;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      controller.abort();
    }, TIMEOUT_MS);
    const abort = () => {
      controller.abort();
    };
    if (signal?.aborted) abort();
    signal?.addEventListener('abort', abort);
    let response: Response;
    let text: string;
    try {
      response = await doFetch(baseUrl + path, {
        method,
        headers,
        body: raw ? body : body === undefined ? null : JSON.stringify(body),
        credentials: 'same-origin',
        signal: controller.signal,
      });
      text = await response.text();
    } catch {
      throw new ApiError(networkProblem());
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', abort);
    }
    if (!response.ok) {
      const problem = parseProblem(response.status, response.headers.get('Content-Type'), text);
      if (response.status === 401 && authenticated) options.onUnauthorized?.();
      throw new ApiError(problem);
    }
    if (response.status === 204 || text === '') return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new ApiError({ type: 'about:blank', title: '', status: response.status, errors: [] });
    }
  }

  return {
    request,
    me: () => request<User>('GET', '/api/v1/me', undefined, { authenticated: false }),
    updateMe: (patch: { language: Language }) => request<User>('PATCH', '/api/v1/me', patch),
    signIn: (body: SignInRequest) =>
      request<{ user: User }>('POST', '/api/v1/auth/sign-in', body, { authenticated: false }),
    signUp: (body: SignUpRequest) =>
      request<{ user: User }>('POST', '/api/v1/auth/sign-up', body, { authenticated: false }),
    signOut: () => request<undefined>('POST', '/api/v1/auth/sign-out'),
    listUsers: () => request<Page<User>>('GET', '/api/v1/users'),
    listOrganisations: () => request<Page<Organisation>>('GET', '/api/v1/organisations'),
    /** The consent text for asking at a reception, or (without one) for an account. */
    consent: (receptionId?: string) =>
      request<ConsentText>(
        'GET',
        `/api/v1/consent${receptionId ? `?reception_id=${encodeURIComponent(receptionId)}` : ''}`,
        undefined,
        { authenticated: false },
      ),
    /**
     * Erases a citizen's account: every question's data, the account anonymised, every
     * session ended. A guest has no password to give.
     */
    deleteMe: (password?: string) =>
      request<undefined>('DELETE', '/api/v1/me', password === undefined ? {} : { password }),
    createOrganisation: (body: OrganisationInput) => request<Organisation>('POST', '/api/v1/organisations', body),
    /** An admin changes any organisation, a coordinator their own (404 for another). */
    updateOrganisation: (id: string, body: OrganisationInput) =>
      request<Organisation>('PATCH', `/api/v1/organisations/${encodeURIComponent(id)}`, body),
    /** The audit trail, newest first (admins); `next` goes as `before` for older entries. */
    audit: (query: AuditQuery = {}) => request<Page<AuditEntry>>('GET', `/api/v1/audit${queryString({ ...query })}`),
    listRegions: () => request<Page<Region>>('GET', '/api/v1/regions', undefined, { authenticated: false }),
    ...accountEndpoints(request),
    ...receptionEndpoints(request),
    ...mediaEndpoints(request),
    ...conferenceEndpoints(request),
    ...mediationEndpoints(request),
    ...caseEndpoints(request),
  };
}

export type ApiClient = ReturnType<typeof createClient>;
