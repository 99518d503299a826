// /home: the signed-in person's page, one variant per role.
import type { User } from '../../api/types';
import { AdminHome } from './AdminHome';
import { CitizenHome } from './CitizenHome';
import { CoordinatorHome } from './CoordinatorHome';
import { SpecialistHome } from './SpecialistHome';

export function HomePage({ user }: { user: User }) {
  switch (user.role) {
    case 'citizen':
      return <CitizenHome user={user} />;
    case 'specialist':
      return <SpecialistHome user={user} />;
    case 'coordinator':
      return <CoordinatorHome user={user} />;
    case 'admin':
      return <AdminHome user={user} />;
  }
}
