// Who may do what with the objects of a reception, in one place. Every service checks these
// before it reads or changes anything (tests try other people's ids).
#pragma once

#include "app/caller.hpp"
#include "core/reception/model.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace kelisim::app::reception {

// An admin, or a coordinator of this organisation.
inline bool managesOrganisation(const Caller &caller, const std::string &organisation_id) {
  if (caller.is(core::Role::admin)) return true;
  return caller.is(core::Role::coordinator) && caller.user->organisation_id == organisation_id;
}

// A member of the room who has not left.
inline bool isMember(const Caller &caller,
                     const std::vector<core::reception::RoomMember> &members) {
  if (!caller.user) return false;
  return std::any_of(members.begin(), members.end(),
                     [&](const auto &m) { return m.user_id == caller.user->id && !m.left_at; });
}

inline bool isSpecialistMember(const Caller &caller,
                               const std::vector<core::reception::RoomMember> &members) {
  if (!caller.user) return false;
  return std::any_of(members.begin(), members.end(), [&](const auto &m) {
    return m.user_id == caller.user->id && !m.left_at && m.kind.has_value();
  });
}

// The citizen the ticket belongs to.
inline bool ownsTicket(const Caller &caller, const core::reception::Ticket &ticket) {
  return caller.user && ticket.citizen_id == caller.user->id;
}

} // namespace kelisim::app::reception
