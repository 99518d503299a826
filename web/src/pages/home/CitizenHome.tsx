// A citizen's page: who they are, and asking a question or following their tickets.
import type { User } from '../../api/types';
import { ActionCard } from '../../components/ActionCard';
import { Page } from '../../components/Page';
import { ProfileCard } from '../../components/ProfileCard';
import { useT } from '../../i18n/context';

export function CitizenHome({ user }: { user: User }) {
  const { t } = useT();
  return (
    <Page title={t('home.citizen.title')} testId="home-citizen">
      <p class="lead">{t('home.greeting', { name: user.display_name })}</p>
      <section aria-labelledby="next-title">
        <h2 id="next-title">{t('home.next')}</h2>
        <ul class="actions-list">
          <ActionCard
            href="/receptions"
            label={t('home.citizen.ask')}
            hint={t('home.citizen.askHint')}
            badge={t('home.comingSoon')}
            testId="action-ask"
          />
          <ActionCard
            href="/receptions"
            label={t('home.citizen.tickets')}
            hint={t('home.citizen.ticketsHint')}
            badge={t('home.comingSoon')}
            testId="action-tickets"
          />
        </ul>
      </section>
      <ProfileCard user={user} />
    </Page>
  );
}
