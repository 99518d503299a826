// Mail end to end: a real `kelisim serve` sends through libcurl to a real SMTP server
// (Debian's python3-aiosmtpd, started here into a Maildir), and the tests read what
// arrived: staff invitations, password resets, a guest's return link, a reminder with its
// ICS invitation; deactivation that ends a specialist's desk at once; and a mail committed
// before a kill -9 that still goes out after the restart.
#include "reception_helpers.hpp"

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

unsigned short freePort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr *>(&a), sizeof a);
  socklen_t len = sizeof a;
  ::getsockname(fd, reinterpret_cast<sockaddr *>(&a), &len);
  ::close(fd);
  return ntohs(a.sin_port);
}

bool accepts(unsigned short port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr *>(&a), sizeof a) == 0;
  ::close(fd);
  return ok;
}

// One received mail: its headers as sent, and its parts' texts decoded.
struct Received {
  std::string raw;
  std::string to;
  std::string subject;  // RFC 2047 words decoded
  std::string text;     // the text/plain part, decoded
  std::string calendar; // the text/calendar part, decoded ("" if none)
};

std::string decodeBase64(std::string_view in) {
  static const std::string kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : in) {
    const auto at = kAlphabet.find(c);
    if (at == std::string::npos) continue;
    buffer = (buffer << 6) | static_cast<unsigned>(at);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

std::string header(const std::string &head, const std::string &name) {
  std::istringstream lines(head);
  std::string line, value;
  bool in = false;
  while (std::getline(lines, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (in && !line.empty() && (line[0] == ' ' || line[0] == '\t')) {
      value += line.substr(1);
      continue;
    }
    if (in) break;
    if (line.rfind(name + ": ", 0) == 0) {
      value = line.substr(name.size() + 2);
      in = true;
    }
  }
  return value;
}

std::string decodeWords(const std::string &value) {
  std::string out;
  std::size_t i = 0;
  while (i < value.size()) {
    const auto start = value.find("=?UTF-8?B?", i);
    if (start == std::string::npos) {
      out += value.substr(i);
      break;
    }
    const auto end = value.find("?=", start + 10);
    out += decodeBase64(value.substr(start + 10, end - start - 10));
    i = end + 2;
  }
  return out;
}

Received parse(const std::string &raw) {
  Received r;
  r.raw = raw;
  const auto split = raw.find("\n\n");
  const std::string head = raw.substr(0, split);
  const std::string body = raw.substr(split + 2);
  r.to = header(head, "To");
  r.subject = decodeWords(header(head, "Subject"));
  const std::string type = header(head, "Content-Type");
  if (type.find("multipart/") == std::string::npos) {
    r.text = decodeBase64(body);
    return r;
  }
  const auto b = type.find("boundary=\"");
  const std::string boundary = "--" + type.substr(b + 10, type.find('"', b + 10) - b - 10);
  std::size_t at = body.find(boundary);
  while (at != std::string::npos) {
    const auto next = body.find(boundary, at + boundary.size());
    if (next == std::string::npos) break;
    const std::string part = body.substr(at + boundary.size(), next - at - boundary.size());
    const auto part_split = part.find("\n\n");
    const std::string decoded = decodeBase64(part.substr(part_split + 2));
    if (part.find("text/calendar") != std::string::npos && part.find("text/calendar") < part_split)
      r.calendar = decoded;
    else
      r.text = decoded;
    at = next;
  }
  return r;
}

// python3 -m aiosmtpd with the Mailbox handler: every mail a file in <dir>/new.
class SmtpSink {
public:
  explicit SmtpSink(unsigned short port = 0) : port_(port ? port : freePort()) {
    char pattern[] = "/tmp/kelisim-smtp-XXXXXX";
    dir_ = ::mkdtemp(pattern);
    const std::string listen = "127.0.0.1:" + std::to_string(port_);
    const std::string maildir = (dir_ / "maildir").string();
    pid_ = ::fork();
    if (pid_ == 0) {
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);
      const int null_fd = ::open("/dev/null", O_RDWR);
      ::dup2(null_fd, 0);
      ::dup2(null_fd, 1);
      ::execl("/usr/bin/python3", "python3", "-m", "aiosmtpd", "-n", "-l", listen.c_str(), "-c",
              "aiosmtpd.handlers.Mailbox", maildir.c_str(), static_cast<char *>(nullptr));
      ::_exit(127);
    }
    for (int i = 0; i < 200 && !accepts(port_); ++i) std::this_thread::sleep_for(50ms);
  }
  ~SmtpSink() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  bool ready() const { return accepts(port_); }
  unsigned short port() const { return port_; }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }

  std::vector<Received> all() const {
    std::vector<Received> out;
    std::error_code ec;
    const auto fresh = dir_ / "maildir" / "new";
    if (!fs::exists(fresh, ec)) return out;
    for (const auto &f : fs::directory_iterator(fresh, ec)) {
      std::ifstream in(f.path(), std::ios::binary);
      std::stringstream s;
      s << in.rdbuf();
      out.push_back(parse(s.str()));
    }
    return out;
  }
  // The first mail to `to` whose subject contains `subject_part`, waiting up to 20 s.
  std::optional<Received> await(const std::string &to, const std::string &subject_part = "") {
    for (int i = 0; i < 400; ++i) {
      for (auto &m : all())
        if (m.to.find(to) != std::string::npos && m.subject.find(subject_part) != std::string::npos)
          return m;
      std::this_thread::sleep_for(50ms);
    }
    return std::nullopt;
  }

private:
  unsigned short port_;
  fs::path dir_;
  pid_t pid_ = -1;
};

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
