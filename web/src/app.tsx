// The shell: loads who is signed in, owns the interface language, and picks the screen
// for the current path. Routes that need a user redirect to /sign-in, and the sign-in
// and sign-up screens redirect a signed-in user to /home.
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { createClient } from './api/client';
import { ApiError } from './api/problem';
import { onSharedSocketLost, reconnectSharedSocket } from './api/socket';
import type { User } from './api/types';
import { Footer } from './components/Footer';
import { Header } from './components/Header';
import { LiveMessage } from './components/LiveMessage';
import { applyLanguage, currentLanguage, i18next, rememberLanguage, type Language } from './i18n';
import { useT } from './i18n/context';
import type { ComponentChildren } from 'preact';
import type { Role } from './api/types';
import { AccountPage } from './pages/account/AccountPage';
import { AskPage } from './pages/ask/AskPage';
import { AuditPage } from './pages/audit/AuditPage';
import { BoardPage } from './pages/board/BoardPage';
import { CheckPage } from './pages/check/CheckPage';
import { ConferencePage } from './pages/conference/ConferencePage';
import { ConferenceJoinPage } from './pages/conference-join/ConferenceJoinPage';
import { ConferencesPage } from './pages/conferences/ConferencesPage';
import { DeskPage } from './pages/desk/DeskPage';
import { EditReceptionPage } from './pages/edit-reception/EditReceptionPage';
import { FiguresPage } from './pages/figures/FiguresPage';
import { ForgotPasswordPage } from './pages/forgot-password/ForgotPasswordPage';
import { HomePage } from './pages/home/HomePage';
import { LandingPage } from './pages/landing/LandingPage';
import { LinePage } from './pages/line/LinePage';
import { MediatorsPage } from './pages/mediators/MediatorsPage';
import { CasePage } from './pages/cases/CasePage';
import { CasesPage } from './pages/cases/CasesPage';
import { InvitationPage } from './pages/cases/InvitationPage';
import { NewCasePage } from './pages/cases/NewCasePage';
import { MyTicketsPage } from './pages/my-tickets/MyTicketsPage';
import { NewReceptionPage } from './pages/new-reception/NewReceptionPage';
import { NotFoundPage } from './pages/not-found/NotFoundPage';
import { OrganisationPage } from './pages/organisation/OrganisationPage';
import { PrivacyPage } from './pages/privacy/PrivacyPage';
import { ProposalsPage } from './pages/proposals/ProposalsPage';
import { ReceptionsPage } from './pages/receptions/ReceptionsPage';
import { ResumePage } from './pages/resume/ResumePage';
import { RoomPage } from './pages/room/RoomPage';
import { SetPasswordPage } from './pages/set-password/SetPasswordPage';
import { SignInPage } from './pages/sign-in/SignInPage';
import { SignUpPage } from './pages/sign-up/SignUpPage';
import { SummaryPage } from './pages/summary/SummaryPage';
import { TicketPage } from './pages/ticket/TicketPage';
import { rememberReturn, takeReturn } from './return-path';
import { matchPath, navigate, usePath } from './router';
import { SessionContext, type Session } from './session';

/** Who may open a route: anyone, only the signed-out, any signed-in user, or some roles. */
type Access = 'anyone' | 'anonymous' | 'signed-in' | readonly Role[];

interface Route {
  pattern: string;
  access: Access;
  render: (params: Record<string, string>, user: User | null) => ComponentChildren;
}

const STAFF: readonly Role[] = ['specialist', 'coordinator', 'admin'];
const COORDINATION: readonly Role[] = ['coordinator', 'admin'];

const param = (params: Record<string, string>, name: string) => params[name] ?? '';

/** Every screen; the first matching pattern wins (so /receptions/new before /receptions/:id/…). */
const ROUTES: readonly Route[] = [
  { pattern: '/', access: 'anonymous', render: () => <LandingPage /> },
  { pattern: '/sign-in', access: 'anonymous', render: () => <SignInPage /> },
  { pattern: '/sign-up', access: 'anonymous', render: () => <SignUpPage /> },
  { pattern: '/forgot-password', access: 'anonymous', render: () => <ForgotPasswordPage /> },
  // Anyone: a mailed link may be opened where someone else is signed in; setting the
  // password signs this device in as its owner.
  { pattern: '/set-password', access: 'anyone', render: () => <SetPasswordPage /> },
  { pattern: '/home', access: 'signed-in', render: (_, user) => user && <HomePage user={user} /> },
  { pattern: '/account', access: 'signed-in', render: (_, user) => user && <AccountPage user={user} /> },
  { pattern: '/privacy', access: 'anyone', render: () => <PrivacyPage /> },
  // Anyone checks their devices; the echo test through the server needs a session (a guest's too).
  { pattern: '/check', access: 'anyone', render: () => <CheckPage /> },
  { pattern: '/receptions', access: 'anyone', render: () => <ReceptionsPage /> },
  // The register of mediators is public (issue 10).
  { pattern: '/mediators', access: 'anyone', render: () => <MediatorsPage /> },
  // Mediation cases (issue 10): only their people read them; the server answers 404 to anyone else.
  { pattern: '/cases', access: 'signed-in', render: () => <CasesPage /> },
  { pattern: '/cases/new', access: 'signed-in', render: (_, user) => user && <NewCasePage user={user} /> },
  { pattern: '/cases/:id', access: 'signed-in', render: (p, user) => user && <CasePage caseId={param(p, 'id')} user={user} /> },
  // An invitation link (/invitations#token): anyone may read and refuse it; accepting needs an account.
  { pattern: '/invitations', access: 'anyone', render: (_, user) => <InvitationPage user={user} /> },
  { pattern: '/receptions/new', access: COORDINATION, render: (_, user) => user && <NewReceptionPage user={user} /> },
  { pattern: '/receptions/:id/edit', access: COORDINATION, render: (p) => <EditReceptionPage receptionId={param(p, 'id')} /> },
  { pattern: '/receptions/:id/board', access: COORDINATION, render: (p) => <BoardPage receptionId={param(p, 'id')} /> },
  { pattern: '/receptions/:id/figures', access: COORDINATION, render: (p) => <FiguresPage receptionId={param(p, 'id')} /> },
  { pattern: '/receptions/:id/summary', access: 'anyone', render: (p) => <SummaryPage receptionId={param(p, 'id')} /> },
  { pattern: '/organisations/new', access: ['admin'], render: (_, user) => user && <OrganisationPage user={user} /> },
  {
    pattern: '/organisations/:id/edit',
    access: COORDINATION,
    render: (p, user) => user && <OrganisationPage user={user} organisationId={param(p, 'id')} />,
  },
  { pattern: '/organisations/:id/line', access: COORDINATION, render: (p, user) => user && <LinePage user={user} organisationId={param(p, 'id')} /> },
  { pattern: '/audit', access: ['admin'], render: () => <AuditPage /> },
  { pattern: '/ask/:receptionId', access: 'anyone', render: (p) => <AskPage receptionId={param(p, 'receptionId')} /> },
  { pattern: '/t/:token', access: 'anyone', render: (p) => <ResumePage token={param(p, 'token')} /> },
  // A guest's ticket: their session cookie comes with the ticket, not from signing in.
  { pattern: '/tickets/:id', access: 'anyone', render: (p) => <TicketPage ticketId={param(p, 'id')} /> },
  { pattern: '/my/tickets', access: 'signed-in', render: () => <MyTicketsPage /> },
  { pattern: '/desk', access: ['specialist'], render: (_, user) => user && <DeskPage user={user} /> },
  { pattern: '/conferences', access: 'signed-in', render: () => <ConferencesPage /> },
  { pattern: '/conferences/:id', access: 'signed-in', render: (p) => <ConferencePage conferenceId={param(p, 'id')} /> },
  { pattern: '/proposals', access: STAFF, render: () => <ProposalsPage /> },
  // A conference guest's mailed link: their session comes from the link, not from signing in.
  { pattern: '/c/:token', access: 'anyone', render: (p) => <ConferenceJoinPage token={param(p, 'token')} /> },
  { pattern: '/rooms/:id', access: STAFF, render: (p, user) => user && <RoomPage roomId={param(p, 'id')} user={user} /> },
];

function findRoute(path: string): { route: Route; params: Record<string, string> } | null {
  for (const route of ROUTES) {
    const params = matchPath(route.pattern, path);
    if (params) return { route, params };
  }
  return null;
}

function needsSignIn(access: Access): boolean {
  return access !== 'anyone' && access !== 'anonymous';
}

export function App() {
  const { t } = useT();
  const path = usePath();
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [status, setStatus] = useState<string | undefined>(undefined);

  /** The session ended on the server (signed out elsewhere, deactivated, expired). */
  const sessionEnded = useCallback(() => {
    setUser(null);
    setStatus(i18next.t('errors.sessionExpired'));
  }, []);

  const api = useMemo(
    () =>
      createClient({
        language: currentLanguage,
        onUnauthorized: sessionEnded,
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

  // The live socket authenticates when it opens: reopen it when someone else is signed in.
  const userId = user === undefined ? undefined : (user?.id ?? null);
  const previousUserId = useRef(userId);
  useEffect(() => {
    const before = previousUserId.current;
    previousUserId.current = userId;
    if (before !== undefined && before !== userId) reconnectSharedSocket();
  }, [userId]);

  // A socket closed by the server may mean this session ended: ask, and show it at once
  // rather than at the next click. (A lost network link answers nothing, and is ignored.)
  useEffect(() => {
    if (!userId) return;
    return onSharedSocketLost(() => {
      api.me().catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 401) sessionEnded();
      });
    });
  }, [api, userId, sessionEnded]);

  const refreshUser = useCallback(async () => {
    try {
      const next = await api.me();
      const language = currentLanguage();
      // A guest's account takes the language of their question; keep the interface they chose.
      if (next.language !== language) {
        setUser(await api.updateMe({ language }).catch(() => next));
      } else setUser(next);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) setUser(null);
    }
  }, [api]);

  useEffect(() => {
    if (user === undefined) return;
    const access = findRoute(path)?.route.access ?? 'anyone';
    if (user === null && needsSignIn(access)) {
      // A mailed or shared case link comes back to the case after signing in.
      if (path.startsWith('/cases')) rememberReturn(path + window.location.search);
      navigate('/sign-in', { replace: true });
    }
    if (user && access === 'anonymous') navigate('/home', { replace: true });
  }, [user, path]);

  const session = useMemo<Session>(
    () => ({
      api,
      user,
      signedIn: (next) => {
        setStatus(undefined);
        adoptUser(next);
        // A page that sent them to sign in (an invitation link) gets them back.
        navigate(takeReturn() ?? '/home');
      },
      refreshUser,
      signOut: async ({ stay = false, everywhere = false } = {}) => {
        try {
          await (everywhere ? api.signOutEverywhere() : api.signOut());
        } catch (error) {
          // A session that already ended is as good as signed out.
          if (!(error instanceof ApiError && error.status === 401)) {
            setStatus(t('errors.generic'));
            return false;
          }
        }
        setUser(null);
        setStatus(t(everywhere ? 'status.signedOutEverywhere' : 'status.signedOut'));
        if (!stay) navigate('/');
        return true;
      },
      signedOutOnServer: (message) => {
        setUser(null);
        setStatus(message);
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
    [api, user, adoptUser, refreshUser, t],
  );

  return (
    <SessionContext.Provider value={session}>
      <a class="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <Header />
      <LiveMessage kind="status" message={status} testId="app-status" />
      {user === undefined ? <Loading /> : <Screen path={path} user={user} />}
      <Footer />
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
  const found = findRoute(path);
  if (!found) return <NotFoundPage />;
  const { route, params } = found;
  const { access } = route;
  // Redirects happen in an effect; until then show the loading state, not the wrong screen.
  if (access === 'anonymous' && user) return <Loading />;
  if (needsSignIn(access) && !user) return <Loading />;
  if (Array.isArray(access) && user && !access.includes(user.role)) return <NotFoundPage />;
  return <>{route.render(params, user)}</>;
}
