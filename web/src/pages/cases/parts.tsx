// Pieces the case's sections share: a section card with its heading, a step's form (its
// error region first, one submit that cannot be pressed twice), the "sign with ЭЦП" box, and
// the list of who accepted or signed.
import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import type { Case, Signature } from '../../api/cases-client';
import { focusFirstInvalid, type FormErrors } from '../../components/errors';
import { formatDateTime, formatLocalDate } from '../../components/format';
import type { Language } from '../../i18n';
import { LiveMessage } from '../../components/LiveMessage';
import { useT } from '../../i18n/context';
import { signers } from './stage';

export const NO_ERRORS: FormErrors = { message: '', fields: {}, other: [] };

export function Section({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section class="card case__section" aria-labelledby={`${id}-title`} data-testid={id}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}

interface StepFormProps {
  id: string;
  busy: boolean;
  submit: string;
  /** Sends the step; answers the errors to show, or null when it went through. */
  onSend: () => Promise<FormErrors | null>;
  /** Checks before sending: field problems (none: send). */
  validate?: () => Record<string, string | undefined>;
  children?: (errors: FormErrors) => ComponentChildren;
  danger?: boolean;
}

/** A step's form: local checks, then the server's field errors next to the fields. */
export function StepForm({ id, busy, submit, onSend, validate, children, danger = false }: StepFormProps) {
  const { t } = useT();
  const form = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const focus = () => {
    requestAnimationFrame(() => {
      focusFirstInvalid(form.current);
    });
  };
  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const fields: Record<string, string> = {};
    for (const [name, problem] of Object.entries(validate?.() ?? {})) if (problem) fields[name] = problem;
    if (Object.keys(fields).length > 0) {
      setErrors({ message: t('validation.summary'), fields, other: [] });
      focus();
      return;
    }
    const result = await onSend();
    setErrors(result ?? NO_ERRORS);
    if (result) focus();
  };
  return (
    <form ref={form} class="form" noValidate data-testid={id} onSubmit={(e) => void onSubmit(e)}>
      <LiveMessage kind="error" message={errors.message} details={errors.other} testId={`${id}-error`} />
      {children?.(errors)}
      <button type="submit" class={danger ? 'button button--danger' : 'button'} disabled={busy} data-testid={`${id}-submit`}>
        {busy ? t('cases.sending') : submit}
      </button>
    </form>
  );
}

/** Reads a chosen file as base64 (a detached CMS signature, DER or PEM bytes as they are). */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => {
      reject(new Error('read'));
    };
    reader.readAsDataURL(file);
  });
}

interface SignBoxProps {
  id: string;
  onCms: (cms: string | undefined) => void;
  error?: string | undefined;
}

/** The optional ЭЦП: what it is, that GOST keys are not verified yet, and the file to attach. */
export function SignBox({ id, onCms, error }: SignBoxProps) {
  const { t } = useT();
  const [name, setName] = useState('');
  const [failed, setFailed] = useState(false);
  const errorId = error || failed ? `${id}-error` : undefined;
  return (
    <details class="case__cms">
      <summary>{t('cases.cms.title')}</summary>
      <p>{t('cases.cms.what')}</p>
      <p class="notice notice--warning">{t('cases.cms.gost')}</p>
      <div class={error ? 'field field--invalid' : 'field'}>
        <label for={id}>{t('cases.cms.file')}</label>
        <input
          type="file"
          id={id}
          accept=".p7s,.sig,.cms,application/pkcs7-signature"
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={errorId}
          data-testid={id}
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            setFailed(false);
            if (!file) {
              setName('');
              onCms(undefined);
              return;
            }
            readBase64(file).then(
              (cms) => {
                setName(file.name);
                onCms(cms);
              },
              () => {
                setFailed(true);
                onCms(undefined);
              },
            );
          }}
        />
        {name && <p class="field__hint">{t('cases.cms.attached', { name })}</p>}
        {(error || failed) && (
          <p id={errorId} class="field__error">
            {error ?? t('cases.cms.unreadable')}
          </p>
        )}
      </div>
    </details>
  );
}

/** Each party and chosen mediator, with when they accepted or signed (or that they have not). */
export function SignedBy({ kase, signatures, testId }: { kase: Case; signatures: readonly Signature[]; testId: string }) {
  const { t, language } = useT();
  return (
    <ul class="plain case__signers" data-testid={testId}>
      {signers(kase).map((who) => {
        const signature = signatures.find((s) => who.ids.includes(s.by));
        return (
          <li key={who.ids[0]} data-signed={signature ? 'yes' : 'no'}>
            <span>{who.name}</span>{' '}
            <span class={signature ? 'badge badge--ok' : 'badge'}>
              {signature
                ? t('cases.signedAt', { date: formatDateTime(signature.at, language) })
                : t('cases.notYetSigned')}
            </span>
            {signature?.certificate && <span class="field__hint">{t('cases.cms.verified', { subject: signature.certificate.subject })}</span>}
          </li>
        );
      })}
    </ul>
  );
}

/** A date (`YYYY-MM-DD`, Kazakhstan's) or a time (RFC 3339) in the page's language. */
export function formatWhen(value: string, language: Language): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatLocalDate(value, language) : formatDateTime(value, language);
}
