// Shapes of the Kelisim REST API (/api/v1), as the server sends them.
import type { Language } from '../i18n';

export type Role = 'citizen' | 'specialist' | 'coordinator' | 'admin';
export type StaffRole = 'specialist' | 'coordinator';
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
}

export interface Organisation extends OrganisationRef {
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
}

export interface SignInRequest {
  email: string;
  password: string;
}

export interface NewStaffRequest {
  email: string;
  password: string;
  display_name: string;
  role: StaffRole;
  kinds: SpecialistKind[];
  organisation_id: string;
  languages: Language[];
  categories: Category[];
}

/** RFC 9457 problem details, with Kelisim's per-field errors. */
export interface FieldProblem {
  field: string;
  detail: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors: FieldProblem[];
}
