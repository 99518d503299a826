// Mail end to end: a real `kelisim serve` sends through libcurl to a real SMTP server
// (Debian's python3-aiosmtpd, started here into a Maildir), and the tests read what
// arrived: staff invitations, password resets, a guest's return link, a reminder with its
// ICS invitation; deactivation that ends a specialist's desk at once; and a mail committed
// before a kill -9 that still goes out after the restart.
#include "reception_helpers.hpp"
#include "smtp_sink.hpp"

#include "core/time.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

namespace kelisim::itest {
namespace {

namespace fs = std::filesystem;
using namespace reception;

std::string linkSecret(const std::string &text) {
  const auto at = text.find("/set-password#");
  if (at == std::string::npos) return "";
  const auto start = at + std::string("/set-password#").size();
  auto end = start;
  while (end < text.size() && std::isalnum(static_cast<unsigned char>(text[end]))) ++end;
  return text.substr(start, end - start);
}

ServerOptions mailServer(const SmtpSink &smtp, std::vector<std::string> extra = {}) {
  std::vector<std::string> args{"--smtp-url", smtp.url(),    "--mail-poll-ms",
                                "100",        "--mail-from", "reception@kelisim.example.kz"};
  args.insert(args.end(), extra.begin(), extra.end());
  return receptionServer(args);
}

struct Mail : ::testing::Test {
  SmtpSink smtp;
};

TEST_F(Mail, AnInvitationArrivesInKazakhAndItsLinkSetsThePasswordOnce) {
  ASSERT_TRUE(smtp.ready());
  ServerProcess server(mailServer(smtp));
  HttpClient coordinator(server.port());
  ASSERT_EQ(coordinator.signIn("coordinator.wko@demo.kelisim.kz").status, 200);
  const std::string invite = text({{"email", "Aliya.N@example.kz"},
                                   {"display_name", "Әлия Нұрланқызы"},
                                   {"role", "specialist"},
                                   {"kinds", boost::json::array{"mediator"}},
                                   {"language", "kk"},
                                   {"languages", boost::json::array{"kk", "ru"}},
                                   {"capacity", 2}});
  auto created = coordinator.post("/api/v1/users", invite);
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(field(created.json(), "status"), "invited");
  EXPECT_EQ(field(created.json(), "capacity"), "2");
  // A password typed by someone else is not taken.
  auto typed = coordinator.post("/api/v1/users", text({{"email", "x@example.kz"},
                                                       {"display_name", "X"},
                                                       {"role", "coordinator"},
                                                       {"password", "chosen-by-boss-1"}}));
  expectProblem(typed, 422, "validation-failed");

  auto mail = smtp.await("aliya.n@example.kz");
  ASSERT_TRUE(mail) << "no invitation arrived; server log:\n" << server.log();
  EXPECT_NE(mail->subject.find("Kelisim"), std::string::npos);
  EXPECT_TRUE(hasCyrillic(mail->subject)) << "in the invitee's language: " << mail->subject;
  EXPECT_NE(mail->text.find("Сәлеметсіз бе, Әлия Нұрланқызы!"), std::string::npos) << mail->text;
  EXPECT_NE(mail->text.find("Ержан Мұхамбетов"), std::string::npos) << "who invited them";
  const std::string secret = linkSecret(mail->text);
  ASSERT_FALSE(secret.empty()) << mail->text;
  EXPECT_EQ(server.log().find(secret), std::string::npos) << "a link's secret was logged";

  HttpClient invitee(server.port());
  auto info = invitee.post("/api/v1/auth/account-link", text({{"token", secret}}));
  ASSERT_EQ(info.status, 200) << info.body;
  EXPECT_EQ(field(info.json(), "purpose"), "invitation");
  EXPECT_EQ(field(info.json(), "email"), "aliya.n@example.kz");
  auto set = invitee.post("/api/v1/auth/set-password",
                          text({{"token", secret}, {"password", "менің-құпиям-2026"}}));
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(field(set.json(), "user.status"), "active");
  EXPECT_EQ(invitee.get("/api/v1/me").status, 200);
  HttpClient again(server.port());
  again.language = "kk";
  expectProblem(again.post("/api/v1/auth/set-password",
                           text({{"token", secret}, {"password", "басқа-құпия-2026"}})),
                410, "link-expired");
  EXPECT_EQ(again.signIn("aliya.n@example.kz", "менің-құпиям-2026").status, 200);
}

TEST_F(Mail, ADeactivatedSpecialistsDeskStopsAtOnce) {
  ServerProcess server(mailServer(smtp));
  auto coordinator = staff(server.port(), "coordinator.wko@demo.kelisim.kz");
  auto mediator = staff(server.port(), "mediator@demo.kelisim.kz");
  setDuty(*mediator, true);
  const std::string id = mediator->id;

  auto off = coordinator->http.post("/api/v1/users/" + id + "/deactivate", "");
  ASSERT_EQ(off.status, 200) << off.body;
  EXPECT_EQ(field(off.json(), "status"), "deactivated");
  // The open desk's socket ends, its session is gone, and signing in is refused in words.
  for (int i = 0; i < 200 && !mediator->ws->closed(); ++i) mediator->ws->read(100ms);
  EXPECT_TRUE(mediator->ws->closed()) << "the desk's live connection stayed open";
  expectProblem(mediator->http.get("/api/v1/desk"), 401, "unauthenticated");
  expectLocalisedProblem(HttpClient(server.port()), 403, "account-deactivated", [](HttpClient &c) {
    return c.post("/api/v1/auth/sign-in",
                  text({{"email", "mediator@demo.kelisim.kz"}, {"password", kDemoPassword}}));
  });
  // Nobody is offered to them while they are away.
  const auto users = coordinator->http.get("/api/v1/users").json();
  for (const auto &u : items(users)) {
    if (field(u, "id") == id) {
      EXPECT_EQ(field(u, "status"), "deactivated");
    }
  }

  // Not oneself; not by someone of another centre.
  expectProblem(coordinator->http.post("/api/v1/users/" + coordinator->id + "/deactivate", ""), 422,
                "validation-failed");
  HttpClient astana(server.port());
  ASSERT_EQ(astana.signIn("coordinator.astana@demo.kelisim.kz").status, 200);
  expectProblem(astana.post("/api/v1/users/" + id + "/reactivate", ""), 404, "not-found");

  ASSERT_EQ(coordinator->http.post("/api/v1/users/" + id + "/reactivate", "").status, 200);
  EXPECT_EQ(HttpClient(server.port()).signIn("mediator@demo.kelisim.kz").status, 200);
}

TEST_F(Mail, AForgottenPasswordIsResetByMailAndNobodyLearnsWhoExists) {
  ServerProcess server(mailServer(smtp));
  HttpClient old_device(server.port());
  ASSERT_EQ(old_device.signIn("citizen@demo.kelisim.kz").status, 200);
  HttpClient anyone(server.port());
  anyone.language = "ru";
  auto real =
      anyone.post("/api/v1/auth/password-reset", text({{"email", "citizen@demo.kelisim.kz"}}));
  auto fake = anyone.post("/api/v1/auth/password-reset", text({{"email", "nobody@example.kz"}}));
  EXPECT_EQ(real.status, 202) << real.body;
  EXPECT_EQ(real.status, fake.status);
  EXPECT_EQ(real.body, fake.body);

  auto mail = smtp.await("citizen@demo.kelisim.kz");
  ASSERT_TRUE(mail) << server.log();
  const std::string secret = linkSecret(mail->text);
  ASSERT_FALSE(secret.empty()) << mail->text;
  auto set = anyone.post("/api/v1/auth/set-password",
                         text({{"token", secret}, {"password", "новый-пароль-2026"}}));
  ASSERT_EQ(set.status, 200) << set.body;
  expectProblem(old_device.get("/api/v1/me"), 401, "unauthenticated");
  EXPECT_EQ(HttpClient(server.port()).signIn("citizen@demo.kelisim.kz", "новый-пароль-2026").status,
            200);
  std::this_thread::sleep_for(500ms);
  for (const auto &m : smtp.all()) EXPECT_EQ(m.to.find("nobody@"), std::string::npos);
}

TEST_F(Mail, AGuestGetsTheWayBackAndAReminderWithACalendarInvitation) {
  ServerProcess server(mailServer(smtp, {"--reminder-minutes", "10080"}));
  HttpClient coordinator(server.port());
  ASSERT_EQ(coordinator.signIn("coordinator.astana@demo.kelisim.kz").status, 200);
  const core::Time now =
      std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
  const core::Time start = std::chrono::floor<std::chrono::hours>(now) + std::chrono::hours(26);
  const auto iso = [](core::Time t) { return core::toRfc3339(t); };
  auto reception =
      coordinator.post("/api/v1/receptions", text({{"title",
                                                    {{"kk", "Отбасы дауы: алимент"},
                                                     {"ru", "Семейные споры: алименты"},
                                                     {"en", "Family disputes: alimony"}}},
                                                   {"starts_at", iso(start)},
                                                   {"ends_at", iso(start + std::chrono::hours(3))},
                                                   {"categories", boost::json::array{"family"}},
                                                   {"channels", boost::json::array{"chat"}},
                                                   {"slot_minutes", 20}}));
  ASSERT_EQ(reception.status, 201) << reception.body;
  const std::string reception_id = field(reception.json(), "id");
  auto slots = HttpClient(server.port()).get("/api/v1/receptions/" + reception_id + "/slots");
  ASSERT_EQ(slots.status, 200) << slots.body;
  const std::string slot_at = field(items(slots.json()).at(1), "at");
  ASSERT_FALSE(slot_at.empty()) << slots.body;

  auto body = ticketBody(reception_id);
  body["contact"] = "Guest.Citizen@example.kz";
  body["slot_at"] = slot_at;
  auto asked = askAnonymously(server.port(), body, false);
  ASSERT_EQ(asked.response.status, 201);

  auto back = smtp.await("guest.citizen@example.kz", "Семейные споры");
  ASSERT_TRUE(back) << server.log();
  const auto link_at = back->text.find("/t/");
  ASSERT_NE(link_at, std::string::npos) << back->text;
  const std::string token = back->text.substr(link_at + 3, 48);
  HttpClient later(server.port());
  auto resumed = later.post("/api/v1/tickets/resume", text({{"token", token}}));
  EXPECT_EQ(resumed.status, 200) << resumed.body;
  EXPECT_EQ(field(resumed.json(), "ticket.id"), asked.ticket_id);

  auto reminder = smtp.await("guest.citizen@example.kz", "Напоминание");
  ASSERT_TRUE(reminder) << server.log();
  ASSERT_FALSE(reminder->calendar.empty()) << reminder->raw;
  EXPECT_NE(reminder->calendar.find("BEGIN:VEVENT"), std::string::npos);
  EXPECT_NE(reminder->calendar.find("DTSTART;TZID=Asia/Almaty:"), std::string::npos);
  EXPECT_NE(reminder->calendar.find("UID:" + asked.ticket_id + "@kelisim"), std::string::npos);
  EXPECT_NE(reminder->text.find("/t/" + token), std::string::npos);
}

TEST(MailOutbox, AMailAcknowledgedBeforeAKill9StillGoesOut) {
  const unsigned short smtp_port = freePort();
  // First life: the outbox is not looked at before the crash.
  ServerOptions options = receptionServer(
      {"--smtp-url", "smtp://127.0.0.1:" + std::to_string(smtp_port), "--mail-poll-ms", "600000"});
  ServerProcess server(options);
  HttpClient anyone(server.port());
  ASSERT_EQ(anyone.post("/api/v1/auth/password-reset", text({{"email", "lawyer@demo.kelisim.kz"}}))
                .status,
            202);
  server.kill9();
  SmtpSink smtp(smtp_port);
  ASSERT_TRUE(smtp.ready());
  // Second life, on the same database: the mail goes out.
  server.setServeArgs(
      receptionServer({"--smtp-url", smtp.url(), "--mail-poll-ms", "100"}).serve_args);
  server.start();
  EXPECT_TRUE(smtp.await("lawyer@demo.kelisim.kz").has_value()) << server.log();
}

} // namespace
} // namespace kelisim::itest
