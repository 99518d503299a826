#include "core/reception/routing.hpp"

#include <algorithm>
#include <cstdint>
#include <string_view>

namespace kelisim::core::reception {

namespace {
template <typename T> bool has(const std::vector<T> &v, const T &x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

int preference(const SpecialistState &s, const TicketNeeds &t) {
  const bool category = s.categories.empty() || has(s.categories, t.category);
  const bool region = !s.region.empty() && s.region == t.region;
  return (category ? 2 : 0) + (region ? 1 : 0);
}
} // namespace

bool isFree(const SpecialistState &s) {
  return s.on_duty && s.rooms < s.capacity;
}

bool canServe(const SpecialistState &s, const TicketNeeds &t, SpecialistKind kind) {
  return isFree(s) && has(s.kinds, kind) && has(t.kinds, kind) && has(s.languages, t.language);
}

Time RoutingQueue::keyTime(const TicketNeeds &t) {
  return t.arrived -
         std::chrono::duration_cast<std::chrono::milliseconds>(kPriorityStep) * t.priority;
}

void RoutingQueue::add(const TicketNeeds &ticket) {
  remove(ticket.id);
  if (ticket.kinds.empty()) return;
  auto &stored = tickets_[ticket.id] = ticket;
  for (auto kind : stored.kinds)
    lanes_[{kind, stored.language}].insert({keyTime(stored), stored.id});
}

void RoutingQueue::remove(const std::string &ticket_id) {
  auto it = tickets_.find(ticket_id);
  if (it == tickets_.end()) return;
  for (auto kind : it->second.kinds) {
    auto lane = lanes_.find({kind, it->second.language});
    if (lane == lanes_.end()) continue;
    lane->second.erase({keyTime(it->second), ticket_id});
    if (lane->second.empty()) lanes_.erase(lane);
  }
  tickets_.erase(it);
}

void RoutingQueue::kindJoined(const std::string &ticket_id, SpecialistKind kind) {
  auto it = tickets_.find(ticket_id);
  if (it == tickets_.end()) return;
  auto &kinds = it->second.kinds;
  auto k = std::find(kinds.begin(), kinds.end(), kind);
  if (k == kinds.end()) return;
  kinds.erase(k);
  auto lane = lanes_.find({kind, it->second.language});
  if (lane != lanes_.end()) {
    lane->second.erase({keyTime(it->second), ticket_id});
    if (lane->second.empty()) lanes_.erase(lane);
  }
  if (kinds.empty()) tickets_.erase(it);
}

std::optional<Offer> RoutingQueue::nextFor(const SpecialistState &s) const {
  if (!isFree(s)) return std::nullopt;
  // The lanes this specialist can serve, each ordered by place.
  std::vector<std::pair<SpecialistKind, const OrderedKeys *>> lanes;
  for (auto kind : s.kinds)
    for (auto language : s.languages)
      if (auto it = lanes_.find({kind, language}); it != lanes_.end())
        lanes.emplace_back(kind, &it->second);
  // Rule 7: the specialist's own questions are passed over (there are few of them).
  auto mine = [&](const Key &k) {
    const auto &citizen = tickets_.at(k.second).citizen_id;
    return !citizen.empty() && citizen == s.id;
  };
  const Key *best = nullptr;
  SpecialistKind best_kind{};
  for (const auto &[kind, lane] : lanes) {
    auto first = lane->begin();
    while (first != lane->end() && mine(*first)) ++first;
    if (first != lane->end() && (!best || *first < *best)) {
      best = &*first;
      best_kind = kind;
    }
  }
  if (!best) return std::nullopt;

  // Soft preferences, only among tickets nearly as early as the best one.
  const Time limit =
      best->first + std::chrono::duration_cast<std::chrono::milliseconds>(kPreferWindow);
  const Key *chosen = best;
  SpecialistKind chosen_kind = best_kind;
  int chosen_score = preference(s, tickets_.at(best->second));
  for (const auto &[kind, lane] : lanes) {
    std::size_t looked = 0;
    for (auto it = lane->begin(); it != lane->end() && looked < kPreferScan; ++it, ++looked) {
      if (it->first > limit) break;
      if (mine(*it)) continue;
      const int score = preference(s, tickets_.at(it->second));
      if (score > chosen_score || (score == chosen_score && *it < *chosen)) {
        chosen = &*it;
        chosen_kind = kind;
        chosen_score = score;
      }
    }
  }
  return Offer{chosen->second, chosen_kind};
}

std::size_t RoutingQueue::placeOf(const std::string &ticket_id) const {
  auto it = tickets_.find(ticket_id);
  if (it == tickets_.end()) return 0;
  const Key key{keyTime(it->second), ticket_id};
  std::size_t best = SIZE_MAX;
  for (auto kind : it->second.kinds) {
    auto lane = lanes_.find({kind, it->second.language});
    if (lane == lanes_.end()) continue;
    best = std::min(best, static_cast<std::size_t>(lane->second.order_of_key(key)));
  }
  return best == SIZE_MAX ? 0 : best + 1;
}

std::vector<std::pair<std::string, std::size_t>> RoutingQueue::places() const {
  // Walk each lane in order once; a ticket's place is its best rank over its lanes. The
  // views point into the lanes' keys, which stay put while this runs.
  std::unordered_map<std::string_view, std::size_t> best;
  best.reserve(tickets_.size());
  for (const auto &[lane, keys] : lanes_) {
    std::size_t place = 0;
    for (const auto &key : keys) {
      ++place;
      auto [it, inserted] = best.try_emplace(key.second, place);
      if (!inserted && place < it->second) it->second = place;
    }
  }
  std::vector<std::pair<std::string, std::size_t>> out;
  out.reserve(best.size());
  for (const auto &[id, place] : best) out.emplace_back(std::string(id), place);
  return out;
}

std::optional<std::string> pickSpecialist(const std::vector<SpecialistState> &specialists,
                                          const TicketNeeds &ticket) {
  const SpecialistState *chosen = nullptr;
  for (const auto &s : specialists) {
    const bool fits = std::any_of(ticket.kinds.begin(), ticket.kinds.end(),
                                  [&](SpecialistKind k) { return canServe(s, ticket, k); });
    if (!fits) continue;
    if (!chosen || std::pair(s.idle_since, s.id) < std::pair(chosen->idle_since, chosen->id))
      chosen = &s;
  }
  if (!chosen) return std::nullopt;
  return chosen->id;
}

} // namespace kelisim::core::reception
