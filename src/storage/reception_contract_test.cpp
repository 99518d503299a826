// The contract of the virtual receptions' part of the Store (issue 3), as one typed suite run
// on both backends like contract_test.cpp: categories, receptions and permanent lines, the
// roster, tickets and seats (panels, races for one seat), rooms, chat, notes, attachments,
// feedback and the consultation figures.

#include "storage/contract_fixture.hpp"

#include <algorithm>
#include <map>
#include <mutex>
#include <thread>

namespace kelisim::storage {
namespace {

using namespace contract;
namespace asio = boost::asio;
namespace rc = core::reception;
using core::ErrorCode;
using core::Result;
using core::SpecialistKind;
using rc::TicketStatus;

template <typename Backend> class ReceptionContract : public StoreContract<Backend> {
protected:
  void SetUp() override {
    StoreContract<Backend>::SetUp();
    if (this->IsSkipped() || this->HasFatalFailure()) return;
    for (const char *org : {"org", "org2"})
      this->must(this->store_->createOrganisation(this->organisation(org)));
    for (const char *id : {"coord", "lawyer", "psy", "c1", "c2"})
      this->must(this->store_->createUser(this->user(id)));
    this->must(this->store_->createReception(reception("r1", "org", 0, 86'400'000)));
  }

  // Run a store call and expect it to fail with `code`.
  template <typename T> void expectError(Task<T> task, ErrorCode code) {
    auto r = this->run(std::move(task));
    ASSERT_FALSE(r.ok()) << "expected error " << static_cast<int>(code);
    EXPECT_EQ(r.error().code, code) << r.error().log;
  }

  rc::Reception reception(const std::string &id, const std::string &org, std::int64_t starts,
                          std::int64_t ends) {
    rc::Reception r;
    r.id = id;
    r.organisation_id = org;
    r.title = {"Қабылдау " + id, "Приём " + id, "Reception " + id};
    r.description = {"сипаттама", "описание", "description"};
    r.starts_at = at(starts);
    r.ends_at = at(ends);
    r.categories = {"family", "labour"};
    r.channels = {rc::Channel::chat, rc::Channel::video};
    r.slot_minutes = 15;
    r.created_by = "coord";
    r.created_at = at(-1000);
    return r;
  }

  rc::Ticket ticket(const std::string &id, std::int64_t offset,
                    std::vector<SpecialistKind> kinds = {SpecialistKind::lawyer}) {
    rc::Ticket t;
    t.id = id;
    t.reception_id = "r1";
    t.organisation_id = "org";
    t.citizen_id = "c1";
    t.region = "KZ-71";
    t.language = core::Language::kk;
    t.category = "family";
    t.description = "Ажырасу кезінде балалар кіммен қалады?";
    t.channel = rc::Channel::chat;
    for (auto k : kinds) t.seats.push_back({k, std::nullopt, std::nullopt});
    t.status = TicketStatus::waiting;
    t.secret_hash = "secret-" + id;
    t.created_at = at(offset);
    return t;
  }

  // The room claimSeat creates for ticket `ticket_id` when it has none.
  rc::Room room(const std::string &id, const std::string &ticket_id, std::int64_t offset) {
    rc::Room r;
    r.id = id;
    r.ticket_id = ticket_id;
    r.reception_id = "r1";
    r.organisation_id = "org";
    r.created_at = at(offset);
    return r;
  }

  // A ticket with a room: "t1" claimed by the lawyer, its room "room-1".
  rc::Room openRoom() {
    this->must(this->store_->createTicket(ticket("t1", 0)));
    return this->must(this->store_->claimSeat("t1", SpecialistKind::lawyer, "lawyer",
                                              room("room-1", "t1", 10), at(10)));
  }

  rc::ChatMessage message(const std::string &sender, const std::string &client_id,
                          std::int64_t offset) {
    rc::ChatMessage m;
    m.room_id = "room-1";
    m.sender_id = sender;
    m.client_id = client_id;
    m.body = "Сәлеметсіз бе! " + client_id;
    m.at = at(offset);
    return m;
  }
};
TYPED_TEST_SUITE(ReceptionContract, Backends, BackendNames);

// Intakes committed at the same time may share one transaction (PostgreSQL's group commit
// merges their rows into multi-row inserts): each is still kept whole, and one that fails
// (here a ticket id already taken) fails alone, leaving nothing of itself behind.
TYPED_TEST(ReceptionContract, ConcurrentIntakesAreKeptWholeAndFailAlone) {
  this->must(this->store_->createTicket(this->ticket("taken", 0)));
  constexpr int kUnits = 40;
  auto failing = [](int i) { return i % 10 == 7; };
  std::vector<core::UnitOfWork> works(kUnits);
  for (int i = 0; i < kUnits; ++i) {
    const std::string n = std::to_string(i);
    auto guest = this->user("g" + n, i);
    auto t = this->ticket(failing(i) ? "taken" : "t" + n, i);
    if (i % 2 == 1) t.seats.push_back({SpecialistKind::psychologist, std::nullopt, std::nullopt});
    t.citizen_id = guest.id;
    works[i].add(core::NewUser{guest});
    works[i].add(core::NewSession{{"token-" + n, guest.id, "csrf", at(0), at(3'600'000)}});
#if defined(__GNUC__) && !defined(__clang__) // GCC 12 misreads the variant as uninitialised
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
    works[i].add(core::NewTicket{t});
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
    works[i].add(core::AuditRecord{
        {0, at(i), guest.id, "ticket.created", "ticket", t.id, "", "", std::nullopt, ""}});
  }
  std::vector<std::optional<Result<Unit>>> results(kUnits);
  for (int i = 0; i < kUnits; ++i)
    asio::co_spawn(
        this->io_,
        [this, i, &works, &results]() -> asio::awaitable<void> {
          results[i].emplace(co_await this->store_->commit(works[i]));
        },
        asio::detached);
  this->io_.restart();
  this->io_.run();
  int kept = 0;
  for (int i = 0; i < kUnits; ++i) {
    const std::string n = std::to_string(i);
    ASSERT_TRUE(results[i].has_value()) << i;
    if (failing(i)) {
      EXPECT_EQ(results[i]->error().code, ErrorCode::conflict) << i;
      this->expectError(this->store_->getUser("g" + n), ErrorCode::not_found);
      this->expectError(this->store_->findSession("token-" + n, at(1)), ErrorCode::not_found);
      continue;
    }
    ASSERT_TRUE(results[i]->ok()) << i << " " << describe(*results[i]);
    ++kept;
    auto t = this->must(this->store_->getTicket("t" + n));
    EXPECT_EQ(t.citizen_id, "g" + n);
    EXPECT_EQ(t.seats.size(), i % 2 == 1 ? 2u : 1u) << i;
    EXPECT_EQ(this->must(this->store_->findSession("token-" + n, at(1))).user_id, "g" + n);
  }
  EXPECT_EQ(this->must(this->store_->listAudit(std::nullopt, 100)).size(),
            static_cast<std::size_t>(kept));
}

// --- categories and receptions -----------------------------------------------------------

TYPED_TEST(ReceptionContract, CategoriesAreTheBaseOnesThenWhatAdminsAdd) {
  std::vector<std::string> base(std::begin(rc::kBaseCategories), std::end(rc::kBaseCategories));
  std::sort(base.begin(), base.end());
  EXPECT_EQ(this->must(this->store_->listCategories()), base);
  ASSERT_TRUE(this->run(this->store_->addCategory("tax")).ok());
  this->expectError(this->store_->addCategory("tax"), ErrorCode::conflict);
  this->expectError(this->store_->addCategory("family"), ErrorCode::conflict);
  base.push_back("tax");
  std::sort(base.begin(), base.end());
  EXPECT_EQ(this->must(this->store_->listCategories()), base);
}

TYPED_TEST(ReceptionContract, ReceptionsRoundTripAndUpdateOnlyTheEditableFields) {
  auto line = this->reception("line", "org", 0, 4'000'000'000'000);
  line.kind = rc::ReceptionKind::permanent;
  line.hours = {{1, 540, 1080}, {2, 540, 1080}, {6, 600, 840}};
  line.holidays = {"2026-01-01", "2026-03-21"};
  line.slot_minutes = 0;
  ASSERT_TRUE(this->run(this->store_->createReception(line)).ok());
  EXPECT_EQ(this->must(this->store_->getReception("line")), line);
  this->expectError(this->store_->getReception("nope"), ErrorCode::not_found);
  this->expectError(this->store_->createReception(line), ErrorCode::conflict);

  auto changed = line;
  changed.title = {"Жаңа", "Новый", "New"};
  changed.description = {"а", "б", "c"};
  changed.starts_at = at(5);
  changed.ends_at = at(6'000'000);
  changed.categories = {"housing"};
  changed.channels = {rc::Channel::phone};
  changed.hours = {{7, 0, 1440}};
  changed.holidays = {};
  changed.slot_minutes = 30;
  changed.closed_at = at(7);
  auto attempt = changed;
  attempt.organisation_id = "org2";
  attempt.kind = rc::ReceptionKind::event;
  attempt.created_by = "lawyer";
  attempt.created_at = at(99);
  ASSERT_TRUE(this->run(this->store_->updateReception(attempt)).ok());
  EXPECT_EQ(this->must(this->store_->getReception("line")), changed);
  attempt.id = "nope";
  this->expectError(this->store_->updateReception(attempt), ErrorCode::not_found);
}

TYPED_TEST(ReceptionContract, ListReceptionsKeepsThoseNotEndedNorClosedBefore) {
  // r1 (set up): [0, 86'400'000) in org.
  auto ended = this->reception("ended", "org", -2000, 500);
  auto closed_early = this->reception("closed-early", "org", 100, 90'000'000);
  closed_early.closed_at = at(900);
  auto closed_later = this->reception("closed-later", "org2", 50, 90'000'000);
  closed_later.closed_at = at(5'000);
  auto line = this->reception("line", "org2", -5000, 4'000'000'000'000);
  line.kind = rc::ReceptionKind::permanent;
  for (const auto &r : {ended, closed_early, closed_later, line})
    ASSERT_TRUE(this->run(this->store_->createReception(r)).ok());
  auto r1 = this->must(this->store_->getReception("r1"));

  EXPECT_EQ(this->must(this->store_->listReceptions(std::nullopt, at(1000))),
            (std::vector<rc::Reception>{line, r1, closed_later}));
  EXPECT_EQ(this->must(this->store_->listReceptions(std::string("org2"), at(1000))),
            (std::vector<rc::Reception>{line, closed_later}));
  // Closed exactly at ends_after: not closed before it.
  EXPECT_EQ(this->must(this->store_->listReceptions(std::string("org"), at(900))),
            (std::vector<rc::Reception>{r1, closed_early}));
  EXPECT_EQ(this->must(this->store_->listReceptions(std::nullopt, at(-3000))).size(), 5u);
  EXPECT_TRUE(this->must(this->store_->listReceptions(std::string("org3"), at(0))).empty());
}

TYPED_TEST(ReceptionContract, AnOrganisationHasOnePermanentLine) {
  this->expectError(this->store_->getPermanentLine("org"), ErrorCode::not_found);
  auto line = this->reception("line", "org", 0, 4'000'000'000'000);
  line.kind = rc::ReceptionKind::permanent;
  ASSERT_TRUE(this->run(this->store_->createReception(line)).ok());
  EXPECT_EQ(this->must(this->store_->getPermanentLine("org")), line);
  this->expectError(this->store_->getPermanentLine("org2"), ErrorCode::not_found);
  auto second = line;
  second.id = "line-2";
  this->expectError(this->store_->createReception(second), ErrorCode::conflict);
}

// --- roster ------------------------------------------------------------------------------

TYPED_TEST(ReceptionContract, RosterIsReplacedWholeAndListedByStart) {
  this->must(this->store_->createReception(this->reception("r2", "org", 0, 86'400'000)));
  rc::DutyShift a{"r1", "psy", {SpecialistKind::psychologist}, at(3'600'000), at(7'200'000)};
  rc::DutyShift b{
      "r1", "lawyer", {SpecialistKind::lawyer, SpecialistKind::mediator}, at(0), at(3'600'000)};
  rc::DutyShift c{"r1", "coord", {SpecialistKind::other}, at(0), at(1'000)};
  rc::DutyShift d{"r2", "lawyer", {SpecialistKind::lawyer}, at(5'000), at(9'000'000)};
  ASSERT_TRUE(this->run(this->store_->setRoster("r1", {a, b})).ok());
  ASSERT_TRUE(this->run(this->store_->setRoster("r2", {d})).ok());
  EXPECT_EQ(this->must(this->store_->listRoster("r1")), (std::vector<rc::DutyShift>{b, a}));
  ASSERT_TRUE(this->run(this->store_->setRoster("r1", {a, c})).ok());
  EXPECT_EQ(this->must(this->store_->listRoster("r1")), (std::vector<rc::DutyShift>{c, a}));

  EXPECT_EQ(this->must(this->store_->listShiftsOf("lawyer", at(0))),
            (std::vector<rc::DutyShift>{d}));
  ASSERT_TRUE(this->run(this->store_->setRoster("r1", {a, b, c})).ok());
  EXPECT_EQ(this->must(this->store_->listShiftsOf("lawyer", at(0))),
            (std::vector<rc::DutyShift>{b, d}));
  // A shift that has ended at `now` is left out.
  EXPECT_EQ(this->must(this->store_->listShiftsOf("lawyer", at(3'600'000))),
            (std::vector<rc::DutyShift>{d}));
  ASSERT_TRUE(this->run(this->store_->setRoster("r1", {})).ok());
  EXPECT_TRUE(this->must(this->store_->listRoster("r1")).empty());
}

// --- tickets -----------------------------------------------------------------------------

TYPED_TEST(ReceptionContract, TicketsRoundTripWithTheirSeatsAndAreFiltered) {
  auto t1 = this->ticket("t1", 10, {SpecialistKind::lawyer, SpecialistKind::psychologist});
  t1.contact = "+7 701 000 00 00";
  t1.priority = 2;
  t1.slot_at = at(900'000);
  t1.status = TicketStatus::scheduled;
  auto t2 = this->ticket("t2", 5);
  t2.citizen_id = std::nullopt;
  t2.secret_hash = "";
  auto t3 = this->ticket("t3", 20, {SpecialistKind::judge});
  t3.citizen_id = "c2";
  t3.status = TicketStatus::deferred;
  auto t4 = this->ticket("t4", 30, {});
  t4.secret_hash = "";
  for (const auto &t : {t1, t2, t3, t4}) ASSERT_TRUE(this->run(this->store_->createTicket(t)).ok());

  EXPECT_EQ(this->must(this->store_->getTicket("t1")), t1);
  EXPECT_EQ(this->must(this->store_->getTicket("t4")), t4);
  EXPECT_EQ(this->must(this->store_->findTicketBySecret("secret-t3")), t3);
  this->expectError(this->store_->getTicket("nope"), ErrorCode::not_found);
  this->expectError(this->store_->findTicketBySecret("nope"), ErrorCode::not_found);
  this->expectError(this->store_->findTicketBySecret(""), ErrorCode::not_found);
  this->expectError(this->store_->createTicket(t1), ErrorCode::conflict);
  auto twin = this->ticket("t5", 40);
  twin.secret_hash = t1.secret_hash;
  this->expectError(this->store_->createTicket(twin), ErrorCode::conflict);

  using Query = Store::TicketQuery;
  using Tickets = std::vector<rc::Ticket>;
  EXPECT_EQ(this->must(this->store_->listTickets(Query{})), (Tickets{t2, t1, t3, t4}));
  Query waiting;
  waiting.reception_id = "r1";
  waiting.statuses = {TicketStatus::waiting, TicketStatus::deferred};
  EXPECT_EQ(this->must(this->store_->listTickets(waiting)), (Tickets{t2, t3, t4}));
  Query mine;
  mine.citizen_id = "c1";
  EXPECT_EQ(this->must(this->store_->listTickets(mine)), (Tickets{t1, t4}));
  mine.limit = 1;
  EXPECT_EQ(this->must(this->store_->listTickets(mine)), (Tickets{t1}));
  Query elsewhere;
  elsewhere.organisation_id = "org2";
  EXPECT_TRUE(this->must(this->store_->listTickets(elsewhere)).empty());
  Query scheduled;
  scheduled.organisation_id = "org";
  scheduled.statuses = {TicketStatus::scheduled};
  EXPECT_EQ(this->must(this->store_->listTickets(scheduled)), (Tickets{t1}));
}

TYPED_TEST(ReceptionContract, TransitionTicketMovesOnlyFromTheExpectedStatuses) {
  auto t = this->ticket("t1", 0);
  ASSERT_TRUE(this->run(this->store_->createTicket(t)).ok());
  this->must(this->store_->createReception(this->reception("line", "org", 0, 9'000'000'000)));

  auto moved = t;
  moved.status = TicketStatus::deferred;
  moved.reception_id = "line";
  moved.priority = 5;
  moved.description = "not stored by a transition";
  ASSERT_TRUE(this->run(this->store_->transitionTicket(moved, {TicketStatus::waiting})).ok());
  auto expected = t;
  expected.status = TicketStatus::deferred;
  expected.reception_id = "line";
  expected.priority = 5;
  EXPECT_EQ(this->must(this->store_->getTicket("t1")), expected);

  // Someone else moved it first.
  auto abandoned = expected;
  abandoned.status = TicketStatus::abandoned;
  abandoned.ended_at = at(60'000);
  this->expectError(this->store_->transitionTicket(abandoned, {TicketStatus::waiting}),
                    ErrorCode::conflict);
  this->expectError(this->store_->transitionTicket(abandoned, {}), ErrorCode::conflict);
  ASSERT_TRUE(this->run(this->store_->transitionTicket(
                            abandoned, {TicketStatus::waiting, TicketStatus::deferred}))
                  .ok());
  EXPECT_EQ(this->must(this->store_->getTicket("t1")), abandoned);

  auto ghost = this->ticket("ghost", 0);
  this->expectError(this->store_->transitionTicket(ghost, {TicketStatus::waiting}),
                    ErrorCode::not_found);
}

// --- seats and rooms ---------------------------------------------------------------------

TYPED_TEST(ReceptionContract, APanelTicketSeatsTwoSpecialistsInOneRoom) {
  auto t = this->ticket("t1", 0, {SpecialistKind::lawyer, SpecialistKind::psychologist});
  ASSERT_TRUE(this->run(this->store_->createTicket(t)).ok());

  auto first = this->run(this->store_->claimSeat("t1", SpecialistKind::psychologist, "psy",
                                                 this->room("room-1", "t1", 100), at(100)));
  ASSERT_TRUE(first.ok()) << describe(first);
  EXPECT_EQ(*first, this->room("room-1", "t1", 100));
  // The room of the ticket is reused: the second new_room is not stored.
  auto second = this->run(this->store_->claimSeat("t1", SpecialistKind::lawyer, "lawyer",
                                                  this->room("room-2", "t1", 200), at(200)));
  ASSERT_TRUE(second.ok()) << describe(second);
  EXPECT_EQ(*second, *first);
  this->expectError(this->store_->getRoom("room-2"), ErrorCode::not_found);
  EXPECT_EQ(this->must(this->store_->getRoom("room-1")), *first);

  auto stored = this->must(this->store_->getTicket("t1"));
  EXPECT_EQ(stored.status, TicketStatus::in_room);
  EXPECT_EQ(stored.room_id, std::optional<std::string>("room-1"));
  EXPECT_EQ(stored.served_at, std::optional(at(100)));
  EXPECT_EQ(stored.seats, (std::vector<rc::Seat>{{SpecialistKind::lawyer, "lawyer", at(200)},
                                                 {SpecialistKind::psychologist, "psy", at(100)}}));

  EXPECT_EQ(this->must(this->store_->listRoomMembers("room-1")),
            (std::vector<rc::RoomMember>{
                {"room-1", "c1", std::nullopt, at(100), std::nullopt, 0},
                {"room-1", "psy", SpecialistKind::psychologist, at(100), std::nullopt, 0},
                {"room-1", "lawyer", SpecialistKind::lawyer, at(200), std::nullopt, 0}}));
  for (const char *member : {"c1", "psy", "lawyer"})
    EXPECT_EQ(this->must(this->store_->listRoomsOf(member, true)), (std::vector<rc::Room>{*first}));
  EXPECT_EQ(this->must(this->store_->listOpenRooms("r1")), (std::vector<rc::Room>{*first}));

  // Both seats are taken now.
  this->expectError(this->store_->claimSeat("t1", SpecialistKind::lawyer, "coord",
                                            this->room("room-3", "t1", 300), at(300)),
                    ErrorCode::conflict);
}

TYPED_TEST(ReceptionContract, ClaimSeatRefusesTakenSeatsAndTicketsNotWaiting) {
  ASSERT_TRUE(this->run(this->store_->createTicket(this->ticket("t1", 0))).ok());
  ASSERT_TRUE(this->run(this->store_->claimSeat("t1", SpecialistKind::lawyer, "lawyer",
                                                this->room("room-1", "t1", 1), at(1)))
                  .ok());
  this->expectError(this->store_->claimSeat("t1", SpecialistKind::lawyer, "psy",
                                            this->room("room-x", "t1", 2), at(2)),
                    ErrorCode::conflict);
  this->expectError(this->store_->claimSeat("t1", SpecialistKind::judge, "psy",
                                            this->room("room-x", "t1", 2), at(2)),
                    ErrorCode::not_found);
  this->expectError(this->store_->claimSeat("nope", SpecialistKind::lawyer, "psy",
                                            this->room("room-x", "nope", 2), at(2)),
                    ErrorCode::not_found);

  auto deferred = this->ticket("t2", 5);
  deferred.status = TicketStatus::deferred;
  ASSERT_TRUE(this->run(this->store_->createTicket(deferred)).ok());
  this->expectError(this->store_->claimSeat("t2", SpecialistKind::lawyer, "lawyer",
                                            this->room("room-2", "t2", 6), at(6)),
                    ErrorCode::conflict);
  // Nothing of a refused claim is kept.
  this->expectError(this->store_->getRoom("room-2"), ErrorCode::not_found);
  EXPECT_EQ(this->must(this->store_->getTicket("t2")), deferred);
}

TYPED_TEST(ReceptionContract, ReleasedSeatsWaitAgainAndSeatsCanBeAdded) {
  auto t = this->ticket("t1", 0, {SpecialistKind::lawyer, SpecialistKind::psychologist});
  ASSERT_TRUE(this->run(this->store_->createTicket(t)).ok());
  auto room = this->must(this->store_->claimSeat("t1", SpecialistKind::lawyer, "lawyer",
                                                 this->room("room-1", "t1", 1), at(1)));
  this->must(this->store_->claimSeat("t1", SpecialistKind::psychologist, "psy",
                                     this->room("unused", "t1", 2), at(2)));

  ASSERT_TRUE(this->run(this->store_->releaseSeat("t1", SpecialistKind::lawyer)).ok());
  auto one_left = this->must(this->store_->getTicket("t1"));
  EXPECT_EQ(one_left.status, TicketStatus::in_room);
  EXPECT_EQ(one_left.seats[0], (rc::Seat{SpecialistKind::lawyer, std::nullopt, std::nullopt}));
  ASSERT_TRUE(this->run(this->store_->releaseSeat("t1", SpecialistKind::psychologist)).ok());
  auto none_left = this->must(this->store_->getTicket("t1"));
  EXPECT_EQ(none_left.status, TicketStatus::waiting);
  EXPECT_EQ(none_left.room_id, std::optional(room.id));
  EXPECT_EQ(none_left.served_at, std::optional(at(1)));
  this->expectError(this->store_->releaseSeat("t1", SpecialistKind::judge), ErrorCode::not_found);

  // A transfer to another kind.
  ASSERT_TRUE(this->run(this->store_->addSeat("t1", SpecialistKind::judge)).ok());
  this->expectError(this->store_->addSeat("t1", SpecialistKind::lawyer), ErrorCode::conflict);
  this->expectError(this->store_->addSeat("nope", SpecialistKind::lawyer), ErrorCode::not_found);
  auto transferred = this->must(this->store_->getTicket("t1"));
  ASSERT_EQ(transferred.seats.size(), 3u);
  EXPECT_EQ(transferred.seats[2], (rc::Seat{SpecialistKind::judge, std::nullopt, std::nullopt}));

  // The same room is used again when someone takes a seat.
  auto again = this->must(this->store_->claimSeat("t1", SpecialistKind::judge, "coord",
                                                  this->room("room-9", "t1", 9), at(9)));
  EXPECT_EQ(again, room);
  EXPECT_EQ(this->must(this->store_->getTicket("t1")).status, TicketStatus::in_room);
}

TYPED_TEST(ReceptionContract, ManySpecialistsRacingForOneSeatGiveItToExactlyOne) {
  constexpr int kRacers = 16;
  ASSERT_TRUE(this->run(this->store_->createTicket(this->ticket("t1", 0))).ok());
  for (int i = 0; i < kRacers; ++i)
    this->must(this->store_->createUser(this->user("racer" + std::to_string(i), i)));

  std::mutex mutex;
  std::vector<std::string> winners;
  std::map<std::string, int> failures;
  for (int i = 0; i < kRacers; ++i) {
    asio::co_spawn(
        this->io_,
        [&, i, specialist = "racer" + std::to_string(i),
         new_room = this->room("room-" + std::to_string(i), "t1", i)]() -> asio::awaitable<void> {
          const std::string ticket_id = "t1";
          const core::Time now = at(i);
          auto r = co_await this->store_->claimSeat(ticket_id, SpecialistKind::lawyer, specialist,
                                                    new_room, now);
          std::lock_guard lock(mutex);
          if (r.ok())
            winners.push_back(specialist);
          else
            ++failures[r.error().code == ErrorCode::conflict ? "conflict" : describe(r)];
        },
        [](std::exception_ptr e) {
          if (e) std::rethrow_exception(e);
        });
  }
  this->io_.restart();
  std::vector<std::thread> threads;
  for (int t = 0; t < 3; ++t) threads.emplace_back([this] { this->io_.run(); });
  this->io_.run();
  for (auto &t : threads) t.join();

  ASSERT_EQ(winners.size(), 1u);
  EXPECT_EQ(failures["conflict"], kRacers - 1);
  for (const auto &[why, count] : failures)
    if (why != "conflict") ADD_FAILURE() << count << " × " << why;
  auto t = this->must(this->store_->getTicket("t1"));
  EXPECT_EQ(t.seats[0].specialist_id, std::optional(winners[0]));
  auto members = this->must(this->store_->listRoomMembers(*t.room_id));
  EXPECT_EQ(members.size(), 2u); // the citizen and the winner
  EXPECT_EQ(this->must(this->store_->listOpenRooms("r1")).size(), 1u);
}

TYPED_TEST(ReceptionContract, MembersLeaveComeBackAndOnlyRaiseTheirReadMarker) {
  auto room = this->openRoom();
  rc::RoomMember guest{room.id, "c2", std::nullopt, at(50), std::nullopt, 0};
  ASSERT_TRUE(this->run(this->store_->addRoomMember(guest)).ok());
  ASSERT_TRUE(this->run(this->store_->leaveRoom(room.id, "c2", at(60))).ok());
  EXPECT_TRUE(this->must(this->store_->listRoomsOf("c2", false)).empty());
  auto members = this->must(this->store_->listRoomMembers(room.id));
  ASSERT_EQ(members.size(), 3u);
  EXPECT_EQ(members[2].left_at, std::optional(at(60)));
  // Re-added: left_at cleared.
  ASSERT_TRUE(this->run(this->store_->addRoomMember(guest)).ok());
  EXPECT_EQ(this->must(this->store_->listRoomMembers(room.id))[2], guest);
  EXPECT_EQ(this->must(this->store_->listRoomsOf("c2", false)), (std::vector<rc::Room>{room}));

  ASSERT_TRUE(this->run(this->store_->markRead(room.id, "c2", 7)).ok());
  ASSERT_TRUE(this->run(this->store_->markRead(room.id, "c2", 3)).ok());
  EXPECT_EQ(this->must(this->store_->listRoomMembers(room.id))[2].last_read_seq, 7);

  this->expectError(this->store_->addRoomMember({"nope", "c2", std::nullopt, at(1), {}, 0}),
                    ErrorCode::not_found);
  this->expectError(this->store_->leaveRoom(room.id, "stranger", at(1)), ErrorCode::not_found);
  this->expectError(this->store_->markRead(room.id, "stranger", 1), ErrorCode::not_found);
}

TYPED_TEST(ReceptionContract, ClosingARoomClosesItsTicketOnce) {
  auto room = this->openRoom();
  auto closed = room;
  closed.closed_at = at(600'000);
  closed.outcome = rc::Outcome::referred_to_mediation;
  closed.summary = "Медиацияға жолдама берілді";
  closed.duration_seconds = 590;
  ASSERT_TRUE(this->run(this->store_->closeRoom(closed)).ok());
  EXPECT_EQ(this->must(this->store_->getRoom(room.id)), closed);
  auto t = this->must(this->store_->getTicket("t1"));
  EXPECT_EQ(t.status, TicketStatus::closed);
  EXPECT_EQ(t.ended_at, closed.closed_at);

  auto again = closed;
  again.closed_at = at(700'000);
  again.summary = "second";
  this->expectError(this->store_->closeRoom(again), ErrorCode::conflict);
  EXPECT_EQ(this->must(this->store_->getRoom(room.id)), closed);
  auto ghost = closed;
  ghost.id = "nope";
  this->expectError(this->store_->closeRoom(ghost), ErrorCode::not_found);

  EXPECT_TRUE(this->must(this->store_->listOpenRooms("r1")).empty());
  EXPECT_TRUE(this->must(this->store_->listRoomsOf("lawyer", true)).empty());
  EXPECT_EQ(this->must(this->store_->listRoomsOf("lawyer", false)),
            (std::vector<rc::Room>{closed}));
}

// A take and a close are one commit each: what they carry besides (the audit entry, the
// room's system message) is kept when they succeed and left out when they are refused.
TYPED_TEST(ReceptionContract, ATakeAndACloseCommitTheirAuditAndMessageWithThem) {
  auto audit = [&](const std::string &action) {
    core::AuditEvent e;
    e.at = at(10);
    e.actor_id = "lawyer";
    e.action = action;
    e.object_type = "room";
    e.object_id = "room-1";
    core::UnitOfWork work;
    work.add(core::AuditRecord{e});
    return work;
  };
  this->must(this->store_->createTicket(this->ticket("t1", 0)));
  auto joined = audit("room.joined");
  auto room = this->must(this->store_->claimSeat("t1", SpecialistKind::lawyer, "lawyer",
                                                 this->room("room-1", "t1", 10), at(10), joined));
  auto refused = audit("room.refused");
  this->expectError(this->store_->claimSeat("t1", SpecialistKind::lawyer, "psy",
                                            this->room("room-2", "t1", 11), at(11), refused),
                    ErrorCode::conflict);
  auto trail = this->must(this->store_->listAudit(std::nullopt, 10));
  ASSERT_EQ(trail.size(), 1u);
  EXPECT_EQ(trail[0].action, "room.joined");

  this->must(this->store_->appendMessage(this->message("lawyer", "c1", 20)));
  auto closed = room;
  closed.closed_at = at(600'000);
  closed.outcome = rc::Outcome::advice_given;
  auto system = this->message("lawyer", "closed", 600'000);
  system.kind = rc::MessageKind::system;
  system.body = "room.closed";
  const std::optional<rc::ChatMessage> with_message = system;
  auto closing = audit("room.closed");
  auto stored = this->must(this->store_->closeRoom(closed, with_message, closing));
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->seq, 2);
  EXPECT_EQ(stored->body, "room.closed");
  auto again = closed;
  again.closed_at = at(700'000);
  this->expectError(this->store_->closeRoom(again, with_message, closing), ErrorCode::conflict);
  auto messages = this->must(this->store_->listMessages("room-1", 0, 10));
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[1].kind, rc::MessageKind::system);
  trail = this->must(this->store_->listAudit(std::nullopt, 10));
  ASSERT_EQ(trail.size(), 2u);
  EXPECT_EQ(trail[0].action, "room.closed");
}

TYPED_TEST(ReceptionContract, RoomsOfAMemberAreNewestFirst) {
  auto first = this->openRoom();
  ASSERT_TRUE(this->run(this->store_->createTicket(this->ticket("t2", 20))).ok());
  auto second = this->must(this->store_->claimSeat("t2", SpecialistKind::lawyer, "lawyer",
                                                   this->room("room-2", "t2", 30), at(30)));
  EXPECT_EQ(this->must(this->store_->listRoomsOf("lawyer", false)),
            (std::vector<rc::Room>{second, first}));
  EXPECT_EQ(this->must(this->store_->listOpenRooms("r1")), (std::vector<rc::Room>{first, second}));
  EXPECT_TRUE(this->must(this->store_->listOpenRooms("r2")).empty());
}

// --- chat --------------------------------------------------------------------------------

TYPED_TEST(ReceptionContract, MessagesAreNumberedPerRoomAndResendsStoredOnce) {
  this->openRoom();
  std::vector<rc::ChatMessage> stored;
  for (int i = 0; i < 5; ++i) {
    auto m = this->message(i % 2 ? "lawyer" : "c1", "m" + std::to_string(i), i);
    auto r = this->must(this->store_->appendMessage(m));
    m.seq = i + 1;
    EXPECT_EQ(r, m);
    stored.push_back(m);
  }
  // The same (room, sender, client_id) again: the first message, nothing stored.
  auto resend = this->message("c1", "m2", 99);
  resend.body = "changed";
  EXPECT_EQ(this->must(this->store_->appendMessage(resend)), stored[2]);
  // The same client id from someone else is another message.
  auto other = this->message("lawyer", "m2", 100);
  other.kind = rc::MessageKind::system;
  other.seq = 6;
  EXPECT_EQ(this->must(this->store_->appendMessage(other)), other);
  stored.push_back(other);
  EXPECT_EQ(this->must(this->store_->getRoom("room-1")).last_seq, 6);

  EXPECT_EQ(this->must(this->store_->listMessages("room-1", 0, 100)), stored);
  EXPECT_EQ(this->must(this->store_->listMessages("room-1", 4, 100)),
            (std::vector<rc::ChatMessage>{stored[4], stored[5]}));
  EXPECT_EQ(this->must(this->store_->listMessages("room-1", 1, 2)),
            (std::vector<rc::ChatMessage>{stored[1], stored[2]}));
  EXPECT_TRUE(this->must(this->store_->listMessages("room-1", 6, 100)).empty());
  EXPECT_TRUE(this->must(this->store_->listMessages("nope", 0, 100)).empty());
  auto lost = this->message("c1", "m9", 1);
  lost.room_id = "nope";
  this->expectError(this->store_->appendMessage(lost), ErrorCode::not_found);
}

TYPED_TEST(ReceptionContract, ConcurrentMessagesGetEverySeqOnce) {
  this->openRoom();
  constexpr int kMessages = 40;
  std::mutex mutex;
  std::vector<std::int64_t> seqs;
  int failures = 0;
  for (int i = 0; i < kMessages; ++i) {
    asio::co_spawn(
        this->io_,
        [&, m = this->message(i % 2 ? "lawyer" : "c1", "m" + std::to_string(i % 30),
                              i)]() -> asio::awaitable<void> {
          auto r = co_await this->store_->appendMessage(m);
          std::lock_guard lock(mutex);
          if (r.ok())
            seqs.push_back(r->seq);
          else
            ++failures;
        },
        [](std::exception_ptr e) {
          if (e) std::rethrow_exception(e);
        });
  }
  this->io_.restart();
  std::vector<std::thread> threads;
  for (int t = 0; t < 3; ++t) threads.emplace_back([this] { this->io_.run(); });
  this->io_.run();
  for (auto &t : threads) t.join();

  EXPECT_EQ(failures, 0);
  ASSERT_EQ(seqs.size(), static_cast<std::size_t>(kMessages));
  // 40 sends, of which 10 resend a (sender, client_id) pair: 30 messages, seq 1..30.
  auto all = this->must(this->store_->listMessages("room-1", 0, 1000));
  ASSERT_EQ(all.size(), 30u);
  for (std::size_t i = 0; i < all.size(); ++i)
    EXPECT_EQ(all[i].seq, static_cast<std::int64_t>(i + 1));
  EXPECT_EQ(this->must(this->store_->getRoom("room-1")).last_seq, 30);
}

TYPED_TEST(ReceptionContract, NotesAndAttachmentsRoundTrip) {
  auto room = this->openRoom();
  rc::Note b{"n2", room.id, "lawyer", "Келесі жолы құжаттарды сұрау", at(20)};
  rc::Note a{"n1", room.id, "lawyer", "Private remark", at(10)};
  ASSERT_TRUE(this->run(this->store_->addNote(b)).ok());
  ASSERT_TRUE(this->run(this->store_->addNote(a)).ok());
  EXPECT_EQ(this->must(this->store_->listNotes(room.id)), (std::vector<rc::Note>{a, b}));
  EXPECT_TRUE(this->must(this->store_->listNotes("nope")).empty());

  rc::Attachment file{"a1", room.id, "c1", "шарт.pdf", "application/pdf", 123'456, at(30)};
  ASSERT_TRUE(this->run(this->store_->createAttachment(file)).ok());
  EXPECT_EQ(this->must(this->store_->getAttachment("a1")), file);
  this->expectError(this->store_->getAttachment("nope"), ErrorCode::not_found);
  this->expectError(this->store_->createAttachment(file), ErrorCode::conflict);
  rc::Attachment other{"a2", room.id, "lawyer", "photo.jpg", "image/jpeg", 1'000, at(50)};
  ASSERT_TRUE(this->run(this->store_->createAttachment(other)).ok());
  const auto in_room = this->must(this->store_->roomAttachments(room.id));
  EXPECT_EQ(in_room.files, 2);
  EXPECT_EQ(in_room.bytes, 124'456);
  EXPECT_EQ(this->must(this->store_->roomAttachments("nope")).files, 0);
  const auto by_c1 = this->must(this->store_->attachmentsBy("c1", at(30)));
  EXPECT_EQ(by_c1.files, 1);
  EXPECT_EQ(by_c1.bytes, 123'456);
  EXPECT_EQ(this->must(this->store_->attachmentsBy("c1", at(31))).bytes, 0);

  auto m = this->message("c1", "with-file", 40);
  m.kind = rc::MessageKind::attachment;
  m.attachment_id = "a1";
  m.seq = 1;
  EXPECT_EQ(this->must(this->store_->appendMessage(m)), m);
  EXPECT_EQ(this->must(this->store_->listMessages(room.id, 0, 10)),
            (std::vector<rc::ChatMessage>{m}));
}

// A consultation's call record (issue 9): lines committed with a unit of work, read back in
// order, per room.
TYPED_TEST(ReceptionContract, ACallRecordIsKeptInOrderPerRoom) {
  auto room = this->openRoom();
  core::UnitOfWork work;
  work.add(core::CallRecorded{{room.id, at(10), "started", "", ""}});
  work.add(core::CallRecorded{{room.id, at(10), "joined", "c1", ""}});
  work.add(core::CallRecorded{{room.id, at(12), "mode", "c1", "audio:low_bandwidth"}});
  work.add(core::CallRecorded{{room.id, at(70), "ended", "", "60"}});
  ASSERT_TRUE(this->run(this->store_->commit(work)).ok());
  const auto record = this->must(this->store_->listCallRecords(room.id));
  ASSERT_EQ(record.size(), 4u);
  EXPECT_EQ(record[0], (rc::CallRecord{room.id, at(10), "started", "", ""}));
  EXPECT_EQ(record[2], (rc::CallRecord{room.id, at(12), "mode", "c1", "audio:low_bandwidth"}));
  EXPECT_EQ(record[3].detail, "60");
  EXPECT_TRUE(this->must(this->store_->listCallRecords("nope")).empty());

  // The consultations' figures read it summed up: a call held, 60 s of it plus a second call
  // of 15 s, a fallback (a mode not chosen); a call-back and TURN not yet.
  core::UnitOfWork more;
  more.add(core::CallRecorded{{room.id, at(80), "started", "", ""}});
  more.add(core::CallRecorded{{room.id, at(81), "mode", "c1", "video:recovered"}});
  more.add(core::CallRecorded{{room.id, at(95), "ended", "", "15"}});
  ASSERT_TRUE(this->run(this->store_->commit(more)).ok());
  const auto all = this->must(this->store_->listConsultations(core::Store::ConsultationQuery{}));
  const auto mine = std::find_if(all.begin(), all.end(),
                                 [&](const auto &c) { return c.ticket_id == room.ticket_id; });
  ASSERT_NE(mine, all.end());
  EXPECT_TRUE(mine->call);
  EXPECT_EQ(mine->call_seconds, 75);
  EXPECT_TRUE(mine->fell_back);
  EXPECT_FALSE(mine->callback);
  EXPECT_FALSE(mine->relayed);
  core::UnitOfWork last;
  last.add(core::CallRecorded{{room.id, at(96), "callback", "c1", ""}});
  last.add(core::CallRecorded{{room.id, at(97), "relayed", "c1", ""}});
  ASSERT_TRUE(this->run(this->store_->commit(last)).ok());
  const auto again = this->must(this->store_->listConsultations(core::Store::ConsultationQuery{}));
  const auto now = std::find_if(again.begin(), again.end(),
                                [&](const auto &c) { return c.ticket_id == room.ticket_id; });
  ASSERT_NE(now, again.end());
  EXPECT_TRUE(now->callback);
  EXPECT_TRUE(now->relayed);
}

// Personal data (Law No. 94-V): erasing a ticket keeps what the figures count and removes the
// rest; the retention job finds what ended before its cut-off; old traces are forgotten.
TYPED_TEST(ReceptionContract, AnErasedTicketKeepsItsFiguresAndLosesItsPersonalData) {
  auto room = this->openRoom();
  auto m = this->message("c1", "m1", 20);
  this->must(this->store_->appendMessage(m));
  rc::Note note{"n1", room.id, "lawyer", "ЖСН 900101300123", at(25)};
  this->must(this->store_->addNote(note));
  rc::Attachment file{"a1", room.id, "c1", "шарт.pdf", "application/pdf", 10, at(30)};
  this->must(this->store_->createAttachment(file));
  auto with_file = this->message("c1", "m2", 31);
  with_file.kind = rc::MessageKind::attachment;
  with_file.attachment_id = "a1";
  this->must(this->store_->appendMessage(with_file));
  auto closed = room;
  closed.closed_at = at(600);
  closed.outcome = rc::Outcome::advice_given;
  closed.summary = "Сотқа талап арыз беру";
  ASSERT_TRUE(this->run(this->store_->closeRoom(closed)).ok());
  rc::Feedback fb{"t1", "r1", "org", 4, "Рақмет, Айгүл", "Кезек ұзақ", at(700)};
  this->must(this->store_->createFeedback(fb));
  auto other = this->ticket("t2", 5);
  other.contact = "aigul@example.kz";
  this->must(this->store_->createTicket(other));

  EXPECT_EQ(this->must(this->store_->ticketAttachments("t1")), std::vector<std::string>{"a1"});
  EXPECT_TRUE(this->must(this->store_->ticketAttachments("t2")).empty());
  EXPECT_EQ(this->must(this->store_->ticketsToErase(at(601), 10)), std::vector<std::string>{"t1"});
  EXPECT_TRUE(this->must(this->store_->ticketsToErase(at(600), 10)).empty()) << "ended at 600";

  core::AuditEvent old;
  old.at = at(1);
  old.action = "auth.sign_in";
  old.object_type = "user";
  old.object_id = "c1";
  old.ip = "203.0.113.7";
  auto recent = old;
  recent.at = at(5000);
  old.id = this->must(this->store_->appendAudit(old));
  recent.id = this->must(this->store_->appendAudit(recent));

  core::UnitOfWork work;
  work.add(core::TicketErased{"t1", at(800)});
  work.add(core::TracesForgotten{at(1000)});
  work.add(core::UserErased{"c2", at(800)});
  ASSERT_TRUE(this->run(this->store_->commit(work)).ok());

  auto t = this->must(this->store_->getTicket("t1"));
  EXPECT_EQ(t.erased_at, at(800));
  EXPECT_EQ(t.description, "");
  EXPECT_EQ(t.secret_hash, "");
  EXPECT_EQ(t.status, TicketStatus::closed);
  EXPECT_EQ(t.category, "family");
  EXPECT_EQ(t.ended_at, at(600));
  EXPECT_TRUE(this->must(this->store_->listMessages(room.id, 0, 10)).empty());
  EXPECT_TRUE(this->must(this->store_->listNotes(room.id)).empty());
  this->expectError(this->store_->getAttachment("a1"), ErrorCode::not_found);
  auto kept_room = this->must(this->store_->getRoom(room.id));
  EXPECT_EQ(kept_room.summary, "");
  EXPECT_EQ(kept_room.outcome, rc::Outcome::advice_given);
  auto kept_feedback = this->must(this->store_->getFeedback("t1"));
  EXPECT_EQ(kept_feedback.rating, 4);
  EXPECT_EQ(kept_feedback.comment, "");
  EXPECT_EQ(kept_feedback.proposal, "");
  EXPECT_EQ(this->must(this->store_->getTicket("t2")).contact, other.contact) << "only t1";
  EXPECT_TRUE(this->must(this->store_->ticketsToErase(at(10'000), 10)).empty());

  core::AuditQuery all;
  for (const auto &e : this->must(this->store_->searchAudit(all))) {
    if (e.id == old.id) EXPECT_EQ(e.ip, "");
    if (e.id == recent.id) EXPECT_EQ(e.ip, "203.0.113.7");
  }
  auto gone = this->must(this->store_->getUser("c2"));
  EXPECT_EQ(gone.email, core::guestEmail("c2"));
  EXPECT_EQ(gone.display_name, "");
  EXPECT_EQ(gone.password_hash, "");
  EXPECT_EQ(gone.deactivated_at, at(800));
}

// --- feedback and figures ----------------------------------------------------------------

TYPED_TEST(ReceptionContract, FeedbackIsGivenOnceAndProposalsListedNewestFirst) {
  for (const char *id : {"t1", "t2", "t3"})
    ASSERT_TRUE(this->run(this->store_->createTicket(this->ticket(id, 0))).ok());
  rc::Feedback f1{"t1", "r1", "org", 5, "Рақмет!", "Кешкі қабылдау керек", at(100)};
  rc::Feedback f2{"t2", "r1", "org", 3, "", "", at(200)};
  rc::Feedback f3{"t3", "r1", "org", 4, "ok", "More lawyers on Saturdays", at(300)};
  for (const auto &f : {f1, f2, f3}) ASSERT_TRUE(this->run(this->store_->createFeedback(f)).ok());
  EXPECT_EQ(this->must(this->store_->getFeedback("t1")), f1);
  this->expectError(this->store_->getFeedback("nope"), ErrorCode::not_found);
  auto twice = f1;
  twice.rating = 1;
  this->expectError(this->store_->createFeedback(twice), ErrorCode::conflict);
  EXPECT_EQ(this->must(this->store_->getFeedback("t1")), f1);
  EXPECT_EQ(this->must(this->store_->listProposals("org")), (std::vector<rc::Feedback>{f3, f1}));
  EXPECT_TRUE(this->must(this->store_->listProposals("org2")).empty());
}

TYPED_TEST(ReceptionContract, CommentsArePagedNewestFirstPerReception) {
  this->must(this->store_->createReception(this->reception("r2", "org", 0, 86'400'000)));
  for (const char *id : {"t1", "t2", "t3", "t4", "t5"})
    ASSERT_TRUE(this->run(this->store_->createTicket(this->ticket(id, 0))).ok());
  rc::Feedback f1{"t1", "r1", "org", 5, "Рақмет!", "", at(100)};
  rc::Feedback f2{"t2", "r1", "org", 3, "", "", at(200)}; // no comment
  rc::Feedback f3{"t3", "r1", "org", 2, "Долго ждал", "", at(300)};
  rc::Feedback f4{"t4", "r1", "org", 4, "Same moment", "", at(300)};
  rc::Feedback f5{"t5", "r2", "org", 1, "Other reception", "", at(400)};
  for (const auto &f : {f1, f2, f3, f4, f5})
    ASSERT_TRUE(this->run(this->store_->createFeedback(f)).ok());
  using Cursor = core::Store::FeedbackCursor;
  EXPECT_EQ(this->must(this->store_->listComments("r1", std::nullopt, 10)),
            (std::vector<rc::Feedback>{f4, f3, f1}));
  auto first = this->must(this->store_->listComments("r1", std::nullopt, 1));
  EXPECT_EQ(first, (std::vector<rc::Feedback>{f4}));
  EXPECT_EQ(this->must(this->store_->listComments("r1", Cursor{f4.at, f4.ticket_id}, 1)),
            (std::vector<rc::Feedback>{f3}));
  EXPECT_EQ(this->must(this->store_->listComments("r1", Cursor{f3.at, f3.ticket_id}, 5)),
            (std::vector<rc::Feedback>{f1}));
  EXPECT_TRUE(this->must(this->store_->listComments("r3", std::nullopt, 5)).empty());
}

TYPED_TEST(ReceptionContract, ConsultationsJoinRoomOutcomeAndRating) {
  this->must(this->store_->createReception(this->reception("r2", "org", 0, 86'400'000)));
  // t1: a panel consultation, closed, rated.
  auto t1 = this->ticket("t1", 100, {SpecialistKind::lawyer, SpecialistKind::psychologist});
  this->must(this->store_->createTicket(t1));
  auto room1 = this->must(this->store_->claimSeat("t1", SpecialistKind::lawyer, "lawyer",
                                                  this->room("room-1", "t1", 150), at(150)));
  auto closed = room1;
  closed.closed_at = at(900);
  closed.outcome = rc::Outcome::advice_given;
  closed.duration_seconds = 42;
  this->must(this->store_->closeRoom(closed));
  this->must(this->store_->createFeedback({"t1", "r1", "org", 4, "", "", at(1000)}));
  // t2: still waiting, never in a room: not a consultation.
  this->must(this->store_->createTicket(this->ticket("t2", 200)));
  // t3: a no-show in r2.
  auto t3 = this->ticket("t3", 300);
  t3.reception_id = "r2";
  t3.status = TicketStatus::no_show;
  t3.ended_at = at(400);
  this->must(this->store_->createTicket(t3));
  // t4: in a room, not closed yet.
  this->must(this->store_->createTicket(this->ticket("t4", 500)));
  this->must(this->store_->claimSeat("t4", SpecialistKind::lawyer, "psy",
                                     this->room("room-4", "t4", 550), at(550)));
  // t5: by phone, stored closed.
  auto t5 = this->ticket("t5", 600, {SpecialistKind::judge});
  t5.channel = rc::Channel::phone;
  t5.citizen_id = std::nullopt;
  t5.secret_hash = "";
  t5.region = "KZ-75";
  t5.language = core::Language::ru;
  t5.category = "labour";
  t5.served_at = at(600);
  t5.ended_at = at(700);
  t5.seats[0].specialist_id = "lawyer";
  t5.seats[0].joined_at = at(600);
  rc::Room phone_room = this->room("room-5", "t5", 600);
  phone_room.closed_at = at(700);
  phone_room.outcome = rc::Outcome::referred_to_court;
  phone_room.summary = "Сотқа жүгіну керек";
  phone_room.duration_seconds = 300;
  ASSERT_TRUE(this->run(this->store_->recordPhoneConsultation(t5, phone_room)).ok());
  auto stored5 = this->must(this->store_->getTicket("t5"));
  EXPECT_EQ(stored5.status, TicketStatus::closed);
  EXPECT_EQ(stored5.room_id, std::optional<std::string>("room-5"));
  EXPECT_EQ(this->must(this->store_->getRoom("room-5")), phone_room);
  // t6: another organisation's abandoned ticket.
  this->must(this->store_->createReception(this->reception("r3", "org2", 0, 86'400'000)));
  auto t6 = this->ticket("t6", 700);
  t6.reception_id = "r3";
  t6.organisation_id = "org2";
  t6.status = TicketStatus::abandoned;
  t6.ended_at = at(800);
  this->must(this->store_->createTicket(t6));

  rc::ConsultationRecord c1{"t1",
                            "r1",
                            "org",
                            "KZ-71",
                            core::Language::kk,
                            "family",
                            rc::Channel::chat,
                            {SpecialistKind::lawyer, SpecialistKind::psychologist},
                            TicketStatus::closed,
                            at(100),
                            at(150),
                            at(900),
                            rc::Outcome::advice_given,
                            42,
                            4};
  rc::ConsultationRecord c3{"t3",
                            "r2",
                            "org",
                            "KZ-71",
                            core::Language::kk,
                            "family",
                            rc::Channel::chat,
                            {SpecialistKind::lawyer},
                            TicketStatus::no_show,
                            at(300),
                            std::nullopt,
                            at(400),
                            std::nullopt,
                            0,
                            std::nullopt};
  rc::ConsultationRecord c4{"t4",
                            "r1",
                            "org",
                            "KZ-71",
                            core::Language::kk,
                            "family",
                            rc::Channel::chat,
                            {SpecialistKind::lawyer},
                            TicketStatus::in_room,
                            at(500),
                            at(550),
                            std::nullopt,
                            std::nullopt,
                            0,
                            std::nullopt};
  rc::ConsultationRecord c5{"t5",
                            "r1",
                            "org",
                            "KZ-75",
                            core::Language::ru,
                            "labour",
                            rc::Channel::phone,
                            {SpecialistKind::judge},
                            TicketStatus::closed,
                            at(600),
                            at(600),
                            at(700),
                            rc::Outcome::referred_to_court,
                            300,
                            std::nullopt};
  rc::ConsultationRecord c6{"t6",
                            "r3",
                            "org2",
                            "KZ-71",
                            core::Language::kk,
                            "family",
                            rc::Channel::chat,
                            {SpecialistKind::lawyer},
                            TicketStatus::abandoned,
                            at(700),
                            std::nullopt,
                            at(800),
                            std::nullopt,
                            0,
                            std::nullopt};
  using Records = std::vector<rc::ConsultationRecord>;
  using Query = Store::ConsultationQuery;
  EXPECT_EQ(this->must(this->store_->listConsultations(Query{})), (Records{c1, c3, c4, c5, c6}));
  Query of_org;
  of_org.organisation_id = "org";
  EXPECT_EQ(this->must(this->store_->listConsultations(of_org)), (Records{c1, c3, c4, c5}));
  Query of_reception;
  of_reception.reception_id = "r1";
  of_reception.from = at(100);
  of_reception.to = at(600); // exclusive
  EXPECT_EQ(this->must(this->store_->listConsultations(of_reception)), (Records{c1, c4}));
  Query later;
  later.from = at(101);
  later.organisation_id = "org2";
  EXPECT_EQ(this->must(this->store_->listConsultations(later)), (Records{c6}));
}

TYPED_TEST(ReceptionContract, FigureDaysKeepATallyUntilSomethingOfTheirDayChanges) {
  using Query = Store::ConsultationQuery;
  const std::int64_t day = rc::dayOf(at(0)); // long settled
  this->must(this->store_->createReception(this->reception("r2", "org", 0, 86'400'000)));
  this->must(this->store_->createTicket(this->ticket("t1", 100)));
  auto room = this->must(this->store_->claimSeat("t1", SpecialistKind::lawyer, "lawyer",
                                                 this->room("room-1", "t1", 150), at(150)));
  auto t2 = this->ticket("t2", 200);
  t2.reception_id = "r2";
  t2.status = TicketStatus::no_show;
  this->must(this->store_->createTicket(t2));
  // Today's tickets are not settled: their day is not listed.
  auto today = this->ticket("t3", 0);
  today.created_at =
      std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
  this->must(this->store_->createTicket(today));

  Query of_r1;
  of_r1.reception_id = "r1";
  auto listed = this->must(this->store_->listFigureDays(of_r1, day - 1, day + 100'000));
  const std::int64_t now_day = rc::dayOf(today.created_at);
  EXPECT_GE(listed.last_settled, now_day - 4);
  EXPECT_LE(listed.last_settled, now_day - 3);
  ASSERT_EQ(listed.days.size(), 1u);
  EXPECT_EQ(listed.days[0].reception_id, "r1");
  EXPECT_EQ(listed.days[0].day, day);
  EXPECT_FALSE(listed.days[0].tally) << "nothing counted yet";
  Query of_org;
  of_org.organisation_id = "org";
  auto of_both = this->must(this->store_->listFigureDays(of_org, day, day));
  ASSERT_EQ(of_both.days.size(), 2u);
  EXPECT_EQ(of_both.days[0].reception_id, "r1");
  EXPECT_EQ(of_both.days[1].reception_id, "r2");
  EXPECT_TRUE(this->must(this->store_->listFigureDays(of_r1, day + 1, day + 10)).days.empty());

  // A tally stored at the day's generation is given back until the day changes.
  rc::FigureTally tally;
  Query records = of_r1;
  records.from = rc::startOfDay(day);
  records.to = rc::startOfDay(day + 1);
  for (const auto &r : this->must(this->store_->listConsultations(records))) tally.add(r);
  EXPECT_EQ(tally.served, 1);
  auto kept = listed.days;
  kept[0].tally = tally;
  this->must(this->store_->storeFigureDays(kept));
  auto again = this->must(this->store_->listFigureDays(of_r1, day, day));
  ASSERT_EQ(again.days.size(), 1u);
  EXPECT_EQ(again.days[0].tally, tally);

  // Each change of what a figure is made of moves the generation on.
  auto generation = again.days[0].generation;
  auto closed = room;
  closed.closed_at = at(900);
  closed.outcome = rc::Outcome::advice_given;
  this->must(this->store_->closeRoom(closed));
  again = this->must(this->store_->listFigureDays(of_r1, day, day));
  EXPECT_GT(again.days[0].generation, generation) << "the room's outcome";
  EXPECT_FALSE(again.days[0].tally);
  generation = again.days[0].generation;
  this->must(this->store_->createFeedback({"t1", "r1", "org", 5, "", "", at(1000)}));
  again = this->must(this->store_->listFigureDays(of_r1, day, day));
  EXPECT_GT(again.days[0].generation, generation) << "a rating";
  generation = again.days[0].generation;

  // A tally counted at an older generation is not kept.
  this->must(this->store_->storeFigureDays(kept));
  EXPECT_FALSE(this->must(this->store_->listFigureDays(of_r1, day, day)).days[0].tally);
  kept[0].generation = generation;
  this->must(this->store_->storeFigureDays(kept));
  EXPECT_EQ(this->must(this->store_->listFigureDays(of_r1, day, day)).days[0].tally, tally);
  this->must(this->store_->createTicket(this->ticket("t4", 300)));
  EXPECT_FALSE(this->must(this->store_->listFigureDays(of_r1, day, day)).days[0].tally)
      << "a ticket added to a settled day";
}

} // namespace
} // namespace kelisim::storage
