// The people an admin (all) or a coordinator (own organisation) can see: each one's role,
// status in words (invited, deactivated), and for staff other than oneself a "Manage"
// disclosure with what may be done about them (see UserActions).
import type { User } from '../api/types';
import { useT } from '../i18n/context';
import { ListCard } from './ListCard';
import { localName } from './localName';
import { UserActions } from './UserActions';

interface UserListProps {
  users: User[];
  /** Who is looking: nobody manages themselves, and only an admin manages an admin. */
  viewer: User;
  /** After a change to someone, to load the list again. */
  onChanged: () => void;
}

export function canManage(viewer: User, user: User): boolean {
  if (user.id === viewer.id || user.role === 'citizen') return false;
  return viewer.role === 'admin' || (viewer.role === 'coordinator' && user.role !== 'admin');
}

export function UserList({ users, viewer, onChanged }: UserListProps) {
  const { t, language } = useT();
  return (
    <ListCard name="users" testId="user-list" count={users.length}>
      {users.map((user) => (
        <li key={user.id} class="row" data-testid={`user-${user.id}`} data-status={user.status}>
          <span class="row__main">
            {user.display_name}
            {user.status !== 'active' && (
              <>
                {' '}
                <span class={`badge badge--${user.status}`} data-testid="user-status">
                  {t(`users.status.${user.status}`)}
                </span>
              </>
            )}
          </span>
          <span class="row__meta">
            {[
              t(`role.${user.role}`),
              ...user.kinds.map((kind) => t(`kind.${kind}`)),
              user.role === 'specialist' ? t('users.capacity', { count: user.capacity }) : '',
              user.organisation ? localName(user.organisation.name, language) : '',
            ]
              .filter(Boolean)
              .join(' · ')}
          </span>
          <span class="row__meta row__email">{user.email}</span>
          {canManage(viewer, user) && (
            <details class="manage">
              <summary data-testid="user-manage">
                <span aria-hidden="true">{t('users.manage')}</span>
                <span class="visually-hidden">{t('users.manageFor', { name: user.display_name })}</span>
              </summary>
              <UserActions user={user} viewer={viewer} onChanged={onChanged} />
            </details>
          )}
        </li>
      ))}
    </ListCard>
  );
}
