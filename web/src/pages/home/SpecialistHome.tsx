// A specialist's page: profile (kinds, languages, organisation) and the way to the desk.
import type { User } from '../../api/types';
import { useT } from '../../i18n/context';
import { RoleHome } from './RoleHome';

export function SpecialistHome({ user }: { user: User }) {
  const { t } = useT();
  return (
    <RoleHome
      user={user}
      next={[
        { label: t('home.specialist.duty'), hint: t('home.specialist.dutyHint'), testId: 'action-duty', href: '/desk' },
        {
          label: t('home.conferences'),
          hint: t('home.conferencesHint'),
          testId: 'action-conferences',
          href: '/conferences',
        },
        { label: t('home.proposals'), hint: t('home.proposalsHint'), testId: 'action-proposals', href: '/proposals' },
        { label: t('home.cases'), hint: t('home.casesHint'), testId: 'action-cases', href: '/cases' },
      ]}
    />
  );
}
