// One text in each interface language (a title, a description, an organisation's name):
// a fieldset with a field per language, each marked with its own lang, and one error for
// the group (such as "give it in at least one language").
import { LANGUAGES, type Language } from '../i18n';
import { useT } from '../i18n/context';
import { TextField } from './TextField';

interface LocalTextFieldsProps {
  /** The fieldset's id; each field is `<id>-<language>`. */
  id: string;
  legend: string;
  /** The label of one language's field, given the language's name. */
  label: (languageName: string) => string;
  values: Record<Language, string>;
  /** One language's text changed (several may change before the next render). */
  onChange: (language: Language, value: string) => void;
  /** The group's error. */
  error?: string | undefined;
  /** Errors of single languages, by language. */
  errors?: Partial<Record<Language, string | undefined>>;
  multiline?: number;
  required?: boolean;
  testId?: string;
}

export function LocalTextFields(props: LocalTextFieldsProps) {
  const { id, legend, label, values, onChange, error, errors = {}, multiline, required, testId } = props;
  const { t } = useT();
  const errorId = `${id}-error`;
  return (
    <fieldset
      class="choices"
      id={id}
      tabIndex={-1}
      aria-invalid={error ? 'true' : undefined}
      aria-describedby={error ? errorId : undefined}
    >
      <legend>{legend}</legend>
      {LANGUAGES.map((code) => (
        <TextField
          key={code}
          id={`${id}-${code}`}
          label={label(t(`language.${code}`))}
          lang={code}
          multiline={multiline}
          required={required}
          value={values[code]}
          onValue={(value) => {
            onChange(code, value);
          }}
          error={errors[code]}
          testId={testId ? `${testId}-${code}` : undefined}
        />
      ))}
      {error && (
        <p id={errorId} class="field__error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
