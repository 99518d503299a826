// The router's query: setSearch adds or replaces a history entry and tells useSearch's
// listeners; navigate counts the query, so a page's bare path is a move from its filters.
import { describe, expect, it, vi } from 'vitest';
import { navigate, setSearch } from './router';

describe('router', () => {
  it('changes only the query, pushing or replacing an entry, and announces it', () => {
    window.history.replaceState(null, '', '/mediators');
    const heard = vi.fn();
    window.addEventListener('kelisim:navigate', heard);
    const push = vi.spyOn(window.history, 'pushState');
    const replace = vi.spyOn(window.history, 'replaceState');
    setSearch('?kind=public');
    expect(window.location.pathname + window.location.search).toBe('/mediators?kind=public');
    setSearch('?kind=public&q=a', { replace: true });
    setSearch('?kind=public&q=a'); // the same: nothing
    expect(push).toHaveBeenCalledTimes(1);
    expect(replace).toHaveBeenCalledTimes(1);
    expect(heard).toHaveBeenCalledTimes(2);
    // The page's own path, from its filters, is a move (the footer's link on a filtered page).
    navigate('/mediators');
    expect(window.location.search).toBe('');
    expect(push).toHaveBeenCalledTimes(2);
    navigate('/mediators');
    expect(push).toHaveBeenCalledTimes(2);
    window.removeEventListener('kelisim:navigate', heard);
    push.mockRestore();
    replace.mockRestore();
  });
});
