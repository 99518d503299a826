// A tiny router on the History API: the current path as state, navigate() to move,
// and <Link> for in-app anchors that keep normal link behaviour (new tab, copy link).
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';

const NAVIGATE_EVENT = 'kelisim:navigate';

export function currentPath(): string {
  return window.location.pathname;
}

export function navigate(path: string, { replace = false }: { replace?: boolean } = {}): void {
  // The query counts: /mediators from /mediators?kind=public is a move.
  if (path === currentPath() + window.location.search) return;
  if (replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

export function usePath(): string {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const update = () => {
      setPath(currentPath());
    };
    window.addEventListener('popstate', update);
    window.addEventListener(NAVIGATE_EVENT, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(NAVIGATE_EVENT, update);
    };
  }, []);
  return path;
}

/** The current query string (`?a=1`, or ''), updated on Back, Forward and setSearch(). */
export function useSearch(): string {
  const [search, setSearchState] = useState(() => window.location.search);
  useEffect(() => {
    // The window it listened to, kept: a test's page may be unmounted after its environment
    // (and the global `window`) is gone.
    const w = window;
    const update = () => {
      setSearchState(w.location.search);
    };
    w.addEventListener('popstate', update);
    w.addEventListener(NAVIGATE_EVENT, update);
    return () => {
      w.removeEventListener('popstate', update);
      w.removeEventListener(NAVIGATE_EVENT, update);
    };
  }, []);
  return search;
}

/**
 * Changes only the query of the current address (a page's filters): a new history entry,
 * so Back returns to the previous filters, or with `replace` the same one (typing).
 */
export function setSearch(search: string, { replace = false }: { replace?: boolean } = {}): void {
  const query = search === '?' ? '' : search;
  if (query === window.location.search) return;
  const url = currentPath() + query + window.location.hash;
  if (replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

interface LinkProps {
  href: string;
  children: ComponentChildren;
  class?: string;
  'aria-label'?: string;
  'aria-describedby'?: string;
  'data-testid'?: string;
}

export function Link({ href, children, ...rest }: LinkProps) {
  const onClick = (event: MouseEvent) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    navigate(href);
  };
  return (
    <a href={href} onClick={onClick} {...rest}>
      {children}
    </a>
  );
}

/**
 * Matches a path against a pattern such as `/tickets/:id`; returns the decoded parameters,
 * or null when it does not match.
 */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/');
  const have = (path.length > 1 ? path.replace(/\/+$/, '') : path).split('/');
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i += 1) {
    const w = want[i] ?? '';
    const h = have[i] ?? '';
    if (w.startsWith(':')) {
      if (!h) return null;
      try {
        params[w.slice(1)] = decodeURIComponent(h);
      } catch {
        return null;
      }
    } else if (w !== h) return null;
  }
  return params;
}
