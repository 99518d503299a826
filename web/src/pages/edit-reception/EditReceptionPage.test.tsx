// Changing a reception: its details go with PATCH in the same shape as a new one, the
// roster is read and saved whole, and ending it asks first and says what happens to the
// waiting citizens: "cancel" before it starts, "close early" while it runs.
import axe from 'axe-core';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Reception, RosterEntry } from '../../api/types';
import { utcToLocalInput } from '../../components/format';
import { initI18n } from '../../i18n';
import { choose, submit, type } from '../../testing/forms';
import { byTestId, inAct, mount, until, type Handler } from '../../testing/harness';
import { aReception } from '../../testing/receptions';
import { aUser } from '../../testing/users';
import { EditReceptionPage } from './EditReceptionPage';

const ORG = { id: 'o1', name: { ru: 'Центр медиации' } };
const LAWYER = aUser({ id: 's1', display_name: 'Марат', role: 'specialist', kinds: ['lawyer'], organisation: ORG });
const MEDIATOR = aUser({
  id: 's2',
  display_name: 'Гүлнар',
  role: 'specialist',
  kinds: ['mediator', 'psychologist'],
  organisation: ORG,
});
const ELSEWHERE = aUser({ id: 's3', display_name: 'Чужой', role: 'specialist', kinds: ['lawyer'], organisation: { id: 'o2', name: {} } });
const ROSTER: RosterEntry[] = [
  { specialist_id: 's1', display_name: 'Марат', kinds: ['lawyer'], from: '2030-03-01T04:00:00Z', to: '2030-03-01T12:00:00Z' },
];

function server(reception: Reception): { handler: Handler; state: { reception: Reception } } {
  const state = { reception };
  const handler: Handler = (method, path, body) => {
    if (path === '/api/v1/receptions/r1' && method === 'GET') return [200, state.reception];
    if (path === '/api/v1/receptions/r1' && method === 'PATCH') {
      const patch = body as { title: Reception['title'] };
      state.reception = { ...state.reception, title: patch.title };
      return [200, state.reception];
    }
    if (path === '/api/v1/receptions/r1/roster' && method === 'GET') return [200, { items: ROSTER, next: null }];
    if (path === '/api/v1/receptions/r1/roster' && method === 'PUT') {
      const items = (body as { items: RosterEntry[] }).items.map((s) => ({ ...s, display_name: 'x' }));
      return [200, { items, next: null }];
    }
    if (path === '/api/v1/receptions/r1/close') {
      state.reception = { ...state.reception, status: 'closed' };
      return [200, state.reception];
    }
    if (path === '/api/v1/users') return [200, { items: [LAWYER, MEDIATOR, ELSEWHERE], next: null }];
    return [404, {}];
  };
  return { handler, state };
}

describe('EditReceptionPage', () => {
  beforeEach(async () => {
    await initI18n('ru');
  });

  it('saves changed details with PATCH, in the shape of a new reception', async () => {
    const { handler } = server(aReception());
    const { root, calls } = mount(<EditReceptionPage receptionId="r1" />, handler);
    expect(await until(() => root.querySelector<HTMLInputElement>('#reception-title-ru')?.value === 'Приём')).toBe(true);
    expect(root.querySelector<HTMLInputElement>('#reception-starts')?.value).toBe(utcToLocalInput('2030-03-01T04:00:00Z'));
    expect(await until(() => root.querySelectorAll('[data-testid="roster-row"]').length === 1)).toBe(true);
    const results = await axe.run(root, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((v) => v.id)).toEqual([]);

    await inAct(() => {
      type(root, '#reception-title-ru', 'Приём по семейным делам');
      type(root, '#reception-title-en', '');
      type(root, '#reception-slot', '30');
    });
    await inAct(() => {
      submit(root, '[data-testid="edit-details-form"]');
    });
    expect(await until(() => byTestId(root, 'edit-details-saved')?.textContent === 'Изменения сохранены.')).toBe(true);
    const patch = calls.find((c) => c.method === 'PATCH');
    expect(patch?.body).toEqual({
      title: { kk: 'Қабылдау', ru: 'Приём по семейным делам' },
      description: { ru: 'Описание' },
      starts_at: '2030-03-01T04:00:00Z',
      ends_at: '2030-03-01T12:00:00Z',
      categories: ['family'],
      channels: ['chat'],
      slot_minutes: 30,
    });
    expect(await until(() => byTestId(root, 'edit-reception-name')?.textContent === 'Приём по семейным делам')).toBe(true);
  });

  it('re-rosters with PUT: the organisation\'s specialists only, each as one of their kinds', async () => {
    const { handler } = server(aReception());
    const { root, calls } = mount(<EditReceptionPage receptionId="r1" />, handler);
    expect(await until(() => root.querySelectorAll('[data-testid="roster-row"]').length === 1)).toBe(true);
    await inAct(() => {
      byTestId(root, 'roster-add')?.click();
    });
    const rows = root.querySelectorAll('[data-testid="roster-row"]');
    expect(rows).toHaveLength(2);
    const added = rows[1] as HTMLElement;
    expect(document.activeElement).toBe(added.querySelector('select'));
    expect(await until(() => added.querySelectorAll('select option').length === 3)).toBe(true);
    // Nobody from another organisation is offered.
    expect([...added.querySelectorAll('select option')].map((o) => o.textContent)).toEqual([
      'Выберите специалиста',
      'Марат',
      'Гүлнар',
    ]);
    // A new shift starts as the reception does.
    expect(added.querySelector<HTMLInputElement>('input[type="datetime-local"]')?.value).toBe(
      utcToLocalInput('2030-03-01T04:00:00Z'),
    );
    await inAct(() => {
      choose(added, 'select', 's2');
    });
    expect([...added.querySelectorAll('input[type="checkbox"]')].map((i) => (i as HTMLInputElement).value)).toEqual([
      'mediator',
      'psychologist',
    ]);
    await inAct(() => {
      added.querySelector<HTMLInputElement>('input[value="psychologist"]')?.click();
    });
    // The first shift goes.
    await inAct(() => {
      (rows[0]?.querySelector('[data-testid="roster-remove"]') as HTMLElement | null)?.click();
    });
    await inAct(() => {
      submit(root, '[data-testid="edit-roster-form"]');
    });
    expect(await until(() => byTestId(root, 'edit-roster-saved')?.textContent === 'График сохранён: 1 смена.')).toBe(true);
    expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({
      items: [{ specialist_id: 's2', kinds: ['psychologist'], from: '2030-03-01T04:00:00Z', to: '2030-03-01T12:00:00Z' }],
    });
  });

  it('cancels a reception that has not started, after asking', async () => {
    const { handler } = server(aReception({ status: 'upcoming' }));
    const { root, calls, session } = mount(<EditReceptionPage receptionId="r1" />, handler);
    expect(await until(() => byTestId(root, 'edit-cancel') !== null)).toBe(true);
    expect(byTestId(root, 'edit-close')?.textContent).toContain('Граждане, записавшиеся на время, сразу получат уведомление');
    await inAct(() => {
      byTestId(root, 'edit-cancel')?.click();
    });
    expect(root.textContent).toContain('Отменить этот приём? Вернуть его будет нельзя.');
    expect(calls.some((c) => c.path.endsWith('/close'))).toBe(false);
    await inAct(() => {
      byTestId(root, 'edit-cancel-confirm')?.click();
    });
    expect(await until(() => byTestId(root, 'edit-reception-closed') !== null)).toBe(true);
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual(['/api/v1/receptions/r1/close']);
    expect(session.announce).toHaveBeenCalledWith('Приём отменён; записавшиеся граждане уведомлены.');
    expect(byTestId(root, 'edit-details')).toBeNull();
  });

  it('offers to close a running reception early', async () => {
    const { handler } = server(aReception({ status: 'open', open_now: true }));
    const { root } = mount(<EditReceptionPage receptionId="r1" />, handler);
    expect(await until(() => byTestId(root, 'edit-close') !== null)).toBe(true);
    expect(byTestId(root, 'edit-cancel')).toBeNull();
    expect(byTestId(root, 'edit-close')?.textContent).toContain('Завершить приём досрочно');
    expect(byTestId(root, 'edit-close')?.textContent).toContain('Начатые разговоры продолжатся.');
  });

  it('sends a permanent line to its own page', async () => {
    const { handler } = server(aReception({ kind: 'permanent' }));
    const { root } = mount(<EditReceptionPage receptionId="r1" />, handler);
    expect(await until(() => byTestId(root, 'edit-reception-permanent') !== null)).toBe(true);
    expect(root.querySelector('a[href="/organisations/o1/line"]')).not.toBeNull();
    expect(byTestId(root, 'edit-details')).toBeNull();
  });
});
