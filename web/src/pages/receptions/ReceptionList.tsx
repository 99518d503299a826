// The public list of receptions as cards, shared by /receptions and the landing page: one
// load of GET /receptions, each page keeping the receptions it shows.
import type { ComponentChildren } from 'preact';
import type { Reception } from '../../api/types';
import { LiveMessage } from '../../components/LiveMessage';
import { useLoad } from '../../components/useLoad';
import { useT } from '../../i18n/context';
import { useSession } from '../../session';
import { ReceptionCard } from './ReceptionCard';

export interface Receptions {
  /** Undefined while loading or after a failure. */
  items: Reception[] | undefined;
  error: string | undefined;
}

/** The public receptions that `keep` accepts, in the server's order. */
export function useReceptions(keep: (reception: Reception) => boolean): Receptions {
  const { api } = useSession();
  const loaded = useLoad(() => api.listReceptions(), []);
  return { items: loaded.data?.items.filter(keep), error: loaded.error };
}

interface ReceptionListProps {
  receptions: Receptions;
  /** Shown when nothing is kept. */
  empty: ComponentChildren;
  /** The level of each card's title under the page's headings. */
  heading?: 'h2' | 'h3';
  testId?: string;
}

export function ReceptionList({ receptions, empty, heading = 'h2', testId = 'reception-list' }: ReceptionListProps) {
  const { t } = useT();
  const { items, error } = receptions;
  return (
    <>
      <LiveMessage kind="error" message={error} />
      {!items && !error && <p class="loading">{t('status.loading')}</p>}
      {items?.length === 0 && empty}
      <ul class="cards" data-testid={testId}>
        {items?.map((reception) => (
          <ReceptionCard key={reception.id} reception={reception} heading={heading} />
        ))}
      </ul>
    </>
  );
}
