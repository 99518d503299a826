// The case pages against a fake server: the screening refuses before anything else with its
// ground in the user's language; the IIN control digit is checked here and the server's field
// errors land next to their fields; the case page shows the stage, the days left in words, a
// diff between settlement versions, and reloads on 409; an invitation's token is read from
// the fragment and sent only in the path.
import axe from 'axe-core';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Case } from '../../api/cases-client';
import { applyLanguage, initI18n } from '../../i18n';
import { choose, submit, type } from '../../testing/forms';
import { byTestId, inAct, mount, until, type Call } from '../../testing/harness';
import { aUser, problem } from '../../testing/users';
import { CasePage } from './CasePage';
import { InvitationPage } from './InvitationPage';
import { NewCasePage } from './NewCasePage';

const click = (root: ParentNode, selector: string) => {
  const el = root.querySelector<HTMLElement>(selector);
  if (!el) throw new Error(`no ${selector}`);
  el.click();
};
const radio = (root: ParentNode, id: string, value: string) => {
  click(root, `[data-testid="${id}-${value}"]`);
};

function aCase(patch: Partial<Case> = {}): Case {
  return {
    id: 'c1',
    version: 4,
    my_role: 'party',
    my_party_id: 'p1',
    stage: 'running',
    source: 'party',
    ticket_id: null,
    subject: 'Долг за ремонт квартиры',
    category: 'civil',
    language: 'ru',
    region: 'KZ-27',
    court_case_pending: false,
    opened_at: '2026-12-01T05:00:00Z',
    parties: [
      { id: 'p1', kind: 'person', name: 'Айгерім Сапарова', identifier: '900515301234', email: null, representatives: [], consented_at: '2026-12-01T05:00:00Z' },
      { id: 'p2', kind: 'person', name: 'Марат Ержанов', identifier: '040229600205', email: null, representatives: [], consented_at: '2026-12-02T05:00:00Z' },
    ],
    invitation: { sent_at: '2026-12-01T05:00:00Z', answer_days: 10, deadline: '2026-12-11', days_left: 0 },
    mediators: [
      {
        register_id: 'm1',
        user_id: 'u9',
        name: 'Гүлнар Бекова',
        keeper: 'Палата медиаторов',
        is_public: false,
        proposed_by: 'p1',
        agreed_by: ['p1', 'p2'],
        declaration: 'no_conflict',
        declared_at: '2026-12-03T05:00:00Z',
        conflict_note: '',
        chosen: true,
      },
    ],
    contract: {
      version: 1,
      document_hash: 'ab'.repeat(32),
      place: 'Уральск',
      procedure: '',
      drafted_by: 'p1',
      drafted_at: '2026-12-04T05:00:00Z',
      fee: { kind: 'free', amount_tiyn: 0, shares_percent: {} },
      acceptances: [],
    },
    clock: { started_at: '2026-12-05', term_days: 30, ends_on: '2027-01-04', days_left: 30 },
    pending_extension: null,
    extensions: [],
    settlement: {
      versions: [
        {
          number: 1,
          document_hash: 'cd'.repeat(32),
          by: 'p1',
          at: '2026-12-06T05:00:00Z',
          place: 'Уральск',
          terms: 'Марат возвращает долг частями.',
          consequences: 'Неустойка 0,1% в день.',
          obligations: [{ id: 'o1', owed_by: 'p2', what: 'Вернуть 300 000 тенге', how: 'переводом', due: '2027-01-15' }],
        },
        {
          number: 2,
          document_hash: 'ef'.repeat(32),
          by: 'p2',
          at: '2026-12-07T05:00:00Z',
          place: 'Уральск',
          terms: 'Марат возвращает долг частями.',
          consequences: 'Неустойка 0,1% в день.',
          obligations: [{ id: 'o1', owed_by: 'p2', what: 'Вернуть 250 000 тенге', how: 'переводом', due: '2027-01-15' }],
        },
      ],
      signatures: [],
      obligations: [],
    },
    child_threats: [],
    ending: null,
    notices: [],
    notice_available: false,
    can: ['draft_settlement', 'sign_settlement', 'extend', 'withdraw'],
    ...patch,
  };
}

describe('InvitationPage', () => {
  beforeEach(async () => {
    await initI18n('ru');
  });

  it('reads the token from the fragment, sends it only in the path, and refuses after a confirmation', async () => {
    window.history.replaceState(null, '', '/invitations#c1.s3cret');
    const { root, calls } = mount(<InvitationPage user={null} />, (method, path) => {
      if (method === 'GET' && path === '/api/v1/invitations/c1.s3cret') {
        return [200, { case_id: 'c1', party_name: 'Марат', inviter: 'Айгерім', category: 'family', subject: 'Алименты', language: 'ru', deadline: '2026-12-11' }];
      }
      if (method === 'POST' && path === '/api/v1/invitations/c1.s3cret/refuse') return [200, { ended: true }];
      return [404, {}];
    });
    expect(await until(() => byTestId(root, 'invitation-who') !== null)).toBe(true);
    expect(byTestId(root, 'invitation-who')?.textContent).toBe('Айгерім приглашает Марат к медиации.');
    expect(byTestId(root, 'invitation-sign-in')).not.toBeNull();
    expect(calls.every((c) => !c.path.includes('?'))).toBe(true);
    expect(sessionStorage.getItem('kelisim.returnTo')).toBe('/invitations#c1.s3cret');
    await inAct(() => {
      click(root, '[data-testid="invitation-refuse"]');
    });
    await inAct(() => {
      click(root, '[data-testid="invitation-refuse-confirm"]');
    });
    expect(await until(() => byTestId(root, 'invitation-refused') !== null)).toBe(true);
  });
});

describe('NewCasePage', () => {
  beforeEach(async () => {
    await initI18n('ru');
    window.history.replaceState(null, '', '/cases/new');
  });

  it('refuses at the screening with the ground in Kazakh, asking the corruption question for crimes only', async () => {
    await applyLanguage('kk');
    const { root, calls } = mount(<NewCasePage user={aUser()} />, () => [404, {}]);
    expect(root.querySelector('#case-screening-corruption_crime')).toBeNull();
    await inAct(() => {
      choose(root, '#case-category', 'criminal_minor');
    });
    expect(root.querySelector('#case-screening-corruption_crime')).not.toBeNull();
    await inAct(() => {
      radio(root, 'case-screening-third_party_rights', 'no');
      radio(root, 'case-screening-incapable_party', 'no');
      radio(root, 'case-screening-state_body', 'no');
      radio(root, 'case-screening-corruption_crime', 'yes');
    });
    await inAct(() => {
      submit(root, '[data-testid="case-new-form"]');
    });
    const refused = byTestId(root, 'case-refused');
    expect(refused?.getAttribute('data-ground')).toBe('corruption_crime');
    expect(byTestId(root, 'case-refused-ground')?.textContent).toMatch(/^Сыбайлас жемқорлық қылмыстары/);
    expect(calls.filter((c) => c.method === 'POST')).toEqual([]);
    const results = await axe.run(root, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((v) => v.id)).toEqual([]);
  });

  it('checks the IIN here, sends the case, and shows the server\'s field error on its step', async () => {
    let posted: unknown;
    const { root } = mount(<NewCasePage user={aUser()} />, (method, path, body) => {
      if (method === 'POST' && path === '/api/v1/cases') {
        posted = body;
        return problem(422, 'validation-failed', 'Проверьте поля', [
          { field: 'parties[1].identifier', code: 'check_digit', detail: 'Неверная контрольная цифра' },
        ]);
      }
      return [404, {}];
    });
    await inAct(() => {
      choose(root, '#case-category', 'civil');
      radio(root, 'case-screening-third_party_rights', 'no');
      radio(root, 'case-screening-incapable_party', 'no');
      radio(root, 'case-screening-state_body', 'no');
    });
    await inAct(() => {
      submit(root, '[data-testid="case-new-form"]');
    });
    expect(byTestId(root, 'case-new-step')?.getAttribute('data-step')).toBe('2');
    await inAct(() => {
      type(root, '#case-party0-identifier', '900515301235');
      type(root, '#case-party1-name', 'Марат Ержанов');
      type(root, '#case-party1-identifier', '040229600205');
    });
    await inAct(() => {
      submit(root, '[data-testid="case-new-form"]');
    });
    expect(root.querySelector('#case-party0-identifier-error')?.textContent).toContain('контрольная');
    await inAct(() => {
      type(root, '#case-party0-identifier', '900515301234');
    });
    await inAct(() => {
      submit(root, '[data-testid="case-new-form"]');
    });
    expect(byTestId(root, 'case-new-step')?.getAttribute('data-step')).toBe('3');
    await inAct(() => {
      type(root, '#case-subject', 'Долг за ремонт');
      radio(root, 'case-court_case_pending', 'no');
    });
    await inAct(() => {
      submit(root, '[data-testid="case-new-form"]');
    });
    expect(await until(() => root.querySelector('#case-party1-identifier-error') !== null)).toBe(true);
    expect(root.querySelector('#case-party1-identifier-error')?.textContent).toBe('Неверная контрольная цифра');
    expect(posted).toMatchObject({
      category: 'civil',
      language: 'ru',
      court_case_pending: false,
      screening: { third_party_rights: 'no', incapable_party: 'no', state_body: 'no' },
      parties: [
        { name: 'Айгерім', kind: 'person', identifier: '900515301234' },
        { name: 'Марат Ержанов', kind: 'person', identifier: '040229600205' },
      ],
    });
    expect((posted as { screening: object }).screening).not.toHaveProperty('corruption_crime');
  });
});

describe('CasePage', () => {
  beforeEach(async () => {
    await initI18n('ru');
    window.history.replaceState(null, '', '/cases/c1');
  });

  it('shows the stage, the days left in words, and what changed between settlement versions', async () => {
    const { root } = mount(<CasePage caseId="c1" user={aUser()} />, (method, path) =>
      method === 'GET' && path === '/api/v1/cases/c1' ? [200, aCase()] : [404, {}],
    );
    expect(await until(() => byTestId(root, 'case-steps') !== null)).toBe(true);
    expect(byTestId(root, 'case-steps')?.getAttribute('data-stage')).toBe('running');
    expect(root.querySelector('[aria-current="step"]')?.textContent).toContain('Медиация');
    expect(byTestId(root, 'case-days-left')?.textContent).toBe('До конца срока осталось 30 дней (до 4 января 2027 г.).');
    expect(byTestId(root, 'case-next')?.textContent).toBe('Прочитайте соглашение и подпишите его.');
    const diff = byTestId(root, 'case-diff-result');
    expect(diff?.querySelector('[data-kind="changed"] ins')?.textContent).toBe('250');
    expect(diff?.querySelector('[data-kind="changed"] del')?.textContent).toBe('300');
    expect(root.querySelector('a[href="/api/v1/cases/c1/settlement/2/document.pdf"]')).not.toBeNull();
    const results = await axe.run(root, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((v) => v.id)).toEqual([]);
  });

  it('signs with the version shown, and on 409 reloads the case and says it changed', async () => {
    let loads = 0;
    const { root, calls } = mount(<CasePage caseId="c1" user={aUser()} />, (method, path) => {
      if (method === 'GET' && path === '/api/v1/cases/c1') {
        loads += 1;
        return [200, aCase({ version: 3 + loads })];
      }
      if (path === '/api/v1/cases/c1/settlement/sign') return problem(409, 'conflict', 'Дело изменилось');
      return [404, {}];
    });
    expect(await until(() => byTestId(root, 'case-settlement-sign') !== null)).toBe(true);
    await inAct(() => {
      submit(root, '[data-testid="case-settlement-sign"]');
    });
    expect(await until(() => loads === 2)).toBe(true);
    const sign = calls.find((c: Call) => c.path.endsWith('/settlement/sign'));
    expect(sign?.body).toEqual({ settlement_version: 2, document_hash: 'ef'.repeat(32), version: 4 });
    expect(byTestId(root, 'case-status')?.textContent).toContain('дело изменилось');
  });

  it('sends the invitation and shows the link with a message for a messenger, then proposes a mediator', async () => {
    const inviting = aCase({
      stage: 'inviting',
      version: 1,
      invitation: null,
      mediators: [],
      contract: null,
      clock: null,
      settlement: null,
      can: ['invite', 'withdraw'],
    });
    const choosing = aCase({ ...inviting, stage: 'choosing_mediator', version: 3, can: ['propose_mediator', 'withdraw'] });
    let current: Case = inviting;
    const { root, calls } = mount(<CasePage caseId="c1" user={aUser({ display_name: 'Айгерім Сапарова' })} />, (method, path, body) => {
      if (method === 'GET' && path === '/api/v1/cases/c1') return [200, current];
      if (method === 'POST' && path === '/api/v1/cases/c1/invitation') {
        expect(body).toEqual({ answer_days: 14, version: 1 });
        const sent = aCase({ ...inviting, version: 2, invitation: { sent_at: '2026-12-01T05:00:00Z', answer_days: 14, deadline: '2026-12-15', days_left: 14 } });
        return [200, { case: sent, links: [{ party_id: 'p2', link: 'https://kelisim.kz/invitations#c1.s3cret' }] }];
      }
      if (method === 'GET' && path.startsWith('/api/v1/mediators?')) {
        expect(path).toBe('/api/v1/mediators?status=active&language=ru&specialisation=civil');
        return [200, { items: [{ id: 'm1', name: 'Гүлнар Бекова', kind: 'professional', keeper: 'Палата', certificate: null, specialisations: ['civil'], languages: ['ru'], regions: ['KZ-27'], status: 'active', status_since: null, status_reason: '' }], next: null }];
      }
      if (method === 'POST' && path === '/api/v1/cases/c1/mediators') return [200, { ...choosing, version: 4, can: ['withdraw'] }];
      return [404, {}];
    });
    expect(await until(() => byTestId(root, 'case-invite') !== null)).toBe(true);
    expect(byTestId(root, 'case-next')?.textContent).toBe('Пригласите другую сторону: отправьте приглашение и передайте ей ссылку.');
    await inAct(() => {
      type(root, '#case-invite-days', '14');
    });
    await inAct(() => {
      submit(root, '[data-testid="case-invite"]');
    });
    expect(await until(() => byTestId(root, 'case-invite-link') !== null)).toBe(true);
    expect((byTestId(root, 'case-invite-link') as HTMLInputElement).value).toBe('https://kelisim.kz/invitations#c1.s3cret');
    const message = (byTestId(root, 'case-invite-message') as HTMLTextAreaElement).value;
    expect(message).toContain('Здравствуйте, Марат Ержанов! Айгерім Сапарова предлагает');
    expect(message).toContain('https://kelisim.kz/invitations#c1.s3cret');
    expect(byTestId(root, 'case-invitation-days')?.textContent).toBe('На ответ осталось 14 дней (до 15 декабря 2026 г.).');

    current = choosing;
    const again = mount(<CasePage caseId="c1" user={aUser()} />, (method, path, body) => {
      if (method === 'GET' && path === '/api/v1/cases/c1') return [200, current];
      if (method === 'GET' && path.startsWith('/api/v1/mediators?')) {
        return [200, { items: [{ id: 'm1', name: 'Гүлнар Бекова', kind: 'professional', keeper: 'Палата', certificate: null, specialisations: ['civil'], languages: ['ru'], regions: ['KZ-27'], status: 'active', status_since: null, status_reason: '' }], next: null }];
      }
      if (method === 'POST' && path === '/api/v1/cases/c1/mediators') {
        expect(body).toEqual({ register_id: 'm1', version: 3 });
        return problem(422, 'validation-failed', 'Медиатор недоступен', [{ field: 'register_id', code: 'not_available', detail: 'Медиатор не принимает дела' }]);
      }
      return [404, {}];
    });
    expect(await until(() => byTestId(again.root, 'case-mediator-propose') !== null)).toBe(true);
    await inAct(() => {
      click(again.root, '[data-testid="case-mediator-propose"]');
    });
    expect(await until(() => (byTestId(again.root, 'case-error')?.textContent ?? '') !== '')).toBe(true);
    expect(byTestId(again.root, 'case-error')?.textContent).toContain('Медиатор не принимает дела');
    expect(calls.length).toBeGreaterThan(0);
  });

  it('tells a screening refusal by its ground, and a stranger that there is no such case', async () => {
    const ended = aCase({
      stage: 'ended',
      contract: null,
      clock: null,
      settlement: null,
      mediators: [],
      can: [],
      ending: { ground: 'screening_refused', by: null, at: '2026-12-01T05:00:00Z', detail: 'third_party_rights' },
    });
    const { root } = mount(<CasePage caseId="c1" user={aUser()} />, () => [200, ended]);
    expect(await until(() => byTestId(root, 'case-screening-ground') !== null)).toBe(true);
    expect(byTestId(root, 'case-screening-ground')?.textContent).toContain('Медиация не применяется, если спор затрагивает');
    const stranger = mount(<CasePage caseId="c1" user={aUser()} />, () => problem(404, 'not-found', 'Нет'));
    expect(await until(() => byTestId(stranger.root, 'case-missing') !== null)).toBe(true);
  });
});
