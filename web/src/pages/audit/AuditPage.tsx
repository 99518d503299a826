// /audit: the audit trail for admins (GET /audit). Filters by who, what (an action or a
// whole family of them), which object and which days; entries newest first, a page at a
// time, with "older entries" asking for the page before the last one shown.
import { useEffect, useState } from 'preact/hooks';
import type { AuditEntry } from '../../api/types';
import { formErrors } from '../../components/errors';
import { Form } from '../../components/fields';
import { LiveMessage } from '../../components/LiveMessage';
import { Page } from '../../components/Page';
import { SelectField, TextField } from '../../components/TextField';
import { useForm } from '../../components/useForm';
import { useLoad } from '../../components/useLoad';
import { useT } from '../../i18n/context';
import { useSession } from '../../session';
import { actionGroups } from './actions';
import { AuditTable } from './AuditTable';
import { auditQuery, checkFilters, matching, NO_FILTERS, PAGE_SIZE, type AuditFilters } from './filters';

interface Results {
  entries: AuditEntry[];
  /** Where older entries start, when there may be more. */
  next: string | null;
  filters: AuditFilters;
}

export function AuditPage() {
  const { t } = useT();
  const { api } = useSession();
  const users = useLoad(() => api.listUsers(), []);
  const [filters, setFilters] = useState<AuditFilters>(NO_FILTERS);
  const [results, setResults] = useState<Results | null>(null);
  const [olderBusy, setOlderBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const [status, setStatus] = useState<string | undefined>(undefined);
  const set = (key: keyof AuditFilters) => (value: string) => {
    setFilters((current) => ({ ...current, [key]: value }));
  };

  const search = async (applied: AuditFilters) => {
    const page = await api.audit(auditQuery(applied));
    const entries = matching(applied, page.items);
    setResults({ entries, next: page.items.length < PAGE_SIZE ? null : page.next, filters: applied });
    setStatus(t('audit.found', { count: entries.length }));
  };

  const state = useForm({
    fields: [],
    validate: () => {
      setError(undefined);
      return checkFilters(t, filters);
    },
    send: () => search(filters),
    afterSuccess: 'ready',
    focusServerErrors: false,
  });
  const errors = state.errors.fields;

  const searchAgain = (applied: AuditFilters) => {
    search(applied).catch((failure: unknown) => {
      setError(formErrors(t, failure, []).message);
    });
  };
  // The trail as it is now, before any filter.
  useEffect(() => {
    searchAgain(NO_FILTERS);
  }, []);

  const older = async () => {
    if (!results?.next) return;
    setOlderBusy(true);
    try {
      const page = await api.audit({ ...auditQuery(results.filters), before: results.next });
      const more = matching(results.filters, page.items);
      setResults({
        ...results,
        entries: [...results.entries, ...more],
        // Paged by what the server sent, even where none of it matched exactly.
        next: page.items.length < PAGE_SIZE ? null : page.next,
      });
      setStatus(t('audit.moreFound', { count: more.length }));
    } catch (failure) {
      setError(formErrors(t, failure, []).message);
    } finally {
      setOlderBusy(false);
    }
  };

  const people = users.data?.items ?? [];
  return (
    <Page title={t('audit.title')} testId="audit">
      <p class="lead">{t('audit.intro')}</p>
      <section class="card" aria-labelledby="audit-filters-title">
        <h2 id="audit-filters-title">{t('audit.filters')}</h2>
        <Form
          state={state}
          testId="audit-filters"
          errorTestId="audit-filters-error"
          submit={{ testId: 'audit-submit', label: t('audit.search'), busyLabel: t('audit.searching') }}
        >
          <SelectField
            id="audit-actor"
            label={t('audit.who')}
            placeholder={t('audit.anyone')}
            value={filters.actor}
            onValue={set('actor')}
            options={people.map((u) => ({ value: u.id, label: `${u.display_name} (${u.email})` }))}
            testId="audit-actor"
          />
          <TextField
            id="audit-actor-id"
            label={t('audit.actorId')}
            hint={t('audit.actorIdHint')}
            value={filters.actorId}
            onValue={set('actorId')}
            autoCapitalize="none"
            spellcheck={false}
            error={errors['audit-actor-id']}
            testId="audit-actor-id"
          />
          <SelectField
            id="audit-action"
            label={t('audit.what')}
            placeholder={t('audit.anything')}
            value={filters.action}
            onValue={set('action')}
            options={[]}
            groups={actionGroups(t)}
            testId="audit-action"
          />
          <TextField
            id="audit-object"
            label={t('audit.objectId')}
            hint={t('audit.objectHint')}
            value={filters.object}
            onValue={set('object')}
            autoCapitalize="none"
            spellcheck={false}
            error={errors['audit-object']}
            testId="audit-object"
          />
          <TextField
            id="audit-from"
            type="date"
            label={t('audit.from')}
            value={filters.from}
            onValue={set('from')}
            error={errors['audit-from']}
            testId="audit-from"
          />
          <TextField
            id="audit-to"
            type="date"
            label={t('audit.to')}
            hint={t('audit.toHint')}
            value={filters.to}
            onValue={set('to')}
            error={errors['audit-to']}
            testId="audit-to"
          />
        </Form>
        <button
          type="button"
          class="button button--secondary button--quiet audit__clear"
          data-testid="audit-clear"
          onClick={() => {
            setFilters(NO_FILTERS);
            searchAgain(NO_FILTERS);
          }}
        >
          {t('audit.clear')}
        </button>
      </section>
      <LiveMessage kind="error" message={error ?? users.error} testId="audit-error" />
      <LiveMessage kind="status" message={status} testId="audit-status" />
      {!results && !error && <p class="loading">{t('status.loading')}</p>}
      {results && (
        <section aria-labelledby="audit-entries-title">
          <h2 id="audit-entries-title">{t('audit.entries')}</h2>
          {results.entries.length === 0 ? (
            <p data-testid="audit-empty">{t('audit.empty')}</p>
          ) : (
            <AuditTable entries={results.entries} users={people} />
          )}
          {results.next && (
            <button
              type="button"
              class="button button--secondary"
              data-testid="audit-older"
              disabled={olderBusy}
              onClick={() => void older()}
            >
              {olderBusy ? t('status.loading') : t('audit.older')}
            </button>
          )}
        </section>
      )}
    </Page>
  );
}
