// A <fieldset> of checkboxes or radio buttons with a legend and an optional error.
interface Option<V extends string> {
  value: V;
  label: string;
  lang?: string;
}

interface ChoiceGroupProps<V extends string> {
  id: string;
  legend: string;
  type: 'checkbox' | 'radio';
  options: readonly Option<V>[];
  selected: readonly V[];
  onChange: (selected: V[]) => void;
  error?: string | undefined;
  hint?: string | undefined;
  /** Test id of the fieldset; each input gets `<testId>-<value>`. */
  testId?: string;
}

export function ChoiceGroup<V extends string>(props: ChoiceGroupProps<V>) {
  const { id, legend, type, options, selected, onChange, error, hint, testId } = props;
  const errorId = error ? `${id}-error` : undefined;
  const hintId = hint ? `${id}-hint` : undefined;
  const toggle = (value: V, checked: boolean) => {
    if (type === 'radio') onChange([value]);
    else if (checked) onChange([...selected, value]);
    else onChange(selected.filter((v) => v !== value));
  };
  return (
    <fieldset
      id={id}
      class={error ? 'choices field--invalid' : 'choices'}
      aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
      aria-invalid={error ? 'true' : undefined}
      tabIndex={-1}
      data-testid={testId}
    >
      <legend>{legend}</legend>
      {hint && (
        <p id={hintId} class="field__hint">
          {hint}
        </p>
      )}
      <div class="choices__options">
        {options.map((option) => (
          <label key={option.value} class="choice" lang={option.lang}>
            <input
              type={type}
              name={id}
              value={option.value}
              checked={selected.includes(option.value)}
              data-testid={testId ? `${testId}-${option.value}` : undefined}
              onChange={(event) => {
                toggle(option.value, event.currentTarget.checked);
              }}
            />
            <span>{option.label}</span>
          </label>
        ))}
      </div>
      {error && (
        <p id={errorId} class="field__error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
