// A coordinator's page: their organisation, creating receptions, inviting specialists
// to their organisation and managing its people.
import type { User } from '../../api/types';
import { LiveMessage } from '../../components/LiveMessage';
import { StaffForm } from '../../components/StaffForm';
import { UserList } from '../../components/UserList';
import { useLoad } from '../../components/useLoad';
import { useT } from '../../i18n/context';
import { useSession } from '../../session';
import { OrganisationReceptions } from './OrganisationReceptions';
import { RoleHome } from './RoleHome';

export function CoordinatorHome({ user }: { user: User }) {
  const { t } = useT();
  const { api } = useSession();
  const users = useLoad(() => api.listUsers(), []);
  return (
    <RoleHome
      user={user}
      next={[
        {
          label: t('home.coordinator.createReception'),
          hint: t('home.coordinator.createReceptionHint'),
          testId: 'action-create-reception',
          href: '/receptions/new',
        },
        {
          label: t('home.conferences'),
          hint: t('home.conferencesHint'),
          testId: 'action-conferences',
          href: '/conferences',
        },
        { label: t('home.proposals'), hint: t('home.proposalsHint'), testId: 'action-proposals', href: '/proposals' },
        ...(user.organisation
          ? [
              {
                label: t('home.coordinator.line'),
                hint: t('home.coordinator.lineHint'),
                testId: 'action-line',
                href: `/organisations/${encodeURIComponent(user.organisation.id)}/line`,
              },
              {
                label: t('home.coordinator.organisation'),
                hint: t('home.coordinator.organisationHint'),
                testId: 'action-organisation',
                href: `/organisations/${encodeURIComponent(user.organisation.id)}/edit`,
              },
            ]
          : []),
      ]}
    >
      {user.organisation && <OrganisationReceptions organisationId={user.organisation.id} />}
      {user.organisation && (
        <StaffForm
          title={t('home.coordinator.addSpecialist')}
          roles={['specialist']}
          organisation={{ fixed: user.organisation.id }}
          onCreated={users.reload}
        />
      )}
      <LiveMessage kind="error" message={users.error} />
      {users.data && <UserList users={users.data.items} viewer={user} onChanged={users.reload} />}
    </RoleHome>
  );
}
