// The footer of every screen: the user's mediation cases (signed in), the register of
// mediators and the personal-data page (/privacy).
import { useT } from '../i18n/context';
import { Link } from '../router';
import { useSession } from '../session';

export function Footer() {
  const { t } = useT();
  const { user } = useSession();
  return (
    <footer class="footer">
      <ul class="links plain">
        {user && (
          <li>
            <Link href="/cases" data-testid="footer-cases">
              {t('footer.cases')}
            </Link>
          </li>
        )}
        <li>
          <Link href="/mediators" data-testid="footer-mediators">
            {t('footer.mediators')}
          </Link>
        </li>
        <li>
          <Link href="/privacy" data-testid="footer-privacy">
            {t('footer.privacy')}
          </Link>
        </li>
      </ul>
    </footer>
  );
}
