#include "core/reception/ticket_lifecycle.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>

namespace kelisim::core::reception {

using namespace std::chrono_literals;
using K = SpecialistKind;
using S = TicketStatus;

namespace {
const Time t0 = fromMillis(1'764'000'000'000);

Ticket fresh(std::vector<K> kinds = {K::lawyer, K::doctor}) {
  Ticket t;
  t.id = "t1";
  t.reception_id = "rec";
  for (auto k : kinds) t.seats.push_back({k, std::nullopt, std::nullopt});
  t.created_at = t0;
  return t;
}

// A consistent ticket in each status: seats of lawyer and doctor; in_room, closed and no_show
// have the lawyer's seat taken by "s1"; every status but scheduled has a room (a waiting,
// deferred or abandoned one had specialists who all left).
Ticket inStatus(S status) {
  Ticket t = fresh();
  t.status = status;
  if (status == S::scheduled) {
    t.slot_at = t0;
    return t;
  }
  t.room_id = "r1";
  t.served_at = t0;
  if (status == S::in_room || status == S::closed || status == S::no_show)
    t.seats[0] = {K::lawyer, std::string("s1"), t0};
  if (status == S::closed || status == S::no_show || status == S::abandoned)
    t.ended_at = t0 + 10min;
  return t;
}

constexpr S kAllStatuses[] = {S::scheduled, S::waiting, S::in_room,  S::deferred,
                              S::closed,    S::no_show, S::abandoned};

// One event of each kind, each one that the ticket of inStatus() could take but for its status.
const std::vector<std::pair<std::string, TicketEvent>> kEvents = {
    {"SlotReached", SlotReached{}},
    {"SeatTaken", SeatTaken{"s2", K::doctor, "r2"}},
    {"SeatReleased", SeatReleased{"s1", K::lawyer}},
    {"SeatAdded", SeatAdded{K::judge}},
    {"RoomClosed", RoomClosed{}},
    {"MarkedNoShow", MarkedNoShow{}},
    {"CitizenLeft", CitizenLeft{}},
    {"CitizenDeferred", CitizenDeferred{}},
    {"ReceptionClosed", ReceptionClosed{"line"}},
    {"Requeued", Requeued{"line"}},
};

// The header's table, written out again: event → statuses it may start from.
const std::map<std::string, std::set<S>> kAllowed = {
    {"SlotReached", {S::scheduled}},
    {"SeatTaken", {S::waiting, S::in_room}},
    {"SeatReleased", {S::in_room}},
    {"SeatAdded", {S::waiting, S::in_room}},
    {"RoomClosed", {S::waiting, S::in_room, S::deferred, S::abandoned}},
    {"MarkedNoShow", {S::closed}},
    {"CitizenLeft", {S::scheduled, S::waiting, S::deferred}},
    {"CitizenDeferred", {S::scheduled, S::waiting}},
    {"ReceptionClosed", {S::scheduled, S::waiting, S::deferred}},
    {"Requeued", {S::deferred}},
};

bool taken(const Seat &s) {
  return s.specialist_id.has_value();
}

// The invariants of the header; returns what is broken, empty when none.
std::string broken(const Ticket &t) {
  const bool any_taken = std::any_of(t.seats.begin(), t.seats.end(), taken);
  if (t.status == S::in_room && !any_taken) return "in_room without a specialist";
  if (t.status == S::in_room && (!t.room_id || !t.served_at)) return "in_room without room";
  if ((t.status == S::scheduled || t.status == S::waiting || t.status == S::deferred ||
       t.status == S::abandoned) &&
      any_taken)
    return "a seat taken while not in a room";
  if ((t.status == S::closed || t.status == S::no_show || t.status == S::abandoned) && !t.ended_at)
    return "ended without ended_at";
  if ((t.status == S::scheduled || t.status == S::waiting || t.status == S::in_room ||
       t.status == S::deferred) &&
      t.ended_at)
    return "ended_at on a live ticket";
  std::set<K> kinds;
  for (const auto &s : t.seats) {
    if (taken(s) != s.joined_at.has_value()) return "seat holder without joined_at";
    if (!kinds.insert(s.kind).second) return "two seats of one kind";
  }
  return {};
}
} // namespace

TEST(TicketLifecycle, EveryStatusAndEventFollowsTheTable) {
  for (const auto &[name, event] : kEvents) {
    const auto &allowed = kAllowed.at(name);
    const auto from = startsFrom(event);
    EXPECT_EQ(std::set<S>(from.begin(), from.end()), allowed) << name;
    for (auto status : kAllStatuses) {
      const Ticket before = inStatus(status);
      ASSERT_EQ(broken(before), "") << toString(status);
      auto after = apply(before, event, t0 + 20min);
      const std::string where = name + " from " + std::string(toString(status));
      if (allowed.contains(status)) {
        ASSERT_TRUE(after) << where << ": " << after.error().log;
        EXPECT_EQ(broken(*after), "") << where;
      } else {
        ASSERT_FALSE(after) << where;
        EXPECT_EQ(after.error().code, ErrorCode::conflict) << where;
      }
    }
  }
}

TEST(TicketLifecycle, IntakeSchedulesATicketWhoseSlotIsAhead) {
  Ticket draft = fresh();
  draft.slot_at = t0 + 1h;
  EXPECT_EQ(intake(draft, t0)->status, S::scheduled);
  EXPECT_EQ(intake(draft, t0 + 1h)->status, S::waiting);
  draft.slot_at.reset();
  auto t = intake(draft, t0);
  EXPECT_EQ(t->status, S::waiting);
  EXPECT_EQ(broken(*t), "");
}

TEST(TicketLifecycle, IntakeNeedsDistinctFreeSeats) {
  auto none = intake(fresh({}), t0);
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code, ErrorCode::validation_failed);
  EXPECT_EQ(none.error().fields.at(0).field, "kinds");
  EXPECT_FALSE(intake(fresh({K::lawyer, K::lawyer}), t0));
  Ticket taken = fresh();
  taken.seats[0].specialist_id = "s1";
  EXPECT_FALSE(intake(taken, t0));
}

TEST(TicketLifecycle, APhoneConsultationIsBornClosed) {
  auto t = heldByPhone(fresh({K::lawyer}), t0, t0 + 15min);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->status, S::closed);
  EXPECT_EQ(t->created_at, t0);
  EXPECT_EQ(t->served_at, t0);
  EXPECT_EQ(t->ended_at, t0 + 15min);
  EXPECT_EQ(heldByPhone(fresh({K::lawyer}), t0, t0 - 1min).error().code,
            ErrorCode::validation_failed);
  EXPECT_FALSE(heldByPhone(fresh({}), t0, t0));
}

TEST(TicketLifecycle, SlotReachedOnlyAtTheSlot) {
  Ticket t = inStatus(S::scheduled);
  t.slot_at = t0 + 5min;
  auto early = apply(t, SlotReached{}, t0 + 4min);
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().code, ErrorCode::conflict);
  EXPECT_EQ(apply(t, SlotReached{}, t0 + 5min)->status, S::waiting);
}

TEST(TicketLifecycle, TheFirstSeatOpensTheRoomAndSetsServedAtOnce) {
  auto first = apply(fresh(), SeatTaken{"s1", K::lawyer, "r1"}, t0 + 1min);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, S::in_room);
  EXPECT_EQ(first->room_id, "r1");
  EXPECT_EQ(first->served_at, t0 + 1min);
  EXPECT_EQ(first->seats[0], (Seat{K::lawyer, std::string("s1"), t0 + 1min}));
  EXPECT_FALSE(taken(first->seats[1]));

  auto second = apply(*first, SeatTaken{"s2", K::doctor, "r-other"}, t0 + 2min);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->room_id, "r1") << "a panel shares one room";
  EXPECT_EQ(second->served_at, t0 + 1min) << "served_at never moves";
  EXPECT_EQ(second->seats[1], (Seat{K::doctor, std::string("s2"), t0 + 2min}));
}

TEST(TicketLifecycle, ASpecialistTakesOnlyAFreeSeatOfTheirKind) {
  const Ticket t = inStatus(S::in_room); // lawyer taken by s1
  auto taken_seat = apply(t, SeatTaken{"s2", K::lawyer, "r2"}, t0);
  ASSERT_FALSE(taken_seat);
  EXPECT_EQ(taken_seat.error().code, ErrorCode::conflict);
  auto no_seat = apply(t, SeatTaken{"s2", K::judge, "r2"}, t0);
  ASSERT_FALSE(no_seat);
  EXPECT_EQ(no_seat.error().code, ErrorCode::validation_failed);
  EXPECT_EQ(no_seat.error().fields.at(0).field, "kind");
}

TEST(TicketLifecycle, WithNoSpecialistLeftTheTicketWaitsAgain) {
  Ticket panel = inStatus(S::in_room);
  panel.seats[1] = {K::doctor, std::string("s2"), t0};
  auto one_left = apply(panel, SeatReleased{"s1", K::lawyer}, t0 + 1min);
  ASSERT_TRUE(one_left);
  EXPECT_EQ(one_left->status, S::in_room);
  EXPECT_EQ(one_left->seats[0], (Seat{K::lawyer, std::nullopt, std::nullopt}));
  auto none_left = apply(*one_left, SeatReleased{"s2", K::doctor}, t0 + 2min);
  ASSERT_TRUE(none_left);
  EXPECT_EQ(none_left->status, S::waiting);
  EXPECT_EQ(none_left->room_id, "r1") << "the next specialist joins the same room";
  EXPECT_EQ(none_left->served_at, t0);
}

TEST(TicketLifecycle, OnlyTheHolderGivesASeatBack) {
  const Ticket t = inStatus(S::in_room);
  EXPECT_TRUE(holdsSeat(t, "s1", K::lawyer));
  EXPECT_FALSE(holdsSeat(t, "s2", K::lawyer));
  EXPECT_FALSE(holdsSeat(t, "s1", K::doctor));
  auto other = apply(t, SeatReleased{"s2", K::lawyer}, t0);
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, ErrorCode::conflict);
  EXPECT_EQ(apply(t, SeatReleased{"s1", K::judge}, t0).error().code, ErrorCode::validation_failed);
}

TEST(TicketLifecycle, ASeatOfAnotherKindIsAddedOnce) {
  auto added = apply(inStatus(S::in_room), SeatAdded{K::judge}, t0);
  ASSERT_TRUE(added);
  ASSERT_EQ(added->seats.size(), 3u);
  EXPECT_EQ(added->seats[2], (Seat{K::judge, std::nullopt, std::nullopt}));
  EXPECT_EQ(apply(*added, SeatAdded{K::judge}, t0).error().code, ErrorCode::conflict);
}

TEST(TicketLifecycle, TransferToAColleagueOfAnotherKind) {
  // As RoomService::transferTo does it: give back, add the colleague's kind, they take it.
  auto t = apply(inStatus(S::in_room), SeatReleased{"s1", K::lawyer}, t0 + 1min);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->status, S::waiting);
  t = apply(*t, SeatAdded{K::psychologist}, t0 + 1min);
  ASSERT_TRUE(t);
  t = apply(*t, SeatTaken{"s3", K::psychologist, "ignored"}, t0 + 1min);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->status, S::in_room);
  EXPECT_EQ(t->room_id, "r1");
  EXPECT_EQ(t->served_at, t0);
  EXPECT_EQ(broken(*t), "");
}

TEST(TicketLifecycle, ClosingTheRoomEndsTheTicket) {
  auto closed = apply(inStatus(S::in_room), RoomClosed{}, t0 + 30min);
  ASSERT_TRUE(closed);
  EXPECT_EQ(closed->status, S::closed);
  EXPECT_EQ(closed->ended_at, t0 + 30min);
  EXPECT_EQ(closed->served_at, t0);
  auto no_show = apply(*closed, MarkedNoShow{}, t0 + 31min);
  ASSERT_TRUE(no_show);
  EXPECT_EQ(no_show->status, S::no_show);
  EXPECT_EQ(no_show->ended_at, t0 + 30min) << "it ended when the room closed";

  Ticket roomless = inStatus(S::waiting);
  roomless.room_id.reset();
  EXPECT_EQ(apply(roomless, RoomClosed{}, t0).error().code, ErrorCode::conflict);
}

TEST(TicketLifecycle, TheCitizenLeavesOrDefers) {
  auto left = apply(inStatus(S::deferred), CitizenLeft{}, t0 + 3min);
  ASSERT_TRUE(left);
  EXPECT_EQ(left->status, S::abandoned);
  EXPECT_EQ(left->ended_at, t0 + 3min);
  auto later = apply(inStatus(S::scheduled), CitizenDeferred{}, t0 + 3min);
  ASSERT_TRUE(later);
  EXPECT_EQ(later->status, S::deferred);
  EXPECT_FALSE(later->ended_at);
}

TEST(TicketLifecycle, ClosingAReceptionMovesItsTicketsToThePermanentLine) {
  for (auto status : {S::scheduled, S::waiting, S::deferred}) {
    const Ticket before = inStatus(status);
    auto moved = apply(before, ReceptionClosed{"line"}, t0);
    ASSERT_TRUE(moved);
    EXPECT_EQ(moved->reception_id, "line");
    EXPECT_EQ(moved->status, status == S::scheduled ? S::waiting : status);
    EXPECT_EQ(guardFor(before, ReceptionClosed{"line"}), std::vector<S>{status})
        << "the result depends on the status it was decided from";
    auto parked = apply(before, ReceptionClosed{}, t0);
    ASSERT_TRUE(parked);
    EXPECT_EQ(parked->reception_id, "rec");
    EXPECT_EQ(parked->status, S::deferred);
  }
  EXPECT_EQ(apply(inStatus(S::waiting), ReceptionClosed{""}, t0).error().code,
            ErrorCode::validation_failed);
}

TEST(TicketLifecycle, ADeferredTicketWaitsAgainWhereItIsRequeued) {
  auto back = apply(inStatus(S::deferred), Requeued{"line"}, t0 + 5min);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->status, S::waiting);
  EXPECT_EQ(back->reception_id, "line");
  EXPECT_EQ(back->created_at, t0) << "it keeps its place in time";
  EXPECT_EQ(apply(inStatus(S::deferred), Requeued{""}, t0).error().code,
            ErrorCode::validation_failed);
}

namespace {
// t0 is Monday 21:00 in Almaty: the event below is on, the office line (weekdays 9:00–18:00)
// is not; t0 + 12h is Tuesday 9:00.
Reception eventAround(Time t) {
  Reception r;
  r.id = "event";
  r.starts_at = t - 1h;
  r.ends_at = t + 1h;
  return r;
}
Reception officeLine() {
  Reception r;
  r.id = "line";
  r.kind = ReceptionKind::permanent;
  r.starts_at = t0 - 24h * 30;
  r.ends_at = t0 + 24h * 3650;
  for (int day = 1; day <= 5; ++day) r.hours.push_back({day, 9 * 60, 18 * 60});
  return r;
}
} // namespace

TEST(TicketLifecycle, ADeferredTicketGoesBackWhenSomeoneOfItsKindCanAnswer) {
  const Ticket deferred = inStatus(S::deferred); // awaits a lawyer and a doctor
  const Reception event = eventAround(t0);
  const Reception line = officeLine();
  const Opening none;
  // Its own reception still on: back there once a lawyer or a doctor is on duty, not before.
  EXPECT_EQ(requeueInto(deferred, {&event, false, {}}, {&line, false, {K::lawyer}}, t0),
            std::nullopt);
  EXPECT_EQ(requeueInto(deferred, {&event, false, {K::judge}}, none, t0), std::nullopt);
  EXPECT_EQ(requeueInto(deferred, {&event, false, {K::doctor}}, none, t0), "event");
  // Over: the permanent line takes it, once it answers and the kind is there or it just opened.
  const Time tuesday = t0 + 12h;
  EXPECT_EQ(requeueInto(deferred, {&event, false, {K::lawyer}}, {&line, false, {K::lawyer}}, t0),
            "event");
  EXPECT_EQ(requeueInto(deferred, {&event, false, {}}, {&line, true, {}}, tuesday), "line");
  EXPECT_EQ(requeueInto(deferred, {&event, false, {}}, {&line, false, {K::doctor}}, tuesday),
            "line");
  EXPECT_EQ(requeueInto(deferred, {&event, false, {}}, {&line, false, {}}, tuesday), std::nullopt);
  EXPECT_EQ(requeueInto(deferred, {&event, false, {}}, {&line, true, {}}, t0 + 2h), std::nullopt)
      << "out of the line's hours nobody answers";
  EXPECT_EQ(requeueInto(deferred, {&event, false, {}}, none, tuesday), std::nullopt);
  Reception closed = event;
  closed.closed_at = t0 - 30min;
  EXPECT_EQ(requeueInto(deferred, {&closed, false, {}}, {&line, true, {}}, tuesday), "line");
  // Already in the line: its own reception is the line.
  Ticket in_line = deferred;
  in_line.reception_id = "line";
  EXPECT_EQ(requeueInto(in_line, {&line, true, {}}, {&line, true, {}}, tuesday), "line");
  EXPECT_EQ(requeueInto(in_line, {&line, false, {K::judge}}, {&line, false, {K::judge}}, tuesday),
            std::nullopt);
  // Only a deferred ticket moves.
  EXPECT_EQ(requeueInto(inStatus(S::waiting), {&event, true, {K::lawyer}}, none, t0), std::nullopt);
}

TEST(TicketLifecycle, TheGuardIsEveryStartWhenTheResultIsTheSame) {
  const Ticket waiting = inStatus(S::waiting);
  EXPECT_EQ(guardFor(waiting, CitizenLeft{}),
            (std::vector<S>{S::scheduled, S::waiting, S::deferred}));
  EXPECT_EQ(guardFor(waiting, CitizenDeferred{}), (std::vector<S>{S::scheduled, S::waiting}));
  EXPECT_EQ(guardFor(inStatus(S::scheduled), SlotReached{}), std::vector<S>{S::scheduled});
  EXPECT_EQ(guardFor(inStatus(S::closed), MarkedNoShow{}), std::vector<S>{S::closed});
}

// Random walks: whatever happens, and in whatever order, no transition leaves a ticket that
// breaks an invariant, served_at never moves once set, and a closed ticket's end stays put.
TEST(TicketLifecycle, RandomEventSequencesKeepTheInvariants) {
  std::mt19937 rng(20260407);
  const std::vector<K> kinds = {K::lawyer, K::doctor, K::mediator, K::judge};
  const std::vector<std::string> people = {"s1", "s2", "s3"};
  auto pick = [&](const auto &v) {
    return v[std::uniform_int_distribution<std::size_t>(0, v.size() - 1)(rng)];
  };
  int applied = 0;
  std::set<S> reached;
  for (int walk = 0; walk < 2000; ++walk) {
    Ticket draft = fresh({pick(kinds)});
    if (rng() % 2) draft.seats.push_back({K::psychologist, std::nullopt, std::nullopt});
    if (rng() % 2) draft.slot_at = t0 + std::chrono::minutes(rng() % 10);
    Time now = t0;
    auto t = intake(draft, now);
    ASSERT_TRUE(t);
    reached.insert(t->status);
    for (int step = 0; step < 30; ++step) {
      now += std::chrono::minutes(rng() % 3);
      TicketEvent event;
      // Seats change often, a ticket ends now and then.
      const auto roll = rng() % 16;
      if (roll == 0)
        event = SlotReached{};
      else if (roll <= 4)
        event = SeatTaken{pick(people), pick(kinds), "r" + std::to_string(step)};
      else if (roll <= 7)
        event = SeatReleased{pick(people), pick(kinds)};
      else if (roll <= 9)
        event = SeatAdded{pick(kinds)};
      else if (roll == 10)
        event = RoomClosed{};
      else if (roll == 11)
        event = MarkedNoShow{};
      else if (roll == 12)
        event = CitizenLeft{};
      else if (roll == 13)
        event = CitizenDeferred{};
      else if (roll == 14)
        event = ReceptionClosed{"line"};
      else if (rng() % 2)
        event = ReceptionClosed{};
      else
        event = Requeued{"line"};
      auto next = apply(*t, event, now);
      if (!next) {
        EXPECT_TRUE(next.error().code == ErrorCode::conflict ||
                    next.error().code == ErrorCode::validation_failed);
        continue;
      }
      ++applied;
      ASSERT_EQ(broken(*next), "") << "walk " << walk << " step " << step << " event "
                                   << event.index() << " from " << toString(t->status);
      if (t->served_at) EXPECT_EQ(next->served_at, t->served_at);
      if (t->room_id) EXPECT_EQ(next->room_id, t->room_id);
      if (t->status == S::closed || t->status == S::no_show) EXPECT_EQ(next->ended_at, t->ended_at);
      const auto from = startsFrom(event);
      EXPECT_TRUE(std::find(from.begin(), from.end(), t->status) != from.end());
      t = std::move(next);
      reached.insert(t->status);
    }
  }
  EXPECT_GT(applied, 5000);
  EXPECT_EQ(reached.size(), std::size(kAllStatuses)) << "the walks reach every status";
}

} // namespace kelisim::core::reception
