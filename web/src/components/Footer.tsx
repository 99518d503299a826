// The footer of every screen: the way to the personal-data page (/privacy).
import { useT } from '../i18n/context';
import { Link } from '../router';

export function Footer() {
  const { t } = useT();
  return (
    <footer class="footer">
      <Link href="/privacy" data-testid="footer-privacy">
        {t('footer.privacy')}
      </Link>
    </footer>
  );
}
