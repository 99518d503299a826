// The public register of mediators (issue 10): GET /mediators with its filters, no sign-in.
import type { RequestFn } from './client';
import type { Mediator, MediatorQuery } from './types';

export function mediationEndpoints(request: RequestFn) {
  return {
    /** The register's entries matching every filter given; `signal` drops a superseded search. */
    mediators: (query: MediatorQuery = {}, signal?: AbortSignal) => {
      const search = new URLSearchParams();
      for (const [name, value] of Object.entries(query)) {
        if (typeof value === 'string' && value !== '') search.set(name, value);
      }
      const text = search.toString();
      return request<{ items: Mediator[]; next: string | null }>('GET', `/api/v1/mediators${text ? `?${text}` : ''}`, undefined, {
        authenticated: false,
        signal,
      });
    },
  };
}
