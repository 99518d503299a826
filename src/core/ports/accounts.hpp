// Ports of accounts: people (users), their sign-in sessions, and the audit trail of who did
// what. Implemented by the storage backends; the contract is storage/contract_test.cpp.
#pragma once

#include "core/model.hpp"
#include "core/ports/task.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kelisim::core {

class UserRepository {
public:
  virtual ~UserRepository() = default;
  // conflict when the e-mail is taken (e-mails are stored lower-cased).
  virtual Task<Unit> createUser(const User &user) = 0;
  virtual Task<User> getUser(const std::string &id) = 0;
  virtual Task<User> findUserByEmail(const std::string &email) = 0;
  // Ordered by created_at, then id. organisation_id empty: every user.
  virtual Task<std::vector<User>> listUsers(const std::optional<std::string> &organisation_id) = 0;
  // Replaces the fields staff edit of an existing user: display_name, role, kinds,
  // organisation_id, language, languages, categories. The password hash and the sign-in
  // failures have writes of their own, so an edit made from a stale read cannot undo them.
  virtual Task<Unit> updateUser(const User &user) = 0;
  // A user's own profile: only these two fields (a role changed meanwhile stays changed).
  virtual Task<Unit> updateProfile(const std::string &user_id, const std::string &display_name,
                                   Language language) = 0;
  // One failed sign-in, counted atomically (guesses made at once each count): the count goes
  // up; on reaching `max_failures` it starts over and the user is locked until `lock_until`.
  // Gives whether this failure locked the account. not_found for no such user.
  virtual Task<bool> recordFailedSignIn(const std::string &user_id, int max_failures,
                                        Time lock_until) = 0;
  // After a good sign-in: no failures counted, not locked.
  virtual Task<Unit> clearFailedSignIns(const std::string &user_id) = 0;
  // Whether a specialist is on duty, kept so that a restart does not send everyone away.
  virtual Task<Unit> setOnDuty(const std::string &user_id, bool on_duty) = 0;
  // The specialists on duty when last told, ordered by id.
  virtual Task<std::vector<User>> listOnDuty() = 0;
};

class SessionRepository {
public:
  virtual ~SessionRepository() = default;
  virtual Task<Unit> createSession(const Session &session) = 0;
  // not_found when absent or expired at `now`.
  virtual Task<Session> findSession(const std::string &token_hash, Time now) = 0;
  virtual Task<Unit> deleteSession(const std::string &token_hash) = 0;
};

// What the audit page filters by; every field optional. Newest first.
struct AuditQuery {
  std::optional<std::string> actor_id;
  std::optional<std::string> action; // a prefix: "auth." finds every sign-in event
  std::optional<std::string> object_id;
  std::optional<Time> from, to; // at >= from, at < to
  std::optional<std::int64_t> before_id;
  int limit = 50;
};

// One entry's seal: the entry before it in the chain and the hash up to here.
struct AuditSeal {
  std::int64_t id = 0;
  std::optional<std::int64_t> prev_id;
  std::string hash;
};

class AuditLog {
public:
  virtual ~AuditLog() = default;
  // Appends and returns the id the store gave it.
  virtual Task<std::int64_t> appendAudit(const AuditEvent &event) = 0;
  // Newest first, at most `limit`, with id < before_id when given.
  virtual Task<std::vector<AuditEvent>> listAudit(std::optional<std::int64_t> before_id,
                                                  int limit) = 0;
  virtual Task<std::vector<AuditEvent>> searchAudit(const AuditQuery &query) = 0;
  // Entries with id > after_id, oldest first, at most `limit`, with their seals.
  virtual Task<std::vector<AuditEvent>> auditAfter(std::int64_t after_id, int limit) = 0;
  // The newest sealed entry, if any.
  virtual Task<std::optional<AuditEvent>> lastSealedAudit() = 0;
  // Seals entries not sealed yet (an entry sealed meanwhile is left as it is: a seal is
  // computed the same by anyone from the same chain).
  virtual Task<Unit> sealAudit(const std::vector<AuditSeal> &seals) = 0;
};

} // namespace kelisim::core
