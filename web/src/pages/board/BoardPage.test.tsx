// The coordinator's board against a fake server and socket: questions left for later are
// a group of their own (counted with plurals), never mixed into the waiting queue.
import axe from 'axe-core';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Board, Ticket } from '../../api/types';
import { initI18n } from '../../i18n';
import { byTestId, inAct, mount, until } from '../../testing/harness';
import { BoardPage } from './BoardPage';

function ticket(id: string, status: Ticket['status'], place: number | null): Ticket {
  return {
    id,
    reception_id: 'r1',
    organisation_id: 'o1',
    region: 'KZ-27',
    language: 'kk',
    category: 'labour',
    description: '',
    channel: 'chat',
    kinds: ['lawyer'],
    seats: [{ kind: 'lawyer', specialist: null, joined_at: null }],
    status,
    place,
    estimated_wait_seconds: null,
    on_duty: status === 'waiting',
    next_opening: null,
    room_id: null,
    created_at: '2026-11-25T09:58:00Z',
    slot_at: null,
    contact: null,
    feedback_given: false,
    consent_version: null,
    consent_at: null,
    erased: false,
  };
}

function board(tickets: Ticket[]): Board {
  return {
    reception_id: 'r1',
    waiting: tickets.filter((t) => t.status === 'waiting').length,
    waiting_by_category: {},
    waiting_by_kind: {},
    longest_wait_seconds: null,
    tickets,
    specialists: [],
    rooms: [],
  };
}

const lists = (root: HTMLElement) => ({
  waiting: root.querySelectorAll('[data-testid="board-tickets"] [data-testid="board-ticket"]').length,
  deferred: root.querySelectorAll('[data-testid="board-deferred"] [data-testid="board-ticket"]').length,
});

describe('BoardPage', () => {
  beforeEach(async () => {
    await initI18n('ru');
  });

  it('shows questions left for later apart from the queue, counted with plurals', async () => {
    const first = board([ticket('w1', 'waiting', 1), ticket('d1', 'deferred', null), ticket('d2', 'deferred', null)]);
    const { root, server } = mount(<BoardPage receptionId="r1" />, (_method, path) => {
      if (path === '/api/v1/receptions/r1/board') return [200, first];
      if (path === '/api/v1/receptions/r1') return [200, { id: 'r1', title: { ru: 'Приём' }, status: 'open' }];
      return [404, {}];
    });
    expect(await until(() => byTestId(root, 'board-deferred') !== null)).toBe(true);
    expect(lists(root)).toEqual({ waiting: 1, deferred: 2 });
    expect(byTestId(root, 'board-deferred-title')?.textContent).toBe('2 вопроса оставлены на потом');
    const results = await axe.run(root, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((v) => v.id)).toEqual([]);

    // Five left for later, then none: the group goes away.
    const five = ['d1', 'd2', 'd3', 'd4', 'd5'].map((id) => ticket(id, 'deferred', null));
    await inAct(() => {
      server().accept();
      server().push({ type: 'board', board: board(five) });
    });
    expect(lists(root)).toEqual({ waiting: 0, deferred: 5 });
    expect(byTestId(root, 'board-deferred-title')?.textContent).toBe('5 вопросов оставлено на потом');
    await inAct(() => {
      server().push({ type: 'board', board: board([ticket('d1', 'waiting', 1)]) });
    });
    expect(byTestId(root, 'board-deferred')).toBeNull();
    expect(lists(root)).toEqual({ waiting: 1, deferred: 0 });
  });
});
