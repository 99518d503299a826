// The account endpoints: inviting and managing staff, the one-time links mailed for an
// invitation or a password reset, and a signed-in person's own password and sessions.
// The calls of people who are not signed in are sent as unauthenticated, so a 401 there
// never reads as "your session ended".
import type { RequestFn } from './client';
import type { AccountLink, ChangePasswordRequest, NewStaffRequest, User, UserPatch } from './types';

const PUBLIC = { authenticated: false };
const enc = encodeURIComponent;

export function accountEndpoints(request: RequestFn) {
  const user = (id: string) => `/api/v1/users/${enc(id)}`;
  return {
    /** Invites staff: they get a mail with a link to set their password (good 7 days). */
    inviteUser: (body: NewStaffRequest) => request<User>('POST', '/api/v1/users', body),
    updateUser: (id: string, patch: UserPatch) => request<User>('PATCH', user(id), patch),
    /** Mails the invitation again (only while the person is `invited`). */
    resendInvitation: (id: string) => request<{ sent: boolean }>('POST', `${user(id)}/invitation`),
    /** Ends their sessions and open pages at once; a specialist goes off duty. */
    deactivateUser: (id: string) => request<User>('POST', `${user(id)}/deactivate`),
    reactivateUser: (id: string) => request<User>('POST', `${user(id)}/reactivate`),
    /** Always answers the same, whether or not the address has an account. */
    requestPasswordReset: (email: string) =>
      request<{ requested: boolean }>('POST', '/api/v1/auth/password-reset', { email }, PUBLIC),
    /** Whom a mailed link is for; 404 unknown, 410 (link-expired) used or expired. */
    accountLink: (token: string) => request<AccountLink>('POST', '/api/v1/auth/account-link', { token }, PUBLIC),
    /** Sets the password from a mailed link and signs this device in. */
    setPassword: (token: string, password: string) =>
      request<{ user: User }>('POST', '/api/v1/auth/set-password', { token, password }, PUBLIC),
    /** Changes one's own password; the account's other sessions end. */
    changePassword: (body: ChangePasswordRequest) => request<undefined>('POST', '/api/v1/me/password', body),
    /** Ends every session of the account, this one too. */
    signOutEverywhere: () => request<undefined>('POST', '/api/v1/auth/sign-out-everywhere'),
  };
}
