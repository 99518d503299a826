// Skills-based routing of waiting tickets to specialists (issue 3). Pure: no I/O, no clock —
// times come in as arguments. Not thread-safe; the service that owns a reception's queue
// serialises calls.
//
// The rules, in order:
//   1. kind (hard): the specialist has a kind the ticket still waits for. A panel ticket asks
//      for several kinds; it stays in the queue until one specialist of each has joined.
//   2. language (hard): the specialist consults in the ticket's language.
//   3. capacity (hard): the specialist is on duty and has fewer rooms than their capacity.
//   4. order: each ticket has a fixed place, its arrival time moved earlier by
//      priority × kPriorityStep; the smallest place goes first. So within equal priority the
//      oldest goes first, and a ticket is never starved: every ticket that arrives later than
//      `place + kPriorityStep × (priority difference)` queues behind it.
//   5. category and region (soft): among the tickets whose places lie within kPreferWindow of
//      the best one, a ticket of a category the specialist takes, then one from their own
//      region (their organisation's: a centre knows its region's courts and bodies), is
//      preferred.
//   6. fairness: when a ticket could go to several free specialists, the one idle longest
//      gets it (pickSpecialist).
//   7. own question (hard): a specialist who asked a question as a citizen is never given it
//      (they would read the private notes of their own consultation).
// Finding the next ticket for a specialist costs O(kinds × languages × log n); a ticket's place
// O(its kinds × log n), every ticket's place O(n) (lanes are order-statistics trees).
#pragma once

#include "core/model.hpp"
#include "core/time.hpp"

#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

// GNU's order-statistics tree (libstdc++; also with clang): a red-black tree that knows each
// subtree's size, so a key's rank costs O(log n).
#include <ext/pb_ds/assoc_container.hpp>
#include <ext/pb_ds/tree_policy.hpp>

namespace kelisim::core::reception {

inline constexpr auto kPriorityStep = std::chrono::minutes(10);
inline constexpr auto kPreferWindow = std::chrono::minutes(2);
inline constexpr std::size_t kPreferScan = 16; // candidates looked at for soft preferences

struct TicketNeeds {
  std::string id;
  std::vector<SpecialistKind> kinds; // still awaited
  std::string category;
  Language language = Language::ru;
  std::string region; // ISO 3166-2:KZ
  int priority = 0;   // 0 normal; higher is more urgent
  Time arrived{};
  std::string citizen_id; // who asked (rule 7); empty for a guest unknown here
};

struct SpecialistState {
  std::string id;
  std::vector<SpecialistKind> kinds;
  std::vector<Language> languages;
  std::vector<std::string> categories; // empty: takes every category
  std::string region;                  // the specialist's organisation's region
  int capacity = 1;                    // consultations held at once (User::capacity, 1..5)
  int rooms = 0;                       // consultations in progress
  bool on_duty = false;
  Time idle_since{};
};

struct Offer {
  std::string ticket_id;
  SpecialistKind kind; // the panel seat the specialist takes
};

class RoutingQueue {
public:
  // Adds or replaces a waiting ticket. Ignores a ticket with no kinds left.
  void add(const TicketNeeds &ticket);
  void remove(const std::string &ticket_id);
  // One kind of a panel ticket is served; the ticket leaves when no kind is awaited.
  void kindJoined(const std::string &ticket_id, SpecialistKind kind);
  bool contains(const std::string &ticket_id) const { return tickets_.contains(ticket_id); }
  std::size_t size() const { return tickets_.size(); }

  // The best ticket for this specialist by the rules above, or nullopt. Does not change the
  // queue: the caller confirms with kindJoined when the offer is accepted.
  std::optional<Offer> nextFor(const SpecialistState &specialist) const;
  // 1-based place of a ticket: the fewest tickets ahead of it in any lane it waits in, plus
  // one; 0 when absent. O(its kinds × log n).
  std::size_t placeOf(const std::string &ticket_id) const;
  // (ticket id, placeOf) for every waiting ticket, in no particular order; for broadcasting
  // places after a change. O(n + lane entries): one walk of each lane.
  std::vector<std::pair<std::string, std::size_t>> places() const;

private:
  using Key = std::pair<Time, std::string>; // (place, ticket id)
  using OrderedKeys =
      __gnu_pbds::tree<Key, __gnu_pbds::null_type, std::less<Key>, __gnu_pbds::rb_tree_tag,
                       __gnu_pbds::tree_order_statistics_node_update>;
  struct Lane {
    SpecialistKind kind;
    Language language;
    bool operator<(const Lane &o) const {
      return std::pair(kind, language) < std::pair(o.kind, o.language);
    }
  };
  static Time keyTime(const TicketNeeds &t);

  std::unordered_map<std::string, TicketNeeds> tickets_;
  std::map<Lane, OrderedKeys> lanes_;
};

// Among free specialists who could serve `ticket`, the one idle longest (ties: smaller id);
// nullopt if none is free for it.
std::optional<std::string> pickSpecialist(const std::vector<SpecialistState> &specialists,
                                          const TicketNeeds &ticket);
bool isFree(const SpecialistState &s);
bool canServe(const SpecialistState &s, const TicketNeeds &t, SpecialistKind kind);

} // namespace kelisim::core::reception
