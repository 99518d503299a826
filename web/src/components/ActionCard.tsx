// One "what you can do next" entry: a link with a one-line explanation.
import { Link } from '../router';

interface ActionCardProps {
  href: string;
  label: string;
  hint: string;
  badge?: string;
  testId?: string;
}

export function ActionCard({ href, label, hint, badge, testId }: ActionCardProps) {
  return (
    <li class="action">
      <Link href={href} class="action__link" data-testid={testId}>
        {label}
      </Link>
      <p class="action__hint">
        {hint}
        {badge && (
          <>
            {' '}
            <span class="badge">{badge}</span>
          </>
        )}
      </p>
    </li>
  );
}
