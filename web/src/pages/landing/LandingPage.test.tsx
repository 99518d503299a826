// The landing page against a fake server: "Ask a question" goes where a visitor can ask —
// the one open reception's form, the list of those open, or all receptions when none is.
import axe from 'axe-core';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Reception } from '../../api/types';
import { initI18n } from '../../i18n';
import { byTestId, mount, until } from '../../testing/harness';
import { LandingPage } from './LandingPage';

const OPEN = {
  id: 'r1',
  kind: 'event',
  status: 'open',
  open_now: true,
  title: { ru: 'Виртуальный приём' },
  organisation_name: { ru: 'Центр примирения' },
  description: {},
  starts_at: '2026-11-28T04:00:00Z',
  ends_at: '2026-11-28T13:00:00Z',
  channels: ['chat', 'phone'],
  hours: [],
  next_opening: null,
  kinds_on_duty: ['lawyer'],
} as unknown as Reception;
const LINE = { ...OPEN, id: 'r2', kind: 'permanent', open_now: false } as Reception;
const UPCOMING = { ...OPEN, id: 'r3', status: 'upcoming', open_now: false } as Reception;

function serve(receptions: Reception[]) {
  return mount(<LandingPage />, (method, path) =>
    method === 'GET' && path === '/api/v1/receptions' ? [200, { items: receptions, next: null }] : [404, {}],
  );
}

const cards = (root: HTMLElement) => root.querySelectorAll('[data-testid="reception"]').length;

describe('LandingPage', () => {
  beforeEach(async () => {
    await initI18n('ru');
  });

  it('shows what takes questions, open now first, and sends "Ask a question" to that list', async () => {
    const { root } = serve([LINE, UPCOMING, OPEN]);
    expect(await until(() => cards(root) === 2)).toBe(true);
    const titles = [...root.querySelectorAll('[data-testid="reception"] h3')].map((h) => h.id);
    expect(titles).toEqual(['reception-r1-title', 'reception-r2-title']);
    expect(byTestId(root, 'landing-ask')?.getAttribute('href')).toBe('#open-now');
    expect(byTestId(root, 'landing-none-open')).toBeNull();
    const result = await axe.run(root);
    expect(result.violations.map((v) => v.id)).toEqual([]);
  });

  it('goes straight to the form when one reception is open', async () => {
    const { root } = serve([OPEN, UPCOMING]);
    expect(await until(() => cards(root) === 1)).toBe(true);
    expect(byTestId(root, 'landing-ask')?.getAttribute('href')).toBe('/ask/r1');
  });

  it('points to all receptions when none is open', async () => {
    const { root } = serve([UPCOMING]);
    expect(await until(() => byTestId(root, 'landing-none-open') !== null)).toBe(true);
    expect(cards(root)).toBe(0);
    expect(byTestId(root, 'landing-ask')?.getAttribute('href')).toBe('/receptions');
    expect(byTestId(root, 'landing-all-receptions')?.getAttribute('href')).toBe('/receptions');
  });
});
