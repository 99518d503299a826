// SqliteStore's virtual receptions (issue 3). Multi-statement writes (claimSeat, closeRoom,
// appendMessage, …) are one WriteQueue job each: the single writer runs them one at a time
// under their own savepoint, so they are atomic and never interleave.

#include "storage/figure_tally_codec.hpp"
#include "storage/list_codec.hpp"
#include "storage/sql/changes.hpp"
#include "storage/sql/figure_days.hpp"
#include "storage/sqlite/sqlite_store_impl.hpp"

#include <map>

namespace kelisim::storage::sqlite {

using core::ErrorCode;
using core::Result;
namespace rc = core::reception;

namespace sql {
constexpr const char *kListCategories = "SELECT code FROM categories ORDER BY code";
constexpr const char *kInsertCategory = "INSERT INTO categories (code) VALUES (?)";

// The editable fields come first: $1..$14 of both insert and update.
constexpr const char *kInsertReception =
    "INSERT INTO receptions (title_kk, title_ru, title_en, description_kk, description_ru, "
    "description_en, starts_at, ends_at, categories, channels, hours, holidays, slot_minutes, "
    "closed_at, id, organisation_id, kind, created_by, created_at) VALUES "
    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr const char *kUpdateReception =
    "UPDATE receptions SET title_kk = ?, title_ru = ?, title_en = ?, description_kk = ?, "
    "description_ru = ?, description_en = ?, starts_at = ?, ends_at = ?, categories = ?, "
    "channels = ?, hours = ?, holidays = ?, slot_minutes = ?, closed_at = ? WHERE id = ?";
#define KELISIM_RECEPTION_COLUMNS                                                                  \
  "SELECT id, organisation_id, kind, title_kk, title_ru, title_en, description_kk, "               \
  "description_ru, description_en, starts_at, ends_at, categories, channels, hours, holidays, "    \
  "slot_minutes, closed_at, created_by, created_at FROM receptions"
constexpr const char *kGetReception = KELISIM_RECEPTION_COLUMNS " WHERE id = ?";
constexpr const char *kListReceptions =
    KELISIM_RECEPTION_COLUMNS " WHERE ends_at > ?1 AND (closed_at IS NULL OR closed_at >= ?1) "
                              "ORDER BY starts_at, id";
constexpr const char *kListReceptionsOf =
    KELISIM_RECEPTION_COLUMNS " WHERE ends_at > ?1 AND (closed_at IS NULL OR closed_at >= ?1) "
                              "AND organisation_id = ?2 ORDER BY starts_at, id";
constexpr const char *kGetPermanentLine =
    KELISIM_RECEPTION_COLUMNS " WHERE organisation_id = ? AND kind = 'permanent'";
#undef KELISIM_RECEPTION_COLUMNS

constexpr const char *kDeleteRoster = "DELETE FROM duty_shifts WHERE reception_id = ?";
constexpr const char *kInsertShift =
    "INSERT INTO duty_shifts (reception_id, specialist_id, kinds, from_at, to_at) VALUES "
    "(?, ?, ?, ?, ?)";
constexpr const char *kListRoster =
    "SELECT reception_id, specialist_id, kinds, from_at, to_at FROM duty_shifts "
    "WHERE reception_id = ? ORDER BY from_at, specialist_id";
constexpr const char *kListShiftsOf =
    "SELECT reception_id, specialist_id, kinds, from_at, to_at FROM duty_shifts "
    "WHERE specialist_id = ? AND to_at > ? ORDER BY from_at, reception_id";

constexpr const char *kInsertSeat =
    "INSERT INTO ticket_seats (ticket_id, position, kind, specialist_id, joined_at) VALUES "
    "(?, ?, ?, ?, ?)";
// Tickets chosen by a filter (spliced in), each with its seats in order: one row per seat.
constexpr const char *kTicketsHead =
    "SELECT t.id, t.reception_id, t.organisation_id, t.citizen_id, t.region, t.language, "
    "t.category, t.description, t.channel, t.contact, t.priority, t.status, t.slot_at, "
    "t.secret_hash, t.room_id, t.created_at, t.served_at, t.ended_at, s.kind, s.specialist_id, "
    "s.joined_at, t.consent_version, t.consent_at, t.erased_at FROM (SELECT * FROM tickets WHERE ";
constexpr const char *kTicketsTail =
    " ORDER BY created_at, id LIMIT ?) t LEFT JOIN ticket_seats s ON s.ticket_id = t.id "
    "ORDER BY t.created_at, t.id, s.position";
constexpr const char *kTransitionTicket =
    "UPDATE tickets SET status = ?, reception_id = ?, ended_at = ?, priority = ? WHERE id = ? "
    "AND status IN (";
constexpr const char *kTicketExists = "SELECT 1 FROM tickets WHERE id = ?";
constexpr const char *kTicketForClaim =
    "SELECT status, room_id, reception_id, organisation_id, citizen_id FROM tickets WHERE id = ?";
constexpr const char *kSeatHolder =
    "SELECT specialist_id FROM ticket_seats WHERE ticket_id = ? AND kind = ?";
constexpr const char *kInsertRoomForTicket =
    "INSERT INTO rooms (id, ticket_id, reception_id, organisation_id, created_at) VALUES "
    "(?, ?, ?, ?, ?)";
constexpr const char *kSetTicketRoom = "UPDATE tickets SET room_id = ? WHERE id = ?";
constexpr const char *kTakeSeat =
    "UPDATE ticket_seats SET specialist_id = ?, joined_at = ? WHERE ticket_id = ? AND kind = ?";
constexpr const char *kTicketInRoom =
    "UPDATE tickets SET status = 'in_room', served_at = COALESCE(served_at, ?) WHERE id = ?";
constexpr const char *kFreeSeat =
    "UPDATE ticket_seats SET specialist_id = NULL, joined_at = NULL WHERE ticket_id = ? AND "
    "kind = ?";
constexpr const char *kWaitAgainIfNobodyLeft =
    "UPDATE tickets SET status = 'waiting' WHERE id = ?1 AND status = 'in_room' AND NOT EXISTS "
    "(SELECT 1 FROM ticket_seats WHERE ticket_id = ?1 AND specialist_id IS NOT NULL)";
constexpr const char *kNextSeatPosition =
    "SELECT COALESCE(MAX(position), -1) + 1 FROM ticket_seats WHERE ticket_id = ?";

#define KELISIM_ROOM_COLUMNS                                                                       \
  "r.id, r.ticket_id, r.reception_id, r.organisation_id, r.created_at, r.closed_at, r.outcome, "   \
  "r.summary, r.duration_seconds, r.last_seq"
constexpr const char *kGetRoom = "SELECT " KELISIM_ROOM_COLUMNS " FROM rooms r WHERE r.id = ?";
constexpr const char *kListRoomsOf =
    "SELECT " KELISIM_ROOM_COLUMNS " FROM rooms r JOIN room_members m ON m.room_id = r.id "
    "WHERE m.user_id = ? AND m.left_at IS NULL ORDER BY r.created_at DESC, r.id DESC";
constexpr const char *kListOpenRoomsOf =
    "SELECT " KELISIM_ROOM_COLUMNS " FROM rooms r JOIN room_members m ON m.room_id = r.id "
    "WHERE m.user_id = ? AND m.left_at IS NULL AND r.closed_at IS NULL "
    "ORDER BY r.created_at DESC, r.id DESC";
constexpr const char *kListOpenRooms =
    "SELECT " KELISIM_ROOM_COLUMNS " FROM rooms r WHERE r.reception_id = ? AND r.closed_at IS "
    "NULL ORDER BY r.created_at, r.id";
#undef KELISIM_ROOM_COLUMNS
constexpr const char *kInsertRoom =
    "INSERT INTO rooms (id, ticket_id, reception_id, organisation_id, created_at, closed_at, "
    "outcome, summary, duration_seconds, last_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr const char *kUpsertMember =
    "INSERT INTO room_members (room_id, user_id, kind, joined_at, left_at, last_read_seq) "
    "SELECT ?1, ?2, ?3, ?4, NULL, ?5 WHERE EXISTS (SELECT 1 FROM rooms WHERE id = ?1) "
    "ON CONFLICT (room_id, user_id) DO UPDATE SET kind = excluded.kind, left_at = NULL";
constexpr const char *kLeaveRoom =
    "UPDATE room_members SET left_at = COALESCE(left_at, ?) WHERE room_id = ? AND user_id = ?";
constexpr const char *kListMembers =
    "SELECT room_id, user_id, kind, joined_at, left_at, last_read_seq FROM room_members "
    "WHERE room_id = ? ORDER BY joined_at, user_id";
constexpr const char *kListCallRecords =
    "SELECT room_id, at, kind, user_id, detail FROM call_records WHERE room_id = ? ORDER BY id";
constexpr const char *kMarkRead =
    "UPDATE room_members SET last_read_seq = MAX(last_read_seq, ?) WHERE room_id = ? AND "
    "user_id = ?";
constexpr const char *kCloseRoom =
    "UPDATE rooms SET closed_at = ?, outcome = ?, summary = ?, duration_seconds = ? "
    "WHERE id = ? AND closed_at IS NULL";
constexpr const char *kRoomTicket = "SELECT ticket_id FROM rooms WHERE id = ?";
constexpr const char *kCloseTicket =
    "UPDATE tickets SET status = 'closed', ended_at = ? WHERE id = ?";

constexpr const char *kRoomLastSeq = "SELECT last_seq FROM rooms WHERE id = ?";
#define KELISIM_MESSAGE_COLUMNS                                                                    \
  "SELECT room_id, seq, sender_id, client_id, kind, body, attachment_id, at FROM messages"
constexpr const char *kFindResend = KELISIM_MESSAGE_COLUMNS
    " WHERE room_id = ? AND sender_id = ? AND client_id = ? AND client_id <> ''";
constexpr const char *kListMessages =
    KELISIM_MESSAGE_COLUMNS " WHERE room_id = ? AND seq > ? ORDER BY seq LIMIT ?";
#undef KELISIM_MESSAGE_COLUMNS
constexpr const char *kInsertMessage =
    "INSERT INTO messages (room_id, seq, sender_id, client_id, kind, body, attachment_id, at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
constexpr const char *kSetLastSeq = "UPDATE rooms SET last_seq = ? WHERE id = ?";

constexpr const char *kInsertNote =
    "INSERT INTO notes (id, room_id, author_id, body, at) VALUES (?, ?, ?, ?, ?)";
constexpr const char *kListNotes =
    "SELECT id, room_id, author_id, body, at FROM notes WHERE room_id = ? ORDER BY at, id";
constexpr const char *kInsertAttachment =
    "INSERT INTO attachments (id, room_id, uploader_id, file_name, content_type, size, at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)";
constexpr const char *kGetAttachment =
    "SELECT id, room_id, uploader_id, file_name, content_type, size, at FROM attachments "
    "WHERE id = ?";
constexpr const char *kRoomAttachments =
    "SELECT COUNT(*), COALESCE(SUM(size), 0) FROM attachments WHERE room_id = ?";
constexpr const char *kAttachmentsBy =
    "SELECT COUNT(*), COALESCE(SUM(size), 0) FROM attachments WHERE uploader_id = ? AND at >= "
    "?";

constexpr const char *kInsertFeedback =
    "INSERT INTO feedback (ticket_id, reception_id, organisation_id, rating, comment, proposal, "
    "at) VALUES (?, ?, ?, ?, ?, ?, ?)";
#define KELISIM_FEEDBACK_COLUMNS                                                                   \
  "SELECT ticket_id, reception_id, organisation_id, rating, comment, proposal, at FROM feedback"
constexpr const char *kGetFeedback = KELISIM_FEEDBACK_COLUMNS " WHERE ticket_id = ?";
constexpr const char *kListProposals = KELISIM_FEEDBACK_COLUMNS
    " WHERE organisation_id = ? AND proposal <> '' ORDER BY at DESC, ticket_id DESC";
constexpr const char *kListComments = KELISIM_FEEDBACK_COLUMNS
    " WHERE reception_id = ?1 AND comment <> '' AND (?2 IS NULL OR at < ?2 OR (at = ?2 AND "
    "ticket_id < ?3)) ORDER BY at DESC, ticket_id DESC LIMIT ?4";
#undef KELISIM_FEEDBACK_COLUMNS

// One row per seat (kind in the last column); filters are spliced in before the ORDER BY.
constexpr const char *kConsultationsHead =
    "SELECT t.id, t.reception_id, t.organisation_id, t.region, t.language, t.category, "
    "t.channel, t.status, t.created_at, t.served_at, t.ended_at, r.outcome, "
    "COALESCE(r.duration_seconds, 0), f.rating, s.kind, "
    "(SELECT SUM(c.kind = 'started') || ',' || "
    "COALESCE(SUM(CASE WHEN c.kind = 'ended' THEN CAST(c.detail AS INTEGER) END), 0) || ',' || "
    "SUM(c.kind = 'mode' AND c.detail NOT LIKE 'video%' AND c.detail NOT LIKE '%:chosen' "
    "AND c.detail NOT LIKE '%:recovered') || ',' || SUM(c.kind = 'callback') || ',' || "
    "SUM(c.kind = 'relayed') FROM call_records c WHERE c.room_id = r.id) FROM tickets t "
    "LEFT JOIN rooms r ON r.ticket_id = t.id LEFT JOIN feedback f ON f.ticket_id = t.id "
    "LEFT JOIN ticket_seats s ON s.ticket_id = t.id "
    "WHERE (r.id IS NOT NULL OR t.status IN ('closed', 'no_show', 'abandoned')) "
    "AND t.created_at >= ? AND t.created_at < ?";
constexpr const char *kConsultationsTail = " ORDER BY t.created_at, t.id, s.position";
} // namespace sql

namespace {

std::string str(std::string_view v) {
  return std::string(v);
}

rc::Reception readReception(SQLite::Statement &q) {
  rc::Reception r;
  r.id = q.getColumn(0).getString();
  r.organisation_id = q.getColumn(1).getString();
  r.kind = rc::parseReceptionKind(q.getColumn(2).getString()).value_or(rc::ReceptionKind::event);
  r.title = {q.getColumn(3).getString(), q.getColumn(4).getString(), q.getColumn(5).getString()};
  r.description = {q.getColumn(6).getString(), q.getColumn(7).getString(),
                   q.getColumn(8).getString()};
  r.starts_at = timeAt(q, 9);
  r.ends_at = timeAt(q, 10);
  r.categories = decodeWords(q.getColumn(11).getString());
  r.channels = decodeChannels(q.getColumn(12).getString());
  r.hours = decodeHours(q.getColumn(13).getString());
  r.holidays = decodeWords(q.getColumn(14).getString());
  r.slot_minutes = q.getColumn(15).getInt();
  r.closed_at = optionalTime(q, 16);
  r.created_by = q.getColumn(17).getString();
  r.created_at = timeAt(q, 18);
  return r;
}

// title … closed_at: the first 14 parameters of kInsertReception and kUpdateReception.
void bindReceptionFields(SQLite::Statement &q, const rc::Reception &r) {
  q.bind(1, r.title.kk);
  q.bind(2, r.title.ru);
  q.bind(3, r.title.en);
  q.bind(4, r.description.kk);
  q.bind(5, r.description.ru);
  q.bind(6, r.description.en);
  bindTime(q, 7, r.starts_at);
  bindTime(q, 8, r.ends_at);
  q.bind(9, encodeWords(r.categories));
  q.bind(10, encodeChannels(r.channels));
  q.bind(11, encodeHours(r.hours));
  q.bind(12, encodeWords(r.holidays));
  q.bind(13, r.slot_minutes);
  bindOptional(q, 14, r.closed_at);
}

rc::DutyShift readShift(SQLite::Statement &q) {
  return {q.getColumn(0).getString(), q.getColumn(1).getString(),
          decodeKinds(q.getColumn(2).getString()), timeAt(q, 3), timeAt(q, 4)};
}

void insertTicket(Connection &db, const rc::Ticket &t) {
  std::vector<storage::sql::Statement> statements;
  storage::sql::statementsOf(core::NewTicket{t}, statements);
  for (const auto &statement : statements) run(db, statement);
}

// Rows of kTicketsHead…kTicketsTail: consecutive rows of one ticket carry its seats.
std::vector<rc::Ticket> readTickets(SQLite::Statement &q) {
  std::vector<rc::Ticket> out;
  while (q.executeStep()) {
    std::string id = q.getColumn(0).getString();
    if (out.empty() || out.back().id != id) {
      rc::Ticket t;
      t.id = std::move(id);
      t.reception_id = q.getColumn(1).getString();
      t.organisation_id = q.getColumn(2).getString();
      t.citizen_id = optionalText(q, 3);
      t.region = q.getColumn(4).getString();
      t.language = core::parseLanguage(q.getColumn(5).getString()).value_or(core::Language::ru);
      t.category = q.getColumn(6).getString();
      t.description = q.getColumn(7).getString();
      t.channel = rc::parseChannel(q.getColumn(8).getString()).value_or(rc::Channel::chat);
      t.contact = optionalText(q, 9);
      t.priority = q.getColumn(10).getInt();
      t.status =
          rc::parseTicketStatus(q.getColumn(11).getString()).value_or(rc::TicketStatus::waiting);
      t.slot_at = optionalTime(q, 12);
      t.secret_hash = q.getColumn(13).getString();
      t.room_id = optionalText(q, 14);
      t.created_at = timeAt(q, 15);
      t.served_at = optionalTime(q, 16);
      t.ended_at = optionalTime(q, 17);
      t.consent_version = q.getColumn(21).getString();
      t.consent_at = optionalTime(q, 22);
      t.erased_at = optionalTime(q, 23);
      out.push_back(std::move(t));
    }
    if (q.getColumn(18).isNull()) continue;
    rc::Seat seat;
    seat.kind = core::parseSpecialistKind(q.getColumn(18).getString())
                    .value_or(core::SpecialistKind::other);
    seat.specialist_id = optionalText(q, 19);
    seat.joined_at = optionalTime(q, 20);
    out.back().seats.push_back(std::move(seat));
  }
  return out;
}

// The tickets matching `filter` (an SQL condition on tickets whose parameters `bind` sets from
// index 1 on; it returns the next free index).
template <typename Bind>
std::vector<rc::Ticket> selectTickets(Connection &db, const std::string &filter, int limit,
                                      Bind bind) {
  SQLite::Statement &q = db.prepare(sql::kTicketsHead + filter + sql::kTicketsTail);
  int next = bind(q);
  q.bind(next, limit);
  return readTickets(q);
}

Result<rc::Ticket> oneTicket(std::vector<rc::Ticket> tickets) {
  if (tickets.empty()) return ErrorCode::not_found;
  return std::move(tickets.front());
}

rc::Room readRoom(SQLite::Statement &q) {
  rc::Room r;
  r.id = q.getColumn(0).getString();
  r.ticket_id = q.getColumn(1).getString();
  r.reception_id = q.getColumn(2).getString();
  r.organisation_id = q.getColumn(3).getString();
  r.created_at = timeAt(q, 4);
  r.closed_at = optionalTime(q, 5);
  if (!q.getColumn(6).isNull()) r.outcome = rc::parseOutcome(q.getColumn(6).getString());
  r.summary = q.getColumn(7).getString();
  r.duration_seconds = q.getColumn(8).getInt();
  r.last_seq = q.getColumn(9).getInt64();
  return r;
}

Result<rc::Room> loadRoom(Connection &db, const std::string &id) {
  SQLite::Statement &q = db.prepare(sql::kGetRoom);
  q.bind(1, id);
  if (!q.executeStep()) return ErrorCode::not_found;
  return readRoom(q);
}

std::vector<rc::Room> readRooms(SQLite::Statement &q) {
  std::vector<rc::Room> out;
  while (q.executeStep()) out.push_back(readRoom(q));
  return out;
}

void insertRoom(Connection &db, const rc::Room &r) {
  SQLite::Statement &q = db.prepare(sql::kInsertRoom);
  q.bind(1, r.id);
  q.bind(2, r.ticket_id);
  q.bind(3, r.reception_id);
  q.bind(4, r.organisation_id);
  bindTime(q, 5, r.created_at);
  bindOptional(q, 6, r.closed_at);
  if (r.outcome)
    q.bind(7, str(rc::toString(*r.outcome)));
  else
    q.bind(7);
  q.bind(8, r.summary);
  q.bind(9, r.duration_seconds);
  q.bind(10, static_cast<std::int64_t>(r.last_seq));
  q.exec();
}

// Adds the member, or re-adds them (clearing left_at); false when the room does not exist.
bool upsertMember(Connection &db, const rc::RoomMember &m) {
  SQLite::Statement &q = db.prepare(sql::kUpsertMember);
  q.bind(1, m.room_id);
  q.bind(2, m.user_id);
  if (m.kind)
    q.bind(3, str(core::toString(*m.kind)));
  else
    q.bind(3);
  bindTime(q, 4, m.joined_at);
  q.bind(5, static_cast<std::int64_t>(m.last_read_seq));
  return q.exec() > 0;
}

rc::ChatMessage readMessage(SQLite::Statement &q) {
  rc::ChatMessage m;
  m.room_id = q.getColumn(0).getString();
  m.seq = q.getColumn(1).getInt64();
  m.sender_id = q.getColumn(2).getString();
  m.client_id = q.getColumn(3).getString();
  m.kind = rc::parseMessageKind(q.getColumn(4).getString()).value_or(rc::MessageKind::text);
  m.body = q.getColumn(5).getString();
  m.attachment_id = optionalText(q, 6);
  m.at = timeAt(q, 7);
  return m;
}

rc::Feedback readFeedback(SQLite::Statement &q) {
  return {q.getColumn(0).getString(),
          q.getColumn(1).getString(),
          q.getColumn(2).getString(),
          q.getColumn(3).getInt(),
          q.getColumn(4).getString(),
          q.getColumn(5).getString(),
          timeAt(q, 6)};
}

bool ticketExists(Connection &db, const std::string &id) {
  SQLite::Statement &q = db.prepare(sql::kTicketExists);
  q.bind(1, id);
  return q.executeStep();
}

Result<rc::Room> claimSeatJob(Connection &db, const std::string &ticket_id,
                              core::SpecialistKind kind, const std::string &specialist_id,
                              const rc::Room &new_room, core::Time now) {
  SQLite::Statement &ticket = db.prepare(sql::kTicketForClaim);
  ticket.bind(1, ticket_id);
  if (!ticket.executeStep()) return ErrorCode::not_found;
  auto status = rc::parseTicketStatus(ticket.getColumn(0).getString());
  std::optional<std::string> room_id = optionalText(ticket, 1);
  std::string reception_id = ticket.getColumn(2).getString();
  std::string organisation_id = ticket.getColumn(3).getString();
  std::optional<std::string> citizen_id = optionalText(ticket, 4);
  if (status != rc::TicketStatus::waiting && status != rc::TicketStatus::in_room)
    return core::Error::make(ErrorCode::conflict, "ticket is not waiting");

  const std::string kind_text = str(core::toString(kind));
  SQLite::Statement &seat = db.prepare(sql::kSeatHolder);
  seat.bind(1, ticket_id);
  seat.bind(2, kind_text);
  if (!seat.executeStep()) return core::Error::make(ErrorCode::not_found, "no seat of that kind");
  if (!seat.getColumn(0).isNull()) return core::Error::make(ErrorCode::conflict, "seat taken");

  if (!room_id) {
    room_id = new_room.id;
    SQLite::Statement &room = db.prepare(sql::kInsertRoomForTicket);
    room.bind(1, new_room.id);
    room.bind(2, ticket_id);
    room.bind(3, reception_id);
    room.bind(4, organisation_id);
    bindTime(room, 5, new_room.created_at);
    room.exec();
    SQLite::Statement &link = db.prepare(sql::kSetTicketRoom);
    link.bind(1, new_room.id);
    link.bind(2, ticket_id);
    link.exec();
    if (citizen_id) upsertMember(db, {*room_id, *citizen_id, std::nullopt, now, std::nullopt, 0});
  }
  upsertMember(db, {*room_id, specialist_id, kind, now, std::nullopt, 0});

  SQLite::Statement &take = db.prepare(sql::kTakeSeat);
  take.bind(1, specialist_id);
  bindTime(take, 2, now);
  take.bind(3, ticket_id);
  take.bind(4, kind_text);
  take.exec();
  SQLite::Statement &in_room = db.prepare(sql::kTicketInRoom);
  bindTime(in_room, 1, now);
  in_room.bind(2, ticket_id);
  in_room.exec();
  return loadRoom(db, *room_id);
}

// The insert comes first: a resend (same room, sender and client_id) is rare, and the unique
// index finds it while inserting, so the common case reads no message before writing.
Result<rc::ChatMessage> appendMessageJob(Connection &db, rc::ChatMessage m) {
  SQLite::Statement &room = db.prepare(sql::kRoomLastSeq);
  room.bind(1, m.room_id);
  if (!room.executeStep()) return ErrorCode::not_found;
  m.seq = room.getColumn(0).getInt64() + 1;

  SQLite::Statement &insert = db.prepare(sql::kInsertMessage);
  insert.bind(1, m.room_id);
  insert.bind(2, static_cast<std::int64_t>(m.seq));
  insert.bind(3, m.sender_id);
  insert.bind(4, m.client_id);
  insert.bind(5, str(rc::toString(m.kind)));
  insert.bind(6, m.body);
  bindOptional(insert, 7, m.attachment_id);
  bindTime(insert, 8, m.at);
  try {
    insert.exec();
  } catch (const SQLite::Exception &e) {
    if (m.client_id.empty() || toError(e).code != ErrorCode::conflict) throw;
    SQLite::Statement &resend = db.prepare(sql::kFindResend); // stored before: the same answer
    resend.bind(1, m.room_id);
    resend.bind(2, m.sender_id);
    resend.bind(3, m.client_id);
    if (resend.executeStep()) return readMessage(resend);
    throw;
  }
  SQLite::Statement &advance = db.prepare(sql::kSetLastSeq);
  advance.bind(1, static_cast<std::int64_t>(m.seq));
  advance.bind(2, m.room_id);
  advance.exec();
  return m;
}

} // namespace

// --- categories and receptions -----------------------------------------------------------

Task<std::vector<std::string>> SqliteStore::listCategories() {
  return read<std::vector<std::string>>([](Connection &db) {
    SQLite::Statement &q = db.prepare(sql::kListCategories);
    std::vector<std::string> out;
    while (q.executeStep()) out.push_back(q.getColumn(0).getString());
    return Result<std::vector<std::string>>(std::move(out));
  });
}

Task<Unit> SqliteStore::addCategory(const std::string &code) {
  return write<Unit>([code](Connection &db) -> Result<Unit> {
    SQLite::Statement &q = db.prepare(sql::kInsertCategory);
    q.bind(1, code);
    q.exec();
    return Unit{};
  });
}

Task<Unit> SqliteStore::createReception(const rc::Reception &r) {
  return write<Unit>([r](Connection &db) -> Result<Unit> {
    SQLite::Statement &q = db.prepare(sql::kInsertReception);
    bindReceptionFields(q, r);
    q.bind(15, r.id);
    q.bind(16, r.organisation_id);
    q.bind(17, str(rc::toString(r.kind)));
    q.bind(18, r.created_by);
    bindTime(q, 19, r.created_at);
    q.exec();
    return Unit{};
  });
}

Task<rc::Reception> SqliteStore::getReception(const std::string &id) {
  return read<rc::Reception>([id](Connection &db) -> Result<rc::Reception> {
    SQLite::Statement &q = db.prepare(sql::kGetReception);
    q.bind(1, id);
    if (!q.executeStep()) return ErrorCode::not_found;
    return readReception(q);
  });
}

Task<Unit> SqliteStore::updateReception(const rc::Reception &r) {
  return write<Unit>([r](Connection &db) -> Result<Unit> {
    SQLite::Statement &q = db.prepare(sql::kUpdateReception);
    bindReceptionFields(q, r);
    q.bind(15, r.id);
    if (q.exec() == 0) return ErrorCode::not_found;
    return Unit{};
  });
}

Task<std::vector<rc::Reception>>
SqliteStore::listReceptions(const std::optional<std::string> &organisation_id,
                            core::Time ends_after) {
  return read<std::vector<rc::Reception>>([organisation_id, ends_after](Connection &db) {
    SQLite::Statement &q =
        db.prepare(organisation_id ? sql::kListReceptionsOf : sql::kListReceptions);
    bindTime(q, 1, ends_after);
    if (organisation_id) q.bind(2, *organisation_id);
    std::vector<rc::Reception> out;
    while (q.executeStep()) out.push_back(readReception(q));
    return Result<std::vector<rc::Reception>>(std::move(out));
  });
}

Task<rc::Reception> SqliteStore::getPermanentLine(const std::string &organisation_id) {
  return read<rc::Reception>([organisation_id](Connection &db) -> Result<rc::Reception> {
    SQLite::Statement &q = db.prepare(sql::kGetPermanentLine);
    q.bind(1, organisation_id);
    if (!q.executeStep()) return ErrorCode::not_found;
    return readReception(q);
  });
}

// --- roster ------------------------------------------------------------------------------

Task<Unit> SqliteStore::setRoster(const std::string &reception_id,
                                  const std::vector<rc::DutyShift> &shifts) {
  return write<Unit>([reception_id, shifts](Connection &db) -> Result<Unit> {
    SQLite::Statement &clear = db.prepare(sql::kDeleteRoster);
    clear.bind(1, reception_id);
    clear.exec();
    SQLite::Statement &q = db.prepare(sql::kInsertShift);
    for (const auto &s : shifts) {
      q.reset();
      q.bind(1, reception_id);
      q.bind(2, s.specialist_id);
      q.bind(3, encodeKinds(s.kinds));
      bindTime(q, 4, s.from);
      bindTime(q, 5, s.to);
      q.exec();
    }
    return Unit{};
  });
}

Task<std::vector<rc::DutyShift>> SqliteStore::listRoster(const std::string &reception_id) {
  return read<std::vector<rc::DutyShift>>([reception_id](Connection &db) {
    SQLite::Statement &q = db.prepare(sql::kListRoster);
    q.bind(1, reception_id);
    std::vector<rc::DutyShift> out;
    while (q.executeStep()) out.push_back(readShift(q));
    return Result<std::vector<rc::DutyShift>>(std::move(out));
  });
}

Task<std::vector<rc::DutyShift>> SqliteStore::listShiftsOf(const std::string &specialist_id,
                                                           core::Time now) {
  return read<std::vector<rc::DutyShift>>([specialist_id, now](Connection &db) {
    SQLite::Statement &q = db.prepare(sql::kListShiftsOf);
    q.bind(1, specialist_id);
    bindTime(q, 2, now);
    std::vector<rc::DutyShift> out;
    while (q.executeStep()) out.push_back(readShift(q));
    return Result<std::vector<rc::DutyShift>>(std::move(out));
  });
}

// --- tickets and seats -------------------------------------------------------------------

Task<Unit> SqliteStore::createTicket(const rc::Ticket &ticket) {
  core::UnitOfWork work;
  work.add(core::NewTicket{ticket});
  return commit(work);
}

Task<rc::Ticket> SqliteStore::getTicket(const std::string &id) {
  return read<rc::Ticket>([id](Connection &db) {
    return oneTicket(selectTickets(db, "id = ?", 1, [&](SQLite::Statement &q) {
      q.bind(1, id);
      return 2;
    }));
  });
}

Task<rc::Ticket> SqliteStore::findTicketBySecret(const std::string &secret_hash) {
  return read<rc::Ticket>([secret_hash](Connection &db) {
    return oneTicket(
        selectTickets(db, "secret_hash = ? AND secret_hash <> ''", 1, [&](SQLite::Statement &q) {
          q.bind(1, secret_hash);
          return 2;
        }));
  });
}

Task<std::vector<rc::Ticket>> SqliteStore::listTickets(const TicketQuery &query) {
  return read<std::vector<rc::Ticket>>([query](Connection &db) {
    std::string filter = "1 = 1";
    if (query.reception_id) filter += " AND reception_id = ?";
    if (query.organisation_id) filter += " AND organisation_id = ?";
    if (query.citizen_id) filter += " AND citizen_id = ?";
    if (!query.statuses.empty()) {
      filter += " AND status IN (?";
      for (std::size_t i = 1; i < query.statuses.size(); ++i) filter += ", ?";
      filter += ")";
    }
    return Result<std::vector<rc::Ticket>>(
        selectTickets(db, filter, query.limit, [&](SQLite::Statement &q) {
          int i = 1;
          if (query.reception_id) q.bind(i++, *query.reception_id);
          if (query.organisation_id) q.bind(i++, *query.organisation_id);
          if (query.citizen_id) q.bind(i++, *query.citizen_id);
          for (auto s : query.statuses) q.bind(i++, str(rc::toString(s)));
          return i;
        }));
  });
}

Task<Unit> SqliteStore::transitionTicket(const rc::Ticket &changed,
                                         const std::vector<rc::TicketStatus> &from) {
  return write<Unit>([changed, from](Connection &db) -> Result<Unit> {
    if (!from.empty()) {
      std::string text = sql::kTransitionTicket;
      for (std::size_t i = 0; i < from.size(); ++i) text += i == 0 ? "?" : ", ?";
      text += ")";
      SQLite::Statement &q = db.prepare(text);
      q.bind(1, str(rc::toString(changed.status)));
      q.bind(2, changed.reception_id);
      bindOptional(q, 3, changed.ended_at);
      q.bind(4, changed.priority);
      q.bind(5, changed.id);
      int i = 6;
      for (auto s : from) q.bind(i++, str(rc::toString(s)));
      if (q.exec() > 0) return Unit{};
    }
    if (!ticketExists(db, changed.id)) return ErrorCode::not_found;
    return core::Error::make(ErrorCode::conflict, "ticket moved meanwhile");
  });
}

Task<rc::Room> SqliteStore::claimSeat(const std::string &ticket_id, core::SpecialistKind kind,
                                      const std::string &specialist_id, const rc::Room &new_room,
                                      core::Time now, const core::UnitOfWork &also) {
  return write<rc::Room>([=, statements = storage::sql::statementsOf(also)](Connection &db) {
    auto room = claimSeatJob(db, ticket_id, kind, specialist_id, new_room, now);
    if (room)
      for (const auto &s : statements) run(db, s);
    return room;
  });
}

Task<Unit> SqliteStore::releaseSeat(const std::string &ticket_id, core::SpecialistKind kind) {
  return write<Unit>([ticket_id, kind](Connection &db) -> Result<Unit> {
    SQLite::Statement &q = db.prepare(sql::kFreeSeat);
    q.bind(1, ticket_id);
    q.bind(2, str(core::toString(kind)));
    if (q.exec() == 0) return ErrorCode::not_found;
    SQLite::Statement &wait = db.prepare(sql::kWaitAgainIfNobodyLeft);
    wait.bind(1, ticket_id);
    wait.exec();
    return Unit{};
  });
}

Task<Unit> SqliteStore::addSeat(const std::string &ticket_id, core::SpecialistKind kind) {
  return write<Unit>([ticket_id, kind](Connection &db) -> Result<Unit> {
    if (!ticketExists(db, ticket_id)) return ErrorCode::not_found;
    SQLite::Statement &next = db.prepare(sql::kNextSeatPosition);
    next.bind(1, ticket_id);
    next.executeStep();
    SQLite::Statement &q = db.prepare(sql::kInsertSeat);
    q.bind(1, ticket_id);
    q.bind(2, next.getColumn(0).getInt());
    q.bind(3, str(core::toString(kind)));
    q.bind(4);
    q.bind(5);
    q.exec();
    return Unit{};
  });
}

// --- rooms -------------------------------------------------------------------------------

Task<rc::Room> SqliteStore::getRoom(const std::string &id) {
  return read<rc::Room>([id](Connection &db) { return loadRoom(db, id); });
}

Task<std::vector<rc::Room>> SqliteStore::listRoomsOf(const std::string &user_id, bool open_only) {
  return read<std::vector<rc::Room>>([user_id, open_only](Connection &db) {
    SQLite::Statement &q = db.prepare(open_only ? sql::kListOpenRoomsOf : sql::kListRoomsOf);
    q.bind(1, user_id);
    return Result<std::vector<rc::Room>>(readRooms(q));
  });
}

Task<std::vector<rc::Room>> SqliteStore::listOpenRooms(const std::string &reception_id) {
  return read<std::vector<rc::Room>>([reception_id](Connection &db) {
    SQLite::Statement &q = db.prepare(sql::kListOpenRooms);
    q.bind(1, reception_id);
    return Result<std::vector<rc::Room>>(readRooms(q));
  });
}

Task<Unit> SqliteStore::addRoomMember(const rc::RoomMember &member) {
  return write<Unit>([member](Connection &db) -> Result<Unit> {
    if (!upsertMember(db, member)) return ErrorCode::not_found;
    return Unit{};
  });
}

Task<Unit> SqliteStore::leaveRoom(const std::string &room_id, const std::string &user_id,
                                  core::Time now) {
  return write<Unit>([room_id, user_id, now](Connection &db) -> Result<Unit> {
    SQLite::Statement &q = db.prepare(sql::kLeaveRoom);
    bindTime(q, 1, now);
    q.bind(2, room_id);
    q.bind(3, user_id);
    if (q.exec() == 0) return ErrorCode::not_found;
    return Unit{};
  });
}

Task<std::vector<rc::RoomMember>> SqliteStore::listRoomMembers(const std::string &room_id) {
  return read<std::vector<rc::RoomMember>>([room_id](Connection &db) {
    SQLite::Statement &q = db.prepare(sql::kListMembers);
    q.bind(1, room_id);
    std::vector<rc::RoomMember> out;
    while (q.executeStep()) {
      rc::RoomMember m;
      m.room_id = q.getColumn(0).getString();
      m.user_id = q.getColumn(1).getString();
      if (!q.getColumn(2).isNull()) m.kind = core::parseSpecialistKind(q.getColumn(2).getString());
      m.joined_at = timeAt(q, 3);
      m.left_at = optionalTime(q, 4);
      m.last_read_seq = q.getColumn(5).getInt64();
      out.push_back(std::move(m));
    }
    return Result<std::vector<rc::RoomMember>>(std::move(out));
  });
}

Task<std::vector<rc::CallRecord>> SqliteStore::listCallRecords(const std::string &room_id) {
  return read<std::vector<rc::CallRecord>>([room_id](Connection &db) {
    SQLite::Statement &q = db.prepare(sql::kListCallRecords);
    q.bind(1, room_id);
    std::vector<rc::CallRecord> out;
    while (q.executeStep()) {
      rc::CallRecord r;
      r.room_id = q.getColumn(0).getString();
      r.at = timeAt(q, 1);
      r.kind = q.getColumn(2).getString();
      r.user_id = q.getColumn(3).getString();
      r.detail = q.getColumn(4).getString();
      out.push_back(std::move(r));
    }
    return Result<std::vector<rc::CallRecord>>(std::move(out));
  });
}

Task<Unit> SqliteStore::markRead(const std::string &room_id, const std::string &user_id,
                                 std::int64_t seq) {
  return write<Unit>([room_id, user_id, seq](Connection &db) -> Result<Unit> {
    SQLite::Statement &q = db.prepare(sql::kMarkRead);
    q.bind(1, static_cast<std::int64_t>(seq));
    q.bind(2, room_id);
    q.bind(3, user_id);
    if (q.exec() == 0) return ErrorCode::not_found;
    return Unit{};
  });
}

Task<std::optional<rc::ChatMessage>>
SqliteStore::closeRoom(const rc::Room &closed, const std::optional<rc::ChatMessage> &message,
                       const core::UnitOfWork &also) {
  using Closed = std::optional<rc::ChatMessage>;
  return write<Closed>([closed, message, statements = storage::sql::statementsOf(also)](
                           Connection &db) -> Result<Closed> {
    if (!closed.closed_at)
      return core::Error::make(ErrorCode::validation_failed, "closeRoom without closed_at");
    SQLite::Statement &ticket = db.prepare(sql::kRoomTicket);
    ticket.bind(1, closed.id);
    if (!ticket.executeStep()) return ErrorCode::not_found;
    std::string ticket_id = ticket.getColumn(0).getString();
    SQLite::Statement &q = db.prepare(sql::kCloseRoom);
    bindOptional(q, 1, closed.closed_at);
    if (closed.outcome)
      q.bind(2, str(rc::toString(*closed.outcome)));
    else
      q.bind(2);
    q.bind(3, closed.summary);
    q.bind(4, closed.duration_seconds);
    q.bind(5, closed.id);
    if (q.exec() == 0) return core::Error::make(ErrorCode::conflict, "room already closed");
    SQLite::Statement &end = db.prepare(sql::kCloseTicket);
    bindOptional(end, 1, closed.closed_at);
    end.bind(2, ticket_id);
    end.exec();
    Closed stored;
    if (message) {
      auto appended = appendMessageJob(db, *message);
      if (!appended) return appended.error();
      stored = std::move(*appended);
    }
    for (const auto &s : statements) run(db, s);
    return stored;
  });
}

Task<std::vector<std::string>> SqliteStore::ticketsToErase(core::Time before, int limit) {
  return read<std::vector<std::string>>([before, limit](Connection &db) {
    SQLite::Statement &q =
        db.prepare("SELECT id FROM tickets WHERE erased_at IS NULL AND ended_at IS NOT NULL "
                   "AND ended_at < ? ORDER BY ended_at LIMIT ?");
    q.bind(1, static_cast<std::int64_t>(core::toMillis(before)));
    q.bind(2, limit);
    std::vector<std::string> out;
    while (q.executeStep()) out.push_back(q.getColumn(0).getString());
    return Result<std::vector<std::string>>(std::move(out));
  });
}

Task<std::vector<std::string>> SqliteStore::ticketAttachments(const std::string &ticket_id) {
  return read<std::vector<std::string>>([ticket_id](Connection &db) {
    SQLite::Statement &q = db.prepare("SELECT a.id FROM attachments a JOIN rooms r "
                                      "ON r.id = a.room_id WHERE r.ticket_id = ? ORDER BY a.id");
    q.bind(1, ticket_id);
    std::vector<std::string> out;
    while (q.executeStep()) out.push_back(q.getColumn(0).getString());
    return Result<std::vector<std::string>>(std::move(out));
  });
}

Task<Unit> SqliteStore::recordPhoneConsultation(const rc::Ticket &ticket, const rc::Room &room) {
  return write<Unit>([ticket, room](Connection &db) -> Result<Unit> {
    auto stored = ticket;
    stored.status = rc::TicketStatus::closed;
    stored.room_id = room.id;
    insertTicket(db, stored);
    auto linked = room;
    linked.ticket_id = ticket.id;
    insertRoom(db, linked);
    return Unit{};
  });
}

// --- messages, notes, attachments --------------------------------------------------------

Task<rc::ChatMessage> SqliteStore::appendMessage(const rc::ChatMessage &message) {
  return write<rc::ChatMessage>(
      [message](Connection &db) { return appendMessageJob(db, message); });
}

Task<std::vector<rc::ChatMessage>> SqliteStore::listMessages(const std::string &room_id,
                                                             std::int64_t after_seq, int limit) {
  return read<std::vector<rc::ChatMessage>>([room_id, after_seq, limit](Connection &db) {
    SQLite::Statement &q = db.prepare(sql::kListMessages);
    q.bind(1, room_id);
    q.bind(2, static_cast<std::int64_t>(after_seq));
    q.bind(3, limit);
    std::vector<rc::ChatMessage> out;
    while (q.executeStep()) out.push_back(readMessage(q));
    return Result<std::vector<rc::ChatMessage>>(std::move(out));
  });
}

Task<Unit> SqliteStore::addNote(const rc::Note &note) {
  return write<Unit>([note](Connection &db) -> Result<Unit> {
    SQLite::Statement &q = db.prepare(sql::kInsertNote);
    q.bind(1, note.id);
    q.bind(2, note.room_id);
    q.bind(3, note.author_id);
    q.bind(4, note.body);
    bindTime(q, 5, note.at);
    q.exec();
    return Unit{};
  });
}

Task<std::vector<rc::Note>> SqliteStore::listNotes(const std::string &room_id) {
  return read<std::vector<rc::Note>>([room_id](Connection &db) {
    SQLite::Statement &q = db.prepare(sql::kListNotes);
    q.bind(1, room_id);
    std::vector<rc::Note> out;
    while (q.executeStep())
      out.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(),
                     q.getColumn(2).getString(), q.getColumn(3).getString(), timeAt(q, 4)});
    return Result<std::vector<rc::Note>>(std::move(out));
  });
}

Task<Unit> SqliteStore::createAttachment(const rc::Attachment &a) {
  return write<Unit>([a](Connection &db) -> Result<Unit> {
    SQLite::Statement &q = db.prepare(sql::kInsertAttachment);
    q.bind(1, a.id);
    q.bind(2, a.room_id);
    q.bind(3, a.uploader_id);
    q.bind(4, a.file_name);
    q.bind(5, a.content_type);
    q.bind(6, static_cast<std::int64_t>(a.size));
    bindTime(q, 7, a.at);
    q.exec();
    return Unit{};
  });
}

Task<rc::Attachment> SqliteStore::getAttachment(const std::string &id) {
  return read<rc::Attachment>([id](Connection &db) -> Result<rc::Attachment> {
    SQLite::Statement &q = db.prepare(sql::kGetAttachment);
    q.bind(1, id);
    if (!q.executeStep()) return ErrorCode::not_found;
    return rc::Attachment{q.getColumn(0).getString(),
                          q.getColumn(1).getString(),
                          q.getColumn(2).getString(),
                          q.getColumn(3).getString(),
                          q.getColumn(4).getString(),
                          q.getColumn(5).getInt64(),
                          timeAt(q, 6)};
  });
}

Task<core::Store::AttachmentUsage> SqliteStore::roomAttachments(const std::string &room_id) {
  return read<AttachmentUsage>([room_id](Connection &db) -> Result<AttachmentUsage> {
    SQLite::Statement &q = db.prepare(sql::kRoomAttachments);
    q.bind(1, room_id);
    q.executeStep();
    return AttachmentUsage{q.getColumn(0).getInt64(), q.getColumn(1).getInt64()};
  });
}

Task<core::Store::AttachmentUsage> SqliteStore::attachmentsBy(const std::string &uploader_id,
                                                              core::Time since) {
  return read<AttachmentUsage>([uploader_id, since](Connection &db) -> Result<AttachmentUsage> {
    SQLite::Statement &q = db.prepare(sql::kAttachmentsBy);
    q.bind(1, uploader_id);
    bindTime(q, 2, since);
    q.executeStep();
    return AttachmentUsage{q.getColumn(0).getInt64(), q.getColumn(1).getInt64()};
  });
}

// --- feedback and figures ----------------------------------------------------------------

Task<Unit> SqliteStore::createFeedback(const rc::Feedback &f) {
  return write<Unit>([f](Connection &db) -> Result<Unit> {
    SQLite::Statement &q = db.prepare(sql::kInsertFeedback);
    q.bind(1, f.ticket_id);
    q.bind(2, f.reception_id);
    q.bind(3, f.organisation_id);
    q.bind(4, f.rating);
    q.bind(5, f.comment);
    q.bind(6, f.proposal);
    bindTime(q, 7, f.at);
    q.exec();
    return Unit{};
  });
}

Task<rc::Feedback> SqliteStore::getFeedback(const std::string &ticket_id) {
  return read<rc::Feedback>([ticket_id](Connection &db) -> Result<rc::Feedback> {
    SQLite::Statement &q = db.prepare(sql::kGetFeedback);
    q.bind(1, ticket_id);
    if (!q.executeStep()) return ErrorCode::not_found;
    return readFeedback(q);
  });
}

Task<std::vector<rc::Feedback>> SqliteStore::listProposals(const std::string &organisation_id) {
  return read<std::vector<rc::Feedback>>([organisation_id](Connection &db) {
    SQLite::Statement &q = db.prepare(sql::kListProposals);
    q.bind(1, organisation_id);
    std::vector<rc::Feedback> out;
    while (q.executeStep()) out.push_back(readFeedback(q));
    return Result<std::vector<rc::Feedback>>(std::move(out));
  });
}

Task<std::vector<rc::Feedback>> SqliteStore::listComments(const std::string &reception_id,
                                                          std::optional<FeedbackCursor> before,
                                                          int limit) {
  return read<std::vector<rc::Feedback>>([reception_id, before, limit](Connection &db) {
    SQLite::Statement &q = db.prepare(sql::kListComments);
    q.bind(1, reception_id);
    if (before) {
      bindTime(q, 2, before->at);
      q.bind(3, before->ticket_id);
    } else {
      q.bind(2);
      q.bind(3);
    }
    q.bind(4, limit);
    std::vector<rc::Feedback> out;
    while (q.executeStep()) out.push_back(readFeedback(q));
    return Result<std::vector<rc::Feedback>>(std::move(out));
  });
}

Task<std::vector<rc::ConsultationRecord>>
SqliteStore::listConsultations(const ConsultationQuery &query) {
  return read<std::vector<rc::ConsultationRecord>>([query](Connection &db) {
    std::string text = sql::kConsultationsHead;
    if (query.reception_id) text += " AND t.reception_id = ?";
    if (query.organisation_id) text += " AND t.organisation_id = ?";
    text += sql::kConsultationsTail;
    SQLite::Statement &q = db.prepare(text);
    bindTime(q, 1, query.from);
    bindTime(q, 2, query.to);
    int i = 3;
    if (query.reception_id) q.bind(i++, *query.reception_id);
    if (query.organisation_id) q.bind(i++, *query.organisation_id);
    std::vector<rc::ConsultationRecord> out;
    while (q.executeStep()) {
      std::string id = q.getColumn(0).getString();
      if (out.empty() || out.back().ticket_id != id) {
        rc::ConsultationRecord c;
        c.ticket_id = std::move(id);
        c.reception_id = q.getColumn(1).getString();
        c.organisation_id = q.getColumn(2).getString();
        c.region = q.getColumn(3).getString();
        c.language = core::parseLanguage(q.getColumn(4).getString()).value_or(core::Language::ru);
        c.category = q.getColumn(5).getString();
        c.channel = rc::parseChannel(q.getColumn(6).getString()).value_or(rc::Channel::chat);
        c.status =
            rc::parseTicketStatus(q.getColumn(7).getString()).value_or(rc::TicketStatus::closed);
        c.created_at = timeAt(q, 8);
        c.served_at = optionalTime(q, 9);
        c.ended_at = optionalTime(q, 10);
        if (!q.getColumn(11).isNull()) c.outcome = rc::parseOutcome(q.getColumn(11).getString());
        c.duration_seconds = q.getColumn(12).getInt();
        if (!q.getColumn(13).isNull()) c.rating = q.getColumn(13).getInt();
        if (!q.getColumn(15).isNull()) decodeCallSummary(q.getColumn(15).getString(), c);
        out.push_back(std::move(c));
      }
      if (!q.getColumn(14).isNull())
        if (auto kind = core::parseSpecialistKind(q.getColumn(14).getString()))
          out.back().kinds.push_back(*kind);
    }
    return Result<std::vector<rc::ConsultationRecord>>(std::move(out));
  });
}

Task<core::Store::FigureDays> SqliteStore::listFigureDays(const ConsultationQuery &scope,
                                                          std::int64_t first, std::int64_t last) {
  return read<FigureDays>([scope, first, last](Connection &db) {
    FigureDays out;
    out.last_settled = db.execAndGet(storage::sql::kSqliteLastSettledDay).getInt64();
    SQLite::Statement &q = db.prepare(scope.reception_id ? storage::sql::kFigureDaysOfReception
                                                         : storage::sql::kFigureDaysOfOrganisation);
    q.bind(1, scope.reception_id.value_or(scope.organisation_id.value_or("")));
    q.bind(2, static_cast<std::int64_t>(first));
    q.bind(3, static_cast<std::int64_t>(last));
    q.bind(4, static_cast<std::int64_t>(out.last_settled));
    while (q.executeStep()) {
      FigureDay d{q.getColumn(0).getString(), q.getColumn(1).getInt64(), q.getColumn(2).getInt64(),
                  std::nullopt};
      if (!q.getColumn(3).isNull() && q.getColumn(3).getInt64() == d.generation)
        d.tally = decodeTally(q.getColumn(4).getString());
      out.days.push_back(std::move(d));
    }
    return Result<FigureDays>(std::move(out));
  });
}

Task<Unit> SqliteStore::storeFigureDays(const std::vector<FigureDay> &days) {
  return write<Unit>([days](Connection &db) -> Result<Unit> {
    for (const auto &d : days) {
      if (!d.tally) continue;
      SQLite::Statement &q = db.prepare(storage::sql::kStoreFigureDay);
      q.bind(1, encodeTally(*d.tally));
      q.bind(2, static_cast<std::int64_t>(d.generation));
      q.bind(3, d.reception_id);
      q.bind(4, static_cast<std::int64_t>(d.day));
      q.bind(5, static_cast<std::int64_t>(d.generation));
      q.exec();
    }
    return Unit{};
  });
}

} // namespace kelisim::storage::sqlite
