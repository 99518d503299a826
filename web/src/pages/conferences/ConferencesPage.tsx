// /conferences: the caller's conferences, upcoming (and on now) first, then past ones; for
// specialists and coordinators, the form to schedule a new one.
import type { Conference } from '../../api/types';
import { formatSpan } from '../../components/format';
import { LiveMessage } from '../../components/LiveMessage';
import { Page } from '../../components/Page';
import { useLoad } from '../../components/useLoad';
import { currentLanguage } from '../../i18n';
import { useT } from '../../i18n/context';
import { Link } from '../../router';
import { useSession } from '../../session';
import { ScheduleForm } from './ScheduleForm';

function ConferenceList({ items, testId }: { items: Conference[]; testId: string }) {
  const { t } = useT();
  if (items.length === 0) return <p data-testid={`${testId}-empty`}>{t('conference.list.none')}</p>;
  return (
    <ul class="plain-list" data-testid={testId}>
      {items.map((c) => (
        <li key={c.id} class="card">
          <h3>
            <Link href={`/conferences/${encodeURIComponent(c.id)}`}>{c.title}</Link>
          </h3>
          <p>{formatSpan(c.starts_at, c.ends_at, currentLanguage())}</p>
          <p>
            {t(`conference.phase.${c.phase}`)} · {t(`conference.role.${c.my_role}`)} ·{' '}
            {t('conference.list.people', { count: c.participants.length })}
          </p>
        </li>
      ))}
    </ul>
  );
}

export function ConferencesPage() {
  const { t } = useT();
  const { api, user } = useSession();
  const list = useLoad(() => api.myConferences(), [api]);
  const items = list.data?.items ?? [];
  const upcoming = items.filter((c) => c.phase === 'upcoming' || c.phase === 'live');
  const past = items.filter((c) => c.phase === 'ended' || c.phase === 'cancelled').reverse();
  const maySchedule = user?.role === 'specialist' || user?.role === 'coordinator';
  return (
    <Page title={t('conference.list.title')} testId="conferences">
      <LiveMessage kind="error" message={list.error} />
      <section aria-labelledby="conferences-upcoming">
        <h2 id="conferences-upcoming">{t('conference.list.upcoming')}</h2>
        {list.data && <ConferenceList items={upcoming} testId="conferences-upcoming" />}
      </section>
      <section aria-labelledby="conferences-past">
        <h2 id="conferences-past">{t('conference.list.past')}</h2>
        {list.data && <ConferenceList items={past} testId="conferences-past" />}
      </section>
      {maySchedule && <ScheduleForm />}
    </Page>
  );
}
