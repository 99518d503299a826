// Who may see and do what in a reception (issue 3), and what bad input gets: another citizen,
// a specialist outside the room and the other centre's coordinator are refused; intake errors
// are localised problem+json with per-field errors; bad, unknown and flooding /ws messages
// get error events on a connection that stays open; attachments are for the room only.
// One server for the suite: a citizen in a room with the lawyer, and a second citizen waiting.
#include "reception_helpers.hpp"

namespace kelisim::itest {
namespace {

using namespace reception;

class ReceptionAccess : public ::testing::Test {
protected:
  struct World {
    std::unique_ptr<ServerProcess> server;
    Demo demo;
    Asked first;  // in room `room_id` with the lawyer
    Asked second; // waiting for a judge
    std::unique_ptr<Person> lawyer;
    std::string room_id;
    std::string note_id;
  };

  static void SetUpTestSuite() {
    w = new World;
    w->server = std::make_unique<ServerProcess>(receptionServer());
    const auto port = w->server->port();
    w->demo = demoCentres(port);
    w->first = askAnonymously(port, ticketBody(w->demo.astana.event_id, {"lawyer"}));
    w->second = askAnonymously(port, ticketBody(w->demo.astana.event_id, {"judge"}));
    w->lawyer = staff(port, "lawyer@demo.kelisim.kz");
    setDuty(*w->lawyer, true);
    auto room = acceptOffer(*w->lawyer, w->first.ticket_id);
    w->room_id = field(room, "id");
    ASSERT_FALSE(w->room_id.empty()) << "no room to test with";
    ASSERT_FALSE(w->first.citizen->say(w->room_id, "first-1", "Здравствуйте").is_null());
    auto note = w->lawyer->http.post("/api/v1/rooms/" + w->room_id + "/notes",
                                     text({{"body", "Похоже на спор о разделе имущества."}}));
    ASSERT_EQ(note.status, 201) << note.body;
    w->note_id = field(note.json(), "id");
  }
  static void TearDownTestSuite() {
    delete w;
    w = nullptr;
  }
  void SetUp() override {
    if (!w || w->room_id.empty()) GTEST_SKIP() << "the suite's set-up failed";
  }

  static unsigned short port() { return w->server->port(); }
  static std::string room(const std::string &rest = "") {
    return "/api/v1/rooms/" + w->room_id + rest;
  }
  static std::unique_ptr<Person> signedInAs(const std::string &email) {
    auto p = std::make_unique<Person>(port());
    signedIn(p->http, email);
    return p;
  }
  // A PNG uploaded into the room by `who`; the attachment's id.
  static std::string uploadPng(Person &who) {
    auto r = who.http.post(room("/attachments?name=scan.png"), tinyPng(),
                           {{"Content-Type", "image/png"}});
    EXPECT_EQ(r.status, 201) << r.body;
    // The doc names the attachment itself; the server (so far) answers the chat message that
    // carries it. Take the id from either, the shape is checked in its own test.
    const std::string top = field(r.json(), "attachment.id");
    return top.empty() || top == "null" ? field(r.json(), "id") : top;
  }

  static World *w;
};
ReceptionAccess::World *ReceptionAccess::w = nullptr;

// ---- other people's things ------------------------------------------------------------

TEST_F(ReceptionAccess, SecondCitizenSeesNothingOfTheFirstCitizens) {
  HttpClient &other = w->second.citizen->http;
  const std::string ticket = "/api/v1/tickets/" + w->first.ticket_id;
  for (const std::string &target :
       {ticket, room(), room("/messages?after=0"), room("/transcript"), room("/notes")}) {
    SCOPED_TRACE(target);
    expectProblem(other.get(target), 404, "not-found");
  }
  for (const std::string &target : {ticket + "/leave", ticket + "/defer", room("/close")}) {
    SCOPED_TRACE(target);
    expectProblem(other.post(target, text({{"outcome", "advice_given"}})), 404, "not-found");
  }
  expectProblem(other.post(ticket + "/feedback", text({{"rating", 1}})), 404, "not-found");
  expectProblem(other.post(room("/messages"), text({{"client_id", "x-1"}, {"body", "Привет"}})),
                404, "not-found");
  // Their own list holds only their own ticket.
  auto mine = other.get("/api/v1/tickets");
  ASSERT_EQ(mine.status, 200);
  ASSERT_EQ(items(mine.json()).size(), 1u) << mine.body;
  EXPECT_EQ(field(items(mine.json())[0], "id"), w->second.ticket_id);
  // Without any session: 401.
  HttpClient nobody(port());
  expectProblem(nobody.get(ticket), 401, "unauthenticated");
  expectProblem(nobody.get(room()), 401, "unauthenticated");
  // The owner is still fine.
  EXPECT_EQ(w->first.citizen->http.get(ticket).status, 200);
  EXPECT_EQ(w->first.citizen->http.get(room("/transcript")).status, 200);
}

TEST_F(ReceptionAccess, SecondCitizenCannotSendIntoTheRoomOverWs) {
  Person &other = *w->second.citizen;
  ASSERT_TRUE(other.ws && other.ws->open());
  ASSERT_TRUE(other.ws->send(sendEvent(w->room_id, "intruder-1", "Я тоже тут")));
  auto error = other.await("error");
  ASSERT_FALSE(error.is_null()) << "no error event for a send into someone else's room";
  EXPECT_EQ(field(error, "code"), "not_found") << jsonText(error);
  EXPECT_EQ(field(error, "client_id"), "intruder-1");
  EXPECT_EQ(field(error, "room_id"), w->room_id) << "which chat the refusal is for";
  EXPECT_FALSE(field(error, "message").empty());
  // Nor resume it, nor mark it read, nor type in it.
  ASSERT_TRUE(
      other.ws->send(text({{"type", "resume"}, {"room_id", w->room_id}, {"after_seq", 0}})));
  auto refused = other.await("error");
  ASSERT_FALSE(refused.is_null()) << "resume of someone else's room was not refused";
  EXPECT_EQ(field(refused, "code"), "not_found");
  EXPECT_TRUE(answersPing(*other.ws)) << "the connection must survive";
  // Nothing of theirs was stored.
  auto all = w->lawyer->http.get(room("/messages?after=0"));
  ASSERT_EQ(all.status, 200) << all.body;
  for (const auto &m : items(all.json())) EXPECT_NE(field(m, "client_id"), "intruder-1");
}

TEST_F(ReceptionAccess, AReturnLinkNeverReplacesAStaffSessionAndAsksBeforeACitizens) {
  const std::string token = field(w->second.response.json(), "link").substr(3);
  ASSERT_EQ(token.size(), 48u) << w->second.response.body;
  // On a specialist's device: refused, and the specialist stays signed in.
  auto specialist = signedInAs("mediator@demo.kelisim.kz");
  auto refused = specialist->http.post("/api/v1/tickets/resume", text({{"token", token}}),
                                       {{"Accept-Language", "ru"}});
  expectProblem(refused, 409, "other-account");
  EXPECT_EQ(field(refused.json(), "errors.0.field"), "token") << refused.body;
  EXPECT_EQ(field(refused.json(), "errors.0.code"), "signed_in_as_staff");
  EXPECT_NE(field(refused.json(), "errors.0.detail").find("сотрудник"), std::string::npos)
      << refused.body;
  refused =
      specialist->http.post("/api/v1/tickets/resume", text({{"token", token}, {"replace", true}}));
  expectProblem(refused, 409, "other-account");
  EXPECT_EQ(field(specialist->http.get("/api/v1/me").json(), "email"), "mediator@demo.kelisim.kz");
  // On another citizen's device: asked first, replaced only when confirmed.
  auto citizen = signedInAs("citizen@demo.kelisim.kz");
  auto asked = citizen->http.post("/api/v1/tickets/resume", text({{"token", token}}));
  expectProblem(asked, 409, "other-account");
  EXPECT_EQ(field(asked.json(), "errors.0.field"), "replace") << asked.body;
  EXPECT_EQ(field(asked.json(), "errors.0.code"), "signed_in_as_other");
  EXPECT_EQ(field(citizen->http.get("/api/v1/me").json(), "email"), "citizen@demo.kelisim.kz");
  auto confirmed =
      citizen->http.post("/api/v1/tickets/resume", text({{"token", token}, {"replace", true}}));
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;
  EXPECT_EQ(field(confirmed.json(), "ticket.id"), w->second.ticket_id);
  EXPECT_EQ(citizen->http.get("/api/v1/tickets/" + w->second.ticket_id).status, 200);
  // The guest's own other device (already the ticket's citizen) is not asked.
  auto again = w->second.citizen->http.post("/api/v1/tickets/resume", text({{"token", token}}));
  EXPECT_EQ(again.status, 200) << again.body;
}

TEST_F(ReceptionAccess, SpecialistOutsideTheRoomSeesNeitherMessagesNorNotes) {
  auto outsider = signedInAs("psychologist.astana@demo.kelisim.kz");
  for (const std::string &target : {room(), room("/messages?after=0"), room("/notes"),
                                    room("/transcript"), "/api/v1/tickets/" + w->first.ticket_id}) {
    SCOPED_TRACE(target);
    expectProblem(outsider->http.get(target), 404, "not-found");
  }
  expectProblem(outsider->http.post(room("/notes"), text({{"body", "Чужая заметка"}})), 404,
                "not-found");
  expectProblem(outsider->http.post(room("/close"), text({{"outcome", "not_resolved"}})), 404,
                "not-found");
  // A specialist of the other centre neither.
  auto far = signedInAs("lawyer.wko@demo.kelisim.kz");
  expectProblem(far->http.get(room("/messages?after=0")), 404, "not-found");
  // The room's own specialist sees the note.
  auto notes = w->lawyer->http.get(room("/notes"));
  ASSERT_EQ(notes.status, 200) << notes.body;
  ASSERT_EQ(items(notes.json()).size(), 1u) << notes.body;
  EXPECT_EQ(field(items(notes.json())[0], "id"), w->note_id);
}

TEST_F(ReceptionAccess, TheCitizenCannotReadNotes) {
  HttpClient &citizen = w->first.citizen->http;
  expectProblem(citizen.get(room("/notes")), 404, "not-found");
  expectProblem(citizen.post(room("/notes"), text({{"body", "Моя заметка"}})), 404, "not-found");
  // Nor close the room: that is a specialist's.
  expectProblem(citizen.post(room("/close"), text({{"outcome", "advice_given"}})), 404,
                "not-found");
  // The transcript carries no notes either.
  auto transcript = citizen.get(room("/transcript"));
  ASSERT_EQ(transcript.status, 200);
  EXPECT_EQ(transcript.body.find("раздела имущества"), std::string::npos) << transcript.body;
}

TEST_F(ReceptionAccess, CoordinatorOfTheOtherCentreIsRefused) {
  auto other = signedInAs("coordinator.wko@demo.kelisim.kz");
  const std::string reception = "/api/v1/receptions/" + w->demo.astana.event_id;
  const std::string organisation = "/api/v1/organisations/" + w->demo.astana.organisation_id;
  for (const std::string &target :
       {reception + "/board", reception + "/figures", reception + "/roster",
        reception + "/consultations.csv", organisation + "/figures",
        organisation + "/consultations.csv", organisation + "/proposals",
        "/api/v1/tickets/" + w->first.ticket_id, room()}) {
    SCOPED_TRACE(target);
    auto r = other->http.get(target);
    EXPECT_TRUE(r.status == 403 || r.status == 404) << r.status << " " << r.body;
    EXPECT_TRUE(r.header("Content-Type").starts_with("application/problem+json"));
  }
  for (const std::string &target :
       {reception + "/close", "/api/v1/tickets/" + w->first.ticket_id + "/reassign"}) {
    SCOPED_TRACE(target);
    auto r = other->http.post(target, text({{"specialist_id", "x"}}));
    EXPECT_TRUE(r.status == 403 || r.status == 404) << r.status << " " << r.body;
  }
  auto roster =
      other->http.request("PUT", reception + "/roster", text({{"items", boost::json::array{}}}));
  EXPECT_TRUE(roster.status == 403 || roster.status == 404) << roster.status << " " << roster.body;
  // Nor watch its board over /ws.
  other->connect();
  ASSERT_TRUE(
      other->ws->send(text({{"type", "watch_board"}, {"reception_id", w->demo.astana.event_id}})));
  auto error = other->await("error");
  ASSERT_FALSE(error.is_null());
  EXPECT_EQ(field(error, "code"), "forbidden") << jsonText(error);
  EXPECT_TRUE(answersPing(*other->ws));
  // Their own centre's coordinator may (and the roster is unchanged).
  auto own = signedInAs("coordinator.astana@demo.kelisim.kz");
  EXPECT_EQ(own->http.get(reception + "/board").status, 200);
  auto shifts = own->http.get(reception + "/roster");
  ASSERT_EQ(shifts.status, 200) << shifts.body;
  EXPECT_GE(items(shifts.json()).size(), 7u) << shifts.body;
  auto open = HttpClient(port()).get(reception);
  EXPECT_EQ(field(open.json(), "status"), "open") << open.body;
}

// ---- intake validation ----------------------------------------------------------------

TEST_F(ReceptionAccess, IntakeErrorsAreLocalisedWithAnErrorPerField) {
  struct Case {
    std::string name;
    std::string field;
    std::function<void(boost::json::object &)> spoil;
  };
  const std::vector<Case> cases = {
      {"consent missing", "consent", [](auto &b) { b.erase("consent"); }},
      {"consent refused", "consent", [](auto &b) { b["consent"] = false; }},
      {"unknown region", "region", [](auto &b) { b["region"] = "KZ-99"; }},
      {"unknown kind", "kinds", [](auto &b) { b["kinds"] = boost::json::array{"astrologer"}; }},
      {"description too long", "description",
       [](auto &b) { b["description"] = std::string(4001, 'a'); }},
      {"phone without contact", "contact", [](auto &b) { b["channel"] = "phone"; }},
  };
  for (const char *language : {"ru", "kk"}) {
    for (const auto &c : cases) {
      SCOPED_TRACE(std::string(language) + ": " + c.name);
      auto body = ticketBody(w->demo.astana.event_id);
      c.spoil(body);
      HttpClient anyone(port());
      anyone.language = language;
      auto r = anyone.post("/api/v1/tickets", text(body));
      expectProblem(r, 422, "validation-failed");
      EXPECT_TRUE(hasCyrillic(field(r.json(), "detail"))) << r.body;
      EXPECT_TRUE(hasCyrillic(field(r.json(), "title"))) << r.body;
      const auto error = fieldError(r, c.field);
      ASSERT_FALSE(error.is_null()) << "no error for " << c.field << ": " << r.body;
      EXPECT_FALSE(field(error, "code").empty()) << r.body;
      EXPECT_TRUE(hasCyrillic(field(error, "detail"))) << r.body;
      EXPECT_FALSE(anyone.cookie("kelisim_session").has_value())
          << "a refused intake must not open a guest session";
    }
  }
  // Russian and Kazakh say it differently.
  auto body = ticketBody(w->demo.astana.event_id);
  body.erase("consent");
  HttpClient ru(port()), kk(port());
  ru.language = "ru";
  kk.language = "kk";
  EXPECT_NE(field(ru.post("/api/v1/tickets", text(body)).json(), "detail"),
            field(kk.post("/api/v1/tickets", text(body)).json(), "detail"));
  // 4000 characters are fine, even when each is two bytes.
  auto longest = ticketBody(w->demo.astana.event_id, {"doctor"});
  std::string cyrillic;
  for (int i = 0; i < 4000; ++i) cyrillic += "ж";
  longest["description"] = cyrillic;
  longest["category"] = "health";
  auto fine = HttpClient(port()).post("/api/v1/tickets", text(longest));
  EXPECT_EQ(fine.status, 201) << fine.body.substr(0, 400);
  // Several problems at once: all reported.
  auto many = ticketBody(w->demo.astana.event_id);
  many["region"] = "KZ-99";
  many["consent"] = false;
  many["channel"] = "phone";
  auto all = HttpClient(port()).post("/api/v1/tickets", text(many));
  expectProblem(all, 422, "validation-failed");
  for (const char *name : {"region", "consent", "contact"})
    EXPECT_FALSE(fieldError(all, name).is_null()) << name << ": " << all.body;
}

// ---- /ws input ------------------------------------------------------------------------

TEST_F(ReceptionAccess, BadWsMessagesGetErrorEventsAndTheConnectionSurvives) {
  // A second connection of the citizen in the room.
  Person citizen(port());
  citizen.http = w->first.citizen->http;
  citizen.connect();
  ASSERT_TRUE(citizen.ws && citizen.ws->open());
  const auto before = items(w->lawyer->http.get(room("/messages?after=0")).json()).size();
  struct Bad {
    std::string name;
    std::string message;
    std::string code; // empty: any code
  };
  const std::vector<Bad> bad = {
      {"body over 4000 characters", sendEvent(w->room_id, "long-1", std::string(4001, 'x')), ""},
      {"body far too big", sendEvent(w->room_id, "long-2", std::string(20000, 'x')),
       "invalid_message"},
      {"client_id over 64", sendEvent(w->room_id, std::string(65, 'c'), "Привет"),
       "invalid_message"},
      {"empty body", sendEvent(w->room_id, "empty-1", ""), "invalid_message"},
      {"no room", text({{"type", "send"}, {"client_id", "x"}, {"body", "Привет"}}),
       "invalid_message"},
      {"body not a string",
       text({{"type", "send"}, {"room_id", w->room_id}, {"client_id", "x"}, {"body", 42}}),
       "invalid_message"},
      {"resume with a negative seq",
       text({{"type", "resume"}, {"room_id", w->room_id}, {"after_seq", -1}}), "invalid_message"},
      {"resume an unknown room", text({{"type", "resume"}, {"room_id", "nope"}, {"after_seq", 0}}),
       "not_found"},
      {"read without seq", text({{"type", "read"}, {"room_id", w->room_id}}), "invalid_message"},
      {"unknown type", text({{"type", "teleport"}, {"room_id", w->room_id}}), "unknown_type"},
      {"not JSON", "{\"type\": \"send\", ", "invalid_message"},
      {"deeply nested", std::string(100, '[') + std::string(100, ']'), "invalid_message"},
  };
  int n = 0;
  for (const auto &b : bad) {
    SCOPED_TRACE(b.name);
    ASSERT_TRUE(citizen.ws->send(b.message));
    auto error = citizen.await("error");
    ASSERT_FALSE(error.is_null()) << "no error event; closed: " << citizen.ws->closed() << " code "
                                  << citizen.ws->closeCode();
    if (!b.code.empty()) {
      EXPECT_EQ(field(error, "code"), b.code) << jsonText(error);
    }
    EXPECT_FALSE(field(error, "message").empty());
    EXPECT_TRUE(answersPing(*citizen.ws, "after-" + std::to_string(n++)))
        << "the connection stopped answering";
  }
  const auto after = items(w->lawyer->http.get(room("/messages?after=0")).json()).size();
  EXPECT_EQ(after, before) << "a refused message was stored";
}

TEST_F(ReceptionAccess, AWsFloodIsRateLimitedAndSurvives) {
  auto flooder = signedInAs("citizen@demo.kelisim.kz");
  flooder->connect();
  ASSERT_TRUE(flooder->ws && flooder->ws->open());
  constexpr int kSent = 200;
  for (int i = 0; i < kSent; ++i)
    ASSERT_TRUE(flooder->ws->send(text({{"type", "ping"}, {"id", i}}))) << "write " << i;
  int pongs = 0, limited = 0;
  for (int answered = 0; answered < kSent;) {
    auto e = flooder->ws->readJson(kEventWait);
    ASSERT_TRUE(e.has_value()) << "the flood closed the connection after " << answered;
    const std::string type = field(*e, "type");
    if (type == "pong") {
      ++pongs;
      ++answered;
    } else if (type == "error") {
      EXPECT_EQ(field(*e, "code"), "too_many_messages") << jsonText(*e);
      ++limited;
      ++answered;
    }
  }
  EXPECT_GT(pongs, 0);
  EXPECT_GT(limited, 0) << "200 messages at once were not rate-limited";
  // It carries on: once the budget refills, pings are answered again.
  bool answered = false;
  for (int attempt = 0; attempt < 400 && !answered; ++attempt) {
    ASSERT_TRUE(flooder->ws->send(text({{"type", "ping"}, {"id", "again"}})));
    auto e = flooder->ws->readJson(kEventWait);
    ASSERT_TRUE(e.has_value()) << "closed after the flood";
    answered = field(*e, "type") == "pong";
    if (!answered) std::this_thread::sleep_for(50ms);
  }
  EXPECT_TRUE(answered) << "the connection never answered a ping again";
}

// ---- attachments ----------------------------------------------------------------------

TEST_F(ReceptionAccess, AttachmentsAreForTheRoomsMembersOnly) {
  const std::string id = uploadPng(*w->lawyer);
  ASSERT_FALSE(id.empty());
  const std::string target = "/api/v1/attachments/" + id;
  auto got = w->first.citizen->http.get(target);
  ASSERT_EQ(got.status, 200) << got.body;
  EXPECT_EQ(got.body, tinyPng());
  EXPECT_EQ(got.header("Content-Type"), "image/png");
  EXPECT_NE(got.header("Content-Disposition").find("scan.png"), std::string::npos);
  EXPECT_EQ(w->lawyer->http.get(target).status, 200);
  // The citizen may attach too.
  EXPECT_FALSE(uploadPng(*w->first.citizen).empty());
  // Nobody else.
  expectProblem(w->second.citizen->http.get(target), 404, "not-found");
  auto outsider = signedInAs("psychologist.astana@demo.kelisim.kz");
  expectProblem(outsider->http.get(target), 404, "not-found");
  expectProblem(HttpClient(port()).get(target), 401, "unauthenticated");
  // Nor upload into the room.
  auto foreign = w->second.citizen->http.post(room("/attachments?name=x.png"), tinyPng(),
                                              {{"Content-Type", "image/png"}});
  expectProblem(foreign, 404, "not-found");
  // It shows in the room as an attachment message.
  auto all = w->lawyer->http.get(room("/messages?after=0"));
  bool listed = false;
  for (const auto &m : items(all.json()))
    if (field(m, "attachment.id") == id) listed = field(m, "kind") == "attachment";
  EXPECT_TRUE(listed) << all.body;
}

TEST_F(ReceptionAccess, AnUnsupportedFileTypeIsAFieldError) {
  HttpClient citizen = w->first.citizen->http;
  citizen.language = "ru";
  auto r = citizen.post(room("/attachments?name=page.html"), "<html><body>страница</body></html>",
                        {{"Content-Type", "text/html"}});
  expectProblem(r, 422, "validation-failed");
  const auto error = fieldError(r, "file");
  ASSERT_FALSE(error.is_null()) << r.body;
  EXPECT_EQ(field(error, "code"), "unsupported_type") << r.body;
  EXPECT_TRUE(hasCyrillic(field(error, "detail"))) << r.body;
  // With no Content-Type the content decides: a program is refused the same way.
  auto none = citizen.post(room("/attachments?name=blob"), std::string("MZ\x90\x00\x03", 5),
                           {{"Content-Type", ""}});
  EXPECT_EQ(none.status, 422) << none.body;
}

TEST_F(ReceptionAccess, AnAttachmentOver10MiBIs413) {
  // Announced by its Content-Length: refused before any of the body is sent, so the answer
  // cannot be lost to a connection closed while the client is still writing.
  const std::string request =
      "POST " + room("/attachments?name=big.pdf") +
      " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port()) +
      "\r\nCookie: " + w->lawyer->http.cookieHeader() +
      "\r\nX-CSRF-Token: " + w->lawyer->http.cookie("kelisim_csrf").value_or("") +
      "\r\nContent-Type: application/pdf\r\nAccept-Language: ru\r\nContent-Length: " +
      std::to_string(11u << 20) + "\r\n\r\n";
  const std::string answer = rawExchange(port(), request);
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 413")) << answer.substr(0, 300);
  EXPECT_NE(answer.find("application/problem+json"), std::string::npos) << answer.substr(0, 300);
  EXPECT_NE(answer.find("payload-too-large"), std::string::npos) << answer.substr(0, 600);
  EXPECT_EQ(HttpClient(port()).get("/healthz").status, 200);
}

TEST_F(ReceptionAccess, AttachmentsUpTo10MiBAreAccepted) {
  auto pdf = [](std::size_t size) {
    std::string bytes = "%PDF-1.7\n";
    bytes.resize(size, 'x');
    return bytes;
  };
  auto two = w->lawyer->http.post(room("/attachments?name=two.pdf"), pdf(2u << 20),
                                  {{"Content-Type", "application/pdf"}});
  EXPECT_EQ(two.status, 201) << two.error << two.body.substr(0, 300);
  auto fits = w->lawyer->http.post(room("/attachments?name=fits.pdf"), pdf(10u << 20),
                                   {{"Content-Type", "application/pdf"}});
  EXPECT_EQ(fits.status, 201) << fits.error << fits.body.substr(0, 300);
  // One byte more, sent in full, is a 413 (answered on the header, the rest dropped).
  auto over = w->lawyer->http.post(room("/attachments?name=over.pdf"), pdf((10u << 20) + 1),
                                   {{"Content-Type", "application/pdf"}});
  EXPECT_EQ(over.status, 413) << over.error << over.body.substr(0, 300);
  EXPECT_EQ(HttpClient(port()).get("/healthz").status, 200);
}

TEST_F(ReceptionAccess, UploadAnswersTheAttachmentAsDocumented) {
  auto r = w->lawyer->http.post(room("/attachments?name=photo.png"), tinyPng(),
                                {{"Content-Type", "image/png"}});
  ASSERT_EQ(r.status, 201) << r.body;
  const auto body = r.json();
  EXPECT_EQ(field(body, "file_name"), "photo.png") << r.body;
  EXPECT_EQ(field(body, "content_type"), "image/png") << r.body;
  EXPECT_EQ(number(body, "size"), static_cast<double>(tinyPng().size())) << r.body;
  EXPECT_EQ(HttpClient(w->lawyer->http).get("/api/v1/attachments/" + field(body, "id")).status, 200)
      << "the answered id must be the attachment's";
}

} // namespace
} // namespace kelisim::itest
