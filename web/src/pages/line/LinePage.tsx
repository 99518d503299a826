// /organisations/:id/line: the organisation's permanent line, set up by its coordinator
// (or an admin): opening hours per weekday, in Kazakhstan time, and the holidays when it
// stays shut. Saved together with PUT /organisations/{id}/line (which creates the line
// the first time). Weekday names come in the viewer's language (format.ts).
import { useEffect, useState } from 'preact/hooks';
import type { Reception, User } from '../../api/types';
import { formErrors } from '../../components/errors';
import { Form } from '../../components/fields';
import { LiveMessage } from '../../components/LiveMessage';
import { localName } from '../../components/localName';
import { Page } from '../../components/Page';
import { useForm } from '../../components/useForm';
import { useT } from '../../i18n/context';
import { useSession } from '../../session';
import { NotFoundPage } from '../not-found/NotFoundPage';
import { HolidaysFields } from './HolidaysFields';
import { checkHours, hoursOf, hoursRows, type HoursRow } from './hours';
import { WeekFields } from './WeekFields';

interface Loaded {
  line: Reception | null;
  organisationName: string;
}

interface LinePageProps {
  user: User;
  organisationId: string;
}

export function LinePage({ user, organisationId }: LinePageProps) {
  // A coordinator sets up only their own organisation's line (the server refuses others).
  if (user.role !== 'admin' && user.organisation?.id !== organisationId) return <NotFoundPage />;
  return <LineEditor organisationId={organisationId} />;
}

function LineEditor({ organisationId }: { organisationId: string }) {
  const { t, language } = useT();
  const { api } = useSession();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loadError, setLoadError] = useState<string | undefined>(undefined);
  const [rows, setRows] = useState<HoursRow[]>([]);
  const [holidays, setHolidays] = useState<string[]>([]);
  const [saved, setSaved] = useState<string | undefined>(undefined);

  const adopt = (line: Reception | null) => {
    setRows(hoursRows(line?.hours ?? []));
    setHolidays([...(line?.holidays ?? [])].sort());
  };

  useEffect(() => {
    Promise.all([api.listReceptions(organisationId), api.listOrganisations()]).then(
      ([receptions, organisations]) => {
        const line = receptions.items.find((r) => r.kind === 'permanent' && r.organisation_id === organisationId) ?? null;
        const organisation = organisations.items.find((o) => o.id === organisationId);
        setLoaded({ line, organisationName: organisation ? localName(organisation.name, language) : '' });
        adopt(line);
      },
      (failure: unknown) => {
        setLoadError(formErrors(t, failure, []).message);
      },
    );
  }, [api, organisationId]);

  const state = useForm({
    fields: ['hours', 'holidays'],
    validate: () => {
      setSaved(undefined);
      return checkHours(t, rows);
    },
    send: async () => {
      const line = await api.setLine(organisationId, { hours: hoursOf(rows), holidays: [...holidays].sort() });
      adopt(line);
      setLoaded((current) => (current ? { ...current, line } : current));
      setSaved(t('line.saved'));
    },
    afterSuccess: 'ready',
    focusServerErrors: true,
  });

  return (
    <Page title={t('line.title')} testId="line">
      {loaded?.organisationName && <p class="lead">{loaded.organisationName}</p>}
      <LiveMessage kind="error" message={loadError} testId="line-load-error" />
      <LiveMessage kind="status" message={saved} testId="line-saved" />
      {!loaded && !loadError && <p class="loading">{t('status.loading')}</p>}
      {loaded && (
        <>
          <p>{loaded.line ? t('line.intro') : t('line.introNew')}</p>
          <Form
            state={state}
            testId="line-form"
            errorTestId="line-error"
            submit={{ testId: 'line-submit', label: t('line.save'), busyLabel: t('users.saving') }}
          >
            <WeekFields rows={rows} onChange={setRows} errors={state.errors.fields} />
            <HolidaysFields holidays={holidays} onChange={setHolidays} error={state.errors.fields.holidays} />
          </Form>
        </>
      )}
    </Page>
  );
}
