// The figures' tables, here the calls: held, fallen back, call-backs and TURN by name in the
// reader's language, the public's "fewer than 5", and the calls' length when it is given.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Figures, PublicFigures } from '../api/types';
import { initI18n } from '../i18n';
import { byTestId, mount } from '../testing/harness';
import { FiguresTables } from './FiguresTables';

const FIGURES: Figures = {
  served: 46,
  by_category: { family: 30 },
  by_kind: { lawyer: 40 },
  by_region: { 'KZ-71': 46 },
  by_channel: { chat: 20, video: 26 },
  by_outcome: {},
  no_show: 1,
  abandoned: 0,
  wait_median_seconds: 300,
  wait_p90_seconds: 900,
  rating_average: 4.5,
  ratings: 10,
  by_call: { call: 26, fell_back: 4, callback: 1, relayed: 7 },
  call_median_minutes: 12,
  call_p90_minutes: 25,
};

describe('FiguresTables', () => {
  beforeEach(async () => {
    await initI18n('ru');
  });

  it('counts the calls by what happened in them and says how long they lasted', () => {
    const { root } = mount(<FiguresTables figures={FIGURES} regions={[]} />, () => [404, {}]);
    const calls = byTestId(root, 'figures-by-call');
    expect(calls?.querySelector('caption')?.textContent).toBe('Звонки');
    expect(calls?.querySelector('[data-key="call"]')?.textContent).toBe('26');
    expect(calls?.textContent).toContain('Связь переходила на голос или чат');
    expect(byTestId(root, 'figures-call-minutes')?.textContent).toBe(
      'Медиана длительности звонков — 12 мин.; у 90 % — не дольше 25 мин.',
    );
  });

  it('shows the public what may be shown, and no length over too few calls', () => {
    const few: PublicFigures = {
      ...FIGURES,
      by_call: { call: null, relayed: 0 },
      call_median_minutes: null,
      call_p90_minutes: null,
    };
    const { root } = mount(<FiguresTables figures={few} regions={[]} />, () => [404, {}]);
    expect(byTestId(root, 'figures-by-call')?.querySelector('[data-key="call"]')?.textContent).toBe('меньше 5');
    expect(byTestId(root, 'figures-call-minutes')).toBeNull();
  });
});
