// The banner: product name (a link home), the language switcher, who is signed in (a guest
// as "Guest", a link to their account page) and sign-in/out.
import { Link, usePath } from '../router';
import { useT } from '../i18n/context';
import { useSession } from '../session';
import { LanguageSwitcher } from './LanguageSwitcher';
import { userName } from './people';

export function Header() {
  const { t } = useT();
  const { user, signOut } = useSession();
  const path = usePath();
  const name = user ? userName(t, user) : '';
  return (
    <header class="header">
      <Link href={user ? '/home' : '/'} class="header__brand" aria-label={t('header.home')}>
        {t('app.name')}
      </Link>
      <LanguageSwitcher />
      <div class="header__action">
        {user ? (
          <>
            <Link href="/account" class="header__user" data-testid="header-user" data-name={name}>
              <span aria-hidden="true">{name}</span>
              <span class="visually-hidden">{t('header.account', { name })}</span>
            </Link>
            <button type="button" class="button button--quiet" data-testid="sign-out" onClick={() => void signOut()}>
              {t('header.signOut')}
            </button>
          </>
        ) : (
          user === null &&
          path !== '/sign-in' && (
            <Link href="/sign-in" class="button button--quiet" data-testid="header-sign-in">
              {t('header.signIn')}
            </Link>
          )
        )}
      </div>
    </header>
  );
}
