// The organisation page: a new organisation needs every name and a region; an edit sends
// PATCH with the whole name and the region; a coordinator may open only their own.
import axe from 'axe-core';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Organisation } from '../../api/types';
import { initI18n } from '../../i18n';
import { choose, submit, type } from '../../testing/forms';
import { byTestId, inAct, mount, until } from '../../testing/harness';
import { aUser } from '../../testing/users';
import { OrganisationPage } from './OrganisationPage';

const ORG: Organisation = {
  id: 'o1',
  name: { kk: 'Медиация орталығы', ru: 'Центр медиации', en: 'Mediation centre' },
  region: 'KZ-75',
};
const REGIONS = [
  { code: 'KZ-75', kind: 'city', name: { ru: 'Алматы' } },
  { code: 'KZ-71', kind: 'city', name: { ru: 'Астана' } },
];
const ADMIN = aUser({ id: 'a1', role: 'admin' });

function server(method: string, path: string, body: unknown): [number, unknown] {
  if (path === '/api/v1/organisations' && method === 'GET') return [200, { items: [ORG], next: null }];
  if (path === '/api/v1/regions') return [200, { items: REGIONS, next: null }];
  if (path === '/api/v1/organisations/o1' && method === 'PATCH') return [200, { ...ORG, ...(body as object) }];
  if (path === '/api/v1/organisations' && method === 'POST') return [201, { id: 'o2', ...(body as object) }];
  return [404, {}];
}

describe('OrganisationPage', () => {
  beforeEach(async () => {
    await initI18n('ru');
  });

  it('changes an organisation\'s names and region with PATCH', async () => {
    const { root, calls } = mount(<OrganisationPage user={ADMIN} organisationId="o1" />, server);
    expect(await until(() => root.querySelector<HTMLInputElement>('#organisation-name-ru')?.value === 'Центр медиации')).toBe(
      true,
    );
    expect(await until(() => root.querySelectorAll('#organisation-region option').length === 3)).toBe(true);
    expect(root.querySelector<HTMLSelectElement>('#organisation-region')?.value).toBe('KZ-75');
    expect(root.querySelector('#organisation-name-kk')?.getAttribute('lang')).toBe('kk');
    const results = await axe.run(root, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((v) => v.id)).toEqual([]);

    await inAct(() => {
      type(root, '#organisation-name-ru', ' Центр медиации Алматы ');
      choose(root, '#organisation-region', 'KZ-71');
    });
    await inAct(() => {
      submit(root);
    });
    expect(await until(() => byTestId(root, 'organisation-saved')?.textContent === 'Изменения сохранены.')).toBe(true);
    const patch = calls.find((c) => c.method === 'PATCH');
    expect(patch?.path).toBe('/api/v1/organisations/o1');
    expect(patch?.body).toEqual({
      name: { kk: 'Медиация орталығы', ru: 'Центр медиации Алматы', en: 'Mediation centre' },
      region: 'KZ-71',
    });
  });

  it('asks for every name and the region before creating one', async () => {
    const { root, calls, session } = mount(<OrganisationPage user={ADMIN} />, server);
    expect(await until(() => root.querySelectorAll('#organisation-region option').length === 3)).toBe(true);
    await inAct(() => {
      type(root, '#organisation-name-ru', 'Новый центр');
    });
    await inAct(() => {
      submit(root);
    });
    expect(root.querySelector('#organisation-name-kk-error')?.textContent).toBe('Заполните это поле.');
    expect(root.querySelector('#organisation-region-error')?.textContent).toBe('Заполните это поле.');
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
    await inAct(() => {
      type(root, '#organisation-name-kk', 'Жаңа орталық');
      type(root, '#organisation-name-en', 'New centre');
      choose(root, '#organisation-region', 'KZ-75');
    });
    await inAct(() => {
      submit(root);
    });
    expect(await until(() => calls.some((c) => c.method === 'POST'))).toBe(true);
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      name: { kk: 'Жаңа орталық', ru: 'Новый центр', en: 'New centre' },
      region: 'KZ-75',
    });
    expect(await until(() => (session.announce as unknown as { mock: { calls: unknown[][] } }).mock.calls.length === 1)).toBe(
      true,
    );
  });

  it('shows a coordinator another organisation as not found', async () => {
    const coordinator = aUser({ role: 'coordinator', organisation: { id: 'o9', name: { ru: 'Другой' } } });
    const { root, calls } = mount(<OrganisationPage user={coordinator} organisationId="o1" />, server);
    // The page's effects (its document title) run before the test ends.
    await inAct(() => undefined);
    expect(byTestId(root, 'not-found')).not.toBeNull();
    expect(calls).toHaveLength(0);
  });
});
