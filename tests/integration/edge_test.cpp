// What a hostile visitor tries at the edge (issue 8): connection caps per address and in all,
// WebSockets per session, slow and idle connections (slowloris), forwarding headers from
// trusted and untrusted peers, and the Origin of writes and of /ws. Other sources than
// 127.0.0.1 are other 127.x addresses (all of them this machine's), so a flood from one
// "address" and a normal client from another can share the test. Times are asserted only
// against generous bounds.
#include "net_detail.hpp"
#include "test_helpers.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace kelisim::itest {

namespace {
using Clock = std::chrono::steady_clock;

// A raw TCP connection from `source` to the server, for clients that misbehave.
class Raw {
public:
  Raw(unsigned short port, const std::string &source) {
    boost::system::error_code ec;
    socket_.open(tcp::v4(), ec);
    if (!ec) socket_.bind(tcp::endpoint(asio::ip::make_address(source), 0), ec);
    if (!ec) ec = detail::connect(io_, socket_, port);
    ok_ = !ec;
    if (ok_) socket_.non_blocking(true, ec);
  }
  bool ok() const { return ok_; }
  bool send(std::string_view bytes) {
    boost::system::error_code ec;
    std::size_t sent = 0;
    while (!ec && sent < bytes.size())
      sent += socket_.write_some(asio::buffer(bytes.substr(sent)), ec);
    return !ec;
  }
  // True once the server has closed (or reset) the connection; reads what it said.
  bool closedByServer() {
    std::array<char, 4096> buf{};
    for (;;) {
      boost::system::error_code ec;
      const auto n = socket_.read_some(asio::buffer(buf), ec);
      if (ec == asio::error::would_block) return false;
      if (ec) return true;
      said_.append(buf.data(), n);
    }
  }
  // Waits up to `wait` for the server to close; what it said on the way.
  bool waitClosed(std::chrono::milliseconds wait) {
    const auto until = Clock::now() + wait;
    while (Clock::now() < until) {
      if (closedByServer()) return true;
      std::this_thread::sleep_for(50ms);
    }
    return false;
  }
  const std::string &said() const { return said_; }

private:
  asio::io_context io_;
  tcp::socket socket_{io_};
  bool ok_ = false;
  std::string said_;
};

// One GET from `source`; the whole answer as text ("" if none).
std::string getFrom(unsigned short port, const std::string &source, const std::string &path,
                    const std::string &extra = "") {
  Raw c(port, source);
  if (!c.ok()) return {};
  c.send("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + extra + "\r\n");
  c.waitClosed(10s);
  return c.said();
}

// Retries `check` for up to `wait` (a slot is given back once the server has seen the close).
template <typename Check> bool eventually(Check check, std::chrono::milliseconds wait = 10s) {
  const auto until = Clock::now() + wait;
  while (Clock::now() < until) {
    if (check()) return true;
    std::this_thread::sleep_for(100ms);
  }
  return false;
}

Headers cookieAndOrigin(const HttpClient &c, unsigned short port) {
  return {{"Cookie", c.cookieHeader()}, {"Origin", "http://127.0.0.1:" + std::to_string(port)}};
}
} // namespace

TEST(Edge, SlowlorisHeadersAreDroppedWhileOthersAreServed) {
  ServerOptions o = relaxed({"--max-connections-per-address", "4", "--header-timeout-seconds", "2",
                             "--idle-timeout-seconds", "3"});
  ServerProcess server(o);
  const auto port = server.port();
  // Four connections from one address trickle a header one byte at a time.
  std::vector<std::unique_ptr<Raw>> slow;
  for (int i = 0; i < 4; ++i) {
    slow.push_back(std::make_unique<Raw>(port, "127.0.0.2"));
    ASSERT_TRUE(slow.back()->ok());
    slow.back()->send("G");
  }
  // The address is at its cap: a fifth is answered 503 busy and closed.
  std::this_thread::sleep_for(200ms);
  const auto refused = getFrom(port, "127.0.0.2", "/healthz", "Accept-Language: kk\r\n");
  EXPECT_TRUE(refused.starts_with("HTTP/1.1 503")) << refused;
  EXPECT_NE(refused.find("urn:kelisim:problem:busy"), std::string::npos) << refused;
  EXPECT_NE(refused.find("Retry-After"), std::string::npos) << refused;

  const std::string header = "ET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: aaaaaaaaaaaaaaaa";
  const auto started = Clock::now();
  std::vector<bool> closed(slow.size(), false);
  HttpClient normal(port);
  int served = 0;
  for (std::size_t step = 0; step < header.size() && Clock::now() - started < 30s; ++step) {
    bool all = true;
    for (std::size_t i = 0; i < slow.size(); ++i) {
      if (!closed[i])
        closed[i] = !slow[i]->send(header.substr(step, 1)) || slow[i]->closedByServer();
      all = all && closed[i];
    }
    // Someone else meanwhile gets answers.
    if (step % 4 == 0 && normal.get("/healthz").status == 200) ++served;
    if (all) break;
    std::this_thread::sleep_for(250ms);
  }
  for (std::size_t i = 0; i < slow.size(); ++i)
    if (!closed[i]) closed[i] = slow[i]->waitClosed(20s);
  const auto took = Clock::now() - started;
  for (std::size_t i = 0; i < slow.size(); ++i) EXPECT_TRUE(closed[i]) << "slow connection " << i;
  EXPECT_LT(took, 25s) << "the header deadline is 2 s";
  EXPECT_GE(served, 1);
  EXPECT_EQ(normal.get("/healthz").status, 200);
  // Their slots are given back: the address is served again.
  EXPECT_TRUE(eventually(
      [&] { return getFrom(port, "127.0.0.2", "/healthz").starts_with("HTTP/1.1 200"); }));
}

TEST(Edge, IdleConnectionsAndSlowBodiesAreClosed) {
  ServerProcess server(relaxed({"--idle-timeout-seconds", "2", "--body-timeout-seconds", "2"}));
  const auto port = server.port();
  const auto started = Clock::now();
  Raw idle(port, "127.0.0.2");
  Raw body(port, "127.0.0.2");
  ASSERT_TRUE(idle.ok() && body.ok());
  const std::string json = R"({"email":"nobody@example.kz","password":"xxxxxxxxxxxxxxxxxxxx"})";
  ASSERT_TRUE(body.send("POST /api/v1/auth/sign-in HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        "Content-Type: application/json\r\nContent-Length: " +
                        std::to_string(json.size()) + "\r\n\r\n"));
  bool body_closed = false;
  for (std::size_t i = 0; i < json.size() && !body_closed; ++i) {
    body_closed = !body.send(json.substr(i, 1)) || body.closedByServer();
    std::this_thread::sleep_for(300ms);
  }
  if (!body_closed) body_closed = body.waitClosed(20s);
  EXPECT_TRUE(body_closed) << "a body trickled a byte every 300 ms";
  EXPECT_TRUE(idle.waitClosed(20s)) << "a connection that never sends";
  EXPECT_LT(Clock::now() - started, 25s);
  EXPECT_EQ(body.said().find("HTTP/1.1 401"), std::string::npos) << "never read whole";
  EXPECT_EQ(HttpClient(port).get("/healthz").status, 200);
}

TEST(Edge, TheTotalCapRefusesCleanlyAndRecovers) {
  ServerProcess server(relaxed({"--max-connections", "3"}));
  const auto port = server.port();
  std::vector<std::unique_ptr<Raw>> held;
  for (const char *source : {"127.0.0.3", "127.0.0.4", "127.0.0.5"}) {
    held.push_back(std::make_unique<Raw>(port, source));
    ASSERT_TRUE(held.back()->ok());
  }
  std::this_thread::sleep_for(200ms);
  HttpClient c(port);
  std::set<std::string> details;
  for (const char *lang : {"kk", "ru", "en"}) {
    c.language = lang;
    const auto r = c.get("/api/v1/regions");
    expectProblem(r, 503, "busy");
    EXPECT_EQ(r.header("Retry-After"), "1");
    details.insert(field(r.json(), "detail"));
  }
  EXPECT_EQ(details.size(), 3u) << "in the asker's language";
  held.clear();
  EXPECT_TRUE(eventually([&] { return c.get("/healthz").status == 200; }));
}

TEST(Edge, WebSocketsPerSessionAreCapped) {
  ServerProcess server(relaxed({"--ws-per-session", "2"}));
  HttpClient c(server.port());
  signedIn(c, "citizen@demo.kelisim.kz");
  auto first = std::make_unique<WsClient>(server.port(), cookieAndOrigin(c, server.port()));
  WsClient second(server.port(), cookieAndOrigin(c, server.port()));
  ASSERT_TRUE(first->open());
  ASSERT_TRUE(second.open());
  {
    WsClient third(server.port(), cookieAndOrigin(c, server.port()));
    EXPECT_FALSE(third.open());
    EXPECT_EQ(third.refusedStatus(), 503);
    EXPECT_NE(third.refusedBody().find("urn:kelisim:problem:busy"), std::string::npos)
        << third.refusedBody();
  }
  // Another session of the same person has its own.
  HttpClient other(server.port());
  signedIn(other, "citizen@demo.kelisim.kz");
  EXPECT_TRUE(WsClient(server.port(), cookieAndOrigin(other, server.port())).open());
  // A closed one frees its place.
  first.reset();
  EXPECT_TRUE(eventually(
      [&] { return WsClient(server.port(), cookieAndOrigin(c, server.port())).open(); }));
  EXPECT_TRUE(second.open());
}

TEST(Edge, ATrustedProxyNamesTheClientAndItsScheme) {
  ServerProcess server(ServerOptions{
      {}, true, {"--trusted-proxies", "127.0.0.1, 10.0.0.0/8", "--sign-in-per-minute", "2"}});
  HttpClient c(server.port());
  const std::string wrong = R"({"email":"nobody@example.kz","password":"wrong-password-1"})";
  auto from = [&](const std::string &chain) {
    return c.post("/api/v1/auth/sign-in", wrong, {{"X-Forwarded-For", chain}}).status;
  };
  EXPECT_EQ(from("203.0.113.5"), 401);
  EXPECT_EQ(from("203.0.113.5, 10.0.0.7"), 401) << "a trusted hop is skipped";
  EXPECT_EQ(from("203.0.113.5"), 429) << "the client's own budget is spent";
  EXPECT_EQ(from("198.51.100.9"), 401) << "another client behind the proxy has its own";
  EXPECT_EQ(from("203.0.113.77, 203.0.113.5"), 429)
      << "what the client wrote itself (left of the proxy's entry) is not believed";
  // An IPv6 client is its /64: moving inside it buys no new budget.
  EXPECT_EQ(from("2001:db8:1:2::1"), 401);
  EXPECT_EQ(from("2001:db8:1:2::2"), 401);
  EXPECT_EQ(from("2001:db8:1:2:ffff::9"), 429);
  EXPECT_EQ(from("2001:db8:1:3::1"), 401);

  // X-Forwarded-Proto: https from the proxy: the client is on HTTPS.
  HttpClient secure(server.port());
  const Headers https{{"X-Forwarded-Proto", "https"}, {"X-Forwarded-For", "192.0.2.44"}};
  auto r = secure.post("/api/v1/auth/sign-in",
                       R"({"email":"citizen@demo.kelisim.kz","password":")" +
                           std::string(kDemoPassword) + R"("})",
                       https);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("Strict-Transport-Security"), "max-age=31536000");
  std::string session_line;
  for (const auto &line : r.all("Set-Cookie"))
    if (line.starts_with("__Host-kelisim_session=")) session_line = line;
  ASSERT_FALSE(session_line.empty()) << "__Host- prefix under https";
  EXPECT_NE(session_line.find("; Secure"), std::string::npos) << session_line;
  EXPECT_NE(session_line.find("; Path=/"), std::string::npos) << session_line;
  EXPECT_EQ(session_line.find("Domain"), std::string::npos) << session_line;
  EXPECT_NE(session_line.find("HttpOnly"), std::string::npos) << session_line;
  EXPECT_FALSE(secure.cookie("kelisim_session"));
  // The server reads the cookie by that name, over HTTP and /ws.
  EXPECT_EQ(secure.get("/api/v1/me", https).status, 200);
  Headers ws = cookieAndOrigin(secure, server.port());
  ws.insert(ws.end(), https.begin(), https.end());
  WsClient socket(server.port(), ws);
  EXPECT_TRUE(socket.open()) << socket.refusedStatus() << socket.refusedBody();
  // Without the proxy's word the request is plain HTTP: that cookie is not a session there.
  EXPECT_EQ(secure.get("/api/v1/me").status, 401);
}

TEST(Edge, ClientsBehindAProxyAreCappedByTheirOwnAddress) {
  // The proxy's own connections are not capped per address; its clients' WebSockets are.
  ServerProcess server(relaxed({"--trusted-proxies", "127.0.0.1", "--max-connections-per-address",
                                "2", "--ws-per-session", "100"}));
  const auto port = server.port();
  HttpClient c(port);
  signedIn(c, "citizen@demo.kelisim.kz");
  auto via = [&](const std::string &client) {
    Headers h = cookieAndOrigin(c, port);
    h.emplace_back("X-Forwarded-For", client);
    return std::make_unique<WsClient>(port, h);
  };
  auto a1 = via("203.0.113.5"), a2 = via("203.0.113.5");
  EXPECT_TRUE(a1->open());
  EXPECT_TRUE(a2->open());
  auto a3 = via("203.0.113.5");
  EXPECT_FALSE(a3->open());
  EXPECT_EQ(a3->refusedStatus(), 503);
  auto b1 = via("198.51.100.9");
  EXPECT_TRUE(b1->open()) << "another client behind the same proxy";
  for (int i = 0; i < 4; ++i) EXPECT_EQ(c.get("/healthz").status, 200) << "the proxy itself";
}

TEST(Edge, AnUntrustedPeersForwardingHeadersAreIgnored) {
  ServerProcess server(
      ServerOptions{{}, true, {"--trusted-proxies", "10.0.0.0/8", "--sign-in-per-minute", "3"}});
  HttpClient plain(server.port());
  auto r = plain.post("/api/v1/auth/sign-in",
                      R"({"email":"citizen@demo.kelisim.kz","password":")" +
                          std::string(kDemoPassword) + R"("})",
                      {{"X-Forwarded-Proto", "https"}, {"X-Forwarded-For", "198.51.100.1"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(r.header("Strict-Transport-Security").empty());
  EXPECT_TRUE(plain.cookie("kelisim_session").has_value());
  EXPECT_FALSE(plain.cookie("__Host-kelisim_session").has_value());
  for (const auto &line : r.all("Set-Cookie"))
    EXPECT_EQ(line.find("Secure"), std::string::npos) << line;

  HttpClient c(server.port());
  const std::string wrong = R"({"email":"nobody@example.kz","password":"wrong-password-1"})";
  auto from = [&](const std::string &chain) {
    return c.post("/api/v1/auth/sign-in", wrong, {{"X-Forwarded-For", chain}}).status;
  };
  EXPECT_EQ(from("203.0.113.5"), 401);
  EXPECT_EQ(from("203.0.113.6"), 401);
  EXPECT_EQ(from("203.0.113.7"), 429) << "a made-up address does not buy a new budget";
}

TEST(Edge, WritesAndWebSocketsComeOnlyFromThePublicUrlsOrigin) {
  ServerProcess server(relaxed());
  const auto port = server.port();
  const std::string ours = "http://127.0.0.1:" + std::to_string(port);
  HttpClient c(port);
  const std::string body = R"({"email":"nobody@example.kz","password":"wrong-password-1"})";
  EXPECT_EQ(c.post("/api/v1/auth/sign-in", body, {{"Origin", ours}}).status, 401);
  // DNS rebinding: the attacker's name points at us, so Host and Origin agree — and are not ours.
  expectProblem(c.post("/api/v1/auth/sign-in", body,
                       {{"Origin", "http://evil.example:" + std::to_string(port)},
                        {"Host", "evil.example:" + std::to_string(port)}}),
                403, "csrf-failed");
  expectProblem(c.post("/api/v1/auth/sign-in", body,
                       {{"Origin", "http://localhost:" + std::to_string(port)},
                        {"Host", "localhost:" + std::to_string(port)}}),
                403, "csrf-failed");
  expectProblem(c.post("/api/v1/auth/sign-in", body, {{"Origin", "null"}}), 403, "csrf-failed");

  HttpClient person(port);
  signedIn(person, "citizen@demo.kelisim.kz");
  EXPECT_TRUE(WsClient(port, cookieAndOrigin(person, port)).open());
  WsClient rebound(port, {{"Cookie", person.cookieHeader()},
                          {"Origin", "http://evil.example:" + std::to_string(port)},
                          {"Host", "evil.example:" + std::to_string(port)}});
  EXPECT_FALSE(rebound.open());
  EXPECT_EQ(rebound.refusedStatus(), 403);
}

} // namespace kelisim::itest
