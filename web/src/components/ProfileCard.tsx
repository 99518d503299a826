// Who the signed-in person is: name, email, role, and for staff their kinds,
// organisation, languages and topics.
import type { User } from '../api/types';
import { useT } from '../i18n/context';
import { localName } from './localName';
import { isGuest, userName } from './people';

export function ProfileCard({ user }: { user: User }) {
  const { t, language } = useT();
  const staff = user.role !== 'citizen';
  const list = (values: string[]) => (values.length > 0 ? values.join(', ') : t('profile.notSet'));
  return (
    <section class="card" aria-labelledby="profile-title" data-testid="profile">
      <h2 id="profile-title">{t('profile.title')}</h2>
      <dl class="facts">
        <dt>{t('profile.displayName')}</dt>
        <dd data-testid="profile-name">{userName(t, user)}</dd>
        {!isGuest(user) && (
          <>
            <dt>{t('profile.email')}</dt>
            <dd data-testid="profile-email">{user.email}</dd>
          </>
        )}
        <dt>{t('profile.role')}</dt>
        <dd data-testid="profile-role">{t(`role.${user.role}`)}</dd>
        {user.role === 'specialist' && (
          <>
            <dt>{t('profile.kinds')}</dt>
            <dd data-testid="profile-kinds">{list(user.kinds.map((kind) => t(`kind.${kind}`)))}</dd>
          </>
        )}
        {staff && user.role !== 'admin' && (
          <>
            <dt>{t('profile.organisation')}</dt>
            <dd data-testid="profile-organisation">
              {user.organisation ? localName(user.organisation.name, language) : t('profile.notSet')}
            </dd>
          </>
        )}
        {user.role === 'specialist' && (
          <>
            <dt>{t('profile.languages')}</dt>
            <dd>{list(user.languages.map((code) => t(`language.${code}`)))}</dd>
            <dt>{t('profile.categories')}</dt>
            <dd>{list(user.categories.map((code) => t(`category.${code}`, { defaultValue: code })))}</dd>
          </>
        )}
      </dl>
    </section>
  );
}
