#include "core/reception/ticket_lifecycle.hpp"

#include "core/reception/schedule.hpp"

#include <algorithm>
#include <string_view>

namespace kelisim::core::reception {

namespace {

using S = TicketStatus;

Error refused(std::string_view what, const Ticket &t) {
  return Error::make(ErrorCode::conflict, std::string(what) + " refused: ticket " + t.id + " is " +
                                              std::string(toString(t.status)));
}

bool anyTaken(const Ticket &t) {
  return std::any_of(t.seats.begin(), t.seats.end(),
                     [](const Seat &s) { return s.specialist_id.has_value(); });
}

Seat *seatOf(Ticket &t, SpecialistKind kind) {
  for (auto &s : t.seats)
    if (s.kind == kind) return &s;
  return nullptr;
}

bool from(const Ticket &t, const std::vector<TicketStatus> &allowed) {
  return std::find(allowed.begin(), allowed.end(), t.status) != allowed.end();
}

// The statuses each event may start from (the header's table).
struct StartsFrom {
  std::vector<S> operator()(const SlotReached &) const { return {S::scheduled}; }
  std::vector<S> operator()(const SeatTaken &) const { return {S::waiting, S::in_room}; }
  std::vector<S> operator()(const SeatReleased &) const { return {S::in_room}; }
  std::vector<S> operator()(const SeatAdded &) const { return {S::waiting, S::in_room}; }
  std::vector<S> operator()(const RoomClosed &) const {
    return {S::waiting, S::in_room, S::deferred, S::abandoned};
  }
  std::vector<S> operator()(const MarkedNoShow &) const { return {S::closed}; }
  std::vector<S> operator()(const CitizenLeft &) const {
    return {S::scheduled, S::waiting, S::deferred};
  }
  std::vector<S> operator()(const CitizenDeferred &) const { return {S::scheduled, S::waiting}; }
  std::vector<S> operator()(const ReceptionClosed &) const {
    return {S::scheduled, S::waiting, S::deferred};
  }
  std::vector<S> operator()(const Requeued &) const { return {S::deferred}; }
};

struct Step {
  const Ticket &before;
  Time now;

  Result<Ticket> operator()(const SlotReached &) const {
    if (before.slot_at && *before.slot_at > now) return refused("slot not reached", before);
    Ticket t = before;
    t.status = S::waiting;
    return t;
  }
  Result<Ticket> operator()(const SeatTaken &e) const {
    Ticket t = before;
    Seat *seat = seatOf(t, e.kind);
    if (!seat) return Error::field("kind", "invalid_value");
    if (seat->specialist_id) return refused("seat taken", before);
    if (e.specialist_id.empty()) return Error::field("specialist_id", "required");
    if (!t.room_id && e.room_id.empty()) return Error::field("room_id", "required");
    seat->specialist_id = e.specialist_id;
    seat->joined_at = now;
    if (!t.room_id) t.room_id = e.room_id;
    if (!t.served_at) t.served_at = now;
    t.status = S::in_room;
    return t;
  }
  Result<Ticket> operator()(const SeatReleased &e) const {
    Ticket t = before;
    Seat *seat = seatOf(t, e.kind);
    if (!seat) return Error::field("kind", "invalid_value");
    if (seat->specialist_id != e.specialist_id) return refused("seat not held", before);
    seat->specialist_id.reset();
    seat->joined_at.reset();
    if (!anyTaken(t)) t.status = S::waiting;
    return t;
  }
  Result<Ticket> operator()(const SeatAdded &e) const {
    Ticket t = before;
    if (seatOf(t, e.kind)) return refused("seat already there", before);
    t.seats.push_back({e.kind, std::nullopt, std::nullopt});
    return t;
  }
  Result<Ticket> operator()(const RoomClosed &) const {
    if (!before.room_id) return refused("no room", before);
    Ticket t = before;
    t.status = S::closed;
    t.ended_at = now;
    return t;
  }
  Result<Ticket> operator()(const MarkedNoShow &) const {
    Ticket t = before;
    t.status = S::no_show;
    return t;
  }
  Result<Ticket> operator()(const CitizenLeft &) const {
    Ticket t = before;
    t.status = S::abandoned;
    t.ended_at = now;
    return t;
  }
  Result<Ticket> operator()(const CitizenDeferred &) const {
    Ticket t = before;
    t.status = S::deferred;
    return t;
  }
  Result<Ticket> operator()(const ReceptionClosed &e) const {
    Ticket t = before;
    if (e.permanent_line_id) {
      if (e.permanent_line_id->empty()) return Error::field("permanent_line_id", "required");
      t.reception_id = *e.permanent_line_id;
      if (t.status == S::scheduled) t.status = S::waiting;
    } else {
      t.status = S::deferred;
    }
    return t;
  }
  Result<Ticket> operator()(const Requeued &e) const {
    if (e.reception_id.empty()) return Error::field("reception_id", "required");
    Ticket t = before;
    t.reception_id = e.reception_id;
    t.status = S::waiting;
    return t;
  }
};

} // namespace

Result<Ticket> intake(Ticket draft, Time now) {
  if (draft.seats.empty()) return Error::field("kinds", "required");
  for (std::size_t i = 0; i < draft.seats.size(); ++i) {
    if (draft.seats[i].specialist_id || draft.seats[i].joined_at)
      return Error::field("kinds", "invalid_value");
    for (std::size_t j = 0; j < i; ++j)
      if (draft.seats[j].kind == draft.seats[i].kind) return Error::field("kinds", "duplicate");
  }
  draft.status = draft.slot_at && *draft.slot_at > now ? S::scheduled : S::waiting;
  draft.room_id.reset();
  draft.served_at.reset();
  draft.ended_at.reset();
  return draft;
}

Result<Ticket> heldByPhone(Ticket draft, Time started, Time ended) {
  if (draft.seats.empty()) return Error::field("kinds", "required");
  if (ended < started) return Error::field("duration_minutes", "invalid_value");
  draft.status = S::closed;
  draft.created_at = started;
  draft.served_at = started;
  draft.ended_at = ended;
  return draft;
}

Result<Ticket> apply(const Ticket &ticket, const TicketEvent &event, Time now) {
  if (!from(ticket, startsFrom(event))) return refused("transition", ticket);
  return std::visit(Step{ticket, now}, event);
}

std::vector<TicketStatus> startsFrom(const TicketEvent &event) {
  return std::visit(StartsFrom{}, event);
}

std::vector<TicketStatus> guardFor(const Ticket &before, const TicketEvent &event) {
  if (std::holds_alternative<ReceptionClosed>(event)) return {before.status};
  return startsFrom(event);
}

std::optional<std::string> requeueInto(const Ticket &ticket, const Opening &own,
                                       const Opening &line, Time now) {
  if (ticket.status != S::deferred) return std::nullopt;
  const auto answers = [&](const Opening &o) {
    if (!o.reception || !isOpenAt(*o.reception, now)) return false;
    if (o.just_opened) return true;
    return std::any_of(ticket.seats.begin(), ticket.seats.end(), [&](const Seat &s) {
      return !s.specialist_id && o.on_duty.contains(s.kind);
    });
  };
  if (own.reception && statusAt(*own.reception, now) != ReceptionStatus::closed)
    return answers(own) ? std::optional(own.reception->id) : std::nullopt;
  return answers(line) ? std::optional(line.reception->id) : std::nullopt;
}

bool holdsSeat(const Ticket &ticket, const std::string &specialist_id, SpecialistKind kind) {
  return std::any_of(ticket.seats.begin(), ticket.seats.end(), [&](const Seat &s) {
    return s.kind == kind && s.specialist_id == specialist_id;
  });
}

} // namespace kelisim::core::reception
