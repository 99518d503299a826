import { describe, expect, it } from 'vitest';
import type { Case } from '../../api/cases-client';
import { nextStep, signers, stepStates, whoName } from './stage';

const kase = (patch: Partial<Case>): Case =>
  ({
    id: 'c1',
    version: 1,
    my_role: 'party',
    my_party_id: 'p1',
    stage: 'inviting',
    parties: [
      { id: 'p1', kind: 'person', name: 'Айгүл', identifier: '900515301234', email: null, representatives: [], consented_at: 'x' },
      { id: 'p2', kind: 'person', name: 'Марат', identifier: '040229600205', email: null, representatives: [], consented_at: null },
    ],
    invitation: null,
    mediators: [],
    contract: null,
    settlement: null,
    can: [],
    ...patch,
  }) as Case;

describe('stage', () => {
  it('marks the steps before the current one done', () => {
    expect(stepStates('contracting')).toEqual(['done', 'done', 'done', 'current', 'todo', 'todo']);
    expect(stepStates('ended').every((s) => s === 'done')).toBe(true);
  });
  it('tells the inviter to invite, then to wait', () => {
    expect(nextStep(kase({ can: ['invite', 'withdraw'] }))).toBe('invite');
    expect(nextStep(kase({ can: ['invite'], invitation: { sent_at: '', answer_days: 10, deadline: '', days_left: 3 } }))).toBe(
      'waitInvitee',
    );
  });
  it('asks a mediator to declare before anything else', () => {
    expect(nextStep(kase({ stage: 'choosing_mediator', can: ['declare'] }))).toBe('declare');
    expect(nextStep(kase({ stage: 'running', can: ['sign_settlement', 'draft_settlement'] }))).toBe('signSettlement');
  });
  it('names parties and mediators from their ids', () => {
    const withMediator = kase({
      mediators: [
        {
          register_id: 'm1',
          user_id: 'u9',
          name: 'Гүлнар Бекова',
          keeper: '',
          is_public: false,
          proposed_by: 'p1',
          agreed_by: ['p1', 'p2'],
          declaration: 'no_conflict',
          declared_at: null,
          conflict_note: '',
          chosen: true,
        },
      ],
    });
    expect(whoName(withMediator, 'p2')).toBe('Марат');
    expect(whoName(withMediator, 'u9')).toBe('Гүлнар Бекова');
    expect(signers(withMediator).map((s) => s.role)).toEqual(['party', 'party', 'mediator']);
  });
});
