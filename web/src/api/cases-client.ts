// Mediation cases (issue 10, docs/mediation-api.md "Cases"): opening a case with its Art. 1
// screening, the invitation by link, choosing the mediator, the contract, the term, the
// settlement and the ending. Every write may carry the `version` the page showed: the server
// answers 409 when the case changed since, and the page reloads it.
import type { RequestFn } from './client';

export const CASE_STAGES = ['screening', 'inviting', 'choosing_mediator', 'contracting', 'running', 'ended'] as const;
export type CaseStage = (typeof CASE_STAGES)[number];

export const CASE_CATEGORIES = [
  'civil',
  'labour',
  'family',
  'administrative',
  'criminal_minor',
  'criminal_grave',
  'criminal_especially_grave',
  'other',
] as const;
export type CaseCategory = (typeof CASE_CATEGORIES)[number];

export const SCREENING_GROUNDS = [
  'third_party_rights',
  'incapable_party',
  'corruption_crime',
  'state_body',
  'especially_grave_crime',
] as const;

export const ENDING_GROUNDS = [
  'screening_refused',
  'invitation_refused',
  'invitation_lapsed',
  'settled',
  'settlement_ruled_out',
  'parties_refused',
  'party_refused',
  'term_expired',
  'conflict_of_interest',
] as const;

export type CaseAction =
  | 'invite'
  | 'propose_mediator'
  | 'agree_mediator'
  | 'declare'
  | 'draft_contract'
  | 'accept_contract'
  | 'extend'
  | 'agree_extension'
  | 'decline_extension'
  | 'draft_settlement'
  | 'sign_settlement'
  | 'rule_out'
  | 'record_child_threat'
  | 'withdraw'
  | 'request_notice'
  | 'mark_obligation';

export type YesNo = 'yes' | 'no';
export type PartyKind = 'person' | 'organisation';
export type CaseLanguage = 'kk' | 'ru' | 'en';

export interface PartyInput {
  name: string;
  kind: PartyKind;
  identifier: string;
  email?: string;
}

export interface Screening {
  third_party_rights: YesNo;
  incapable_party: YesNo;
  state_body: YesNo;
  corruption_crime?: YesNo;
}

export interface CaseInput {
  parties: [PartyInput, PartyInput];
  subject: string;
  category: CaseCategory;
  language: CaseLanguage;
  court_case_pending: boolean;
  ticket_id?: string;
  screening: Screening;
}

export interface CaseSummary {
  id: string;
  stage: CaseStage;
  source: string;
  category: CaseCategory;
  opened_at: string;
  started_at: string | null;
  ended_at: string | null;
  ending_ground: string | null;
}

export interface CaseParty {
  id: string;
  kind: PartyKind;
  name: string;
  identifier: string;
  email: string | null;
  representatives: { id: string; name: string; powers: string }[];
  consented_at: string | null;
}

export interface CaseMediator {
  register_id: string;
  user_id: string;
  name: string;
  keeper: string;
  is_public: boolean;
  proposed_by: string;
  agreed_by: string[];
  declaration: 'pending' | 'no_conflict' | 'conflict';
  declared_at: string | null;
  conflict_note: string;
  chosen: boolean;
}

export interface Signature {
  by: string;
  version: number;
  document_hash: string;
  at: string;
  certificate: { subject: string; serial: string; algorithm: string } | null;
}

export interface Fee {
  kind: 'free' | 'paid';
  amount_tiyn?: number;
  shares_percent?: Record<string, number>;
}

export interface Contract {
  version: number;
  document_hash: string;
  place: string;
  procedure: string;
  drafted_by: string;
  drafted_at: string;
  fee: { kind: 'free' | 'paid'; amount_tiyn: number; shares_percent: Record<string, number> };
  acceptances: Signature[];
}

export interface ObligationDraft {
  owed_by: string;
  what: string;
  how: string;
  due: string;
}

export interface SettlementVersion {
  number: number;
  document_hash: string;
  by: string;
  at: string;
  place: string;
  terms: string;
  consequences: string;
  obligations: (ObligationDraft & { id: string })[];
}

export interface FollowedObligation extends ObligationDraft {
  id: string;
  performed: boolean | null;
  marked_by: string | null;
  marked_at: string | null;
  overdue: boolean;
}

export interface Case {
  id: string;
  version: number;
  my_role: 'party' | 'representative' | 'mediator' | null;
  my_party_id: string | null;
  stage: CaseStage;
  source: string;
  ticket_id: string | null;
  subject: string;
  category: CaseCategory;
  language: CaseLanguage;
  region: string;
  court_case_pending: boolean;
  opened_at: string;
  parties: CaseParty[];
  invitation: { sent_at: string; answer_days: number; deadline: string; days_left: number } | null;
  mediators: CaseMediator[];
  contract: Contract | null;
  clock: { started_at: string; term_days: number; ends_on: string; days_left: number } | null;
  pending_extension: { days: number; requested_by: string; agreed_by: string[] } | null;
  extensions: { days: number; requested_by: string; granted_at: string; court_notice: boolean | string | null }[];
  settlement: {
    versions: SettlementVersion[];
    signatures: Signature[];
    obligations: FollowedObligation[];
  } | null;
  child_threats: { by: string; at: string; note?: string }[];
  ending: { ground: string; by: string | null; at: string; detail: string } | null;
  notices: { requested_by: string; at: string }[];
  notice_available: boolean;
  can: CaseAction[];
}

export interface InvitationLink {
  party_id: string;
  link: string;
}

export interface InvitationView {
  case_id: string;
  party_name: string;
  inviter: string;
  category: CaseCategory;
  subject: string;
  language: CaseLanguage;
  deadline: string;
}

export interface SettlementInput {
  place: string;
  terms: string;
  consequences: string;
  obligations: ObligationDraft[];
}

export interface ContractInput {
  place: string;
  procedure: string;
  fee: Fee;
}

export interface SignInput {
  document_hash: string;
  cms?: string;
}

const base = (id: string) => `/api/v1/cases/${encodeURIComponent(id)}`;

/** The version sent with a write: the one the page shows (undefined: no check). */
type Version = number | undefined;

/** Links to a case's documents (plain GETs: the browser downloads them with the session). */
export const caseLinks = {
  contractPdf: (id: string) => `${base(id)}/contract.pdf`,
  settlementPdf: (id: string, number: number) => `${base(id)}/settlement/${number}/document.pdf`,
  noticePdf: (id: string) => `${base(id)}/notice.pdf`,
  courtPackage: (id: string) => `${base(id)}/court-package.pdf`,
  courtNotice: (id: string, index: number) => `${base(id)}/extensions/${index}/court-notice.pdf`,
};

export function caseEndpoints(request: RequestFn) {
  const post = (id: string, path: string, body: object, version: Version) =>
    request<Case>('POST', `${base(id)}${path}`, version === undefined ? body : { ...body, version });
  return {
    openCase: (input: CaseInput) => request<Case>('POST', '/api/v1/cases', input),
    myCases: () => request<{ items: CaseSummary[]; next: string | null }>('GET', '/api/v1/cases'),
    caseSummaries: (query: { stage?: string; from?: string; to?: string } = {}) => {
      const search = new URLSearchParams(Object.entries(query).filter(([, v]) => v)).toString();
      return request<{ items: CaseSummary[]; next: string | null }>(
        'GET',
        `/api/v1/cases/summaries${search ? `?${search}` : ''}`,
      );
    },
    getCase: (id: string) => request<Case>('GET', base(id)),
    sendInvitation: (id: string, answerDays: number | undefined, version: Version) => {
      const body: Record<string, unknown> = answerDays === undefined ? {} : { answer_days: answerDays };
      if (version !== undefined) body.version = version;
      return request<{ case: Case; links: InvitationLink[] }>('POST', `${base(id)}/invitation`, body);
    },
    invitation: (token: string) =>
      request<InvitationView>('GET', `/api/v1/invitations/${encodeURIComponent(token)}`, undefined, {
        authenticated: false,
      }),
    acceptInvitation: (token: string) =>
      request<Case>('POST', `/api/v1/invitations/${encodeURIComponent(token)}/accept`, {}),
    refuseInvitation: (token: string) =>
      request<{ ended: boolean }>('POST', `/api/v1/invitations/${encodeURIComponent(token)}/refuse`, {}, {
        authenticated: false,
      }),
    proposeMediator: (id: string, registerId: string, version: Version) =>
      post(id, '/mediators', { register_id: registerId }, version),
    agreeMediator: (id: string, registerId: string, version: Version) =>
      post(id, `/mediators/${encodeURIComponent(registerId)}/agree`, {}, version),
    rejectMediator: (id: string, registerId: string, version: Version) =>
      post(id, `/mediators/${encodeURIComponent(registerId)}/reject`, {}, version),
    declare: (id: string, conflict: boolean, note: string, version: Version) =>
      post(id, '/declaration', { conflict, note }, version),
    draftContract: (id: string, input: ContractInput, version: Version) => post(id, '/contract', input, version),
    acceptContract: (id: string, contractVersion: number, sign: SignInput, version: Version) =>
      post(id, '/contract/accept', { contract_version: contractVersion, ...sign }, version),
    requestExtension: (id: string, days: number, version: Version) => post(id, '/extension', { days }, version),
    agreeExtension: (id: string, version: Version) => post(id, '/extension/agree', {}, version),
    declineExtension: (id: string, version: Version) => post(id, '/extension/decline', {}, version),
    recordChildThreat: (id: string, note: string, version: Version) => post(id, '/child-threat', { note }, version),
    ruleOut: (id: string, reason: string, version: Version) => post(id, '/rule-out', { reason }, version),
    draftSettlement: (id: string, input: SettlementInput, version: Version) => post(id, '/settlement', input, version),
    signSettlement: (id: string, settlementVersion: number, sign: SignInput, version: Version) =>
      post(id, '/settlement/sign', { settlement_version: settlementVersion, ...sign }, version),
    markObligation: (id: string, obligationId: string, performed: boolean, version: Version) =>
      post(id, `/obligations/${encodeURIComponent(obligationId)}`, { performed }, version),
    withdraw: (id: string, version: Version) => post(id, '/withdraw', {}, version),
    requestNotice: (id: string, version: Version) => post(id, '/notice', {}, version),
  };
}
