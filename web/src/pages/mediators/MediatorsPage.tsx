// /mediators: the public register of mediators (issue 10), no sign-in needed. The filters
// live in the address (a link can be shared, Back returns to the previous ones); one request
// per change of them, typed text after a pause; the last list stays, dimmed, while the next
// loads, and the count of results is announced.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { LiveMessage } from '../../components/LiveMessage';
import { Page } from '../../components/Page';
import { useLoad } from '../../components/useLoad';
import { useT } from '../../i18n/context';
import { setSearch, useSearch } from '../../router';
import { useSession } from '../../session';
import {
  filtersFromSearch,
  hasFilters,
  normaliseQuery,
  searchFromFilters,
  type MediatorFilters,
} from './filters';
import { MediatorCard } from './MediatorCard';
import { MediatorSearch } from './MediatorSearch';
import { useMediators } from './useMediators';

/** How long typing must pause before the search is sent. */
export const TYPING_PAUSE_MS = 400;

export function MediatorsPage() {
  const { t } = useT();
  const { api } = useSession();
  const search = useSearch();
  const filters = useMemo(() => filtersFromSearch(search), [search]);
  const canonical = searchFromFilters(filters);
  const results = useMediators(canonical);
  const regions = useLoad(() => api.listRegions(), []);
  const [text, setText] = useState(filters.q);

  // Back, Forward or a link: the box shows the search applied.
  useEffect(() => {
    if (normaliseQuery(text) !== filters.q) setText(filters.q);
  }, [filters.q]);

  const apply = (change: Partial<MediatorFilters>, { replace = false } = {}) => {
    setSearch(searchFromFilters({ ...filters, q: text, ...change }), { replace });
  };

  // Typed text applies after a pause (or at Enter). Starting a search adds a history entry;
  // refining it replaces that entry, so Back leaves the search rather than spelling it out.
  const applyText = () => {
    const q = normaliseQuery(text);
    if (q !== filters.q) apply({ q }, { replace: q !== '' && filters.q !== '' });
  };
  useEffect(() => {
    if (normaliseQuery(text) === filters.q) return;
    const timer = setTimeout(applyText, TYPING_PAUSE_MS);
    return () => {
      clearTimeout(timer);
    };
  }, [text, search]);

  const clear = () => {
    setText('');
    setSearch('');
    // The button hides once nothing is filtered: focus goes where a new search starts.
    document.getElementById('mediators-q')?.focus();
  };

  // Region names come with the list: wait for them (or their failure: codes then) to show it.
  const regionsSettled = regions.data !== undefined || regions.error !== undefined;
  const mediators = regionsSettled ? results.mediators : undefined;
  const loading = results.loading || !regionsSettled;
  const filtered = hasFilters(filters);
  let summary = '';
  if (results.error === undefined) {
    if (!mediators) summary = t('status.loading');
    else if (loading) summary = t('mediators.searching');
    else if (mediators.length > 0) summary = t('mediators.found', { count: mediators.length });
    else summary = filtered ? t('mediators.noneFound') : t('mediators.registerEmpty');
  }

  return (
    <Page title={t('mediators.title')} testId="mediators">
      <p class="lead">{t('mediators.intro')}</p>
      <MediatorSearch
        filters={filters}
        text={text}
        onText={setText}
        onChange={(change) => {
          apply(change);
        }}
        onSubmit={applyText}
        regions={regions.data?.items ?? []}
      />
      <section class="mediators__results" aria-labelledby="mediators-results-title">
        <h2 id="mediators-results-title" class="visually-hidden">
          {t('mediators.results')}
        </h2>
        {/* The clear button is always there, hidden while no filter is set: setting one moves nothing. */}
        <div class="mediators__summary">
          <p
            class="count"
            role="status"
            aria-live="polite"
            data-testid="mediators-count"
            data-state={loading ? 'loading' : 'ready'}
          >
            {summary}
          </p>
          <button
            type="button"
            class={`button button--secondary button--quiet${filtered ? '' : ' mediators__clear--idle'}`}
            aria-hidden={filtered ? undefined : 'true'}
            tabIndex={filtered ? undefined : -1}
            data-testid="mediators-clear"
            data-idle={filtered ? undefined : 'true'}
            onClick={clear}
          >
            {t('mediators.clear')}
          </button>
        </div>
        <LiveMessage kind="error" message={results.error} testId="mediators-error" />
        {results.error !== undefined && (
          <button type="button" class="button button--secondary" data-testid="mediators-retry" onClick={results.retry}>
            {results.loading ? t('mediators.searching') : t('mediators.retry')}
          </button>
        )}
        {mediators?.length === 0 && !loading && (
          <p class="notice" data-testid="mediators-empty">
            {filtered ? t('mediators.emptyHint') : t('mediators.registerEmptyHint')}
          </p>
        )}
        {mediators && mediators.length > 0 && (
          <ul class="cards mediators__list" aria-busy={loading} data-testid="mediators-list">
            {mediators.map((mediator) => (
              <MediatorCard key={mediator.id} mediator={mediator} regions={regions.data?.items ?? []} />
            ))}
          </ul>
        )}
      </section>
    </Page>
  );
}
