// The permanent line's settings: weekdays named in the viewer's language (Kazakh too),
// hours added and removed per day, overlapping hours refused before sending, holidays
// added as dates, and everything saved with one PUT.
import axe from 'axe-core';
import { beforeEach, describe, expect, it } from 'vitest';
import type { LineInput, Reception } from '../../api/types';
import { initI18n } from '../../i18n';
import { submit, type } from '../../testing/forms';
import { byTestId, inAct, mount, until, type Handler } from '../../testing/harness';
import { aReception } from '../../testing/receptions';
import { aUser } from '../../testing/users';
import { LinePage } from './LinePage';

const ORG = { id: 'o1', name: { kk: 'Медиация орталығы', ru: 'Центр медиации' } };
const COORDINATOR = aUser({ id: 'c1', role: 'coordinator', organisation: ORG });
const LINE = aReception({
  id: 'line1',
  kind: 'permanent',
  hours: [
    { weekday: 1, from: '09:00', to: '18:00' },
    { weekday: 6, from: '10:00', to: '14:00' },
  ],
  holidays: ['2027-01-01'],
});

function server(line: Reception | null): Handler {
  return (method, path, body) => {
    if (path === '/api/v1/receptions?organisation_id=o1') return [200, { items: line ? [aReception(), line] : [aReception()], next: null }];
    if (path === '/api/v1/organisations') return [200, { items: [{ ...ORG, region: 'KZ-75' }], next: null }];
    if (path === '/api/v1/organisations/o1/line' && method === 'PUT') {
      return [200, { ...(line ?? aReception({ id: 'line2', kind: 'permanent' })), ...(body as LineInput) }];
    }
    return [404, {}];
  };
}

const dayNames = (root: HTMLElement) => [...root.querySelectorAll('.week__name')].map((h) => h.textContent);

describe('LinePage', () => {
  beforeEach(async () => {
    await initI18n('ru');
  });

  it('names the weekdays in Kazakh and saves hours and holidays with one PUT', async () => {
    await initI18n('kk');
    const { root, calls } = mount(<LinePage user={COORDINATOR} organisationId="o1" />, server(LINE));
    expect(await until(() => root.querySelectorAll('[data-testid="line-hours"]').length === 2)).toBe(true);
    expect(dayNames(root)).toEqual(['дүйсенбі', 'сейсенбі', 'сәрсенбі', 'бейсенбі', 'жұма', 'сенбі', 'жексенбі']);
    expect(byTestId(root, 'line-day-2')?.textContent).toContain('Демалыс');
    expect(root.querySelector('label[for="hours-1-from"]')?.textContent).toBe('дүйсенбі: басталуы');
    expect(byTestId(root, 'line-holiday')?.textContent).toContain('1 қаңтар');
    const results = await axe.run(root, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((v) => v.id)).toEqual([]);

    // Tuesday opens 09:00–13:00; Saturday closes; a holiday is added.
    await inAct(() => {
      byTestId(root, 'line-add-2')?.click();
    });
    await inAct(() => {
      type(byTestId(root, 'line-day-2') as HTMLElement, '[data-testid="line-to"]', '13:00');
      (byTestId(root, 'line-day-6')?.querySelector('[data-testid="line-remove-hours"]') as HTMLElement | null)?.click();
      type(root, '#holiday-new', '2026-12-16');
    });
    await inAct(() => {
      byTestId(root, 'line-holiday-add')?.click();
    });
    expect([...root.querySelectorAll('[data-testid="line-holiday"]')].map((li) => li.getAttribute('data-date'))).toEqual([
      '2026-12-16',
      '2027-01-01',
    ]);
    await inAct(() => {
      submit(root, '[data-testid="line-form"]');
    });
    expect(await until(() => byTestId(root, 'line-saved')?.textContent !== '')).toBe(true);
    expect(calls.find((c) => c.method === 'PUT')).toEqual({
      method: 'PUT',
      path: '/api/v1/organisations/o1/line',
      body: {
        hours: [
          { weekday: 1, from: '09:00', to: '18:00' },
          { weekday: 2, from: '09:00', to: '13:00' },
        ],
        holidays: ['2026-12-16', '2027-01-01'],
      },
    });
  });

  it('refuses hours that overlap on the same day, and an end before the start', async () => {
    const { root, calls } = mount(<LinePage user={COORDINATOR} organisationId="o1" />, server(LINE));
    expect(await until(() => root.querySelectorAll('[data-testid="line-hours"]').length === 2)).toBe(true);
    expect(dayNames(root)[0]).toBe('понедельник');
    await inAct(() => {
      byTestId(root, 'line-add-1')?.click();
    });
    const monday = byTestId(root, 'line-day-1') as HTMLElement;
    // The new hours have the focus.
    expect(document.activeElement).toBe(monday.querySelectorAll('[data-testid="line-from"]')[1]);
    await inAct(() => {
      type(monday, '[data-testid="line-hours"]:nth-of-type(2) [data-testid="line-from"]', '17:00');
      type(monday, '[data-testid="line-hours"]:nth-of-type(2) [data-testid="line-to"]', '16:00');
    });
    await inAct(() => {
      submit(root, '[data-testid="line-form"]');
    });
    expect(monday.textContent).toContain('Окончание должно быть позже начала.');
    await inAct(() => {
      type(monday, '[data-testid="line-hours"]:nth-of-type(2) [data-testid="line-to"]', '20:00');
    });
    await inAct(() => {
      submit(root, '[data-testid="line-form"]');
    });
    expect(monday.textContent).toContain('Эти часы пересекаются с другими часами того же дня.');
    expect(calls.some((c) => c.method === 'PUT')).toBe(false);
  });

  it('sets up a line the organisation does not have yet', async () => {
    const { root, calls } = mount(<LinePage user={COORDINATOR} organisationId="o1" />, server(null));
    expect(await until(() => root.textContent.includes('У организации ещё нет постоянной линии'))).toBe(true);
    expect(root.querySelectorAll('[data-testid="line-hours"]')).toHaveLength(0);
    await inAct(() => {
      byTestId(root, 'line-add-3')?.click();
    });
    await inAct(() => {
      submit(root, '[data-testid="line-form"]');
    });
    expect(await until(() => calls.some((c) => c.method === 'PUT'))).toBe(true);
    expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({ hours: [{ weekday: 3, from: '09:00', to: '18:00' }], holidays: [] });
  });

  it('shows a coordinator another organisation\'s line as not found', async () => {
    const { root, calls } = mount(<LinePage user={COORDINATOR} organisationId="o2" />, server(LINE));
    // The page's effects (its document title) run before the test ends.
    await inAct(() => undefined);
    expect(byTestId(root, 'not-found')).not.toBeNull();
    expect(calls).toHaveLength(0);
  });
});
