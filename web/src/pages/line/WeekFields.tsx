// A permanent line's week: for each weekday (named in the viewer's language) its opening
// hours as from–to rows, none meaning closed that day; hours can be added and removed.
import { useEffect, useState } from 'preact/hooks';
import { weekdayName } from '../../components/format';
import { TextField } from '../../components/TextField';
import { useT } from '../../i18n/context';
import { WEEKDAYS, type HoursRow } from './hours';

interface WeekFieldsProps {
  rows: HoursRow[];
  /** Takes an update of the rows (a state setter will do). */
  onChange: (update: (rows: HoursRow[]) => HoursRow[]) => void;
  errors: Record<string, string | undefined>;
}

export function WeekFields({ rows, onChange, errors }: WeekFieldsProps) {
  const { t, language } = useT();
  const [nextKey, setNextKey] = useState(1000);
  // Focus goes to the hours just added, so a keyboard user types them at once.
  const [added, setAdded] = useState<number | null>(null);
  useEffect(() => {
    if (added !== null) document.getElementById(`hours-${added}-from`)?.focus();
  }, [added]);
  const update = (key: number, patch: Partial<HoursRow>) => {
    onChange((current) => current.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  };
  const add = (weekday: number) => {
    const same = rows.filter((row) => row.weekday === weekday);
    const last = same[same.length - 1];
    // A second interval the same day starts where the first ended (an afternoon after lunch).
    const from = last ? last.to : '09:00';
    onChange((current) => [...current, { key: nextKey, weekday, from, to: last ? '' : '18:00' }]);
    setAdded(nextKey);
    setNextKey((key) => key + 1);
  };
  return (
    <fieldset class="choices" id="hours" tabIndex={-1}>
      <legend>{t('line.hours')}</legend>
      <p class="field__hint">{t('line.hoursHint')}</p>
      {errors.hours && <p class="field__error">{errors.hours}</p>}
      <ul class="week">
        {WEEKDAYS.map((weekday) => {
          const day = weekdayName(weekday, language);
          const dayRows = rows.filter((row) => row.weekday === weekday);
          return (
            <li key={weekday} class="week__day" data-testid={`line-day-${weekday}`}>
              <h2 class="week__name" id={`line-day-${weekday}`}>
                {day}
              </h2>
              {dayRows.length === 0 && <p class="week__closed">{t('line.closedDay')}</p>}
              {dayRows.map((row) => (
                <div key={row.key} class="week__hours" data-testid="line-hours">
                  <TextField
                    id={`hours-${row.key}-from`}
                    type="time"
                    label={t('line.from', { day })}
                    value={row.from}
                    onValue={(value) => {
                      update(row.key, { from: value });
                    }}
                    error={errors[`hours-${row.key}-from`]}
                    testId="line-from"
                  />
                  <TextField
                    id={`hours-${row.key}-to`}
                    type="time"
                    label={t('line.to', { day })}
                    value={row.to}
                    onValue={(value) => {
                      update(row.key, { to: value });
                    }}
                    error={errors[`hours-${row.key}-to`]}
                    testId="line-to"
                  />
                  <button
                    type="button"
                    class="button button--secondary button--quiet"
                    data-testid="line-remove-hours"
                    aria-label={t('line.removeHours', { day, from: row.from, to: row.to })}
                    onClick={() => {
                      onChange((current) => current.filter((r) => r.key !== row.key));
                    }}
                  >
                    {t('line.remove')}
                  </button>
                </div>
              ))}
              <button
                type="button"
                class="button button--secondary button--quiet"
                data-testid={`line-add-${weekday}`}
                onClick={() => {
                  add(weekday);
                }}
              >
                {t('line.addHours', { day })}
              </button>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
