// A coordinator's receptions, each with its live board, figures and public summary, and
// the way to change it (an event reception not yet closed) or to set up the permanent line.
import { LiveMessage } from '../../components/LiveMessage';
import { localName } from '../../components/localName';
import { useLoad } from '../../components/useLoad';
import { useT } from '../../i18n/context';
import { Link } from '../../router';
import { useSession } from '../../session';

export function OrganisationReceptions({ organisationId }: { organisationId: string }) {
  const { t, language } = useT();
  const { api } = useSession();
  const receptions = useLoad(() => api.listReceptions(organisationId), [organisationId]);
  const items = receptions.data?.items ?? [];
  return (
    <section class="card" aria-labelledby="my-receptions-title" data-testid="coordinator-receptions">
      <h2 id="my-receptions-title">{t('home.coordinator.receptions')}</h2>
      <LiveMessage kind="error" message={receptions.error} />
      {receptions.data && items.length === 0 && <p>{t('home.coordinator.noReceptions')}</p>}
      <ul class="rows">
        {items.map((reception) => {
          const base = `/receptions/${encodeURIComponent(reception.id)}`;
          const titleId = `my-reception-${reception.id}`;
          return (
            <li key={reception.id} class="row">
              <span id={titleId} class="row__main">
                {localName(reception.title, language)}
              </span>
              <span class="row__meta">{t(`receptions.status.${reception.status}`)}</span>
              <span class="links">
                {reception.kind === 'permanent' ? (
                  <Link
                    href={`/organisations/${encodeURIComponent(organisationId)}/line`}
                    aria-describedby={titleId}
                    data-testid="coordinator-line"
                  >
                    {t('home.coordinator.lineSettings')}
                  </Link>
                ) : (
                  reception.status !== 'closed' && (
                    <Link href={`${base}/edit`} aria-describedby={titleId} data-testid="coordinator-edit">
                      {t('home.coordinator.edit')}
                    </Link>
                  )
                )}
                <Link href={`${base}/board`} aria-describedby={titleId} data-testid="coordinator-board">
                  {t('board.title')}
                </Link>
                <Link href={`${base}/figures`} aria-describedby={titleId} data-testid="coordinator-figures">
                  {t('figures.title')}
                </Link>
                <Link href={`${base}/summary`} aria-describedby={titleId}>
                  {t('board.summary')}
                </Link>
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
