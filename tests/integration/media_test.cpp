// The media engine as `kelisim serve` runs it: Janus and coturn started as children from
// configs under data_dir/media, shown in /readyz and /metrics, restarted after a kill -9;
// TURN credentials for signed-in people only; the echo test's signalling over /ws, answered
// by the real Janus 1.1.2 (a browser test does the media, web/e2e/media).
#include "media_offer.hpp"
#include "reception_helpers.hpp"
#include "test_helpers.hpp"

#include <csignal>
#include <fstream>

namespace kelisim::itest {
namespace {

using namespace reception;

// The pids of the programs whose command line mentions `needle` (the server's data dir).
std::vector<pid_t> processesWith(const std::string &program, const std::string &needle) {
  std::vector<pid_t> found;
  for (const auto &entry : std::filesystem::directory_iterator("/proc")) {
    const auto name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream in(entry.path() / "cmdline");
    std::string cmdline((std::istreambuf_iterator<char>(in)), {});
    std::replace(cmdline.begin(), cmdline.end(), '\0', ' ');
    if (cmdline.starts_with(program) && cmdline.find(needle) != std::string::npos)
      found.push_back(static_cast<pid_t>(std::stoi(name)));
  }
  return found;
}

class Media : public ::testing::Test {
protected:
  void SetUp() override {
    // Each test has its own server: ports of its own, since ctest runs two at once.
    std::random_device rd;
    turn_port = 30000 + static_cast<int>(rd() % 9000);
    const int rtp = 20000 + static_cast<int>(rd() % 90) * 100;
    auto options =
        relaxed({"--media-rtp-ports", std::to_string(rtp) + "-" + std::to_string(rtp + 99),
                 "--media-turn-port", std::to_string(turn_port)});
    options.media_engine = "spawn";
    server = std::make_unique<ServerProcess>(options);
    data_dir = (server->dir() / "data").string();
    ASSERT_TRUE(waitForJanus("up")) << server->log();
  }

  bool waitForJanus(const std::string &state, std::chrono::seconds limit = 15s) {
    HttpClient probe(server->port());
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
      if (field(probe.get("/readyz").json(), "media.janus") == state) return true;
      std::this_thread::sleep_for(100ms);
    }
    return false;
  }

  std::unique_ptr<WsClient> socketOf(HttpClient &c) {
    Headers h{{"Cookie", c.cookieHeader()},
              {"Origin", "http://127.0.0.1:" + std::to_string(server->port())}};
    auto ws = std::make_unique<WsClient>(server->port(), h);
    EXPECT_TRUE(ws->open());
    auto hello = ws->readJson();
    EXPECT_TRUE(hello && field(*hello, "type") == "hello");
    return ws;
  }

  // The next event of `type` (others are skipped).
  static std::optional<boost::json::value> next(WsClient &ws, const std::string &type,
                                                std::chrono::milliseconds wait = 10s) {
    const auto deadline = std::chrono::steady_clock::now() + wait;
    while (std::chrono::steady_clock::now() < deadline) {
      auto e = ws.readJson(std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now()));
      if (!e) return std::nullopt;
      if (field(*e, "type") == type) return e;
    }
    return std::nullopt;
  }

  static std::string offerMessage(const std::string &sdp) {
    return jsonText(boost::json::object{{"type", "echo.offer"}, {"sdp", sdp}});
  }

  int metric(const std::string &name) {
    HttpClient probe(server->port());
    const auto text = probe.get("/metrics").body;
    const auto at = text.find("\n" + name + " ");
    return at == std::string::npos ? -1 : std::stoi(text.substr(at + name.size() + 2));
  }

  int turn_port = 0;
  std::string data_dir;
  std::unique_ptr<ServerProcess> server;
};

TEST_F(Media, JanusAndCoturnRunAsChildrenFromOurOwnConfigs) {
  HttpClient probe(server->port());
  const auto ready = probe.get("/readyz").json();
  EXPECT_EQ(field(ready, "media.mode"), "spawn");
  EXPECT_EQ(field(ready, "media.janus_process"), "running");
  EXPECT_EQ(field(ready, "media.turn_process"), "running");
  EXPECT_EQ(metric("kelisim_media_engine_up"), 1);
  EXPECT_EQ(processesWith("/usr/bin/janus", data_dir + "/media/janus/janus.jcfg").size(), 1u);
  EXPECT_EQ(processesWith("/usr/bin/turnserver", data_dir + "/media/turnserver.conf").size(), 1u);
  // Only the Unix socket: Janus's HTTP and WebSocket transports are not loaded.
  std::ifstream log(data_dir + "/media/janus.log");
  const std::string text((std::istreambuf_iterator<char>(log)), {});
  EXPECT_NE(text.find("libjanus_pfunix.so"), std::string::npos) << text;
  EXPECT_EQ(text.find("libjanus_http.so"), std::string::npos) << text;
  EXPECT_EQ(text.find("libjanus_websockets.so"), std::string::npos) << text;
  // SIGTERM stops them with the server.
  EXPECT_EQ(server->stop().code, 0);
  EXPECT_TRUE(processesWith("/usr/bin/janus", data_dir).empty());
  EXPECT_TRUE(processesWith("/usr/bin/turnserver", data_dir).empty());
}

// A server killed hard takes its children with it at once (no orphan keeps Janus's socket,
// the RTP ports or the TURN port), and the server started again runs its own.
TEST_F(Media, AServerKilledHardTakesJanusAndCoturnWithItAtOnce) {
  HttpClient citizen(server->port());
  signedIn(citizen, "citizen@demo.kelisim.kz");
  auto ws = socketOf(citizen);
  ws->send(offerMessage(kOffer));
  ASSERT_TRUE(next(*ws, "echo.answer")); // Janus holds a session and a handle
  ASSERT_EQ(processesWith("/usr/bin/janus", data_dir).size(), 1u);
  server->kill9();
  const auto deadline = std::chrono::steady_clock::now() + 1s;
  while (std::chrono::steady_clock::now() < deadline &&
         !(processesWith("/usr/bin/janus", data_dir).empty() &&
           processesWith("/usr/bin/turnserver", data_dir).empty()))
    std::this_thread::sleep_for(20ms);
  EXPECT_TRUE(processesWith("/usr/bin/janus", data_dir).empty());
  EXPECT_TRUE(processesWith("/usr/bin/turnserver", data_dir).empty());
  server->start();
  ASSERT_TRUE(waitForJanus("up", 20s)) << server->log();
  EXPECT_EQ(processesWith("/usr/bin/janus", data_dir).size(), 1u);
}

TEST_F(Media, TurnCredentialsOnlyForSignedInPeople) {
  HttpClient anonymous(server->port());
  expectProblem(anonymous.get("/api/v1/media"), 401, "unauthenticated");
  HttpClient citizen(server->port());
  const auto me = signedIn(citizen, "citizen@demo.kelisim.kz");
  const auto info = citizen.get("/api/v1/media").json();
  EXPECT_EQ(field(info, "calls"), "true") << jsonText(info);
  EXPECT_EQ(field(info, "ice_servers.0.urls.0"),
            "turn:127.0.0.1:" + std::to_string(turn_port) + "?transport=udp");
  EXPECT_EQ(field(info, "ice_servers.0.urls.1"),
            "turn:127.0.0.1:" + std::to_string(turn_port) + "?transport=tcp");
  const auto user = field(info, "ice_servers.0.username");
  const auto expiry = std::stoll(user.substr(0, user.find(':')));
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  EXPECT_NEAR(static_cast<double>(expiry - now), 14400.0, 60.0);
  EXPECT_EQ(user.substr(user.find(':') + 1), field(me, "id"));
  EXPECT_FALSE(field(info, "ice_servers.0.credential").empty());
}

TEST_F(Media, JanusAnswersTheEchoOfferAndTheHandleEndsWithTheConnection) {
  HttpClient citizen(server->port());
  signedIn(citizen, "citizen@demo.kelisim.kz");
  {
    auto ws = socketOf(citizen);
    ws->send(offerMessage(kOffer));
    auto answer = next(*ws, "echo.answer");
    ASSERT_TRUE(answer) << server->log();
    const auto sdp = field(*answer, "sdp");
    EXPECT_NE(sdp.find("m=audio"), std::string::npos) << sdp;
    EXPECT_NE(sdp.find("a=fingerprint:sha-256"), std::string::npos) << sdp;
    EXPECT_EQ(metric("kelisim_media_handles"), 1);
    ws->send(R"({"type":"echo.candidate","completed":true})");
  }
  // The connection closed: its handle is detached.
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (metric("kelisim_media_handles") != 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(50ms);
  EXPECT_EQ(metric("kelisim_media_handles"), 0);
}

TEST_F(Media, BadSignallingIsRefusedAndTheConnectionStays) {
  HttpClient citizen(server->port());
  signedIn(citizen, "citizen@demo.kelisim.kz");
  auto ws = socketOf(citizen);
  ws->send(offerMessage("not an sdp"));
  auto refused = next(*ws, "error");
  ASSERT_TRUE(refused);
  EXPECT_EQ(field(*refused, "scope"), "echo");
  EXPECT_EQ(field(*refused, "code"), "invalid_format");
  ws->send(offerMessage(kOffer + std::string(8000, 'x')));
  refused = next(*ws, "error");
  ASSERT_TRUE(refused);
  EXPECT_EQ(field(*refused, "code"), "too_long");
  // Candidates for an echo test this connection does not have.
  ws->send(
      R"({"type":"echo.candidate","candidate":{"candidate":"candidate:1 1 udp 1 10.0.0.9 9 typ host","sdpMid":"0","sdpMLineIndex":0}})");
  refused = next(*ws, "error");
  ASSERT_TRUE(refused);
  EXPECT_EQ(field(*refused, "code"), "not_found");
  ws->send(R"({"type":"echo.candidate","candidate":42})");
  refused = next(*ws, "error");
  ASSERT_TRUE(refused);
  EXPECT_EQ(field(*refused, "code"), "invalid_message");
  ws->send(R"({"type":"ping","id":1})");
  EXPECT_TRUE(next(*ws, "pong"));
}

TEST_F(Media, AKilledJanusIsRestartedAndItsHandlesReportedGone) {
  HttpClient citizen(server->port());
  signedIn(citizen, "citizen@demo.kelisim.kz");
  auto ws = socketOf(citizen);
  ws->send(offerMessage(kOffer));
  ASSERT_TRUE(next(*ws, "echo.answer"));
  const auto janus = processesWith("/usr/bin/janus", data_dir);
  ASSERT_EQ(janus.size(), 1u);
  ::kill(janus[0], SIGKILL);
  // The page is told within 10 s; Kelisim starts Janus again and connects to it.
  auto gone = next(*ws, "media.event", 10s);
  ASSERT_TRUE(gone);
  EXPECT_EQ(field(*gone, "event"), "gone");
  ASSERT_TRUE(waitForJanus("up", 20s)) << server->log();
  EXPECT_GE(metric("kelisim_media_sessions_total"), 2);
  ws->send(offerMessage(kOffer));
  EXPECT_TRUE(next(*ws, "echo.answer")) << server->log();
}

std::string callMessage(boost::json::object m) {
  return jsonText(m);
}

TEST_F(Media, OnlyTheConsultationsMembersTakePartInItsCall) {
  const auto demo = demoCentres(server->port());
  auto c = lawyerConsultation(server->port(), demo);
  ASSERT_FALSE(c.room_id.empty());
  auto &citizen = *c.asked.citizen;
  auto &lawyer = *c.lawyer;
  // A specialist of the same centre who is not in this consultation.
  auto outsider = staff(server->port(), "mediator@demo.kelisim.kz");
  // A citizen still waiting in the queue (the lobby) for another question.
  auto waiting = askAnonymously(server->port(), ticketBody(demo.astana.event_id, {"judge"}));
  const auto join = callMessage({{"type", "call.join"}, {"room_id", c.room_id}, {"sdp", kOffer}});
  const auto who = callMessage({{"type", "call.who"}, {"room_id", c.room_id}});
  for (Person *stranger : {outsider.get(), waiting.citizen.get()}) {
    stranger->ws->send(join);
    auto refused = stranger->await("error");
    EXPECT_EQ(field(refused, "scope"), "call") << jsonText(refused);
    EXPECT_EQ(field(refused, "code"), "not_found") << jsonText(refused);
    EXPECT_EQ(field(refused, "room_id"), c.room_id);
    // Nor may they learn who is in the call.
    stranger->ws->send(who);
    EXPECT_EQ(field(stranger->await("error"), "code"), "not_found");
  }
  // A member asks who is in the call: nobody yet.
  lawyer.ws->send(who);
  auto people = lawyer.await("call.people");
  ASSERT_FALSE(people.is_null()) << server->log();
  EXPECT_EQ(field(people, "room_id"), c.room_id);
  EXPECT_EQ(jsonText(people.as_object().at("people")), "[]");
  // The citizen joins: Janus answers the publication. (The lawyer hears of it, and may
  // receive it, only once its media reaches Janus: the browser tests show that part.)
  citizen.ws->send(join);
  auto joined = citizen.await("call.joined");
  ASSERT_FALSE(joined.is_null()) << server->log();
  EXPECT_NE(field(joined, "sdp").find("m=audio"), std::string::npos);
  EXPECT_EQ(jsonText(joined.as_object().at("publishers")), "[]");
  lawyer.ws->send(join);
  joined = lawyer.await("call.joined");
  ASSERT_FALSE(joined.is_null()) << server->log();
  EXPECT_NE(field(joined, "sdp").find("m=audio"), std::string::npos);
  // No media from the citizen yet: nothing to receive.
  lawyer.ws->send(
      callMessage({{"type", "call.receive"}, {"room_id", c.room_id}, {"feed", citizen.id}}));
  EXPECT_EQ(field(lawyer.await("error"), "code"), "not_found");
  // Nobody else may receive or signal in it.
  outsider->ws->send(
      callMessage({{"type", "call.receive"}, {"room_id", c.room_id}, {"feed", citizen.id}}));
  EXPECT_EQ(field(outsider->await("error"), "code"), "not_found");
  outsider->ws->send(
      callMessage({{"type", "call.candidate"}, {"room_id", c.room_id}, {"completed", true}}));
  EXPECT_EQ(field(outsider->await("error"), "code"), "not_found");
  // A layer is switched only on one's own receiving link, named rightly.
  const auto layer = [&](const std::string &feed, const std::string &which) {
    return callMessage(
        {{"type", "call.layer"}, {"room_id", c.room_id}, {"feed", feed}, {"layer", which}});
  };
  lawyer.ws->send(layer(citizen.id, "ultra"));
  EXPECT_EQ(field(lawyer.await("error"), "code"), "invalid_message");
  lawyer.ws->send(callMessage({{"type", "call.layer"}, {"room_id", c.room_id}, {"layer", "low"}}));
  EXPECT_EQ(field(lawyer.await("error"), "code"), "invalid_message");
  lawyer.ws->send(layer(citizen.id, "low")); // nothing received from the citizen yet
  EXPECT_EQ(field(lawyer.await("error"), "code"), "not_found");
  outsider->ws->send(layer(citizen.id, "high"));
  EXPECT_EQ(field(outsider->await("error"), "code"), "not_found");
  // Hang-up: the others are told; when the last one leaves, no handle of the call is left.
  citizen.ws->send(callMessage({{"type", "call.leave"}, {"room_id", c.room_id}}));
  auto told =
      lawyer.await("call.member", [](const Json &e) { return field(e, "event") == "left"; });
  EXPECT_EQ(field(told, "user_id"), citizen.id);
  lawyer.drop();
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (metric("kelisim_media_handles") > 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(50ms);
  EXPECT_EQ(metric("kelisim_media_handles"), 0);
}

TEST_F(Media, ClosingTheConsultationEndsEveryonesMediaAtOnce) {
  const auto demo = demoCentres(server->port());
  auto c = lawyerConsultation(server->port(), demo);
  ASSERT_FALSE(c.room_id.empty());
  auto &citizen = *c.asked.citizen;
  auto &lawyer = *c.lawyer;
  const auto join = callMessage({{"type", "call.join"}, {"room_id", c.room_id}, {"sdp", kOffer}});
  for (Person *p : {&citizen, &lawyer}) {
    p->ws->send(join);
    ASSERT_FALSE(p->await("call.joined").is_null()) << server->log();
  }
  EXPECT_EQ(metric("kelisim_media_handles"), 2);
  auto closed = lawyer.http.post("/api/v1/rooms/" + c.room_id + "/close",
                                 text({{"outcome", "advice_given"}, {"summary", "Разъяснено."}}));
  ASSERT_EQ(closed.status, 200) << closed.body;
  // Each is told their media was ended; Janus holds nothing of the call any more.
  for (Person *p : {&citizen, &lawyer}) {
    auto removed =
        p->await("call.member", [](const Json &e) { return field(e, "event") == "removed"; });
    EXPECT_EQ(field(removed, "user_id"), p->id) << jsonText(removed) << server->log();
  }
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (metric("kelisim_media_handles") > 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(50ms);
  EXPECT_EQ(metric("kelisim_media_handles"), 0);
  // A closed consultation has no call to join.
  citizen.ws->send(join);
  EXPECT_EQ(field(citizen.await("error"), "code"), "not_found");
}

TEST_F(Media, ASeparateSessionIsKeptApartByTheServer) {
  const auto demo = demoCentres(server->port());
  auto c = lawyerConsultation(server->port(), demo);
  ASSERT_FALSE(c.room_id.empty());
  auto &citizen = *c.asked.citizen;
  auto &lawyer = *c.lawyer;
  auto colleague = staff(server->port(), "mediator.astana@demo.kelisim.kz");
  auto invited = lawyer.http.post("/api/v1/rooms/" + c.room_id + "/invite",
                                  text({{"specialist_id", colleague->id}}));
  ASSERT_EQ(invited.status, 200) << invited.body;
  const auto join = callMessage({{"type", "call.join"}, {"room_id", c.room_id}, {"sdp", kOffer}});
  for (Person *p : {&citizen, &lawyer, colleague.get()}) {
    p->ws->send(join);
    ASSERT_FALSE(p->await("call.joined").is_null()) << server->log();
  }
  const auto start =
      callMessage({{"type", "call.caucus.start"}, {"room_id", c.room_id}, {"with", citizen.id}});
  // A citizen does not host one.
  citizen.ws->send(start);
  EXPECT_EQ(field(citizen.await("error"), "code"), "forbidden");
  lawyer.ws->send(start);
  for (Person *p : {&citizen, &lawyer, colleague.get()}) {
    auto started = p->await("call.caucus");
    EXPECT_EQ(field(started, "state"), "started") << jsonText(started);
    EXPECT_EQ(field(started, "host"), lawyer.id);
    EXPECT_EQ(field(started, "party"), citizen.id);
  }
  // The colleague outside may not receive either of them; a second one is refused.
  colleague->ws->send(
      callMessage({{"type", "call.receive"}, {"room_id", c.room_id}, {"feed", citizen.id}}));
  EXPECT_EQ(field(colleague->await("error"), "code"), "forbidden");
  lawyer.ws->send(start);
  EXPECT_EQ(field(lawyer.await("error"), "code"), "conflict");
  // The colleague cannot end it; the party can.
  colleague->ws->send(callMessage({{"type", "call.caucus.end"}, {"room_id", c.room_id}}));
  EXPECT_EQ(field(colleague->await("error"), "code"), "not_found");
  citizen.ws->send(callMessage({{"type", "call.caucus.end"}, {"room_id", c.room_id}}));
  for (Person *p : {&citizen, &lawyer, colleague.get()})
    EXPECT_EQ(field(p->await("call.caucus"), "state"), "ended");
}

} // namespace
} // namespace kelisim::itest
