// The consent box the intake and sign-up forms share: the text of its purpose in the
// interface language, as paragraphs; a failed load said so with a retry; and which refusals
// mean "the text changed, ask again".
import axe from 'axe-core';
import { useState } from 'preact/hooks';
import { beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../api/problem';
import { initI18n } from '../i18n';
import { byTestId, inAct, mount, until } from '../testing/harness';
import { problem } from '../testing/users';
import { ConsentField, isOutdatedConsent, useConsentText, type ConsentPurpose } from './Consent';

const TEXT = {
  version: '2026-12-07',
  text: 'Оператор: Kelisim.\n\n  Цель: учётная запись.\nСрок: 1 день.  \n \n\n',
  retention_days: 1,
};

function Box({ purpose }: { purpose: ConsentPurpose }) {
  const consent = useConsentText(purpose);
  const [checked, setChecked] = useState(false);
  return (
    <ConsentField
      id="c"
      purpose={purpose === 'account' ? 'account' : 'question'}
      consent={consent}
      checked={checked}
      onChecked={setChecked}
      error={undefined}
      testId="c"
    />
  );
}

describe('ConsentField', () => {
  beforeEach(async () => {
    await initI18n('ru');
  });

  it('loads the text of its purpose and shows it as paragraphs behind a summary', async () => {
    const { root, calls } = mount(<Box purpose={{ reception: 'r 1' }} />, () => [200, TEXT]);
    expect(await until(() => byTestId(root, 'c-details') !== null)).toBe(true);
    expect(calls.map((c) => c.path)).toEqual(['/api/v1/consent?reception_id=r%201']);
    // One day: the singular form.
    expect(root.querySelector('#c-hint')?.textContent).toContain('Данные хранятся 1 день;');
    expect([...root.querySelectorAll('[data-testid="consent-text"] p')].map((p) => p.textContent)).toEqual([
      'Оператор: Kelisim.',
      'Цель: учётная запись.\nСрок: 1 день.',
    ]);
    expect(byTestId(root, 'c-details')?.textContent).toContain('Версия текста: 2026-12-07');
    const results = await axe.run(root, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((v) => v.id)).toEqual([]);
  });

  it('says when the text did not load, and loads it again on request', async () => {
    let fail = true;
    const { root, calls } = mount(<Box purpose="account" />, () => (fail ? problem(503, 'unavailable', 'Сервис недоступен.') : [200, TEXT]));
    expect(await until(() => byTestId(root, 'c-load-error')?.textContent === 'Сервис недоступен.')).toBe(true);
    expect(calls.map((c) => c.path)).toEqual(['/api/v1/consent']);
    expect(byTestId(root, 'c-details')).toBeNull();
    fail = false;
    await inAct(() => {
      root.querySelector<HTMLButtonElement>('.consent button')?.click();
    });
    expect(await until(() => byTestId(root, 'c-details') !== null)).toBe(true);
    expect(byTestId(root, 'c-load-error')?.textContent).toBe('');
  });
});

describe('isOutdatedConsent', () => {
  const refusal = (errors: { field: string; code?: string; detail: string }[]) =>
    new ApiError({ type: 'urn:kelisim:problem:validation', title: '', status: 422, errors });

  it('is true only for the consent field with the code outdated', () => {
    expect(isOutdatedConsent(refusal([{ field: 'consent', code: 'outdated', detail: 'x' }]))).toBe(true);
    expect(isOutdatedConsent(refusal([{ field: 'consent', code: 'required', detail: 'x' }]))).toBe(false);
    expect(isOutdatedConsent(refusal([{ field: 'contact', code: 'outdated', detail: 'x' }]))).toBe(false);
    expect(isOutdatedConsent(new Error('outdated'))).toBe(false);
  });
});
