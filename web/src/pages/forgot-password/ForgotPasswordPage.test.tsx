// Asking for a new password: the address is checked here first, and the answer is the
// same calm note whatever the server knows about the address.
import axe from 'axe-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { initI18n } from '../../i18n';
import { byTestId, inAct, mount, until } from '../../testing/harness';
import { problem } from '../../testing/users';
import { ForgotPasswordPage } from './ForgotPasswordPage';

function type(root: HTMLElement, selector: string, value: string) {
  const input = root.querySelector<HTMLInputElement>(selector);
  if (!input) throw new Error(`no ${selector}`);
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

async function submit(root: HTMLElement) {
  await inAct(() => {
    root.querySelector('form')?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
}

describe('ForgotPasswordPage', () => {
  beforeEach(async () => {
    await initI18n('kk');
  });

  it('checks the address, sends it, and says a link is on its way if the account exists', async () => {
    const { root, calls } = mount(<ForgotPasswordPage />, () => [202, { requested: true }]);
    const results = await axe.run(root, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((v) => v.id)).toEqual([]);
    await inAct(() => {
      type(root, '#email', 'not-an-address');
    });
    await submit(root);
    expect(root.querySelector('#email-error')?.textContent).toBe(
      'Электрондық пошта мекенжайын енгізіңіз, мысалы name@example.kz.',
    );
    expect(calls).toHaveLength(0);
    await inAct(() => {
      type(root, '#email', ' aigerim@example.kz ');
    });
    await submit(root);
    expect(await until(() => (byTestId(root, 'forgot-password-sent')?.textContent ?? '') !== '')).toBe(true);
    expect(calls[0]).toMatchObject({ path: '/api/v1/auth/password-reset', body: { email: 'aigerim@example.kz' } });
    expect(byTestId(root, 'forgot-password-sent')?.textContent).toBe(
      'Бұл мекенжайға тіркелген есептік жазба болса, оған жаңа құпиясөз орнату сілтемесін жібердік. Сілтеме бір сағат жарамды.',
    );
    expect(root.querySelector('form')).toBeNull();
    expect(root.querySelector('a[href="/sign-in"]')).not.toBeNull();
  });

  it('shows a refusal (too many requests) and keeps the form', async () => {
    const { root } = mount(<ForgotPasswordPage />, () => problem(429, 'rate-limited', 'Өтініш тым көп.'));
    await inAct(() => {
      type(root, '#email', 'aigerim@example.kz');
    });
    await submit(root);
    expect(await until(() => byTestId(root, 'form-error')?.textContent === 'Өтініш тым көп.')).toBe(true);
    expect(root.querySelector('form')).not.toBeNull();
  });
});
