// The shell: loads who is signed in, owns the interface language, and picks the screen
// for the current path. Routes that need a user redirect to /sign-in, and the sign-in
// and sign-up screens redirect a signed-in user to /home.
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { createClient } from './api/client';
import { ApiError } from './api/problem';
import type { User } from './api/types';
import { Header } from './components/Header';
import { LiveMessage } from './components/LiveMessage';
import { applyLanguage, currentLanguage, i18next, rememberLanguage, type Language } from './i18n';
import { useT } from './i18n/context';
import { HomePage } from './pages/home/HomePage';
import { LandingPage } from './pages/landing/LandingPage';
import { NotFoundPage } from './pages/not-found/NotFoundPage';
import { ReceptionsPage } from './pages/receptions/ReceptionsPage';
import { SignInPage } from './pages/sign-in/SignInPage';
import { SignUpPage } from './pages/sign-up/SignUpPage';
import { navigate, usePath } from './router';
import { SessionContext, type Session } from './session';

const SIGNED_IN_ONLY = new Set(['/home']);
const ANONYMOUS_ONLY = new Set(['/', '/sign-in', '/sign-up']);

export function App() {
  const { t } = useT();
  const path = usePath();
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [status, setStatus] = useState<string | undefined>(undefined);

  const api = useMemo(
    () =>
      createClient({
        language: currentLanguage,
        onUnauthorized: () => {
          setUser(null);
          setStatus(i18next.t('errors.sessionExpired'));
        },
      }),
    // The client reads the language on each call; it never needs rebuilding.
    [],
  );

  const adoptUser = useCallback((next: User) => {
    setUser(next);
    if (next.language !== currentLanguage()) {
      rememberLanguage(next.language);
      void applyLanguage(next.language);
    }
  }, []);

  // Once per page load: who is signed in (their language then wins over the local one).
  useEffect(() => {
    api.me().then(adoptUser, (error: unknown) => {
      setUser(null);
      if (error instanceof ApiError && error.status !== 401) {
        const fallback = error.status === 0 ? 'errors.network' : 'errors.generic';
        setStatus(error.problem.detail ?? i18next.t(fallback));
      }
    });
  }, [api, adoptUser]);

  useEffect(() => {
    if (user === undefined) return;
    if (user === null && SIGNED_IN_ONLY.has(path)) navigate('/sign-in', { replace: true });
    if (user && ANONYMOUS_ONLY.has(path)) navigate('/home', { replace: true });
  }, [user, path]);

  const session = useMemo<Session>(
    () => ({
      api,
      user,
      signedIn: (next) => {
        setStatus(undefined);
        adoptUser(next);
        navigate('/home');
      },
      signOut: async () => {
        try {
          await api.signOut();
        } catch (error) {
          // A session that already ended is as good as signed out.
          if (!(error instanceof ApiError && error.status === 401)) {
            setStatus(t('errors.generic'));
            return;
          }
        }
        setUser(null);
        setStatus(t('status.signedOut'));
        navigate('/');
      },
      changeLanguage: async (language: Language) => {
        rememberLanguage(language);
        await applyLanguage(language);
        if (!user) return;
        try {
          setUser(await api.updateMe({ language }));
        } catch (error) {
          setStatus(error instanceof ApiError && error.problem.detail ? error.problem.detail : t('errors.generic'));
        }
      },
      announce: setStatus,
    }),
    [api, user, adoptUser, t],
  );

  return (
    <SessionContext.Provider value={session}>
      <a class="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <Header />
      <LiveMessage kind="status" message={status} testId="app-status" />
      {user === undefined ? <Loading /> : <Screen path={path} user={user} />}
    </SessionContext.Provider>
  );
}

function Loading() {
  const { t } = useT();
  return (
    <main id="main" class="page" aria-busy="true">
      <p class="loading">{t('status.loading')}</p>
    </main>
  );
}

function Screen({ path, user }: { path: string; user: User | null }) {
  switch (path) {
    case '/':
      return user ? <Loading /> : <LandingPage />;
    case '/sign-in':
      return user ? <Loading /> : <SignInPage />;
    case '/sign-up':
      return user ? <Loading /> : <SignUpPage />;
    case '/home':
      return user ? <HomePage user={user} /> : <Loading />;
    case '/receptions':
      return <ReceptionsPage />;
    default:
      return <NotFoundPage />;
  }
}
