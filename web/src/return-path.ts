// Where to go back to after signing in or up: a page that needs an account (an invitation
// link) remembers itself here, in this tab only, and the shell takes it once signed in.
const KEY = 'kelisim.returnTo';

/** Remembers an in-app path (with its #fragment) to come back to after signing in. */
export function rememberReturn(path: string): void {
  if (!path.startsWith('/') || path.startsWith('//')) return;
  try {
    sessionStorage.setItem(KEY, path);
  } catch {
    // Storage disabled: the user lands on their home page instead.
  }
}

/** The remembered path, once (it is forgotten as it is read). */
export function takeReturn(): string | undefined {
  try {
    const path = sessionStorage.getItem(KEY) ?? undefined;
    sessionStorage.removeItem(KEY);
    return path;
  } catch {
    return undefined;
  }
}
