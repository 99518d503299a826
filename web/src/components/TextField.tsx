// A labelled input (or, with `multiline`, a textarea) with an optional hint, error and
// character counter, wired for assistive technology: <label for>, aria-describedby
// (hint, counter and error) and aria-invalid.
import { useT } from '../i18n/context';
import { textLength } from './format';

interface InputProps {
  type?: 'text' | 'search' | 'email' | 'password' | 'tel' | 'number' | 'datetime-local' | 'date' | 'time';
  /** The on-screen keyboard's Enter key (`search` on a search box). */
  enterkeyhint?: 'search' | 'done' | 'go' | 'next' | 'send';
  inputMode?: 'text' | 'email' | 'tel' | 'numeric';
  autoComplete?: string;
  autoCapitalize?: 'none' | 'sentences' | 'words';
  spellcheck?: boolean;
  required?: boolean;
  min?: number;
  max?: number;
  lang?: string;
}

interface TextFieldProps extends InputProps {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  hint?: string | undefined;
  error?: string | undefined;
  /** A textarea of this many rows instead of a one-line input. */
  multiline?: number;
  /** Shows "n / max" under the field (code points, as the server counts). */
  maxLength?: number;
  testId?: string;
}

export function TextField(props: TextFieldProps) {
  const { t } = useT();
  const { id, label, value, onValue, hint, error, type = 'text', multiline, maxLength, testId, ...input } = props;
  const hintId = hint ? `${id}-hint` : undefined;
  const counterId = maxLength ? `${id}-counter` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, counterId, errorId].filter(Boolean).join(' ') || undefined;
  const length = textLength(value);
  const common = {
    ...input,
    id,
    name: id,
    value,
    onInput: (event: Event) => {
      onValue((event.currentTarget as HTMLInputElement | HTMLTextAreaElement).value);
    },
    'aria-invalid': error ? ('true' as const) : undefined,
    'aria-describedby': describedBy,
    'data-testid': testId,
  };
  return (
    <div class={error ? 'field field--invalid' : 'field'}>
      <label for={id}>{label}</label>
      {hint && (
        <p id={hintId} class="field__hint">
          {hint}
        </p>
      )}
      {multiline ? <textarea rows={multiline} {...common} /> : <Input type={type} common={common} />}
      {maxLength !== undefined && (
        <p
          id={counterId}
          class={length > maxLength ? 'field__counter field__counter--over' : 'field__counter'}
          data-testid={testId ? `${testId}-counter` : undefined}
        >
          {t('field.counter', { count: length, max: maxLength })}
        </p>
      )}
      {error && (
        <p id={errorId} class="field__error">
          {error}
        </p>
      )}
    </div>
  );
}

interface SelectFieldProps {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  /** The first, empty choice ("Choose …"); omitted when a value is always chosen. */
  placeholder?: string;
  options: readonly SelectOption[];
  /** More options under headings (<optgroup>), after `options`. */
  groups?: readonly { label: string; options: readonly SelectOption[] }[];
  hint?: string | undefined;
  error?: string | undefined;
  required?: boolean;
  testId?: string;
}

interface SelectOption {
  value: string;
  label: string;
}

/** A labelled <select>, wired like TextField. */
export function SelectField(props: SelectFieldProps) {
  const { id, label, value, onValue, placeholder, options, groups = [], hint, error, required, testId } = props;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div class={error ? 'field field--invalid' : 'field'}>
      <label for={id}>{label}</label>
      {hint && (
        <p id={hintId} class="field__hint">
          {hint}
        </p>
      )}
      <select
        id={id}
        name={id}
        value={value}
        required={required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
        data-testid={testId}
        onChange={(event) => {
          onValue(event.currentTarget.value);
        }}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
        {groups.map((group) => (
          <optgroup key={group.label} label={group.label}>
            {group.options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      {error && (
        <p id={errorId} class="field__error">
          {error}
        </p>
      )}
    </div>
  );
}

interface CheckboxFieldProps {
  id: string;
  label: string;
  checked: boolean;
  onChecked: (checked: boolean) => void;
  hint?: string | undefined;
  error?: string | undefined;
  testId?: string;
}

/** One labelled checkbox with an explanation under it (consent and the like). */
export function CheckboxField({ id, label, checked, onChecked, hint, error, testId }: CheckboxFieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div class={error ? 'field field--check field--invalid' : 'field field--check'}>
      <label class="choice" for={id}>
        <input
          type="checkbox"
          id={id}
          name={id}
          checked={checked}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
          data-testid={testId}
          onChange={(event) => {
            onChecked(event.currentTarget.checked);
          }}
        />
        <span>{label}</span>
      </label>
      {hint && (
        <p id={hintId} class="field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} class="field__error">
          {error}
        </p>
      )}
    </div>
  );
}

/** Preact types each input type's attributes apart, so each type gets its own element. */
function Input({ type, common }: { type: NonNullable<InputProps['type']>; common: Record<string, unknown> }) {
  switch (type) {
    case 'password':
      return <input type="password" {...common} />;
    case 'email':
      return <input type="email" {...common} />;
    case 'tel':
      return <input type="tel" {...common} />;
    case 'number':
      return <input type="number" {...common} />;
    case 'datetime-local':
      return <input type="datetime-local" {...common} />;
    case 'date':
      return <input type="date" {...common} />;
    case 'time':
      return <input type="time" {...common} />;
    case 'search':
      return <input type="search" {...common} />;
    case 'text':
      return <input type="text" {...common} />;
  }
}
