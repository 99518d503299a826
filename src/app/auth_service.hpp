// Sign-up (citizens), sign-in, sign-out and session look-up. Passwords are argon2id; a
// session token is 32 random bytes given to the browser once and stored only as its
// SHA-256. Repeated failures lock the account for a while; every sign-in, failure and
// lock-out is written to the audit trail (without the password, of course).
#pragma once

#include "app/caller.hpp"
#include "app/password_hasher.hpp"
#include "app/reception/events.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/random.hpp"
#include "core/ports/store.hpp"

#include <chrono>
#include <string>

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
};

struct SignedIn {
  core::User user;
  std::string token; // give to the browser; never store or log
  std::string csrf_token;
  core::Time expires_at;
};

struct Authenticated {
  core::User user;
  core::Session session;
};

class AuthService {
public:
  // `events` hears of sessions that end (sign-out), so their live connections close.
  AuthService(core::Store &store, const core::Clock &clock, core::Random &random,
              PasswordHasher &hasher, AuthSettings settings, reception::EventSink &events);

  Task<SignedIn> signUp(SignUpInput input, const Caller &caller);
  Task<SignedIn> signIn(std::string email, std::string password, const Caller &caller);
  Task<Unit> signOut(const std::string &token, const Caller &caller);
  // unauthenticated when the token is unknown or expired.
  Task<Authenticated> authenticate(const std::string &token);
  // A new session for a user the caller has already proved to be (a guest citizen with the
  // secret link of their ticket).
  Task<SignedIn> openSession(core::User user, const Caller &caller);
  // The same, not yet stored: the caller adds `session` to its own unit of work (a guest's
  // first ticket commits the guest, the session and the ticket together).
  SignedIn newSession(core::User user, core::Session &session);

private:
  core::Store &store_;
  const core::Clock &clock_;
  core::Random &random_;
  PasswordHasher &hasher_;
  AuthSettings settings_;
  reception::EventSink &events_;
};

} // namespace kelisim::app
