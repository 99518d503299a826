// Personal data (issue 8, Law of the RK No. 94-V) over HTTP: the consent text and its version,
// a question erased at its citizen's request, an account deleted, and nobody else's.
#include "reception_helpers.hpp"

namespace kelisim::itest {
namespace {

using namespace reception;

TEST(Privacy, TheConsentTextNamesTheOperatorAndItsVersionIsRecorded) {
  ServerProcess server(receptionServer({"--retention-days", "90", "--operator-name", "Әділет"}));
  const auto demo = demoCentres(server.port());
  HttpClient anyone(server.port());
  auto account = anyone.get("/api/v1/consent", {{"Accept-Language", "kk"}});
  ASSERT_EQ(account.status, 200) << account.body;
  const std::string version = field(account.json(), "version");
  EXPECT_FALSE(version.empty());
  EXPECT_NE(field(account.json(), "text").find("Әділет"), std::string::npos);
  EXPECT_NE(field(account.json(), "text").find("94-V"), std::string::npos);
  EXPECT_NE(field(account.json(), "text").find("90 күн"), std::string::npos);
  EXPECT_EQ(number(account.json(), "retention_days"), 90);
  auto ticket = anyone.get("/api/v1/consent?reception_id=" + demo.astana.event_id,
                           {{"Accept-Language", "ru"}});
  ASSERT_EQ(ticket.status, 200) << ticket.body;
  EXPECT_NE(field(ticket.json(), "text").find("90 дней"), std::string::npos)
      << field(ticket.json(), "text");
  EXPECT_EQ(field(ticket.json(), "text").find("Әділет"), std::string::npos)
      << "a question's operator is the centre that runs the reception";
  expectProblem(anyone.get("/api/v1/consent?reception_id=nope"), 404, "not-found");

  // The version shown is the version stored; an old one is refused with its field named.
  auto body = ticketBody(demo.astana.event_id);
  body["consent_version"] = version;
  auto asked = askAnonymously(server.port(), body, false);
  EXPECT_EQ(field(asked.response.json(), "ticket.consent_version"), version);
  EXPECT_FALSE(field(asked.response.json(), "ticket.consent_at").empty());
  body["consent_version"] = "2001-01-01";
  auto old = anyone.post("/api/v1/tickets", text(body));
  expectProblem(old, 422, "validation-failed");
  EXPECT_EQ(field(fieldError(old, "consent"), "code"), "outdated") << old.body;

  // An account needs consent too.
  auto without = boost::json::parse(signUpBody("no.consent@example.kz", "Steppe-Wind-2026"));
  without.as_object().erase("consent");
  auto refused = anyone.post("/api/v1/auth/sign-up", boost::json::serialize(without));
  expectProblem(refused, 422, "validation-failed");
  EXPECT_FALSE(fieldError(refused, "consent").is_null()) << refused.body;
  HttpClient citizen(server.port());
  ASSERT_EQ(
      citizen.post("/api/v1/auth/sign-up", signUpBody("consent@example.kz", "Steppe-Wind-2026"))
          .status,
      201);
  EXPECT_EQ(field(citizen.get("/api/v1/me").json(), "consent.version"), version);
  // The demo citizen signed up like anyone; staff accounts were never asked.
  HttpClient demo_citizen(server.port());
  EXPECT_EQ(field(signedIn(demo_citizen, "citizen@demo.kelisim.kz"), "consent.version"), version);
  HttpClient lawyer(server.port());
  EXPECT_EQ(field(signedIn(lawyer, "lawyer@demo.kelisim.kz"), "consent"), "null");
}

TEST(Privacy, ACitizenErasesTheirQuestionAndNobodyElseCan) {
  ServerProcess server(receptionServer());
  const auto demo = demoCentres(server.port());
  auto consultation = lawyerConsultation(server.port(), demo);
  ASSERT_FALSE(consultation.room_id.empty());
  HttpClient &guest = consultation.asked.citizen->http;
  HttpClient &lawyer = consultation.lawyer->http;
  const std::string ticket = consultation.asked.ticket_id;
  const std::string erase = "/api/v1/tickets/" + ticket + "/erase";
  ASSERT_EQ(guest
                .post("/api/v1/rooms/" + consultation.room_id + "/messages",
                      text({{"client_id", "m1"}, {"body", "Менің ЖСН 900101300123"}}))
                .status,
            201);
  expectProblem(guest.post(erase, ""), 409, "conflict"); // the consultation is live
  ASSERT_EQ(lawyer
                .post("/api/v1/rooms/" + consultation.room_id + "/close",
                      text({{"outcome", "advice_given"}}))
                .status,
            200);
  // Another citizen, the lawyer and a stranger cannot.
  HttpClient other(server.port());
  signedIn(other, "citizen@demo.kelisim.kz");
  expectProblem(other.post(erase, ""), 404, "not-found");
  expectProblem(lawyer.post(erase, ""), 404, "not-found");
  HttpClient stranger(server.port());
  expectProblem(stranger.post(erase, ""), 401, "unauthenticated");

  auto done = guest.post(erase, "");
  ASSERT_EQ(done.status, 204) << done.body;
  auto t = guest.get("/api/v1/tickets/" + ticket);
  ASSERT_EQ(t.status, 200) << t.body;
  EXPECT_EQ(field(t.json(), "erased"), "true");
  EXPECT_EQ(field(t.json(), "description"), "");
  auto messages = lawyer.get("/api/v1/rooms/" + consultation.room_id + "/transcript");
  EXPECT_EQ(messages.body.find("900101300123"), std::string::npos) << messages.body;
}

TEST(Privacy, ACitizenDeletesTheirAccountStaffCannot) {
  ServerProcess server(receptionServer());
  const auto demo = demoCentres(server.port());
  HttpClient citizen(server.port());
  ASSERT_EQ(
      citizen.post("/api/v1/auth/sign-up", signUpBody("leaving@example.kz", "Steppe-Wind-2026"))
          .status,
      201);
  auto asked = citizen.post("/api/v1/tickets", text(ticketBody(demo.astana.event_id)));
  ASSERT_EQ(asked.status, 201) << asked.body;
  const std::string ticket = field(asked.json(), "ticket.id");

  HttpClient lawyer(server.port());
  signedIn(lawyer, "lawyer@demo.kelisim.kz");
  expectProblem(lawyer.request("DELETE", "/api/v1/me", text({{"password", "x"}})), 403,
                "forbidden");
  auto wrong = citizen.request("DELETE", "/api/v1/me", text({{"password", "Not-It-2026"}}));
  expectProblem(wrong, 422, "validation-failed");
  EXPECT_EQ(field(fieldError(wrong, "password"), "code"), "wrong_password") << wrong.body;

  auto gone = citizen.request("DELETE", "/api/v1/me", text({{"password", "Steppe-Wind-2026"}}));
  ASSERT_EQ(gone.status, 204) << gone.body;
  EXPECT_NE(gone.header("Set-Cookie").find("Max-Age=0"), std::string::npos);
  expectProblem(citizen.get("/api/v1/me"), 401, "unauthenticated");
  HttpClient again(server.port());
  EXPECT_EQ(again.signIn("leaving@example.kz", "Steppe-Wind-2026").status, 401);
  // The coordinator's view keeps the question for the figures, without its text.
  HttpClient coordinator(server.port());
  signedIn(coordinator, "coordinator.astana@demo.kelisim.kz");
  auto seen = coordinator.get("/api/v1/tickets/" + ticket);
  if (seen.status == 200) EXPECT_EQ(field(seen.json(), "description"), "");
}

} // namespace
} // namespace kelisim::itest
