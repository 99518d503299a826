// Links to the check page and back: another screen links here with `?back=` its own path,
// and the check page offers to go back there — only ever to a path on this site.

/** The path of `?back=`, when it is one of this site's (never another site, never `//host`). */
export function backPath(search: string): string | null {
  const back = new URLSearchParams(search).get('back');
  return back !== null && /^\/(?![/\\])[^\s\\]*$/.test(back) ? back : null;
}

/** The link to this page from another one, which it then offers to go back to. */
export function checkLink(from: string): string {
  return `/check?back=${encodeURIComponent(from)}`;
}
