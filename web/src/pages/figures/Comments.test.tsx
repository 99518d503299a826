// The citizens' comments on the figures page against a fake server: newest first, a page at
// a time, the next page asked for after the last comment shown.
import axe from 'axe-core';
import { beforeEach, describe, expect, it } from 'vitest';
import type { FeedbackComment } from '../../api/types';
import { initI18n } from '../../i18n';
import { byTestId, inAct, mount, until } from '../../testing/harness';
import { Comments } from './Comments';

function comment(id: string, text: string, rating: number, at: string): FeedbackComment {
  return { ticket_id: id, reception_id: 'r1', rating, comment: text, at };
}

describe('Comments', () => {
  beforeEach(async () => {
    await initI18n('kk');
  });

  it('lists the newest first and shows older ones on request', async () => {
    const { root, calls } = mount(<Comments receptionId="r1" />, (_method, path) => {
      if (path === '/api/v1/receptions/r1/comments?limit=20')
        return [200, { items: [comment('t2', 'Рақмет!', 5, '2026-11-25T10:00:00Z')], next: 'cursor-1' }];
      if (path === '/api/v1/receptions/r1/comments?limit=20&before=cursor-1')
        return [200, { items: [comment('t1', 'Ұзақ күттім', 2, '2026-11-24T10:00:00Z')], next: null }];
      return [404, {}];
    });
    expect(await until(() => byTestId(root, 'figures-comments') !== null)).toBe(true);
    const texts = () => [...root.querySelectorAll('[data-testid="figures-comments"] li .summary-text')].map((e) => e.textContent);
    expect(texts()).toEqual(['Рақмет!']);
    const results = await axe.run(root, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((v) => v.id)).toEqual([]);

    await inAct(() => byTestId(root, 'figures-comments-older')?.click());
    expect(await until(() => texts().length === 2)).toBe(true);
    expect(texts()).toEqual(['Рақмет!', 'Ұзақ күттім']);
    expect(byTestId(root, 'figures-comments-older')).toBeNull();
    expect(calls.map((c) => c.path)).toContain('/api/v1/receptions/r1/comments?limit=20&before=cursor-1');
  });

  it('says when there is nothing yet', async () => {
    const { root } = mount(<Comments receptionId="r1" />, () => [200, { items: [], next: null }]);
    expect(await until(() => root.textContent.includes('Әзірге пікір жоқ.'))).toBe(true);
  });
});
