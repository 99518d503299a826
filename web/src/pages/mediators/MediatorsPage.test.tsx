// The register's page against a fake server: a shared link's filters asked of the server and
// shown in the controls, each change one request and one history entry (Back returns), typing
// sent once after a pause, the count announced, a suspension shown; empty and error states.
import axe from 'axe-core';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Mediator, Region } from '../../api/types';
import { initI18n } from '../../i18n';
import { choose, submit, type } from '../../testing/forms';
import { byTestId, inAct, mount, until, type Call } from '../../testing/harness';
import { problem } from '../../testing/users';
import { MediatorsPage } from './MediatorsPage';

const REGIONS: Region[] = [
  { code: 'KZ-75', kind: 'city', name: { kk: 'Алматы', ru: 'Алматы', en: 'Almaty' } },
  { code: 'KZ-27', kind: 'region', name: { kk: 'Батыс Қазақстан облысы', ru: 'Западно-Казахстанская область', en: 'West Kazakhstan Region' } },
];

function aMediator(id: string, overrides: Partial<Mediator> = {}): Mediator {
  return {
    id,
    name: `Медиатор ${id}`,
    kind: 'professional',
    keeper: 'Палата медиаторов',
    certificate: { number: `C-${id}`, date: '2024-03-03' },
    specialisations: ['family'],
    languages: ['kk', 'ru'],
    regions: ['KZ-75'],
    status: 'active',
    status_since: null,
    status_reason: '',
    ...overrides,
  };
}

const ALL = [
  aMediator('1', { name: 'Айгерим Сапарова' }),
  aMediator('2', {
    name: 'Болат Ержанов',
    status: 'suspended',
    status_since: '2026-11-01',
    status_reason: 'Не продлено страхование ответственности',
  }),
  aMediator('3', { name: 'Гульнар Омарова', kind: 'public', keeper: 'Акимат города Алматы', certificate: null, languages: ['ru'] }),
];

/** The register behind the fake server: filters by kind, language and a name's part. */
function register(method: string, path: string): [number, unknown] {
  if (path === '/api/v1/regions') return [200, { items: REGIONS, next: null }];
  if (method === 'GET' && path.startsWith('/api/v1/mediators')) {
    const query = new URL(path, 'http://test').searchParams;
    const q = (query.get('q') ?? '').toLowerCase();
    const mediators = ALL.filter(
      (m) =>
        (!query.get('kind') || m.kind === query.get('kind')) &&
        (!query.get('language') || m.languages.includes(query.get('language') as Mediator['languages'][number])) &&
        (!query.get('status') || m.status === query.get('status')) &&
        (!q || m.name.toLowerCase().includes(q)),
    );
    return [200, { items: mediators, next: null }];
  }
  return [404, {}];
}

const searches = (calls: Call[]) =>
  calls.filter((c) => c.path.startsWith('/api/v1/mediators')).map((c) => c.path.replace('/api/v1/mediators', ''));
const cards = (root: HTMLElement) => [...root.querySelectorAll('[data-testid="mediator"]')];
const names = (root: HTMLElement) => cards(root).map((c) => c.querySelector('h3')?.textContent);
const count = (root: HTMLElement) => byTestId(root, 'mediators-count')?.textContent;

/** Waits longer than until() alone: past the typing pause. */
async function eventually(ready: () => boolean): Promise<boolean> {
  for (let i = 0; i < 5 && !(await until(ready)); i += 1);
  return ready();
}

describe('MediatorsPage', () => {
  beforeEach(async () => {
    await initI18n('ru');
    window.history.replaceState(null, '', '/mediators');
  });

  it('lists the register with a count, the kind, the certificate and a suspension, axe-clean', async () => {
    const { root, calls } = mount(<MediatorsPage />, register);
    expect(await until(() => cards(root).length === 3)).toBe(true);
    expect(searches(calls)).toEqual(['']);
    expect(count(root)).toBe('Найдено 3 медиатора');
    const [first, suspended, publicOne] = cards(root);
    expect(first?.querySelector('[data-testid="mediator-kind"]')?.textContent).toBe('Профессиональный медиатор');
    expect(first?.querySelector('[data-testid="mediator-certificate"]')?.textContent).toBe('№ C-1 от 3 марта 2024 г.');
    expect(first?.querySelector('[data-testid="mediator-regions"]')?.textContent).toBe('Алматы');
    expect(first?.querySelector('[data-testid="mediator-status"]')).toBeNull();
    expect(suspended?.getAttribute('data-status')).toBe('suspended');
    expect(suspended?.querySelector('[data-testid="mediator-status-label"]')?.textContent).toBe('Приостановление деятельности');
    expect(suspended?.querySelector('[data-testid="mediator-status-since"]')?.textContent).toBe('1 ноября 2026 г.');
    expect(suspended?.querySelector('[data-testid="mediator-status-reason"]')?.textContent).toBe(
      'Не продлено страхование ответственности',
    );
    expect(publicOne?.querySelector('[data-testid="mediator-kind"]')?.textContent).toBe('Общественный медиатор');
    expect(publicOne?.querySelector('[data-testid="mediator-certificate"]')).toBeNull();
    expect(publicOne?.textContent).toContain('Акимат города Алматы');
    // Regions grouped: the cities, then the oblasts.
    const groups = [...root.querySelectorAll('#mediators-region optgroup')].map((g) => g.getAttribute('label'));
    expect(groups).toEqual(['Города республиканского значения', 'Области']);
    expect(byTestId(root, 'mediators-clear')?.getAttribute('data-idle')).toBe('true');
    const results = await axe.run(root, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((v) => v.id)).toEqual([]);
  });

  it('takes a shared link\'s filters, puts each change in the address, and Back returns', async () => {
    window.history.replaceState(null, '', '/mediators?kind=professional&status=active&page=3');
    const { root, calls } = mount(<MediatorsPage />, register);
    expect(await until(() => cards(root).length === 1)).toBe(true);
    expect(searches(calls)).toEqual(['?kind=professional&status=active']);
    expect((root.querySelector('#mediators-kind') as HTMLSelectElement).value).toBe('professional');
    expect((root.querySelector('#mediators-active') as HTMLInputElement).checked).toBe(true);
    expect(count(root)).toBe('Найден 1 медиатор');

    await inAct(() => {
      choose(root, '#mediators-kind', 'public');
    });
    expect(window.location.search).toBe('?kind=public&status=active');
    expect(await until(() => names(root).join() === 'Гульнар Омарова')).toBe(true);
    expect(searches(calls)).toEqual(['?kind=professional&status=active', '?kind=public&status=active']);

    await inAct(() => {
      window.history.back();
    });
    expect(await until(() => window.location.search === '?kind=professional&status=active&page=3')).toBe(true);
    expect(await until(() => names(root).join() === 'Айгерим Сапарова')).toBe(true);
    expect((root.querySelector('#mediators-kind') as HTMLSelectElement).value).toBe('professional');

    // Clearing the filters: the whole register, the address without a query.
    await inAct(() => {
      byTestId(root, 'mediators-clear')?.click();
    });
    expect(window.location.search).toBe('');
    expect(document.activeElement?.id).toBe('mediators-q');
    expect(await until(() => cards(root).length === 3)).toBe(true);
  });

  it('sends typed text once, after a pause, and refining it replaces the history entry', async () => {
    const { root, calls } = mount(<MediatorsPage />, register);
    expect(await until(() => cards(root).length === 3)).toBe(true);
    for (const text of ['О', 'Ом', 'Омар']) {
      await inAct(() => {
        type(root, '#mediators-q', text);
      });
    }
    expect(searches(calls)).toEqual(['']);
    expect(await eventually(() => names(root).join() === 'Гульнар Омарова')).toBe(true);
    expect(searches(calls)).toEqual(['', '?q=%D0%9E%D0%BC%D0%B0%D1%80']);
    expect(count(root)).toBe('Найден 1 медиатор');

    // Refined, then sent at once with Enter: the same history entry.
    await inAct(() => {
      type(root, '#mediators-q', 'Омарова');
    });
    await inAct(() => {
      submit(root, '[data-testid="mediators-search"]');
    });
    expect(window.location.search).toBe('?q=%D0%9E%D0%BC%D0%B0%D1%80%D0%BE%D0%B2%D0%B0');
    expect(await until(() => searches(calls).length === 3)).toBe(true);

    // A choice while text waits takes the text along: still one request.
    await inAct(() => {
      type(root, '#mediators-q', 'Айгерим');
    });
    await inAct(() => {
      choose(root, '#mediators-language', 'kk');
    });
    expect(await until(() => names(root).join() === 'Айгерим Сапарова')).toBe(true);
    expect(searches(calls).at(-1)).toBe('?q=%D0%90%D0%B9%D0%B3%D0%B5%D1%80%D0%B8%D0%BC&language=kk');
    await until(() => false); // past the typing pause: nothing more is sent
    expect(searches(calls)).toHaveLength(4);

    // Back: the search as refined (its letters were one entry), then no search at all.
    await inAct(() => {
      window.history.back();
    });
    expect(await until(() => window.location.search === '?q=%D0%9E%D0%BC%D0%B0%D1%80%D0%BE%D0%B2%D0%B0')).toBe(true);
    expect(await until(() => (root.querySelector('#mediators-q') as HTMLInputElement).value === 'Омарова')).toBe(true);
    await inAct(() => {
      window.history.back();
    });
    expect(await until(() => window.location.search === '')).toBe(true);
    expect(await until(() => cards(root).length === 3)).toBe(true);
    expect((root.querySelector('#mediators-q') as HTMLInputElement).value).toBe('');
  });

  it('says when nothing matches, and offers to clear the filters', async () => {
    window.history.replaceState(null, '', '/mediators?q=Zzz');
    const { root } = mount(<MediatorsPage />, register);
    expect(await until(() => byTestId(root, 'mediators-empty') !== null)).toBe(true);
    expect(count(root)).toBe('Медиаторы не найдены.');
    expect((root.querySelector('#mediators-q') as HTMLInputElement).value).toBe('Zzz');
    expect(byTestId(root, 'mediators-empty')?.textContent).toBe(
      'По этим условиям никого нет. Измените запрос или сбросьте фильтры.',
    );
    await inAct(() => {
      byTestId(root, 'mediators-clear')?.click();
    });
    expect(await until(() => cards(root).length === 3)).toBe(true);
    expect((root.querySelector('#mediators-q') as HTMLInputElement).value).toBe('');
  });

  it('shows a failure with a way to try again', async () => {
    let fail = true;
    const { root, calls } = mount(<MediatorsPage />, (method, path) =>
      fail && path.startsWith('/api/v1/mediators') ? problem(503, 'busy', 'Сервер занят.') : register(method, path),
    );
    expect(await until(() => byTestId(root, 'mediators-retry') !== null)).toBe(true);
    expect(byTestId(root, 'mediators-error')?.textContent).toBe('Сервер занят.');
    expect(cards(root)).toHaveLength(0);
    fail = false;
    await inAct(() => {
      byTestId(root, 'mediators-retry')?.click();
    });
    expect(await until(() => cards(root).length === 3)).toBe(true);
    expect(byTestId(root, 'mediators-error')?.textContent).toBe('');
    expect(searches(calls)).toEqual(['', '']);
  });
});
