// The live state of the queues on this instance: per reception a RoutingQueue of the tickets
// waiting, per specialist their desk (on duty or away, rooms in progress, the offer they
// are looking at). The database stays the truth: this is rebuilt from it at start-up and
// kept current by the services (and, across instances, by their events); claiming a seat is
// decided by the store, so two instances can never seat two specialists in one place.
// Thread-safe: one mutex, never held across a suspension.
#pragma once

#include "core/reception/model.hpp"
#include "core/reception/routing.hpp"

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace kelisim::app::reception {

namespace rc = core::reception;

struct PendingOffer {
  std::string ticket_id;
  std::string reception_id;
  core::SpecialistKind kind = core::SpecialistKind::other;
  core::Time expires{};
};

struct Desk {
  std::string specialist_id;
  std::string organisation_id;
  bool on_duty = false;
  bool missed_offer = false; // off duty because an offer went unanswered (until back on duty)
  int rooms = 0;
  int capacity = 1;   // the specialist's own setting (User::capacity), read at duty
  std::string region; // their organisation's: tickets from it are preferred (routing rule 5)
  std::vector<std::string> receptions; // where they are on duty now
  std::optional<PendingOffer> offer;
  core::Time idle_since{};
  core::Time paused_until{}; // declined an offer: no automatic offers until then
  std::vector<core::SpecialistKind> kinds;
};

// A waiting citizen whose place moved since it was last announced.
struct PlaceChange {
  std::string ticket_id;
  std::string citizen_id;
  std::size_t place = 0;
  core::SpecialistKind kind = core::SpecialistKind::other; // the first kind still awaited
};

class QueueEngine {
public:
  // A waiting ticket with free seats enters (or is updated in) its reception's queue; any
  // other ticket leaves it. A free seat currently offered to someone stays out of the queue.
  void upsert(const rc::Ticket &ticket);

  // 1-based place in the queue; nullopt when not waiting (or only being offered).
  std::optional<std::size_t> placeOf(const std::string &ticket_id) const;
  // Every waiting ticket of a reception with its place.
  std::vector<std::pair<std::string, std::size_t>> places(const std::string &reception_id) const;
  std::size_t waiting(const std::string &reception_id) const;
  std::string receptionOf(const std::string &ticket_id) const;
  // The places in a reception that changed since the last call (each change reported once).
  std::vector<PlaceChange> placeChanges(const std::string &reception_id);

  // Puts a specialist on or off duty for these receptions (their shifts now). Going off duty
  // withdraws their offer (returned so it can be announced).
  std::optional<PendingOffer> setDuty(const core::User &specialist, bool on_duty,
                                      std::vector<std::string> receptions, int rooms,
                                      core::Time now, std::string region = {});
  // Rooms in progress changed; dropping below capacity starts an idle period.
  void setRooms(const std::string &specialist_id, int rooms, core::Time now);
  // The same by a difference (a room this instance opened or closed); false when the
  // specialist has no desk here.
  bool addRooms(const std::string &specialist_id, int delta, core::Time now);
  std::optional<Desk> desk(const std::string &specialist_id) const;
  std::vector<Desk> desksOf(const std::string &reception_id) const;
  // Kinds someone on duty serves in this reception now.
  std::set<core::SpecialistKind> kindsOnDuty(const std::string &reception_id) const;

  // Offers the best waiting ticket to each free specialist on duty without an offer, longest
  // idle first; the offered seat leaves the queue until accepted or given back.
  std::vector<std::pair<std::string, PendingOffer>> makeOffers(core::Time now,
                                                               std::chrono::seconds timeout);
  // The specialist's offer, removed from their desk (accept or decline). On decline or
  // time-out call giveBack.
  std::optional<PendingOffer> takeOffer(const std::string &specialist_id,
                                        const std::string &ticket_id);
  void giveBack(const PendingOffer &offer);
  // No automatic offers to this specialist before `until` (after a decline).
  void pause(const std::string &specialist_id, core::Time until);
  // Offers of this ticket that can no longer be accepted (the seat was taken elsewhere, the
  // citizen left), removed from their desks.
  std::vector<std::pair<std::string, PendingOffer>> staleOffers(const rc::Ticket &ticket);
  // Offers whose time is up, removed from their desks; the specialists go away.
  std::vector<std::pair<std::string, PendingOffer>> expireOffers(core::Time now);
  // Take next: the ticket offered to this specialist if there is one (it is held for them
  // already; left on offer it would wait out its timeout while they served another), else the
  // best ticket for them now, whether or not automatic offers are on. Its seat leaves the
  // queue as an offer's does, so that others taking the next at the same instant get other
  // tickets; seat it, or giveBack.
  std::optional<PendingOffer> takeNext(const std::string &specialist_id);
  // Offers one ticket's seat of `kind` to a chosen specialist (a coordinator's reassignment).
  std::optional<PendingOffer> offerTo(const std::string &specialist_id,
                                      const std::string &ticket_id, core::SpecialistKind kind,
                                      core::Time expires);

private:
  struct Waiting {
    std::string reception_id;
    rc::TicketNeeds needs;               // kinds: seats free and not offered
    std::set<core::SpecialistKind> held; // seats offered right now
    std::string citizen_id;
    std::size_t announced_place = 0;
  };
  rc::SpecialistState stateOf(const Desk &d) const;
  std::optional<PendingOffer> bestFor(const Desk &d) const;
  void hold(const PendingOffer &offer);
  void place(const std::string &ticket_id);

  mutable std::mutex mutex_;
  std::unordered_map<std::string, rc::RoutingQueue> queues_; // by reception
  std::unordered_map<std::string, Waiting> waiting_;         // by ticket
  std::map<std::string, Desk> desks_;                        // by specialist
  std::unordered_map<std::string, core::User> people_;       // specialists' profiles
};

} // namespace kelisim::app::reception
