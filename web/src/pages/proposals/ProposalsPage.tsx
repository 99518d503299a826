// /proposals: proposals across the conferences the caller may see (a specialist's own
// conferences, a coordinator's centre, an admin's all) — by default the open ones, the
// centre's recommendations of the day.
import { useState } from 'preact/hooks';
import { CONFERENCE_PROPOSAL_STATUSES, type ConferenceProposalStatus } from '../../api/types';
import { LiveMessage } from '../../components/LiveMessage';
import { Page } from '../../components/Page';
import { SelectField } from '../../components/TextField';
import { useLoad } from '../../components/useLoad';
import { useT } from '../../i18n/context';
import { Link } from '../../router';
import { useSession } from '../../session';
import { ProposalItem } from '../conference/Proposals';

export function ProposalsPage() {
  const { t } = useT();
  const { api } = useSession();
  const [status, setStatus] = useState<ConferenceProposalStatus | ''>('open');
  const list = useLoad(() => api.conferenceProposals(status || undefined), [api, status]);
  const items = list.data?.items ?? [];
  return (
    <Page title={t('conference.proposals.acrossTitle')} testId="proposals">
      <SelectField
        id="proposals-status"
        label={t('conference.proposals.filter')}
        value={status}
        onValue={(v) => { setStatus(v as ConferenceProposalStatus | ''); }}
        placeholder={t('conference.proposals.any')}
        options={CONFERENCE_PROPOSAL_STATUSES.map((s) => ({ value: s, label: t(`conference.proposalStatus.${s}`) }))}
        testId="proposals-status"
      />
      <LiveMessage kind="error" message={list.error} />
      {list.data && (
        <p role="status" data-testid="proposals-count">
          {t('conference.proposals.count', { count: items.length })}
        </p>
      )}
      <ul class="plain-list" data-testid="proposals-list">
        {items.map((p) => (
          <ProposalItem key={p.id} proposal={p} showConference onChanged={() => { list.reload(); }} />
        ))}
      </ul>
      {items.length > 0 && (
        <p>
          <Link href="/conferences">{t('conference.list.title')}</Link>
        </p>
      )}
    </Page>
  );
}
