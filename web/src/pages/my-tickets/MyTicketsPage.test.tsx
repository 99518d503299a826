// My tickets against a fake server: each ticket with its reception's title, status in
// words, when asked and the place while waiting; the empty state leads to asking.
import axe from 'axe-core';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Reception, Ticket } from '../../api/types';
import { formatDateTime } from '../../components/format';
import { initI18n } from '../../i18n';
import { byTestId, inAct, mount, until } from '../../testing/harness';
import { MyTicketsPage } from './MyTicketsPage';

const WAITING = {
  id: 't2',
  reception_id: 'r1',
  status: 'waiting',
  place: 4,
  description: 'Не выплатили зарплату',
  created_at: '2026-11-28T09:58:00Z',
} as Ticket;
const CLOSED = { ...WAITING, id: 't1', status: 'closed', place: null, created_at: '2026-11-20T12:00:00Z' } as Ticket;
const RECEPTION = {
  id: 'r1',
  title: { ru: 'Приём юристов', kk: 'Заңгерлер қабылдауы', en: 'Lawyers' },
  organisation_name: { ru: 'Центр примирения', kk: 'Татуластыру орталығы', en: 'Reconciliation centre' },
} as Reception;

function serve(tickets: Ticket[]) {
  return mount(<MyTicketsPage />, (method, path) => {
    if (method === 'POST' && path === '/api/v1/tickets/t1/erase') {
      tickets = tickets.map((ticket) => (ticket.id === 't1' ? { ...ticket, description: '', erased: true } : ticket));
      return [204, null];
    }
    if (method === 'GET' && path === '/api/v1/tickets') return [200, { items: tickets }];
    if (method === 'GET' && path === '/api/v1/receptions/r1') return [200, RECEPTION];
    return [404, {}];
  });
}

describe('MyTicketsPage', () => {
  beforeEach(async () => {
    await initI18n('ru');
  });

  it('lists each ticket with its reception, status, time asked and place, linking to it', async () => {
    const { root, calls } = serve([WAITING, CLOSED]);
    expect(await until(() => root.querySelectorAll('[data-testid="my-ticket"]').length === 2)).toBe(true);
    expect(byTestId(root, 'my-tickets-count')?.textContent).toBe('2 вопроса');
    const cards = [...root.querySelectorAll<HTMLElement>('[data-testid="my-ticket"]')];
    const waiting = cards[0] ?? root;
    const closed = cards[1] ?? root;
    expect(waiting.querySelector('h2')?.textContent).toBe('Приём юристов');
    expect(byTestId(waiting, 'my-ticket-status')?.textContent).toBe('Вы в очереди.');
    expect(byTestId(waiting, 'my-ticket-asked')?.textContent).toBe(formatDateTime(WAITING.created_at, 'ru'));
    expect(byTestId(waiting, 'my-ticket-place')?.textContent).toBe('4');
    expect(byTestId(waiting, 'my-ticket-open')?.getAttribute('href')).toBe('/tickets/t2');
    expect(byTestId(closed, 'my-ticket-status')?.textContent).toBe('Консультация завершена.');
    expect(byTestId(closed, 'my-ticket-place')).toBeNull();
    // One reception read for both tickets.
    expect(calls.filter((c) => c.path === '/api/v1/receptions/r1')).toHaveLength(1);
    const result = await axe.run(root);
    expect(result.violations.map((v) => v.id)).toEqual([]);
  });

  it('says when there are none and leads to asking a question', async () => {
    const { root } = serve([]);
    expect(await until(() => byTestId(root, 'my-tickets-empty') !== null)).toBe(true);
    expect(byTestId(root, 'my-tickets-count')?.textContent).toBe('0 вопросов');
    expect(byTestId(root, 'my-tickets-ask')?.getAttribute('href')).toBe('/receptions');
  });

  it("erases a question after a confirmation, and shows it as erased at the citizen's request", async () => {
    const { root, calls } = serve([{ ...WAITING, status: 'in_room', place: null }, CLOSED]);
    expect(await until(() => root.querySelectorAll('[data-testid="my-ticket"]').length === 2)).toBe(true);
    // Not during a live consultation.
    expect(byTestId(root, 'my-ticket-erase-t2')).toBeNull();
    await inAct(() => {
      byTestId(root, 'my-ticket-erase-t1')?.click();
    });
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    await inAct(() => {
      byTestId(root, 'my-ticket-erase-t1-confirm')?.click();
    });
    expect(await until(() => byTestId(root, 'question-erased') !== null)).toBe(true);
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual(['/api/v1/tickets/t1/erase']);
    const closed = root.querySelector<HTMLElement>('[data-ticket-id="t1"]') ?? root;
    expect(byTestId(closed, 'question-erased')?.textContent).toBe('Удалено по вашей просьбе.');
    expect(byTestId(closed, 'question-text')).toBeNull();
    expect(byTestId(closed, 'my-ticket-erase-t1')).toBeNull();
    expect(byTestId(root, 'my-tickets-status')?.textContent).toBe('Ваш вопрос удалён.');
    const result = await axe.run(root);
    expect(result.violations.map((v) => v.id)).toEqual([]);
  });
});
