// The reception endpoints of docs/reception-api.md: receptions, intake and tickets, the
// specialist's desk, rooms, the coordinator's board and figures. Public reads are sent
// as unauthenticated, so a 401 there never reads as "your session ended".
import type { RequestFn } from './client';
import type {
  Attachment,
  Board,
  Desk,
  FeedbackComment,
  FeedbackRequest,
  Figures,
  Message,
  NewReception,
  NewTicket,
  Note,
  Outcome,
  Page,
  LineInput,
  Proposal,
  PublicFigures,
  Reception,
  ReceptionPatch,
  Room,
  RosterEntry,
  Shift,
  Slot,
  SpecialistKind,
  Ticket,
} from './types';

const PUBLIC = { authenticated: false };
const enc = encodeURIComponent;

export function receptionEndpoints(request: RequestFn) {
  return {
    listReceptions: (organisationId?: string) =>
      request<Page<Reception>>(
        'GET',
        `/api/v1/receptions${organisationId ? `?organisation_id=${enc(organisationId)}` : ''}`,
        undefined,
        PUBLIC,
      ),
    reception: (id: string) => request<Reception>('GET', `/api/v1/receptions/${enc(id)}`, undefined, PUBLIC),
    createReception: (body: NewReception) => request<Reception>('POST', '/api/v1/receptions', body),
    updateReception: (id: string, patch: ReceptionPatch) =>
      request<Reception>('PATCH', `/api/v1/receptions/${enc(id)}`, patch),
    /** A reception that has not started is cancelled, a running one closed early; the waiting are told. */
    closeReception: (id: string) => request<Reception | undefined>('POST', `/api/v1/receptions/${enc(id)}/close`),
    roster: (id: string) => request<Page<RosterEntry>>('GET', `/api/v1/receptions/${enc(id)}/roster`),
    /** Replaces the whole roster; answers the roster as saved. */
    setRoster: (id: string, shifts: Shift[]) =>
      request<Page<RosterEntry>>('PUT', `/api/v1/receptions/${enc(id)}/roster`, { items: shifts }),
    /** Sets up (or changes) the organisation's permanent line. */
    setLine: (organisationId: string, body: LineInput) =>
      request<Reception>('PUT', `/api/v1/organisations/${enc(organisationId)}/line`, body),
    slots: (id: string) => request<Page<Slot>>('GET', `/api/v1/receptions/${enc(id)}/slots`, undefined, PUBLIC),

    createTicket: (body: NewTicket) =>
      request<{ ticket: Ticket; link: string | null }>('POST', '/api/v1/tickets', body, PUBLIC),
    /**
     * Trades a return link's token for a session as the ticket's citizen. `replace` lets it
     * sign out another citizen signed in here (409 `signed_in_as_other` without it); it is
     * sent only when true.
     */
    resumeTicket: (token: string, replace = false) =>
      request<{ ticket: Ticket }>('POST', '/api/v1/tickets/resume', replace ? { token, replace } : { token }, PUBLIC),
    /** The caller's own tickets, newest first. */
    myTickets: () => request<{ items: Ticket[] }>('GET', '/api/v1/tickets'),
    ticket: (id: string) => request<Ticket>('GET', `/api/v1/tickets/${enc(id)}`),
    leaveTicket: (id: string) => request<Ticket | undefined>('POST', `/api/v1/tickets/${enc(id)}/leave`),
    deferTicket: (id: string) => request<Ticket | undefined>('POST', `/api/v1/tickets/${enc(id)}/defer`),
    /**
     * Withdraws consent for a question: it leaves the queue and its description, contact,
     * chat, files and notes are erased (409 during a live consultation).
     */
    eraseTicket: (id: string) => request<undefined>('POST', `/api/v1/tickets/${enc(id)}/erase`),
    sendFeedback: (id: string, body: FeedbackRequest) =>
      request<undefined>('POST', `/api/v1/tickets/${enc(id)}/feedback`, body),
    reassignTicket: (id: string, specialistId: string) =>
      request<undefined>('POST', `/api/v1/tickets/${enc(id)}/reassign`, { specialist_id: specialistId }),

    desk: () => request<Desk>('GET', '/api/v1/desk'),
    setDuty: (onDuty: boolean) => request<Desk | undefined>('POST', '/api/v1/desk/duty', { on_duty: onDuty }),
    takeNext: () => request<Room>('POST', '/api/v1/desk/next'),
    acceptOffer: (ticketId: string) => request<Room>('POST', `/api/v1/desk/offers/${enc(ticketId)}/accept`),
    declineOffer: (ticketId: string) => request<undefined>('POST', `/api/v1/desk/offers/${enc(ticketId)}/decline`),

    room: (id: string) => request<Room>('GET', `/api/v1/rooms/${enc(id)}`),
    messages: (id: string, after: number) =>
      request<Page<Message>>('GET', `/api/v1/rooms/${enc(id)}/messages?after=${after}&limit=200`),
    notes: (id: string) => request<Page<Note>>('GET', `/api/v1/rooms/${enc(id)}/notes`),
    addNote: (id: string, body: string) => request<Note | undefined>('POST', `/api/v1/rooms/${enc(id)}/notes`, { body }),
    closeRoom: (id: string, outcome: Outcome, summary: string) =>
      request<Room | undefined>('POST', `/api/v1/rooms/${enc(id)}/close`, { outcome, summary }),
    invite: (id: string, specialistId: string) =>
      request<Room | undefined>('POST', `/api/v1/rooms/${enc(id)}/invite`, { specialist_id: specialistId }),
    transfer: (id: string, kind: SpecialistKind) =>
      request<Room | undefined>('POST', `/api/v1/rooms/${enc(id)}/transfer`, { kind }),
    transferTo: (id: string, specialistId: string) =>
      request<Room | undefined>('POST', `/api/v1/rooms/${enc(id)}/transfer`, { specialist_id: specialistId }),
    upload: (id: string, file: File) =>
      request<Attachment>('POST', `/api/v1/rooms/${enc(id)}/attachments?name=${enc(file.name)}`, file),

    board: (id: string) => request<Board>('GET', `/api/v1/receptions/${enc(id)}/board`),
    figures: (id: string) => request<Figures>('GET', `/api/v1/receptions/${enc(id)}/figures`),
    summary: (id: string) =>
      request<{ reception: Reception; figures: PublicFigures }>(
        'GET',
        `/api/v1/receptions/${enc(id)}/summary`,
        undefined,
        PUBLIC,
      ),
    /** Newest first; `before` is the `next` of the previous page. */
    comments: (id: string, before?: string) =>
      request<Page<FeedbackComment>>(
        'GET',
        `/api/v1/receptions/${enc(id)}/comments?limit=20${before ? `&before=${enc(before)}` : ''}`,
      ),
    proposals: (organisationId: string) =>
      request<Page<Proposal>>('GET', `/api/v1/organisations/${enc(organisationId)}/proposals`),
  };
}

/** Plain links (downloads open with the session cookie, no script needed). */
export const links = {
  transcript: (roomId: string) => `/api/v1/rooms/${enc(roomId)}/transcript`,
  attachment: (id: string) => `/api/v1/attachments/${enc(id)}`,
  receptionCsv: (receptionId: string) => `/api/v1/receptions/${enc(receptionId)}/consultations.csv`,
};
