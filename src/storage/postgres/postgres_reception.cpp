// PostgresStore's virtual receptions (issue 3). A multi-statement write runs in one
// transaction on one leased connection and first locks the row it decides on (the ticket for
// seats, the room for messages and closing) with SELECT … FOR NO KEY UPDATE: two instances
// sharing the database never give one seat twice nor one seq twice.

#include "storage/figure_tally_codec.hpp"
#include "storage/list_codec.hpp"
#include "storage/postgres/postgres_store_impl.hpp"
#include "storage/sql/changes.hpp"
#include "storage/sql/figure_days.hpp"
#include "storage/sql/statement.hpp"

namespace kelisim::storage::postgres {

using core::Error;
using core::ErrorCode;
using core::Result;
namespace rc = core::reception;

namespace sql {
constexpr const char *kBegin = "BEGIN";
constexpr const char *kCommit = "COMMIT";
constexpr const char *kRollback = "ROLLBACK";

constexpr const char *kListCategories = "SELECT code FROM categories ORDER BY code";
constexpr const char *kInsertCategory = "INSERT INTO categories (code) VALUES ($1)";

// The editable fields come first: $1..$14 of both insert and update.
constexpr const char *kInsertReception =
    "INSERT INTO receptions (title_kk, title_ru, title_en, description_kk, description_ru, "
    "description_en, starts_at, ends_at, categories, channels, hours, holidays, slot_minutes, "
    "closed_at, id, organisation_id, kind, created_by, created_at) VALUES "
    "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)";
constexpr const char *kUpdateReception =
    "UPDATE receptions SET title_kk = $1, title_ru = $2, title_en = $3, description_kk = $4, "
    "description_ru = $5, description_en = $6, starts_at = $7, ends_at = $8, categories = $9, "
    "channels = $10, hours = $11, holidays = $12, slot_minutes = $13, closed_at = $14 "
    "WHERE id = $15";
#define KELISIM_RECEPTION_COLUMNS                                                                  \
  "SELECT id, organisation_id, kind, title_kk, title_ru, title_en, description_kk, "               \
  "description_ru, description_en, starts_at, ends_at, categories, channels, hours, holidays, "    \
  "slot_minutes, closed_at, created_by, created_at FROM receptions"
constexpr const char *kGetReception = KELISIM_RECEPTION_COLUMNS " WHERE id = $1";
constexpr const char *kListReceptions =
    KELISIM_RECEPTION_COLUMNS " WHERE ends_at > $1 AND (closed_at IS NULL OR closed_at >= $1) "
                              "ORDER BY starts_at, id";
constexpr const char *kListReceptionsOf =
    KELISIM_RECEPTION_COLUMNS " WHERE ends_at > $1 AND (closed_at IS NULL OR closed_at >= $1) "
                              "AND organisation_id = $2 ORDER BY starts_at, id";
constexpr const char *kGetPermanentLine =
    KELISIM_RECEPTION_COLUMNS " WHERE organisation_id = $1 AND kind = 'permanent'";
#undef KELISIM_RECEPTION_COLUMNS

constexpr const char *kLockReception = "SELECT 1 FROM receptions WHERE id = $1 FOR NO KEY UPDATE";
constexpr const char *kDeleteRoster = "DELETE FROM duty_shifts WHERE reception_id = $1";
constexpr const char *kInsertShift =
    "INSERT INTO duty_shifts (reception_id, specialist_id, kinds, from_at, to_at) VALUES "
    "($1, $2, $3, $4, $5)";
constexpr const char *kListRoster =
    "SELECT reception_id, specialist_id, kinds, from_at, to_at FROM duty_shifts "
    "WHERE reception_id = $1 ORDER BY from_at, specialist_id";
constexpr const char *kListShiftsOf =
    "SELECT reception_id, specialist_id, kinds, from_at, to_at FROM duty_shifts "
    "WHERE specialist_id = $1 AND to_at > $2 ORDER BY from_at, reception_id";

constexpr const char *kInsertSeat =
    "INSERT INTO ticket_seats (ticket_id, position, kind, specialist_id, joined_at) VALUES "
    "($1, $2, $3, $4, $5)";
// Tickets chosen by a filter (spliced in), each with its seats in order: one row per seat.
constexpr const char *kTicketsHead =
    "SELECT t.id, t.reception_id, t.organisation_id, t.citizen_id, t.region, t.language, "
    "t.category, t.description, t.channel, t.contact, t.priority, t.status, t.slot_at, "
    "t.secret_hash, t.room_id, t.created_at, t.served_at, t.ended_at, s.kind, s.specialist_id, "
    "s.joined_at, t.consent_version, t.consent_at, t.erased_at FROM (SELECT * FROM tickets WHERE ";
constexpr const char *kTicketsTail =
    " ORDER BY created_at, id LIMIT $%) t LEFT JOIN ticket_seats s "
    "ON s.ticket_id = t.id ORDER BY t.created_at, t.id, s.position";
constexpr const char *kTransitionTicket =
    "UPDATE tickets SET status = $1, reception_id = $2, ended_at = $3, priority = $4 "
    "WHERE id = $5 AND status IN (";
constexpr const char *kTicketExists = "SELECT 1 FROM tickets WHERE id = $1";
constexpr const char *kLockTicket =
    "SELECT status, room_id, reception_id, organisation_id, citizen_id FROM tickets "
    "WHERE id = $1 FOR NO KEY UPDATE";
constexpr const char *kSeatHolder =
    "SELECT specialist_id FROM ticket_seats WHERE ticket_id = $1 AND kind = $2";
constexpr const char *kInsertRoomForTicket =
    "INSERT INTO rooms (id, ticket_id, reception_id, organisation_id, created_at) VALUES "
    "($1, $2, $3, $4, $5)";
constexpr const char *kSetTicketRoom = "UPDATE tickets SET room_id = $1 WHERE id = $2";
constexpr const char *kTakeSeat = "UPDATE ticket_seats SET specialist_id = $1, joined_at = $2 "
                                  "WHERE ticket_id = $3 AND kind = $4";
constexpr const char *kTicketInRoom =
    "UPDATE tickets SET status = 'in_room', served_at = COALESCE(served_at, $1) WHERE id = $2";
constexpr const char *kFreeSeat = "UPDATE ticket_seats SET specialist_id = NULL, joined_at = NULL "
                                  "WHERE ticket_id = $1 AND kind = $2";
constexpr const char *kWaitAgainIfNobodyLeft =
    "UPDATE tickets SET status = 'waiting' WHERE id = $1 AND status = 'in_room' AND NOT EXISTS "
    "(SELECT 1 FROM ticket_seats WHERE ticket_id = $1 AND specialist_id IS NOT NULL)";
constexpr const char *kNextSeatPosition =
    "SELECT COALESCE(MAX(position), -1) + 1 FROM ticket_seats WHERE ticket_id = $1";

#define KELISIM_ROOM_COLUMNS                                                                       \
  "r.id, r.ticket_id, r.reception_id, r.organisation_id, r.created_at, r.closed_at, r.outcome, "   \
  "r.summary, r.duration_seconds, r.last_seq"
constexpr const char *kGetRoom = "SELECT " KELISIM_ROOM_COLUMNS " FROM rooms r WHERE r.id = $1";
constexpr const char *kListRoomsOf =
    "SELECT " KELISIM_ROOM_COLUMNS " FROM rooms r JOIN room_members m ON m.room_id = r.id "
    "WHERE m.user_id = $1 AND m.left_at IS NULL ORDER BY r.created_at DESC, r.id DESC";
constexpr const char *kListOpenRoomsOf =
    "SELECT " KELISIM_ROOM_COLUMNS " FROM rooms r JOIN room_members m ON m.room_id = r.id "
    "WHERE m.user_id = $1 AND m.left_at IS NULL AND r.closed_at IS NULL "
    "ORDER BY r.created_at DESC, r.id DESC";
constexpr const char *kListOpenRooms =
    "SELECT " KELISIM_ROOM_COLUMNS " FROM rooms r WHERE r.reception_id = $1 AND r.closed_at IS "
    "NULL ORDER BY r.created_at, r.id";
#undef KELISIM_ROOM_COLUMNS
constexpr const char *kInsertRoom =
    "INSERT INTO rooms (id, ticket_id, reception_id, organisation_id, created_at, closed_at, "
    "outcome, summary, duration_seconds, last_seq) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
    "$10)";
constexpr const char *kUpsertMember =
    "INSERT INTO room_members (room_id, user_id, kind, joined_at, left_at, last_read_seq) "
    "SELECT $1, $2, $3::text, $4::bigint, NULL, $5::bigint WHERE EXISTS "
    "(SELECT 1 FROM rooms WHERE id = $1) "
    "ON CONFLICT (room_id, user_id) DO UPDATE SET kind = excluded.kind, left_at = NULL";
constexpr const char *kLeaveRoom = "UPDATE room_members SET left_at = COALESCE(left_at, $1) "
                                   "WHERE room_id = $2 AND user_id = $3";
constexpr const char *kListMembers =
    "SELECT room_id, user_id, kind, joined_at, left_at, last_read_seq FROM room_members "
    "WHERE room_id = $1 ORDER BY joined_at, user_id";
constexpr const char *kListCallRecords =
    "SELECT room_id, at, kind, user_id, detail FROM call_records WHERE room_id = $1 ORDER BY id";
constexpr const char *kMarkRead = "UPDATE room_members SET last_read_seq = GREATEST(last_read_seq, "
                                  "$1) WHERE room_id = $2 AND user_id = $3";
constexpr const char *kLockRoomForClosing =
    "SELECT ticket_id, closed_at FROM rooms WHERE id = $1 FOR NO KEY UPDATE";
constexpr const char *kCloseRoom =
    "UPDATE rooms SET closed_at = $1, outcome = $2, summary = $3, duration_seconds = $4 "
    "WHERE id = $5";
constexpr const char *kCloseTicket =
    "UPDATE tickets SET status = 'closed', ended_at = $1 WHERE id = $2";

constexpr const char *kLockRoomSeq = "SELECT last_seq FROM rooms WHERE id = $1 FOR NO KEY UPDATE";
#define KELISIM_MESSAGE_COLUMNS                                                                    \
  "SELECT room_id, seq, sender_id, client_id, kind, body, attachment_id, at FROM messages"
constexpr const char *kFindResend = KELISIM_MESSAGE_COLUMNS
    " WHERE room_id = $1 AND sender_id = $2 AND client_id = $3 AND client_id <> ''";
constexpr const char *kListMessages =
    KELISIM_MESSAGE_COLUMNS " WHERE room_id = $1 AND seq > $2 ORDER BY seq LIMIT $3";
#undef KELISIM_MESSAGE_COLUMNS
constexpr const char *kInsertMessage =
    "INSERT INTO messages (room_id, seq, sender_id, client_id, kind, body, attachment_id, at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
constexpr const char *kSetLastSeq = "UPDATE rooms SET last_seq = $1 WHERE id = $2";

constexpr const char *kInsertNote =
    "INSERT INTO notes (id, room_id, author_id, body, at) VALUES ($1, $2, $3, $4, $5)";
constexpr const char *kListNotes =
    "SELECT id, room_id, author_id, body, at FROM notes WHERE room_id = $1 ORDER BY at, id";
constexpr const char *kInsertAttachment =
    "INSERT INTO attachments (id, room_id, uploader_id, file_name, content_type, size, at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7)";
constexpr const char *kGetAttachment =
    "SELECT id, room_id, uploader_id, file_name, content_type, size, at FROM attachments "
    "WHERE id = $1";
constexpr const char *kRoomAttachments =
    "SELECT COUNT(*), COALESCE(SUM(size), 0) FROM attachments WHERE room_id = $1";
constexpr const char *kAttachmentsBy =
    "SELECT COUNT(*), COALESCE(SUM(size), 0) FROM attachments WHERE uploader_id = $1 AND at >= "
    "$2";

constexpr const char *kInsertFeedback =
    "INSERT INTO feedback (ticket_id, reception_id, organisation_id, rating, comment, proposal, "
    "at) VALUES ($1, $2, $3, $4, $5, $6, $7)";
#define KELISIM_FEEDBACK_COLUMNS                                                                   \
  "SELECT ticket_id, reception_id, organisation_id, rating, comment, proposal, at FROM feedback"
constexpr const char *kGetFeedback = KELISIM_FEEDBACK_COLUMNS " WHERE ticket_id = $1";
constexpr const char *kListProposals = KELISIM_FEEDBACK_COLUMNS
    " WHERE organisation_id = $1 AND proposal <> '' ORDER BY at DESC, ticket_id DESC";
constexpr const char *kListComments = KELISIM_FEEDBACK_COLUMNS
    " WHERE reception_id = $1 AND comment <> '' AND ($2::bigint IS NULL OR at < $2::bigint OR "
    "(at = $2::bigint AND ticket_id < $3)) ORDER BY at DESC, ticket_id DESC LIMIT $4";
#undef KELISIM_FEEDBACK_COLUMNS

// One row per seat (kind in the last column); filters are spliced in before the ORDER BY.
// The rating and the kinds are looked up per ticket: joined, the planner hashes the whole of
// feedback and ticket_seats even for a few days' tickets (230 ms instead of 20 at 1,000,000).
constexpr const char *kConsultationsHead =
    "SELECT t.id, t.reception_id, t.organisation_id, t.region, t.language, t.category, "
    "t.channel, t.status, t.created_at, t.served_at, t.ended_at, r.outcome, "
    "COALESCE(r.duration_seconds, 0), "
    "(SELECT f.rating FROM feedback f WHERE f.ticket_id = t.id), "
    "(SELECT string_agg(s.kind, ',' ORDER BY s.position) FROM ticket_seats s "
    "WHERE s.ticket_id = t.id), "
    "(SELECT COUNT(*) FILTER (WHERE c.kind = 'started') || ',' || "
    "COALESCE(SUM(CAST(NULLIF(c.detail, '') AS BIGINT)) FILTER (WHERE c.kind = 'ended'), 0) || "
    "',' || COUNT(*) FILTER (WHERE c.kind = 'mode' AND c.detail NOT LIKE 'video%' AND "
    "c.detail NOT LIKE '%:chosen' AND c.detail NOT LIKE '%:recovered') || ',' || "
    "COUNT(*) FILTER (WHERE c.kind = 'callback') || ',' || "
    "COUNT(*) FILTER (WHERE c.kind = 'relayed') FROM call_records c WHERE c.room_id = r.id) "
    "FROM tickets t LEFT JOIN rooms r ON r.ticket_id = t.id "
    "WHERE (r.id IS NOT NULL OR t.status IN ('closed', 'no_show', 'abandoned')) "
    "AND t.created_at >= $1 AND t.created_at < $2";
constexpr const char *kConsultationsTail = " ORDER BY t.created_at, t.id";
} // namespace sql

namespace {

std::string str(std::string_view v) {
  return std::string(v);
}
std::string number(std::int64_t v) {
  return std::to_string(v);
}
template <typename E> Param optionalWord(const std::optional<E> &v) {
  if (!v) return std::nullopt;
  return str(toString(*v));
}
core::Time timeAt(const PgResult &r, int i, int column) {
  return core::fromMillis(r.int64(i, column));
}
std::optional<core::Time> optionalTime(const PgResult &r, int i, int column) {
  if (r.isNull(i, column)) return std::nullopt;
  return timeAt(r, i, column);
}
// "$n" placeholders for `count` values from `first` on, comma-separated.
std::string placeholders(int first, std::size_t count) {
  std::string out;
  for (std::size_t i = 0; i < count; ++i)
    out += (i ? ", $" : "$") + std::to_string(first + static_cast<int>(i));
  return out;
}

rc::Reception readReception(const PgResult &r, int i) {
  rc::Reception x;
  x.id = r.text(i, 0);
  x.organisation_id = r.text(i, 1);
  x.kind = rc::parseReceptionKind(r.text(i, 2)).value_or(rc::ReceptionKind::event);
  x.title = {r.text(i, 3), r.text(i, 4), r.text(i, 5)};
  x.description = {r.text(i, 6), r.text(i, 7), r.text(i, 8)};
  x.starts_at = timeAt(r, i, 9);
  x.ends_at = timeAt(r, i, 10);
  x.categories = decodeWords(r.text(i, 11));
  x.channels = decodeChannels(r.text(i, 12));
  x.hours = decodeHours(r.text(i, 13));
  x.holidays = decodeWords(r.text(i, 14));
  x.slot_minutes = static_cast<int>(r.int64(i, 15));
  x.closed_at = optionalTime(r, i, 16);
  x.created_by = r.text(i, 17);
  x.created_at = timeAt(r, i, 18);
  return x;
}

// title … closed_at: $1..$14 of kInsertReception and kUpdateReception.
Params receptionFields(const rc::Reception &x) {
  return {x.title.kk,
          x.title.ru,
          x.title.en,
          x.description.kk,
          x.description.ru,
          x.description.en,
          millis(x.starts_at),
          millis(x.ends_at),
          encodeWords(x.categories),
          encodeChannels(x.channels),
          encodeHours(x.hours),
          encodeWords(x.holidays),
          number(x.slot_minutes),
          millis(x.closed_at)};
}

rc::DutyShift readShift(const PgResult &r, int i) {
  return {r.text(i, 0), r.text(i, 1), decodeKinds(r.text(i, 2)), timeAt(r, i, 3), timeAt(r, i, 4)};
}

// Rows of kTicketsHead…kTicketsTail: consecutive rows of one ticket carry its seats.
std::vector<rc::Ticket> readTickets(const PgResult &r) {
  std::vector<rc::Ticket> out;
  for (int i = 0; i < r.rows(); ++i) {
    std::string id = r.text(i, 0);
    if (out.empty() || out.back().id != id) {
      rc::Ticket t;
      t.id = std::move(id);
      t.reception_id = r.text(i, 1);
      t.organisation_id = r.text(i, 2);
      t.citizen_id = r.optionalText(i, 3);
      t.region = r.text(i, 4);
      t.language = core::parseLanguage(r.text(i, 5)).value_or(core::Language::ru);
      t.category = r.text(i, 6);
      t.description = r.text(i, 7);
      t.channel = rc::parseChannel(r.text(i, 8)).value_or(rc::Channel::chat);
      t.contact = r.optionalText(i, 9);
      t.priority = static_cast<int>(r.int64(i, 10));
      t.status = rc::parseTicketStatus(r.text(i, 11)).value_or(rc::TicketStatus::waiting);
      t.slot_at = optionalTime(r, i, 12);
      t.secret_hash = r.text(i, 13);
      t.room_id = r.optionalText(i, 14);
      t.created_at = timeAt(r, i, 15);
      t.served_at = optionalTime(r, i, 16);
      t.ended_at = optionalTime(r, i, 17);
      t.consent_version = r.text(i, 21);
      t.consent_at = optionalTime(r, i, 22);
      t.erased_at = optionalTime(r, i, 23);
      out.push_back(std::move(t));
    }
    if (r.isNull(i, 18)) continue;
    rc::Seat seat;
    seat.kind = core::parseSpecialistKind(r.text(i, 18)).value_or(core::SpecialistKind::other);
    seat.specialist_id = r.optionalText(i, 19);
    seat.joined_at = optionalTime(r, i, 20);
    out.back().seats.push_back(std::move(seat));
  }
  return out;
}

Result<rc::Ticket> firstTicket(const PgResult &r) {
  auto tickets = readTickets(r);
  if (tickets.empty()) return ErrorCode::not_found;
  return std::move(tickets.front());
}

// The ticket query: `filter` uses $1..$n, the limit is $(n+1).
std::string ticketsText(const std::string &filter, int limit_index) {
  std::string tail = sql::kTicketsTail;
  tail.replace(tail.find('%'), 1, std::to_string(limit_index));
  return sql::kTicketsHead + filter + tail;
}

rc::Room readRoom(const PgResult &r, int i) {
  rc::Room x;
  x.id = r.text(i, 0);
  x.ticket_id = r.text(i, 1);
  x.reception_id = r.text(i, 2);
  x.organisation_id = r.text(i, 3);
  x.created_at = timeAt(r, i, 4);
  x.closed_at = optionalTime(r, i, 5);
  if (!r.isNull(i, 6)) x.outcome = rc::parseOutcome(r.text(i, 6));
  x.summary = r.text(i, 7);
  x.duration_seconds = static_cast<int>(r.int64(i, 8));
  x.last_seq = r.int64(i, 9);
  return x;
}

Params roomFields(const rc::Room &x) {
  return {x.id,
          x.ticket_id,
          x.reception_id,
          x.organisation_id,
          millis(x.created_at),
          millis(x.closed_at),
          optionalWord(x.outcome),
          x.summary,
          number(x.duration_seconds),
          number(x.last_seq)};
}

Params memberFields(const rc::RoomMember &m) {
  return {m.room_id, m.user_id, optionalWord(m.kind), millis(m.joined_at), number(m.last_read_seq)};
}

rc::RoomMember readMember(const PgResult &r, int i) {
  rc::RoomMember m;
  m.room_id = r.text(i, 0);
  m.user_id = r.text(i, 1);
  if (!r.isNull(i, 2)) m.kind = core::parseSpecialistKind(r.text(i, 2));
  m.joined_at = timeAt(r, i, 3);
  m.left_at = optionalTime(r, i, 4);
  m.last_read_seq = r.int64(i, 5);
  return m;
}

rc::ChatMessage readMessage(const PgResult &r, int i) {
  rc::ChatMessage m;
  m.room_id = r.text(i, 0);
  m.seq = r.int64(i, 1);
  m.sender_id = r.text(i, 2);
  m.client_id = r.text(i, 3);
  m.kind = rc::parseMessageKind(r.text(i, 4)).value_or(rc::MessageKind::text);
  m.body = r.text(i, 5);
  m.attachment_id = r.optionalText(i, 6);
  m.at = timeAt(r, i, 7);
  return m;
}

rc::Feedback readFeedback(const PgResult &r, int i) {
  return {r.text(i, 0), r.text(i, 1), r.text(i, 2),   static_cast<int>(r.int64(i, 3)),
          r.text(i, 4), r.text(i, 5), timeAt(r, i, 6)};
}

std::vector<rc::ConsultationRecord> readConsultations(const PgResult &r) {
  std::vector<rc::ConsultationRecord> out;
  out.reserve(static_cast<std::size_t>(r.rows()));
  for (int i = 0; i < r.rows(); ++i) {
    rc::ConsultationRecord &c = out.emplace_back();
    c.ticket_id = r.text(i, 0);
    c.reception_id = r.text(i, 1);
    c.organisation_id = r.text(i, 2);
    c.region = r.text(i, 3);
    c.language = core::parseLanguage(r.text(i, 4)).value_or(core::Language::ru);
    c.category = r.text(i, 5);
    c.channel = rc::parseChannel(r.text(i, 6)).value_or(rc::Channel::chat);
    c.status = rc::parseTicketStatus(r.text(i, 7)).value_or(rc::TicketStatus::closed);
    c.created_at = timeAt(r, i, 8);
    c.served_at = optionalTime(r, i, 9);
    c.ended_at = optionalTime(r, i, 10);
    if (!r.isNull(i, 11)) c.outcome = rc::parseOutcome(r.text(i, 11));
    c.duration_seconds = static_cast<int>(r.int64(i, 12));
    if (!r.isNull(i, 13)) c.rating = static_cast<int>(r.int64(i, 13));
    if (!r.isNull(i, 14)) c.kinds = decodeKinds(r.text(i, 14));
    if (!r.isNull(i, 15)) decodeCallSummary(r.text(i, 15), c);
  }
  return out;
}

Result<Unit> affectedOrNotFound(const PgResult &r) {
  if (r.affectedRows() == 0) return ErrorCode::not_found;
  return Unit{};
}

// --- transactions ------------------------------------------------------------------------
// Each *Steps coroutine runs inside inTransaction. Parameters are named before each co_await
// (GCC 12, see ARCHITECTURE.md). Row locks are FOR NO KEY UPDATE: they serialise writers of
// the row yet let foreign-key checks (KEY SHARE) of other tables' inserts through, so a
// claimSeat (ticket, then room) and a closeRoom (room, then ticket) cannot deadlock.

template <typename T> Task<T> endTransaction(PgConnection &c, Result<T> outcome) {
  if (!outcome.ok()) {
    auto rolled_back = co_await c.query(sql::kRollback);
    if (!rolled_back) c.markBroken();
    co_return outcome;
  }
  auto committed = co_await c.query(sql::kCommit);
  if (!committed) co_return committed.error();
  co_return outcome;
}

// Leases a connection and runs `steps(connection, args…)` between BEGIN and COMMIT (ROLLBACK
// when it fails). The arguments are copies held by this coroutine's frame for the whole
// transaction; `steps` is a plain function, never a lambda (GCC 12, see ARCHITECTURE.md).
template <typename T, typename Steps, typename... Args>
Task<T> inTransaction(PgPool &pool, Steps steps, Args... args) {
  auto lease = co_await pool.acquire();
  if (!lease) co_return lease.error();
  PgConnection &conn = **lease;
  auto begun = co_await conn.query(sql::kBegin);
  if (!begun) co_return begun.error();
  Result<T> outcome = co_await steps(conn, args...);
  co_return co_await endTransaction<T>(conn, std::move(outcome));
}

Task<Unit> insertTicketSteps(PgConnection &c, const rc::Ticket &t) {
  std::vector<storage::sql::Statement> statements;
  storage::sql::statementsOf(core::NewTicket{t}, statements);
  co_return co_await runStatements(c, statements);
}

Task<Unit> upsertMemberStep(PgConnection &c, const rc::RoomMember &m) {
  const Params p = memberFields(m);
  auto r = co_await c.query(sql::kUpsertMember, p);
  if (!r) co_return r.error();
  co_return affectedOrNotFound(*r);
}

Task<rc::Room> claimSeatSteps(PgConnection &c, const std::string &ticket_id,
                              core::SpecialistKind kind, const std::string &specialist_id,
                              const rc::Room &new_room, core::Time now,
                              const std::vector<storage::sql::Statement> &also) {
  const Params ticket_key{ticket_id};
  auto ticket = co_await c.query(sql::kLockTicket, ticket_key);
  if (!ticket) co_return ticket.error();
  if (ticket->rows() == 0) co_return ErrorCode::not_found;
  auto status = rc::parseTicketStatus(ticket->text(0, 0));
  std::optional<std::string> room_id = ticket->optionalText(0, 1);
  const std::string reception_id = ticket->text(0, 2);
  const std::string organisation_id = ticket->text(0, 3);
  const std::optional<std::string> citizen_id = ticket->optionalText(0, 4);
  if (status != rc::TicketStatus::waiting && status != rc::TicketStatus::in_room)
    co_return Error::make(ErrorCode::conflict, "ticket is not waiting");

  const std::string kind_text = str(core::toString(kind));
  const Params seat_key{ticket_id, kind_text};
  auto seat = co_await c.query(sql::kSeatHolder, seat_key);
  if (!seat) co_return seat.error();
  if (seat->rows() == 0) co_return Error::make(ErrorCode::not_found, "no seat of that kind");
  if (!seat->isNull(0, 0)) co_return Error::make(ErrorCode::conflict, "seat taken");

  if (!room_id) {
    room_id = new_room.id;
    const Params room{new_room.id, ticket_id, reception_id, organisation_id,
                      millis(new_room.created_at)};
    auto created = co_await c.query(sql::kInsertRoomForTicket, room);
    if (!created) co_return created.error();
    const Params link{new_room.id, ticket_id};
    auto linked = co_await c.query(sql::kSetTicketRoom, link);
    if (!linked) co_return linked.error();
    if (citizen_id) {
      const rc::RoomMember citizen{*room_id, *citizen_id, std::nullopt, now, std::nullopt, 0};
      auto joined = co_await upsertMemberStep(c, citizen);
      if (!joined) co_return joined.error();
    }
  }
  const rc::RoomMember specialist{*room_id, specialist_id, kind, now, std::nullopt, 0};
  auto joined = co_await upsertMemberStep(c, specialist);
  if (!joined) co_return joined.error();

  const Params take{specialist_id, millis(now), ticket_id, kind_text};
  auto taken = co_await c.query(sql::kTakeSeat, take);
  if (!taken) co_return taken.error();
  const Params serve{millis(now), ticket_id};
  auto served = co_await c.query(sql::kTicketInRoom, serve);
  if (!served) co_return served.error();
  const Params room_key{*room_id};
  auto room = co_await c.query(sql::kGetRoom, room_key);
  if (!room) co_return room.error();
  auto done = co_await runStatements(c, also);
  if (!done) co_return done.error();
  co_return readOne<rc::Room>(*room, readRoom);
}

Task<Unit> releaseSeatSteps(PgConnection &c, const std::string &ticket_id,
                            core::SpecialistKind kind) {
  const Params ticket_key{ticket_id};
  auto ticket = co_await c.query(sql::kLockTicket, ticket_key);
  if (!ticket) co_return ticket.error();
  if (ticket->rows() == 0) co_return ErrorCode::not_found;
  const Params seat_key{ticket_id, str(core::toString(kind))};
  auto freed = co_await c.query(sql::kFreeSeat, seat_key);
  if (!freed) co_return freed.error();
  if (freed->affectedRows() == 0) co_return ErrorCode::not_found;
  auto waiting = co_await c.query(sql::kWaitAgainIfNobodyLeft, ticket_key);
  if (!waiting) co_return waiting.error();
  co_return Unit{};
}

Task<Unit> addSeatSteps(PgConnection &c, const std::string &ticket_id, core::SpecialistKind kind) {
  const Params ticket_key{ticket_id};
  auto ticket = co_await c.query(sql::kLockTicket, ticket_key);
  if (!ticket) co_return ticket.error();
  if (ticket->rows() == 0) co_return ErrorCode::not_found;
  auto next = co_await c.query(sql::kNextSeatPosition, ticket_key);
  if (!next) co_return next.error();
  const Params seat{ticket_id, next->text(0, 0), str(core::toString(kind)), std::nullopt,
                    std::nullopt};
  auto added = co_await c.query(sql::kInsertSeat, seat);
  if (!added) co_return added.error();
  co_return Unit{};
}

Task<Unit> setRosterSteps(PgConnection &c, const std::string &reception_id,
                          const std::vector<rc::DutyShift> &shifts) {
  const Params key{reception_id};
  auto locked = co_await c.query(sql::kLockReception, key);
  if (!locked) co_return locked.error();
  auto cleared = co_await c.query(sql::kDeleteRoster, key);
  if (!cleared) co_return cleared.error();
  for (const auto &s : shifts) {
    const Params p{reception_id, s.specialist_id, encodeKinds(s.kinds), millis(s.from),
                   millis(s.to)};
    auto r = co_await c.query(sql::kInsertShift, p);
    if (!r) co_return r.error();
  }
  co_return Unit{};
}

Task<rc::ChatMessage> appendMessageSteps(PgConnection &c, const rc::ChatMessage &message);

Task<std::optional<rc::ChatMessage>>
closeRoomSteps(PgConnection &c, const rc::Room &closed,
               const std::optional<rc::ChatMessage> &message,
               const std::vector<storage::sql::Statement> &also) {
  if (!closed.closed_at)
    co_return Error::make(ErrorCode::validation_failed, "closeRoom without closed_at");
  const Params key{closed.id};
  auto room = co_await c.query(sql::kLockRoomForClosing, key);
  if (!room) co_return room.error();
  if (room->rows() == 0) co_return ErrorCode::not_found;
  if (!room->isNull(0, 1)) co_return Error::make(ErrorCode::conflict, "room already closed");
  const std::string ticket_id = room->text(0, 0);
  const Params close{millis(closed.closed_at), optionalWord(closed.outcome), closed.summary,
                     number(closed.duration_seconds), closed.id};
  auto updated = co_await c.query(sql::kCloseRoom, close);
  if (!updated) co_return updated.error();
  const Params end{millis(closed.closed_at), ticket_id};
  auto ended = co_await c.query(sql::kCloseTicket, end);
  if (!ended) co_return ended.error();
  std::optional<rc::ChatMessage> stored;
  if (message) {
    auto appended = co_await appendMessageSteps(c, *message);
    if (!appended) co_return appended.error();
    stored = std::move(*appended);
  }
  auto done = co_await runStatements(c, also);
  if (!done) co_return done.error();
  co_return stored;
}

Task<Unit> phoneConsultationSteps(PgConnection &c, const rc::Ticket &ticket, const rc::Room &room) {
  auto stored = ticket;
  stored.status = rc::TicketStatus::closed;
  stored.room_id = room.id;
  auto inserted = co_await insertTicketSteps(c, stored);
  if (!inserted) co_return inserted.error();
  auto linked = room;
  linked.ticket_id = ticket.id;
  const Params p = roomFields(linked);
  auto r = co_await c.query(sql::kInsertRoom, p);
  if (!r) co_return r.error();
  co_return Unit{};
}

Task<rc::ChatMessage> appendMessageSteps(PgConnection &c, const rc::ChatMessage &message) {
  rc::ChatMessage m = message;
  const Params key{m.room_id};
  auto room = co_await c.query(sql::kLockRoomSeq, key);
  if (!room) co_return room.error();
  if (room->rows() == 0) co_return ErrorCode::not_found;
  const std::int64_t last_seq = room->int64(0, 0);
  const Params resend_key{m.room_id, m.sender_id, m.client_id};
  auto resend = co_await c.query(sql::kFindResend, resend_key);
  if (!resend) co_return resend.error();
  if (resend->rows() > 0) co_return readMessage(*resend, 0);

  m.seq = last_seq + 1;
  const Params p{m.room_id, number(m.seq),   m.sender_id, m.client_id, str(rc::toString(m.kind)),
                 m.body,    m.attachment_id, millis(m.at)};
  auto inserted = co_await c.query(sql::kInsertMessage, p);
  if (!inserted) co_return inserted.error();
  const Params advance{number(m.seq), m.room_id};
  auto advanced = co_await c.query(sql::kSetLastSeq, advance);
  if (!advanced) co_return advanced.error();
  co_return m;
}

// The update, and on no match whether the ticket is gone (not_found) or moved (conflict).
Task<Unit> transitionTicketIn(PgPool &pool, rc::Ticket changed,
                              std::vector<rc::TicketStatus> from) {
  auto lease = co_await pool.acquire();
  if (!lease) co_return lease.error();
  PgConnection &conn = **lease;
  if (!from.empty()) {
    const std::string text = sql::kTransitionTicket + placeholders(6, from.size()) + ")";
    Params p{str(rc::toString(changed.status)), changed.reception_id, millis(changed.ended_at),
             number(changed.priority), changed.id};
    for (auto s : from) p.push_back(str(rc::toString(s)));
    auto updated = co_await conn.query(text.c_str(), p);
    if (!updated) co_return updated.error();
    if (updated->affectedRows() > 0) co_return Unit{};
  }
  const Params key{changed.id};
  auto exists = co_await conn.query(sql::kTicketExists, key);
  if (!exists) co_return exists.error();
  if (exists->rows() == 0) co_return ErrorCode::not_found;
  co_return Error::make(ErrorCode::conflict, "ticket moved meanwhile");
}

} // namespace

// --- categories and receptions -----------------------------------------------------------

Task<std::vector<std::string>> PostgresStore::listCategories() {
  return run<std::vector<std::string>>(sql::kListCategories, {}, [](const PgResult &r) {
    return readAll<std::string>(r, [](const PgResult &r, int i) { return r.text(i, 0); });
  });
}

Task<Unit> PostgresStore::addCategory(const std::string &code) {
  return command(sql::kInsertCategory, {code});
}

Task<Unit> PostgresStore::createReception(const rc::Reception &x) {
  Params p = receptionFields(x);
  p.insert(p.end(), {x.id, x.organisation_id, str(rc::toString(x.kind)), x.created_by,
                     millis(x.created_at)});
  return command(sql::kInsertReception, std::move(p));
}

Task<rc::Reception> PostgresStore::getReception(const std::string &id) {
  return run<rc::Reception>(sql::kGetReception, {id}, [](const PgResult &r) {
    return readOne<rc::Reception>(r, readReception);
  });
}

Task<Unit> PostgresStore::updateReception(const rc::Reception &x) {
  Params p = receptionFields(x);
  p.push_back(x.id);
  return run<Unit>(sql::kUpdateReception, std::move(p), affectedOrNotFound);
}

Task<std::vector<rc::Reception>>
PostgresStore::listReceptions(const std::optional<std::string> &organisation_id,
                              core::Time ends_after) {
  auto read = [](const PgResult &r) { return readAll<rc::Reception>(r, readReception); };
  if (organisation_id)
    return run<std::vector<rc::Reception>>(sql::kListReceptionsOf,
                                           {millis(ends_after), *organisation_id}, read);
  return run<std::vector<rc::Reception>>(sql::kListReceptions, {millis(ends_after)}, read);
}

Task<rc::Reception> PostgresStore::getPermanentLine(const std::string &organisation_id) {
  return run<rc::Reception>(sql::kGetPermanentLine, {organisation_id}, [](const PgResult &r) {
    return readOne<rc::Reception>(r, readReception);
  });
}

// --- roster ------------------------------------------------------------------------------

Task<Unit> PostgresStore::setRoster(const std::string &reception_id,
                                    const std::vector<rc::DutyShift> &shifts) {
  return inTransaction<Unit>(pool_, setRosterSteps, reception_id, shifts);
}

Task<std::vector<rc::DutyShift>> PostgresStore::listRoster(const std::string &reception_id) {
  return run<std::vector<rc::DutyShift>>(sql::kListRoster, {reception_id}, [](const PgResult &r) {
    return readAll<rc::DutyShift>(r, readShift);
  });
}

Task<std::vector<rc::DutyShift>> PostgresStore::listShiftsOf(const std::string &specialist_id,
                                                             core::Time now) {
  return run<std::vector<rc::DutyShift>>(
      sql::kListShiftsOf, {specialist_id, millis(now)},
      [](const PgResult &r) { return readAll<rc::DutyShift>(r, readShift); });
}

// --- tickets and seats -------------------------------------------------------------------

Task<Unit> PostgresStore::createTicket(const rc::Ticket &ticket) {
  core::UnitOfWork work;
  work.add(core::NewTicket{ticket});
  return commit(work);
}

// Not a coroutine: the statements are built before the caller's unit of work can go away
// (an awaitable starts only when awaited).
Task<Unit> PostgresStore::commit(const core::UnitOfWork &work) {
  return group_.commit(storage::sql::statementsOf(work));
}

Task<rc::Ticket> PostgresStore::getTicket(const std::string &id) {
  return run<rc::Ticket>(ticketsText("id = $1", 2), {id, "1"}, firstTicket);
}

Task<rc::Ticket> PostgresStore::findTicketBySecret(const std::string &secret_hash) {
  return run<rc::Ticket>(ticketsText("secret_hash = $1 AND secret_hash <> ''", 2),
                         {secret_hash, "1"}, firstTicket);
}

Task<std::vector<rc::Ticket>> PostgresStore::listTickets(const TicketQuery &query) {
  std::string filter = "TRUE";
  Params p;
  auto where = [&](const char *column, const std::string &value) {
    p.push_back(value);
    filter += std::string(" AND ") + column + " = $" + std::to_string(p.size());
  };
  if (query.reception_id) where("reception_id", *query.reception_id);
  if (query.organisation_id) where("organisation_id", *query.organisation_id);
  if (query.citizen_id) where("citizen_id", *query.citizen_id);
  if (!query.statuses.empty()) {
    filter += " AND status IN (" +
              placeholders(static_cast<int>(p.size()) + 1, query.statuses.size()) + ")";
    for (auto s : query.statuses) p.push_back(str(rc::toString(s)));
  }
  p.push_back(number(query.limit));
  auto text = ticketsText(filter, static_cast<int>(p.size()));
  return run<std::vector<rc::Ticket>>(std::move(text), std::move(p), [](const PgResult &r) {
    return Result<std::vector<rc::Ticket>>(readTickets(r));
  });
}

Task<Unit> PostgresStore::transitionTicket(const rc::Ticket &changed,
                                           const std::vector<rc::TicketStatus> &from) {
  return transitionTicketIn(pool_, changed, from);
}

Task<rc::Room> PostgresStore::claimSeat(const std::string &ticket_id, core::SpecialistKind kind,
                                        const std::string &specialist_id, const rc::Room &new_room,
                                        core::Time now, const core::UnitOfWork &also) {
  return inTransaction<rc::Room>(pool_, claimSeatSteps, ticket_id, kind, specialist_id, new_room,
                                 now, storage::sql::statementsOf(also));
}

Task<Unit> PostgresStore::releaseSeat(const std::string &ticket_id, core::SpecialistKind kind) {
  return inTransaction<Unit>(pool_, releaseSeatSteps, ticket_id, kind);
}

Task<Unit> PostgresStore::addSeat(const std::string &ticket_id, core::SpecialistKind kind) {
  return inTransaction<Unit>(pool_, addSeatSteps, ticket_id, kind);
}

// --- rooms -------------------------------------------------------------------------------

Task<rc::Room> PostgresStore::getRoom(const std::string &id) {
  return run<rc::Room>(sql::kGetRoom, {id},
                       [](const PgResult &r) { return readOne<rc::Room>(r, readRoom); });
}

Task<std::vector<rc::Room>> PostgresStore::listRoomsOf(const std::string &user_id, bool open_only) {
  return run<std::vector<rc::Room>>(
      open_only ? sql::kListOpenRoomsOf : sql::kListRoomsOf, {user_id},
      [](const PgResult &r) { return readAll<rc::Room>(r, readRoom); });
}

Task<std::vector<rc::Room>> PostgresStore::listOpenRooms(const std::string &reception_id) {
  return run<std::vector<rc::Room>>(sql::kListOpenRooms, {reception_id}, [](const PgResult &r) {
    return readAll<rc::Room>(r, readRoom);
  });
}

Task<Unit> PostgresStore::addRoomMember(const rc::RoomMember &member) {
  return run<Unit>(sql::kUpsertMember, memberFields(member), affectedOrNotFound);
}

Task<Unit> PostgresStore::leaveRoom(const std::string &room_id, const std::string &user_id,
                                    core::Time now) {
  return run<Unit>(sql::kLeaveRoom, {millis(now), room_id, user_id}, affectedOrNotFound);
}

Task<std::vector<rc::RoomMember>> PostgresStore::listRoomMembers(const std::string &room_id) {
  return run<std::vector<rc::RoomMember>>(sql::kListMembers, {room_id}, [](const PgResult &r) {
    return readAll<rc::RoomMember>(r, readMember);
  });
}

Task<std::vector<rc::CallRecord>> PostgresStore::listCallRecords(const std::string &room_id) {
  return run<std::vector<rc::CallRecord>>(sql::kListCallRecords, {room_id}, [](const PgResult &r) {
    return readAll<rc::CallRecord>(r, [](const PgResult &res, int i) {
      rc::CallRecord c;
      c.room_id = res.text(i, 0);
      c.at = timeAt(res, i, 1);
      c.kind = res.text(i, 2);
      c.user_id = res.text(i, 3);
      c.detail = res.text(i, 4);
      return c;
    });
  });
}

Task<Unit> PostgresStore::markRead(const std::string &room_id, const std::string &user_id,
                                   std::int64_t seq) {
  return run<Unit>(sql::kMarkRead, {number(seq), room_id, user_id}, affectedOrNotFound);
}

Task<std::optional<rc::ChatMessage>>
PostgresStore::closeRoom(const rc::Room &closed, const std::optional<rc::ChatMessage> &message,
                         const core::UnitOfWork &also) {
  return inTransaction<std::optional<rc::ChatMessage>>(pool_, closeRoomSteps, closed, message,
                                                       storage::sql::statementsOf(also));
}

Task<Unit> storeFigureDaysSteps(PgConnection &c, const std::vector<core::Store::FigureDay> &days) {
  const char *text = storage::sql::postgresText(storage::sql::kStoreFigureDay).c_str();
  for (const auto &d : days) {
    if (!d.tally) continue;
    const Params p{encodeTally(*d.tally), number(d.generation), d.reception_id, number(d.day),
                   number(d.generation)};
    auto r = co_await c.query(text, p);
    if (!r) co_return r.error();
  }
  co_return Unit{};
}

// The scope's settled days, read on a leased connection; `scope_key` is its reception or
// organisation and `by_reception` says which.
Task<core::Store::FigureDays> listFigureDaysOn(PgPool &pool, std::string scope_key,
                                               bool by_reception, std::int64_t first,
                                               std::int64_t last) {
  auto lease = co_await pool.acquire();
  if (!lease) co_return lease.error();
  PgConnection &c = **lease;
  auto settled = co_await c.query(storage::sql::kPostgresLastSettledDay);
  if (!settled) co_return settled.error();
  core::Store::FigureDays out;
  out.last_settled = settled->int64(0, 0);
  const Params p{scope_key, number(first), number(last), number(out.last_settled)};
  const char *text =
      storage::sql::postgresText(by_reception ? storage::sql::kFigureDaysOfReception
                                              : storage::sql::kFigureDaysOfOrganisation)
          .c_str();
  auto rows = co_await c.query(text, p);
  if (!rows) co_return rows.error();
  for (int i = 0; i < rows->rows(); ++i) {
    core::Store::FigureDay d{rows->text(i, 0), rows->int64(i, 1), rows->int64(i, 2), std::nullopt};
    if (!rows->isNull(i, 3) && rows->int64(i, 3) == d.generation)
      d.tally = decodeTally(rows->text(i, 4));
    out.days.push_back(std::move(d));
  }
  co_return out;
}

namespace {
Result<std::vector<std::string>> firstColumn(const PgResult &r) {
  std::vector<std::string> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(r.text(i, 0));
  return out;
}
} // namespace

Task<std::vector<std::string>> PostgresStore::ticketsToErase(core::Time before, int limit) {
  return run<std::vector<std::string>>(
      "SELECT id FROM tickets WHERE erased_at IS NULL AND ended_at IS NOT NULL "
      "AND ended_at < $1 ORDER BY ended_at LIMIT $2",
      {millis(before), number(limit)}, firstColumn);
}

Task<std::vector<std::string>> PostgresStore::ticketAttachments(const std::string &ticket_id) {
  return run<std::vector<std::string>>("SELECT a.id FROM attachments a JOIN rooms r "
                                       "ON r.id = a.room_id WHERE r.ticket_id = $1 ORDER BY a.id",
                                       {ticket_id}, firstColumn);
}

Task<Unit> PostgresStore::recordPhoneConsultation(const rc::Ticket &ticket, const rc::Room &room) {
  return inTransaction<Unit>(pool_, phoneConsultationSteps, ticket, room);
}

// --- messages, notes, attachments --------------------------------------------------------

Task<rc::ChatMessage> PostgresStore::appendMessage(const rc::ChatMessage &message) {
  return inTransaction<rc::ChatMessage>(pool_, appendMessageSteps, message);
}

Task<std::vector<rc::ChatMessage>> PostgresStore::listMessages(const std::string &room_id,
                                                               std::int64_t after_seq, int limit) {
  return run<std::vector<rc::ChatMessage>>(
      sql::kListMessages, {room_id, number(after_seq), number(limit)},
      [](const PgResult &r) { return readAll<rc::ChatMessage>(r, readMessage); });
}

Task<Unit> PostgresStore::addNote(const rc::Note &n) {
  return command(sql::kInsertNote, {n.id, n.room_id, n.author_id, n.body, millis(n.at)});
}

Task<std::vector<rc::Note>> PostgresStore::listNotes(const std::string &room_id) {
  return run<std::vector<rc::Note>>(sql::kListNotes, {room_id}, [](const PgResult &r) {
    return readAll<rc::Note>(r, [](const PgResult &r, int i) {
      return rc::Note{r.text(i, 0), r.text(i, 1), r.text(i, 2), r.text(i, 3), timeAt(r, i, 4)};
    });
  });
}

Task<Unit> PostgresStore::createAttachment(const rc::Attachment &a) {
  return command(sql::kInsertAttachment, {a.id, a.room_id, a.uploader_id, a.file_name,
                                          a.content_type, number(a.size), millis(a.at)});
}

Task<rc::Attachment> PostgresStore::getAttachment(const std::string &id) {
  return run<rc::Attachment>(sql::kGetAttachment, {id}, [](const PgResult &r) {
    return readOne<rc::Attachment>(r, [](const PgResult &r, int i) {
      return rc::Attachment{r.text(i, 0), r.text(i, 1),  r.text(i, 2),   r.text(i, 3),
                            r.text(i, 4), r.int64(i, 5), timeAt(r, i, 6)};
    });
  });
}

Task<core::Store::AttachmentUsage> PostgresStore::roomAttachments(const std::string &room_id) {
  return run<AttachmentUsage>(sql::kRoomAttachments, {room_id}, [](const PgResult &r) {
    return readOne<AttachmentUsage>(r, [](const PgResult &r, int i) {
      return AttachmentUsage{r.int64(i, 0), r.int64(i, 1)};
    });
  });
}

Task<core::Store::AttachmentUsage> PostgresStore::attachmentsBy(const std::string &uploader_id,
                                                                core::Time since) {
  return run<AttachmentUsage>(sql::kAttachmentsBy, {uploader_id, millis(since)},
                              [](const PgResult &r) {
                                return readOne<AttachmentUsage>(r, [](const PgResult &r, int i) {
                                  return AttachmentUsage{r.int64(i, 0), r.int64(i, 1)};
                                });
                              });
}

// --- feedback and figures ----------------------------------------------------------------

Task<Unit> PostgresStore::createFeedback(const rc::Feedback &f) {
  return command(sql::kInsertFeedback, {f.ticket_id, f.reception_id, f.organisation_id,
                                        number(f.rating), f.comment, f.proposal, millis(f.at)});
}

Task<rc::Feedback> PostgresStore::getFeedback(const std::string &ticket_id) {
  return run<rc::Feedback>(sql::kGetFeedback, {ticket_id}, [](const PgResult &r) {
    return readOne<rc::Feedback>(r, readFeedback);
  });
}

Task<std::vector<rc::Feedback>> PostgresStore::listProposals(const std::string &organisation_id) {
  return run<std::vector<rc::Feedback>>(
      sql::kListProposals, {organisation_id},
      [](const PgResult &r) { return readAll<rc::Feedback>(r, readFeedback); });
}

Task<std::vector<rc::Feedback>> PostgresStore::listComments(const std::string &reception_id,
                                                            std::optional<FeedbackCursor> before,
                                                            int limit) {
  Params p{reception_id, std::nullopt, std::nullopt, number(limit)};
  if (before) {
    p[1] = millis(before->at);
    p[2] = before->ticket_id;
  }
  return run<std::vector<rc::Feedback>>(sql::kListComments, std::move(p), [](const PgResult &r) {
    return readAll<rc::Feedback>(r, readFeedback);
  });
}

Task<std::vector<rc::ConsultationRecord>>
PostgresStore::listConsultations(const ConsultationQuery &query) {
  std::string text = sql::kConsultationsHead;
  Params p{millis(query.from), millis(query.to)};
  if (query.reception_id) {
    p.push_back(*query.reception_id);
    text += " AND t.reception_id = $" + std::to_string(p.size());
  }
  if (query.organisation_id) {
    p.push_back(*query.organisation_id);
    text += " AND t.organisation_id = $" + std::to_string(p.size());
  }
  text += sql::kConsultationsTail;
  return run<std::vector<rc::ConsultationRecord>>(
      std::move(text), std::move(p), [](const PgResult &r) {
        return Result<std::vector<rc::ConsultationRecord>>(readConsultations(r));
      });
}

Task<core::Store::FigureDays> PostgresStore::listFigureDays(const ConsultationQuery &scope,
                                                            std::int64_t first, std::int64_t last) {
  return listFigureDaysOn(pool_, scope.reception_id.value_or(scope.organisation_id.value_or("")),
                          scope.reception_id.has_value(), first, last);
}

Task<Unit> PostgresStore::storeFigureDays(const std::vector<FigureDay> &days) {
  return inTransaction<Unit>(pool_, storeFigureDaysSteps, days);
}

} // namespace kelisim::storage::postgres
