// What every screen may need from the shell: the API client, the signed-in user
// (undefined while loading, null when anonymous), and a polite status announcer.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { ApiClient } from './api/client';
import type { User } from './api/types';
import type { Language } from './i18n';

export interface Session {
  api: ApiClient;
  user: User | null | undefined;
  /** Adopts a freshly signed-in user (and their interface language). */
  signedIn: (user: User) => void;
  /**
   * Asks the server again who this is, after a call that set a session cookie without
   * signing in (a guest's intake, a return link). Never rejects.
   */
  refreshUser: () => Promise<void>;
  /**
   * Signs out and goes to the landing page, or stays on this screen with `{ stay: true }`
   * (a screen that carries on as a guest); `{ everywhere: true }` ends every session of
   * the account, on all devices. Resolves to whether the session ended.
   */
  signOut: (options?: { stay?: boolean; everywhere?: boolean }) => Promise<boolean>;
  /**
   * Forgets who was signed in after the server itself ended every session of the account
   * (the account was deleted), shows `message` and goes to the landing page.
   */
  signedOutOnServer: (message: string) => void;
  changeLanguage: (language: Language) => Promise<void>;
  /** Announces a short message in the shell's polite live region. */
  announce: (message: string) => void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession() outside <SessionContext.Provider>');
  return session;
}
