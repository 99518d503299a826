#include "app/reception/queue_engine.hpp"

#include <algorithm>

namespace kelisim::app::reception {

using core::SpecialistKind;

namespace {
std::vector<core::Language> consultingLanguages(const core::User &u) {
  if (!u.languages.empty()) return u.languages;
  return {core::Language::kk, core::Language::ru};
}
} // namespace

void QueueEngine::upsert(const rc::Ticket &ticket) {
  std::lock_guard lock(mutex_);
  auto &queue = queues_[ticket.reception_id];
  auto it = waiting_.find(ticket.id);
  if (it != waiting_.end() && it->second.reception_id != ticket.reception_id) {
    queues_[it->second.reception_id].remove(ticket.id);
    it->second.reception_id = ticket.reception_id;
  }
  std::vector<SpecialistKind> free;
  for (const auto &seat : ticket.seats)
    if (!seat.specialist_id) free.push_back(seat.kind);
  const bool waits =
      (ticket.status == rc::TicketStatus::waiting || ticket.status == rc::TicketStatus::in_room) &&
      !free.empty();
  if (!waits) {
    queue.remove(ticket.id);
    if (it != waiting_.end()) waiting_.erase(it);
    return;
  }
  auto &w = waiting_[ticket.id];
  w.reception_id = ticket.reception_id;
  w.citizen_id = ticket.citizen_id.value_or("");
  w.needs.id = ticket.id;
  w.needs.citizen_id = w.citizen_id;
  w.needs.category = ticket.category;
  w.needs.language = ticket.language;
  w.needs.region = ticket.region;
  w.needs.priority = ticket.priority;
  w.needs.arrived =
      ticket.slot_at ? std::max(*ticket.slot_at, ticket.created_at) : ticket.created_at;
  w.needs.kinds.clear();
  std::set<SpecialistKind> still_held;
  for (auto k : free) {
    if (w.held.contains(k))
      still_held.insert(k);
    else
      w.needs.kinds.push_back(k);
  }
  w.held = std::move(still_held);
  queue.add(w.needs); // replaces the ticket's earlier entry, if any
}

std::optional<std::size_t> QueueEngine::placeOf(const std::string &ticket_id) const {
  std::lock_guard lock(mutex_);
  auto it = waiting_.find(ticket_id);
  if (it == waiting_.end()) return std::nullopt;
  auto q = queues_.find(it->second.reception_id);
  if (q == queues_.end()) return std::nullopt;
  auto p = q->second.placeOf(ticket_id);
  if (p == 0) return std::nullopt;
  return p;
}

std::vector<std::pair<std::string, std::size_t>>
QueueEngine::places(const std::string &reception_id) const {
  std::lock_guard lock(mutex_);
  auto q = queues_.find(reception_id);
  if (q == queues_.end()) return {};
  return q->second.places();
}

std::size_t QueueEngine::waiting(const std::string &reception_id) const {
  std::lock_guard lock(mutex_);
  auto q = queues_.find(reception_id);
  return q == queues_.end() ? 0 : q->second.size();
}

std::string QueueEngine::receptionOf(const std::string &ticket_id) const {
  std::lock_guard lock(mutex_);
  auto it = waiting_.find(ticket_id);
  return it == waiting_.end() ? std::string() : it->second.reception_id;
}

std::vector<PlaceChange> QueueEngine::placeChanges(const std::string &reception_id) {
  std::lock_guard lock(mutex_);
  std::vector<PlaceChange> out;
  auto q = queues_.find(reception_id);
  if (q == queues_.end()) return out;
  for (const auto &[ticket_id, place] : q->second.places()) {
    auto &w = waiting_.at(ticket_id);
    if (w.announced_place == place) continue;
    w.announced_place = place;
    out.push_back({ticket_id, w.citizen_id, place,
                   w.needs.kinds.empty() ? core::SpecialistKind::other : w.needs.kinds.front()});
  }
  return out;
}

void QueueEngine::pause(const std::string &specialist_id, core::Time until) {
  std::lock_guard lock(mutex_);
  auto it = desks_.find(specialist_id);
  if (it != desks_.end()) it->second.paused_until = until;
}

std::optional<PendingOffer> QueueEngine::setDuty(const core::User &specialist, bool on_duty,
                                                 std::vector<std::string> receptions, int rooms,
                                                 core::Time now, std::string region) {
  std::lock_guard lock(mutex_);
  people_[specialist.id] = specialist;
  auto &d = desks_[specialist.id];
  const bool was_on = d.on_duty;
  d.specialist_id = specialist.id;
  d.organisation_id = specialist.organisation_id.value_or("");
  d.kinds = specialist.kinds;
  d.capacity = std::clamp(specialist.capacity, 1, 5);
  d.region = std::move(region);
  d.on_duty = on_duty;
  d.missed_offer = false;
  d.receptions = std::move(receptions);
  d.rooms = rooms;
  if (on_duty && !was_on) d.idle_since = now;
  std::optional<PendingOffer> withdrawn;
  if (!on_duty && d.offer) {
    withdrawn = d.offer;
    d.offer.reset();
  }
  if (withdrawn) {
    auto it = waiting_.find(withdrawn->ticket_id);
    if (it != waiting_.end()) {
      it->second.held.erase(withdrawn->kind);
      it->second.needs.kinds.push_back(withdrawn->kind);
      place(withdrawn->ticket_id);
    }
  }
  return withdrawn;
}

namespace {

void countRooms(Desk &d, int rooms, core::Time now) {
  if (rooms < d.capacity && d.rooms >= d.capacity) d.idle_since = now;
  if (rooms == 0) d.idle_since = now;
  d.rooms = rooms;
}

} // namespace

void QueueEngine::setRooms(const std::string &specialist_id, int rooms, core::Time now) {
  std::lock_guard lock(mutex_);
  auto it = desks_.find(specialist_id);
  if (it != desks_.end()) countRooms(it->second, rooms, now);
}

bool QueueEngine::addRooms(const std::string &specialist_id, int delta, core::Time now) {
  std::lock_guard lock(mutex_);
  auto it = desks_.find(specialist_id);
  if (it == desks_.end()) return false;
  countRooms(it->second, std::max(0, it->second.rooms + delta), now);
  return true;
}

std::optional<Desk> QueueEngine::desk(const std::string &specialist_id) const {
  std::lock_guard lock(mutex_);
  auto it = desks_.find(specialist_id);
  if (it == desks_.end()) return std::nullopt;
  return it->second;
}

std::vector<Desk> QueueEngine::desksOf(const std::string &reception_id) const {
  std::lock_guard lock(mutex_);
  std::vector<Desk> out;
  for (const auto &[id, d] : desks_)
    if (std::find(d.receptions.begin(), d.receptions.end(), reception_id) != d.receptions.end())
      out.push_back(d);
  return out;
}

std::set<SpecialistKind> QueueEngine::kindsOnDuty(const std::string &reception_id) const {
  std::lock_guard lock(mutex_);
  std::set<SpecialistKind> kinds;
  for (const auto &[id, d] : desks_)
    if (d.on_duty &&
        std::find(d.receptions.begin(), d.receptions.end(), reception_id) != d.receptions.end())
      kinds.insert(d.kinds.begin(), d.kinds.end());
  return kinds;
}

rc::SpecialistState QueueEngine::stateOf(const Desk &d) const {
  rc::SpecialistState s;
  s.id = d.specialist_id;
  s.kinds = d.kinds;
  auto p = people_.find(d.specialist_id);
  if (p != people_.end()) {
    s.languages = consultingLanguages(p->second);
    s.categories = p->second.categories;
  }
  s.capacity = d.capacity;
  s.region = d.region;
  s.rooms = d.rooms;
  s.on_duty = d.on_duty;
  s.idle_since = d.idle_since;
  return s;
}

std::optional<PendingOffer> QueueEngine::bestFor(const Desk &d) const {
  const auto state = stateOf(d);
  std::optional<PendingOffer> best;
  core::Time best_key = core::Time::max();
  for (const auto &reception_id : d.receptions) {
    auto q = queues_.find(reception_id);
    if (q == queues_.end()) continue;
    auto offer = q->second.nextFor(state);
    if (!offer) continue;
    const auto &needs = waiting_.at(offer->ticket_id).needs;
    const auto key = needs.arrived - needs.priority * rc::kPriorityStep;
    if (!best || key < best_key) {
      best = PendingOffer{offer->ticket_id, reception_id, offer->kind, {}};
      best_key = key;
    }
  }
  return best;
}

void QueueEngine::hold(const PendingOffer &offer) {
  auto it = waiting_.find(offer.ticket_id);
  if (it == waiting_.end()) return;
  auto &kinds = it->second.needs.kinds;
  kinds.erase(std::remove(kinds.begin(), kinds.end(), offer.kind), kinds.end());
  it->second.held.insert(offer.kind);
  place(offer.ticket_id);
}

// Puts a ticket back in its queue with the kinds it still waits for.
void QueueEngine::place(const std::string &ticket_id) {
  auto it = waiting_.find(ticket_id);
  if (it == waiting_.end()) return;
  auto &queue = queues_[it->second.reception_id];
  queue.remove(ticket_id);
  queue.add(it->second.needs);
}

std::vector<std::pair<std::string, PendingOffer>>
QueueEngine::makeOffers(core::Time now, std::chrono::seconds timeout) {
  std::lock_guard lock(mutex_);
  std::vector<const Desk *> free;
  for (const auto &[id, d] : desks_)
    if (d.on_duty && !d.offer && d.rooms < d.capacity && d.paused_until <= now) free.push_back(&d);
  std::sort(free.begin(), free.end(), [](const Desk *a, const Desk *b) {
    return std::pair(a->idle_since, a->specialist_id) < std::pair(b->idle_since, b->specialist_id);
  });
  std::vector<std::pair<std::string, PendingOffer>> made;
  for (const auto *d : free) {
    auto offer = bestFor(*d);
    if (!offer) continue;
    offer->expires = now + timeout;
    hold(*offer);
    desks_[d->specialist_id].offer = offer;
    made.emplace_back(d->specialist_id, *offer);
  }
  return made;
}

std::optional<PendingOffer> QueueEngine::takeOffer(const std::string &specialist_id,
                                                   const std::string &ticket_id) {
  std::lock_guard lock(mutex_);
  auto it = desks_.find(specialist_id);
  if (it == desks_.end() || !it->second.offer || it->second.offer->ticket_id != ticket_id)
    return std::nullopt;
  auto offer = it->second.offer;
  it->second.offer.reset();
  return offer;
}

void QueueEngine::giveBack(const PendingOffer &offer) {
  std::lock_guard lock(mutex_);
  auto it = waiting_.find(offer.ticket_id);
  if (it == waiting_.end() || !it->second.held.erase(offer.kind)) return;
  it->second.needs.kinds.push_back(offer.kind);
  place(offer.ticket_id);
}

std::vector<std::pair<std::string, PendingOffer>>
QueueEngine::staleOffers(const rc::Ticket &ticket) {
  std::lock_guard lock(mutex_);
  std::vector<std::pair<std::string, PendingOffer>> stale;
  const bool waits =
      ticket.status == rc::TicketStatus::waiting || ticket.status == rc::TicketStatus::in_room;
  for (auto &[id, d] : desks_) {
    if (!d.offer || d.offer->ticket_id != ticket.id) continue;
    const auto kind = d.offer->kind; // (clang 14 cannot capture a structured binding)
    const bool seat_free = std::any_of(ticket.seats.begin(), ticket.seats.end(),
                                       [&](auto &s) { return s.kind == kind && !s.specialist_id; });
    if (waits && seat_free) continue;
    stale.emplace_back(id, *d.offer);
    d.offer.reset();
  }
  return stale;
}

std::vector<std::pair<std::string, PendingOffer>> QueueEngine::expireOffers(core::Time now) {
  std::lock_guard lock(mutex_);
  std::vector<std::pair<std::string, PendingOffer>> expired;
  for (auto &[id, d] : desks_) {
    if (!d.offer || d.offer->expires > now) continue;
    expired.emplace_back(id, *d.offer);
    d.offer.reset();
    d.on_duty = false; // did not answer: away until they come back, and told why
    d.missed_offer = true;
  }
  return expired;
}

std::optional<PendingOffer> QueueEngine::takeNext(const std::string &specialist_id) {
  std::lock_guard lock(mutex_);
  auto it = desks_.find(specialist_id);
  if (it == desks_.end()) return std::nullopt;
  if (it->second.offer) { // the ticket offered to them is their next: already held for them
    auto offer = std::move(*it->second.offer);
    it->second.offer.reset();
    return offer;
  }
  auto d = it->second;
  d.on_duty = true; // taking the next ticket works whether or not automatic offers are on
  auto best = bestFor(d);
  if (best) hold(*best);
  return best;
}

std::optional<PendingOffer> QueueEngine::offerTo(const std::string &specialist_id,
                                                 const std::string &ticket_id, SpecialistKind kind,
                                                 core::Time expires) {
  std::lock_guard lock(mutex_);
  auto d = desks_.find(specialist_id);
  auto w = waiting_.find(ticket_id);
  if (d == desks_.end() || d->second.offer || w == waiting_.end()) return std::nullopt;
  if (w->second.citizen_id == specialist_id) return std::nullopt; // their own question
  const auto &kinds = w->second.needs.kinds;
  if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end()) return std::nullopt;
  PendingOffer offer{ticket_id, w->second.reception_id, kind, expires};
  hold(offer);
  d->second.offer = offer;
  return offer;
}

} // namespace kelisim::app::reception
