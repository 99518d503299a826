// The duty roster as rows to edit: who serves, as what (among their own specialisations),
// from when to when in the viewer's zone. Shared by the new-reception form and the
// re-roster form; the rows and their checks are in draft.ts.
import { useEffect, useState } from 'preact/hooks';
import { SPECIALIST_KINDS, type SpecialistKind, type User } from '../../api/types';
import { useT } from '../../i18n/context';
import { ChoiceGroup } from '../ChoiceGroup';
import { valueOptions } from '../fields';
import { SelectField, TextField } from '../TextField';
import type { RosterRow } from './draft';

interface RosterFieldsProps {
  rows: RosterRow[];
  /** Takes an update of the rows (a state setter will do). */
  onChange: (update: (rows: RosterRow[]) => RosterRow[]) => void;
  /** The organisation's specialists, to choose from. */
  specialists: readonly User[];
  errors: Record<string, string | undefined>;
  /** A new shift's times (the reception's start and end, as `datetime-local` values). */
  defaultTimes: { from: string; to: string };
}

export function RosterFields({ rows, onChange, specialists, errors, defaultTimes }: RosterFieldsProps) {
  const { t } = useT();
  const [nextKey, setNextKey] = useState(() => Math.max(0, ...rows.map((row) => row.key)) + 1);
  // Focus goes to the shift just added, so a keyboard user fills it in at once.
  const [added, setAdded] = useState<number | null>(null);
  useEffect(() => {
    if (added !== null) document.getElementById(`roster-${added}-specialist`)?.focus();
  }, [added]);
  const updateRow = (key: number, patch: Partial<RosterRow>) => {
    onChange((current) => current.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  };
  const addRow = () => {
    const key = Math.max(nextKey, ...rows.map((row) => row.key + 1));
    onChange((current) => [
      ...current,
      { key, specialistId: '', kinds: [], from: defaultTimes.from, to: defaultTimes.to },
    ]);
    setNextKey(key + 1);
    setAdded(key);
  };
  return (
    <fieldset class="choices roster" id="reception-roster" tabIndex={-1}>
      <legend>{t('newReception.roster')}</legend>
      <p class="field__hint">{t('newReception.rosterHint')}</p>
      {errors.roster && <p class="field__error">{errors.roster}</p>}
      <ol class="roster__rows">
        {rows.map((row, index) => {
          const prefix = `roster-${row.key}`;
          const specialist = specialists.find((s) => s.id === row.specialistId);
          const kinds: readonly SpecialistKind[] =
            specialist && specialist.kinds.length > 0 ? specialist.kinds : SPECIALIST_KINDS;
          return (
            <li key={row.key} class="roster__row" data-testid="roster-row">
              <h2 class="roster__title">{t('newReception.shift', { number: index + 1 })}</h2>
              <SelectField
                id={`${prefix}-specialist`}
                label={t('newReception.specialist')}
                placeholder={t('newReception.chooseSpecialist')}
                value={row.specialistId}
                onValue={(value) => {
                  updateRow(row.key, { specialistId: value, kinds: [] });
                }}
                options={specialists.map((s) => ({ value: s.id, label: s.display_name }))}
                error={errors[`${prefix}-specialist`]}
                testId="roster-specialist"
              />
              <ChoiceGroup<SpecialistKind>
                id={`${prefix}-kinds`}
                type="checkbox"
                legend={t('newReception.shiftKinds')}
                options={valueOptions(t, 'kind', kinds)}
                selected={row.kinds}
                onChange={(selected) => {
                  updateRow(row.key, { kinds: selected });
                }}
                error={errors[`${prefix}-kinds`]}
                testId="roster-kinds"
              />
              <TextField
                id={`${prefix}-from`}
                type="datetime-local"
                label={t('newReception.from')}
                value={row.from}
                onValue={(value) => {
                  updateRow(row.key, { from: value });
                }}
                error={errors[`${prefix}-from`]}
                testId="roster-from"
              />
              <TextField
                id={`${prefix}-to`}
                type="datetime-local"
                label={t('newReception.to')}
                value={row.to}
                onValue={(value) => {
                  updateRow(row.key, { to: value });
                }}
                error={errors[`${prefix}-to`]}
                testId="roster-to"
              />
              <button
                type="button"
                class="button button--quiet"
                data-testid="roster-remove"
                onClick={() => {
                  onChange((current) => current.filter((r) => r.key !== row.key));
                }}
              >
                {t('newReception.removeShift', { number: index + 1 })}
              </button>
            </li>
          );
        })}
      </ol>
      <button type="button" class="button button--secondary" data-testid="roster-add" onClick={addRow}>
        {t('newReception.addShift')}
      </button>
    </fieldset>
  );
}
