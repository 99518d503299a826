// The intake form: the checks that mirror the server's, then the request it sends, the
// server's field problems beside their fields, and the return link shown once.
import axe from 'axe-core';
import type { TFunction } from 'i18next';
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Reception } from '../../api/types';
import { i18next, initI18n } from '../../i18n';
import { byTestId, inAct, mount, until } from '../../testing/harness';
import { problem } from '../../testing/users';
import { AskPage } from './AskPage';
import { initialIntake, MAX_DESCRIPTION, validateIntake, type IntakeValues } from './intake';

const RECEPTION: Reception = {
  id: 'r1',
  organisation_id: 'o1',
  organisation_name: { ru: 'Центр медиации', kk: 'Медиация орталығы' },
  kind: 'event',
  title: { ru: 'Приём по трудовым спорам', kk: 'Еңбек даулары бойынша қабылдау' },
  description: {},
  starts_at: '2026-11-25T04:00:00Z',
  ends_at: '2026-11-25T12:00:00Z',
  categories: ['labour', 'family'],
  channels: ['chat', 'phone'],
  hours: [],
  holidays: [],
  slot_minutes: 0,
  status: 'open',
  open_now: true,
  next_opening: null,
  kinds_on_duty: ['lawyer'],
};
const REGIONS = [
  { code: 'KZ-27', kind: 'region', name: { ru: 'Западно-Казахстанская область' } },
  { code: 'KZ-75', kind: 'city', name: { ru: 'Алматы' } },
];
const CONSENT = {
  version: '2026-12-07',
  text: 'Оператор: Центр медиации.\n\nЦель: ответить на ваш вопрос.\n\nСогласие можно отозвать на странице вопроса.',
  retention_days: 365,
};
const CONTEXT = { reception: RECEPTION, regions: REGIONS, slots: [], consent: CONSENT };

function valid(): IntakeValues {
  return {
    ...initialIntake('ru', RECEPTION),
    region: 'KZ-27',
    category: 'labour',
    description: ' Работодатель не платит зарплату ',
    kinds: ['lawyer'],
    consent: true,
  };
}

describe('validateIntake', () => {
  let t: TFunction;
  beforeEach(async () => {
    t = await initI18n('ru');
  });
  const problems = (values: IntakeValues) =>
    Object.entries(validateIntake(t, values, CONTEXT))
      .filter(([, problem]) => problem)
      .map(([field]) => field);

  it('accepts a complete question and starts with chat and the UI language', () => {
    expect(problems(valid())).toEqual([]);
    expect(initialIntake('kk', RECEPTION)).toMatchObject({ language: 'kk', channel: 'chat', consent: false });
  });

  it('flags every missing field at once', () => {
    expect(problems(initialIntake('ru', RECEPTION))).toEqual(['region', 'category', 'description', 'kinds', 'consent']);
  });

  it('mirrors the server: known region and category, offered channel, 4000 code points, phone needs a contact', () => {
    expect(problems({ ...valid(), region: 'KZ-99', category: 'housing', channel: 'video' })).toEqual([
      'region',
      'category',
      'channel',
    ]);
    // 4000 Kazakh letters (2 bytes each in UTF-8) are fine; one more is not.
    expect(problems({ ...valid(), description: 'ә'.repeat(MAX_DESCRIPTION) })).toEqual([]);
    expect(problems({ ...valid(), description: 'ә'.repeat(MAX_DESCRIPTION + 1) })).toEqual(['description']);
    expect(problems({ ...valid(), description: '   ' })).toEqual(['description']);
    expect(problems({ ...valid(), channel: 'phone' })).toEqual(['contact']);
    expect(problems({ ...valid(), channel: 'phone', contact: '+77011234567' })).toEqual([]);
    expect(problems({ ...valid(), slotAt: '2026-11-25T05:00:00Z' })).toEqual(['slot_at']);
  });

  it('takes consent only once its text has loaded', () => {
    const check = (values: IntakeValues) => validateIntake(t, values, { ...CONTEXT, consent: undefined }).consent;
    expect(check(valid())).toBe('Текст согласия ещё не загрузился. Проверьте связь и попробуйте снова.');
    expect(check({ ...valid(), consent: false })).toBe('Мы можем принять ваш вопрос только с вашего согласия.');
  });
});

function fill(root: HTMLElement, testId: string, value: string) {
  const input = byTestId(root, testId) as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement | null;
  if (!input) throw new Error(`no ${testId}`);
  input.value = value;
  input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
}

function click(root: HTMLElement, testId: string) {
  const element = byTestId(root, testId);
  if (!element) throw new Error(`no ${testId}`);
  element.click();
}

async function submit(root: HTMLElement) {
  await act(async () => {
    byTestId(root, 'intake-form')?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

describe('AskPage', () => {
  beforeEach(async () => {
    await initI18n('ru');
    window.history.replaceState(null, '', '/ask/r1');
  });

  it('checks locally, shows server field problems beside fields, then shows the return link once', async () => {
    let answer: [number, unknown] = [
      400,
      {
        type: 'urn:kelisim:problem:validation',
        status: 400,
        detail: 'Проверьте поля.',
        errors: [{ field: 'description', detail: 'Слишком длинное описание.' }],
      },
    ];
    const { root, calls, session } = mount(<AskPage receptionId="r1" />, (method, path) => {
      if (path === '/api/v1/receptions/r1') return [200, RECEPTION];
      if (path === '/api/v1/regions') return [200, { items: REGIONS, next: null }];
      if (path === '/api/v1/consent?reception_id=r1') return [200, CONSENT];
      if (method === 'POST' && path === '/api/v1/tickets') return answer;
      return [404, {}];
    });
    expect(await until(() => byTestId(root, 'intake-consent-details') !== null)).toBe(true);
    // Labels, the language defaulting to the interface's, only the reception's channels.
    expect(root.querySelector('label[for="intake-description"]')?.textContent).toBe('Что случилось?');
    expect((byTestId(root, 'intake-language-ru') as HTMLInputElement).checked).toBe(true);
    expect(byTestId(root, 'intake-channel-video')).toBeNull();
    expect(byTestId(root, 'intake-kinds-lawyer')?.parentElement?.textContent).toBe('Юрист (сейчас дежурит)');

    await submit(root);
    expect(calls.filter((c) => c.method === 'POST')).toEqual([]);
    expect(root.querySelector('#intake-region-error')?.textContent).toBe('Выберите регион.');
    expect(root.querySelector('#intake-consent-error')?.textContent).toBe(
      'Мы можем принять ваш вопрос только с вашего согласия.',
    );
    expect(byTestId(root, 'intake-consent')?.getAttribute('aria-invalid')).toBe('true');
    const results = await axe.run(root, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((v) => v.id)).toEqual([]);

    await inAct(() => {
      fill(root, 'intake-region', 'KZ-27');
      click(root, 'intake-category-labour');
      fill(root, 'intake-description', 'Работодатель не платит зарплату');
      click(root, 'intake-kinds-lawyer');
      click(root, 'intake-consent');
    });
    await inAct(() => {
      click(root, 'intake-kinds-psychologist');
    });
    expect(byTestId(root, 'intake-description-counter')?.textContent).toBe('Символов: 31 из 4000');
    expect(byTestId(root, 'intake-panel')?.textContent).toContain('2 специалистов');
    await submit(root);
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.body).toEqual({
      reception_id: 'r1',
      region: 'KZ-27',
      language: 'ru',
      category: 'labour',
      description: 'Работодатель не платит зарплату',
      channel: 'chat',
      kinds: ['lawyer', 'psychologist'],
      consent: true,
      consent_version: '2026-12-07',
    });
    expect(await until(() => root.querySelector('#intake-description-error') !== null)).toBe(true);
    expect(root.querySelector('#intake-description-error')?.textContent).toBe('Слишком длинное описание.');
    expect(byTestId(root, 'intake-error')?.textContent).toBe('Проверьте поля.');

    answer = [201, { ticket: { id: 't9' }, link: '/t/secret-token' }];
    await submit(root);
    expect(await until(() => byTestId(root, 'return-link') !== null)).toBe(true);
    expect((byTestId(root, 'return-link') as HTMLInputElement).value).toBe(`${window.location.origin}/t/secret-token`);
    // The answer made the visitor a guest: the shell asks again who is signed in.
    expect(session.refreshUser).toHaveBeenCalledTimes(1);
    click(root, 'return-link-continue');
    expect(window.location.pathname).toBe('/tickets/t9');
    expect(i18next.language).toBe('ru');
  });
});

describe('AskPage consent', () => {
  beforeEach(async () => {
    await initI18n('ru');
    window.history.replaceState(null, '', '/ask/r1');
  });

  it('shows a short lead and the full text of the reception, and asks again when the text changed', async () => {
    let consent = CONSENT;
    let answer: [number, unknown] = problem(422, 'validation', 'Проверьте поля.', [
      { field: 'consent', code: 'outdated', detail: 'Текст согласия изменился. Прочтите его и подтвердите снова.' },
    ]);
    const { root, calls } = mount(<AskPage receptionId="r1" />, (method, path) => {
      if (path === '/api/v1/receptions/r1') return [200, RECEPTION];
      if (path === '/api/v1/regions') return [200, { items: REGIONS, next: null }];
      if (path === '/api/v1/consent?reception_id=r1') return [200, consent];
      if (method === 'POST' && path === '/api/v1/tickets') return answer;
      return [404, {}];
    });
    expect(await until(() => byTestId(root, 'intake-consent-details') !== null)).toBe(true);
    // The lead: what is kept, for how long (a CLDR plural), that it can be withdrawn.
    expect(root.querySelector('#intake-consent-hint')?.textContent).toBe(
      'То, что вы пишете, используется только для ответа на ваш вопрос, и это видят лишь специалисты, ' +
        'которые вам помогают. Данные хранятся 365 дней; вы можете в любой момент отозвать согласие и удалить их.',
    );
    expect(byTestId(root, 'intake-consent')?.getAttribute('aria-describedby')).toBe('intake-consent-hint');
    const details = byTestId(root, 'intake-consent-details') as HTMLDetailsElement;
    expect(details.open).toBe(false);
    expect(details.querySelector('summary')?.textContent).toBe('Что будет с моими данными');
    expect([...details.querySelectorAll('[data-testid="consent-text"] p')].map((p) => p.textContent)).toEqual([
      'Оператор: Центр медиации.',
      'Цель: ответить на ваш вопрос.',
      'Согласие можно отозвать на странице вопроса.',
    ]);
    expect(byTestId(root, 'intake-consent-privacy')?.getAttribute('href')).toBe('/privacy');

    await inAct(() => {
      fill(root, 'intake-region', 'KZ-27');
      click(root, 'intake-category-labour');
      fill(root, 'intake-description', 'Работодатель не платит зарплату');
      click(root, 'intake-kinds-lawyer');
      click(root, 'intake-consent');
    });
    consent = { ...CONSENT, version: '2026-12-08', text: 'Новый текст.' };
    await submit(root);
    expect(calls.filter((c) => c.method === 'POST').map((c) => (c.body as { consent_version: string }).consent_version)).toEqual([
      '2026-12-07',
    ]);
    // The new text is loaded and shown, and the box is cleared: the citizen agrees again.
    expect(await until(() => byTestId(root, 'consent-text')?.textContent === 'Новый текст.')).toBe(true);
    expect((byTestId(root, 'intake-consent') as HTMLInputElement).checked).toBe(false);
    expect(root.querySelector('#intake-consent-error')?.textContent).toBe(
      'Текст согласия изменился. Прочтите его и подтвердите снова.',
    );
    answer = [201, { ticket: { id: 't9' }, link: null }];
    await inAct(() => {
      click(root, 'intake-consent');
    });
    await submit(root);
    const posts = calls.filter((c) => c.method === 'POST');
    expect(posts.map((c) => (c.body as { consent_version: string }).consent_version)).toEqual(['2026-12-07', '2026-12-08']);
    expect(await until(() => window.location.pathname === '/tickets/t9')).toBe(true);
  });
});
