// A coordinator's list of receptions leads to changing each event reception that is not
// over, and to the permanent line's settings from the line's own row.
import { beforeEach, describe, expect, it } from 'vitest';
import { initI18n } from '../../i18n';
import { mount, until } from '../../testing/harness';
import { aReception } from '../../testing/receptions';
import { OrganisationReceptions } from './OrganisationReceptions';

describe('OrganisationReceptions', () => {
  beforeEach(async () => {
    await initI18n('ru');
  });

  it('offers "change" for receptions not over and the hours for the permanent line', async () => {
    const items = [
      aReception({ id: 'up', status: 'upcoming', title: { ru: 'Будущий' } }),
      aReception({ id: 'run', status: 'open', title: { ru: 'Идёт' } }),
      aReception({ id: 'over', status: 'closed', title: { ru: 'Прошёл' } }),
      aReception({ id: 'line', kind: 'permanent', status: 'open', title: { ru: 'Линия' } }),
    ];
    const { root } = mount(<OrganisationReceptions organisationId="o1" />, (_method, path) =>
      path === '/api/v1/receptions?organisation_id=o1' ? [200, { items, next: null }] : [404, {}],
    );
    expect(await until(() => root.querySelectorAll('li').length === 4)).toBe(true);
    const edits = [...root.querySelectorAll('[data-testid="coordinator-edit"]')].map((a) => a.getAttribute('href'));
    expect(edits).toEqual(['/receptions/up/edit', '/receptions/run/edit']);
    const line = root.querySelector('[data-testid="coordinator-line"]');
    expect(line?.getAttribute('href')).toBe('/organisations/o1/line');
    expect(line?.textContent).toBe('Часы и праздники');
    // Each link says which reception it is for.
    const first = root.querySelector('[data-testid="coordinator-edit"]');
    expect(document.getElementById(first?.getAttribute('aria-describedby') ?? '')?.textContent).toBe('Будущий');
  });
});
