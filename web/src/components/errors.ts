// Turns a thrown value into what a form shows: one message for the whole form and a
// message per field. The server's localised text is preferred; our own translation
// covers failures that never reached it or came without details.
import type { TFunction } from 'i18next';
import { ApiError, NETWORK_PROBLEM } from '../api/problem';

export interface FormErrors {
  message: string;
  fields: Record<string, string>;
  /** Field errors the form has no input for, shown under the message. */
  other: string[];
}

export function formErrors(t: TFunction, error: unknown, knownFields: readonly string[]): FormErrors {
  if (!(error instanceof ApiError)) return { message: t('errors.generic'), fields: {}, other: [] };
  const { problem } = error;
  const fields: Record<string, string> = {};
  const other: string[] = [];
  for (const { field, detail } of problem.errors) {
    if (knownFields.includes(field) && !(field in fields)) fields[field] = detail;
    else other.push(detail);
  }
  let message = problem.detail;
  if (message === undefined) {
    if (problem.type === NETWORK_PROBLEM) message = t('errors.network');
    else if (problem.status === 429) message = t('errors.rateLimited');
    else if (problem.errors.length > 0) message = t('validation.summary');
    else message = t('errors.generic');
  }
  return { message, fields, other };
}

/** Moves focus to the first invalid control of a form, if any. */
export function focusFirstInvalid(form: HTMLFormElement | null): void {
  const target = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
  target?.focus();
}
