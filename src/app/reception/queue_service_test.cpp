#include "app/reception/queue_service.hpp"

#include "app/reception/room_service.hpp"
#include "app/reception/testing.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <thread>

namespace kelisim::app::reception {
namespace {

using core::SpecialistKind;
using testing::run;

// The demo data: two centres, each with a permanent line and a reception open for 8 hours
// with all its specialists on the roster.
std::string describe(const core::Error &e) {
  std::string out;
  for (const auto &f : e.fields) out += " " + f.field + ": " + f.code;
  return out;
}

struct QueueServiceTest : testing::DemoReception {
  RoomService rooms{*db.store, clock, random, queue, events, {db.dir / "files"}};

  NewTicket question(std::vector<SpecialistKind> kinds) {
    NewTicket t;
    t.reception_id = astana_reception;
    t.region = "KZ-71";
    t.language = core::Language::ru;
    t.category = "family";
    t.description = "Муж не платит алименты";
    t.kinds = std::move(kinds);
    t.consent = true;
    return t;
  }
  // `n` Russian-speaking lawyers of the Astana centre, signed in.
  std::vector<Caller> lawyers(int n) {
    std::vector<Caller> out;
    for (int i = 0; i < n; ++i) {
      core::User u;
      u.id = random.hex(12);
      u.email = "lawyer" + std::to_string(i) + "@example.kz";
      u.display_name = "Lawyer " + std::to_string(i);
      u.role = core::Role::specialist;
      u.kinds = {SpecialistKind::lawyer};
      u.organisation_id = astana_org;
      u.languages = {core::Language::ru};
      u.created_at = clock.now();
      if (!run(db.store->createUser(u))) ADD_FAILURE() << "cannot create " << u.email;
      out.push_back(Caller{u, "127.0.0.1", "r"});
    }
    return out;
  }
  std::vector<std::string> offeredTo(const std::string &user_id) {
    std::vector<std::string> tickets;
    for (const auto &e : events.events)
      if (e.type == Event::Type::offer && e.id == user_id) tickets.push_back(e.ticket_id);
    return tickets;
  }
};

TEST_F(QueueServiceTest, AnonymousCitizenBecomesAGuestWithASecretLink) {
  auto s = run(queue.submit(Caller{}, question({SpecialistKind::lawyer})));
  ASSERT_TRUE(s) << s.error().log << describe(s.error());
  ASSERT_TRUE(s->link_token && s->session);
  EXPECT_EQ(s->view.ticket.status, rc::TicketStatus::waiting);
  EXPECT_EQ(s->view.place, 1u);
  EXPECT_FALSE(s->view.on_duty); // nobody has come on duty yet
  EXPECT_TRUE(s->view.estimate.has_value());
  auto again = run(queue.resume(Caller{}, *s->link_token));
  ASSERT_TRUE(again);
  EXPECT_EQ(again->view.ticket.id, s->view.ticket.id);
  EXPECT_EQ(again->session->user.id, s->session->user.id);
  EXPECT_FALSE(run(queue.resume(Caller{}, std::string(48, 'a'))));
}

TEST_F(QueueServiceTest, IntakeExplainsEveryMistake) {
  NewTicket t = question({});
  t.consent = false;
  t.region = "KZ-00";
  t.category = "astrology";
  t.description = std::string(4001, 'x');
  t.channel = rc::Channel::phone; // without a contact
  auto s = run(queue.submit(Caller{}, t));
  ASSERT_FALSE(s);
  std::set<std::string> fields;
  for (const auto &f : s.error().fields) fields.insert(f.field);
  EXPECT_EQ(fields, (std::set<std::string>{"consent", "region", "category", "description", "kinds",
                                           "contact"}));
}

TEST_F(QueueServiceTest, AQuestionAsksForTheChannelsItsReceptionOffers) {
  auto r = run(db.store->getReception(astana_reception)).value();
  r.channels = {rc::Channel::chat, rc::Channel::video};
  ASSERT_TRUE(run(db.store->updateReception(r)));
  receptions.forget(astana_reception);
  NewTicket t = question({SpecialistKind::lawyer});
  t.channel = rc::Channel::video;
  auto s = run(queue.submit(Caller{}, t));
  ASSERT_TRUE(s);
  EXPECT_EQ(s->view.ticket.channel, rc::Channel::video);
  t.channel = rc::Channel::voice; // not offered by this reception
  auto refused = run(queue.submit(Caller{}, t));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().fields.at(0).field, "channel");
  EXPECT_EQ(refused.error().fields.at(0).code, "invalid_value");
}

TEST_F(QueueServiceTest, APanelTicketSeatsOneSpecialistOfEachKindInOneRoom) {
  auto s =
      run(queue.submit(Caller{}, question({SpecialistKind::lawyer, SpecialistKind::psychologist})));
  ASSERT_TRUE(s);
  const auto ticket = s->view.ticket.id;
  const auto lawyer = as("lawyer@demo.kelisim.kz");
  const auto psychologist = as("psychologist.astana@demo.kelisim.kz");
  ASSERT_TRUE(run(queue.setDuty(lawyer, true)));
  ASSERT_TRUE(run(queue.setDuty(psychologist, true)));
  EXPECT_EQ(offeredTo(lawyer.user->id), std::vector{ticket});
  EXPECT_EQ(offeredTo(psychologist.user->id), std::vector{ticket});
  auto first = run(queue.accept(lawyer, ticket));
  ASSERT_TRUE(first) << first.error().log;
  auto second = run(queue.accept(psychologist, ticket));
  ASSERT_TRUE(second) << second.error().log;
  EXPECT_EQ(first->id, second->id);
  auto view = run(rooms.get(lawyer, first->id));
  ASSERT_TRUE(view);
  EXPECT_EQ(view->members.size(), 3u);
  EXPECT_TRUE(view->awaited.empty());
  EXPECT_EQ(view->ticket.status, rc::TicketStatus::in_room);
}

// Chat reads no member list while a room's members stay the same; a member who joins is among
// the recipients of the next message, and one who leaves can no longer send.
TEST_F(QueueServiceTest, ChatMessagesCarryThemselvesToTheRoomsMembersOfTheMoment) {
  auto s = run(queue.submit(Caller{}, question({SpecialistKind::lawyer})));
  ASSERT_TRUE(s);
  const Caller citizen{s->session->user, "127.0.0.1", "r"};
  const auto lawyer = as("lawyer@demo.kelisim.kz");
  const auto psychologist = as("psychologist.astana@demo.kelisim.kz");
  ASSERT_TRUE(run(queue.setDuty(lawyer, true)));
  auto room = run(queue.accept(lawyer, s->view.ticket.id));
  ASSERT_TRUE(room) << room.error().log;
  auto lastMessage = [&]() -> const Event & {
    const Event *found = nullptr;
    for (const auto &e : events.events)
      if (e.type == Event::Type::message) found = &e;
    EXPECT_NE(found, nullptr);
    return *found;
  };
  auto recipients = [&](const Event &e) {
    auto ids = *e.to;
    std::sort(ids.begin(), ids.end());
    return ids;
  };
  auto sorted = [](std::vector<std::string> ids) {
    std::sort(ids.begin(), ids.end());
    return ids;
  };

  ASSERT_TRUE(run(rooms.send(citizen, room->id, "c1", "Сәлеметсіз бе")));
  const auto &first = lastMessage();
  ASSERT_TRUE(first.message && first.to);
  EXPECT_EQ(first.message->message.body, "Сәлеметсіз бе");
  EXPECT_EQ(first.message->sender_name, citizen.user->display_name);
  EXPECT_EQ(recipients(first), sorted({citizen.user->id, lawyer.user->id}));

  ASSERT_TRUE(run(rooms.invite(lawyer, room->id, psychologist.user->id)));
  ASSERT_TRUE(run(rooms.send(citizen, room->id, "c2", "Рахмет")));
  EXPECT_EQ(recipients(lastMessage()),
            sorted({citizen.user->id, lawyer.user->id, psychologist.user->id}));

  ASSERT_TRUE(run(rooms.transfer(lawyer, room->id, SpecialistKind::doctor)));
  auto refused = run(rooms.send(lawyer, room->id, "l1", "Ещё вопрос"));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, core::ErrorCode::not_found);
  ASSERT_TRUE(run(rooms.send(psychologist, room->id, "p1", "Я здесь")));
  EXPECT_EQ(recipients(lastMessage()), sorted({citizen.user->id, psychologist.user->id}));
}

TEST_F(QueueServiceTest, AnUnansweredOfferTimesOutAndTheTicketKeepsItsPlace) {
  auto s = run(queue.submit(Caller{}, question({SpecialistKind::lawyer})));
  const auto lawyer = as("lawyer@demo.kelisim.kz");
  ASSERT_TRUE(run(queue.setDuty(lawyer, true)));
  ASSERT_EQ(offeredTo(lawyer.user->id).size(), 1u);
  EXPECT_FALSE(engine.placeOf(s->view.ticket.id)); // held while offered
  clock.advance(std::chrono::seconds(31));
  ASSERT_TRUE(run(queue.tick()));
  EXPECT_FALSE(engine.desk(lawyer.user->id)->on_duty);
  EXPECT_EQ(engine.placeOf(s->view.ticket.id), 1u);
  bool withdrawn = false;
  for (const auto &e : events.events)
    withdrawn |= e.type == Event::Type::offer_withdrawn && e.id == lawyer.user->id;
  EXPECT_TRUE(withdrawn);
  // Not silently: the desk says why, and the audit trail keeps it.
  auto desk = run(queue.desk(lawyer));
  ASSERT_TRUE(desk);
  EXPECT_FALSE(desk->desk.on_duty);
  EXPECT_TRUE(desk->desk.missed_offer);
  int missed = 0;
  const auto audit = run(db.store->listAudit(std::nullopt, 50)).value();
  for (const auto &a : audit)
    missed += a.action == "desk.offer_missed" && a.object_id == lawyer.user->id;
  EXPECT_EQ(missed, 1);
  desk = run(queue.setDuty(lawyer, true));
  ASSERT_TRUE(desk);
  EXPECT_FALSE(desk->desk.missed_offer) << "back on duty, the reason is gone";
}

// Taking the next while a ticket is offered takes that ticket: left on offer, it would wait
// out its timeout held for someone who is already serving another citizen.
TEST_F(QueueServiceTest, TakingTheNextTakesTheTicketOnOffer) {
  auto offered = run(queue.submit(Caller{}, question({SpecialistKind::lawyer})));
  const auto lawyer = as("lawyer@demo.kelisim.kz");
  ASSERT_TRUE(run(queue.setDuty(lawyer, true)));
  ASSERT_EQ(offeredTo(lawyer.user->id).size(), 1u);
  auto later = run(queue.submit(Caller{}, question({SpecialistKind::lawyer})));
  ASSERT_TRUE(later);
  auto room = run(queue.takeNext(lawyer));
  ASSERT_TRUE(room) << room.error().log;
  EXPECT_EQ(room->ticket_id, offered->view.ticket.id);
  // The later citizen waits, or is offered next (the desk may serve several rooms at once).
  const auto desk = engine.desk(lawyer.user->id);
  if (desk->offer)
    EXPECT_EQ(desk->offer->ticket_id, later->view.ticket.id);
  else
    EXPECT_EQ(engine.placeOf(later->view.ticket.id), 1u);
}

TEST_F(QueueServiceTest, ADeferredQuestionWaitsAgainWhenALawyerComesOnDuty) {
  const auto citizen = as("citizen@demo.kelisim.kz");
  auto s = run(queue.submit(citizen, question({SpecialistKind::lawyer})));
  ASSERT_TRUE(s);
  const auto ticket = s->view.ticket.id;
  ASSERT_TRUE(run(queue.defer(citizen, ticket)));
  // Someone of another kind changes nothing for it.
  ASSERT_TRUE(run(queue.setDuty(as("psychologist.astana@demo.kelisim.kz"), true)));
  EXPECT_EQ(run(db.store->getTicket(ticket))->status, rc::TicketStatus::deferred);
  events.events.clear();
  const auto lawyer = as("lawyer@demo.kelisim.kz");
  ASSERT_TRUE(run(queue.setDuty(lawyer, true)));
  auto back = run(db.store->getTicket(ticket));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->status, rc::TicketStatus::waiting);
  EXPECT_EQ(back->reception_id, astana_reception);
  EXPECT_EQ(offeredTo(lawyer.user->id), std::vector{ticket});
  // The citizen's page is told, with the ticket as it now stands.
  bool told = false;
  for (const auto &e : events.events)
    if (e.type == Event::Type::ticket && e.id == ticket && e.ticket)
      told = e.ticket->ticket.status == rc::TicketStatus::waiting && e.ticket->place == 1u;
  EXPECT_TRUE(told);
  auto view = run(queue.get(citizen, ticket));
  ASSERT_TRUE(view);
  EXPECT_EQ(view->ticket.status, rc::TicketStatus::waiting);
}

TEST_F(QueueServiceTest, QuestionsDeferredWhenAReceptionClosedWaitAgainWhenTheLineOpens) {
  // Monday 21:00 in Astana: the permanent line answers weekdays from 9:00.
  const auto citizen = as("citizen@demo.kelisim.kz");
  auto s = run(queue.submit(citizen, question({SpecialistKind::judge})));
  ASSERT_TRUE(s);
  const auto ticket = s->view.ticket.id;
  ASSERT_TRUE(run(queue.defer(citizen, ticket)));
  ASSERT_TRUE(
      run(queue.closeReception(as("coordinator.astana@demo.kelisim.kz"), astana_reception)));
  auto parked = run(db.store->getTicket(ticket));
  ASSERT_TRUE(parked);
  EXPECT_EQ(parked->status, rc::TicketStatus::deferred);
  const auto line = parked->reception_id;
  EXPECT_NE(line, astana_reception) << "it moved to the permanent line, still deferred";
  // The citizen is told by mail where the question went.
  auto mails = run(db.store->claimMail(clock.now(), clock.now() + std::chrono::minutes(5), 50));
  ASSERT_TRUE(mails);
  bool mailed = false;
  for (const auto &m : *mails)
    if (m.kind == core::MailKind::reception_closed && m.recipient == "citizen@demo.kelisim.kz")
      mailed = m.params.at("moved") == "line" && m.language == core::Language::ru;
  EXPECT_TRUE(mailed);
  ASSERT_TRUE(run(queue.tick()));
  clock.advance(std::chrono::hours(11));
  ASSERT_TRUE(run(queue.tick()));
  EXPECT_EQ(run(db.store->getTicket(ticket))->status, rc::TicketStatus::deferred)
      << "8:00: the line does not answer yet";
  clock.advance(std::chrono::hours(1));
  ASSERT_TRUE(run(queue.tick()));
  auto back = run(db.store->getTicket(ticket));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->status, rc::TicketStatus::waiting);
  EXPECT_EQ(back->reception_id, line);
  EXPECT_EQ(run(queue.get(citizen, ticket))->place, 1u);
}

TEST_F(QueueServiceTest, ARestartKeepsWhoIsOnDutyAndTheWaitEstimates) {
  // Three lawyer consultations of 3 minutes each, yesterday.
  for (int i = 0; i < 3; ++i) {
    rc::Ticket t;
    t.id = "past-" + std::to_string(i);
    t.reception_id = astana_reception;
    t.organisation_id = astana_org;
    t.region = "KZ-71";
    t.category = "family";
    t.description = "—";
    t.channel = rc::Channel::phone;
    t.seats.push_back({SpecialistKind::lawyer, std::nullopt, std::nullopt});
    t.created_at = clock.now() - std::chrono::hours(24);
    t.served_at = t.created_at + std::chrono::minutes(1);
    t.ended_at = *t.served_at + std::chrono::minutes(3);
    rc::Room room;
    room.id = "past-room-" + std::to_string(i);
    room.reception_id = astana_reception;
    room.organisation_id = astana_org;
    room.created_at = *t.served_at;
    room.closed_at = t.ended_at;
    room.outcome = rc::Outcome::advice_given;
    room.duration_seconds = 180;
    ASSERT_TRUE(run(db.store->recordPhoneConsultation(t, room)));
  }
  const auto lawyer = as("lawyer@demo.kelisim.kz");
  ASSERT_TRUE(run(queue.setDuty(lawyer, true)));
  // The server starts again: a new engine and service over the same database.
  QueueEngine engine2;
  ReceptionCache receptions2{*db.store, clock};
  QueueService queue2{*db.store, clock, random, auth, engine2, receptions2, events, {}};
  const auto before = queue2.estimateAt(astana_reception, 2, SpecialistKind::lawyer);
  EXPECT_FALSE(engine2.desk(lawyer.user->id));
  ASSERT_TRUE(run(queue2.restore()));
  auto desk = engine2.desk(lawyer.user->id);
  ASSERT_TRUE(desk);
  EXPECT_TRUE(desk->on_duty) << "back on duty where they were";
  EXPECT_NE(std::find(desk->receptions.begin(), desk->receptions.end(), astana_reception),
            desk->receptions.end());
  const auto after = queue2.estimateAt(astana_reception, 2, SpecialistKind::lawyer);
  ASSERT_TRUE(before && after);
  EXPECT_LT(*after, *before) << "estimated from the 3-minute consultations, not the default";
  // Off duty is kept too.
  ASSERT_TRUE(run(queue.setDuty(lawyer, false)));
  QueueEngine engine3;
  QueueService queue3{*db.store, clock, random, auth, engine3, receptions2, events, {}};
  ASSERT_TRUE(run(queue3.restore()));
  EXPECT_FALSE(engine3.desk(lawyer.user->id));
}

TEST_F(QueueServiceTest, ACitizenWhoLeavesWithdrawsTheOffer) {
  auto s = run(queue.submit(Caller{}, question({SpecialistKind::lawyer})));
  const auto lawyer = as("lawyer@demo.kelisim.kz");
  ASSERT_TRUE(run(queue.setDuty(lawyer, true)));
  Caller citizen{s->session->user, "127.0.0.1", "r"};
  auto left = run(queue.leave(citizen, s->view.ticket.id));
  ASSERT_TRUE(left);
  EXPECT_EQ(left->ticket.status, rc::TicketStatus::abandoned);
  EXPECT_FALSE(engine.desk(lawyer.user->id)->offer);
  EXPECT_FALSE(run(queue.accept(lawyer, s->view.ticket.id)));
}

TEST_F(QueueServiceTest, OthersCannotSeeOrLeaveSomeoneElsesTicket) {
  auto s = run(queue.submit(Caller{}, question({SpecialistKind::lawyer})));
  const auto stranger = as("citizen@demo.kelisim.kz");
  EXPECT_EQ(run(queue.get(stranger, s->view.ticket.id)).error().code, core::ErrorCode::not_found);
  EXPECT_EQ(run(queue.leave(stranger, s->view.ticket.id)).error().code, core::ErrorCode::not_found);
  const auto other_centre = as("coordinator.wko@demo.kelisim.kz");
  EXPECT_EQ(run(queue.get(other_centre, s->view.ticket.id)).error().code,
            core::ErrorCode::not_found);
  EXPECT_EQ(run(queue.board(other_centre, astana_reception)).error().code,
            core::ErrorCode::forbidden);
}

TEST_F(QueueServiceTest, TheRoomEventOfATakeCarriesTheRoomAsItsMembersSeeIt) {
  auto s = run(queue.submit(Caller{}, question({SpecialistKind::lawyer})));
  ASSERT_TRUE(s);
  const Caller lawyer = as("lawyer@demo.kelisim.kz");
  auto room = run(queue.takeNext(lawyer));
  ASSERT_TRUE(room) << room.error().log;
  EXPECT_EQ(run(rooms.joined(as("psychologist@demo.kelisim.kz"), *room)).error().code,
            core::ErrorCode::not_found)
      << "only a member gets the room back";
  auto v = run(rooms.joined(lawyer, *room));
  ASSERT_TRUE(v);
  std::shared_ptr<const RoomView> carried;
  for (const auto &e : events.events)
    if (e.type == Event::Type::room && e.id == room->id && e.room) carried = e.room;
  ASSERT_TRUE(carried) << "delivering it reads nothing back";
  std::set<std::string> members;
  for (const auto &m : carried->members) members.insert(m.user_id);
  EXPECT_EQ(members, (std::set<std::string>{lawyer.user->id, *s->view.ticket.citizen_id}));
  EXPECT_EQ(carried->names.at(lawyer.user->id), lawyer.user->display_name);
  EXPECT_EQ(carried->ticket.status, rc::TicketStatus::in_room);
}

TEST_F(QueueServiceTest, SpecialistsTakingTheNextAtOnceGetDifferentTickets) {
  constexpr int n = 30;
  const std::vector<Caller> specialists = lawyers(n);
  NewTicket to_line = question({SpecialistKind::lawyer});
  to_line.reception_id.reset();
  to_line.organisation_id = astana_org; // the permanent line: every specialist serves it
  for (int i = 0; i < n; ++i) ASSERT_TRUE(run(queue.submit(Caller{}, to_line)));

  // Everyone asks for the next ticket before any seat is committed.
  boost::asio::io_context io;
  std::atomic<int> seated = 0;
  std::vector<std::string> refusals;
  std::mutex refusals_mutex;
  for (const auto &s : specialists)
    boost::asio::co_spawn(
        io,
        [&, s]() -> boost::asio::awaitable<void> {
          auto room = co_await queue.takeNext(s);
          if (room) {
            ++seated;
          } else {
            std::lock_guard lock(refusals_mutex);
            refusals.push_back(std::to_string(static_cast<int>(room.error().code)));
          }
        },
        boost::asio::detached);
  std::thread helper([&] { io.run(); });
  io.run();
  helper.join();
  EXPECT_EQ(seated, n) << "refused: " << ::testing::PrintToString(refusals);
}

// DESIGN.md: 100 tickets and 100 specialists arriving at the same instant give zero double
// assignments and zero lost offers. Everything runs at once on two threads.
TEST_F(QueueServiceTest, AHundredTicketsAndAHundredSpecialistsAtOnce) {
  constexpr int n = 100;
  const std::vector<Caller> specialists = lawyers(n);
  NewTicket to_line = question({SpecialistKind::lawyer});
  to_line.reception_id.reset();
  to_line.organisation_id = astana_org; // the permanent line: every specialist serves it

  boost::asio::io_context io;
  std::atomic<int> submitted = 0, on_duty = 0;
  for (int i = 0; i < n; ++i) {
    boost::asio::co_spawn(
        io,
        [&]() -> boost::asio::awaitable<void> {
          const Caller visitor; // named: GCC 12 PR 101367
          auto s = co_await queue.submit(visitor, to_line);
          if (s) ++submitted;
        },
        boost::asio::detached);
    boost::asio::co_spawn(
        io,
        [&, i]() -> boost::asio::awaitable<void> {
          auto d = co_await queue.setDuty(specialists[i], true);
          if (d) ++on_duty;
        },
        boost::asio::detached);
  }
  std::thread helper([&] { io.run(); });
  io.run();
  helper.join();
  ASSERT_EQ(submitted, n);
  ASSERT_EQ(on_duty, n);

  // Every specialist accepts whatever they were offered, all at once; offers made after a
  // seat is taken are accepted in the next round.
  std::atomic<int> seated = 0, refused = 0;
  for (int round = 0; round < 5 && seated < n; ++round) {
    io.restart();
    for (const auto &s : specialists)
      boost::asio::co_spawn(
          io,
          [&, s]() -> boost::asio::awaitable<void> {
            auto d = engine.desk(s.user->id);
            if (!d || !d->offer) co_return;
            auto room = co_await queue.accept(s, d->offer->ticket_id);
            if (room)
              ++seated;
            else
              ++refused;
          },
          boost::asio::detached);
    std::thread again([&] { io.run(); });
    io.run();
    again.join();
    ASSERT_TRUE(run(queue.tick()));
  }
  EXPECT_EQ(seated, n) << refused << " accepts were refused";

  core::Store::TicketQuery query;
  query.organisation_id = astana_org;
  auto tickets = run(db.store->listTickets(query)).value();
  ASSERT_EQ(tickets.size(), static_cast<std::size_t>(n));
  std::map<std::string, int> rooms_of;
  for (const auto &t : tickets) {
    EXPECT_EQ(t.status, rc::TicketStatus::in_room) << t.id;
    ASSERT_EQ(t.seats.size(), 1u);
    ASSERT_TRUE(t.seats[0].specialist_id) << t.id;
    ++rooms_of[*t.seats[0].specialist_id];
  }
  EXPECT_EQ(rooms_of.size(), static_cast<std::size_t>(n)); // nobody seated twice
  for (const auto &[who, count] : rooms_of) EXPECT_EQ(count, 1) << who;
}

// A specialist's capacity is their own setting: one who holds two consultations at once is
// offered a second question while the first goes on; the demo lawyer (capacity 1) is not.
TEST_F(QueueServiceTest, ASpecialistIsOfferedUpToTheirOwnCapacity) {
  NewTicket to_line = question({SpecialistKind::lawyer});
  to_line.reception_id.reset();
  to_line.organisation_id = astana_org; // the permanent line: every specialist serves it
  auto two = lawyers(1).at(0);
  two.user->capacity = 2;
  ASSERT_TRUE(run(db.store->updateUser(*two.user)));
  ASSERT_TRUE(run(queue.setDuty(two, true)));
  auto first = run(queue.submit(Caller{}, to_line));
  ASSERT_TRUE(first);
  ASSERT_EQ(offeredTo(two.user->id).size(), 1u);
  ASSERT_TRUE(run(queue.accept(two, first->view.ticket.id)));
  auto second = run(queue.submit(Caller{}, to_line));
  ASSERT_TRUE(second);
  auto offers = offeredTo(two.user->id);
  ASSERT_EQ(offers.size(), 2u) << "a second question while the first consultation goes on";
  EXPECT_EQ(offers.back(), second->view.ticket.id);
  ASSERT_TRUE(run(queue.accept(two, second->view.ticket.id)));
  ASSERT_TRUE(run(queue.submit(Caller{}, to_line)));
  EXPECT_EQ(offeredTo(two.user->id).size(), 2u) << "no third: both seats are taken";
  EXPECT_EQ(engine.desk(two.user->id)->capacity, 2);
}

// Among questions that arrived together, one from the specialist's own region comes first.
TEST_F(QueueServiceTest, AQuestionFromTheSpecialistsOwnRegionIsPreferred) {
  NewTicket elsewhere = question({SpecialistKind::lawyer});
  elsewhere.reception_id.reset();
  elsewhere.organisation_id = astana_org;
  elsewhere.region = "KZ-27";
  NewTicket home = elsewhere;
  home.region = "KZ-71"; // Astana, the centre's own
  auto far = run(queue.submit(Caller{}, elsewhere));
  ASSERT_TRUE(far);
  clock.advance(std::chrono::seconds(10));
  auto near = run(queue.submit(Caller{}, home));
  ASSERT_TRUE(near);
  const auto lawyer = lawyers(1).at(0);
  ASSERT_TRUE(run(queue.setDuty(lawyer, true)));
  auto offers = offeredTo(lawyer.user->id);
  ASSERT_EQ(offers.size(), 1u);
  EXPECT_EQ(offers[0], near->view.ticket.id) << "the Astana question, though 10 s later";
  EXPECT_EQ(engine.desk(lawyer.user->id)->region, "KZ-71");
}

} // namespace
} // namespace kelisim::app::reception
