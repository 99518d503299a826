// Load generator for the reception benchmarks (bench/run-reception-bench.sh): waiting citizens
// over WebSocket, a specialist taking tickets, durable chat, and ticket intake. Run by hand,
// never as a test. One io thread per process; figures go to stdout as `key value` lines so
// the driver can add them up across processes. Times are CLOCK_REALTIME nanoseconds, so
// several processes on one machine can be compared with each other.
//
//   reception_load citizens --port P [--bind 127.0.0.2] --count N --reception R --seconds S
//                           [--no-ticket | --no-ws] [--ready FILE] [--stop FILE]
//   reception_load taker    --port P --email E --password W --takes K --interval-ms M
//   reception_load chat-setup --port P --password W --specialists N   (prints reception/email)
//   reception_load chat     --port P --password W --pairs FILE --first I --rooms N
//                           --rate R --warmup S --seconds S [--typing] [--ready FILE --go FILE]
//                           (R may be a fraction: 0.1 is a message every 10 s)
//   reception_load intake   --port P [--reception R] --connections C --warmup S --seconds S
//   reception_load specialists --port P --password W --pairs FILE [--ready FILE --go FILE]
//                           (each specialist of FILE takes the next ticket and closes the room
//                           until none is left; seats/s, desk/next latency)
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/json.hpp>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <deque>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <netinet/in.h>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace json = boost::json;
using asio::awaitable;
using asio::use_awaitable;
using tcp = asio::ip::tcp;

namespace {

std::int64_t nowNs() {
  timespec ts{};
  clock_gettime(CLOCK_REALTIME, &ts);
  return std::int64_t(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

struct Args {
  std::map<std::string, std::string> values;
  std::string get(const std::string &k, const std::string &def = "") const {
    auto it = values.find(k);
    return it == values.end() ? def : it->second;
  }
  long num(const std::string &k, long def) const {
    auto it = values.find(k);
    return it == values.end() ? def : std::stol(it->second);
  }
  double real(const std::string &k, double def) const {
    auto it = values.find(k);
    return it == values.end() ? def : std::stod(it->second);
  }
  bool has(const std::string &k) const { return values.contains(k); }
};

Args parseArgs(int argc, char **argv) {
  Args a;
  for (int i = 2; i < argc; ++i) {
    std::string k = argv[i];
    if (k.rfind("--", 0) != 0) continue;
    k = k.substr(2);
    if (i + 1 < argc && std::string(argv[i + 1]).rfind("--", 0) != 0)
      a.values[k] = argv[++i];
    else
      a.values[k] = "1";
  }
  return a;
}

std::string g_host = "127.0.0.1";
unsigned short g_port = 0;
std::string g_bind;

// Cookies as the server set them: name → value.
struct Cookies {
  std::map<std::string, std::string> jar;
  void take(const http::response<http::string_body> &res) {
    for (auto it = res.find(http::field::set_cookie);
         it != res.end() && it->name() == http::field::set_cookie; ++it) {
      std::string v(it->value());
      auto semi = v.find(';');
      auto pair = v.substr(0, semi);
      auto eq = pair.find('=');
      if (eq != std::string::npos) jar[pair.substr(0, eq)] = pair.substr(eq + 1);
    }
  }
  std::string header() const {
    std::string out;
    for (auto &[k, v] : jar) {
      if (!out.empty()) out += "; ";
      out += k + "=" + v;
    }
    return out;
  }
  std::string csrf() const {
    auto it = jar.find("kelisim_csrf");
    return it == jar.end() ? "" : it->second;
  }
};

awaitable<beast::tcp_stream> connect() {
  auto ex = co_await asio::this_coro::executor;
  tcp::socket sock(ex);
  sock.open(tcp::v4());
  sock.set_option(tcp::no_delay(true));
  if (!g_bind.empty()) {
    // The port is picked at connect, by the whole address pair: back-to-back runs leave tens
    // of thousands of TIME_WAIT sockets, and a port picked at bind would often be refused.
    int on = 1;
    ::setsockopt(sock.native_handle(), IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &on, sizeof on);
    sock.set_option(asio::socket_base::reuse_address(true));
    sock.bind(tcp::endpoint(asio::ip::make_address(g_bind), 0));
  }
  co_await sock.async_connect(tcp::endpoint(asio::ip::make_address(g_host), g_port), use_awaitable);
  co_return beast::tcp_stream(std::move(sock));
}

awaitable<http::response<http::string_body>> request(beast::tcp_stream &s, beast::flat_buffer &buf,
                                                     http::verb verb, const std::string &target,
                                                     const std::string &body,
                                                     const Cookies *cookies = nullptr) {
  http::request<http::string_body> req{verb, target, 11};
  req.set(http::field::host, g_host + ":" + std::to_string(g_port));
  req.keep_alive(true);
  if (!body.empty()) {
    req.set(http::field::content_type, "application/json");
    req.body() = body;
  }
  if (cookies && !cookies->jar.empty()) {
    req.set(http::field::cookie, cookies->header());
    req.set("X-CSRF-Token", cookies->csrf());
  }
  req.prepare_payload();
  co_await http::async_write(s, req, use_awaitable);
  http::response<http::string_body> res;
  co_await http::async_read(s, buf, res, use_awaitable);
  co_return res;
}

std::string ticketBody(const std::string &reception) {
  return R"({"reception_id":")" + reception +
         R"(","region":"KZ-71","language":"ru","category":"family","description":"Бенчмарк: вопрос о разделе имущества после развода, двое детей.","channel":"chat","kinds":["lawyer"],"consent":true})";
}

long findNumber(std::string_view text, std::string_view key) {
  auto p = text.find(key);
  if (p == std::string_view::npos) return -1;
  p += key.size();
  if (p >= text.size() || text[p] < '0' || text[p] > '9') return -1;
  long v = 0;
  while (p < text.size() && text[p] >= '0' && text[p] <= '9') v = v * 10 + (text[p++] - '0');
  return v;
}

double percentile(std::vector<std::int64_t> &v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return double(v[std::min(v.size() - 1, std::size_t(q * double(v.size())))]);
}

std::vector<std::string> g_errors;
void noteError(const std::string &what) {
  if (g_errors.size() < 5) g_errors.push_back(what);
}

// ---- citizens: wait in the queue over WebSocket, record each place change ---------------
constexpr int kMaxWaves = 256;
struct Wave {
  long count = 0;
  std::int64_t first = 0, last = 0;
};
Wave g_waves[kMaxWaves];
long g_events = 0;
std::vector<std::int64_t> g_place_times; // every place event, for the driver to split by take

struct Citizen {
  explicit Citizen(beast::tcp_stream s) : ws(std::move(s)) {}
  websocket::stream<beast::tcp_stream> ws;
  beast::flat_buffer buf;
  long initial_place = -1;
};

awaitable<void> readCitizen(std::shared_ptr<Citizen> c) {
  for (;;) {
    auto [ec, n] = co_await c->ws.async_read(c->buf, asio::as_tuple(use_awaitable));
    if (ec) co_return;
    const std::int64_t t = nowNs();
    ++g_events;
    std::string_view text(static_cast<const char *>(c->buf.data().data()), c->buf.size());
    if (text.find(R"("type":"place")") != std::string_view::npos) {
      g_place_times.push_back(t);
      long place = findNumber(text, R"("place":)");
      long wave = c->initial_place - place;
      if (place > 0 && wave > 0 && wave < kMaxWaves) {
        auto &w = g_waves[wave];
        if (w.count++ == 0 || t < w.first) w.first = t;
        w.last = std::max(w.last, t);
      }
    }
    c->buf.consume(c->buf.size());
  }
}

long g_ready = 0, g_failed = 0;
std::vector<std::shared_ptr<Citizen>> g_citizens;

awaitable<void> citizenWorker(long first, long step, long count, std::string reception, bool ticket,
                              bool ws) {
  for (long i = first; i < count; i += step) {
    try {
      auto stream = co_await connect();
      beast::flat_buffer buf;
      Cookies cookies;
      long place = 0;
      if (ticket) {
        auto res = co_await request(stream, buf, http::verb::post, "/api/v1/tickets",
                                    ticketBody(reception));
        if (res.result_int() != 201) {
          noteError("ticket " + std::to_string(res.result_int()) + " " + res.body().substr(0, 200));
          ++g_failed;
          continue;
        }
        cookies.take(res);
        place = findNumber(res.body(), R"("place":)");
      }
      if (!ws) { // --no-ws: the ticket only (what a waiting citizen costs without its socket)
        beast::error_code ignored;
        stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
        ++g_ready;
        continue;
      }
      auto c = std::make_shared<Citizen>(std::move(stream));
      c->initial_place = place;
      c->ws.read_message_max(64 * 1024);
      c->ws.set_option(websocket::stream_base::decorator([h = cookies.header()](auto &req) {
        if (!h.empty()) req.set(http::field::cookie, h);
      }));
      beast::get_lowest_layer(c->ws).expires_never();
      co_await c->ws.async_handshake(g_host + ":" + std::to_string(g_port), "/ws", use_awaitable);
      g_citizens.push_back(c);
      ++g_ready;
      asio::co_spawn(co_await asio::this_coro::executor, readCitizen(c), asio::detached);
    } catch (const std::exception &e) {
      noteError(std::string("citizen: ") + e.what());
      ++g_failed;
    }
  }
}

int runCitizens(const Args &a) {
  asio::io_context io(1);
  const long count = a.num("count", 1000);
  const long workers = a.num("concurrency", 16);
  const bool ticket = !a.has("no-ticket");
  const bool ws = !a.has("no-ws");
  const auto start = std::chrono::steady_clock::now();
  const auto deadline = start + std::chrono::seconds(a.num("seconds", 60));
  for (long w = 0; w < workers; ++w)
    asio::co_spawn(io, citizenWorker(w, workers, count, a.get("reception"), ticket, ws),
                   asio::detached);
  // Report readiness once every worker has finished setting up, then hold until the deadline.
  bool reported = false;
  while (std::chrono::steady_clock::now() < deadline) {
    io.run_for(std::chrono::milliseconds(100));
    if (a.has("stop") && std::ifstream(a.get("stop")).good()) break;
    if (io.stopped()) io.restart();
    if (!reported && g_ready + g_failed >= count) {
      reported = true;
      double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      std::printf("ready %ld\nfailed %ld\nsetup_seconds %.2f\n", g_ready, g_failed, secs);
      std::fflush(stdout);
      if (a.has("ready")) std::ofstream(a.get("ready")) << g_ready << "\n";
    }
  }
  if (!reported) std::printf("ready %ld\nfailed %ld\nsetup_seconds -1\n", g_ready, g_failed);
  std::printf("events %ld\n", g_events);
  for (int k = 1; k < kMaxWaves; ++k)
    if (g_waves[k].count)
      std::printf("wave %d %ld %lld %lld\n", k, g_waves[k].count, (long long)g_waves[k].first,
                  (long long)g_waves[k].last);
  // A citizen's place from its POST may already be stale (tickets are created concurrently),
  // which shifts its waves; place_at lines let the driver attribute events to takes by time.
  for (auto t : g_place_times) std::printf("place_at %lld\n", (long long)t);
  for (auto &e : g_errors) std::printf("error %s\n", e.c_str());
  std::fflush(stdout);
  std::_Exit(0); // the kernel closes the sockets; no orderly close of thousands of streams
}

// ---- a specialist signs in and takes the next ticket K times ----------------------------
awaitable<Cookies> signIn(beast::tcp_stream &s, beast::flat_buffer &buf, const std::string &email,
                          const std::string &password) {
  json::object body{{"email", email}, {"password", password}};
  auto res =
      co_await request(s, buf, http::verb::post, "/api/v1/auth/sign-in", json::serialize(body));
  if (res.result_int() != 200)
    throw std::runtime_error("sign-in " + email + ": " + std::to_string(res.result_int()) + " " +
                             res.body().substr(0, 200));
  Cookies c;
  c.take(res);
  co_return c;
}

awaitable<void> taker(Args a) {
  auto s = co_await connect();
  beast::flat_buffer buf;
  auto cookies = co_await signIn(s, buf, a.get("email"), a.get("password"));
  const long takes = a.num("takes", 10);
  const auto interval = std::chrono::milliseconds(a.num("interval-ms", 1000));
  asio::steady_timer timer(co_await asio::this_coro::executor);
  for (long k = 1; k <= takes; ++k) {
    auto next_at = std::chrono::steady_clock::now() + interval;
    const auto t0 = nowNs();
    auto res = co_await request(s, buf, http::verb::post, "/api/v1/desk/next", "{}", &cookies);
    const auto t1 = nowNs();
    std::printf("take %ld %lld %lld %d\n", k, (long long)t0, (long long)t1, res.result_int());
    std::fflush(stdout);
    if (res.result_int() != 200) break;
    auto room = json::parse(res.body()).as_object();
    std::string id(room.at("id").as_string());
    timer.expires_after(interval / 2);
    co_await timer.async_wait(use_awaitable);
    json::object close{{"outcome", "advice_given"}, {"summary", "bench"}};
    co_await request(s, buf, http::verb::post, "/api/v1/rooms/" + id + "/close",
                     json::serialize(close), &cookies);
    timer.expires_at(next_at);
    co_await timer.async_wait(use_awaitable);
  }
}

// ---- specialists: each takes the next ticket and closes its room, until the queue is empty --
// Routing end to end: every `desk/next` is a routing decision, a seat claimed and a room
// opened in one commit; the close frees the specialist for the next.
struct RoutingStats {
  long seats = 0, empty = 0, failed = 0;
  std::vector<std::int64_t> next_us;
  std::int64_t first = 0, last = 0;
  std::map<int, long> statuses;
} g_routing;

awaitable<void> specialistLoop(Args a, std::string email, std::string go) {
  auto s = co_await connect();
  beast::flat_buffer buf;
  auto cookies = co_await signIn(s, buf, email, a.get("password"));
  ++g_ready;
  asio::steady_timer timer(co_await asio::this_coro::executor);
  while (!go.empty() && !std::ifstream(go).good()) {
    timer.expires_after(std::chrono::milliseconds(20));
    co_await timer.async_wait(use_awaitable);
  }
  const json::object close{{"outcome", "advice_given"}, {"summary", "bench"}};
  const std::string close_body = json::serialize(close);
  for (;;) {
    const auto t0 = nowNs();
    auto res = co_await request(s, buf, http::verb::post, "/api/v1/desk/next", "{}", &cookies);
    const auto t1 = nowNs();
    ++g_routing.statuses[res.result_int()];
    if (res.result_int() != 200) {
      ++g_routing.empty;
      co_return; // nobody left to take (or refused: counted by status)
    }
    ++g_routing.seats;
    g_routing.next_us.push_back((t1 - t0) / 1000);
    if (!g_routing.first || t0 < g_routing.first) g_routing.first = t0;
    g_routing.last = std::max(g_routing.last, t1);
    std::string id(json::parse(res.body()).as_object().at("id").as_string());
    co_await request(s, buf, http::verb::post, "/api/v1/rooms/" + id + "/close", close_body,
                     &cookies);
  }
}

int runSpecialists(const Args &a) {
  asio::io_context io(1);
  std::vector<std::string> emails;
  {
    std::ifstream in(a.get("pairs"));
    std::string r, e;
    while (in >> r >> e) emails.push_back(e);
  }
  long done = 0;
  for (auto &e : emails)
    asio::co_spawn(io, specialistLoop(a, e, a.get("go")), [&](std::exception_ptr x) {
      ++done;
      if (x) ++g_routing.failed;
    });
  bool reported = false;
  while (done < long(emails.size())) {
    io.run_for(std::chrono::milliseconds(20));
    if (!reported && g_ready + g_routing.failed >= long(emails.size())) {
      reported = true;
      if (a.has("ready")) std::ofstream(a.get("ready")) << g_ready << "\n";
    }
  }
  std::sort(g_routing.next_us.begin(), g_routing.next_us.end());
  auto pct = [&](double p) {
    auto &v = g_routing.next_us;
    return v.empty() ? 0 : v[std::min(v.size() - 1, std::size_t(double(v.size()) * p))];
  };
  const double secs = double(g_routing.last - g_routing.first) / 1e9;
  std::printf("specialists %zu\nseats %ld\nseconds %.3f\nseats_per_second %.0f\n", emails.size(),
              g_routing.seats, secs, secs > 0 ? double(g_routing.seats) / secs : 0.0);
  std::printf("next_p50_us %lld\nnext_p99_us %lld\nfailed %ld\n", (long long)pct(0.5),
              (long long)pct(0.99), g_routing.failed);
  for (auto &[status, n] : g_routing.statuses) std::printf("status %d %ld\n", status, n);
  for (auto &e : g_errors) std::printf("error %s\n", e.c_str());
  std::fflush(stdout);
  std::_Exit(0);
}

// ---- chat: rooms of one citizen and one specialist, both sending at a fixed rate --------
awaitable<void> chatSetup(Args a) {
  auto s = co_await connect();
  beast::flat_buffer buf;
  const std::string password = a.get("password");
  auto coord = co_await signIn(s, buf, "coordinator.astana@demo.kelisim.kz", password);
  const long n = a.num("specialists", 200);
  std::vector<std::pair<std::string, std::string>> made; // id, email
  for (long i = 0; i < n; ++i) {
    std::string email = "bench.lawyer." + std::to_string(i) + "@bench.kelisim.kz";
    // Invited by e-mail like any specialist: the driver sets their password through the
    // mailed link (bench/node/activate-invited.mjs) before anyone signs in as them.
    json::object u{{"email", email},
                   {"display_name", "Bench lawyer " + std::to_string(i)},
                   {"role", "specialist"},
                   {"kinds", json::array{"lawyer"}},
                   {"languages", json::array{"ru"}},
                   {"categories", json::array{"family"}}};
    auto res =
        co_await request(s, buf, http::verb::post, "/api/v1/users", json::serialize(u), &coord);
    if (res.result_int() != 201)
      throw std::runtime_error("create specialist: " + std::to_string(res.result_int()) + " " +
                               res.body().substr(0, 300));
    made.emplace_back(std::string(json::parse(res.body()).as_object().at("id").as_string()), email);
  }
  // A roster holds at most 200 shifts: one reception per 200 specialists.
  auto rfc = [](std::time_t t) {
    char out[32];
    std::strftime(out, sizeof out, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
    return std::string(out);
  };
  const std::time_t now = std::time(nullptr);
  const std::string from = rfc(now - 60), to = rfc(now + 3 * 3600);
  for (std::size_t g = 0; g < made.size(); g += 200) {
    json::array roster;
    for (std::size_t i = g; i < std::min(made.size(), g + 200); ++i)
      roster.push_back(json::object{{"specialist_id", made[i].first},
                                    {"kinds", json::array{"lawyer"}},
                                    {"from", from},
                                    {"to", to}});
    json::object text{{"kk", "Бенчмарк"}, {"ru", "Бенчмарк"}, {"en", "Benchmark"}};
    json::object r{{"title", text},
                   {"description", text},
                   {"starts_at", from},
                   {"ends_at", to},
                   {"categories", json::array{"family"}},
                   {"channels", json::array{"chat"}},
                   {"roster", roster}};
    auto res = co_await request(s, buf, http::verb::post, "/api/v1/receptions", json::serialize(r),
                                &coord);
    if (res.result_int() != 201)
      throw std::runtime_error("create reception: " + std::to_string(res.result_int()) + " " +
                               res.body().substr(0, 300));
    std::string rid(json::parse(res.body()).as_object().at("id").as_string());
    for (std::size_t i = g; i < std::min(made.size(), g + 200); ++i)
      std::printf("%s %s\n", rid.c_str(), made[i].second.c_str());
  }
}

struct ChatConn {
  explicit ChatConn(beast::tcp_stream s) : ws(std::move(s)) {}
  websocket::stream<beast::tcp_stream> ws;
  beast::flat_buffer buf;
  std::string room_id;
  long index = 0;
  std::deque<std::string> out; // frames waiting for the one write in flight
  bool writing = false;
};

struct ChatStats {
  std::int64_t window_from = 0, window_to = 0;
  long sent = 0, acks = 0, delivered = 0, errors = 0, ack_total = 0, sent_total = 0;
  long typing_sent = 0, typing_seen = 0;
  std::vector<std::int64_t> ack_us, deliver_us;
  std::string first_error;
} g_chat;

void chatWrite(const std::shared_ptr<ChatConn> &c) {
  if (c->writing || c->out.empty()) return;
  c->writing = true;
  c->ws.async_write(asio::buffer(c->out.front()), [c](beast::error_code ec, std::size_t) {
    c->writing = false;
    c->out.pop_front();
    if (!ec) chatWrite(c);
  });
}

awaitable<void> chatRead(std::shared_ptr<ChatConn> c) {
  const std::string mine = "\"client_id\":\"" + std::to_string(c->index) + ".";
  for (;;) {
    auto [ec, n] = co_await c->ws.async_read(c->buf, asio::as_tuple(use_awaitable));
    if (ec) co_return;
    const std::int64_t t = nowNs();
    std::string_view text(static_cast<const char *>(c->buf.data().data()), c->buf.size());
    const bool in_window = t >= g_chat.window_from && t < g_chat.window_to;
    auto cid = text.find("\"client_id\":\"");
    if (text.find(R"("type":"ack")") != std::string_view::npos && cid != std::string_view::npos) {
      ++g_chat.ack_total;
      auto dot = text.find('.', cid);
      long long sent_at = std::atoll(text.data() + dot + 1);
      if (in_window) {
        ++g_chat.acks;
        g_chat.ack_us.push_back((t - sent_at) / 1000);
      }
    } else if (text.find(R"("type":"message")") != std::string_view::npos &&
               cid != std::string_view::npos) {
      if (text.compare(cid, mine.size(), mine) != 0) { // the other member's message
        auto dot = text.find('.', cid + 13);
        long long sent_at = std::atoll(text.data() + dot + 1);
        if (in_window) {
          ++g_chat.delivered;
          g_chat.deliver_us.push_back((t - sent_at) / 1000);
        }
      }
    } else if (text.find(R"("type":"typing")") != std::string_view::npos) {
      ++g_chat.typing_seen;
    } else if (text.find(R"("type":"error")") != std::string_view::npos) {
      ++g_chat.errors;
      if (g_chat.first_error.empty()) g_chat.first_error = std::string(text.substr(0, 200));
    }
    c->buf.consume(c->buf.size());
  }
}

awaitable<std::shared_ptr<ChatConn>> openWs(beast::tcp_stream s, const Cookies &cookies) {
  auto c = std::make_shared<ChatConn>(std::move(s));
  c->ws.set_option(websocket::stream_base::decorator(
      [h = cookies.header()](auto &req) { req.set(http::field::cookie, h); }));
  beast::get_lowest_layer(c->ws).expires_never();
  co_await c->ws.async_handshake(g_host + ":" + std::to_string(g_port), "/ws", use_awaitable);
  c->ws.text(true);
  co_return c;
}

std::vector<std::shared_ptr<ChatConn>> g_chat_conns;

// One reception's rooms, one after another, so that specialist i takes citizen i's ticket.
awaitable<void> chatRooms(Args a, std::vector<std::pair<std::string, std::string>> pairs) {
  const std::string password = a.get("password");
  for (auto &[reception, email] : pairs) {
    try {
      auto cs = co_await connect();
      beast::flat_buffer cbuf;
      auto res =
          co_await request(cs, cbuf, http::verb::post, "/api/v1/tickets", ticketBody(reception));
      if (res.result_int() != 201) throw std::runtime_error("ticket " + res.body().substr(0, 200));
      Cookies citizen;
      citizen.take(res);
      auto ss = co_await connect();
      beast::flat_buffer sbuf;
      auto specialist = co_await signIn(ss, sbuf, email, password);
      auto room =
          co_await request(ss, sbuf, http::verb::post, "/api/v1/desk/next", "{}", &specialist);
      if (room.result_int() != 200) throw std::runtime_error("next " + room.body().substr(0, 200));
      std::string room_id(json::parse(room.body()).as_object().at("id").as_string());
      for (auto *jar : {&citizen, &specialist}) {
        auto &stream = jar == &citizen ? cs : ss;
        auto c = co_await openWs(std::move(stream), *jar);
        c->room_id = room_id;
        c->index = long(g_chat_conns.size());
        g_chat_conns.push_back(c);
        asio::co_spawn(co_await asio::this_coro::executor, chatRead(c), asio::detached);
      }
    } catch (const std::exception &e) {
      noteError(std::string("room: ") + e.what());
      ++g_failed;
    }
  }
}

// Sends `rate` messages a second; with `typing`, a typing notice min(1 s, half a period)
// before each, as a person would.
awaitable<void> chatSender(std::shared_ptr<ChatConn> c, double rate, bool typing,
                           std::int64_t until, std::int64_t offset_ns) {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  const auto period = std::chrono::nanoseconds(std::int64_t(1e9 / rate));
  const auto lead = std::min<std::chrono::nanoseconds>(std::chrono::seconds(1), period / 2);
  auto next = std::chrono::steady_clock::now() + std::chrono::nanoseconds(offset_ns) + lead;
  const std::string padding(60, 'x');
  long n = 0;
  while (nowNs() < until) {
    if (typing) {
      timer.expires_at(next - lead);
      co_await timer.async_wait(use_awaitable);
      c->out.push_back(R"({"type":"typing","room_id":")" + c->room_id + "\"}");
      chatWrite(c);
      ++g_chat.typing_sent;
    }
    timer.expires_at(next);
    co_await timer.async_wait(use_awaitable);
    next += period;
    const auto t = nowNs();
    std::string frame = R"({"type":"send","room_id":")" + c->room_id + R"(","client_id":")" +
                        std::to_string(c->index) + "." + std::to_string(t) + "." +
                        std::to_string(++n) + R"(","body":"Сообщение )" + padding + "\"}";
    c->out.push_back(std::move(frame));
    chatWrite(c);
    ++g_chat.sent_total;
    if (t >= g_chat.window_from && t < g_chat.window_to) ++g_chat.sent;
  }
}

int runChat(const Args &a) {
  asio::io_context io(1);
  std::vector<std::pair<std::string, std::string>> all;
  {
    std::ifstream in(a.get("pairs"));
    std::string r, e;
    while (in >> r >> e) all.emplace_back(r, e);
  }
  const long first = a.num("first", 0), rooms = a.num("rooms", long(all.size()));
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> by_reception;
  for (long i = first; i < std::min<long>(long(all.size()), first + rooms); ++i)
    by_reception[all[i].first].push_back(all[i]);
  const auto setup_start = std::chrono::steady_clock::now();
  std::size_t set_up = 0;
  for (auto &[r, list] : by_reception)
    asio::co_spawn(io, chatRooms(a, list), [&](std::exception_ptr) { ++set_up; });
  // The readers keep the io_context busy: run until every reception's rooms are set up.
  while (set_up < by_reception.size()) io.run_for(std::chrono::milliseconds(20));
  const double setup =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - setup_start).count();
  // Several chat processes start loading together: report ready, then wait for the go file.
  if (a.has("ready")) std::ofstream(a.get("ready")) << g_chat_conns.size() << "\n";
  if (a.has("go"))
    for (int i = 0; i < 3000 && !std::ifstream(a.get("go")).good(); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
  // Load: every connection sends `rate` messages a second, spread evenly.
  const double rate = a.real("rate", 18);
  const bool typing = a.has("typing");
  const std::int64_t warmup = a.num("warmup", 3) * 1'000'000'000LL;
  const std::int64_t seconds = a.num("seconds", 10) * 1'000'000'000LL;
  const std::int64_t t0 = nowNs();
  g_chat.window_from = t0 + warmup;
  g_chat.window_to = g_chat.window_from + seconds;
  std::mt19937_64 rng(42);
  for (auto &c : g_chat_conns)
    asio::co_spawn(io,
                   chatSender(c, rate, typing, g_chat.window_to,
                              std::int64_t(rng() % std::uint64_t(1e9 / rate))),
                   asio::detached);
  // Run to the end of the window plus a grace period for the last acks, then stop.
  io.run_for(std::chrono::nanoseconds(warmup + seconds) + std::chrono::seconds(2));
  const double window = double(seconds) / 1e9;
  std::printf("rooms %zu\nconnections %zu\nfailed %ld\nsetup_seconds %.2f\n",
              g_chat_conns.size() / 2, g_chat_conns.size(), g_failed, setup);
  std::printf("sent %ld\nacks %ld\ndelivered %ld\nerrors %ld\nsent_total %ld\nack_total %ld\n",
              g_chat.sent, g_chat.acks, g_chat.delivered, g_chat.errors, g_chat.sent_total,
              g_chat.ack_total);
  std::printf("typing_sent %ld\ntyping_seen %ld\n", g_chat.typing_sent, g_chat.typing_seen);
  std::printf("window_seconds %.1f\n", window);
  // Raw samples for the driver to merge across processes (microseconds).
  if (a.has("samples")) {
    std::ofstream out(a.get("samples"));
    for (auto v : g_chat.ack_us) out << "a " << v << "\n";
    for (auto v : g_chat.deliver_us) out << "d " << v << "\n";
  }
  std::printf("ack_p50_us %.0f\nack_p99_us %.0f\ndeliver_p50_us %.0f\ndeliver_p99_us %.0f\n",
              percentile(g_chat.ack_us, 0.5), percentile(g_chat.ack_us, 0.99),
              percentile(g_chat.deliver_us, 0.5), percentile(g_chat.deliver_us, 0.99));
  if (!g_chat.first_error.empty()) std::printf("error_event %s\n", g_chat.first_error.c_str());
  // A citizen's place from its POST may already be stale (tickets are created concurrently),
  // which shifts its waves; place_at lines let the driver attribute events to takes by time.
  for (auto t : g_place_times) std::printf("place_at %lld\n", (long long)t);
  for (auto &e : g_errors) std::printf("error %s\n", e.c_str());
  std::fflush(stdout);
  std::_Exit(0);
}

// ---- intake: keep-alive connections posting new tickets back to back --------------------
struct IntakeStats {
  std::int64_t window_from = 0, window_to = 0;
  long created = 0, other = 0;
  std::vector<std::int64_t> us;
  std::string first_other;
} g_intake;

// With a path (--path /healthz): GETs of it instead, answered 200 — the HTTP floor of the
// same server and connections, for comparison.
awaitable<void> intakeWorker(std::string reception, std::string path) {
  try {
    auto s = co_await connect();
    beast::flat_buffer buf;
    const std::string body = ticketBody(reception);
    const bool floor = !path.empty();
    const std::string no_body, tickets = "/api/v1/tickets";
    while (nowNs() < g_intake.window_to) {
      const auto t = nowNs();
      http::response<http::string_body> res;
      if (floor)
        res = co_await request(s, buf, http::verb::get, path, no_body);
      else
        res = co_await request(s, buf, http::verb::post, tickets, body);
      const auto done = nowNs();
      if (t < g_intake.window_from || t >= g_intake.window_to) continue;
      if (res.result_int() == (floor ? 200 : 201)) {
        ++g_intake.created;
        g_intake.us.push_back((done - t) / 1000);
      } else {
        ++g_intake.other;
        if (g_intake.first_other.empty())
          g_intake.first_other = std::to_string(res.result_int()) + " " + res.body().substr(0, 200);
      }
    }
  } catch (const std::exception &e) {
    noteError(std::string("intake: ") + e.what());
  }
}

int runIntake(const Args &a) {
  asio::io_context io(1);
  const std::int64_t warmup = a.num("warmup", 3) * 1'000'000'000LL;
  const std::int64_t seconds = a.num("seconds", 10) * 1'000'000'000LL;
  g_intake.window_from = nowNs() + warmup;
  g_intake.window_to = g_intake.window_from + seconds;
  for (long i = 0; i < a.num("connections", 32); ++i)
    asio::co_spawn(io, intakeWorker(a.get("reception"), a.get("path")), asio::detached);
  io.run();
  const double window = double(seconds) / 1e9;
  std::printf("created %ld\nnot_created %ld\nwindow_seconds %.1f\ntickets_per_second %.0f\n",
              g_intake.created, g_intake.other, window, double(g_intake.created) / window);
  std::printf("latency_p50_us %.0f\nlatency_p99_us %.0f\n", percentile(g_intake.us, 0.5),
              percentile(g_intake.us, 0.99));
  if (!g_intake.first_other.empty()) std::printf("first_other %s\n", g_intake.first_other.c_str());
  // A citizen's place from its POST may already be stale (tickets are created concurrently),
  // which shifts its waves; place_at lines let the driver attribute events to takes by time.
  for (auto t : g_place_times) std::printf("place_at %lld\n", (long long)t);
  for (auto &e : g_errors) std::printf("error %s\n", e.c_str());
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  if (argc < 2) {
    std::fprintf(
        stderr,
        "usage: reception_load citizens|taker|chat-setup|chat|intake|specialists --port P …\n");
    return 2;
  }
  const std::string mode = argv[1];
  const Args a = parseArgs(argc, argv);
  g_port = static_cast<unsigned short>(a.num("port", 8080));
  g_bind = a.get("bind");
  try {
    if (mode == "citizens") return runCitizens(a);
    if (mode == "chat") return runChat(a);
    if (mode == "intake") return runIntake(a);
    if (mode == "specialists") return runSpecialists(a);
    asio::io_context io(1);
    std::exception_ptr failure;
    auto done = [&](std::exception_ptr e) { failure = e; };
    if (mode == "taker")
      asio::co_spawn(io, taker(a), done);
    else if (mode == "chat-setup")
      asio::co_spawn(io, chatSetup(a), done);
    else {
      std::fprintf(stderr, "unknown mode %s\n", mode.c_str());
      return 2;
    }
    io.run();
    if (failure) std::rethrow_exception(failure);
  } catch (const std::exception &e) {
    std::fprintf(stderr, "reception_load %s: %s\n", mode.c_str(), e.what());
    return 1;
  }
  return 0;
}
