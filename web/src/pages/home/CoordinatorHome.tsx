// A coordinator's page: their organisation, creating receptions, adding specialists
// to their organisation and seeing its people.
import type { User } from '../../api/types';
import { ActionCard } from '../../components/ActionCard';
import { LiveMessage } from '../../components/LiveMessage';
import { Page } from '../../components/Page';
import { ProfileCard } from '../../components/ProfileCard';
import { StaffForm } from '../../components/StaffForm';
import { UserList } from '../../components/UserList';
import { useLoad } from '../../components/useLoad';
import { useT } from '../../i18n/context';
import { useSession } from '../../session';

export function CoordinatorHome({ user }: { user: User }) {
  const { t } = useT();
  const { api } = useSession();
  const users = useLoad(() => api.listUsers(), []);
  return (
    <Page title={t('home.coordinator.title')} testId="home-coordinator">
      <p class="lead">{t('home.greeting', { name: user.display_name })}</p>
      <section aria-labelledby="next-title">
        <h2 id="next-title">{t('home.next')}</h2>
        <ul class="actions-list">
          <ActionCard
            href="/receptions"
            label={t('home.coordinator.createReception')}
            hint={t('home.coordinator.createReceptionHint')}
            badge={t('home.comingSoon')}
            testId="action-create-reception"
          />
        </ul>
      </section>
      <ProfileCard user={user} />
      {user.organisation && (
        <StaffForm
          title={t('home.coordinator.addSpecialist')}
          roles={['specialist']}
          organisation={{ fixed: user.organisation.id }}
          onCreated={users.reload}
        />
      )}
      <LiveMessage kind="error" message={users.error} />
      {users.data && <UserList users={users.data.items} />}
    </Page>
  );
}
