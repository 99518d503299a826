// The audit page against a fake server: entries newest first with actions in words (the
// raw code where unknown), names for known accounts, filters sent as query parameters,
// and "older entries" asking for the page before the last one shown.
import axe from 'axe-core';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../api/types';
import { initI18n } from '../../i18n';
import { choose, submit, type } from '../../testing/forms';
import { byTestId, inAct, mount, until } from '../../testing/harness';
import { aUser } from '../../testing/users';
import { AuditPage } from './AuditPage';
import { auditQuery, dayStart, matching, NO_FILTERS, PAGE_SIZE } from './filters';

const ADMIN = aUser({ id: 'a1', display_name: 'Әлия', role: 'admin' });

function entry(id: number, action: string, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id,
    at: '2026-11-25T10:00:00Z',
    actor_id: 'a1',
    action,
    object_type: 'reception',
    object_id: `r${id}`,
    detail: '{}',
    ip: '10.0.0.1',
    sealed: true,
    ...overrides,
  };
}

/** A full first page (so there may be older ones), then a short second page. */
const FIRST = Array.from({ length: PAGE_SIZE }, (_, i) => entry(200 - i, i === 0 ? 'reception.closed' : 'auth.sign_in'));
const OLDER = [entry(100, 'something.new', { actor_id: null, object_type: 'widget' })];

function paths(calls: { method: string; path: string }[]) {
  return calls.filter((c) => c.path.startsWith('/api/v1/audit')).map((c) => c.path);
}

describe('AuditPage', () => {
  beforeEach(async () => {
    await initI18n('ru');
  });

  it('lists entries newest first in words, filters by action and pages to older entries', async () => {
    const { root, calls } = mount(<AuditPage />, (_method, path) => {
      if (path === '/api/v1/users') return [200, { items: [ADMIN], next: null }];
      if (path.startsWith('/api/v1/audit?')) {
        const query = new URL(path, 'http://test').searchParams;
        if (query.get('before') === '151') return [200, { items: OLDER, next: '100' }];
        if (query.get('action') === 'reception.') return [200, { items: [FIRST[0]], next: '200' }];
        return [200, { items: FIRST, next: '151' }];
      }
      return [404, {}];
    });
    expect(await until(() => root.querySelectorAll('[data-testid="audit-entry"]').length === PAGE_SIZE)).toBe(true);
    const rows = root.querySelectorAll('[data-testid="audit-entry"]');
    expect(rows[0]?.getAttribute('data-action')).toBe('reception.closed');
    expect(rows[0]?.querySelector('[data-testid="audit-action-label"]')?.textContent).toBe(
      'Закрытие приёма reception.closed',
    );
    expect(rows[0]?.textContent).toContain('Әлия');
    expect(rows[0]?.textContent).toContain('Приём r200');
    // In the viewer's language (and zone): "25 ноября 2026 г. в …".
    expect(rows[0]?.querySelector('time')?.textContent).toContain('25 ноября 2026');
    expect(byTestId(root, 'audit-status')?.textContent).toBe('Показано 50 записей.');
    const results = await axe.run(root, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((v) => v.id)).toEqual([]);

    // Older entries: before the last one shown, added below; an unknown action by its code.
    await inAct(() => {
      byTestId(root, 'audit-older')?.click();
    });
    expect(await until(() => root.querySelectorAll('[data-testid="audit-entry"]').length === PAGE_SIZE + 1)).toBe(true);
    const last = [...root.querySelectorAll('[data-testid="audit-entry"]')].at(-1);
    expect(last?.querySelector('[data-testid="audit-action-label"]')?.textContent).toBe('something.new');
    expect(last?.textContent).toContain('Система или не вошедший пользователь');
    expect(last?.textContent).toContain('widget r100');
    expect(byTestId(root, 'audit-older')).toBeNull();

    // A whole family of actions, from a day to a day (both in the viewer's zone).
    await inAct(() => {
      choose(root, '#audit-action', 'reception.');
      type(root, '#audit-from', '2026-11-20');
      type(root, '#audit-to', '2026-11-25');
    });
    await inAct(() => {
      submit(root, '[data-testid="audit-filters"]');
    });
    expect(await until(() => root.querySelectorAll('[data-testid="audit-entry"]').length === 1)).toBe(true);
    const sent = new URL(paths(calls).at(-1) ?? '', 'http://test').searchParams;
    expect(Object.fromEntries(sent)).toEqual({
      limit: String(PAGE_SIZE),
      action: 'reception.',
      from: dayStart('2026-11-20'),
      to: dayStart('2026-11-26'),
    });
    // Fewer than a page: nothing older to ask for.
    expect(byTestId(root, 'audit-older')).toBeNull();
  });

  it('refuses an end date before the start date without asking the server', async () => {
    const { root, calls } = mount(<AuditPage />, (_method, path) =>
      path.startsWith('/api/v1/audit') ? [200, { items: [], next: null }] : [200, { items: [], next: null }],
    );
    expect(await until(() => byTestId(root, 'audit-empty') !== null)).toBe(true);
    const before = paths(calls).length;
    await inAct(() => {
      type(root, '#audit-from', '2026-11-25');
      type(root, '#audit-to', '2026-11-20');
    });
    await inAct(() => {
      submit(root, '[data-testid="audit-filters"]');
    });
    expect(root.querySelector('#audit-to-error')?.textContent).toBe('Дата окончания не может быть раньше даты начала.');
    expect(paths(calls)).toHaveLength(before);
  });

  it('shows only the action chosen, though the server matches its prefix', async () => {
    const { root } = mount(<AuditPage />, (_method, path) => {
      const query = new URL(path, 'http://test').searchParams;
      if (path.startsWith('/api/v1/audit?') && query.get('action') === 'auth.sign_in') {
        return [200, { items: [entry(3, 'auth.sign_in'), entry(2, 'auth.sign_in_failed'), entry(1, 'auth.sign_in')], next: '1' }];
      }
      return [200, { items: [], next: null }];
    });
    expect(await until(() => byTestId(root, 'audit-empty') !== null)).toBe(true);
    await inAct(() => {
      choose(root, '#audit-action', 'auth.sign_in');
    });
    await inAct(() => {
      submit(root, '[data-testid="audit-filters"]');
    });
    expect(await until(() => root.querySelectorAll('[data-testid="audit-entry"]').length === 2)).toBe(true);
    const actions = [...root.querySelectorAll('[data-testid="audit-entry"]')].map((r) => r.getAttribute('data-action'));
    expect(actions).toEqual(['auth.sign_in', 'auth.sign_in']);
    expect(byTestId(root, 'audit-status')?.textContent).toBe('Показано 2 записи.');
    // A family keeps everything under its prefix.
    expect(matching({ ...NO_FILTERS, action: 'auth.' }, [entry(2, 'auth.sign_in_failed')])).toHaveLength(1);
  });

  it('sends an id typed in rather than the account picked', () => {
    expect(auditQuery({ ...NO_FILTERS, actor: 'a1', actorId: ' guest-7 ', object: ' r1 ' })).toEqual({
      limit: PAGE_SIZE,
      actor: 'guest-7',
      object: 'r1',
    });
    expect(auditQuery({ ...NO_FILTERS, actor: 'a1' })).toEqual({ limit: PAGE_SIZE, actor: 'a1' });
  });
});
