// The conference endpoints of docs/conference-api.md: the caller's conferences, scheduling
// and editing, a guest's link, minutes, proposals and the open ones across conferences.
import type { RequestFn } from './client';
import type {
  Conference,
  ConferenceInput,
  ConferenceProposal,
  ConferenceProposalInput,
  ConferenceProposalStatus,
  Invitee,
  Page,
} from './types';

const enc = encodeURIComponent;

export function conferenceEndpoints(request: RequestFn) {
  return {
    myConferences: () => request<Page<Conference>>('GET', '/api/v1/conferences'),
    conference: (id: string) => request<Conference>('GET', `/api/v1/conferences/${enc(id)}`),
    scheduleConference: (body: ConferenceInput) => request<Conference>('POST', '/api/v1/conferences', body),
    updateConference: (id: string, body: ConferenceInput) =>
      request<Conference>('PATCH', `/api/v1/conferences/${enc(id)}`, body),
    cancelConference: (id: string) => request<Conference>('POST', `/api/v1/conferences/${enc(id)}/cancel`),
    endConference: (id: string) => request<Conference>('POST', `/api/v1/conferences/${enc(id)}/end`),
    /** Staff of any organisation whose name or e-mail contains `q`. */
    invitees: (q: string) => request<Page<Invitee>>('GET', `/api/v1/conferences/invitees?q=${enc(q)}`),
    /** A guest's link: signs this device in as the guest (409 when someone else is signed in). */
    joinConference: (token: string, replace = false) =>
      request<Conference>('POST', '/api/v1/conferences/join', replace ? { token, replace } : { token }, {
        authenticated: false,
      }),
    saveMinutes: (id: string, itemId: string, minutes: string) =>
      request<Conference>('PUT', `/api/v1/conferences/${enc(id)}/agenda/${enc(itemId)}/minutes`, { minutes }),
    propose: (id: string, body: ConferenceProposalInput) =>
      request<ConferenceProposal>('POST', `/api/v1/conferences/${enc(id)}/proposals`, body),
    changeProposal: (id: string, body: ConferenceProposalInput) =>
      request<ConferenceProposal>('PATCH', `/api/v1/proposals/${enc(id)}`, body),
    conferenceProposals: (status?: ConferenceProposalStatus) =>
      request<Page<ConferenceProposal>>('GET', `/api/v1/proposals${status ? `?status=${enc(status)}` : ''}`),
  };
}
