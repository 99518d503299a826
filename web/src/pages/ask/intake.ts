// The intake form's values and the checks that mirror the server's (POST /api/v1/tickets),
// so a citizen on a slow link learns of a mistake before the round trip.
import type { TFunction } from 'i18next';
import type { Channel, ConsentText, NewTicket, Reception, Region, Slot, SpecialistKind } from '../../api/types';
import { checkConsent } from '../../components/Consent';
import { textLength } from '../../components/format';
import type { FieldProblems } from '../../components/useForm';
import type { Language } from '../../i18n';

export const MAX_DESCRIPTION = 4000;
export const MAX_CONTACT = 200;

export const INTAKE_FIELDS = [
  'region',
  'language',
  'category',
  'description',
  'channel',
  'kinds',
  'contact',
  'consent',
  'slot_at',
] as const;

export interface IntakeValues {
  region: string;
  language: Language;
  category: string;
  description: string;
  channel: Channel | '';
  kinds: SpecialistKind[];
  contact: string;
  consent: boolean;
  /** '' for "as soon as possible". */
  slotAt: string;
}

export interface IntakeContext {
  reception: Pick<Reception, 'categories' | 'channels'>;
  regions: readonly Pick<Region, 'code'>[];
  slots: readonly Slot[];
  /** The consent text shown (undefined until it has loaded). */
  consent: ConsentText | undefined;
}

export function initialIntake(language: Language, reception: Pick<Reception, 'channels' | 'categories'>): IntakeValues {
  const channel = reception.channels.includes('chat') ? 'chat' : (reception.channels[0] ?? '');
  return {
    region: '',
    language,
    category: reception.categories.length === 1 ? (reception.categories[0] ?? '') : '',
    description: '',
    channel,
    kinds: [],
    contact: '',
    consent: false,
    slotAt: '',
  };
}

export function validateIntake(t: TFunction, values: IntakeValues, context: IntakeContext): FieldProblems {
  const { reception, regions, slots, consent } = context;
  const description = values.description.trim();
  const contact = values.contact.trim();
  return {
    region: !values.region
      ? t('intake.errors.region')
      : regions.some((r) => r.code === values.region)
        ? undefined
        : t('intake.errors.region'),
    category: reception.categories.includes(values.category) ? undefined : t('intake.errors.category'),
    description: !description
      ? t('intake.errors.description')
      : textLength(description) > MAX_DESCRIPTION
        ? t('validation.tooLong', { max: MAX_DESCRIPTION })
        : undefined,
    channel: values.channel && reception.channels.includes(values.channel) ? undefined : t('intake.errors.channel'),
    kinds: values.kinds.length === 0 ? t('intake.errors.kinds') : undefined,
    contact:
      textLength(contact) > MAX_CONTACT
        ? t('validation.tooLong', { max: MAX_CONTACT })
        : values.channel === 'phone' && !contact
          ? t('intake.errors.phoneContact')
          : undefined,
    consent: checkConsent(t, values.consent, consent, t('intake.errors.consent')),
    slot_at:
      values.slotAt && !slots.some((s) => s.at === values.slotAt && s.free) ? t('intake.errors.slot') : undefined,
  };
}

/** The request body for valid values, agreeing to the consent text of `consentVersion`. */
export function intakeRequest(receptionId: string, values: IntakeValues, consentVersion: string): NewTicket {
  const request: NewTicket = {
    reception_id: receptionId,
    region: values.region,
    language: values.language,
    category: values.category,
    description: values.description.trim(),
    channel: values.channel || 'chat',
    kinds: values.kinds,
    consent: values.consent,
    consent_version: consentVersion,
  };
  const contact = values.contact.trim();
  if (contact) request.contact = contact;
  if (values.slotAt) request.slot_at = values.slotAt;
  return request;
}
