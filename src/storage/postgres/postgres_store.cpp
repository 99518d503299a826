#include "storage/postgres/postgres_store.hpp"

#include "core/embedded.hpp"
#include "storage/list_codec.hpp"
#include "storage/postgres/postgres_store_impl.hpp"

#include <libpq-fe.h>

#include <string>
#include <utility>

namespace kelisim::storage::postgres {

using core::Error;
using core::ErrorCode;
using core::Result;
namespace asio = boost::asio;
using asio::awaitable;

namespace sql {
constexpr const char *kPing = "SELECT 1";
constexpr const char *kBegin = "BEGIN";
constexpr const char *kCommit = "COMMIT";
constexpr const char *kRollback = "ROLLBACK";
// One key for every Kelisim instance sharing the database: migrations run one at a time.
constexpr const char *kMigrationLock = "SELECT pg_advisory_xact_lock(7013042519846720)";
constexpr const char *kCreateMigrations =
    "CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY, applied_at "
    "BIGINT NOT NULL)";
constexpr const char *kMigrationOpen[] = {kBegin, kMigrationLock, kCreateMigrations};
constexpr const char *kMigrationApplied = "SELECT 1 FROM schema_migrations WHERE version = $1";
constexpr const char *kRecordMigration =
    "INSERT INTO schema_migrations (version, applied_at) VALUES ($1, "
    "(extract(epoch FROM clock_timestamp()) * 1000)::bigint)";
constexpr const char *kListRegions =
    "SELECT code, kind, name_kk, name_ru, name_en FROM regions ORDER BY code";
constexpr const char *kInsertOrganisation =
    "INSERT INTO organisations (id, name_kk, name_ru, name_en, region, created_at) VALUES "
    "($1, $2, $3, $4, $5, $6)";
constexpr const char *kUpdateOrganisation =
    "UPDATE organisations SET name_kk = $2, name_ru = $3, name_en = $4, region = $5 WHERE id = $1";
constexpr const char *kGetOrganisation =
    "SELECT id, name_kk, name_ru, name_en, region, created_at FROM organisations WHERE id = $1";
constexpr const char *kListOrganisations =
    "SELECT id, name_kk, name_ru, name_en, region, created_at FROM organisations "
    "ORDER BY created_at, id";
#define KELISIM_USER_COLUMNS                                                                       \
  "SELECT id, email, display_name, role, kinds, organisation_id, language, languages, "            \
  "categories, password_hash, failed_sign_ins, locked_until, created_at, deactivated_at, "         \
  "capacity, consent_version, consent_at FROM users"
constexpr const char *kGetUser = KELISIM_USER_COLUMNS " WHERE id = $1";
constexpr const char *kFindUserByEmail = KELISIM_USER_COLUMNS " WHERE email = $1";
constexpr const char *kListUsers = KELISIM_USER_COLUMNS " ORDER BY created_at, id";
constexpr const char *kListUsersOfOrganisation =
    KELISIM_USER_COLUMNS " WHERE organisation_id = $1 ORDER BY created_at, id";
constexpr const char *kListOnDuty = KELISIM_USER_COLUMNS " WHERE on_duty ORDER BY id";
#undef KELISIM_USER_COLUMNS
constexpr const char *kUpdateUser =
    "UPDATE users SET display_name = $1, role = $2, kinds = $3, organisation_id = $4, "
    "language = $5, languages = $6, categories = $7, capacity = $8 WHERE id = $9";
constexpr const char *kUpdateProfile =
    "UPDATE users SET display_name = $1, language = $2 WHERE id = $3";
// A row lock makes concurrent failures count one after another.
constexpr const char *kRecordFailedSignIn =
    "UPDATE users SET failed_sign_ins = CASE WHEN failed_sign_ins + 1 >= $1::int THEN 0 ELSE "
    "failed_sign_ins + 1 END, locked_until = CASE WHEN failed_sign_ins + 1 >= $1::int THEN "
    "$2::bigint ELSE locked_until END WHERE id = $3 RETURNING failed_sign_ins = 0";
constexpr const char *kClearFailedSignIns =
    "UPDATE users SET failed_sign_ins = 0, locked_until = NULL WHERE id = $1";
constexpr const char *kSetOnDuty = "UPDATE users SET on_duty = $1::boolean WHERE id = $2";
constexpr const char *kFindSession =
    "SELECT token_hash, user_id, csrf_token, created_at, expires_at FROM sessions WHERE "
    "token_hash = $1 AND expires_at > $2";
constexpr const char *kDeleteSession = "DELETE FROM sessions WHERE token_hash = $1";
constexpr const char *kInsertAudit =
    "INSERT INTO audit_events (at, actor_id, action, object_type, object_id, detail, ip) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id";
// $1 lease until, $2 now, $3 how many. The outer `next_attempt_at <= $2` is checked again on
// each row once its lock is had, so a mail claimed meanwhile by another instance is skipped.
constexpr const char *kClaimMail =
    "UPDATE outbox SET next_attempt_at = $1, attempts = attempts + 1 WHERE id IN (SELECT id "
    "FROM outbox WHERE sent_at IS NULL AND gave_up_at IS NULL AND next_attempt_at <= $2 ORDER "
    "BY next_attempt_at, id LIMIT $3) AND next_attempt_at <= $2 RETURNING id, kind, recipient, "
    "language, params, created_at, attempts";
constexpr const char *kMailSent = "UPDATE outbox SET sent_at = $1, last_error = NULL WHERE id = $2";
constexpr const char *kMailRetry =
    "UPDATE outbox SET next_attempt_at = $1, last_error = $2 WHERE id = $3";
constexpr const char *kMailGaveUp =
    "UPDATE outbox SET gave_up_at = $1, last_error = $2 WHERE id = $3";
constexpr const char *kPendingMail =
    "SELECT count(*) FROM outbox WHERE sent_at IS NULL AND gave_up_at IS NULL";
constexpr const char *kFindAccountToken =
    "SELECT t.token_hash, t.purpose, t.user_id, t.created_at, t.expires_at, u.used_at FROM "
    "account_tokens t LEFT JOIN account_token_uses u ON u.token_hash = t.token_hash WHERE "
    "t.token_hash = $1";
constexpr const char *kSearchAudit =
    "SELECT id, at, actor_id, action, object_type, object_id, detail, ip, prev_id, hash FROM "
    "audit_events WHERE id < $1::bigint AND ($2::text IS NULL OR actor_id = $2) AND ($3::text "
    "IS NULL OR left(action, length($3)) = $3) AND ($4::text IS NULL OR object_id = $4) AND "
    "($5::bigint IS NULL OR at >= $5) AND ($6::bigint IS NULL OR at < $6) ORDER BY id DESC "
    "LIMIT $7";
constexpr const char *kAuditAfter =
    "SELECT id, at, actor_id, action, object_type, object_id, detail, ip, prev_id, hash FROM "
    "audit_events WHERE id > $1 ORDER BY id LIMIT $2";
constexpr const char *kLastSealedAudit =
    "SELECT id, at, actor_id, action, object_type, object_id, detail, ip, prev_id, hash FROM "
    "audit_events WHERE hash IS NOT NULL ORDER BY id DESC LIMIT 1";
constexpr const char *kSealAudit =
    "UPDATE audit_events SET prev_id = $1, hash = $2 WHERE id = $3 AND hash IS NULL";
constexpr const char *kListAudit =
    "SELECT id, at, actor_id, action, object_type, object_id, detail, ip, prev_id, hash FROM "
    "audit_events "
    "WHERE id < $1 ORDER BY id DESC LIMIT $2";
} // namespace sql

Params textParams(const storage::sql::Values &values) {
  Params params;
  params.reserve(values.size());
  for (const auto &v : values) {
    if (const auto *i = std::get_if<std::int64_t>(&v))
      params.emplace_back(std::to_string(*i));
    else if (const auto *t = std::get_if<std::string>(&v))
      params.emplace_back(*t);
    else
      params.emplace_back(std::nullopt);
  }
  return params;
}

Task<Unit> runStatements(PgConnection &c, const std::vector<storage::sql::Statement> &statements) {
  for (const auto &statement : statements) {
    const Params params = textParams(statement.params);
    auto done = co_await c.query(storage::sql::postgresText(statement.text).c_str(), params);
    if (!done) co_return done.error();
  }
  co_return Unit{};
}

namespace {

// display_name … capacity: $1..$8 of kUpdateUser.
Params userFields(const core::User &u) {
  return {u.display_name,
          std::string(core::toString(u.role)),
          encodeKinds(u.kinds),
          u.organisation_id,
          std::string(core::toString(u.language)),
          encodeLanguages(u.languages),
          encodeWords(u.categories),
          std::to_string(u.capacity)};
}

core::Organisation readOrganisation(const PgResult &r, int row) {
  return {r.text(row, 0),
          {r.text(row, 1), r.text(row, 2), r.text(row, 3)},
          r.text(row, 4),
          core::fromMillis(r.int64(row, 5))};
}

core::User readUser(const PgResult &r, int i) {
  core::User u;
  u.id = r.text(i, 0);
  u.email = r.text(i, 1);
  u.display_name = r.text(i, 2);
  u.role = core::parseRole(r.text(i, 3)).value_or(core::Role::citizen);
  u.kinds = decodeKinds(r.text(i, 4));
  u.organisation_id = r.optionalText(i, 5);
  u.language = core::parseLanguage(r.text(i, 6)).value_or(core::Language::ru);
  u.languages = decodeLanguages(r.text(i, 7));
  u.categories = decodeWords(r.text(i, 8));
  u.password_hash = r.text(i, 9);
  u.failed_sign_ins = static_cast<int>(r.int64(i, 10));
  if (!r.isNull(i, 11)) u.locked_until = core::fromMillis(r.int64(i, 11));
  u.created_at = core::fromMillis(r.int64(i, 12));
  if (!r.isNull(i, 13)) u.deactivated_at = core::fromMillis(r.int64(i, 13));
  u.capacity = static_cast<int>(r.int64(i, 14));
  u.consent_version = r.text(i, 15);
  if (!r.isNull(i, 16)) u.consent_at = core::fromMillis(r.int64(i, 16));
  return u;
}

core::AuditEvent readAudit(const PgResult &r, int i) {
  core::AuditEvent e;
  e.id = r.int64(i, 0);
  e.at = core::fromMillis(r.int64(i, 1));
  e.actor_id = r.optionalText(i, 2);
  e.action = r.text(i, 3);
  e.object_type = r.text(i, 4);
  e.object_id = r.text(i, 5);
  e.detail = r.text(i, 6);
  e.ip = r.text(i, 7);
  if (!r.isNull(i, 8)) e.prev_id = r.int64(i, 8);
  if (!r.isNull(i, 9)) e.hash = r.text(i, 9);
  return e;
}

} // namespace

Task<int> PostgresStore::migrate() {
  return migrateAll();
}

Task<Unit> PostgresStore::ping() {
  return command(sql::kPing, {});
}

Task<std::vector<core::Region>> PostgresStore::listRegions() {
  return run<std::vector<core::Region>>(sql::kListRegions, {}, [](const PgResult &r) {
    return readAll<core::Region>(r, [](const PgResult &r, int i) {
      return core::Region{r.text(i, 0), r.text(i, 1), {r.text(i, 2), r.text(i, 3), r.text(i, 4)}};
    });
  });
}

Task<Unit> PostgresStore::createOrganisation(const core::Organisation &o) {
  return command(sql::kInsertOrganisation,
                 {o.id, o.name.kk, o.name.ru, o.name.en, o.region, millis(o.created_at)});
}

Task<core::Organisation> PostgresStore::getOrganisation(const std::string &id) {
  return run<core::Organisation>(sql::kGetOrganisation, {id}, [](const PgResult &r) {
    return readOne<core::Organisation>(r, readOrganisation);
  });
}

Task<Unit> PostgresStore::updateOrganisation(const core::Organisation &o) {
  return run<Unit>(sql::kUpdateOrganisation, {o.id, o.name.kk, o.name.ru, o.name.en, o.region},
                   [](const PgResult &r) -> core::Result<Unit> {
                     if (r.affectedRows() == 0) return ErrorCode::not_found;
                     return Unit{};
                   });
}

Task<std::vector<core::Organisation>> PostgresStore::listOrganisations() {
  return run<std::vector<core::Organisation>>(sql::kListOrganisations, {}, [](const PgResult &r) {
    return readAll<core::Organisation>(r, readOrganisation);
  });
}

Task<Unit> PostgresStore::createUser(const core::User &u) {
  core::UnitOfWork work;
  work.add(core::NewUser{u});
  return commit(work);
}

Task<core::User> PostgresStore::getUser(const std::string &id) {
  return findUser(sql::kGetUser, id);
}
Task<core::User> PostgresStore::findUserByEmail(const std::string &email) {
  return findUser(sql::kFindUserByEmail, email);
}

Task<std::vector<core::User>> PostgresStore::listUsers(const std::optional<std::string> &org) {
  auto read = [](const PgResult &r) { return readAll<core::User>(r, readUser); };
  if (org) return run<std::vector<core::User>>(sql::kListUsersOfOrganisation, {*org}, read);
  return run<std::vector<core::User>>(sql::kListUsers, {}, read);
}

Task<Unit> PostgresStore::updateUser(const core::User &u) {
  Params p = userFields(u);
  p.push_back(u.id);
  return run<Unit>(sql::kUpdateUser, std::move(p), [](const PgResult &r) -> Result<Unit> {
    if (r.affectedRows() == 0) return ErrorCode::not_found;
    return Unit{};
  });
}

Task<Unit> PostgresStore::updateProfile(const std::string &user_id, const std::string &display_name,
                                        core::Language language) {
  return run<Unit>(sql::kUpdateProfile,
                   {display_name, std::string(core::toString(language)), user_id},
                   [](const PgResult &r) -> Result<Unit> {
                     if (r.affectedRows() == 0) return ErrorCode::not_found;
                     return Unit{};
                   });
}

Task<bool> PostgresStore::recordFailedSignIn(const std::string &user_id, int max_failures,
                                             core::Time lock_until) {
  return run<bool>(sql::kRecordFailedSignIn,
                   {std::to_string(max_failures), millis(lock_until), user_id},
                   [](const PgResult &r) -> Result<bool> {
                     if (r.rows() == 0) return ErrorCode::not_found;
                     return r.text(0, 0) == "t";
                   });
}

Task<Unit> PostgresStore::setOnDuty(const std::string &user_id, bool on_duty) {
  return run<Unit>(sql::kSetOnDuty, {on_duty ? "true" : "false", user_id},
                   [](const PgResult &r) -> Result<Unit> {
                     if (r.affectedRows() == 0) return ErrorCode::not_found;
                     return Unit{};
                   });
}

Task<std::vector<core::User>> PostgresStore::listOnDuty() {
  return run<std::vector<core::User>>(
      sql::kListOnDuty, {}, [](const PgResult &r) { return readAll<core::User>(r, readUser); });
}

Task<Unit> PostgresStore::clearFailedSignIns(const std::string &user_id) {
  return run<Unit>(sql::kClearFailedSignIns, {user_id}, [](const PgResult &r) -> Result<Unit> {
    if (r.affectedRows() == 0) return ErrorCode::not_found;
    return Unit{};
  });
}

Task<std::vector<core::Mail>> PostgresStore::claimMail(core::Time now, core::Time lease_until,
                                                       int limit) {
  return run<std::vector<core::Mail>>(
      sql::kClaimMail, {millis(lease_until), millis(now), std::to_string(limit)},
      [now](const PgResult &r) -> Result<std::vector<core::Mail>> {
        std::vector<core::Mail> out;
        for (int i = 0; i < r.rows(); ++i) {
          auto kind = core::parseMailKind(r.text(i, 1));
          if (!kind) continue; // written by a newer version: left to it
          core::Mail m;
          m.id = r.text(i, 0);
          m.kind = *kind;
          m.recipient = r.text(i, 2);
          m.language = core::parseLanguage(r.text(i, 3)).value_or(core::Language::ru);
          m.params = decodeParams(r.text(i, 4));
          m.created_at = core::fromMillis(r.int64(i, 5));
          m.send_at = now;
          m.attempts = static_cast<int>(r.int64(i, 6));
          out.push_back(std::move(m));
        }
        return out;
      });
}

Task<Unit> PostgresStore::markMailSent(const std::string &id, core::Time at) {
  return run<Unit>(sql::kMailSent, {millis(at), id}, [](const PgResult &r) -> Result<Unit> {
    if (r.affectedRows() == 0) return ErrorCode::not_found;
    return Unit{};
  });
}

Task<Unit> PostgresStore::markMailFailed(const std::string &id, std::optional<core::Time> retry_at,
                                         core::Time at, const std::string &error) {
  return run<Unit>(retry_at ? sql::kMailRetry : sql::kMailGaveUp,
                   {millis(retry_at.value_or(at)), error, id},
                   [](const PgResult &r) -> Result<Unit> {
                     if (r.affectedRows() == 0) return ErrorCode::not_found;
                     return Unit{};
                   });
}

Task<std::int64_t> PostgresStore::pendingMail() {
  return run<std::int64_t>(sql::kPendingMail, {}, [](const PgResult &r) {
    return readOne<std::int64_t>(r, [](const PgResult &r, int i) { return r.int64(i, 0); });
  });
}

Task<core::AccountToken> PostgresStore::findAccountToken(const std::string &token_hash) {
  return run<core::AccountToken>(sql::kFindAccountToken, {token_hash}, [](const PgResult &r) {
    return readOne<core::AccountToken>(r, [](const PgResult &r, int i) {
      core::AccountToken t;
      t.token_hash = r.text(i, 0);
      t.purpose =
          core::parseTokenPurpose(r.text(i, 1)).value_or(core::TokenPurpose::password_reset);
      t.user_id = r.text(i, 2);
      t.created_at = core::fromMillis(r.int64(i, 3));
      t.expires_at = core::fromMillis(r.int64(i, 4));
      if (!r.isNull(i, 5)) t.used_at = core::fromMillis(r.int64(i, 5));
      return t;
    });
  });
}

Task<Unit> PostgresStore::createSession(const core::Session &s) {
  core::UnitOfWork work;
  work.add(core::NewSession{s});
  return commit(work);
}

Task<core::Session> PostgresStore::findSession(const std::string &token_hash, core::Time now) {
  return run<core::Session>(sql::kFindSession, {token_hash, millis(now)}, [](const PgResult &r) {
    return readOne<core::Session>(r, [](const PgResult &r, int i) {
      return core::Session{r.text(i, 0), r.text(i, 1), r.text(i, 2),
                           core::fromMillis(r.int64(i, 3)), core::fromMillis(r.int64(i, 4))};
    });
  });
}

Task<Unit> PostgresStore::deleteSession(const std::string &token_hash) {
  return command(sql::kDeleteSession, {token_hash});
}

Task<std::int64_t> PostgresStore::appendAudit(const core::AuditEvent &e) {
  return run<std::int64_t>(
      sql::kInsertAudit,
      {millis(e.at), e.actor_id, e.action, e.object_type, e.object_id, e.detail, e.ip},
      [](const PgResult &r) {
        return readOne<std::int64_t>(r, [](const PgResult &r, int i) { return r.int64(i, 0); });
      });
}

Task<std::vector<core::AuditEvent>> PostgresStore::listAudit(std::optional<std::int64_t> before_id,
                                                             int limit) {
  return run<std::vector<core::AuditEvent>>(
      sql::kListAudit, {std::to_string(before_id.value_or(INT64_MAX)), std::to_string(limit)},
      [](const PgResult &r) { return readAll<core::AuditEvent>(r, readAudit); });
}

Task<std::vector<core::AuditEvent>> PostgresStore::searchAudit(const core::AuditQuery &q) {
  Params p{std::to_string(q.before_id.value_or(INT64_MAX)),
           q.actor_id,
           q.action,
           q.object_id,
           q.from ? Param(millis(*q.from)) : Param(std::nullopt),
           q.to ? Param(millis(*q.to)) : Param(std::nullopt),
           std::to_string(q.limit)};
  return run<std::vector<core::AuditEvent>>(sql::kSearchAudit, std::move(p), [](const PgResult &r) {
    return readAll<core::AuditEvent>(r, readAudit);
  });
}

Task<std::vector<core::AuditEvent>> PostgresStore::auditAfter(std::int64_t after_id, int limit) {
  return run<std::vector<core::AuditEvent>>(
      sql::kAuditAfter, {std::to_string(after_id), std::to_string(limit)},
      [](const PgResult &r) { return readAll<core::AuditEvent>(r, readAudit); });
}

Task<std::optional<core::AuditEvent>> PostgresStore::lastSealedAudit() {
  return run<std::optional<core::AuditEvent>>(
      sql::kLastSealedAudit, {}, [](const PgResult &r) -> Result<std::optional<core::AuditEvent>> {
        if (r.rows() == 0) return std::optional<core::AuditEvent>();
        return std::optional<core::AuditEvent>(readAudit(r, 0));
      });
}

Task<Unit> PostgresStore::sealAudit(const std::vector<core::AuditSeal> &seals) {
  std::vector<storage::sql::Statement> statements;
  statements.reserve(seals.size());
  for (const auto &s : seals)
    statements.push_back(
        {sql::kSealAudit,
         {s.prev_id ? storage::sql::Value(*s.prev_id) : storage::sql::Value(), s.hash, s.id}});
  auto lease = co_await pool_.acquire();
  if (!lease) co_return lease.error();
  co_return co_await runStatements(**lease, statements);
}

Task<core::User> PostgresStore::findUser(const char *text, std::string value) {
  return run<core::User>(text, {std::move(value)},
                         [](const PgResult &r) { return readOne<core::User>(r, readUser); });
}

Task<int> PostgresStore::migrateAll() {
  auto lease = co_await pool_.acquire();
  if (!lease) co_return lease.error();
  PgConnection &conn = **lease;
  int applied = 0;
  for (const auto &m : postgresMigrations()) {
    auto done = co_await applyMigration(conn, std::string(m.name), std::string(m.data));
    if (!done && !conn.reusable()) {
      auto rolled_back = co_await conn.query(sql::kRollback);
      if (!rolled_back) conn.markBroken();
    }
    if (!done) co_return done.error();
    applied += *done ? 1 : 0;
  }
  co_return applied;
}

Task<bool> PostgresStore::applyMigration(PgConnection &conn, std::string name, std::string text) {
  for (const char *step : sql::kMigrationOpen) {
    auto r = co_await conn.query(step);
    if (!r) co_return r.error();
  }
  const Params version{name};
  auto seen = co_await conn.query(sql::kMigrationApplied, version);
  if (!seen) co_return seen.error();
  bool apply = seen->rows() == 0;
  if (apply) {
    auto r = co_await conn.script(text);
    if (!r) co_return r.error();
    r = co_await conn.query(sql::kRecordMigration, version);
    if (!r) co_return r.error();
  }
  auto committed = co_await conn.query(sql::kCommit);
  if (!committed) co_return committed.error();
  co_return apply;
}

core::Result<std::unique_ptr<Store>> openPostgresStore(asio::any_io_executor executor,
                                                       const std::string &conninfo, int pool_size) {
  char *message = nullptr;
  PQconninfoOption *options = PQconninfoParse(conninfo.c_str(), &message);
  if (!options) {
    std::string why = message ? message : "out of memory";
    PQfreemem(message);
    return Error::make(ErrorCode::unavailable, "postgres: bad connection string: " + why);
  }
  PQconninfoFree(options);
  return std::unique_ptr<Store>(
      std::make_unique<PostgresStore>(std::move(executor), conninfo, pool_size));
}

} // namespace kelisim::storage::postgres
