// A ticket's life (issue 7) as pure transitions: each takes the ticket as it was read and an
// event, and returns the ticket as it becomes, or an Error. Storage persists what was decided
// and keeps its own guards for writers that race. No I/O, no clock: `now` is an argument.
// Plain values; safe from any thread.
//
// The rules (statuses left to right; anything not listed is refused with `conflict`):
//   intake          new ticket ──▶ scheduled when its slot is still ahead, else waiting; it
//                   has at least one seat (field "kinds"), each a different kind, all free.
//   heldByPhone     new ticket ──▶ closed: a phone consultation recorded afterwards, served
//                   from `started` to `ended` (field "duration_minutes" if that is backwards).
//   SlotReached     scheduled ──▶ waiting, once now ≥ slot_at.
//   SeatTaken       waiting | in_room ──▶ in_room: the specialist takes the free seat of their
//                   kind (no such seat: field "kind"; taken: conflict). The first seat opens
//                   the room (room_id set once) and sets served_at once; it never changes.
//   SeatReleased    in_room ──▶ in_room, or waiting when no specialist is left: the specialist
//                   gives back the seat they hold (not theirs: conflict).
//   SeatAdded       waiting | in_room: a free seat of another kind (kind already there:
//                   conflict) — a transfer to another kind.
//   RoomClosed      waiting | in_room | deferred | abandoned, with a room ──▶ closed,
//                   ended_at = now: the consultation happened, whatever the ticket did since
//                   its last specialist left. (closed and no_show are final.)
//   MarkedNoShow    closed ──▶ no_show: the room was closed because the citizen never came.
//   CitizenLeft     scheduled | waiting | deferred ──▶ abandoned, ended_at = now.
//   CitizenDeferred scheduled | waiting ──▶ deferred (left for later).
//   ReceptionClosed scheduled | waiting | deferred: with a permanent line, the ticket moves
//                   there (a scheduled one waits now, the others keep their status); without
//                   one, it is deferred.
//   Requeued        deferred ──▶ waiting in the reception given (its own, or the permanent
//                   line once its own is over): someone can answer it again (requeueInto).
//                   It keeps its created_at, so it queues ahead of those who came after it.
// Invariants kept by every transition: in_room ⇒ a seat is taken (and room_id, served_at
// set); scheduled, waiting, deferred, abandoned ⇒ no seat taken; closed, no_show,
// abandoned ⇒ ended_at set; a seat is taken ⇔ its joined_at is set; kinds are unique.
#pragma once

#include "core/error.hpp"
#include "core/model.hpp"
#include "core/reception/model.hpp"
#include "core/time.hpp"

#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

namespace kelisim::core::reception {

struct SlotReached {};
struct SeatTaken {
  std::string specialist_id;
  SpecialistKind kind = SpecialistKind::other;
  std::string room_id; // the room to open if the ticket has none yet
};
struct SeatReleased {
  std::string specialist_id;
  SpecialistKind kind = SpecialistKind::other;
};
struct SeatAdded {
  SpecialistKind kind = SpecialistKind::other;
};
struct RoomClosed {};
struct MarkedNoShow {};
struct CitizenLeft {};
struct CitizenDeferred {};
struct ReceptionClosed {
  std::optional<std::string> permanent_line_id; // the organisation's line, if it has one
};
struct Requeued {
  std::string reception_id; // where it waits again
};

using TicketEvent =
    std::variant<SlotReached, SeatTaken, SeatReleased, SeatAdded, RoomClosed, MarkedNoShow,
                 CitizenLeft, CitizenDeferred, ReceptionClosed, Requeued>;

// A new ticket's first status by the intake rule; `draft` has its seats and slot_at.
Result<Ticket> intake(Ticket draft, Time now);
// A phone consultation's ticket, born closed; `draft` has its seats.
Result<Ticket> heldByPhone(Ticket draft, Time started, Time ended);
// The ticket as `event` leaves it at `now`, or why it may not happen.
Result<Ticket> apply(const Ticket &ticket, const TicketEvent &event, Time now);

// The statuses `event` may start from, as listed above.
std::vector<TicketStatus> startsFrom(const TicketEvent &event);
// The guard for Store::transitionTicket after apply(before, event): the statuses the stored
// ticket may still be in for the decided result to hold — all of startsFrom when the result
// is the same from each of them, else only `before`'s (closing a reception).
std::vector<TicketStatus> guardFor(const Ticket &before, const TicketEvent &event);

// A place a deferred ticket could go back to, as it stands at `now`.
struct Opening {
  const Reception *reception = nullptr; // none: there is no such place
  bool just_opened = false;             // its hours have just begun (a permanent line)
  std::set<SpecialistKind> on_duty;     // the kinds on duty there now
};
// Where a deferred ticket waits again, if anywhere yet (the reception for Requeued): its own
// reception while someone answers there (isOpenAt) and either its hours have just begun or
// someone of a kind the ticket still awaits is on duty there; once its own reception is over
// (statusAt closed), the organisation's permanent line on the same terms. A ticket that is
// not deferred goes nowhere.
std::optional<std::string> requeueInto(const Ticket &ticket, const Opening &own,
                                       const Opening &line, Time now);

// Whether `specialist_id` holds the ticket's seat of `kind`.
bool holdsSeat(const Ticket &ticket, const std::string &specialist_id, SpecialistKind kind);

} // namespace kelisim::core::reception
