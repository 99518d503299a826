// Conferences end to end: a specialist schedules one with a specialist of another centre and
// a guest by e-mail; the mails arrive through a real SMTP server with their ICS; the guest
// joins by the link from the mail; minutes, a proposal, the open list, and outsiders' 404. The
// conference's chat over /ws: for the people in it only, stored once per client_id, resumed
// after a new connection, and kept through a kill -9.
#include "reception_helpers.hpp"
#include "smtp_sink.hpp"

#include "core/time.hpp"

namespace kelisim::itest {
namespace {

using namespace reception;

std::string guestToken(const std::string &text) {
  const auto at = text.find("/c/");
  if (at == std::string::npos) return "";
  auto end = at + 3;
  while (end < text.size() && std::isalnum(static_cast<unsigned char>(text[end]))) ++end;
  return text.substr(at + 3, end - at - 3);
}

std::string idOf(HttpClient &c, const std::string &email_part) {
  auto found = c.get("/api/v1/conferences/invitees?q=" + email_part);
  EXPECT_EQ(found.status, 200) << found.body;
  const auto list = items(found.json());
  return list.empty() ? "" : field(list[0], "id");
}

TEST(Conference, ScheduledWithAGuestWhoJoinsByTheMailedLink) {
  SmtpSink smtp;
  ASSERT_TRUE(smtp.ready());
  ServerProcess server(receptionServer({"--smtp-url", smtp.url(), "--mail-poll-ms", "100",
                                        "--mail-from", "reception@kelisim.example.kz"}));
  HttpClient lawyer(server.port());
  ASSERT_EQ(lawyer.signIn("lawyer@demo.kelisim.kz").status, 200);
  const std::string wko_id = idOf(lawyer, "lawyer.wko");
  ASSERT_FALSE(wko_id.empty());

  const core::Time now =
      std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
  boost::json::object judge;
  judge["name"] = "Судья Ахметова";
  judge["email"] = "judge@court.kz";
  judge["language"] = "kk";
  boost::json::array guests;
  guests.push_back(judge);
  boost::json::array agenda;
  agenda.push_back(boost::json::object{{"title", "Открытие"}});
  agenda.push_back(boost::json::object{{"title", "Случаи"}});
  boost::json::array specialists;
  specialists.push_back(boost::json::string(wko_id));
  boost::json::object body{{"title", "Медиация в семейных спорах"},
                           {"description", "Круглый стол центров"},
                           {"language", "ru"},
                           {"starts_at", core::toRfc3339(now - std::chrono::minutes(10))},
                           {"ends_at", core::toRfc3339(now + std::chrono::hours(2))},
                           {"agenda", agenda},
                           {"specialists", specialists},
                           {"guests", guests}};
  auto made = lawyer.post("/api/v1/conferences", text(body));
  ASSERT_EQ(made.status, 201) << made.body;
  const auto conference = made.json();
  const std::string id = field(conference, "id");
  EXPECT_EQ(field(conference, "my_role"), "moderator");
  EXPECT_EQ(field(conference, "phase"), "live");
  const std::string item = field(items(conference, "agenda")[1], "id");

  // Validation names the fields, in the caller's language.
  boost::json::object bad_guest;
  bad_guest["name"] = "X";
  bad_guest["email"] = "not-an-address";
  boost::json::array bad_guests;
  bad_guests.push_back(bad_guest);
  boost::json::object bad{{"title", "Ok"},
                          {"starts_at", core::toRfc3339(now + std::chrono::hours(2))},
                          {"ends_at", core::toRfc3339(now + std::chrono::hours(1))},
                          {"guests", bad_guests}};
  lawyer.language = "kk";
  auto refused = lawyer.post("/api/v1/conferences", text(bad));
  expectProblem(refused, 422, "validation-failed");
  EXPECT_TRUE(fieldError(refused, "ends_at").is_object()) << refused.body;
  EXPECT_TRUE(fieldError(refused, "guests.0.email").is_object()) << refused.body;
  EXPECT_TRUE(hasCyrillic(refused.body));

  // The guest's mail: in Kazakh, with the link and the ICS invitation.
  auto mail = smtp.await("judge@court.kz");
  ASSERT_TRUE(mail) << "no invitation arrived; server log:\n" << server.log();
  EXPECT_TRUE(hasCyrillic(mail->subject));
  EXPECT_NE(mail->calendar.find("BEGIN:VCALENDAR"), std::string::npos) << mail->raw;
  EXPECT_NE(mail->calendar.find("UID:conference-" + id + "@kelisim"), std::string::npos);
  const std::string token = guestToken(mail->text);
  ASSERT_EQ(token.size(), 48u) << mail->text;
  EXPECT_EQ(server.log().find(token), std::string::npos) << "a guest's secret was logged";
  auto invited = smtp.await("lawyer.wko@demo.kelisim.kz");
  ASSERT_TRUE(invited);
  EXPECT_NE(invited->text.find("/conferences/" + id), std::string::npos) << invited->text;
  EXPECT_FALSE(invited->calendar.empty());

  // A staff session is never replaced by a guest's link.
  HttpClient psychologist(server.port());
  ASSERT_EQ(psychologist.signIn("psychologist@demo.kelisim.kz").status, 200);
  expectProblem(psychologist.post("/api/v1/conferences/join", text({{"token", token}})), 409,
                "other-account");
  // The guest opens the link: signed in as the guest, in the conference.
  HttpClient guest(server.port());
  auto joined = guest.post("/api/v1/conferences/join", text({{"token", token}}));
  ASSERT_EQ(joined.status, 200) << joined.body;
  EXPECT_EQ(field(joined.json(), "id"), id);
  EXPECT_EQ(field(joined.json(), "my_role"), "guest");
  EXPECT_EQ(field(guest.get("/api/v1/conferences/" + id).json(), "my_role"), "guest");
  auto ics = guest.get("/api/v1/conferences/" + id + "/invitation.ics");
  ASSERT_EQ(ics.status, 200);
  EXPECT_NE(ics.body.find("SUMMARY:Медиация в семейных спорах"), std::string::npos) << ics.body;
  expectProblem(guest.request("PUT", "/api/v1/conferences/" + id + "/agenda/" + item + "/minutes",
                              text({{"minutes", "x"}})),
                403, "forbidden");
  expectProblem(guest.get("/api/v1/proposals?status=open"), 403, "forbidden");
  expectProblem(HttpClient(server.port())
                    .post("/api/v1/conferences/join", text({{"token", std::string(48, 'a')}})),
                404, "not-found");

  // Minutes by the moderator, read by everyone in the conference.
  auto minutes = lawyer.request("PUT", "/api/v1/conferences/" + id + "/agenda/" + item + "/minutes",
                                text({{"minutes", "Решили подготовить памятку."}}));
  ASSERT_EQ(minutes.status, 200) << minutes.body;
  EXPECT_EQ(field(items(guest.get("/api/v1/conferences/" + id).json(), "agenda")[1], "minutes"),
            "Решили подготовить памятку.");

  // A proposal owned by the other centre's lawyer, who moves it on; the open list.
  auto proposed = lawyer.post("/api/v1/conferences/" + id + "/proposals",
                              text({{"text", "Памятка для судов о медиации"},
                                    {"owner_id", wko_id},
                                    {"due_date", "2027-03-01"},
                                    {"agenda_item_id", item}}));
  ASSERT_EQ(proposed.status, 201) << proposed.body;
  const std::string proposal = field(proposed.json(), "id");
  HttpClient wko(server.port());
  ASSERT_EQ(wko.signIn("lawyer.wko@demo.kelisim.kz").status, 200);
  auto open = items(wko.get("/api/v1/proposals?status=open").json());
  EXPECT_TRUE(std::any_of(open.begin(), open.end(),
                          [&](const auto &p) { return field(p, "id") == proposal; }));
  expectProblem(wko.patch("/api/v1/proposals/" + proposal, text({{"text", "mine now"}})), 403,
                "forbidden");
  auto moved = wko.patch("/api/v1/proposals/" + proposal, text({{"status", "done"}}));
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_NE(field(moved.json(), "closed_at"), "null");
  open = items(wko.get("/api/v1/proposals?status=open").json());
  EXPECT_TRUE(std::none_of(open.begin(), open.end(),
                           [&](const auto &p) { return field(p, "id") == proposal; }));
  HttpClient astana(server.port());
  ASSERT_EQ(astana.signIn("coordinator.astana@demo.kelisim.kz").status, 200);
  auto done = items(astana.get("/api/v1/proposals?status=done").json());
  EXPECT_TRUE(std::any_of(done.begin(), done.end(),
                          [&](const auto &p) { return field(p, "id") == proposal; }));

  // Outsiders: 404 on the conference, its ICS, its minutes and its proposal.
  expectProblem(psychologist.get("/api/v1/conferences/" + id), 404, "not-found");
  expectProblem(astana.get("/api/v1/conferences/" + id + "/invitation.ics"), 404, "not-found");
  expectProblem(psychologist.request("PUT",
                                     "/api/v1/conferences/" + id + "/agenda/" + item + "/minutes",
                                     text({{"minutes", "x"}})),
                404, "not-found");
  expectProblem(psychologist.patch("/api/v1/proposals/" + proposal, text({{"status", "open"}})),
                404, "not-found");
  expectProblem(HttpClient(server.port()).get("/api/v1/conferences/" + id), 401, "unauthenticated");
}

// A conference scheduled by `moderator` with `invited` specialists, on now; its id.
std::string conferenceNow(Person &moderator, const std::vector<std::string> &invited) {
  const core::Time now =
      std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
  boost::json::object schedule{{"title", "Итоги приёма"}, {"language", "ru"}};
  schedule["starts_at"] = core::toRfc3339(now - 1min);
  schedule["ends_at"] = core::toRfc3339(now + 2h);
  schedule["agenda"] = boost::json::array{boost::json::object{{"title", "Итоги"}}};
  boost::json::array specialists;
  for (const auto &id : invited) specialists.emplace_back(id);
  schedule["specialists"] = specialists;
  auto made = moderator.http.post("/api/v1/conferences", text(schedule));
  EXPECT_EQ(made.status, 201) << made.body;
  return field(made.json(), "id");
}

Json enter(Person &p, const std::string &conference_id) {
  p.ws->send(text({{"type", "conf.enter"}, {"conference_id", conference_id}}));
  return p.await("conf.entered");
}

// The messages a resume after `after` brings, until its `resumed`.
std::vector<Json> resume(Person &p, const std::string &room, std::int64_t after) {
  p.ws->send(text({{"type", "resume"}, {"room_id", room}, {"after_seq", after}}));
  std::vector<Json> out;
  for (;;) {
    auto e = p.ws->readJson(kEventWait);
    if (!e || field(*e, "type") == "resumed") {
      EXPECT_TRUE(e.has_value()) << "no resumed";
      return out;
    }
    if (field(*e, "type") == "message") out.push_back(*e);
    EXPECT_NE(field(*e, "type"), "error") << jsonText(*e);
  }
}

TEST(Conference, TheChatIsForThePeopleInItKeptOncePerClientIdAndThroughAKill9) {
  ServerProcess server(receptionServer());
  auto moderator = staff(server.port(), "mediator@demo.kelisim.kz");
  auto speaker = staff(server.port(), "lawyer@demo.kelisim.kz");
  auto outsider = staff(server.port(), "lawyer.wko@demo.kelisim.kz");
  const auto id = conferenceNow(*moderator, {speaker->id});
  ASSERT_FALSE(id.empty());
  const std::string room = "conf-" + id;
  auto refusal = [](Person &p, const std::string &client_id) {
    return p.await("error", [&](const Json &e) { return field(e, "client_id") == client_id; });
  };

  ASSERT_EQ(field(enter(*moderator, id), "place"), "stage");
  // Not in it (an outsider, or an invited speaker who has not come in): not_found.
  outsider->ws->send(sendEvent(room, "o1", "hello"));
  EXPECT_EQ(field(refusal(*outsider, "o1"), "code"), "not_found");
  speaker->ws->send(sendEvent(room, "s0", "too early"));
  EXPECT_EQ(field(refusal(*speaker, "s0"), "code"), "not_found");
  ASSERT_EQ(field(enter(*speaker, id), "place"), "audience");

  auto ack = moderator->say(room, "m1", "Қош келдіңіздер! Добро пожаловать.");
  ASSERT_FALSE(ack.is_null());
  EXPECT_EQ(field(ack, "message.seq"), "1");
  auto heard = speaker->await("message");
  EXPECT_EQ(field(heard, "message.room_id"), room);
  EXPECT_EQ(field(heard, "message.body"), "Қош келдіңіздер! Добро пожаловать.");
  EXPECT_FALSE(field(heard, "message.sender_name").empty());
  // The same client_id again (a lost ack): the stored message, not a second one.
  auto again = moderator->say(room, "m1", "Қош келдіңіздер! Добро пожаловать.");
  EXPECT_EQ(field(again, "message.seq"), "1");
  auto reply = speaker->say(room, "s1", "Спасибо, всё слышно.");
  EXPECT_EQ(field(reply, "message.seq"), "2");
  EXPECT_EQ(field(moderator->await("message"), "message.seq"), "2");
  // Bad shapes: a code, and the socket stays.
  speaker->ws->send(text({{"type", "send"}, {"room_id", room}, {"client_id", "s2"}}));
  EXPECT_EQ(field(speaker->await("error"), "code"), "invalid_message");
  speaker->ws->send(sendEvent(room, "s3", std::string(4001, 'a')));
  EXPECT_EQ(field(refusal(*speaker, "s3"), "code"), "too_long");

  // A new connection reads nothing until it is in the conference again, then everything.
  speaker->connect();
  speaker->ws->send(text({{"type", "resume"}, {"room_id", room}, {"after_seq", 0}}));
  EXPECT_EQ(field(speaker->await("error"), "code"), "not_found");
  ASSERT_EQ(field(enter(*speaker, id), "place"), "audience");
  EXPECT_EQ(resume(*speaker, room, 0).size(), 2u);
  EXPECT_EQ(resume(*speaker, room, 1).size(), 1u);

  // Acknowledged means kept: a kill -9 loses none of it.
  server.kill9();
  server.start();
  auto back = staff(server.port(), "lawyer@demo.kelisim.kz");
  auto mod_back = staff(server.port(), "mediator@demo.kelisim.kz");
  ASSERT_EQ(field(enter(*mod_back, id), "place"), "stage");
  ASSERT_EQ(field(enter(*back, id), "place"), "audience");
  auto kept = resume(*back, room, 0);
  ASSERT_EQ(kept.size(), 2u);
  EXPECT_EQ(field(kept[1], "message.body"), "Спасибо, всё слышно.");
  EXPECT_TRUE(answersPing(*back->ws));
}

} // namespace
} // namespace kelisim::itest
