#include "storage/sqlite/sqlite_store.hpp"

#include "core/embedded.hpp"
#include "storage/list_codec.hpp"
#include "storage/sql/changes.hpp"
#include "storage/sqlite/page_cache.hpp"
#include "storage/sqlite/sqlite_store_impl.hpp"

#include <SQLiteCpp/Backup.h>
#include <sqlite3.h>

#include <mutex>

namespace kelisim::storage::sqlite {

using core::Error;
using core::ErrorCode;
using core::Result;

namespace sql {
// temp_store=MEMORY: each write job runs under its own SAVEPOINT inside the group commit, and
// SQLite keeps the pages a savepoint may roll back to in a statement journal; in a temporary
// file that was half of all the writes the server made (4 KiB per page per job).
// The writer does not checkpoint: a Checkpointer thread does, every 64 MiB of WAL (SQLite's
// default is 4 MiB). A checkpoint copies each page changed since the last one once, so a
// longer interval copies a busy page (an index's last leaf, a table's tail) once for many
// commits: 20-25 % more tickets/s under intake load, 20 % less CPU a ticket.
// journal_size_limit gives the space back after a checkpoint.
// cache_size=-65536 (64 MiB, the default is 2 MiB) for the writer: the indexes chat and intake
// write into stay in its cache instead of being read back from the file (pread was 7 % of the
// server's CPU under chat load). Readers keep the default: a commit invalidates their cache.
constexpr const char *kPragmas =
    "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; "
    "PRAGMA busy_timeout=5000; PRAGMA temp_store=MEMORY; "
    "PRAGMA journal_size_limit=67108864; PRAGMA cache_size=-65536;";
constexpr const char *kCreateMigrations =
    "CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY, applied_at "
    "INTEGER NOT NULL)";
constexpr const char *kMigrationApplied = "SELECT 1 FROM schema_migrations WHERE version = ?";
constexpr const char *kRecordMigration =
    "INSERT INTO schema_migrations (version, applied_at) VALUES (?, strftime('%s','now')*1000)";
constexpr const char *kListRegions =
    "SELECT code, kind, name_kk, name_ru, name_en FROM regions ORDER BY code";
constexpr const char *kInsertOrganisation =
    "INSERT INTO organisations (id, name_kk, name_ru, name_en, region, created_at) VALUES "
    "(?, ?, ?, ?, ?, ?)";
constexpr const char *kUpdateOrganisation =
    "UPDATE organisations SET name_kk = ?, name_ru = ?, name_en = ?, region = ? WHERE id = ?";
constexpr const char *kOrganisationColumns =
    "SELECT id, name_kk, name_ru, name_en, region, created_at FROM organisations";
constexpr const char *kUserColumns =
    "SELECT id, email, display_name, role, kinds, organisation_id, language, languages, "
    "categories, password_hash, failed_sign_ins, locked_until, created_at, deactivated_at, "
    "capacity, consent_version, consent_at FROM users";
constexpr const char *kUpdateUser =
    "UPDATE users SET display_name = ?, role = ?, kinds = ?, organisation_id = ?, language = "
    "?, languages = ?, categories = ?, capacity = ? WHERE id = ?";
constexpr const char *kUpdateProfile =
    "UPDATE users SET display_name = ?, language = ? WHERE id = ?";
// ?1 the most failures, ?2 locked until, ?3 the user.
constexpr const char *kRecordFailedSignIn =
    "UPDATE users SET failed_sign_ins = CASE WHEN failed_sign_ins + 1 >= ?1 THEN 0 ELSE "
    "failed_sign_ins + 1 END, locked_until = CASE WHEN failed_sign_ins + 1 >= ?1 THEN ?2 ELSE "
    "locked_until END WHERE id = ?3 RETURNING failed_sign_ins = 0";
constexpr const char *kClearFailedSignIns =
    "UPDATE users SET failed_sign_ins = 0, locked_until = NULL WHERE id = ?";
constexpr const char *kSetOnDuty = "UPDATE users SET on_duty = ? WHERE id = ?";
constexpr const char *kFindSession =
    "SELECT token_hash, user_id, csrf_token, created_at, expires_at FROM sessions WHERE "
    "token_hash = ? AND expires_at > ?";
constexpr const char *kDeleteSession = "DELETE FROM sessions WHERE token_hash = ?";
constexpr const char *kInsertAudit =
    "INSERT INTO audit_events (at, actor_id, action, object_type, object_id, detail, ip) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)";
// ?1 lease until, ?2 now, ?3 how many. The outer `next_attempt_at <= ?2` is checked again on
// each row as it is updated, so a mail claimed meanwhile by another worker is skipped.
constexpr const char *kClaimMail =
    "UPDATE outbox SET next_attempt_at = ?1, attempts = attempts + 1 WHERE id IN (SELECT id "
    "FROM outbox WHERE sent_at IS NULL AND gave_up_at IS NULL AND next_attempt_at <= ?2 ORDER "
    "BY next_attempt_at, id LIMIT ?3) AND next_attempt_at <= ?2 RETURNING id, kind, recipient, "
    "language, params, created_at, attempts";
constexpr const char *kMailSent = "UPDATE outbox SET sent_at = ?, last_error = NULL WHERE id = ?";
constexpr const char *kMailRetry =
    "UPDATE outbox SET next_attempt_at = ?, last_error = ? WHERE id = ?";
constexpr const char *kMailGaveUp = "UPDATE outbox SET gave_up_at = ?, last_error = ? WHERE id = ?";
constexpr const char *kPendingMail =
    "SELECT count(*) FROM outbox WHERE sent_at IS NULL AND gave_up_at IS NULL";
constexpr const char *kFindAccountToken =
    "SELECT t.token_hash, t.purpose, t.user_id, t.created_at, t.expires_at, u.used_at FROM "
    "account_tokens t LEFT JOIN account_token_uses u ON u.token_hash = t.token_hash WHERE "
    "t.token_hash = ?";
constexpr const char *kSearchAudit =
    "SELECT id, at, actor_id, action, object_type, object_id, detail, ip, prev_id, hash FROM "
    "audit_events WHERE id < ?1 AND (?2 IS NULL OR actor_id = ?2) AND (?3 IS NULL OR "
    "substr(action, 1, length(?3)) = ?3) AND (?4 IS NULL OR object_id = ?4) AND (?5 IS NULL OR "
    "at >= ?5) AND (?6 IS NULL OR at < ?6) ORDER BY id DESC LIMIT ?7";
constexpr const char *kAuditAfter =
    "SELECT id, at, actor_id, action, object_type, object_id, detail, ip, prev_id, hash FROM "
    "audit_events WHERE id > ? ORDER BY id LIMIT ?";
constexpr const char *kLastSealedAudit =
    "SELECT id, at, actor_id, action, object_type, object_id, detail, ip, prev_id, hash FROM "
    "audit_events WHERE hash IS NOT NULL ORDER BY id DESC LIMIT 1";
constexpr const char *kSealAudit =
    "UPDATE audit_events SET prev_id = ?, hash = ? WHERE id = ? AND hash IS NULL";
constexpr const char *kListAudit =
    "SELECT id, at, actor_id, action, object_type, object_id, detail, ip, prev_id, hash FROM "
    "audit_events "
    "WHERE id < ? ORDER BY id DESC LIMIT ?";
} // namespace sql

void bindOptional(SQLite::Statement &q, int index, const std::optional<std::string> &v) {
  if (v)
    q.bind(index, *v);
  else
    q.bind(index);
}
void bindOptional(SQLite::Statement &q, int index, const std::optional<core::Time> &v) {
  if (v)
    bindTime(q, index, *v);
  else
    q.bind(index);
}
void bindTime(SQLite::Statement &q, int index, core::Time t) {
  q.bind(index, static_cast<std::int64_t>(core::toMillis(t)));
}
std::optional<std::string> optionalText(SQLite::Statement &q, int column) {
  if (q.getColumn(column).isNull()) return std::nullopt;
  return q.getColumn(column).getString();
}
std::optional<core::Time> optionalTime(SQLite::Statement &q, int column) {
  if (q.getColumn(column).isNull()) return std::nullopt;
  return timeAt(q, column);
}
core::Time timeAt(SQLite::Statement &q, int column) {
  return core::fromMillis(q.getColumn(column).getInt64());
}

namespace {

core::Organisation readOrganisation(SQLite::Statement &q) {
  core::Organisation o;
  o.id = q.getColumn(0).getString();
  o.name = {q.getColumn(1).getString(), q.getColumn(2).getString(), q.getColumn(3).getString()};
  o.region = q.getColumn(4).getString();
  o.created_at = core::fromMillis(q.getColumn(5).getInt64());
  return o;
}

core::User readUser(SQLite::Statement &q) {
  core::User u;
  u.id = q.getColumn(0).getString();
  u.email = q.getColumn(1).getString();
  u.display_name = q.getColumn(2).getString();
  u.role = core::parseRole(q.getColumn(3).getString()).value_or(core::Role::citizen);
  u.kinds = decodeKinds(q.getColumn(4).getString());
  if (!q.getColumn(5).isNull()) u.organisation_id = q.getColumn(5).getString();
  u.language = core::parseLanguage(q.getColumn(6).getString()).value_or(core::Language::ru);
  u.languages = decodeLanguages(q.getColumn(7).getString());
  u.categories = decodeWords(q.getColumn(8).getString());
  u.password_hash = q.getColumn(9).getString();
  u.failed_sign_ins = q.getColumn(10).getInt();
  if (!q.getColumn(11).isNull()) u.locked_until = core::fromMillis(q.getColumn(11).getInt64());
  u.created_at = core::fromMillis(q.getColumn(12).getInt64());
  if (!q.getColumn(13).isNull()) u.deactivated_at = core::fromMillis(q.getColumn(13).getInt64());
  u.capacity = q.getColumn(14).getInt();
  u.consent_version = q.getColumn(15).getString();
  if (!q.getColumn(16).isNull()) u.consent_at = core::fromMillis(q.getColumn(16).getInt64());
  return u;
}

void bindUserFields(SQLite::Statement &q, int first, const core::User &u) {
  // display_name, role, kinds, organisation_id, language, languages, categories
  q.bind(first, u.display_name);
  q.bind(first + 1, std::string(core::toString(u.role)));
  q.bind(first + 2, encodeKinds(u.kinds));
  bindOptional(q, first + 3, u.organisation_id);
  q.bind(first + 4, std::string(core::toString(u.language)));
  q.bind(first + 5, encodeLanguages(u.languages));
  q.bind(first + 6, encodeWords(u.categories));
  q.bind(first + 7, u.capacity);
}

bool isUniqueViolation(const SQLite::Exception &e) {
  return e.getExtendedErrorCode() == SQLITE_CONSTRAINT_UNIQUE ||
         e.getExtendedErrorCode() == SQLITE_CONSTRAINT_PRIMARYKEY;
}

} // namespace

Error toError(const std::exception &e) {
  if (auto *s = dynamic_cast<const SQLite::Exception *>(&e)) {
    if (isUniqueViolation(*s)) return Error::make(ErrorCode::conflict, s->what());
    if (s->getErrorCode() == SQLITE_CONSTRAINT)
      return Error::make(ErrorCode::validation_failed, s->what());
  }
  return Error::make(ErrorCode::unavailable, e.what());
}

void run(Connection &db, const storage::sql::Statement &statement) {
  auto &q = db.prepare(statement.text);
  int index = 1;
  for (const auto &v : statement.params) {
    if (const auto *i = std::get_if<std::int64_t>(&v))
      q.bind(index, *i);
    else if (const auto *t = std::get_if<std::string>(&v))
      q.bind(index, *t);
    else
      q.bind(index);
    ++index;
  }
  while (q.executeStep()) {
  }
}

Task<Unit> SqliteStore::commit(const core::UnitOfWork &work) {
  auto statements = storage::sql::statementsOf(work);
  return write<Unit>([statements = std::move(statements)](Connection &db) -> Result<Unit> {
    for (const auto &s : statements) run(db, s);
    return Unit{};
  });
}

Task<int> SqliteStore::migrate() {
  return write<int>([](Connection &db) -> Result<int> {
    db.exec(sql::kCreateMigrations);
    int applied = 0;
    for (const auto &m : sqliteMigrations()) {
      SQLite::Statement &check = db.prepare(sql::kMigrationApplied);
      check.bind(1, std::string(m.name));
      if (check.executeStep()) continue;
      db.exec(std::string(m.data));
      SQLite::Statement &record = db.prepare(sql::kRecordMigration);
      record.bind(1, std::string(m.name));
      record.exec();
      ++applied;
    }
    return applied;
  });
}

Task<Unit> SqliteStore::ping() {
  return read<Unit>([](Connection &db) -> Result<Unit> {
    db.execAndGet("SELECT 1");
    return Unit{};
  });
}

Task<std::vector<core::Region>> SqliteStore::listRegions() {
  return read<std::vector<core::Region>>([](Connection &db) {
    SQLite::Statement &q = db.prepare(sql::kListRegions);
    std::vector<core::Region> out;
    while (q.executeStep())
      out.push_back(
          {q.getColumn(0).getString(),
           q.getColumn(1).getString(),
           {q.getColumn(2).getString(), q.getColumn(3).getString(), q.getColumn(4).getString()}});
    return Result<std::vector<core::Region>>(std::move(out));
  });
}

Task<Unit> SqliteStore::createOrganisation(const core::Organisation &org) {
  return write<Unit>([org](Connection &db) -> Result<Unit> {
    SQLite::Statement &q = db.prepare(sql::kInsertOrganisation);
    q.bind(1, org.id);
    q.bind(2, org.name.kk);
    q.bind(3, org.name.ru);
    q.bind(4, org.name.en);
    q.bind(5, org.region);
    q.bind(6, static_cast<std::int64_t>(core::toMillis(org.created_at)));
    q.exec();
    return Unit{};
  });
}

Task<core::Organisation> SqliteStore::getOrganisation(const std::string &id) {
  return read<core::Organisation>([id](Connection &db) -> Result<core::Organisation> {
    SQLite::Statement &q = db.prepare(std::string(sql::kOrganisationColumns) + " WHERE id = ?");
    q.bind(1, id);
    if (!q.executeStep()) return ErrorCode::not_found;
    return readOrganisation(q);
  });
}

Task<Unit> SqliteStore::updateOrganisation(const core::Organisation &org) {
  return write<Unit>([org](Connection &db) -> Result<Unit> {
    SQLite::Statement &q = db.prepare(sql::kUpdateOrganisation);
    q.bind(1, org.name.kk);
    q.bind(2, org.name.ru);
    q.bind(3, org.name.en);
    q.bind(4, org.region);
    q.bind(5, org.id);
    if (q.exec() == 0) return ErrorCode::not_found;
    return Unit{};
  });
}

Task<std::vector<core::Organisation>> SqliteStore::listOrganisations() {
  return read<std::vector<core::Organisation>>([](Connection &db) {
    SQLite::Statement &q =
        db.prepare(std::string(sql::kOrganisationColumns) + " ORDER BY created_at, id");
    std::vector<core::Organisation> out;
    while (q.executeStep()) out.push_back(readOrganisation(q));
    return Result<std::vector<core::Organisation>>(std::move(out));
  });
}

Task<Unit> SqliteStore::createUser(const core::User &user) {
  core::UnitOfWork work;
  work.add(core::NewUser{user});
  return commit(work);
}

Task<core::User> SqliteStore::getUser(const std::string &id) {
  return findUser("id", id);
}
Task<core::User> SqliteStore::findUserByEmail(const std::string &email) {
  return findUser("email", email);
}

Task<std::vector<core::User>> SqliteStore::listUsers(const std::optional<std::string> &org) {
  return read<std::vector<core::User>>([org](Connection &db) {
    std::string text = sql::kUserColumns;
    text += org ? " WHERE organisation_id = ? ORDER BY created_at, id" : " ORDER BY created_at, id";
    SQLite::Statement &q = db.prepare(text);
    if (org) q.bind(1, *org);
    std::vector<core::User> out;
    while (q.executeStep()) out.push_back(readUser(q));
    return Result<std::vector<core::User>>(std::move(out));
  });
}

Task<Unit> SqliteStore::updateUser(const core::User &user) {
  return write<Unit>([user](Connection &db) -> Result<Unit> {
    SQLite::Statement &q = db.prepare(sql::kUpdateUser);
    bindUserFields(q, 1, user);
    q.bind(9, user.id);
    if (q.exec() == 0) return ErrorCode::not_found;
    return Unit{};
  });
}

Task<Unit> SqliteStore::updateProfile(const std::string &user_id, const std::string &display_name,
                                      core::Language language) {
  return write<Unit>([user_id, display_name, language](Connection &db) -> Result<Unit> {
    SQLite::Statement &q = db.prepare(sql::kUpdateProfile);
    q.bind(1, display_name);
    q.bind(2, std::string(core::toString(language)));
    q.bind(3, user_id);
    if (q.exec() == 0) return ErrorCode::not_found;
    return Unit{};
  });
}

Task<bool> SqliteStore::recordFailedSignIn(const std::string &user_id, int max_failures,
                                           core::Time lock_until) {
  return write<bool>([user_id, max_failures, lock_until](Connection &db) -> Result<bool> {
    SQLite::Statement &q = db.prepare(sql::kRecordFailedSignIn);
    q.bind(1, max_failures);
    q.bind(2, static_cast<std::int64_t>(core::toMillis(lock_until)));
    q.bind(3, user_id);
    if (!q.executeStep()) return ErrorCode::not_found;
    const bool locked = q.getColumn(0).getInt() != 0;
    while (q.executeStep()) {
    }
    return locked;
  });
}

Task<Unit> SqliteStore::setOnDuty(const std::string &user_id, bool on_duty) {
  return write<Unit>([user_id, on_duty](Connection &db) -> Result<Unit> {
    SQLite::Statement &q = db.prepare(sql::kSetOnDuty);
    q.bind(1, on_duty ? 1 : 0);
    q.bind(2, user_id);
    if (q.exec() == 0) return ErrorCode::not_found;
    return Unit{};
  });
}

Task<std::vector<core::User>> SqliteStore::listOnDuty() {
  return read<std::vector<core::User>>([](Connection &db) -> Result<std::vector<core::User>> {
    SQLite::Statement &q =
        db.prepare(std::string(sql::kUserColumns) + " WHERE on_duty = 1 ORDER BY id");
    std::vector<core::User> out;
    while (q.executeStep()) out.push_back(readUser(q));
    return out;
  });
}

Task<Unit> SqliteStore::clearFailedSignIns(const std::string &user_id) {
  return write<Unit>([user_id](Connection &db) -> Result<Unit> {
    SQLite::Statement &q = db.prepare(sql::kClearFailedSignIns);
    q.bind(1, user_id);
    if (q.exec() == 0) return ErrorCode::not_found;
    return Unit{};
  });
}

Task<std::vector<core::Mail>> SqliteStore::claimMail(core::Time now, core::Time lease_until,
                                                     int limit) {
  return write<std::vector<core::Mail>>(
      [now, lease_until, limit](Connection &db) -> Result<std::vector<core::Mail>> {
        SQLite::Statement &q = db.prepare(sql::kClaimMail);
        bindTime(q, 1, lease_until);
        bindTime(q, 2, now);
        q.bind(3, limit);
        std::vector<core::Mail> out;
        while (q.executeStep()) {
          core::Mail m;
          m.id = q.getColumn(0).getString();
          auto kind = core::parseMailKind(q.getColumn(1).getString());
          m.recipient = q.getColumn(2).getString();
          m.language = core::parseLanguage(q.getColumn(3).getString()).value_or(core::Language::ru);
          m.params = decodeParams(q.getColumn(4).getString());
          m.created_at = timeAt(q, 5);
          m.send_at = now;
          m.attempts = q.getColumn(6).getInt();
          if (!kind) continue; // written by a newer version: left to it
          m.kind = *kind;
          out.push_back(std::move(m));
        }
        return out;
      });
}

Task<Unit> SqliteStore::markMailSent(const std::string &id, core::Time at) {
  return write<Unit>([id, at](Connection &db) -> Result<Unit> {
    SQLite::Statement &q = db.prepare(sql::kMailSent);
    bindTime(q, 1, at);
    q.bind(2, id);
    if (q.exec() == 0) return ErrorCode::not_found;
    return Unit{};
  });
}

Task<Unit> SqliteStore::markMailFailed(const std::string &id, std::optional<core::Time> retry_at,
                                       core::Time at, const std::string &error) {
  return write<Unit>([id, retry_at, at, error](Connection &db) -> Result<Unit> {
    SQLite::Statement &q = db.prepare(retry_at ? sql::kMailRetry : sql::kMailGaveUp);
    bindTime(q, 1, retry_at.value_or(at));
    q.bind(2, error);
    q.bind(3, id);
    if (q.exec() == 0) return ErrorCode::not_found;
    return Unit{};
  });
}

Task<std::int64_t> SqliteStore::pendingMail() {
  return read<std::int64_t>([](Connection &db) -> Result<std::int64_t> {
    SQLite::Statement &q = db.prepare(sql::kPendingMail);
    q.executeStep();
    return q.getColumn(0).getInt64();
  });
}

Task<core::AccountToken> SqliteStore::findAccountToken(const std::string &token_hash) {
  return read<core::AccountToken>([token_hash](Connection &db) -> Result<core::AccountToken> {
    SQLite::Statement &q = db.prepare(sql::kFindAccountToken);
    q.bind(1, token_hash);
    if (!q.executeStep()) return ErrorCode::not_found;
    core::AccountToken t;
    t.token_hash = q.getColumn(0).getString();
    t.purpose = core::parseTokenPurpose(q.getColumn(1).getString())
                    .value_or(core::TokenPurpose::password_reset);
    t.user_id = q.getColumn(2).getString();
    t.created_at = timeAt(q, 3);
    t.expires_at = timeAt(q, 4);
    t.used_at = optionalTime(q, 5);
    return t;
  });
}

Task<Unit> SqliteStore::createSession(const core::Session &s) {
  core::UnitOfWork work;
  work.add(core::NewSession{s});
  return commit(work);
}

Task<core::Session> SqliteStore::findSession(const std::string &token_hash, core::Time now) {
  return read<core::Session>([token_hash, now](Connection &db) -> Result<core::Session> {
    SQLite::Statement &q = db.prepare(sql::kFindSession);
    q.bind(1, token_hash);
    q.bind(2, static_cast<std::int64_t>(core::toMillis(now)));
    if (!q.executeStep()) return ErrorCode::not_found;
    return core::Session{q.getColumn(0).getString(), q.getColumn(1).getString(),
                         q.getColumn(2).getString(), core::fromMillis(q.getColumn(3).getInt64()),
                         core::fromMillis(q.getColumn(4).getInt64())};
  });
}

Task<Unit> SqliteStore::deleteSession(const std::string &token_hash) {
  return write<Unit>([token_hash](Connection &db) -> Result<Unit> {
    SQLite::Statement &q = db.prepare(sql::kDeleteSession);
    q.bind(1, token_hash);
    q.exec();
    return Unit{};
  });
}

Task<std::int64_t> SqliteStore::appendAudit(const core::AuditEvent &e) {
  return write<std::int64_t>([e](Connection &db) -> Result<std::int64_t> {
    SQLite::Statement &q = db.prepare(sql::kInsertAudit);
    q.bind(1, static_cast<std::int64_t>(core::toMillis(e.at)));
    bindOptional(q, 2, e.actor_id);
    q.bind(3, e.action);
    q.bind(4, e.object_type);
    q.bind(5, e.object_id);
    q.bind(6, e.detail);
    q.bind(7, e.ip);
    q.exec();
    return static_cast<std::int64_t>(db.getLastInsertRowid());
  });
}

namespace {
core::AuditEvent readAuditRow(SQLite::Statement &q) {
  core::AuditEvent e;
  e.id = q.getColumn(0).getInt64();
  e.at = core::fromMillis(q.getColumn(1).getInt64());
  if (!q.getColumn(2).isNull()) e.actor_id = q.getColumn(2).getString();
  e.action = q.getColumn(3).getString();
  e.object_type = q.getColumn(4).getString();
  e.object_id = q.getColumn(5).getString();
  e.detail = q.getColumn(6).getString();
  e.ip = q.getColumn(7).getString();
  if (!q.getColumn(8).isNull()) e.prev_id = q.getColumn(8).getInt64();
  if (!q.getColumn(9).isNull()) e.hash = q.getColumn(9).getString();
  return e;
}
} // namespace

Task<std::vector<core::AuditEvent>> SqliteStore::searchAudit(const core::AuditQuery &query) {
  return read<std::vector<core::AuditEvent>>(
      [query](Connection &db) -> Result<std::vector<core::AuditEvent>> {
        SQLite::Statement &q = db.prepare(sql::kSearchAudit);
        q.bind(1, static_cast<std::int64_t>(query.before_id.value_or(INT64_MAX)));
        bindOptional(q, 2, query.actor_id);
        bindOptional(q, 3, query.action);
        bindOptional(q, 4, query.object_id);
        bindOptional(q, 5, query.from);
        bindOptional(q, 6, query.to);
        q.bind(7, query.limit);
        std::vector<core::AuditEvent> out;
        while (q.executeStep()) out.push_back(readAuditRow(q));
        return out;
      });
}

Task<std::vector<core::AuditEvent>> SqliteStore::auditAfter(std::int64_t after_id, int limit) {
  return read<std::vector<core::AuditEvent>>(
      [after_id, limit](Connection &db) -> Result<std::vector<core::AuditEvent>> {
        SQLite::Statement &q = db.prepare(sql::kAuditAfter);
        q.bind(1, after_id);
        q.bind(2, limit);
        std::vector<core::AuditEvent> out;
        while (q.executeStep()) out.push_back(readAuditRow(q));
        return out;
      });
}

Task<std::optional<core::AuditEvent>> SqliteStore::lastSealedAudit() {
  return read<std::optional<core::AuditEvent>>(
      [](Connection &db) -> Result<std::optional<core::AuditEvent>> {
        SQLite::Statement &q = db.prepare(sql::kLastSealedAudit);
        if (!q.executeStep()) return std::optional<core::AuditEvent>();
        auto e = readAuditRow(q);
        while (q.executeStep()) {
        }
        return std::optional<core::AuditEvent>(std::move(e));
      });
}

Task<Unit> SqliteStore::sealAudit(const std::vector<core::AuditSeal> &seals) {
  return write<Unit>([seals](Connection &db) -> Result<Unit> {
    for (const auto &s : seals) {
      SQLite::Statement &q = db.prepare(sql::kSealAudit);
      if (s.prev_id)
        q.bind(1, *s.prev_id);
      else
        q.bind(1);
      q.bind(2, s.hash);
      q.bind(3, s.id);
      q.exec();
      q.reset();
    }
    return Unit{};
  });
}

Task<std::vector<core::AuditEvent>> SqliteStore::listAudit(std::optional<std::int64_t> before_id,
                                                           int limit) {
  return read<std::vector<core::AuditEvent>>([before_id, limit](Connection &db) {
    SQLite::Statement &q = db.prepare(sql::kListAudit);
    q.bind(1, static_cast<std::int64_t>(before_id.value_or(INT64_MAX)));
    q.bind(2, limit);
    std::vector<core::AuditEvent> out;
    while (q.executeStep()) out.push_back(readAuditRow(q));
    return Result<std::vector<core::AuditEvent>>(std::move(out));
  });
}

Task<core::User> SqliteStore::findUser(const char *column, std::string value) {
  return read<core::User>([column, value](Connection &db) -> Result<core::User> {
    SQLite::Statement &q = db.prepare(std::string(sql::kUserColumns) + " WHERE " + column + " = ?");
    q.bind(1, value);
    if (!q.executeStep()) return ErrorCode::not_found;
    return readUser(q);
  });
}

namespace {

// SQLite's process-wide settings, made before its first use in the process (later it refuses
// them and keeps its defaults): the page cache wrapper (page_cache.hpp), and no memory
// statistics — with them every sqlite3_malloc and sqlite3_free took a global mutex to count
// bytes no one reads (2-3 % of the server's CPU under intake).
void configureSqlite() {
  static std::once_flag once;
  std::call_once(once, [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    installPageCache();
  });
}

} // namespace

core::Result<std::unique_ptr<Store>> openSqliteStore(const std::string &path,
                                                     boost::asio::any_io_executor completions) {
  configureSqlite();
  try {
    Connection db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE, 5000);
    db.exec(sql::kPragmas);
    return std::unique_ptr<Store>(
        std::make_unique<SqliteStore>(path, std::move(db), std::move(completions)));
  } catch (const std::exception &e) {
    return Error::make(ErrorCode::unavailable, e.what());
  }
}

core::Status backupSqlite(const std::string &source, const std::string &destination) {
  try {
    SQLite::Database src(source, SQLite::OPEN_READONLY, 5000);
    SQLite::Database dst(destination, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    SQLite::Backup backup(dst, src);
    backup.executeStep(); // all pages at once: a consistent snapshot
    return core::okStatus();
  } catch (const std::exception &e) {
    return Error::make(ErrorCode::unavailable, e.what());
  }
}

} // namespace kelisim::storage::sqlite
