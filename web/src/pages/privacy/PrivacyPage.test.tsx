// The public personal-data page: the account consent text in the interface language, the
// retention period in words (a CLDR plural), and how to withdraw consent.
import axe from 'axe-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { initI18n } from '../../i18n';
import { byTestId, mount, until } from '../../testing/harness';
import { PrivacyPage } from './PrivacyPage';

describe('PrivacyPage', () => {
  beforeEach(async () => {
    await initI18n('kk');
  });

  it('shows the account consent text, how long data are kept and how to withdraw', async () => {
    const text = { version: '2026-12-07', text: 'Оператор: Kelisim.\n\nМерзімі: 1 жыл.', retention_days: 365 };
    const { root, calls } = mount(<PrivacyPage />, () => [200, text]);
    expect(await until(() => byTestId(root, 'privacy-retention') !== null)).toBe(true);
    expect(calls.map((c) => c.path)).toEqual(['/api/v1/consent']);
    expect(byTestId(root, 'privacy-title')?.textContent).toBe('Дербес деректер');
    expect(byTestId(root, 'privacy-retention')?.textContent).toBe('365 күн');
    expect(byTestId(root, 'privacy-version')?.textContent).toBe('2026-12-07');
    expect([...root.querySelectorAll('[data-testid="consent-text"] p')].map((p) => p.textContent)).toEqual([
      'Оператор: Kelisim.',
      'Мерзімі: 1 жыл.',
    ]);
    expect(root.textContent).toContain('«Есептік жазбам мен деректерімді жою»');
    const results = await axe.run(root, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((v) => v.id)).toEqual([]);
  });
});
