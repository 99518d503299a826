// The staff list: status in words, nothing to manage about oneself, and each action on
// the right endpoint (deactivating only after a confirmation; a new specialist's kinds).
import axe from 'axe-core';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { User } from '../api/types';
import { initI18n } from '../i18n';
import { byTestId, inAct, mount, until, type Handler } from '../testing/harness';
import { aUser, problem } from '../testing/users';
import { UserList } from './UserList';

const ORG = { id: 'org1', name: { ru: 'Центр медиации' } };
const COORDINATOR = aUser({ id: 'c1', display_name: 'Координатор', role: 'coordinator', organisation: ORG });
const INVITED = aUser({
  id: 's1',
  display_name: 'Ерлан',
  email: 'erlan@example.kz',
  role: 'specialist',
  kinds: ['lawyer'],
  organisation: ORG,
  status: 'invited',
  capacity: 2,
});
const DEACTIVATED = aUser({ id: 's2', display_name: 'Дина', role: 'coordinator', organisation: ORG, status: 'deactivated' });
const ADMIN = aUser({ id: 'a1', display_name: 'Админ', role: 'admin' });

function row(root: HTMLElement, id: string): HTMLElement {
  const found = byTestId(root, `user-${id}`);
  if (!found) throw new Error(`no row ${id}`);
  return found;
}

function setup(handler: Handler, viewer: User = COORDINATOR, users: User[] = [COORDINATOR, INVITED, DEACTIVATED]) {
  const onChanged = vi.fn();
  const mounted = mount(<UserList users={users} viewer={viewer} onChanged={onChanged} />, handler);
  return { ...mounted, onChanged };
}

describe('UserList', () => {
  beforeEach(async () => {
    await initI18n('ru');
  });

  it('says each status in words and offers nothing to manage about oneself', async () => {
    const { root } = setup(() => [404, {}]);
    expect(byTestId(row(root, 's1'), 'user-status')?.textContent).toBe('Приглашён, пароль ещё не задан');
    expect(byTestId(row(root, 's2'), 'user-status')?.textContent).toBe('Доступ отключён');
    expect(byTestId(row(root, 'c1'), 'user-status')).toBeNull();
    expect(row(root, 's1').textContent).toContain('до 2 консультаций одновременно');
    expect(byTestId(row(root, 'c1'), 'user-manage')).toBeNull();
    expect(byTestId(row(root, 's1'), 'user-manage')?.textContent).toContain('Управление: Ерлан');
    const results = await axe.run(root, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((v) => v.id)).toEqual([]);
  });

  it('lets a coordinator manage neither an admin nor a citizen', () => {
    const citizen = aUser({ id: 'z1' });
    const { root } = setup(() => [404, {}], COORDINATOR, [ADMIN, citizen]);
    expect(byTestId(row(root, 'a1'), 'user-manage')).toBeNull();
    expect(byTestId(row(root, 'z1'), 'user-manage')).toBeNull();
  });

  it('sends an invitation again, and deactivates only after a confirmation', async () => {
    const { root, calls, onChanged } = setup((_method, path) => {
      if (path === '/api/v1/users/s1/invitation') return [202, { sent: true }];
      if (path === '/api/v1/users/s1/deactivate') return [200, { ...INVITED, status: 'deactivated' }];
      return [404, {}];
    });
    const invited = row(root, 's1');
    await inAct(() => {
      byTestId(invited, 'user-resend')?.click();
    });
    expect(await until(() => byTestId(invited, 'user-done')?.textContent === 'Приглашение снова отправлено на erlan@example.kz.')).toBe(true);
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(['POST /api/v1/users/s1/invitation']);

    await inAct(() => {
      byTestId(invited, 'user-deactivate')?.click();
    });
    expect(calls).toHaveLength(1);
    expect(invited.textContent).toContain('Отключить доступ для Ерлан? Сотрудник сразу выйдет из системы');
    await inAct(() => {
      byTestId(invited, 'user-deactivate-confirm')?.click();
    });
    expect(await until(() => calls.length === 2)).toBe(true);
    expect(calls[1]).toMatchObject({ method: 'POST', path: '/api/v1/users/s1/deactivate' });
    expect(await until(() => onChanged.mock.calls.length === 2)).toBe(true);
  });

  it('reactivates, and shows a refusal from the server', async () => {
    const { root, calls } = setup(() => problem(422, 'validation', 'Нельзя.', [{ field: 'id', code: 'not_yourself', detail: 'Не для себя.' }]));
    const deactivated = row(root, 's2');
    expect(byTestId(deactivated, 'user-deactivate')).toBeNull();
    await inAct(() => {
      byTestId(deactivated, 'user-reactivate')?.click();
    });
    expect(await until(() => (byTestId(deactivated, 'user-error')?.textContent ?? '') !== '')).toBe(true);
    expect(byTestId(deactivated, 'user-error')?.textContent).toContain('Нельзя.');
    expect(calls[0]).toMatchObject({ method: 'POST', path: '/api/v1/users/s2/reactivate' });
  });

  it('changes capacity, and asks for kinds when a coordinator becomes a specialist', async () => {
    const active = { ...DEACTIVATED, status: 'active' as const };
    const { root, calls } = setup(() => [200, active], COORDINATOR, [INVITED, active]);
    const specialist = row(root, 's1');
    await inAct(() => {
      specialist.querySelector<HTMLInputElement>('[data-testid="user-s1-capacity-3"]')?.click();
    });
    await inAct(() => {
      specialist.querySelector('form')?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    expect(await until(() => calls.length === 1)).toBe(true);
    expect(calls[0]).toMatchObject({ method: 'PATCH', path: '/api/v1/users/s1', body: { capacity: 3 } });

    const coordinator = row(root, 's2');
    // A coordinator may not make an admin: only an admin may.
    expect(coordinator.querySelector('input[value="admin"]')).toBeNull();
    await inAct(() => {
      coordinator.querySelector<HTMLInputElement>('[data-testid="user-role-specialist"]')?.click();
    });
    await inAct(() => {
      coordinator.querySelector('form')?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    expect(coordinator.querySelector('#user-s2-kinds-error')?.textContent).toBe('Выберите хотя бы один вариант.');
    expect(calls).toHaveLength(1);
    await inAct(() => {
      coordinator.querySelector<HTMLInputElement>('[data-testid="user-kinds-mediator"]')?.click();
    });
    await inAct(() => {
      coordinator.querySelector('form')?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    expect(await until(() => calls.length === 2)).toBe(true);
    expect(calls[1]).toMatchObject({ method: 'PATCH', path: '/api/v1/users/s2', body: { role: 'specialist', kinds: ['mediator'] } });
  });

  it('lets an admin make an admin', () => {
    const { root } = setup(() => [404, {}], ADMIN, [ADMIN, INVITED]);
    expect(row(root, 's1').querySelector('input[value="admin"]')).not.toBeNull();
    expect(byTestId(row(root, 'a1'), 'user-manage')).toBeNull();
  });
});
