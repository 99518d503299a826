// A reception as the server sends one, for tests: an upcoming event of organisation o1
// unless `overrides` say otherwise.
import type { Reception } from '../api/types';

export function aReception(overrides: Partial<Reception> = {}): Reception {
  return {
    id: 'r1',
    organisation_id: 'o1',
    organisation_name: { ru: 'Центр медиации' },
    kind: 'event',
    title: { kk: 'Қабылдау', ru: 'Приём', en: 'Reception' },
    description: { ru: 'Описание' },
    starts_at: '2030-03-01T04:00:00Z',
    ends_at: '2030-03-01T12:00:00Z',
    categories: ['family'],
    channels: ['chat'],
    hours: [],
    holidays: [],
    slot_minutes: 0,
    status: 'upcoming',
    open_now: false,
    next_opening: null,
    kinds_on_duty: [],
    ...overrides,
  };
}
