// The staff form invites: no password field, a capacity choice for specialists, and the
// invitation's address confirmed next to the form.
import axe from 'axe-core';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { initI18n } from '../i18n';
import { byTestId, inAct, mount, until } from '../testing/harness';
import { aUser } from '../testing/users';
import { StaffForm } from './StaffForm';

function type(root: HTMLElement, selector: string, value: string) {
  const input = root.querySelector<HTMLInputElement>(selector);
  if (!input) throw new Error(`no ${selector}`);
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

describe('StaffForm', () => {
  beforeEach(async () => {
    await initI18n('ru');
  });

  it('sends an invitation with the chosen capacity and says where it went', async () => {
    const onCreated = vi.fn();
    const invited = aUser({ id: 'u9', email: 'new@example.kz', role: 'specialist', status: 'invited', capacity: 2 });
    const { root, calls } = mount(
      <StaffForm title="Пригласить" roles={['specialist']} organisation={{ fixed: 'org1' }} onCreated={onCreated} />,
      () => [201, invited],
    );
    expect(root.querySelector('input[type="password"]')).toBeNull();
    expect(byTestId(root, 'staff-submit')?.textContent).toBe('Отправить приглашение');
    expect(root.querySelector<HTMLInputElement>('[data-testid="staff-capacity-1"]')?.checked).toBe(true);
    expect(root.textContent).toContain('Со сколькими гражданами специалист говорит одновременно.');
    const results = await axe.run(root, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((v) => v.id)).toEqual([]);

    await inAct(() => {
      type(root, '#staff-display_name', ' Ерлан Қасымов ');
      type(root, '#staff-email', 'new@example.kz');
      root.querySelector<HTMLInputElement>('#staff-kinds input[value="lawyer"]')?.click();
    });
    await inAct(() => {
      root.querySelector<HTMLInputElement>('[data-testid="staff-capacity-2"]')?.click();
    });
    await inAct(() => {
      root.querySelector('form')?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    expect(await until(() => onCreated.mock.calls.length === 1)).toBe(true);
    expect(calls[0]?.body).toEqual({
      display_name: 'Ерлан Қасымов',
      email: 'new@example.kz',
      role: 'specialist',
      kinds: ['lawyer'],
      organisation_id: 'org1',
      language: 'ru',
      languages: ['ru'],
      categories: [],
      capacity: 2,
    });
    expect(byTestId(root, 'staff-invited')?.textContent).toBe('Приглашение отправлено на new@example.kz.');
    expect(root.querySelector<HTMLInputElement>('#staff-email')?.value).toBe('');
  });

  it('sends no capacity for a coordinator', async () => {
    const { root, calls } = mount(
      <StaffForm title="Пригласить" roles={['specialist', 'coordinator']} organisation={{ fixed: 'org1' }} onCreated={vi.fn()} />,
      () => [201, aUser({ role: 'coordinator', status: 'invited' })],
    );
    await inAct(() => {
      type(root, '#staff-display_name', 'Марат');
      type(root, '#staff-email', 'marat@example.kz');
      root.querySelector<HTMLInputElement>('#staff-role input[value="coordinator"]')?.click();
    });
    expect(byTestId(root, 'staff-capacity')).toBeNull();
    await inAct(() => {
      root.querySelector('form')?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    expect(await until(() => calls.length === 1)).toBe(true);
    expect(calls[0]?.body).not.toHaveProperty('capacity');
    expect(calls[0]?.body).toMatchObject({ role: 'coordinator', kinds: [] });
  });
});
