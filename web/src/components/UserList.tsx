// The users an admin (all) or a coordinator (own organisation) can see.
import type { User } from '../api/types';
import { useT } from '../i18n/context';
import { ListCard } from './ListCard';
import { localName } from './localName';

export function UserList({ users }: { users: User[] }) {
  const { t, language } = useT();
  return (
    <ListCard name="users" testId="user-list" count={users.length}>
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
    </ListCard>
  );
}
