// Ports of the virtual reception (issue 3): receptions and their rosters; tickets with their
// seats and rooms (one aggregate: a seat is taken, a room opened and joined in one
// transaction); chat messages, notes and attachments of a room; feedback and the
// consultations the figures are computed from. `rc` below is core::reception.
#pragma once

#include "core/model.hpp"
#include "core/ports/task.hpp"
#include "core/ports/unit_of_work.hpp"
#include "core/reception/figures.hpp"
#include "core/reception/model.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kelisim::core {

class ReceptionRepository {
public:
  virtual ~ReceptionRepository() = default;
  virtual Task<Unit> createReception(const reception::Reception &reception) = 0;
  virtual Task<reception::Reception> getReception(const std::string &id) = 0;
  // Replaces every field but id, organisation_id, kind, created_by, created_at.
  virtual Task<Unit> updateReception(const reception::Reception &reception) = 0;
  // Receptions with ends_at > ends_after and not closed before it, ordered by starts_at then
  // id; only the organisation's when given. Permanent lines are included.
  virtual Task<std::vector<reception::Reception>>
  listReceptions(const std::optional<std::string> &organisation_id, Time ends_after) = 0;
  // The organisation's permanent line; not_found if it has none.
  virtual Task<reception::Reception> getPermanentLine(const std::string &organisation_id) = 0;

  // Replaces the reception's whole roster.
  virtual Task<Unit> setRoster(const std::string &reception_id,
                               const std::vector<reception::DutyShift> &shifts) = 0;
  // Ordered by from, then specialist_id.
  virtual Task<std::vector<reception::DutyShift>> listRoster(const std::string &reception_id) = 0;
  // Every shift of a specialist that has not ended at `now`, ordered by from.
  virtual Task<std::vector<reception::DutyShift>> listShiftsOf(const std::string &specialist_id,
                                                               Time now) = 0;
};

class TicketRepository {
public:
  virtual ~TicketRepository() = default;
  // Stores the ticket with its seats.
  virtual Task<Unit> createTicket(const reception::Ticket &ticket) = 0;
  virtual Task<reception::Ticket> getTicket(const std::string &id) = 0;
  virtual Task<reception::Ticket> findTicketBySecret(const std::string &secret_hash) = 0;
  // Filters that are set must all hold; ordered by created_at then id; at most `limit`.
  struct TicketQuery {
    std::optional<std::string> reception_id;
    std::optional<std::string> organisation_id;
    std::optional<std::string> citizen_id;
    std::vector<reception::TicketStatus> statuses; // empty: any
    int limit = 1000;
  };
  virtual Task<std::vector<reception::Ticket>> listTickets(const TicketQuery &query) = 0;
  // Moves a ticket from one of `from` to `to` (and sets reception_id, ended_at and priority
  // as given in `changed`); conflict when its status is not one of `from` (someone else
  // moved it first). Seats, room and secret are not touched.
  virtual Task<Unit> transitionTicket(const reception::Ticket &changed,
                                      const std::vector<reception::TicketStatus> &from) = 0;

  // One transaction: the ticket's free seat of `kind` goes to `specialist_id` at `now`; the
  // ticket gets a room if it had none (`new_room` is used then; the citizen becomes its
  // member), the specialist becomes a member, the ticket becomes in_room (served_at set once).
  // conflict when the seat is taken or the ticket is not waiting/in_room. Returns the room.
  // `also` (the audit entry) is written in the same transaction, so the whole take is one
  // commit; like every argument here it is read at the call and need not outlive it.
  virtual Task<reception::Room> claimSeat(const std::string &ticket_id, SpecialistKind kind,
                                          const std::string &specialist_id,
                                          const reception::Room &new_room, Time now,
                                          const UnitOfWork &also) = 0;
  Task<reception::Room> claimSeat(const std::string &ticket_id, SpecialistKind kind,
                                  const std::string &specialist_id, const reception::Room &new_room,
                                  Time now) {
    return claimSeat(ticket_id, kind, specialist_id, new_room, now, UnitOfWork{});
  }
  // Gives a ticket's seat back (a transfer or a specialist who left before closing): the
  // seat becomes free and, if the ticket has no specialist left, it waits again.
  virtual Task<Unit> releaseSeat(const std::string &ticket_id, SpecialistKind kind) = 0;
  // Adds a seat of another kind (transfer to another kind); conflict if the kind is there.
  virtual Task<Unit> addSeat(const std::string &ticket_id, SpecialistKind kind) = 0;

  virtual Task<reception::Room> getRoom(const std::string &id) = 0;
  // Rooms the user is a member of (not left), newest first.
  virtual Task<std::vector<reception::Room>> listRoomsOf(const std::string &user_id,
                                                         bool open_only) = 0;
  // Open rooms of a reception, oldest first.
  virtual Task<std::vector<reception::Room>> listOpenRooms(const std::string &reception_id) = 0;
  // Adds (or re-adds, clearing left_at) a member.
  virtual Task<Unit> addRoomMember(const reception::RoomMember &member) = 0;
  virtual Task<Unit> leaveRoom(const std::string &room_id, const std::string &user_id,
                               Time now) = 0;
  // Members ever in the room, ordered by joined_at.
  virtual Task<std::vector<reception::RoomMember>> listRoomMembers(const std::string &room_id) = 0;
  // Raises the member's read marker (never lowers it).
  virtual Task<Unit> markRead(const std::string &room_id, const std::string &user_id,
                              std::int64_t seq) = 0;
  // One transaction: sets closed_at, outcome, summary, duration on an open room and moves its
  // ticket to closed (ended_at = closed_at). conflict when already closed. In the same
  // transaction: `message` (the room's system message, appended as appendMessage would; the
  // stored message is returned) and `also` (the audit entry). Read at the call.
  virtual Task<std::optional<reception::ChatMessage>>
  closeRoom(const reception::Room &closed, const std::optional<reception::ChatMessage> &message,
            const UnitOfWork &also) = 0;
  Task<std::optional<reception::ChatMessage>> closeRoom(const reception::Room &closed) {
    return closeRoom(closed, std::nullopt, UnitOfWork{});
  }
  // A consultation held by phone, stored already closed: ticket (status closed) and room.
  virtual Task<Unit> recordPhoneConsultation(const reception::Ticket &ticket,
                                             const reception::Room &room) = 0;
  // Personal data (Law No. 94-V): ids of tickets that ended before `before` and were not
  // erased yet, oldest first, at most `limit`; the ids of the attachments in a ticket's room.
  virtual Task<std::vector<std::string>> ticketsToErase(Time before, int limit) = 0;
  virtual Task<std::vector<std::string>> ticketAttachments(const std::string &ticket_id) = 0;
};

class MessageRepository {
public:
  virtual ~MessageRepository() = default;
  // Appends with the room's next seq and returns the stored message. The same (room,
  // sender, client_id) again returns the first stored message and stores nothing.
  // not_found when the room does not exist.
  virtual Task<reception::ChatMessage> appendMessage(const reception::ChatMessage &message) = 0;
  // Messages with seq > after_seq, ascending, at most `limit`.
  virtual Task<std::vector<reception::ChatMessage>>
  listMessages(const std::string &room_id, std::int64_t after_seq, int limit) = 0;

  // A room's call record, oldest first.
  virtual Task<std::vector<reception::CallRecord>> listCallRecords(const std::string &room_id) = 0;

  virtual Task<Unit> addNote(const reception::Note &note) = 0;
  virtual Task<std::vector<reception::Note>> listNotes(const std::string &room_id) = 0;

  virtual Task<Unit> createAttachment(const reception::Attachment &attachment) = 0;
  virtual Task<reception::Attachment> getAttachment(const std::string &id) = 0;
  // What has been attached (for quotas): in a room, and by one person since a time.
  struct AttachmentUsage {
    std::int64_t files = 0;
    std::int64_t bytes = 0;
  };
  virtual Task<AttachmentUsage> roomAttachments(const std::string &room_id) = 0;
  virtual Task<AttachmentUsage> attachmentsBy(const std::string &uploader_id, Time since) = 0;
};

class FeedbackRepository {
public:
  virtual ~FeedbackRepository() = default;
  // conflict when the ticket already has feedback.
  virtual Task<Unit> createFeedback(const reception::Feedback &feedback) = 0;
  virtual Task<reception::Feedback> getFeedback(const std::string &ticket_id) = 0;
  // Feedback with a non-empty proposal, newest first.
  virtual Task<std::vector<reception::Feedback>>
  listProposals(const std::string &organisation_id) = 0;
  // A reception's feedback with a non-empty comment, newest first: at most `limit`, older than
  // `before` (its time and ticket id) when given.
  struct FeedbackCursor {
    Time at{};
    std::string ticket_id;
  };
  virtual Task<std::vector<reception::Feedback>> listComments(const std::string &reception_id,
                                                              std::optional<FeedbackCursor> before,
                                                              int limit) = 0;

  // Tickets that reached a room or ended (closed, no_show, abandoned), with room outcome and
  // rating, created in [from, to); only the reception's or organisation's when given.
  struct ConsultationQuery {
    std::optional<std::string> reception_id;
    std::optional<std::string> organisation_id;
    Time from{};
    Time to = Time::max();
  };
  virtual Task<std::vector<reception::ConsultationRecord>>
  listConsultations(const ConsultationQuery &query) = 0;

  // Figures kept per reception and UTC day (reception::FigureTally, dayOf). A day is settled
  // once tickets of it are no longer changed without the day's generation moving on (two days
  // after it ends, by the database's clock, plus a day's margin).
  struct FigureDay {
    std::string reception_id;
    std::int64_t day = 0;
    std::int64_t generation = 0;
    std::optional<reception::FigureTally> tally; // only while it is the generation's
  };
  struct FigureDays {
    std::int64_t last_settled = 0;
    std::vector<FigureDay> days; // settled days with tickets in the scope, first to last
  };
  // The settled days of `scope`'s reception or organisation (its from and to are not used)
  // from day `first` to day `last`, inclusive.
  virtual Task<FigureDays> listFigureDays(const ConsultationQuery &scope, std::int64_t first,
                                          std::int64_t last) = 0;
  // Keeps each day's tally as counted at its generation; a day whose generation has moved on
  // since is left as it is.
  virtual Task<Unit> storeFigureDays(const std::vector<FigureDay> &days) = 0;
};

} // namespace kelisim::core
