// The pieces the forms share: the <form> with its error live region first and its
// submit button last, the fields that mean the same in every form, and the options of
// choice groups.
import type { ComponentChildren } from 'preact';
import type { TFunction } from 'i18next';
import { CAPACITY_CHOICES } from '../api/types';
import { LANGUAGES, type Language } from '../i18n';
import { useT } from '../i18n/context';
import { ChoiceGroup } from './ChoiceGroup';
import { LiveMessage } from './LiveMessage';
import { TextField } from './TextField';
import type { FormState, TextValue } from './useForm';
import { MIN_PASSWORD_LENGTH } from './validation';

interface FormProps {
  state: FormState;
  testId?: string;
  /** The test id of the form's error message. */
  errorTestId?: string;
  submit: { testId: string; label: string; busyLabel: string };
  children: ComponentChildren;
}

/** A form checked and sent by useForm. */
export function Form({ state, testId, errorTestId, submit, children }: FormProps) {
  const { form, errors, busy, onSubmit } = state;
  return (
    <form ref={form} class="form" noValidate onSubmit={onSubmit} data-testid={testId}>
      <LiveMessage kind="error" message={errors.message} details={errors.other} testId={errorTestId} />
      {children}
      <button type="submit" class="button" disabled={busy} data-testid={submit.testId}>
        {busy ? submit.busyLabel : submit.label}
      </button>
    </form>
  );
}

interface FieldProps extends TextValue {
  id: string;
  autoComplete: string;
  error: string | undefined;
  hint?: string;
}

export function DisplayNameField(props: FieldProps) {
  const { t } = useT();
  return <TextField {...props} label={t('field.displayName')} required />;
}

export function EmailField(props: FieldProps) {
  const { t } = useT();
  return (
    <TextField
      {...props}
      label={t('field.email')}
      type="email"
      inputMode="email"
      autoCapitalize="none"
      spellcheck={false}
      required
    />
  );
}

interface PasswordFieldProps extends FieldProps {
  /** Defaults to "Password". */
  label?: string;
}

export function PasswordField({ label, ...props }: PasswordFieldProps) {
  const { t } = useT();
  return <TextField {...props} label={label ?? t('field.password')} type="password" required />;
}

interface NewPasswordFieldsProps {
  /** The two field names, also the inputs' ids: [new password, its repeat]. */
  names: readonly [string, string];
  password: TextValue;
  repeat: TextValue;
  errors: Record<string, string>;
  /** Defaults to "Password". */
  label?: string;
}

/**
 * A password being set, typed twice, with the length rule as its hint (checked with
 * checkNewPassword and checkPasswordRepeat). Password managers offer a strong one here.
 */
export function NewPasswordFields({ names, password, repeat, errors, label }: NewPasswordFieldsProps) {
  const { t } = useT();
  const [passwordName, repeatName] = names;
  return (
    <>
      <PasswordField
        id={passwordName}
        label={label}
        autoComplete="new-password"
        hint={t('field.passwordHint', { min: MIN_PASSWORD_LENGTH })}
        {...password}
        error={errors[passwordName]}
      />
      <PasswordField
        id={repeatName}
        label={t('field.passwordConfirm')}
        autoComplete="new-password"
        {...repeat}
        error={errors[repeatName]}
      />
    </>
  );
}

interface CapacityFieldProps {
  id: string;
  value: number;
  onValue: (value: number) => void;
  error: string | undefined;
}

/** How many consultations a specialist holds at once: 1 to 5, as radio buttons. */
export function CapacityField({ id, value, onValue, error }: CapacityFieldProps) {
  const { t } = useT();
  return (
    <ChoiceGroup<string>
      id={id}
      type="radio"
      legend={t('field.capacity')}
      hint={t('field.capacityHint')}
      options={CAPACITY_CHOICES.map((n) => ({ value: String(n), label: String(n) }))}
      selected={[String(value)]}
      onChange={(selected) => {
        onValue(Number(selected[0] ?? 1));
      }}
      error={error}
      testId={id}
    />
  );
}

/** The interface languages, each named in the current language and marked with its own lang. */
export function languageOptions(t: TFunction) {
  return LANGUAGES.map((code: Language) => ({ value: code, label: t(`language.${code}`), lang: code }));
}

/** Options for values translated under `prefix` (`kind`, `category`, `role`…). */
export function valueOptions<V extends string>(t: TFunction, prefix: string, values: readonly V[]) {
  return values.map((value) => ({ value, label: t(`${prefix}.${value}`) }));
}
