#include "app/auth_service.hpp"

#include "app/accounts.hpp"
#include "app/audit.hpp"
#include "app/sodium_random.hpp"
#include "core/consent.hpp"
#include "core/ids.hpp"
#include "core/validation.hpp"

namespace kelisim::app {

using core::Error;
using core::ErrorCode;

AuthService::AuthService(core::Store &store, const core::Clock &clock, core::Random &random,
                         PasswordHasher &hasher, AuthSettings settings,
                         reception::EventSink &events, MailSettings mail)
    : store_(store), clock_(clock), random_(random), hasher_(hasher), settings_(settings),
      events_(events), mail_(std::move(mail)), reset_mails_(0.05, 3) {}

Task<SignedIn> AuthService::signUp(SignUpInput in, const Caller &caller) {
  in.email = core::normaliseEmail(in.email);
  Error invalid = Error::make(ErrorCode::validation_failed);
  checkAccountFields(invalid, in.email, in.password, in.display_name);
  if (auto e = core::checkConsent(in.consent, in.consent_version)) invalid.fields.push_back(*e);
  if (!invalid.fields.empty()) co_return invalid;
  const auto slot = hasher_.reserve();
  if (!slot) co_return Error::make(ErrorCode::busy, "password hashing queue full");

  core::User user;
  user.id = random_.hex(16);
  user.email = in.email;
  user.display_name = in.display_name;
  user.role = core::Role::citizen;
  user.language = in.language;
  user.languages = {in.language};
  user.created_at = clock_.now();
  user.consent_version = core::kConsentVersion;
  user.consent_at = user.created_at;
  auto saved = co_await saveNewAccount(store_, hasher_, user, in.password);
  if (!saved) co_return saved.error();
  {
    const AuditEntry entry{user.id, "auth.sign_up", "user", user.id};
    co_await recordAudit(store_, clock_, caller, entry);
  }
  co_return co_await openSession(std::move(user), caller);
}

Task<SignedIn> AuthService::signIn(std::string email, std::string password, const Caller &caller) {
  email = core::normaliseEmail(email);
  if (email.empty() || password.empty() || password.size() > 4 * core::kMaxPassword)
    co_return Error::make(ErrorCode::invalid_credentials);
  // A place in the hashing queue for the whole check, or "busy, retry" at once.
  const auto slot = hasher_.reserve();
  if (!slot) co_return Error::make(ErrorCode::busy, "password hashing queue full");
  auto found = co_await store_.findUserByEmail(email);
  if (!found) {
    if (found.error().code != ErrorCode::not_found) co_return found.error();
    // Spend the same time as a real check so that timing does not tell which e-mails exist.
    co_await hasher_.verifyDecoy(password);
    {
      const AuditEntry entry{std::nullopt, "auth.sign_in_failed", "user", "",
                             R"({"reason":"unknown_email"})"};
      co_await recordAudit(store_, clock_, caller, entry);
    }
    co_return Error::make(ErrorCode::invalid_credentials);
  }
  core::User user = std::move(found).value();
  const auto now = clock_.now();
  if (user.locked_until && *user.locked_until > now) {
    Error locked = Error::make(ErrorCode::account_locked);
    const auto secs = std::chrono::duration_cast<std::chrono::seconds>(*user.locked_until - now);
    locked.params["retry_after"] = std::to_string(secs.count() + 1);
    locked.params["minutes"] = std::to_string((secs.count() + 59) / 60);
    {
      const AuditEntry entry{user.id, "auth.sign_in_refused_locked", "user", user.id};
      co_await recordAudit(store_, clock_, caller, entry);
    }
    co_return locked;
  }
  if (!co_await hasher_.verify(user.password_hash, password)) {
    // Counted in the store, not from what was read: guesses made at once each count.
    auto lock = co_await store_.recordFailedSignIn(user.id, settings_.max_failed_sign_ins,
                                                   now + settings_.lockout);
    if (!lock) co_return lock.error();
    {
      const AuditEntry entry{user.id, "auth.sign_in_failed", "user", user.id,
                             R"({"reason":"password"})"};
      co_await recordAudit(store_, clock_, caller, entry);
    }
    if (*lock) {
      const AuditEntry entry{user.id, "auth.locked_out", "user", user.id};
      co_await recordAudit(store_, clock_, caller, entry);
    }
    co_return Error::make(ErrorCode::invalid_credentials);
  }
  if (user.deactivated_at) {
    const AuditEntry entry{user.id, "auth.sign_in_refused_deactivated", "user", user.id};
    co_await recordAudit(store_, clock_, caller, entry);
    co_return Error::make(ErrorCode::account_deactivated);
  }
  if (user.failed_sign_ins != 0 || user.locked_until) {
    auto cleared = co_await store_.clearFailedSignIns(user.id);
    if (!cleared) co_return cleared.error();
    user.failed_sign_ins = 0;
    user.locked_until.reset();
  }
  {
    const AuditEntry entry{user.id, "auth.sign_in", "user", user.id};
    co_await recordAudit(store_, clock_, caller, entry);
  }
  co_return co_await openSession(std::move(user), caller);
}

SignedIn AuthService::newSession(core::User user, core::Session &s) {
  SignedIn out;
  s.created_at = clock_.now();
  out.token = core::newToken(s.created_at, random_, 26);
  out.csrf_token = random_.hex(16);
  s.token_hash = tokenKey(out.token);
  s.user_id = user.id;
  s.csrf_token = out.csrf_token;
  s.expires_at = s.created_at + settings_.session_lifetime;
  out.expires_at = s.expires_at;
  out.user = std::move(user);
  return out;
}

Task<SignedIn> AuthService::openSession(core::User user, const Caller &caller) {
  core::Session s;
  SignedIn out = newSession(std::move(user), s);
  auto created = co_await store_.createSession(s);
  if (!created) co_return created.error();
  co_return out;
}

Task<Unit> AuthService::signOut(const std::string &token, const Caller &caller) {
  auto done = co_await store_.deleteSession(tokenKey(token));
  if (done) done = co_await store_.deleteSession(legacyTokenKey(token));
  if (!done) co_return done.error();
  if (caller.user) {
    // Its live connections end too, here and on every instance.
    reception::Event ended{reception::Event::Type::access, caller.user->id};
    ended.session = tokenKey(token);
    events_.publish(ended);
    const AuditEntry entry{caller.user->id, "auth.sign_out", "user", caller.user->id};
    co_await recordAudit(store_, clock_, caller, entry);
  }
  co_return Unit{};
}

Task<Authenticated> AuthService::authenticate(const std::string &token) {
  if (token.empty() || token.size() > 128) co_return Error::make(ErrorCode::unauthenticated);
  auto session = co_await store_.findSession(tokenKey(token), clock_.now());
  if (!session && session.error().code == ErrorCode::not_found)
    session = co_await store_.findSession(legacyTokenKey(token), clock_.now());
  if (!session) {
    if (session.error().code == ErrorCode::not_found)
      co_return Error::make(ErrorCode::unauthenticated);
    co_return session.error();
  }
  auto user = co_await store_.getUser(session->user_id);
  if (!user || user->deactivated_at) co_return Error::make(ErrorCode::unauthenticated);
  co_return Authenticated{std::move(user).value(), std::move(session).value()};
}

Task<Unit> AuthService::requestPasswordReset(std::string email, const Caller &caller) {
  email = core::normaliseEmail(email);
  if (auto e = core::checkEmail("email", email))
    co_return Error{ErrorCode::validation_failed, {*e}, {}, {}};
  auto found = co_await store_.findUserByEmail(email);
  if (!found) {
    if (found.error().code != ErrorCode::not_found) co_return found.error();
    co_return Unit{}; // the same answer as for a real account
  }
  const core::User &user = *found;
  // Guests have no password to reset; a deactivated account gets no mail.
  if (core::isGuest(user) || user.deactivated_at) co_return Unit{};
  const auto now = clock_.now();
  {
    std::lock_guard lock(reset_mutex_);
    if (!reset_mails_.allow(user.id, now)) co_return Unit{}; // quietly: a mail is on its way
  }
  const AccountLink link =
      newAccountLink(mail_, core::TokenPurpose::password_reset, user.id, now, random_);
  std::map<std::string, std::string> params{{"link", link.url}, {"name", user.display_name}};
  core::UnitOfWork work;
  work.add(core::NewAccountToken{link.token});
  work.add(core::NewMail{newMail(core::MailKind::password_reset, user.email, user.language,
                                 std::move(params), now, random_)});
  const AuditEntry entry{user.id, "auth.password_reset_requested", "user", user.id};
  work.add(core::AuditRecord{auditEvent(clock_, caller, entry)});
  auto committed = co_await store_.commit(work);
  if (!committed) co_return committed.error();
  co_return Unit{};
}

Task<std::pair<core::AccountToken, core::User>> AuthService::liveLink(const std::string &secret) {
  if (secret.empty() || secret.size() > 128) co_return Error::make(ErrorCode::not_found);
  auto token = co_await store_.findAccountToken(tokenKey(secret));
  if (!token) co_return token.error();
  if (token->used_at || token->expires_at <= clock_.now())
    co_return Error::make(ErrorCode::link_expired);
  auto user = co_await store_.getUser(token->user_id);
  if (!user) co_return user.error();
  if (user->deactivated_at) co_return Error::make(ErrorCode::link_expired);
  co_return std::pair{std::move(token).value(), std::move(user).value()};
}

Task<AccountLinkInfo> AuthService::accountLink(const std::string &secret) {
  auto live = co_await liveLink(secret);
  if (!live) co_return live.error();
  co_return AccountLinkInfo{live->first.purpose, live->second.email, live->second.display_name};
}

Task<SignedIn> AuthService::setPassword(const std::string &secret, std::string password,
                                        const Caller &caller) {
  if (auto e = core::checkPassword("password", password))
    co_return Error{ErrorCode::validation_failed, {*e}, {}, {}};
  auto live = co_await liveLink(secret);
  if (!live) co_return live.error();
  const core::AccountToken token = live->first;
  const core::User user = live->second;
  const auto slot = hasher_.reserve();
  if (!slot) co_return Error::make(ErrorCode::busy, "password hashing queue full");
  const std::string hash = co_await hasher_.hash(password);
  if (hash.empty()) co_return Error::make(ErrorCode::internal, "password hash failed");
  const auto now = clock_.now();
  core::Session session;
  SignedIn out = newSession(user, session);
  out.user.password_hash = hash;
  out.user.failed_sign_ins = 0;
  out.user.locked_until.reset();
  core::UnitOfWork work;
  // The use first: a link used twice at once fails here, before anything else is written.
  work.add(core::AccountTokenUsed{token.token_hash, now});
  work.add(core::PasswordSet{user.id, hash});
  work.add(core::SessionsEnded{user.id, std::nullopt});
  work.add(core::NewSession{session});
  const AuditEntry entry{user.id,
                         token.purpose == core::TokenPurpose::invitation
                             ? "auth.invitation_accepted"
                             : "auth.password_reset",
                         "user", user.id};
  work.add(core::AuditRecord{auditEvent(clock_, caller, entry)});
  auto committed = co_await store_.commit(work);
  if (!committed) {
    if (committed.error().code == ErrorCode::conflict)
      co_return Error::make(ErrorCode::link_expired);
    co_return committed.error();
  }
  reception::Event ended{reception::Event::Type::access, user.id};
  events_.publish(ended); // the sessions that ended lose their live connections too
  co_return out;
}

Task<Unit> AuthService::changePassword(const Caller &caller, const std::string &session_key,
                                       std::string current, std::string next) {
  if (!caller.user) co_return Error::make(ErrorCode::unauthenticated);
  if (auto e = core::checkPassword("new_password", next))
    co_return Error{ErrorCode::validation_failed, {*e}, {}, {}};
  const auto slot = hasher_.reserve();
  if (!slot) co_return Error::make(ErrorCode::busy, "password hashing queue full");
  auto user = co_await store_.getUser(caller.user->id);
  if (!user) co_return user.error();
  if (current.size() > 4 * core::kMaxPassword ||
      !co_await hasher_.verify(user->password_hash, current)) {
    auto lock = co_await store_.recordFailedSignIn(user->id, settings_.max_failed_sign_ins,
                                                   clock_.now() + settings_.lockout);
    if (!lock) co_return lock.error();
    co_return Error::field("current_password", "wrong_password");
  }
  const std::string hash = co_await hasher_.hash(next);
  if (hash.empty()) co_return Error::make(ErrorCode::internal, "password hash failed");
  core::UnitOfWork work;
  work.add(core::PasswordSet{user->id, hash});
  work.add(core::SessionsEnded{user->id, session_key});
  const AuditEntry entry{user->id, "auth.password_changed", "user", user->id};
  work.add(core::AuditRecord{auditEvent(clock_, caller, entry)});
  auto committed = co_await store_.commit(work);
  if (!committed) co_return committed.error();
  reception::Event ended{reception::Event::Type::access, user->id};
  events_.publish(ended);
  co_return Unit{};
}

Task<Unit> AuthService::signOutEverywhere(const Caller &caller) {
  if (!caller.user) co_return Error::make(ErrorCode::unauthenticated);
  core::UnitOfWork work;
  work.add(core::SessionsEnded{caller.user->id, std::nullopt});
  const AuditEntry entry{caller.user->id, "auth.sign_out_everywhere", "user", caller.user->id};
  work.add(core::AuditRecord{auditEvent(clock_, caller, entry)});
  auto committed = co_await store_.commit(work);
  if (!committed) co_return committed.error();
  reception::Event ended{reception::Event::Type::access, caller.user->id};
  events_.publish(ended);
  co_return Unit{};
}

} // namespace kelisim::app
