// A conference's page for its moderator: the edit screen fills in what is scheduled, keeps the
// agenda items' ids (their minutes stay) and the guests' own languages, sends only what the
// form holds, and shows the conference as saved.
import axe from 'axe-core';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Conference } from '../../api/types';
import { initI18n } from '../../i18n';
import { byTestId, inAct, mount, until, type Handler } from '../../testing/harness';
import { aUser } from '../../testing/users';
import { ConferencePage } from './ConferencePage';

const AXE = { rules: { 'color-contrast': { enabled: false } } };
const CONFERENCE: Conference = {
  id: 'c1',
  organisation_id: 'org',
  title: 'Медиация в семейных спорах',
  description: '',
  language: 'ru',
  starts_at: '2030-03-01T05:00:00Z',
  ends_at: '2030-03-01T07:00:00Z',
  status: 'scheduled',
  phase: 'upcoming',
  ended_at: null,
  created_by: 'me',
  my_role: 'moderator',
  agenda: [{ id: 'a1', title: 'Открытие', minutes: 'Записано' }],
  participants: [
    { role: 'moderator', user_id: 'me', name: 'Гүлнар Бекова', email: '', organisation_id: 'org', joined: true },
    { role: 'speaker', user_id: 'wko', name: 'Ерлан Ахметов', email: '', organisation_id: 'org2', joined: true },
    { role: 'guest', user_id: null, name: 'Судья Ким', email: 'kim@court.kz', organisation_id: '', joined: false },
  ],
  proposals: [],
};

function show() {
  let current = CONFERENCE;
  const handler: Handler = (method, path, body) => {
    if (path === '/api/v1/conferences/c1' && method === 'GET') return [200, current];
    if (path === '/api/v1/conferences/c1' && method === 'PATCH') {
      current = { ...current, title: (body as { title: string }).title };
      return [200, current];
    }
    return [404, {}];
  };
  return mount(<ConferencePage conferenceId="c1" />, handler, { user: aUser({ id: 'me' }) });
}

describe('ConferencePage', () => {
  beforeEach(async () => {
    await initI18n('ru');
  });

  it('lets a moderator change the conference, keeping item ids and guests as invited', async () => {
    const { root, calls } = show();
    expect(await until(() => byTestId(root, 'conference-edit') !== null)).toBe(true);
    await inAct(() => {
      byTestId(root, 'conference-edit')?.click();
    });
    const name = byTestId(root, 'schedule-name') as HTMLInputElement;
    expect(name.value).toBe('Медиация в семейных спорах');
    expect((byTestId(root, 'schedule-agenda-0') as HTMLInputElement).value).toBe('Открытие');
    expect(byTestId(root, 'schedule-chosen')?.textContent).toContain('Ерлан Ахметов');
    expect((byTestId(root, 'schedule-guest-email-0') as HTMLInputElement).value).toBe('kim@court.kz');
    expect(root.querySelector('#guest-language-0')).toBeNull(); // invited before: their language stays
    expect((await axe.run(root, AXE)).violations.map((v) => v.id)).toEqual([]);

    await inAct(() => {
      name.value = 'Медиация: итоги года';
      name.dispatchEvent(new Event('input', { bubbles: true }));
      byTestId(root, 'schedule-add-item')?.click();
    });
    await inAct(() => {
      const second = byTestId(root, 'schedule-agenda-1') as HTMLInputElement;
      second.value = 'Предложения';
      second.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await inAct(() => {
      byTestId(root, 'schedule-submit')?.click();
    });
    expect(await until(() => calls.some((c) => c.method === 'PATCH'))).toBe(true);
    const sent = calls.find((c) => c.method === 'PATCH')?.body as Record<string, unknown>;
    expect(sent.title).toBe('Медиация: итоги года');
    expect(sent.agenda).toEqual([{ id: 'a1', title: 'Открытие' }, { title: 'Предложения' }]);
    expect(sent.specialists).toEqual(['wko']);
    expect(sent.moderators).toEqual([]);
    expect(sent.guests).toEqual([{ name: 'Судья Ким', email: 'kim@court.kz' }]);
    expect(await until(() => byTestId(root, 'schedule-form') === null)).toBe(true);
    expect(root.querySelector('h1')?.textContent).toBe('Медиация: итоги года');
  });
});
