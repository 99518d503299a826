// Shapes of the Kelisim REST API (/api/v1), as the server sends them.
import type { Language } from '../i18n';

export type Role = 'citizen' | 'specialist' | 'coordinator' | 'admin';
/** The roles staff can be invited to or moved between (only an admin makes an admin). */
export type StaffRole = 'specialist' | 'coordinator' | 'admin';
/** `invited`: has not set a password yet; `deactivated`: may not sign in. */
export type UserStatus = 'active' | 'invited' | 'deactivated';
/** How many consultations a specialist holds at once. */
export const CAPACITY_CHOICES = [1, 2, 3, 4, 5] as const;
export const SPECIALIST_KINDS = [
  'mediator',
  'psychologist',
  'lawyer',
  'judge',
  'doctor',
  'anticorruption',
  'other',
] as const;
export type SpecialistKind = (typeof SPECIALIST_KINDS)[number];

export const CATEGORIES = [
  'family',
  'civil',
  'labour',
  'housing',
  'health',
  'consumer',
  'corruption',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** A name given in each interface language. */
export type LocalisedName = Partial<Record<Language, string>>;

export interface OrganisationRef {
  id: string;
  name: LocalisedName;
}

export interface User {
  id: string;
  email: string;
  display_name: string;
  role: Role;
  kinds: SpecialistKind[];
  organisation: OrganisationRef | null;
  language: Language;
  languages: Language[];
  categories: Category[];
  /** Consultations held at once (specialists). */
  capacity: number;
  status: UserStatus;
  /**
   * When this account agreed to the processing of its personal data (Law of the RK 94-V);
   * null when it never did (staff), absent from servers that predate it.
   */
  consent?: ConsentRecord | null;
}

/** A consent given: the version of the text agreed to and when. */
export interface ConsentRecord {
  version: string;
  at: string;
}

/** The consent text to show before asking a question or signing up (GET /consent). */
export interface ConsentText {
  version: string;
  /** Plain text in the request's language; paragraphs separated by blank lines. */
  text: string;
  /** How long the data are kept. */
  retention_days: number;
}

export interface Organisation extends OrganisationRef {
  region: string;
}

/** POST /organisations and PATCH /organisations/{id}: every name and the region are required. */
export interface OrganisationInput {
  name: Record<Language, string>;
  /** ISO 3166-2:KZ, such as KZ-75 (Almaty). */
  region: string;
}

export interface Region {
  code: string;
  kind: 'city' | 'region';
  name: LocalisedName;
}

export interface Page<T> {
  items: T[];
  next: string | null;
}

export interface SignUpRequest {
  email: string;
  password: string;
  display_name: string;
  language: Language;
  consent: boolean;
  /** The version of the consent text shown (ConsentText.version). */
  consent_version?: string;
}

export interface SignInRequest {
  email: string;
  password: string;
}

/** An invitation: the person sets their own password from the link mailed to them. */
export interface NewStaffRequest {
  email: string;
  display_name: string;
  role: StaffRole;
  kinds: SpecialistKind[];
  organisation_id: string;
  /** The language of the invitation mail and of their interface at first. */
  language?: Language;
  languages: Language[];
  categories: Category[];
  capacity?: number;
}

export type UserPatch = Partial<Pick<User, 'display_name' | 'kinds' | 'languages' | 'categories' | 'capacity'>> & {
  role?: StaffRole;
};

/** What a one-time link mailed for an account is for (POST /auth/account-link). */
export interface AccountLink {
  purpose: 'invitation' | 'password_reset';
  email: string;
  display_name: string;
}

export interface ChangePasswordRequest {
  current_password: string;
  new_password: string;
}

/** One entry of the audit trail (GET /audit): who did what to which object, when and from where. */
export interface AuditEntry {
  /** Increasing; `before` pages by it. */
  id: number;
  at: string;
  /** null: the system, or someone not signed in. */
  actor_id: string | null;
  /** A dotted code: `auth.sign_in`, `reception.closed`… */
  action: string;
  object_type: string;
  object_id: string;
  /** A small JSON object as text, "{}" when there is nothing to add. */
  detail: string;
  ip: string;
  /** Whether the entry is already in the hash chain. */
  sealed: boolean;
}

/** The audit trail's filters; absent or empty ones are not sent. */
export interface AuditQuery {
  actor?: string;
  /** A prefix: `auth.` finds every sign-in event. */
  action?: string;
  object?: string;
  /** RFC 3339; entries at or after it. */
  from?: string;
  /** RFC 3339; entries before it. */
  to?: string;
  /** The `next` of the previous page. */
  before?: string;
  limit?: number;
}

/** RFC 9457 problem details, with Kelisim's per-field errors. */
export interface FieldProblem {
  field: string;
  /** The stable reason (`signed_in_as_staff`, `too_long`…); absent from foreign servers. */
  code?: string;
  detail: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors: FieldProblem[];
}

// ── Receptions, tickets, rooms (docs/reception-api.md) ─────────────────────────────

/** How a citizen may be served: a reception offers some of these, a ticket asks for one. */
export const CHANNELS = ['chat', 'video', 'voice', 'phone'] as const;
export type Channel = (typeof CHANNELS)[number];

export const OUTCOMES = [
  'advice_given',
  'referred_to_mediation',
  'referred_to_court',
  'referred_to_public_body',
  'follow_up_needed',
  'not_resolved',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

export type TicketStatus = 'scheduled' | 'waiting' | 'in_room' | 'deferred' | 'closed' | 'no_show' | 'abandoned';

export interface WeeklyHours {
  /** ISO weekday: 1 Monday … 7 Sunday. */
  weekday: number;
  /** "09:00", Kazakhstan time (UTC+5). */
  from: string;
  to: string;
}

export interface Reception {
  id: string;
  organisation_id: string;
  organisation_name: LocalisedName;
  kind: 'event' | 'permanent';
  title: LocalisedName;
  description: LocalisedName;
  starts_at: string;
  ends_at: string;
  categories: string[];
  channels: Channel[];
  hours: WeeklyHours[];
  holidays: string[];
  slot_minutes: number;
  status: 'upcoming' | 'open' | 'closed';
  open_now: boolean;
  next_opening: string | null;
  kinds_on_duty: SpecialistKind[];
}

export interface Shift {
  specialist_id: string;
  kinds: SpecialistKind[];
  from: string;
  to: string;
}

export interface RosterEntry extends Shift {
  display_name: string;
}

export interface NewReception {
  organisation_id?: string;
  title: LocalisedName;
  description: LocalisedName;
  starts_at: string;
  ends_at: string;
  categories: string[];
  channels: Channel[];
  slot_minutes?: number;
  roster?: Shift[];
}

/** PATCH /receptions/{id}: what changes (the same fields as a new reception, each optional). */
export type ReceptionPatch = Partial<Omit<NewReception, 'organisation_id'>>;

/** PUT /organisations/{id}/line: the permanent line's hours and holidays (and, optionally, more). */
export interface LineInput {
  hours: WeeklyHours[];
  /** Local dates, YYYY-MM-DD. */
  holidays: string[];
}

export interface Slot {
  at: string;
  free: boolean;
}

export interface Seat {
  kind: SpecialistKind;
  specialist: { id: string; display_name: string } | null;
  joined_at: string | null;
}

export interface Ticket {
  id: string;
  reception_id: string;
  organisation_id: string;
  region: string;
  language: Language;
  category: string;
  description: string;
  channel: Channel;
  kinds: SpecialistKind[];
  seats: Seat[];
  status: TicketStatus;
  place: number | null;
  estimated_wait_seconds: number | null;
  on_duty: boolean;
  next_opening: string | null;
  room_id: string | null;
  created_at: string;
  slot_at: string | null;
  contact: string | null;
  feedback_given: boolean;
  /** The consent text the citizen agreed to when asking, and when (null: before it was recorded). */
  consent_version: string | null;
  consent_at: string | null;
  /** Consent withdrawn: the description, contact, chat and files are gone (figures still count it). */
  erased: boolean;
}

export interface NewTicket {
  reception_id: string;
  region: string;
  language: Language;
  category: string;
  description: string;
  channel: Channel;
  kinds: SpecialistKind[];
  consent: boolean;
  /** The version of the consent text shown (ConsentText.version). */
  consent_version?: string;
  contact?: string;
  slot_at?: string;
}

export interface RoomMember {
  user_id: string;
  display_name: string;
  /** null: the citizen. */
  kind: SpecialistKind | null;
  joined_at: string;
  left_at: string | null;
  last_read_seq: number;
}

export interface Room {
  id: string;
  ticket_id: string;
  reception_id: string;
  members: RoomMember[];
  awaited_kinds: SpecialistKind[];
  closed_at: string | null;
  outcome: Outcome | null;
  summary: string | null;
  last_seq: number;
  ticket: Ticket;
}

/**
 * A room as the desk and the board list it: the server may leave out the members and the
 * ticket there (GET /rooms/{id} has them all).
 */
export type RoomSummary = Pick<Room, 'id' | 'ticket_id' | 'reception_id' | 'closed_at' | 'outcome' | 'last_seq'> &
  Partial<Pick<Room, 'members' | 'awaited_kinds' | 'summary' | 'ticket'>>;

export interface Attachment {
  id: string;
  file_name: string;
  content_type: string;
  size: number;
}

export interface Message {
  room_id: string;
  seq: number;
  sender_id: string;
  sender_name: string;
  kind: 'text' | 'attachment' | 'system';
  body: string;
  attachment: Attachment | null;
  client_id: string;
  at: string;
}

export interface Note {
  id?: string;
  author_id?: string;
  author_name?: string;
  body: string;
  at: string;
}

export interface Offer {
  ticket_id: string;
  kind: SpecialistKind;
  category: string;
  language: Language;
  region: string;
  description: string;
  expires_at: string;
}

export interface Desk {
  on_duty: boolean;
  /** Off duty because an offer went unanswered (until they go on duty again). */
  missed_offer: boolean;
  receptions: { id: string; title: LocalisedName; waiting: number }[];
  offer: Offer | null;
  rooms: RoomSummary[];
}

export type SpecialistState = 'free' | 'busy' | 'away' | 'offered';

export interface Board {
  reception_id: string;
  waiting: number;
  waiting_by_category: Record<string, number>;
  waiting_by_kind: Record<string, number>;
  longest_wait_seconds: number | null;
  tickets: Ticket[];
  specialists: {
    id: string;
    display_name: string;
    kinds: SpecialistKind[];
    state: SpecialistState;
    /** Away because an offer went unanswered. */
    missed_offer: boolean;
    rooms: number;
  }[];
  rooms: RoomSummary[];
}

/** A reception's public figures: a count from 1 to 4 is withheld (null), and so are waits
 * over fewer than 5 served and an average of fewer than 5 ratings: nobody can be picked out. */
export interface PublicFigures {
  served: number | null;
  by_category: Record<string, number | null>;
  by_kind: Record<string, number | null>;
  by_region: Record<string, number | null>;
  by_channel: Record<string, number | null>;
  by_outcome: Record<string, number | null>;
  no_show: number | null;
  abandoned: number | null;
  wait_median_seconds: number | null;
  wait_p90_seconds: number | null;
  rating_average: number | null;
  ratings: number | null;
  by_call: Record<string, number | null>;
  call_median_minutes: number | null;
  call_p90_minutes: number | null;
}

export interface Figures {
  served: number;
  by_category: Record<string, number>;
  by_kind: Record<string, number>;
  by_region: Record<string, number>;
  by_channel: Record<string, number>;
  by_outcome: Record<string, number>;
  no_show: number;
  abandoned: number;
  wait_median_seconds: number | null;
  wait_p90_seconds: number | null;
  rating_average: number | null;
  ratings: number;
  by_call: Record<string, number>;
  call_median_minutes: number | null;
  call_p90_minutes: number | null;
}

export interface Proposal {
  ticket_id: string;
  reception_id: string;
  proposal: string;
  rating: number | null;
  at: string;
}

/** A citizen's rating with what they wrote (the figures page; coordinators and admins). */
export interface FeedbackComment {
  ticket_id: string;
  reception_id: string;
  rating: number;
  comment: string;
  at: string;
}

export interface FeedbackRequest {
  rating: number;
  comment?: string;
  proposal?: string;
}

/** A STUN or TURN server as RTCPeerConnection takes it; TURN credentials are short-lived. */
export interface IceServer {
  urls: string[];
  username?: string;
  credential?: string;
}

/** GET /api/v1/media: whether calls are on now, and how to reach the media engine. */
export interface MediaSettings {
  calls: boolean;
  ice_servers: IceServer[];
  /** The server refuses an SDP offer larger than this. */
  max_sdp_bytes: number;
}

// Conferences (docs/conference-api.md).
export type ConferenceRole = 'moderator' | 'speaker' | 'guest';
export type ConferencePhase = 'upcoming' | 'live' | 'ended' | 'cancelled';
export const CONFERENCE_PROPOSAL_STATUSES = ['open', 'in_progress', 'done', 'dropped'] as const;
export type ConferenceProposalStatus = (typeof CONFERENCE_PROPOSAL_STATUSES)[number];

export interface AgendaItem {
  id: string;
  title: string;
  minutes: string;
}

export interface ConferenceParticipant {
  role: ConferenceRole;
  user_id: string | null;
  name: string;
  /** A guest's address, shown to moderators only. */
  email: string;
  organisation_id: string;
  /** A guest who has opened their link. */
  joined: boolean;
}

export interface ConferenceProposal {
  id: string;
  conference_id: string;
  conference_title: string;
  agenda_item_id: string | null;
  agenda_title: string;
  text: string;
  owner_id: string | null;
  owner_name: string;
  owner: string;
  due_date: string;
  status: ConferenceProposalStatus;
  created_at: string;
  closed_at: string | null;
  may_change: boolean;
}

export interface Conference {
  id: string;
  organisation_id: string;
  title: string;
  description: string;
  language: Language;
  starts_at: string;
  ends_at: string;
  status: 'scheduled' | 'cancelled' | 'ended';
  phase: ConferencePhase;
  ended_at: string | null;
  created_by: string;
  my_role: ConferenceRole;
  agenda: AgendaItem[];
  participants: ConferenceParticipant[];
  proposals: ConferenceProposal[];
}

export interface ConferenceGuestInput {
  name: string;
  email: string;
  language?: Language;
}

export interface ConferenceInput {
  title?: string;
  description?: string;
  language?: Language;
  starts_at?: string;
  ends_at?: string;
  agenda?: { id?: string; title: string }[];
  specialists?: string[];
  moderators?: string[];
  guests?: ConferenceGuestInput[];
}

export interface ConferenceProposalInput {
  text?: string;
  owner_id?: string;
  owner_name?: string;
  due_date?: string;
  agenda_item_id?: string;
  status?: ConferenceProposalStatus;
}

export interface Invitee {
  id: string;
  display_name: string;
  organisation_id: string;
  role: Role;
}

// ── The register of mediators (GET /mediators; core/mediation/mediator.hpp) ──────────

export const MEDIATOR_KINDS = ['professional', 'public'] as const;
/** Professional (an organisation of mediators, a certificate) or public (an akimat's list). */
export type MediatorKind = (typeof MEDIATOR_KINDS)[number];
export const MEDIATOR_STATUSES = ['active', 'suspended', 'excluded'] as const;
/** Only an active mediator takes cases; the register shows suspension and exclusion. */
export type MediatorStatus = (typeof MEDIATOR_STATUSES)[number];
/** The kinds of dispute a mediator takes on. */
export const SPECIALISATIONS = ['civil', 'family', 'labour', 'commercial', 'administrative', 'criminal'] as const;
export type Specialisation = (typeof SPECIALISATIONS)[number];

export interface Mediator {
  id: string;
  name: string;
  kind: MediatorKind;
  /** The organisation of mediators, or the akimat keeping the list. */
  keeper: string;
  /** Professional mediators' training certificate; the date is YYYY-MM-DD. */
  certificate: { number: string; date: string } | null;
  specialisations: Specialisation[];
  languages: Language[];
  /** ISO 3166-2:KZ codes. */
  regions: string[];
  status: MediatorStatus;
  /** Suspended or excluded since (YYYY-MM-DD). */
  status_since: string | null;
  /** Why, as the register shows it ('' when active). */
  status_reason: string;
}

/** GET /mediators: every filter optional; `q` matches names and keepers on the server. */
export interface MediatorQuery {
  q?: string;
  region?: string;
  language?: Language;
  specialisation?: Specialisation;
  kind?: MediatorKind;
  status?: MediatorStatus;
}
