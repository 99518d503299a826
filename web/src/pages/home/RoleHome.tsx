// What every home page has: the role's heading, a greeting, what to do next (for roles
// that have anything yet) and the profile card; the role's own parts follow.
import type { ComponentChildren } from 'preact';
import type { User } from '../../api/types';
import { ActionCard } from '../../components/ActionCard';
import { Page } from '../../components/Page';
import { userName } from '../../components/people';
import { ProfileCard } from '../../components/ProfileCard';
import { useT } from '../../i18n/context';
import { Link } from '../../router';

export interface NextStep {
  label: string;
  hint: string;
  testId: string;
  href: string;
  /** Marked "coming soon" (the screen behind it is not built yet). */
  comingSoon?: boolean;
}

interface RoleHomeProps {
  user: User;
  next?: NextStep[];
  children?: ComponentChildren;
}

export function RoleHome({ user, next, children }: RoleHomeProps) {
  const { t } = useT();
  return (
    <Page title={t(`home.${user.role}.title`)} testId={`home-${user.role}`}>
      <p class="lead">{t('home.greeting', { name: userName(t, user) })}</p>
      {next && (
        <section aria-labelledby="next-title">
          <h2 id="next-title">{t('home.next')}</h2>
          <ul class="actions-list">
            {next.map(({ label, hint, testId, href, comingSoon }) => (
              <ActionCard
                key={testId}
                href={href}
                label={label}
                hint={hint}
                badge={comingSoon ? t('home.comingSoon') : undefined}
                testId={testId}
              />
            ))}
          </ul>
        </section>
      )}
      <ProfileCard user={user} />
      <p class="aside">
        <Link href="/account" data-testid="home-account">
          {t('home.account')}
        </Link>
      </p>
      {children}
    </Page>
  );
}
