// What every home page has: the role's heading, a greeting, what to do next (for roles
// that have anything yet) and the profile card; the role's own parts follow.
import type { ComponentChildren } from 'preact';
import type { User } from '../../api/types';
import { ActionCard } from '../../components/ActionCard';
import { Page } from '../../components/Page';
import { ProfileCard } from '../../components/ProfileCard';
import { useT } from '../../i18n/context';

export interface NextStep {
  label: string;
  hint: string;
  testId: string;
}

interface RoleHomeProps {
  user: User;
  /** Every next step leads to the receptions placeholder for now, marked "coming soon". */
  next?: NextStep[];
  children?: ComponentChildren;
}

export function RoleHome({ user, next, children }: RoleHomeProps) {
  const { t } = useT();
  return (
    <Page title={t(`home.${user.role}.title`)} testId={`home-${user.role}`}>
      <p class="lead">{t('home.greeting', { name: user.display_name })}</p>
      {next && (
        <section aria-labelledby="next-title">
          <h2 id="next-title">{t('home.next')}</h2>
          <ul class="actions-list">
            {next.map(({ label, hint, testId }) => (
              <ActionCard
                key={testId}
                href="/receptions"
                label={label}
                hint={hint}
                badge={t('home.comingSoon')}
                testId={testId}
              />
            ))}
          </ul>
        </section>
      )}
      <ProfileCard user={user} />
      {children}
    </Page>
  );
}
