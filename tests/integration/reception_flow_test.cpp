// The reception of issue 3 end to end against a real `kelisim serve`: an anonymous citizen
// asks a lawyer and a psychologist at once, both join one room, messages flow over /ws (with
// a dropped connection resumed without loss or duplicates), the room closes with an outcome,
// the citizen rates it, the coordinator sees the figures and the public summary; then the
// queue (places, leaving, no-show, offer time-out, take next, defer, phone consultations).
// The happy path runs again on PostgreSQL when KELISIM_TEST_PG_URL is set.
#include "reception_helpers.hpp"

namespace kelisim::itest {
namespace {

using namespace reception;

// The whole flow of point 1 on an already started server (SQLite or PostgreSQL).
void happyPath(ServerProcess &server) {
  const unsigned short port = server.port();
  const Demo demo = demoCentres(port);
  const std::string reception_id = demo.astana.event_id;
  ASSERT_FALSE(reception_id.empty());

  // Before closing, the reception has no public summary.
  {
    auto summary = HttpClient(port).get("/api/v1/receptions/" + reception_id + "/summary");
    expectProblem(summary, 404, "not-found");
  }

  // 1. An anonymous citizen asks a lawyer and a psychologist together.
  const std::string question = "Развод: как разделить квартиру и кто будет с детьми?";
  auto body = ticketBody(reception_id, {"lawyer", "psychologist"});
  body["description"] = question;
  Asked asked = askAnonymously(port, body);
  ASSERT_EQ(asked.response.status, 201) << asked.response.body;
  Person &citizen = *asked.citizen;
  const std::string ticket_id = asked.ticket_id;
  const auto created = asked.response.json();
  const std::string link = field(created, "link");
  ASSERT_TRUE(link.starts_with("/t/")) << asked.response.body;
  ASSERT_TRUE(citizen.http.cookie("kelisim_session").has_value())
      << "the guest got no session cookie";
  EXPECT_EQ(field(created, "ticket.status"), "waiting");
  EXPECT_EQ(field(created, "ticket.place"), "1");
  EXPECT_EQ(field(created, "ticket.on_duty"), "false") << "nobody is on duty yet";
  EXPECT_EQ(items(created.at("ticket"), "seats").size(), 2u);
  ASSERT_TRUE(citizen.ws && citizen.ws->open());

  // The citizen sees its place (its own session reads its ticket).
  {
    auto mine = citizen.http.get("/api/v1/tickets/" + ticket_id);
    ASSERT_EQ(mine.status, 200) << mine.body;
    EXPECT_EQ(field(mine.json(), "place"), "1");
    auto list = citizen.http.get("/api/v1/tickets");
    ASSERT_EQ(list.status, 200);
    ASSERT_EQ(items(list.json()).size(), 1u) << list.body;
  }

  // 2. The lawyer and the psychologist go on duty; each gets an offer of their seat.
  auto lawyer = staff(port, "lawyer@demo.kelisim.kz");
  auto psychologist = staff(port, "psychologist.astana@demo.kelisim.kz");
  ASSERT_TRUE(lawyer->ws && psychologist->ws);
  EXPECT_EQ(field(setDuty(*lawyer, true), "on_duty"), "true");
  const auto lawyer_room = acceptOffer(*lawyer, ticket_id);
  ASSERT_TRUE(lawyer_room.is_object());
  const std::string room_id = field(lawyer_room, "id");
  ASSERT_FALSE(room_id.empty());
  EXPECT_EQ(field(lawyer_room, "ticket_id"), ticket_id);
  EXPECT_EQ(jsonText(lawyer_room.at("awaited_kinds")), R"(["psychologist"])");

  EXPECT_EQ(field(setDuty(*psychologist, true), "on_duty"), "true");
  const auto full_room = acceptOffer(*psychologist, ticket_id);
  ASSERT_TRUE(full_room.is_object());
  EXPECT_EQ(field(full_room, "id"), room_id) << "the psychologist must join the lawyer's room";
  EXPECT_EQ(jsonText(full_room.at("awaited_kinds")), "[]");
  {
    const auto &members = items(full_room, "members");
    ASSERT_EQ(members.size(), 3u) << jsonText(full_room);
    std::multiset<std::string> kinds;
    for (const auto &m : members) kinds.insert(field(m, "kind"));
    EXPECT_EQ(kinds, (std::multiset<std::string>{"null", "lawyer", "psychologist"}));
  }
  // The citizen is told: the room with all three, the ticket in the room.
  auto room_event = citizen.await("room", [&](const Json &e) {
    return field(e, "room.id") == room_id && items(e.at("room"), "members").size() == 3;
  });
  ASSERT_FALSE(room_event.is_null()) << "the citizen never saw the room with both specialists";
  {
    auto mine = citizen.http.get("/api/v1/tickets/" + ticket_id);
    EXPECT_EQ(field(mine.json(), "status"), "in_room") << mine.body;
    EXPECT_EQ(field(mine.json(), "room_id"), room_id);
    auto room = citizen.http.get("/api/v1/rooms/" + room_id);
    ASSERT_EQ(room.status, 200) << room.body;
    EXPECT_EQ(items(room.json(), "members").size(), 3u);
  }

  // 3. Messages both ways, each acknowledged with its sequence number.
  const std::string hello = "Здравствуйте! Нам нужна помощь.";
  auto ack = citizen.say(room_id, "c-1", hello);
  ASSERT_FALSE(ack.is_null()) << "no ack for the citizen's message";
  const auto first_seq = static_cast<std::int64_t>(number(ack, "seq"));
  EXPECT_GE(first_seq, 1);
  EXPECT_EQ(field(ack, "room_id"), room_id);
  // The ack carries the stored message, so the sending connection is not sent it again.
  EXPECT_EQ(field(ack, "message.body"), hello);
  EXPECT_EQ(static_cast<std::int64_t>(number(ack, "message.seq")), first_seq);
  EXPECT_EQ(field(ack, "message.sender_id"), citizen.id);
  bool echoed = false;
  for (Person *p : {lawyer.get(), psychologist.get()}) {
    auto heard =
        p->await("message", [&](const Json &e) { return field(e, "message.client_id") == "c-1"; });
    ASSERT_FALSE(heard.is_null()) << "a specialist did not receive the citizen's message";
    EXPECT_EQ(field(heard, "message.body"), hello);
    EXPECT_EQ(static_cast<std::int64_t>(number(heard, "message.seq")), first_seq);
  }
  std::int64_t last_seen = first_seq;
  for (const auto &turn : {std::tuple{lawyer.get(), "l-1", "Слушаю вас. Квартира в браке куплена?"},
                           std::tuple{psychologist.get(), "p-1", "Как дети переносят ситуацию?"}}) {
    Person *who = std::get<0>(turn);
    const std::string client_id = std::get<1>(turn), words = std::get<2>(turn);
    auto a = who->say(room_id, client_id, words);
    ASSERT_FALSE(a.is_null()) << "no ack for " << client_id;
    auto got = citizen.await("message", [&](const Json &e) {
      echoed = echoed || field(e, "message.client_id") == "c-1";
      return field(e, "message.client_id") == client_id;
    });
    ASSERT_FALSE(got.is_null()) << "the citizen did not receive " << client_id;
    EXPECT_EQ(field(got, "message.body"), words);
    EXPECT_EQ(number(got, "message.seq"), number(a, "seq"));
    last_seen = std::max(last_seen, static_cast<std::int64_t>(number(got, "message.seq")));
  }
  EXPECT_EQ(last_seen, first_seq + 2) << "sequence numbers are consecutive";
  EXPECT_FALSE(echoed) << "the citizen's own message came back as a message event";

  // 4. The citizen's connection drops while the lawyer writes three messages.
  citizen.drop();
  const std::vector<std::string> missed = {"Квартира делится пополам.",
                                           "Нужны документы о покупке.",
                                           "Дети остаются с тем, с кем им лучше."};
  std::set<std::string> missed_ids;
  for (std::size_t i = 0; i < missed.size(); ++i) {
    const std::string id = "l-missed-" + std::to_string(i);
    auto a = lawyer->say(room_id, id, missed[i]);
    ASSERT_FALSE(a.is_null()) << "no ack for " << id;
    EXPECT_EQ(static_cast<std::int64_t>(number(a, "seq")), last_seen + 1 + std::int64_t(i));
    missed_ids.insert(id);
  }
  // Once the psychologist has them all, they have been handed to every connected member.
  EXPECT_EQ(awaitMessages(*psychologist->ws, missed_ids).size(), missed.size());

  citizen.connect();
  ASSERT_TRUE(citizen.ws && citizen.ws->open());
  ASSERT_TRUE(
      citizen.ws->send(text({{"type", "resume"}, {"room_id", room_id}, {"after_seq", last_seen}})));
  std::vector<Json> replayed;
  Json resumed = nullptr;
  while (citizen.ws->open()) {
    auto e = citizen.ws->readJson(kEventWait);
    if (!e) break;
    if (field(*e, "type") == "message") replayed.push_back(*e);
    if (field(*e, "type") == "resumed") {
      resumed = *e;
      break;
    }
  }
  ASSERT_FALSE(resumed.is_null()) << "no resumed event after resume";
  EXPECT_EQ(field(resumed, "room_id"), room_id);
  EXPECT_EQ(static_cast<std::int64_t>(number(resumed, "last_seq")), last_seen + 3);
  std::vector<std::int64_t> expected_seqs;
  for (std::int64_t s = last_seen + 1; s <= last_seen + 3; ++s) expected_seqs.push_back(s);
  EXPECT_EQ(seqs(replayed), expected_seqs) << "exactly the missed messages, in order, once each";
  for (std::size_t i = 0; i < replayed.size() && i < missed.size(); ++i)
    EXPECT_EQ(field(replayed[i], "message.body"), missed[i]);
  last_seen += 3;

  // 5. Sending c-1 again (a retry after a lost ack) stores nothing new.
  auto again = citizen.say(room_id, "c-1", hello);
  ASSERT_FALSE(again.is_null()) << "no ack for the resent message";
  EXPECT_EQ(static_cast<std::int64_t>(number(again, "seq")), first_seq);
  {
    auto all = citizen.http.get("/api/v1/rooms/" + room_id + "/messages?after=0");
    ASSERT_EQ(all.status, 200) << all.body;
    const auto &list = items(all.json());
    EXPECT_EQ(list.size(), static_cast<std::size_t>(last_seen)) << all.body;
    std::int64_t expect = 1;
    for (const auto &m : list) EXPECT_EQ(static_cast<std::int64_t>(number(m, "seq")), expect++);
    auto room = citizen.http.get("/api/v1/rooms/" + room_id);
    EXPECT_EQ(static_cast<std::int64_t>(number(room.json(), "last_seq")), last_seen);
  }

  // 6. The lawyer closes the room with an outcome and a summary.
  const std::string summary = "Разъяснён порядок раздела имущества и определения места жительства "
                              "детей.";
  auto closed = lawyer->http.post("/api/v1/rooms/" + room_id + "/close",
                                  text({{"outcome", "advice_given"}, {"summary", summary}}));
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_EQ(field(closed.json(), "outcome"), "advice_given");
  EXPECT_NE(field(closed.json(), "closed_at"), "null");
  auto told = citizen.await("ticket", ticketWithStatus(ticket_id, "closed"));
  ASSERT_FALSE(told.is_null()) << "the citizen was not told the ticket closed";
  EXPECT_EQ(field(told, "ticket.feedback_given"), "false");

  // 7. Feedback (once), and the transcript.
  const std::string proposal = "Проводить приёмы и по вечерам.";
  auto rated = citizen.http.post(
      "/api/v1/tickets/" + ticket_id + "/feedback",
      text({{"rating", 5}, {"comment", "Спасибо, всё понятно."}, {"proposal", proposal}}));
  ASSERT_EQ(rated.status, 201) << rated.body;
  EXPECT_EQ(field(citizen.http.get("/api/v1/tickets/" + ticket_id).json(), "feedback_given"),
            "true");
  auto twice =
      citizen.http.post("/api/v1/tickets/" + ticket_id + "/feedback", text({{"rating", 1}}));
  EXPECT_EQ(twice.status, 409) << "feedback is given once: " << twice.body;

  auto transcript = citizen.http.get("/api/v1/rooms/" + room_id + "/transcript");
  ASSERT_EQ(transcript.status, 200) << transcript.body;
  EXPECT_TRUE(transcript.header("Content-Type").starts_with("text/plain"))
      << transcript.header("Content-Type");
  for (const auto &words : {hello, std::string("Слушаю вас. Квартира в браке куплена?"),
                            std::string("Как дети переносят ситуацию?"), missed[0], missed[1],
                            missed[2], question, summary})
    EXPECT_NE(transcript.body.find(words), std::string::npos)
        << "the transcript lacks: " << words << "\n"
        << transcript.body;
  {
    // The resent message is in the transcript once.
    std::size_t count = 0;
    for (auto at = transcript.body.find(hello); at != std::string::npos;
         at = transcript.body.find(hello, at + 1))
      ++count;
    EXPECT_EQ(count, 1u);
  }

  // 8. The coordinator: figures, proposals, board.
  Person coordinator(port);
  signedIn(coordinator.http, "coordinator.astana@demo.kelisim.kz");
  auto figures = coordinator.http.get("/api/v1/receptions/" + reception_id + "/figures");
  ASSERT_EQ(figures.status, 200) << figures.body;
  const auto f = figures.json();
  EXPECT_EQ(number(f, "served"), 1) << figures.body;
  EXPECT_EQ(number(f, "by_kind.lawyer"), 1) << figures.body;
  EXPECT_EQ(number(f, "by_kind.psychologist"), 1) << figures.body;
  EXPECT_EQ(number(f, "by_channel.chat"), 1) << figures.body;
  EXPECT_EQ(number(f, "by_outcome.advice_given"), 1) << figures.body;
  EXPECT_EQ(number(f, "by_region.KZ-71"), 1) << figures.body;
  EXPECT_EQ(number(f, "rating_average"), 5) << figures.body;
  EXPECT_EQ(number(f, "ratings"), 1) << figures.body;

  auto proposals =
      coordinator.http.get("/api/v1/organisations/" + demo.astana.organisation_id + "/proposals");
  ASSERT_EQ(proposals.status, 200) << proposals.body;
  bool found = false;
  for (const auto &p : items(proposals.json()))
    if (field(p, "ticket_id") == ticket_id) {
      found = true;
      EXPECT_EQ(field(p, "proposal"), proposal);
      EXPECT_EQ(number(p, "rating"), 5);
      EXPECT_EQ(field(p, "reception_id"), reception_id);
    }
  EXPECT_TRUE(found) << "the proposal is not listed: " << proposals.body;

  auto board = coordinator.http.get("/api/v1/receptions/" + reception_id + "/board");
  ASSERT_EQ(board.status, 200) << board.body;
  EXPECT_EQ(field(board.json(), "reception_id"), reception_id);
  EXPECT_EQ(number(board.json(), "waiting"), 0) << board.body;
  EXPECT_FALSE(items(board.json(), "specialists").empty()) << board.body;

  // 9. Closing the reception publishes its summary.
  auto close = coordinator.http.post("/api/v1/receptions/" + reception_id + "/close", "");
  ASSERT_EQ(close.status, 200) << close.body;
  EXPECT_EQ(field(close.json(), "status"), "closed");
  auto published = HttpClient(port).get("/api/v1/receptions/" + reception_id + "/summary");
  ASSERT_EQ(published.status, 200) << published.body;
  EXPECT_EQ(field(published.json(), "reception.id"), reception_id);
  // One consultation: too few to show publicly without pointing at the citizen.
  EXPECT_EQ(field(published.json(), "figures.served"), "null") << published.body;
  EXPECT_EQ(field(published.json(), "figures.rating_average"), "null") << published.body;
  EXPECT_EQ(field(published.json(), "figures.by_kind.lawyer"), "null") << published.body;

  // 10. The secret link resumes the ticket on another device.
  HttpClient other_device(port);
  auto resumed_link =
      other_device.post("/api/v1/tickets/resume", text({{"token", link.substr(3)}}));
  ASSERT_EQ(resumed_link.status, 200) << resumed_link.body;
  EXPECT_EQ(field(resumed_link.json(), "ticket.id"), ticket_id);
  EXPECT_TRUE(other_device.cookie("kelisim_session").has_value());
  auto from_there = other_device.get("/api/v1/tickets/" + ticket_id);
  EXPECT_EQ(from_there.status, 200) << from_there.body;
  EXPECT_EQ(other_device.get("/api/v1/rooms/" + room_id + "/transcript").status, 200);
  // A wrong token finds nothing.
  auto wrong =
      HttpClient(port).post("/api/v1/tickets/resume", text({{"token", std::string(48, 'a')}}));
  EXPECT_EQ(wrong.status, 404) << wrong.body;
}

TEST(ReceptionFlow, AnonymousCitizenGetsALawyerAndAPsychologistInOneRoom) {
  ServerProcess server(receptionServer());
  happyPath(server);
  const auto exit = server.stop();
  EXPECT_TRUE(exit.exited && exit.code == 0) << server.log();
}

TEST(ReceptionFlowPg, AnonymousCitizenGetsALawyerAndAPsychologistInOneRoom) {
  FreshPgDatabase db;
  if (!db.ready())
    GTEST_SKIP() << "KELISIM_TEST_PG_URL is not set (e.g. from scripts/start-postgres.sh DIR)";
  ServerOptions options = receptionServer();
  options.database = db.url();
  ServerProcess server(options);
  happyPath(server);
  const auto exit = server.stop();
  EXPECT_TRUE(exit.exited && exit.code == 0) << server.log();
}

// ---- the queue -----------------------------------------------------------------------

TEST(ReceptionQueue, PlacesMoveUpWhenSomeoneLeaves) {
  ServerProcess server(receptionServer());
  const Demo demo = demoCentres(server.port());
  // Nobody is on duty as a judge: the three wait, told so at once.
  std::vector<Asked> asked;
  for (int i = 0; i < 3; ++i) {
    asked.push_back(askAnonymously(server.port(), ticketBody(demo.astana.event_id, {"judge"})));
    ASSERT_EQ(asked.back().response.status, 201) << asked.back().response.body;
    const auto t = asked.back().response.json().at("ticket");
    EXPECT_EQ(field(t, "on_duty"), "false") << jsonText(t);
    EXPECT_EQ(field(t, "place"), std::to_string(i + 1)) << jsonText(t);
    EXPECT_EQ(field(t, "status"), "waiting");
  }
  auto left = asked[0].citizen->http.post("/api/v1/tickets/" + asked[0].ticket_id + "/leave", "");
  ASSERT_EQ(left.status, 200) << left.body;
  EXPECT_EQ(field(left.json(), "status"), "abandoned");
  EXPECT_EQ(field(left.json(), "place"), "null");
  for (std::size_t i = 1; i < 3; ++i) {
    auto moved = asked[i].citizen->await("place", [&](const Json &e) {
      return field(e, "ticket_id") == asked[i].ticket_id && field(e, "place") == std::to_string(i);
    });
    ASSERT_FALSE(moved.is_null()) << "citizen " << i + 1 << " was not told of place " << i;
    EXPECT_TRUE(moved.as_object().contains("estimated_wait_seconds")) << jsonText(moved);
    auto t = asked[i].citizen->http.get("/api/v1/tickets/" + asked[i].ticket_id);
    EXPECT_EQ(field(t.json(), "place"), std::to_string(i)) << t.body;
  }
  // Leaving twice is refused; the coordinator sees it counted as abandoned.
  auto again = asked[0].citizen->http.post("/api/v1/tickets/" + asked[0].ticket_id + "/leave", "");
  EXPECT_GE(again.status, 400) << again.body;
  EXPECT_LT(again.status, 500) << again.body;
  HttpClient coordinator(server.port());
  signedIn(coordinator, "coordinator.astana@demo.kelisim.kz");
  auto figures = coordinator.get("/api/v1/receptions/" + demo.astana.event_id + "/figures");
  ASSERT_EQ(figures.status, 200) << figures.body;
  EXPECT_EQ(number(figures.json(), "abandoned"), 1) << figures.body;
}

TEST(ReceptionQueue, NoShowClosesTheTicketAsNoShow) {
  ServerProcess server(receptionServer());
  const Demo demo = demoCentres(server.port());
  Asked asked = askAnonymously(server.port(), ticketBody(demo.astana.event_id, {"judge"}));
  ASSERT_EQ(asked.response.status, 201);
  auto judge = staff(server.port(), "judge.astana@demo.kelisim.kz");
  setDuty(*judge, true);
  auto room = acceptOffer(*judge, asked.ticket_id);
  ASSERT_TRUE(room.is_object());
  const std::string room_id = field(room, "id");
  auto closed = judge->http.post("/api/v1/rooms/" + room_id + "/close", text({{"no_show", true}}));
  ASSERT_EQ(closed.status, 200) << closed.body;
  auto told = asked.citizen->await("ticket", ticketWithStatus(asked.ticket_id, "no_show"));
  EXPECT_FALSE(told.is_null()) << "the citizen was not told of the no-show";
  auto t = asked.citizen->http.get("/api/v1/tickets/" + asked.ticket_id);
  EXPECT_EQ(field(t.json(), "status"), "no_show") << t.body;
  // Closing twice is a conflict.
  auto twice = judge->http.post("/api/v1/rooms/" + room_id + "/close", text({{"no_show", true}}));
  EXPECT_EQ(twice.status, 409) << twice.body;
  HttpClient coordinator(server.port());
  signedIn(coordinator, "coordinator.astana@demo.kelisim.kz");
  auto figures = coordinator.get("/api/v1/receptions/" + demo.astana.event_id + "/figures");
  ASSERT_EQ(figures.status, 200) << figures.body;
  EXPECT_EQ(number(figures.json(), "no_show"), 1) << figures.body;
  EXPECT_EQ(number(figures.json(), "served"), 0) << figures.body;
}

TEST(ReceptionQueue, AnIgnoredOfferIsWithdrawnAndTheSpecialistGoesAway) {
  ServerProcess server(receptionServer({"--offer-timeout-seconds", "5"}));
  const Demo demo = demoCentres(server.port());
  auto body = ticketBody(demo.astana.event_id, {"doctor"});
  body["category"] = "health";
  Asked asked = askAnonymously(server.port(), body);
  ASSERT_EQ(asked.response.status, 201);
  auto doctor = staff(server.port(), "doctor@demo.kelisim.kz");
  setDuty(*doctor, true);
  auto offer = doctor->await(
      "offer", [&](const Json &e) { return field(e, "offer.ticket_id") == asked.ticket_id; });
  ASSERT_FALSE(offer.is_null()) << "no offer";
  EXPECT_EQ(field(offer, "offer.kind"), "doctor");
  EXPECT_FALSE(field(offer, "offer.expires_at").empty());
  // The doctor does nothing: the offer is withdrawn after its time-out.
  auto withdrawn = doctor->await(
      "offer_withdrawn", [&](const Json &e) { return field(e, "ticket_id") == asked.ticket_id; });
  ASSERT_FALSE(withdrawn.is_null()) << "the ignored offer was never withdrawn";
  auto desk = doctor->http.get("/api/v1/desk");
  ASSERT_EQ(desk.status, 200) << desk.body;
  EXPECT_EQ(field(desk.json(), "on_duty"), "false") << "an ignoring specialist goes away";
  EXPECT_EQ(field(desk.json(), "offer"), "null") << desk.body;
  // The citizen is back in the queue, first.
  auto t = asked.citizen->http.get("/api/v1/tickets/" + asked.ticket_id);
  EXPECT_EQ(field(t.json(), "status"), "waiting") << t.body;
  EXPECT_EQ(field(t.json(), "place"), "1") << t.body;
  // Accepting the withdrawn offer is refused.
  auto late = doctor->http.post("/api/v1/desk/offers/" + asked.ticket_id + "/accept", "");
  EXPECT_EQ(late.status, 404) << late.body;
}

TEST(ReceptionQueue, TakeNextOpensARoomWithTheFirstWaiting) {
  ServerProcess server(receptionServer());
  const Demo demo = demoCentres(server.port());
  Asked first = askAnonymously(server.port(), ticketBody(demo.astana.event_id, {"mediator"}));
  Asked second = askAnonymously(server.port(), ticketBody(demo.astana.event_id, {"mediator"}));
  ASSERT_EQ(first.response.status, 201);
  ASSERT_EQ(second.response.status, 201);
  auto mediator = staff(server.port(), "mediator.astana@demo.kelisim.kz");
  auto taken = mediator->http.post("/api/v1/desk/next", "");
  ASSERT_EQ(taken.status, 200) << taken.body;
  EXPECT_EQ(field(taken.json(), "ticket_id"), first.ticket_id) << "the first in line goes first";
  const std::string room_id = field(taken.json(), "id");
  auto told = first.citizen->await("ticket", ticketWithStatus(first.ticket_id, "in_room"));
  EXPECT_FALSE(told.is_null()) << "the citizen was not told a mediator took the ticket";
  auto room = first.citizen->http.get("/api/v1/rooms/" + room_id);
  ASSERT_EQ(room.status, 200) << room.body;
  EXPECT_EQ(items(room.json(), "members").size(), 2u) << room.body;
  // The second moves up to place 1.
  auto moved = second.citizen->await("place", [&](const Json &e) {
    return field(e, "ticket_id") == second.ticket_id && field(e, "place") == "1";
  });
  EXPECT_FALSE(moved.is_null()) << "the second citizen was not told of place 1";
  // The mediator closes and takes the next one; then nobody waits: 404.
  ASSERT_EQ(mediator->http
                .post("/api/v1/rooms/" + room_id + "/close", text({{"outcome", "advice_given"}}))
                .status,
            200);
  auto next = mediator->http.post("/api/v1/desk/next", "");
  ASSERT_EQ(next.status, 200) << next.body;
  EXPECT_EQ(field(next.json(), "ticket_id"), second.ticket_id);
  ASSERT_EQ(mediator->http
                .post("/api/v1/rooms/" + field(next.json(), "id") + "/close",
                      text({{"outcome", "follow_up_needed"}}))
                .status,
            200);
  expectProblem(mediator->http.post("/api/v1/desk/next", ""), 404, "not-found");
}

TEST(ReceptionQueue, ASpecialistHandsTheConversationToAColleague) {
  ServerProcess server(receptionServer());
  const Demo demo = demoCentres(server.port());
  Asked asked = askAnonymously(server.port(), ticketBody(demo.astana.event_id, {"lawyer"}));
  ASSERT_EQ(asked.response.status, 201);
  auto lawyer = staff(server.port(), "lawyer@demo.kelisim.kz");
  auto taken = lawyer->http.post("/api/v1/desk/next", "");
  ASSERT_EQ(taken.status, 200) << taken.body;
  const std::string room_id = field(taken.json(), "id");
  auto psychologist = staff(server.port(), "psychologist.astana@demo.kelisim.kz");
  const std::string psychologist_id = field(psychologist->http.get("/api/v1/me").json(), "id");
  // Exactly one of kind and specialist_id.
  expectProblem(lawyer->http.post("/api/v1/rooms/" + room_id + "/transfer", "{}"), 422,
                "validation-failed");
  auto handed = lawyer->http.post("/api/v1/rooms/" + room_id + "/transfer",
                                  text({{"specialist_id", psychologist_id}}));
  ASSERT_EQ(handed.status, 200) << handed.body;
  // The psychologist now holds the place; the lawyer has left and no longer sees the chat.
  auto room = psychologist->http.get("/api/v1/rooms/" + room_id);
  ASSERT_EQ(room.status, 200) << room.body;
  bool seated = false;
  for (const auto &s : items(room.json().at("ticket"), "seats"))
    seated |= field(s, "kind") == "psychologist" && field(s, "specialist.id") == psychologist_id;
  EXPECT_TRUE(seated) << room.body;
  EXPECT_EQ(field(room.json(), "ticket.status"), "in_room");
  EXPECT_EQ(lawyer->http.get("/api/v1/rooms/" + room_id + "/messages").status, 404);
  EXPECT_EQ(psychologist->http.get("/api/v1/rooms/" + room_id + "/messages").status, 200);
}

TEST(ReceptionQueue, ALongCatchUpComesAPageAtATimeAndLosesNothing) {
  ServerProcess server(receptionServer());
  const Demo demo = demoCentres(server.port());
  auto consultation = lawyerConsultation(server.port(), demo);
  Asked &asked = consultation.asked;
  auto &lawyer = consultation.lawyer;
  const std::string &room_id = consultation.room_id;
  ASSERT_FALSE(room_id.empty());
  // More than a connection's 256-message send queue while the citizen's phone was away.
  const int missed = 300;
  for (int i = 1; i <= missed; ++i) {
    auto sent = lawyer->http.post("/api/v1/rooms/" + room_id + "/messages",
                                  text({{"client_id", "l-" + std::to_string(i)},
                                        {"body", "Сообщение " + std::to_string(i)}}));
    ASSERT_EQ(sent.status, 201) << sent.body;
  }
  asked.citizen->connect();
  std::int64_t after = 0;
  std::vector<std::int64_t> got;
  int pages = 0;
  for (bool more = true; more && pages < 10; ++pages) {
    ASSERT_TRUE(asked.citizen->ws->send(
        text({{"type", "resume"}, {"room_id", room_id}, {"after_seq", after}})));
    Json resumed = nullptr;
    while (resumed.is_null()) {
      auto e = asked.citizen->ws->readJson(kEventWait);
      ASSERT_TRUE(e.has_value()) << "the connection ended during the catch-up";
      if (field(*e, "type") == "message")
        got.push_back(static_cast<std::int64_t>(number(*e, "message.seq")));
      if (field(*e, "type") == "resumed") resumed = *e;
    }
    after = static_cast<std::int64_t>(number(resumed, "last_seq"));
    more = field(resumed, "more") == "true";
  }
  EXPECT_GE(pages, 3) << "a page at a time";
  ASSERT_FALSE(got.empty());
  std::vector<std::int64_t> expected;
  for (std::int64_t s = got.front(); s < got.front() + static_cast<std::int64_t>(got.size()); ++s)
    expected.push_back(s);
  EXPECT_EQ(got, expected) << "in order, once each";
  EXPECT_GE(got.size(), static_cast<std::size_t>(missed));
  EXPECT_TRUE(asked.citizen->ws->open());
}

TEST(ReceptionQueue, WritesIntoARoomOverHttpAreLimitedPerPerson) {
  ServerProcess server(relaxed({"--intake-per-minute", "100000", "--room-writes-per-minute", "3"}));
  const Demo demo = demoCentres(server.port());
  auto consultation = lawyerConsultation(server.port(), demo);
  Asked &asked = consultation.asked;
  auto &lawyer = consultation.lawyer;
  const std::string &room_id = consultation.room_id;
  ASSERT_FALSE(room_id.empty());
  auto post = [&](Person &who, const std::string &id) {
    return who.http.post("/api/v1/rooms/" + room_id + "/messages",
                         text({{"client_id", id}, {"body", "Сәлем"}}), {{"Accept-Language", "ru"}});
  };
  for (int i = 0; i < 3; ++i) ASSERT_EQ(post(*lawyer, "l-" + std::to_string(i)).status, 201);
  auto refused = post(*lawyer, "l-3");
  expectProblem(refused, 429, "too-many-requests");
  EXPECT_FALSE(refused.header("Retry-After").empty()) << refused.body;
  auto note = lawyer->http.post("/api/v1/rooms/" + room_id + "/notes", text({{"body", "x"}}));
  EXPECT_EQ(note.status, 429) << "notes share the budget";
  // Per person: the citizen in the same room still writes.
  EXPECT_EQ(post(*asked.citizen, "c-0").status, 201);
}

TEST(ReceptionQueue, DeferLeavesTheQuestionForLater) {
  ServerProcess server(receptionServer());
  const Demo demo = demoCentres(server.port());
  Asked asked = askAnonymously(server.port(), ticketBody(demo.astana.event_id, {"other"}));
  ASSERT_EQ(asked.response.status, 201);
  auto deferred = asked.citizen->http.post("/api/v1/tickets/" + asked.ticket_id + "/defer", "");
  ASSERT_EQ(deferred.status, 200) << deferred.body;
  EXPECT_EQ(field(deferred.json(), "status"), "deferred");
  EXPECT_EQ(field(deferred.json(), "place"), "null");
  auto mine = asked.citizen->http.get("/api/v1/tickets");
  ASSERT_EQ(mine.status, 200);
  ASSERT_EQ(items(mine.json()).size(), 1u);
  EXPECT_EQ(field(items(mine.json())[0], "status"), "deferred");
  // The coordinator sees it on the board.
  HttpClient coordinator(server.port());
  signedIn(coordinator, "coordinator.astana@demo.kelisim.kz");
  auto board = coordinator.get("/api/v1/receptions/" + demo.astana.event_id + "/board");
  ASSERT_EQ(board.status, 200) << board.body;
  bool listed = false;
  for (const auto &t : items(board.json(), "tickets"))
    if (field(t, "id") == asked.ticket_id) listed = field(t, "status") == "deferred";
  EXPECT_TRUE(listed) << board.body;
  // A specialist of another kind coming on duty leaves it where it is.
  auto lawyer = staff(server.port(), "lawyer@demo.kelisim.kz");
  setDuty(*lawyer, true);
  expectProblem(lawyer->http.post("/api/v1/desk/next", ""), 404, "not-found");
  auto still = asked.citizen->http.get("/api/v1/tickets/" + asked.ticket_id);
  EXPECT_EQ(field(still.json(), "status"), "deferred");
  // Someone who can answer it comes on duty: it waits again (offered to them at once) and
  // is taken.
  auto other = staff(server.port(), "other@demo.kelisim.kz");
  setDuty(*other, true);
  auto back = asked.citizen->http.get("/api/v1/tickets/" + asked.ticket_id);
  ASSERT_EQ(back.status, 200) << back.body;
  EXPECT_EQ(field(back.json(), "status"), "waiting");
  auto taken = other->http.post("/api/v1/desk/next", "");
  ASSERT_EQ(taken.status, 200) << taken.body;
  EXPECT_EQ(field(taken.json(), "ticket_id"), asked.ticket_id) << taken.body;
}

TEST(ReceptionQueue, PhoneConsultationCountsInFigures) {
  ServerProcess server(receptionServer());
  const Demo demo = demoCentres(server.port());
  HttpClient lawyer(server.port());
  signedIn(lawyer, "lawyer@demo.kelisim.kz");
  auto recorded = lawyer.post("/api/v1/consultations/phone",
                              text({{"reception_id", demo.astana.event_id},
                                    {"region", "KZ-71"},
                                    {"language", "kk"},
                                    {"category", "labour"},
                                    {"kinds", boost::json::array{"lawyer"}},
                                    {"outcome", "advice_given"},
                                    {"duration_minutes", 12},
                                    {"summary", "Жалақы кешіктірілді: шағым үлгісі берілді."}}));
  ASSERT_EQ(recorded.status, 201) << recorded.body;
  EXPECT_EQ(field(recorded.json(), "channel"), "phone");
  EXPECT_EQ(field(recorded.json(), "status"), "closed");
  // Bad input is a field error.
  auto bad =
      lawyer.post("/api/v1/consultations/phone", text({{"reception_id", demo.astana.event_id},
                                                       {"region", "KZ-99"},
                                                       {"category", "labour"},
                                                       {"kinds", boost::json::array{"lawyer"}},
                                                       {"outcome", "advice_given"},
                                                       {"duration_minutes", 12}}));
  expectProblem(bad, 422, "validation-failed");
  EXPECT_FALSE(fieldError(bad, "region").is_null()) << bad.body;

  HttpClient coordinator(server.port());
  signedIn(coordinator, "coordinator.astana@demo.kelisim.kz");
  auto figures = coordinator.get("/api/v1/receptions/" + demo.astana.event_id + "/figures");
  ASSERT_EQ(figures.status, 200) << figures.body;
  const auto f = figures.json();
  EXPECT_EQ(number(f, "served"), 1) << figures.body;
  EXPECT_EQ(number(f, "by_channel.phone"), 1) << figures.body;
  EXPECT_EQ(number(f, "by_kind.lawyer"), 1) << figures.body;
  EXPECT_EQ(number(f, "by_category.labour"), 1) << figures.body;
  EXPECT_EQ(number(f, "by_outcome.advice_given"), 1) << figures.body;
  auto organisation =
      coordinator.get("/api/v1/organisations/" + demo.astana.organisation_id + "/figures");
  ASSERT_EQ(organisation.status, 200) << organisation.body;
  EXPECT_EQ(number(organisation.json(), "by_channel.phone"), 1) << organisation.body;
  auto csv = coordinator.get("/api/v1/organisations/" + demo.astana.organisation_id +
                             "/consultations.csv");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_TRUE(csv.header("Content-Type").starts_with("text/csv"));
  EXPECT_NE(csv.body.find(field(recorded.json(), "id")), std::string::npos) << csv.body;
  EXPECT_NE(csv.body.find(",phone,"), std::string::npos) << csv.body;

  // A reception's export holds its own consultations only, not the organisation's.
  auto on_the_line =
      lawyer.post("/api/v1/consultations/phone", text({{"reception_id", demo.astana.line_id},
                                                       {"region", "KZ-71"},
                                                       {"language", "ru"},
                                                       {"category", "family"},
                                                       {"kinds", boost::json::array{"lawyer"}},
                                                       {"outcome", "advice_given"},
                                                       {"duration_minutes", 5}}));
  ASSERT_EQ(on_the_line.status, 201) << on_the_line.body;
  auto own = coordinator.get("/api/v1/receptions/" + demo.astana.event_id + "/consultations.csv");
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_TRUE(own.header("Content-Type").starts_with("text/csv"));
  EXPECT_NE(own.body.find(field(recorded.json(), "id")), std::string::npos) << own.body;
  EXPECT_EQ(own.body.find(field(on_the_line.json(), "id")), std::string::npos) << own.body;
}

} // namespace
} // namespace kelisim::itest
