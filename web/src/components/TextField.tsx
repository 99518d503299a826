// A labelled input with an optional hint and error, wired for assistive technology:
// <label for>, aria-describedby (hint and error) and aria-invalid.
interface InputProps {
  type?: 'text' | 'email' | 'password';
  inputMode?: 'text' | 'email';
  autoComplete?: string;
  autoCapitalize?: 'none' | 'sentences' | 'words';
  spellcheck?: boolean;
  required?: boolean;
}

interface TextFieldProps extends InputProps {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  hint?: string | undefined;
  error?: string | undefined;
}

export function TextField(props: TextFieldProps) {
  const { id, label, value, onValue, hint, error, type = 'text', ...input } = props;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  const common = {
    ...input,
    id,
    name: id,
    value,
    onInput: (event: Event) => {
      onValue((event.currentTarget as HTMLInputElement).value);
    },
    'aria-invalid': error ? ('true' as const) : undefined,
    'aria-describedby': describedBy,
  };
  return (
    <div class={error ? 'field field--invalid' : 'field'}>
      <label for={id}>{label}</label>
      {hint && (
        <p id={hintId} class="field__hint">
          {hint}
        </p>
      )}
      {type === 'password' ? (
        <input type="password" {...common} />
      ) : type === 'email' ? (
        <input type="email" {...common} />
      ) : (
        <input type="text" {...common} />
      )}
      {error && (
        <p id={errorId} class="field__error">
          {error}
        </p>
      )}
    </div>
  );
}
