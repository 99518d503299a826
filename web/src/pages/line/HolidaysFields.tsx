// The days a permanent line stays shut: a list of dates (in the viewer's language, each
// with its own "remove") and a date field to add one.
import { useState } from 'preact/hooks';
import { formatLocalDate } from '../../components/format';
import { TextField } from '../../components/TextField';
import { useT } from '../../i18n/context';
import { DATE } from './hours';

interface HolidaysFieldsProps {
  holidays: string[];
  /** Takes an update of the dates (a state setter will do). */
  onChange: (update: (holidays: string[]) => string[]) => void;
  error: string | undefined;
}

export function HolidaysFields({ holidays, onChange, error }: HolidaysFieldsProps) {
  const { t, language } = useT();
  const [date, setDate] = useState('');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const add = () => {
    if (!DATE.test(date)) {
      setProblem(t('line.dateRequired'));
      document.getElementById('holiday-new')?.focus();
      return;
    }
    setProblem(undefined);
    onChange((current) => (current.includes(date) ? current : [...current, date].sort()));
    setDate('');
  };
  return (
    <fieldset class="choices" id="holidays" tabIndex={-1}>
      <legend>{t('line.holidays')}</legend>
      <p class="field__hint">{t('line.holidaysHint')}</p>
      {error && <p class="field__error">{error}</p>}
      {holidays.length === 0 ? (
        <p>{t('line.noHolidays')}</p>
      ) : (
        <ul class="rows" data-testid="line-holidays">
          {holidays.map((holiday) => {
            const name = formatLocalDate(holiday, language);
            return (
              <li key={holiday} class="row row--inline" data-testid="line-holiday" data-date={holiday}>
                <span class="row__main">{name}</span>
                <button
                  type="button"
                  class="button button--secondary button--quiet"
                  aria-label={t('line.removeHoliday', { date: name })}
                  onClick={() => {
                    onChange((current) => current.filter((h) => h !== holiday));
                  }}
                >
                  {t('line.remove')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <div class="inline-form">
        <TextField
          id="holiday-new"
          type="date"
          label={t('line.newHoliday')}
          value={date}
          onValue={setDate}
          error={problem}
          testId="line-holiday-date"
        />
        <button type="button" class="button button--secondary" data-testid="line-holiday-add" onClick={add}>
          {t('line.addHoliday')}
        </button>
      </div>
    </fieldset>
  );
}
