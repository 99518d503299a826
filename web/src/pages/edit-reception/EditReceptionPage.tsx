// /receptions/:id/edit: a coordinator (or an admin) changes an event reception: its
// details, its duty roster, or ends it (cancelled before it starts, closed early while it
// runs). A closed reception can only be read; a permanent line is set up on its own page.
import type { Reception } from '../../api/types';
import { LiveMessage } from '../../components/LiveMessage';
import { localName } from '../../components/localName';
import { Page } from '../../components/Page';
import { useLoad } from '../../components/useLoad';
import { useT } from '../../i18n/context';
import { Link } from '../../router';
import { useSession } from '../../session';
import { CloseReception } from './CloseReception';
import { DetailsForm } from './DetailsForm';
import { RosterForm } from './RosterForm';

export function EditReceptionPage({ receptionId }: { receptionId: string }) {
  const { t, language } = useT();
  const { api } = useSession();
  const reception = useLoad(() => api.reception(receptionId), [receptionId]);
  const data = reception.data;
  const base = `/receptions/${encodeURIComponent(receptionId)}`;
  return (
    <Page title={t('editReception.title')} testId="edit-reception">
      {data && (
        <p class="lead" data-testid="edit-reception-name">
          {localName(data.title, language)}
        </p>
      )}
      <p class="links">
        <Link href={`${base}/board`}>{t('board.title')}</Link>
        <Link href={`${base}/figures`}>{t('figures.title')}</Link>
      </p>
      <LiveMessage kind="error" message={reception.error} testId="edit-reception-error" />
      {!data && !reception.error && <p class="loading">{t('status.loading')}</p>}
      {data && <Sections reception={data} onChanged={reception.reload} />}
    </Page>
  );
}

function Sections({ reception, onChanged }: { reception: Reception; onChanged: () => void }) {
  const { t } = useT();
  if (reception.kind === 'permanent') {
    return (
      <p data-testid="edit-reception-permanent">
        {t('editReception.permanent')}{' '}
        <Link href={`/organisations/${encodeURIComponent(reception.organisation_id)}/line`}>{t('line.title')}</Link>
      </p>
    );
  }
  if (reception.status === 'closed') {
    return (
      <p class="card" data-testid="edit-reception-closed">
        {t('editReception.closed')}
      </p>
    );
  }
  return (
    <>
      <DetailsForm reception={reception} onSaved={onChanged} />
      <RosterForm reception={reception} />
      <CloseReception reception={reception} onClosed={onChanged} />
    </>
  );
}
