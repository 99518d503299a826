// A specialist's page: profile (kinds, languages, organisation) and going on duty.
import type { User } from '../../api/types';
import { ActionCard } from '../../components/ActionCard';
import { Page } from '../../components/Page';
import { ProfileCard } from '../../components/ProfileCard';
import { useT } from '../../i18n/context';

export function SpecialistHome({ user }: { user: User }) {
  const { t } = useT();
  return (
    <Page title={t('home.specialist.title')} testId="home-specialist">
      <p class="lead">{t('home.greeting', { name: user.display_name })}</p>
      <section aria-labelledby="next-title">
        <h2 id="next-title">{t('home.next')}</h2>
        <ul class="actions-list">
          <ActionCard
            href="/receptions"
            label={t('home.specialist.duty')}
            hint={t('home.specialist.dutyHint')}
            badge={t('home.comingSoon')}
            testId="action-duty"
          />
        </ul>
      </section>
      <ProfileCard user={user} />
    </Page>
  );
}
