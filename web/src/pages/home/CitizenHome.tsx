// A citizen's page: who they are, and asking a question or following their tickets.
import type { User } from '../../api/types';
import { useT } from '../../i18n/context';
import { RoleHome } from './RoleHome';

export function CitizenHome({ user }: { user: User }) {
  const { t } = useT();
  return (
    <RoleHome
      user={user}
      next={[
        { label: t('home.citizen.ask'), hint: t('home.citizen.askHint'), testId: 'action-ask', href: '/receptions' },
        {
          label: t('home.citizen.tickets'),
          hint: t('home.citizen.ticketsHint'),
          testId: 'action-tickets',
          href: '/my/tickets',
        },
        { label: t('home.cases'), hint: t('home.casesHint'), testId: 'action-cases', href: '/cases' },
      ]}
    />
  );
}
