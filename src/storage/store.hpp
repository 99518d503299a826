// The one storage interface the services use. Two backends implement it: SQLite (embedded
// default, storage/sqlite/) and PostgreSQL (scale, storage/postgres/). Every method is a
// coroutine on the caller's executor and returns once its write is committed (durable);
// expected failures (not found, e-mail taken) come back as Result errors, never exceptions.
// The contract both backends keep is written down as tests in storage/contract_test.cpp.
#pragma once

#include "core/error.hpp"
#include "core/model.hpp"

#include <boost/asio/awaitable.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kelisim::storage {

template <typename T> using Task = boost::asio::awaitable<core::Result<T>>;
using core::Unit;

class Store {
public:
  virtual ~Store() = default;

  // Applies the numbered migrations not yet applied (storage/migrations/<backend>/NNNN_*.sql),
  // each in its own transaction; returns how many it applied.
  virtual Task<int> migrate() = 0;
  // A cheap round trip to the database, for /readyz.
  virtual Task<Unit> ping() = 0;

  // Regions of Kazakhstan, ordered by code; seeded by the first migration.
  virtual Task<std::vector<core::Region>> listRegions() = 0;

  virtual Task<Unit> createOrganisation(const core::Organisation &org) = 0;
  virtual Task<core::Organisation> getOrganisation(const std::string &id) = 0;
  virtual Task<std::vector<core::Organisation>> listOrganisations() = 0;

  // conflict when the e-mail is taken (e-mails are stored lower-cased).
  virtual Task<Unit> createUser(const core::User &user) = 0;
  virtual Task<core::User> getUser(const std::string &id) = 0;
  virtual Task<core::User> findUserByEmail(const std::string &email) = 0;
  // Ordered by created_at, then id. organisation_id empty: every user.
  virtual Task<std::vector<core::User>>
  listUsers(const std::optional<std::string> &organisation_id) = 0;
  // Replaces the editable fields of an existing user (everything but id, email, created_at).
  virtual Task<Unit> updateUser(const core::User &user) = 0;

  virtual Task<Unit> createSession(const core::Session &session) = 0;
  // not_found when absent or expired at `now`.
  virtual Task<core::Session> findSession(const std::string &token_hash, core::Time now) = 0;
  virtual Task<Unit> deleteSession(const std::string &token_hash) = 0;

  // Appends and returns the id the store gave it.
  virtual Task<std::int64_t> appendAudit(const core::AuditEvent &event) = 0;
  // Newest first, at most `limit`, with id < before_id when given.
  virtual Task<std::vector<core::AuditEvent>> listAudit(std::optional<std::int64_t> before_id,
                                                        int limit) = 0;
};

} // namespace kelisim::storage
