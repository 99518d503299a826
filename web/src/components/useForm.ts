// The submit cycle the forms share: check locally and show every problem at once, then
// call the server and show its localised problem (see errors.ts). Focus moves to the
// first invalid control, so keyboard and screen-reader users land on what to fix.
import type { RefObject } from 'preact';
import { useRef, useState } from 'preact/hooks';
import type { User } from '../api/types';
import { useT } from '../i18n/context';
import { useSession } from '../session';
import { formErrors, focusFirstInvalid, type FormErrors } from './errors';

const NO_ERRORS: FormErrors = { message: '', fields: {}, other: [] };

/** A problem per field name; undefined where the field is fine. */
export type FieldProblems = Record<string, string | undefined>;

interface FormOptions {
  /** The field names the form has controls for; the server's other field errors go under the message. */
  fields: readonly string[];
  validate: () => FieldProblems;
  /** Calls the server; runs only when `validate` found nothing. */
  send: () => Promise<void>;
  /**
   * After a successful `send`: `ready` for the next entry, or `stay-busy` when the form
   * hands over to another screen (signing in) and must not be sent twice meanwhile.
   */
  afterSuccess: 'ready' | 'stay-busy';
  /** Whether a refusal from the server moves focus to the first field it flagged. */
  focusServerErrors: boolean;
}

export interface FormState {
  form: RefObject<HTMLFormElement | null>;
  errors: FormErrors;
  busy: boolean;
  onSubmit: (event: Event) => void;
}

export function useForm({ fields, validate, send, afterSuccess, focusServerErrors }: FormOptions): FormState {
  const { t } = useT();
  const form = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  const focusInvalid = () => {
    requestAnimationFrame(() => {
      focusFirstInvalid(form.current);
    });
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const problems: Record<string, string> = {};
    for (const [field, problem] of Object.entries(validate())) if (problem) problems[field] = problem;
    const message = Object.keys(problems).length > 0 ? t('validation.summary') : '';
    setErrors({ message, fields: problems, other: [] });
    if (message) {
      focusInvalid();
      return;
    }
    setBusy(true);
    try {
      await send();
      if (afterSuccess === 'ready') setBusy(false);
    } catch (error) {
      setErrors(formErrors(t, error, fields));
      setBusy(false);
      if (focusServerErrors) focusInvalid();
    }
  };

  return {
    form,
    errors,
    busy,
    onSubmit: (event) => {
      void submit(event);
    },
  };
}

interface SignInFormOptions extends Pick<FormOptions, 'fields' | 'validate' | 'focusServerErrors'> {
  /** Calls the server; the user it answers with is signed in and taken home. */
  send: () => Promise<{ user: User }>;
}

/** A form whose success signs someone in (sign-in, sign-up); it stays busy as the app moves on. */
export function useSignInForm({ send, ...options }: SignInFormOptions): FormState {
  const { signedIn } = useSession();
  return useForm({
    ...options,
    send: async () => {
      const { user } = await send();
      signedIn(user);
    },
    afterSuccess: 'stay-busy',
  });
}

/** A text input's state, to spread onto a field: `<EmailField {...email} />`. */
export interface TextValue {
  value: string;
  onValue: (value: string) => void;
}

export function useTextValue(initial = ''): TextValue {
  const [value, onValue] = useState(initial);
  return { value, onValue };
}
