// The waiting page against a fake server and socket: the place and estimated wait, their
// live update (announced politely), and the immediate "nobody on duty" notice with deferral.
import axe from 'axe-core';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Ticket } from '../../api/types';
import { formatDateTime } from '../../components/format';
import { initI18n } from '../../i18n';
import { byTestId, inAct, mount, until } from '../../testing/harness';
import { aUser } from '../../testing/users';
import { TicketPage } from './TicketPage';

const TICKET: Ticket = {
  id: 't1',
  reception_id: 'r1',
  organisation_id: 'o1',
  region: 'KZ-27',
  language: 'ru',
  category: 'labour',
  description: 'Не выплатили зарплату',
  channel: 'chat',
  kinds: ['lawyer', 'psychologist'],
  seats: [
    { kind: 'lawyer', specialist: null, joined_at: null },
    { kind: 'psychologist', specialist: { id: 's2', display_name: 'Айгүл Сейітқызы' }, joined_at: '2026-11-25T10:00:00Z' },
  ],
  status: 'waiting',
  place: 3,
  estimated_wait_seconds: 300,
  on_duty: true,
  next_opening: null,
  room_id: null,
  created_at: '2026-11-25T09:58:00Z',
  slot_at: null,
  contact: null,
  feedback_given: false,
  consent_version: '2026-12-07',
  consent_at: '2026-11-25T09:58:00Z',
  erased: false,
};

function serve(ticket: Ticket) {
  let current = ticket;
  return mount(<TicketPage ticketId="t1" />, (method, path) => {
    if (method === 'GET' && path === '/api/v1/tickets/t1') return [200, current];
    if (method === 'POST' && path === '/api/v1/tickets/t1/defer') {
      current = { ...current, status: 'deferred' };
      return [200, current];
    }
    return [404, {}];
  });
}

describe('TicketPage', () => {
  beforeEach(async () => {
    await initI18n('ru');
  });

  it('shows the place and estimated wait, and announces a new place from a live event', async () => {
    const { root, server } = serve(TICKET);
    expect(await until(() => byTestId(root, 'ticket-place') !== null)).toBe(true);
    expect(byTestId(root, 'ticket-place')?.textContent).toBe('3');
    expect(byTestId(root, 'ticket-wait')?.textContent).toBe('около 5 минут');
    expect(byTestId(root, 'ticket-off-duty')).toBeNull();
    expect(byTestId(root, 'ticket-announcement')?.textContent).toBe('');
    // Waiting is a good time to check the camera and microphone, and come back.
    expect(byTestId(root, 'ticket-check')?.textContent).toBe('Проверить камеру и микрофон');
    expect(byTestId(root, 'ticket-check')?.getAttribute('href')).toBe('/check?back=%2Ftickets%2Ft1');
    // The panel: who joined and who is awaited.
    const seats = [...root.querySelectorAll('[data-testid="seat"]')].map((li) => li.textContent);
    expect(seats).toEqual(['ЮристОжидается', 'ПсихологАйгүл Сейітқызы подключился(лась)']);

    await inAct(() => {
      server().accept();
      server().push({ type: 'ticket', ticket: { ...TICKET, place: 2, estimated_wait_seconds: 60 } });
    });
    expect(byTestId(root, 'ticket-place')?.textContent).toBe('2');
    expect(byTestId(root, 'ticket-wait')?.textContent).toBe('около 1 минуты');
    const live = byTestId(root, 'ticket-announcement');
    expect(live?.getAttribute('aria-live')).toBe('polite');
    expect(live?.textContent).toBe('Ваше место в очереди теперь: 2.');
    // Someone else's ticket changes nothing.
    await inAct(() => {
      server().push({ type: 'ticket', ticket: { ...TICKET, id: 'other', place: 1 } });
    });
    expect(byTestId(root, 'ticket-place')?.textContent).toBe('2');
    // A `place` event carries only the new place and estimate.
    await inAct(() => {
      server().push({ type: 'place', ticket_id: 't1', place: 1, estimated_wait_seconds: null });
    });
    expect(byTestId(root, 'ticket-place')?.textContent).toBe('1');
    expect(byTestId(root, 'ticket-wait')?.textContent).toBe('Пока невозможно оценить');
    expect(live?.textContent).toBe('Ваше место в очереди теперь: 1.');
    await inAct(() => {
      server().push({ type: 'place', ticket_id: 'other', place: 7, estimated_wait_seconds: 60 });
    });
    expect(byTestId(root, 'ticket-place')?.textContent).toBe('1');
  });

  it('says at once when nobody of the asked kind is on duty, and defers on request', async () => {
    const nextOpening = '2026-11-26T04:00:00Z';
    const { root, calls } = serve({ ...TICKET, on_duty: false, next_opening: nextOpening, estimated_wait_seconds: null });
    expect(await until(() => byTestId(root, 'ticket-off-duty') !== null)).toBe(true);
    expect(byTestId(root, 'ticket-off-duty')?.textContent).toContain(
      'Сейчас не дежурит ни один специалист того профиля, который вы выбрали.',
    );
    expect(byTestId(root, 'ticket-next-opening')?.textContent).toBe(
      `Ближайшее начало приёма: ${formatDateTime(nextOpening, 'ru')}.`,
    );
    expect(byTestId(root, 'ticket-wait')?.textContent).toBe('Пока невозможно оценить');
    const results = await axe.run(root, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((v) => v.id)).toEqual([]);
    await inAct(() => {
      byTestId(root, 'ticket-defer')?.click();
    });
    expect(await until(() => byTestId(root, 'ticket-deferred') !== null)).toBe(true);
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual(['/api/v1/tickets/t1/defer']);
    expect(byTestId(root, 'ticket-status')?.textContent).toBe('Ваш вопрос сохранён на потом.');
  });

  it('announces a deferred question coming back to the queue, with its place', async () => {
    const deferred: Ticket = { ...TICKET, status: 'deferred', place: null, on_duty: false, estimated_wait_seconds: null };
    const { root, server } = serve(deferred);
    expect(await until(() => byTestId(root, 'ticket-deferred') !== null)).toBe(true);
    expect(byTestId(root, 'ticket-place')).toBeNull();
    await inAct(() => {
      server().accept();
      server().push({ type: 'ticket', ticket: { ...TICKET, place: 4 } });
    });
    expect(byTestId(root, 'ticket-deferred')).toBeNull();
    expect(byTestId(root, 'ticket-place')?.textContent).toBe('4');
    expect(byTestId(root, 'ticket-status')?.textContent).toBe('Вы в очереди.');
    const live = byTestId(root, 'ticket-announcement');
    expect(live?.getAttribute('aria-live')).toBe('polite');
    expect(live?.textContent).toBe('Специалист вернулся: ваш вопрос снова в очереди. Ваше место в очереди теперь: 4.');
  });

  it('asks before leaving the queue', async () => {
    const { root, calls } = mount(<TicketPage ticketId="t1" />, (method, path) => {
      if (path === '/api/v1/tickets/t1/leave') return [200, { ...TICKET, status: 'abandoned', place: null }];
      return method === 'GET' ? [200, TICKET] : [404, {}];
    });
    expect(await until(() => byTestId(root, 'ticket-leave') !== null)).toBe(true);
    await inAct(() => {
      byTestId(root, 'ticket-leave')?.click();
    });
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    await inAct(() => {
      byTestId(root, 'ticket-leave-confirm')?.click();
    });
    expect(await until(() => byTestId(root, 'ticket-status')?.textContent === 'Вы вышли из очереди.')).toBe(true);
  });

  it('shows what was written, and erases it after a confirmation when the citizen withdraws consent', async () => {
    let current: Ticket = { ...TICKET, status: 'closed', place: null };
    const { root, calls } = mount(
      <TicketPage ticketId="t1" />,
      (method, path) => {
        if (method === 'GET' && path === '/api/v1/tickets/t1') return [200, current];
        if (method === 'POST' && path === '/api/v1/tickets/t1/erase') {
          current = { ...current, description: '', contact: null, erased: true };
          return [204, null];
        }
        if (method === 'POST' && path === '/api/v1/tickets/t1/feedback') return [204, null];
        return [404, {}];
      },
      { user: aUser() },
    );
    expect(await until(() => byTestId(root, 'ticket-erase') !== null)).toBe(true);
    expect(byTestId(root, 'question-text')?.textContent).toBe('Не выплатили зарплату');
    expect(byTestId(root, 'ticket-consent')?.textContent).toBe(
      `Вы дали согласие на обработку данных ${formatDateTime('2026-11-25T09:58:00Z', 'ru')}.`,
    );
    await inAct(() => {
      byTestId(root, 'ticket-erase')?.click();
    });
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    expect(root.textContent).toContain('Удалить этот вопрос и всё, что с ним связано? Это нельзя отменить.');
    const results = await axe.run(root, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((v) => v.id)).toEqual([]);
    await inAct(() => {
      byTestId(root, 'ticket-erase-confirm')?.click();
    });
    expect(await until(() => byTestId(root, 'question-erased') !== null)).toBe(true);
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual(['/api/v1/tickets/t1/erase']);
    expect(byTestId(root, 'question-erased')?.textContent).toBe('Удалено по вашей просьбе.');
    expect(byTestId(root, 'ticket-announcement')?.textContent).toBe('Ваш вопрос удалён.');
    // Nothing of the question is left: no text, no feedback form, no erase button.
    expect(byTestId(root, 'question-text')).toBeNull();
    expect(byTestId(root, 'ticket-erase')).toBeNull();
    expect(byTestId(root, 'ticket-outcome')).toBeNull();
  });

  it('offers no erasing during a live consultation, nor to anyone but a citizen', async () => {
    const live = mount(<TicketPage ticketId="t1" />, () => [200, { ...TICKET, status: 'in_room', room_id: null }], {
      user: aUser(),
    });
    expect(await until(() => byTestId(live.root, 'ticket-question') !== null)).toBe(true);
    expect(byTestId(live.root, 'ticket-erase')).toBeNull();
    expect(byTestId(live.root, 'ticket-question')?.textContent).toContain('Удалить этот вопрос можно после консультации.');
    const staff = mount(<TicketPage ticketId="t1" />, () => [200, TICKET], { user: aUser({ role: 'coordinator' }) });
    expect(await until(() => byTestId(staff.root, 'ticket-question') !== null)).toBe(true);
    expect(byTestId(staff.root, 'ticket-erase')).toBeNull();
  });

  it("shows an erased question as erased at the citizen's request", async () => {
    const { root } = serve({ ...TICKET, status: 'abandoned', place: null, description: '', erased: true });
    expect(await until(() => byTestId(root, 'question-erased') !== null)).toBe(true);
    expect(byTestId(root, 'question-erased')?.textContent).toBe('Удалено по вашей просьбе.');
    expect(byTestId(root, 'queue')).toBeNull();
  });
});
