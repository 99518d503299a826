// A case's stages as the page shows them: the stepper's steps, where the case stands, what
// the user must do next (from the server's `can`), and the names behind the ids.
import type { Case, CaseStage } from '../../api/cases-client';

/** The stepper: screening → invitation → mediator → contract → mediation → ended. */
export const STEPS: readonly CaseStage[] = ['screening', 'inviting', 'choosing_mediator', 'contracting', 'running', 'ended'];

export type StepState = 'done' | 'current' | 'todo';

export function stepStates(stage: CaseStage): StepState[] {
  const at = STEPS.indexOf(stage);
  return STEPS.map((_, i) => (i < at ? 'done' : i === at ? (stage === 'ended' ? 'done' : 'current') : 'todo'));
}

/** The key (under cases.next) of what this user should do now, or wait for. */
export function nextStep(kase: Case): string {
  const can = new Set(kase.can);
  switch (kase.stage) {
    case 'screening':
      return 'screening';
    case 'inviting':
      return can.has('invite') ? (kase.invitation ? 'waitInvitee' : 'invite') : 'waitInvitee';
    case 'choosing_mediator':
      if (can.has('declare')) return 'declare';
      if (can.has('agree_mediator')) return 'agreeMediator';
      if (can.has('propose_mediator') && kase.mediators.length === 0) return 'chooseMediator';
      return 'waitMediator';
    case 'contracting':
      if (can.has('draft_contract') && !kase.contract) return 'draftContract';
      if (can.has('accept_contract')) return 'acceptContract';
      return 'waitContract';
    case 'running':
      if (can.has('sign_settlement')) return 'signSettlement';
      if (can.has('agree_extension')) return 'agreeExtension';
      if (can.has('draft_settlement') && !kase.settlement?.versions.length) return 'draftSettlement';
      return 'mediation';
    case 'ended':
      return kase.ending?.ground === 'settled' ? 'settled' : 'ended';
  }
}

/** Who an id names in this case: a party (by party id), a mediator (user or register id). */
export function whoName(kase: Case, by: string | null | undefined): string {
  if (!by) return '';
  const party = kase.parties.find((p) => p.id === by);
  if (party) return party.name;
  const mediator = kase.mediators.find((m) => m.user_id === by || m.register_id === by);
  return mediator ? mediator.name : by;
}

/** The people who must accept or sign: every party and every chosen mediator. */
export function signers(kase: Case): { ids: string[]; name: string; role: 'party' | 'mediator' }[] {
  return [
    ...kase.parties.map((p) => ({ ids: [p.id], name: p.name, role: 'party' as const })),
    ...kase.mediators
      .filter((m) => m.chosen)
      .map((m) => ({ ids: [m.user_id, m.register_id], name: m.name, role: 'mediator' as const })),
  ];
}

/** The article of the Law each ending ground stands on (shown next to it). */
export const GROUND_ARTICLE: Record<string, string> = {
  screening_refused: '1',
  invitation_refused: '20.6',
  invitation_lapsed: '20.6',
  settled: '26.1.1',
  settlement_ruled_out: '26.1.2',
  parties_refused: '26.1.3',
  party_refused: '26.1.4',
  term_expired: '26.1.5',
  conflict_of_interest: '10.2',
};
