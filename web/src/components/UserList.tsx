// The users an admin (all) or a coordinator (own organisation) can see.
import type { User } from '../api/types';
import { useT } from '../i18n/context';
import { localName } from './localName';

export function UserList({ users }: { users: User[] }) {
  const { t, language } = useT();
  return (
    <section class="card" aria-labelledby="users-title" data-testid="user-list">
      <h2 id="users-title">{t('users.title')}</h2>
      <p class="count">{t('users.count', { count: users.length })}</p>
      {users.length === 0 ? (
        <p>{t('users.empty')}</p>
      ) : (
        <ul class="rows">
          {users.map((user) => (
            <li key={user.id} class="row">
              <span class="row__main">{user.display_name}</span>
              <span class="row__meta">
                {[
                  t(`role.${user.role}`),
                  ...user.kinds.map((kind) => t(`kind.${kind}`)),
                  user.organisation ? localName(user.organisation.name, language) : '',
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
              <span class="row__meta row__email">{user.email}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
