// The one storage interface the services use. Two backends implement it: SQLite (embedded
// default, storage/sqlite/) and PostgreSQL (scale, storage/postgres/). Every method is a
// coroutine on the caller's executor and returns once its write is committed (durable);
// expected failures (not found, e-mail taken) come back as Result errors, never exceptions.
// The contract both backends keep is written down as tests in storage/contract_test.cpp.
#pragma once

#include "core/error.hpp"
#include "core/model.hpp"
#include "core/ports/unit_of_work.hpp"
#include "core/reception/model.hpp"

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

  // Writes every change of `work` in one transaction, in order: all or none. The errors are
  // those of the single-change methods below (conflict when an e-mail or id is taken).
  // `work` is read at the call: it need not outlive it.
  virtual Task<Unit> commit(const core::UnitOfWork &work) = 0;

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

  // --- Virtual receptions (issue 3). `rc` is core::reception. ----------------------------
  // Question categories: the base ones (seeded) and those an admin added; ordered by code.
  virtual Task<std::vector<std::string>> listCategories() = 0;
  // conflict when the code exists.
  virtual Task<Unit> addCategory(const std::string &code) = 0;

  virtual Task<Unit> createReception(const core::reception::Reception &reception) = 0;
  virtual Task<core::reception::Reception> getReception(const std::string &id) = 0;
  // Replaces every field but id, organisation_id, kind, created_by, created_at.
  virtual Task<Unit> updateReception(const core::reception::Reception &reception) = 0;
  // Receptions with ends_at > ends_after and not closed before it, ordered by starts_at then
  // id; only the organisation's when given. Permanent lines are included.
  virtual Task<std::vector<core::reception::Reception>>
  listReceptions(const std::optional<std::string> &organisation_id, core::Time ends_after) = 0;
  // The organisation's permanent line; not_found if it has none.
  virtual Task<core::reception::Reception> getPermanentLine(const std::string &organisation_id) = 0;

  // Replaces the reception's whole roster.
  virtual Task<Unit> setRoster(const std::string &reception_id,
                               const std::vector<core::reception::DutyShift> &shifts) = 0;
  // Ordered by from, then specialist_id.
  virtual Task<std::vector<core::reception::DutyShift>>
  listRoster(const std::string &reception_id) = 0;
  // Every shift of a specialist that has not ended at `now`, ordered by from.
  virtual Task<std::vector<core::reception::DutyShift>>
  listShiftsOf(const std::string &specialist_id, core::Time now) = 0;

  // Stores the ticket with its seats.
  virtual Task<Unit> createTicket(const core::reception::Ticket &ticket) = 0;
  virtual Task<core::reception::Ticket> getTicket(const std::string &id) = 0;
  virtual Task<core::reception::Ticket> findTicketBySecret(const std::string &secret_hash) = 0;
  // Filters that are set must all hold; ordered by created_at then id; at most `limit`.
  struct TicketQuery {
    std::optional<std::string> reception_id;
    std::optional<std::string> organisation_id;
    std::optional<std::string> citizen_id;
    std::vector<core::reception::TicketStatus> statuses; // empty: any
    int limit = 1000;
  };
  virtual Task<std::vector<core::reception::Ticket>> listTickets(const TicketQuery &query) = 0;
  // Moves a ticket from one of `from` to `to` (and sets reception_id, ended_at and priority
  // as given in `changed`); conflict when its status is not one of `from` (someone else
  // moved it first). Seats, room and secret are not touched.
  virtual Task<Unit> transitionTicket(const core::reception::Ticket &changed,
                                      const std::vector<core::reception::TicketStatus> &from) = 0;

  // One transaction: the ticket's free seat of `kind` goes to `specialist_id` at `now`; the
  // ticket gets a room if it had none (`new_room` is used then; the citizen becomes its
  // member), the specialist becomes a member, the ticket becomes in_room (served_at set once).
  // conflict when the seat is taken or the ticket is not waiting/in_room. Returns the room.
  virtual Task<core::reception::Room> claimSeat(const std::string &ticket_id,
                                                core::SpecialistKind kind,
                                                const std::string &specialist_id,
                                                const core::reception::Room &new_room,
                                                core::Time now) = 0;
  // Gives a ticket's seat back (a transfer or a specialist who left before closing): the
  // seat becomes free and, if the ticket has no specialist left, it waits again.
  virtual Task<Unit> releaseSeat(const std::string &ticket_id, core::SpecialistKind kind) = 0;
  // Adds a seat of another kind (transfer to another kind); conflict if the kind is there.
  virtual Task<Unit> addSeat(const std::string &ticket_id, core::SpecialistKind kind) = 0;

  virtual Task<core::reception::Room> getRoom(const std::string &id) = 0;
  // Rooms the user is a member of (not left), newest first.
  virtual Task<std::vector<core::reception::Room>> listRoomsOf(const std::string &user_id,
                                                               bool open_only) = 0;
  // Open rooms of a reception, oldest first.
  virtual Task<std::vector<core::reception::Room>>
  listOpenRooms(const std::string &reception_id) = 0;
  // Adds (or re-adds, clearing left_at) a member.
  virtual Task<Unit> addRoomMember(const core::reception::RoomMember &member) = 0;
  virtual Task<Unit> leaveRoom(const std::string &room_id, const std::string &user_id,
                               core::Time now) = 0;
  // Members ever in the room, ordered by joined_at.
  virtual Task<std::vector<core::reception::RoomMember>>
  listRoomMembers(const std::string &room_id) = 0;
  // Raises the member's read marker (never lowers it).
  virtual Task<Unit> markRead(const std::string &room_id, const std::string &user_id,
                              std::int64_t seq) = 0;
  // One transaction: sets closed_at, outcome, summary, duration on an open room and moves its
  // ticket to closed (ended_at = closed_at). conflict when already closed.
  virtual Task<Unit> closeRoom(const core::reception::Room &closed) = 0;
  // A consultation held by phone, stored already closed: ticket (status closed) and room.
  virtual Task<Unit> recordPhoneConsultation(const core::reception::Ticket &ticket,
                                             const core::reception::Room &room) = 0;

  // Appends with the room's next seq and returns the stored message. The same (room,
  // sender, client_id) again returns the first stored message and stores nothing.
  // not_found when the room does not exist.
  virtual Task<core::reception::ChatMessage>
  appendMessage(const core::reception::ChatMessage &message) = 0;
  // Messages with seq > after_seq, ascending, at most `limit`.
  virtual Task<std::vector<core::reception::ChatMessage>>
  listMessages(const std::string &room_id, std::int64_t after_seq, int limit) = 0;

  virtual Task<Unit> addNote(const core::reception::Note &note) = 0;
  virtual Task<std::vector<core::reception::Note>> listNotes(const std::string &room_id) = 0;

  virtual Task<Unit> createAttachment(const core::reception::Attachment &attachment) = 0;
  virtual Task<core::reception::Attachment> getAttachment(const std::string &id) = 0;

  // conflict when the ticket already has feedback.
  virtual Task<Unit> createFeedback(const core::reception::Feedback &feedback) = 0;
  virtual Task<core::reception::Feedback> getFeedback(const std::string &ticket_id) = 0;
  // Feedback with a non-empty proposal, newest first.
  virtual Task<std::vector<core::reception::Feedback>>
  listProposals(const std::string &organisation_id) = 0;

  // Tickets that reached a room or ended (closed, no_show, abandoned), with room outcome and
  // rating, created in [from, to); only the reception's or organisation's when given.
  struct ConsultationQuery {
    std::optional<std::string> reception_id;
    std::optional<std::string> organisation_id;
    core::Time from{};
    core::Time to = core::Time::max();
  };
  virtual Task<std::vector<core::reception::ConsultationRecord>>
  listConsultations(const ConsultationQuery &query) = 0;
};

} // namespace kelisim::storage
