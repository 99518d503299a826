// The admin's page: inviting specialists and coordinators, all users (staff to manage),
// all organisations.
import type { User } from '../../api/types';
import { LiveMessage } from '../../components/LiveMessage';
import { OrganisationList } from '../../components/OrganisationList';
import { StaffForm } from '../../components/StaffForm';
import { UserList } from '../../components/UserList';
import { useLoad } from '../../components/useLoad';
import { useT } from '../../i18n/context';
import { useSession } from '../../session';
import { RoleHome } from './RoleHome';

export function AdminHome({ user }: { user: User }) {
  const { t } = useT();
  const { api } = useSession();
  const users = useLoad(() => api.listUsers(), []);
  const organisations = useLoad(() => api.listOrganisations(), []);
  const regions = useLoad(() => api.listRegions(), []);
  const organisationItems = organisations.data?.items ?? [];
  const error = users.error ?? organisations.error ?? regions.error;
  return (
    <RoleHome
      user={user}
      next={[
        { label: t('home.admin.audit'), hint: t('home.admin.auditHint'), testId: 'action-audit', href: '/audit' },
        { label: t('home.proposals'), hint: t('home.proposalsHint'), testId: 'action-proposals', href: '/proposals' },
        {
          label: t('home.admin.newOrganisation'),
          hint: t('home.admin.newOrganisationHint'),
          testId: 'action-new-organisation',
          href: '/organisations/new',
        },
      ]}
    >
      <StaffForm
        title={t('home.admin.addStaff')}
        roles={['specialist', 'coordinator']}
        organisation={{ choices: organisationItems }}
        onCreated={users.reload}
      />
      <LiveMessage kind="error" message={error} />
      {users.data && <UserList users={users.data.items} viewer={user} onChanged={users.reload} />}
      {organisations.data && (
        <OrganisationList organisations={organisationItems} regions={regions.data?.items ?? []} />
      )}
    </RoleHome>
  );
}
