// Sign-up (citizens), sign-in, sign-out and session look-up. Passwords are argon2id; a
// session token is 32 random bytes given to the browser once and stored only as its
// SHA-256. Repeated failures lock the account for a while; every sign-in, failure and
// lock-out is written to the audit trail (without the password, of course).
#pragma once

#include "app/account_links.hpp"
#include "app/caller.hpp"
#include "app/password_hasher.hpp"
#include "app/reception/events.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/random.hpp"
#include "core/ports/store.hpp"
#include "core/rate_limiter.hpp"

#include <chrono>
#include <mutex>
#include <string>
#include <utility>

namespace kelisim::app {

using core::Task;
using core::Unit;

struct AuthSettings {
  std::chrono::hours session_lifetime{24 * 14};
  int max_failed_sign_ins = 5;
  std::chrono::minutes lockout{15};
};

struct SignUpInput {
  std::string email;
  std::string password;
  std::string display_name;
  core::Language language = core::Language::ru;
  bool consent = false;                       // to the processing of personal data
  std::optional<std::string> consent_version; // of the text shown; absent: the current one
};

struct SignedIn {
  core::User user;
  std::string token; // give to the browser; never store or log
  std::string csrf_token;
  core::Time expires_at;
};

// What a one-time link's page shows before the new password is typed.
struct AccountLinkInfo {
  core::TokenPurpose purpose = core::TokenPurpose::invitation;
  std::string email;
  std::string display_name;
};

struct Authenticated {
  core::User user;
  core::Session session;
};

class AuthService {
public:
  // `events` hears of sessions that end (sign-out), so their live connections close.
  AuthService(core::Store &store, const core::Clock &clock, core::Random &random,
              PasswordHasher &hasher, AuthSettings settings, reception::EventSink &events,
              MailSettings mail = {});

  Task<SignedIn> signUp(SignUpInput input, const Caller &caller);
  Task<SignedIn> signIn(std::string email, std::string password, const Caller &caller);
  Task<Unit> signOut(const std::string &token, const Caller &caller);
  // Mails a one-time link to set a new password, if `email` belongs to an active account
  // that has signed in before or was invited; answers the same either way, so that nobody
  // learns which e-mails exist. At most 3 mails an hour per account.
  Task<Unit> requestPasswordReset(std::string email, const Caller &caller);
  // The account a link is for: not_found for no such link, link_expired for a used or old one.
  Task<AccountLinkInfo> accountLink(const std::string &secret);
  // Sets the password through a one-time link, uses the link up, ends every other session
  // of the account and signs this device in.
  Task<SignedIn> setPassword(const std::string &secret, std::string password, const Caller &caller);
  // The signed-in user's own password, checked against the current one; every other session
  // of the account ends (`session_key`, this device's, stays).
  Task<Unit> changePassword(const Caller &caller, const std::string &session_key,
                            std::string current, std::string next);
  // Ends every session of the caller's account, on every device, this one included.
  Task<Unit> signOutEverywhere(const Caller &caller);
  // unauthenticated when the token is unknown or expired.
  Task<Authenticated> authenticate(const std::string &token);
  // A new session for a user the caller has already proved to be (a guest citizen with the
  // secret link of their ticket).
  Task<SignedIn> openSession(core::User user, const Caller &caller);
  // The same, not yet stored: the caller adds `session` to its own unit of work (a guest's
  // first ticket commits the guest, the session and the ticket together).
  SignedIn newSession(core::User user, core::Session &session);

private:
  // The account behind a live link: not_found, or link_expired when used or old.
  Task<std::pair<core::AccountToken, core::User>> liveLink(const std::string &secret);

  core::Store &store_;
  const core::Clock &clock_;
  core::Random &random_;
  PasswordHasher &hasher_;
  AuthSettings settings_;
  reception::EventSink &events_;
  MailSettings mail_;
  std::mutex reset_mutex_;
  core::RateLimiter reset_mails_; // per account: 3 an hour
};

} // namespace kelisim::app
