// The footer of every screen: the register of mediators and the personal-data page (/privacy).
import { useT } from '../i18n/context';
import { Link } from '../router';

export function Footer() {
  const { t } = useT();
  return (
    <footer class="footer">
      <ul class="links plain">
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
