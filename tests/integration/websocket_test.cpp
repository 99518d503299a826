// The /ws endpoint: authentication by the session cookie, origin check, hello, ping/pong,
// error events that keep the connection open, and the frame size limit.
#include "test_helpers.hpp"

namespace kelisim::itest {
namespace {

class WebSocket : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    server = new ServerProcess(relaxed());
    citizen = new HttpClient(server->port());
    user_id = new std::string(field(signedIn(*citizen, "citizen@demo.kelisim.kz"), "id"));
  }
  static void TearDownTestSuite() {
    delete citizen;
    delete user_id;
    delete server;
  }
  static Headers withCookie(std::string origin = "") {
    Headers h{{"Cookie", citizen->cookieHeader()}};
    if (!origin.empty()) h.emplace_back("Origin", origin);
    return h;
  }
  static std::string sameOrigin() { return "http://127.0.0.1:" + std::to_string(server->port()); }
  // Connects and checks the hello event.
  static std::unique_ptr<WsClient> connected() {
    auto ws = std::make_unique<WsClient>(server->port(), withCookie(sameOrigin()));
    EXPECT_TRUE(ws->open()) << ws->refusedStatus() << " " << ws->refusedBody();
    auto hello = ws->readJson();
    EXPECT_TRUE(hello.has_value());
    if (hello) {
      EXPECT_EQ(field(*hello, "type"), "hello") << jsonText(*hello);
    }
    return ws;
  }
  static ServerProcess *server;
  static HttpClient *citizen;
  static std::string *user_id;
};
ServerProcess *WebSocket::server = nullptr;
HttpClient *WebSocket::citizen = nullptr;
std::string *WebSocket::user_id = nullptr;

TEST_F(WebSocket, WithoutASessionCookieIs401) {
  WsClient ws(server->port());
  EXPECT_FALSE(ws.open());
  EXPECT_EQ(ws.refusedStatus(), 401);
  WsClient forged(server->port(), {{"Cookie", "kelisim_session=" + std::string(64, 'b')}});
  EXPECT_FALSE(forged.open());
  EXPECT_EQ(forged.refusedStatus(), 401);
  EXPECT_EQ(HttpClient(server->port()).get("/healthz").status, 200);
}

TEST_F(WebSocket, AnotherSitesOriginIsRefused) {
  WsClient ws(server->port(), withCookie("https://evil.example"));
  EXPECT_FALSE(ws.open());
  EXPECT_EQ(ws.refusedStatus(), 403);
  WsClient tricky(server->port(), withCookie("http://127.0.0.1:" + std::to_string(server->port()) +
                                             ".evil.example"));
  EXPECT_FALSE(tricky.open());
  EXPECT_EQ(tricky.refusedStatus(), 403);
}

TEST_F(WebSocket, HelloNamesTheUser) {
  WsClient ws(server->port(), withCookie(sameOrigin()));
  ASSERT_TRUE(ws.open()) << ws.refusedStatus();
  auto hello = ws.readJson();
  ASSERT_TRUE(hello.has_value());
  EXPECT_EQ(field(*hello, "type"), "hello");
  EXPECT_EQ(field(*hello, "user_id"), *user_id);
  EXPECT_FALSE(field(*hello, "server_time").empty());
  // Without an Origin header (a non-browser client) the cookie is enough.
  WsClient plain(server->port(), withCookie());
  ASSERT_TRUE(plain.open());
  EXPECT_EQ(field(*plain.readJson(), "type"), "hello");
}

TEST_F(WebSocket, PingIsAnsweredWithPongAndTheSameId) {
  auto ws = connected();
  ASSERT_TRUE(ws->send(R"({"type":"ping","id":1})"));
  auto pong = ws->readJson();
  ASSERT_TRUE(pong.has_value());
  EXPECT_EQ(jsonText(*pong), R"({"type":"pong","id":1})");
  ASSERT_TRUE(ws->send(R"({"type":"ping","id":"abc"})"));
  EXPECT_EQ(field(*ws->readJson(), "id"), "abc");
}

TEST_F(WebSocket, InvalidJsonIsAnErrorEventAndTheConnectionStaysOpen) {
  auto ws = connected();
  for (const char *bad : {"{not json", "[1,2,3]", "42", R"({"type": 7})", R"({"id": 1})", ""}) {
    SCOPED_TRACE(bad);
    ASSERT_TRUE(ws->send(bad));
    auto error = ws->readJson();
    ASSERT_TRUE(error.has_value()) << "closed with " << ws->closeCode();
    EXPECT_EQ(field(*error, "type"), "error");
    EXPECT_EQ(field(*error, "code"), "invalid_message");
    EXPECT_FALSE(field(*error, "message").empty());
  }
  ASSERT_TRUE(ws->send(R"({"type":"ping","id":2})"));
  auto pong = ws->readJson();
  ASSERT_TRUE(pong.has_value());
  EXPECT_EQ(field(*pong, "type"), "pong");
}

TEST_F(WebSocket, UnknownTypeIsAnErrorEvent) {
  auto ws = connected();
  ASSERT_TRUE(ws->send(R"({"type":"launch_missiles"})"));
  auto error = ws->readJson();
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(field(*error, "type"), "error");
  EXPECT_EQ(field(*error, "code"), "unknown_type");
  ASSERT_TRUE(ws->send(R"({"type":"ping","id":3})"));
  EXPECT_EQ(field(*ws->readJson(), "type"), "pong");
}

TEST_F(WebSocket, OpenSocketsAreCountedInMetrics) {
  auto ws = connected();
  const auto metrics = HttpClient(server->port()).get("/metrics").body;
  const auto at = metrics.find("\nkelisim_websockets_open ");
  ASSERT_NE(at, std::string::npos) << metrics;
  EXPECT_GE(std::stoi(metrics.substr(at + 25)), 1) << metrics.substr(at, 40);
}

TEST_F(WebSocket, AFrameOver64KiBClosesTheConnection) {
  auto ws = connected();
  ASSERT_TRUE(ws->send(R"({"type":"ping","id":")" + std::string(70 * 1024, 'x') + "\"}"));
  auto next = ws->read();
  EXPECT_FALSE(next.has_value()) << next->substr(0, 100);
  EXPECT_TRUE(ws->closed());
  EXPECT_EQ(ws->closeCode(), 1009) << "close code: message too big";
  // The server and other sockets carry on.
  auto other = connected();
  ASSERT_TRUE(other->send(R"({"type":"ping","id":4})"));
  EXPECT_EQ(field(*other->readJson(), "type"), "pong");
}

TEST_F(WebSocket, SignedOutSessionCannotConnect) {
  HttpClient c(server->port());
  ASSERT_EQ(c.signIn("judge@demo.kelisim.kz").status, 200);
  const std::string cookie = c.cookieHeader();
  ASSERT_EQ(c.post("/api/v1/auth/sign-out", "").status, 204);
  WsClient ws(server->port(), {{"Cookie", cookie}});
  EXPECT_FALSE(ws.open());
  EXPECT_EQ(ws.refusedStatus(), 401);
}

// Reads until the server closes the connection; false if it stays open for `wait`.
bool closesWithin(WsClient &ws, std::chrono::milliseconds wait) {
  const auto until = std::chrono::steady_clock::now() + wait;
  while (std::chrono::steady_clock::now() < until)
    if (!ws.read(std::chrono::milliseconds(200)) && ws.closed()) return true;
  return ws.closed();
}

TEST_F(WebSocket, SigningOutEndsThatSessionsOpenSocketOnly) {
  HttpClient phone(server->port()), laptop(server->port());
  ASSERT_EQ(phone.signIn("doctor@demo.kelisim.kz").status, 200);
  ASSERT_EQ(laptop.signIn("doctor@demo.kelisim.kz").status, 200);
  auto open = [&](HttpClient &c) {
    auto ws = std::make_unique<WsClient>(
        server->port(), Headers{{"Cookie", c.cookieHeader()}, {"Origin", sameOrigin()}});
    EXPECT_TRUE(ws->open());
    EXPECT_TRUE(ws->readJson().has_value()); // hello
    return ws;
  };
  auto on_phone = open(phone);
  auto on_laptop = open(laptop);
  ASSERT_EQ(phone.post("/api/v1/auth/sign-out", "").status, 204);
  EXPECT_TRUE(closesWithin(*on_phone, std::chrono::seconds(5)))
      << "the signed-out session's socket kept its access";
  ASSERT_TRUE(on_laptop->send(R"({"type":"ping","id":"still-here"})"));
  auto pong = on_laptop->readJson();
  ASSERT_TRUE(pong.has_value()) << "the other session's socket was closed too";
  EXPECT_EQ(field(*pong, "type"), "pong");
}

TEST_F(WebSocket, AChangeOfRoleEndsTheUsersOpenSockets) {
  HttpClient admin(server->port()), person(server->port());
  signedIn(admin, "admin@demo.kelisim.kz");
  const std::string id = field(signedIn(person, "anticorruption@demo.kelisim.kz"), "id");
  auto ws = std::make_unique<WsClient>(
      server->port(), Headers{{"Cookie", person.cookieHeader()}, {"Origin", sameOrigin()}});
  ASSERT_TRUE(ws->open());
  ASSERT_TRUE(ws->readJson().has_value());
  auto changed = admin.patch("/api/v1/users/" + id, R"({"role": "coordinator"})");
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_TRUE(closesWithin(*ws, std::chrono::seconds(5)))
      << "the socket kept the specialist's access after the role change";
  // The session itself goes on: a new socket opens, as what the person is now.
  WsClient again(server->port(),
                 Headers{{"Cookie", person.cookieHeader()}, {"Origin", sameOrigin()}});
  ASSERT_TRUE(again.open());
  EXPECT_EQ(field(person.get("/api/v1/me").json(), "role"), "coordinator");
}

} // namespace
} // namespace kelisim::itest
