// The register's search box and filters. Each choice applies at once; typed text after a
// pause (or Enter, or the button), so a slow link is not asked on every key.
import type { Region } from '../../api/types';
import { CheckboxField, SelectField, TextField } from '../../components/TextField';
import { LANGUAGES } from '../../i18n';
import { useT } from '../../i18n/context';
import { MEDIATOR_KINDS, SPECIALISATIONS } from '../../api/types';
import { capitalise } from './card';
import type { MediatorFilters } from './filters';
import { localName } from '../../components/localName';

interface MediatorSearchProps {
  /** The filters applied (from the address). */
  filters: MediatorFilters;
  /** The search box as typed (applied after a pause). */
  text: string;
  onText: (text: string) => void;
  /** Applies a change of the filters at once (the text typed so far included). */
  onChange: (change: Partial<MediatorFilters>) => void;
  /** Enter or the button: the text typed applies now. */
  onSubmit: () => void;
  regions: readonly Region[];
}

export function MediatorSearch({ filters, text, onText, onChange, onSubmit, regions }: MediatorSearchProps) {
  const { t, language } = useT();
  const named = (prefix: string, values: readonly string[]) =>
    values.map((value) => ({ value, label: capitalise(t(`${prefix}.${value}`), language) }));
  const byName = (list: readonly Region[]) =>
    list
      .map((r) => ({ value: r.code, label: localName(r.name, language) }))
      .sort((a, b) => a.label.localeCompare(b.label, language));
  const cities = byName(regions.filter((r) => r.kind === 'city'));
  const oblasts = byName(regions.filter((r) => r.kind !== 'city'));
  return (
    <form
      class="form mediators__search"
      role="search"
      aria-labelledby="mediators-search-title"
      noValidate
      data-testid="mediators-search"
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      <h2 id="mediators-search-title" class="visually-hidden">
        {t('mediators.searchTitle')}
      </h2>
      <div class="mediators__query">
        <TextField
          id="mediators-q"
          type="search"
          label={t('mediators.query')}
          hint={t('mediators.queryHint')}
          value={text}
          onValue={onText}
          autoComplete="off"
          spellcheck={false}
          enterkeyhint="search"
          testId="mediators-q"
        />
        <button type="submit" class="button" data-testid="mediators-submit">
          {t('mediators.find')}
        </button>
      </div>
      <div class="mediators__filters">
        <SelectField
          id="mediators-region"
          label={t('mediators.region')}
          placeholder={t('mediators.anyRegion')}
          value={filters.region}
          onValue={(region) => {
            onChange({ region });
          }}
          options={[]}
          groups={[
            { label: t('mediators.cities'), options: cities },
            { label: t('mediators.oblasts'), options: oblasts },
          ].filter((group) => group.options.length > 0)}
          testId="mediators-region"
        />
        <SelectField
          id="mediators-language"
          label={t('mediators.language')}
          placeholder={t('mediators.anyLanguage')}
          value={filters.language}
          onValue={(value) => {
            onChange({ language: value as MediatorFilters['language'] });
          }}
          options={named('mediators.languageName', LANGUAGES)}
          testId="mediators-language"
        />
        <SelectField
          id="mediators-specialisation"
          label={t('mediators.specialisationLabel')}
          placeholder={t('mediators.anySpecialisation')}
          value={filters.specialisation}
          onValue={(value) => {
            onChange({ specialisation: value as MediatorFilters['specialisation'] });
          }}
          options={named('mediators.specialisation', SPECIALISATIONS)}
          testId="mediators-specialisation"
        />
        <SelectField
          id="mediators-kind"
          label={t('mediators.kindLabel')}
          placeholder={t('mediators.anyKind')}
          value={filters.kind}
          onValue={(value) => {
            onChange({ kind: value as MediatorFilters['kind'] });
          }}
          options={named('mediators.kind', MEDIATOR_KINDS)}
          testId="mediators-kind"
        />
      </div>
      <CheckboxField
        id="mediators-active"
        label={t('mediators.activeOnly')}
        hint={t('mediators.activeOnlyHint')}
        checked={filters.activeOnly}
        onChecked={(activeOnly) => {
          onChange({ activeOnly });
        }}
        testId="mediators-active"
      />
    </form>
  );
}
