// The audit trail's actions the interface names in words (audit.action.* in the
// catalogues), by family: the family's prefix ("auth.") filters them all at once. An action
// not listed here is shown by its code.
import type { TFunction } from 'i18next';

export const ACTION_FAMILIES = {
  auth: [
    'sign_in',
    'sign_in_failed',
    'sign_in_refused_deactivated',
    'sign_in_refused_locked',
    'locked_out',
    'sign_out',
    'sign_out_everywhere',
    'sign_up',
    'password_changed',
    'password_reset_requested',
    'password_reset',
    'invitation_accepted',
  ],
  user: ['invited', 'created', 'invitation_resent', 'role_changed', 'deactivated', 'reactivated'],
  organisation: ['created', 'updated'],
  reception: ['created', 'updated', 'closed', 'line_created'],
  ticket: ['created', 'resumed', 'requeued', 'reassigned'],
  desk: ['on_duty', 'off_duty', 'offer_missed'],
  room: [
    'joined',
    'invited',
    'transferred',
    'closed',
    'no_show',
    'messages_read',
    'notes_read',
    'attachment_read',
    'transcript',
    'transcript_read',
  ],
  consultation: ['phone_recorded'],
  figures: ['exported'],
  category: ['added'],
} as const satisfies Record<string, readonly string[]>;

export type ActionFamily = keyof typeof ACTION_FAMILIES;

export const FAMILIES = Object.keys(ACTION_FAMILIES) as ActionFamily[];

/** An action in words where the catalogue has it, otherwise its code. */
export function actionLabel(t: TFunction, action: string): string {
  const [family, name, ...rest] = action.split('.');
  const known =
    family !== undefined &&
    name !== undefined &&
    rest.length === 0 &&
    family in ACTION_FAMILIES &&
    (ACTION_FAMILIES[family as ActionFamily] as readonly string[]).includes(name);
  return known ? t(`audit.action.${family}.${name}`) : action;
}

/** An object's type in words (a reception, a user…), otherwise its code. */
export function objectLabel(t: TFunction, type: string): string {
  return t(`audit.object.${type}`, { defaultValue: type });
}

/** The "what" filter's choices: each family's prefix, then each of its actions. */
export function actionGroups(t: TFunction) {
  return FAMILIES.map((family) => ({
    label: t(`audit.family.${family}`),
    options: [
      { value: `${family}.`, label: t('audit.allOf', { family: t(`audit.family.${family}`) }) },
      ...ACTION_FAMILIES[family].map((name) => ({ value: `${family}.${name}`, label: t(`audit.action.${family}.${name}`) })),
    ],
  }));
}
